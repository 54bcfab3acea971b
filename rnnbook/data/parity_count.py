"""A task with two levels of composition: count, modulo m, the steps whose bits have odd parity.

At every step the input is a vector of k random bits, and the label is a running count,
modulo m, of the steps so far at which an odd number of the k bits were 1 (Eq. (7.5)):

.. math::

   z_t = \\Big(\\sum_{i=1}^{k} x_{t,i}\\Big) \\bmod 2, \\qquad
   y_t = \\Big(\\sum_{s=1}^{t} z_s\\Big) \\bmod m .

Each step needs two computations, one on top of the other: the parity z_t of the current
bits (a function of x_t alone, not linearly separable for k >= 2), and then the update of
a modulo-m counter by z_t (a function of the previous count and of z_t). The label of
step t is due at step t, so a network cannot spread the two over two steps. With m = 2 the
task would collapse into the parity of all the bits seen; m = 3 keeps the two levels
apart. Chapter 7 uses it to compare a stacked network with a shallow one of equal size.
"""

from __future__ import annotations

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["parity_count"]


def parity_count(batch_size: int, T: int, bits: int = 3, modulus: int = 3, *,
                 seed: SeedLike = 0) -> tuple:
    """Draw ``batch_size`` streams of ``T`` steps of ``bits`` random bits and their labels.

    Parameters
    ----------
    batch_size : int
        B, the number of streams.
    T : int
        The steps per stream.
    bits : int
        k, the bits per step (at least 1).
    modulus : int
        m, the counter's modulus and the number of classes (at least 2).
    seed : int, numpy.random.Generator or None
        The random bits.

    Returns
    -------
    x : ndarray
        float32 bits of 0 and 1.
    y : ndarray
        int64 labels in {0, ..., m - 1}: Eq. (7.5), the number of steps s <= t whose
        bits have odd parity, modulo m.

    Shapes
    ------
    x: (T, B, D=k), y: (T, B), with B = ``batch_size``.

    Examples
    --------
    >>> x, y = parity_count(2, 5, seed=0)
    >>> x.shape, y.shape
    ((5, 2, 3), (5, 2))
    """
    batch_size = check_positive_int("batch_size", batch_size)
    T = check_positive_int("T", T)
    bits = check_positive_int("bits", bits)
    modulus = check_positive_int("modulus", modulus, minimum=2)
    x = as_rng(seed).integers(0, 2, size=(T, batch_size, bits))  # (T, B, k)
    z = x.sum(axis=-1) % 2  # (T, B): parity of the bits of each step
    y = np.cumsum(z, axis=0) % modulus  # (T, B): Eq. (7.5)
    return x.astype(np.float32), y.astype(np.int64)
