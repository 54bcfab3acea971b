"""The adding problem of Hochreiter & Schmidhuber (1997), in the form of Le et al. (2015).

Each sequence has two channels. The first carries numbers drawn uniformly from [0, 1];
the second is zero except at two positions, one in each half of the sequence, where it is
one (the *markers*). The target is the sum of the two marked numbers. A network must carry
the first marked number across up to ``T`` steps to add it to the second.

The sum of two independent U(0, 1) numbers has mean 1 and variance 1/12 + 1/12 = 1/6, so
a model that always predicts 1 (the best constant) scores a mean squared error of 1/6:
the baseline that a network which has learned nothing sits at. A model that knows the
second marked number but not the first can do no better than answering :math:`u_b + 1/2`,
whose mean squared error is Var[u_a] = 1/12: half the baseline.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_int

__all__ = ["ADDING_BASELINE_MSE", "ADDING_ONE_NUMBER_MSE", "adding_problem", "adding_batches"]

#: The mean squared error of always predicting 1, the best constant, equal to Var[u_1 + u_2] = 2/12.
ADDING_BASELINE_MSE: float = 1.0 / 6.0

#: The mean squared error of the best answer that uses only one of the two marked numbers,
#: u + 1/2, equal to the variance of the other, 1/12.
ADDING_ONE_NUMBER_MSE: float = 1.0 / 12.0


def _check_sizes(batch_size: int, T: int) -> None:
    check_int("batch_size", batch_size, minimum=1)
    check_int("T", T, minimum=2)


def adding_problem(batch_size: int, T: int, seed: SeedLike = 0) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``batch_size`` sequences of the adding problem of length ``T``.

    Channel 0 holds :math:`u_t \\sim U(0, 1)`; channel 1 holds the markers,
    one at a uniformly drawn step :math:`a` of the first half
    (:math:`0 \\le a < \\lfloor T/2 \\rfloor`) and one at a step :math:`b` of the second
    half (:math:`\\lfloor T/2 \\rfloor \\le b < T`). The target is

    .. math:: y = u_a + u_b ,

    whose best constant predictor, 1, has mean squared error
    :data:`ADDING_BASELINE_MSE` = 1/6.

    Parameters
    ----------
    batch_size : int
        Number of sequences, B.
    T : int
        Sequence length, at least 2.
    seed : int, numpy.random.Generator or None
        Source of randomness (see :func:`rnnbook.utils.as_rng`).

    Returns
    -------
    x : numpy.ndarray of float32
        Inputs, time-major.
    y : numpy.ndarray of float32
        Targets.

    Shapes
    ------
    x : (T, B, 2); y : (B,).
    """
    _check_sizes(batch_size, T)
    n = batch_size
    rng = as_rng(seed)
    half = T // 2
    values = rng.uniform(0.0, 1.0, size=(T, n))  # (T, n)
    first = rng.integers(0, half, size=n)  # marker in [0, T//2)
    second = rng.integers(half, T, size=n)  # marker in [T//2, T)
    markers = np.zeros((T, n))
    cols = np.arange(n)
    markers[first, cols] = 1.0
    markers[second, cols] = 1.0
    x = np.stack([values, markers], axis=-1).astype(np.float32)  # (T, n, 2)
    y = (values[first, cols] + values[second, cols]).astype(np.float32)  # (n,)
    return x, y


def adding_batches(batch_size: int, T: int, seed: SeedLike = 0) -> Iterator[tuple]:
    """Yield fresh ``(x, y)`` batches of the adding problem as torch tensors, forever.

    Meant as the ``batches`` argument of :func:`rnnbook.train.fit`: every step sees new
    sequences, so there is no overfitting to a fixed training set.

    Shapes
    ------
    x : (T, B, 2); y : (B,), with B = ``batch_size``.
    """
    import torch

    _check_sizes(batch_size, T)
    rng = as_rng(seed)

    def stream() -> Iterator:  # the checks above run at the call, not at the first batch
        while True:
            x, y = adding_problem(batch_size, T, seed=rng)
            yield torch.from_numpy(x), torch.from_numpy(y)

    return stream()
