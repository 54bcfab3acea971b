"""A labelling task whose answer depends on the future: the majority of a centred window.

The input is a stream of random bits x_t in {0, 1}; the label of step t is the majority
of the 2k + 1 bits centred on it (Eq. (7.4)),

.. math:: y_t = \\mathbb{1}\\Big[\\sum_{j=-k}^{k} x_{t+j} > k\\Big]

(bits outside the sequence count as 0). A unidirectional network at step t has seen
x_1 .. x_t only, so k of the 2k + 1 bits that decide y_t are still in its future; a
bidirectional one sees all of them. :func:`causal_bayes_accuracy` gives the best accuracy
any unidirectional reader can reach on interior steps, so that a measured accuracy can
be compared with its ceiling.
"""

from __future__ import annotations

from math import comb

import numpy as np

from ..utils import SeedLike, as_rng

__all__ = ["window_majority", "causal_bayes_accuracy"]


def window_majority(n: int, length: int, k: int = 2, *, seed: SeedLike = 0) -> tuple:
    """Draw ``n`` random bit streams of ``length`` steps and their centred-window labels.

    Returns
    -------
    x : ndarray
        (T, n, 1) float32 bits.
    y : ndarray
        (T, n) int64 labels, 1 where more than k of x_{t-k} .. x_{t+k} are 1.

    Shapes
    ------
    x: (T, B, D=1), y: (T, B), with T = ``length`` and B = ``n``.
    """
    for name, value in (("n", n), ("length", length), ("k", k)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a positive integer; got {value!r}")
    rng = as_rng(seed)
    bits = rng.integers(0, 2, size=(length, n))  # (T, B)
    padded = np.pad(bits, ((k, k), (0, 0)))  # (T + 2k, B): zeros outside the sequence
    window = np.lib.stride_tricks.sliding_window_view(padded, 2 * k + 1, axis=0)  # (T, B, 2k+1)
    y = (window.sum(axis=-1) > k).astype(np.int64)  # Eq. (7.4)
    return bits[:, :, None].astype(np.float32), y


def causal_bayes_accuracy(k: int) -> float:
    """Best accuracy of a reader that sees x_1 .. x_t but not x_{t+1} .. x_{t+k}.

    Given the sum a of the k + 1 bits it has seen, the unseen sum b is Binomial(k, 1/2);
    the best guess is the likelier of y = 1 (b > k - a) and y = 0, so the accuracy is

    .. math:: \\sum_{a=0}^{k+1} \\binom{k+1}{a} 2^{-(k+1)} \\max(P(b > k - a), P(b \\le k - a)).

    It holds for interior steps (k <= t < T - k). For k = 2 it is 13/16 = 0.8125.
    """
    if not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a positive integer; got {k!r}")
    k = int(k)
    total = 0.0
    for a in range(k + 2):
        p_one = sum(comb(k, b) for b in range(k + 1) if a + b > k) / 2**k
        total += comb(k + 1, a) / 2 ** (k + 1) * max(p_one, 1.0 - p_one)
    return total
