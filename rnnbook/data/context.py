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
from ..validation import check_int

__all__ = ["window_majority", "causal_bayes_accuracy"]


def window_majority(batch_size: int, T: int, k: int = 2, *, seed: SeedLike = 0) -> tuple:
    """Draw ``batch_size`` random bit streams of ``T`` steps and their centred-window labels.

    Returns
    -------
    x : ndarray
        (T, B, 1) float32 bits.
    y : ndarray
        (T, B) int64 labels, 1 where more than k of x_{t-k} .. x_{t+k} are 1.

    Shapes
    ------
    x: (T, B, D=1), y: (T, B), with B = ``batch_size``.
    """
    for name, value in (("batch_size", batch_size), ("T", T), ("k", k)):
        check_int(name, value, minimum=1)
    rng = as_rng(seed)
    bits = rng.integers(0, 2, size=(T, batch_size))  # (T, B)
    padded = np.pad(bits, ((k, k), (0, 0)))  # (T + 2k, B): zeros outside the sequence
    window = np.lib.stride_tricks.sliding_window_view(padded, 2 * k + 1, axis=0)  # (T, B, 2k+1)
    y = (window.sum(axis=-1) > k).astype(np.int64)  # Eq. (7.4)
    return bits[:, :, None].astype(np.float32), y


def causal_bayes_accuracy(k: int, delay: int = 0) -> float:
    """Best accuracy of a reader that labels step t after seeing x_1 .. x_{t+delay}.

    With ``delay = 0`` the reader is causal and k of the 2k + 1 bits that decide y_t are
    unseen; a reader whose outputs are delayed by ``delay`` steps (it emits y_t at step
    t + delay, as in Schuster & Paliwal's delayed networks) misses m = k - delay of them
    (none once ``delay >= k``). Given the sum a of the 2k + 1 - m bits it has seen, the
    unseen sum b is Binomial(m, 1/2); the best guess is the likelier of y = 1
    (a + b > k) and y = 0, so the accuracy is

    .. math:: \\sum_{a} \\binom{2k+1-m}{a} 2^{-(2k+1-m)} \\max(P(b > k - a), P(b \\le k - a)).

    It holds for interior steps (k <= t < T - k). For k = 2 it is 13/16 = 0.8125 with
    delay 0 and with delay 1, and 1 with delay 2.
    """
    check_int("k", k, minimum=1)
    check_int("delay", delay, minimum=0)
    k = int(k)
    m = max(k - int(delay), 0)  # unseen bits
    seen = 2 * k + 1 - m
    total = 0.0
    for a in range(seen + 1):
        p_one = sum(comb(m, b) for b in range(m + 1) if a + b > k) / 2**m
        total += comb(seen, a) / 2**seen * max(p_one, 1.0 - p_one)
    return total
