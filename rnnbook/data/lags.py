"""Sequence tasks whose answer depends on an input a controlled number of steps back.

Two tasks isolate the time lag of a dependency from everything else:

- :func:`delayed_recall` is a stream of random bits in which the target at every step is
  the bit seen ``lag`` steps earlier (a delayed copy). The loss sits at every step, so it
  suits truncated backpropagation through time: the dependency is exactly ``lag`` steps
  long, wherever the stream is cut.
- :func:`remember_bit` shows one bit at the first step, then ``lag`` steps of distractor
  noise, and asks for the bit at the last step. Only one bit must be stored, so what limits
  a network is the length of the lag and not its capacity: this is the task that measures
  a memory horizon.

Bits are fed as :math:`\\pm 1`, labels are the integers 0 (for :math:`-1`) and 1 (for
:math:`+1`). Both functions are vectorised over the batch and seeded.
"""

from __future__ import annotations

from typing import Tuple

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_dtype, check_positive_int

__all__ = ["delayed_recall", "remember_bit", "bits_to_labels"]


def bits_to_labels(bits: np.ndarray) -> np.ndarray:
    """Map bits in :math:`\\{-1, +1\\}` to integer labels in :math:`\\{0, 1\\}`.

    Shapes
    ------
    bits : any shape; the result has the same shape, dtype int64.
    """
    bits = np.asarray(bits)
    if not np.all(np.isin(bits, (-1, 1))):
        raise ValueError("bits must contain only -1 and +1")
    return (bits > 0).astype(np.int64)


def delayed_recall(
    batch_size: int,
    T: int,
    lag: int,
    *,
    seed: SeedLike = 0,
    dtype: object = np.float64,
) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A stream of random bits whose target at step :math:`t` is the bit of step :math:`t - k`.

    With :math:`b_t \\in \\{-1, +1\\}` drawn uniformly and independently, the input is
    :math:`x_t = b_t` and the label at step :math:`t` is :math:`b_{t-k}` (as 0 or 1) for
    :math:`t \\ge k`, where :math:`k` is ``lag``. The first ``lag`` steps have no defined
    target; ``mask`` is False there and the label is 0.

    Parameters
    ----------
    batch_size : int
        Number of independent streams, B.
    T : int
        Length of the stream; must exceed ``lag``.
    lag : int
        The delay :math:`k \\ge 0` (0: copy the current bit).
    seed : int or numpy.random.Generator
        Source of the bits.
    dtype : str or numpy.dtype
        Dtype of ``x``: float32 or float64.

    Returns
    -------
    x : ndarray
        The bits, :math:`\\pm 1`.
    labels : ndarray of int64
        :math:`b_{t-k}` as 0/1 where ``mask`` is True, else 0.
    mask : ndarray of bool
        True where a target exists (:math:`t \\ge k`).

    Shapes
    ------
    x: (T, B, 1); labels: (T, B); mask: (T, B).
    """
    B = check_positive_int("batch_size", batch_size)
    T = check_positive_int("T", T)
    lag = check_positive_int("lag", lag, minimum=0)
    if lag >= T:
        raise ValueError(f"lag must be smaller than T={T}; got {lag}")
    dt = check_dtype(dtype)
    rng = as_rng(seed)
    bits = rng.choice(np.array([-1, 1]), size=(T, B))  # (T, B)
    labels = np.zeros((T, B), dtype=np.int64)
    labels[lag:] = bits_to_labels(bits[: T - lag])  # label_t = b_{t-k}
    mask = np.zeros((T, B), dtype=bool)
    mask[lag:] = True
    x = bits[:, :, None].astype(dt)  # (T, B, 1)
    return x, labels, mask


def remember_bit(
    batch_size: int,
    lag: int,
    *,
    noise: float = 1.0,
    seed: SeedLike = 0,
    dtype: object = np.float64,
) -> Tuple[np.ndarray, np.ndarray]:
    """One bit at the first step, ``lag`` steps of noise, and the bit asked for at the end.

    The sequence has :math:`T = k + 1` steps for a lag :math:`k`: :math:`x_1 = b` with
    :math:`b \\in \\{-1, +1\\}`, and :math:`x_t \\sim \\mathcal N(0, s^2)` for
    :math:`t = 2, \\dots, T`, where :math:`s` is ``noise``. The label, read at the last step,
    is :math:`b` (as 0 or 1): the network must carry one bit across :math:`k` steps of
    distractors, the "latching" problem of Bengio, Simard and Frasconi (1994).

    Parameters
    ----------
    batch_size : int
        Number of sequences, B.
    lag : int
        Number of steps :math:`k \\ge 1` between the bit and the question.
    noise : float
        Standard deviation :math:`s \\ge 0` of the distractor inputs.
    seed : int or numpy.random.Generator
        Source of the bits and the noise.
    dtype : str or numpy.dtype
        Dtype of ``x``: float32 or float64.

    Returns
    -------
    x : ndarray
        The inputs.
    labels : ndarray of int64
        The bit of the first step, as 0/1.

    Shapes
    ------
    x: (T, B, 1) with T = lag + 1; labels: (B,).
    """
    B = check_positive_int("batch_size", batch_size)
    lag = check_positive_int("lag", lag)
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.floating)) or not noise >= 0:
        raise ValueError(f"noise must be a non-negative number; got {noise!r}")
    dt = check_dtype(dtype)
    rng = as_rng(seed)
    bits = rng.choice(np.array([-1, 1]), size=B)  # (B,)
    x = np.empty((lag + 1, B, 1), dtype=dt)  # (T, B, 1)
    x[0, :, 0] = bits
    x[1:, :, 0] = noise * rng.standard_normal((lag, B))
    return x, bits_to_labels(bits)
