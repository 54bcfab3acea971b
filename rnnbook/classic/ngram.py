"""Character n-gram language models with interpolated Kneser-Ney smoothing, by counting.

The count baseline of the character language model in the GRU chapter. An order-``n``
model predicts a character from the ``n - 1`` characters before it. Counts alone give
zero probability to every continuation not seen in training, so the estimate is
*smoothed*: interpolated Kneser-Ney (Kneser & Ney 1995; Chen & Goodman 1999) subtracts a
discount :math:`D_k` from every count of order :math:`k` and gives the mass it frees to the
model of order :math:`k - 1`,

.. math::

    p_k(w \\mid h) = \\frac{\\max(c_k(h w) - D_k, 0)}{c_k(h)}
        + \\frac{D_k \\, N_{1+}(h \\bullet)}{c_k(h)} \\, p_{k-1}(w \\mid h'),

where :math:`h'` is :math:`h` without its oldest character and :math:`N_{1+}(h \\bullet)`
the number of distinct characters seen after :math:`h`. The highest order counts
occurrences; the lower orders count *continuations*, :math:`c_k(h w) = N_{1+}(\\bullet h w)`,
the number of distinct characters seen before :math:`h w` (a string that follows only one
context should not get a large lower-order probability). The recursion ends in the
uniform distribution over the ``V`` characters; a context never seen passes its lower
order's estimate through unchanged. The discounts default to Ney's estimate
:math:`D_k = n_1 / (n_1 + 2 n_2)` from the numbers of k-grams seen once and twice.

Everything is counted with NumPy: a k-gram is one int64 key (base ``V`` digits), counts
come from ``numpy.unique`` and look-ups from ``numpy.searchsorted``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from ..utils import check_positive_int

__all__ = ["KneserNeyLM", "ngram_bits_per_character"]


def _check_codes(name: str, codes: np.ndarray, vocab_size: int) -> np.ndarray:
    codes = np.asarray(codes)
    if codes.ndim != 1 or not np.issubdtype(codes.dtype, np.integer):
        raise ValueError(f"{name} must be a 1-D array of integer codes; got shape {codes.shape}, dtype {codes.dtype}")
    if codes.size and (codes.min() < 0 or codes.max() >= vocab_size):
        raise ValueError(
            f"{name} must hold codes in [0, {vocab_size - 1}]; got values in [{codes.min()}, {codes.max()}]"
        )
    return codes.astype(np.int64)


def _keys(codes: np.ndarray, k: int, V: int) -> np.ndarray:
    """Key of every k-gram of ``codes``: ``sum_j codes[i + j] V^(k-1-j)``, shape (N - k + 1,)."""
    n = len(codes) - k + 1
    key = np.zeros(max(n, 0), dtype=np.int64)
    for j in range(k):
        key = key * V + codes[j : j + n]
    return key


@dataclass
class _Order:
    """Statistics of one order k: (continuation) counts of k-grams and of their contexts."""

    keys: np.ndarray  # sorted k-gram keys
    counts: np.ndarray  # c_k(h w)
    ctx_keys: np.ndarray  # sorted context keys (h, k-1 characters)
    ctx_totals: np.ndarray  # c_k(h) = sum_w c_k(h w)
    ctx_types: np.ndarray  # N_1+(h .)
    discount: float


def _lookup(sorted_keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``values`` at the positions of ``query`` in ``sorted_keys``; 0 where absent."""
    if len(sorted_keys) == 0:
        return np.zeros(len(query), dtype=values.dtype)
    pos = np.searchsorted(sorted_keys, query)
    pos = np.minimum(pos, len(sorted_keys) - 1)
    found = sorted_keys[pos] == query
    return np.where(found, values[pos], 0)


class KneserNeyLM:
    """Interpolated Kneser-Ney character n-gram model of order ``order``.

    Parameters
    ----------
    codes : numpy.ndarray
        Training text as integer codes in ``[0, vocab_size)``.
    vocab_size : int
        V, the number of characters.
    order : int
        n: the model conditions on the ``n - 1`` previous characters (1: unigram).
    discounts : sequence of float, optional
        :math:`D_1, \\dots, D_n` in (0, 1); by default Ney's estimate for each order.

    Shapes
    ------
    codes : (N,); :meth:`KneserNeyLM.probabilities` takes text (M,) and returns (M - start,).
    """

    def __init__(
        self, codes: np.ndarray, vocab_size: int, order: int, discounts: Optional[Sequence[float]] = None
    ) -> None:
        V = check_positive_int("vocab_size", vocab_size, minimum=2)
        n = check_positive_int("order", order)
        if V ** n >= 2**62:
            raise ValueError(f"order must keep V**order below 2**62; got V={V}, order={n}")
        codes = _check_codes("codes", codes, V)
        if len(codes) <= n:
            raise ValueError(f"codes must be longer than order={n}; got {len(codes)} codes")
        if discounts is not None:
            discounts = [float(d) for d in discounts]
            if len(discounts) != n or not all(0.0 < d < 1.0 for d in discounts):
                raise ValueError(f"discounts must be {n} numbers in (0, 1); got {discounts!r}")
        self.vocab_size, self.order = V, n
        self.orders = []
        for k in range(1, n + 1):
            keys, counts = np.unique(_keys(codes, k, V), return_counts=True)
            if k < n:  # continuation counts: distinct characters seen before the k-gram
                longer = np.unique(_keys(codes, k + 1, V))
                keys, counts = np.unique(longer % V**k, return_counts=True)
            n1, n2 = np.sum(counts == 1), np.sum(counts == 2)
            d = discounts[k - 1] if discounts is not None else (n1 / (n1 + 2 * n2) if n1 > 0 else 0.5)
            ctx_keys, inverse = np.unique(keys // V, return_inverse=True)
            totals = np.bincount(inverse, weights=counts).astype(np.float64)
            types = np.bincount(inverse).astype(np.float64)
            self.orders.append(_Order(keys, counts.astype(np.float64), ctx_keys, totals, types, float(d)))

    @property
    def discounts(self) -> list:
        """The discount :math:`D_k` of each order k = 1..n."""
        return [o.discount for o in self.orders]

    def probabilities(self, codes: np.ndarray, start: Optional[int] = None) -> np.ndarray:
        """Probability of each character of ``codes`` given the ``n - 1`` before it.

        Parameters
        ----------
        codes : numpy.ndarray
            Text as integer codes.
        start : int, optional
            First position scored (default ``n - 1``, the first with a full context);
            must be at least ``n - 1``.

        Shapes
        ------
        codes : (M,); output : (M - start,).
        """
        V, n = self.vocab_size, self.order
        codes = _check_codes("codes", codes, V)
        start = n - 1 if start is None else start
        if not isinstance(start, (int, np.integer)) or isinstance(start, bool) or not n - 1 <= start < len(codes):
            raise ValueError(f"start must be an integer in [{n - 1}, {len(codes) - 1}]; got {start!r}")
        target = codes[start:]
        p = np.full(len(target), 1.0 / V)
        for k, o in enumerate(self.orders, start=1):
            # key of the k-gram ending at each target, and of its context (k - 1 characters)
            key = np.zeros(len(target), dtype=np.int64)
            for j in range(k):
                key = key * V + codes[start - k + 1 + j : len(codes) - k + 1 + j]
            ctx = key // V
            total = _lookup(o.ctx_keys, o.ctx_totals, ctx)
            types = _lookup(o.ctx_keys, o.ctx_types, ctx)
            count = _lookup(o.keys, o.counts, key)
            seen = total > 0
            safe = np.where(seen, total, 1.0)
            mixed = (np.maximum(count - o.discount, 0.0) + o.discount * types * p) / safe
            p = np.where(seen, mixed, p)
        return p

    def bits_per_character(self, codes: np.ndarray, start: Optional[int] = None) -> float:
        """Mean of :math:`-\\log_2 p(x_t \\mid x_{t-n+1:t})` over the scored characters."""
        return float(-np.log2(self.probabilities(codes, start)).mean())


def ngram_bits_per_character(
    train: np.ndarray, valid: np.ndarray, vocab_size: int, orders: Sequence[int] = (1, 2, 3, 4, 5), start: Optional[int] = None
) -> dict:
    """Validation bits per character of a Kneser-Ney model of each order.

    Every order scores the same characters, ``valid[start:]`` (by default from
    ``max(orders) - 1`` on), so the numbers can be compared.

    Returns
    -------
    dict
        Maps each order to its bits per character.

    Shapes
    ------
    train : (N,); valid : (M,) integer codes in ``[0, vocab_size)``.
    """
    orders = [check_positive_int("order", k) for k in orders]
    if not orders:
        raise ValueError("orders must hold at least one positive integer; got an empty sequence")
    start = max(orders) - 1 if start is None else start
    return {k: KneserNeyLM(train, vocab_size, k).bits_per_character(valid, start) for k in orders}
