"""Counting languages: a^n b^n and a^n b^n c^n, with positive and near-miss negative strings.

Recognising :math:`a^n b^n` needs a counter: no finite-state machine accepts exactly these
strings for every n. Weiss, Goldberg & Yahav (2018) showed that an LSTM trained on short
strings learns to count with its cell state and keeps accepting and rejecting correctly
far beyond the training lengths, while a GRU or a squashing (tanh) RNN does not.

The negatives here are *near misses*, which only a counter can reject: strings of the right
shape :math:`a^* b^*` (or :math:`a^* b^* c^*`) whose blocks differ in length by one or two,
and strings with one symbol out of order.
"""

from __future__ import annotations

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_int

__all__ = [
    "ANBN_ALPHABET",
    "NEXT_SYMBOLS",
    "anbn",
    "is_anbn",
    "near_misses",
    "anbn_dataset",
    "encode_strings",
    "anbn_next_sets",
    "anbn_prediction_batch",
    "accepts_by_prediction",
]

#: The alphabet; its order fixes the one-hot code of the inputs.
ANBN_ALPHABET = "abc"
#: The symbols a predictor scores after each input, the alphabet and the end of string ``$``.
NEXT_SYMBOLS = "abc$"


def _check_k(k: int) -> None:
    if k not in (2, 3):
        raise ValueError(f"k must be 2 (a^n b^n) or 3 (a^n b^n c^n); got {k!r}")


def _check_n(n: int) -> None:
    check_int("n", n, minimum=1)


def anbn(n: int, k: int = 2) -> str:
    """The string :math:`a^n b^n` (``k=2``) or :math:`a^n b^n c^n` (``k=3``)."""
    _check_n(n)
    _check_k(k)
    return "".join(sym * n for sym in ANBN_ALPHABET[:k])


def is_anbn(s: str, k: int = 2) -> bool:
    """Whether ``s`` equals :math:`a^n b^n` (``k=2``) or :math:`a^n b^n c^n` (``k=3``), n >= 1."""
    _check_k(k)
    if not isinstance(s, str):
        raise TypeError(f"s must be a str; got {type(s).__name__}")
    n, rest = divmod(len(s), k)
    return n >= 1 and rest == 0 and s == anbn(n, k)


def near_misses(n: int, k: int = 2, seed: SeedLike = 0) -> list:
    """Negative strings close to :math:`a^n b^n` (or :math:`a^n b^n c^n`).

    One block made one or two symbols longer or shorter (all such variants), plus one
    string with two neighbouring symbols of different kinds swapped (drawn with ``seed``).
    None of them belongs to the language.
    """
    _check_n(n)
    _check_k(k)
    rng = as_rng(seed)
    out = []
    for block in range(1, k):  # change a later block: the count must be compared
        for delta in (-2, -1, 1, 2):
            sizes = [n] * k
            sizes[block] += delta
            if sizes[block] >= 1:
                out.append("".join(sym * m for sym, m in zip(ANBN_ALPHABET, sizes)))
    s = list(anbn(n, k))
    border = n * int(rng.integers(1, k))  # the first symbol of a later block
    s[border - 1], s[border] = s[border], s[border - 1]  # swap across a block border
    out.append("".join(s))
    return [w for w in out if not is_anbn(w, k)]


def anbn_dataset(ns, k: int = 2, seed: SeedLike = 0) -> tuple:
    """Positive and near-miss negative strings for every n in ``ns``.

    For each n: one positive string, :math:`a^n b^n` (repeated so that positives and
    negatives are balanced), and the strings of :func:`near_misses`.

    Returns
    -------
    strings : list of str
    labels : numpy.ndarray of float32, 1.0 for members of the language, 0.0 otherwise.
    ns_out : numpy.ndarray of int, the n each string was made from.

    Shapes
    ------
    labels, ns_out : (len(strings),).
    """
    _check_k(k)
    rng = as_rng(seed)
    strings, labels, ns_out = [], [], []
    for n in ns:
        neg = near_misses(int(n), k, seed=rng)
        pos = [anbn(int(n), k)] * len(neg)
        strings += pos + neg
        labels += [1.0] * len(pos) + [0.0] * len(neg)
        ns_out += [int(n)] * (len(pos) + len(neg))
    if not strings:
        raise ValueError("ns must hold at least one positive integer; got an empty sequence")
    return strings, np.asarray(labels, dtype=np.float32), np.asarray(ns_out)


def encode_strings(strings: list, alphabet: str = ANBN_ALPHABET) -> tuple:
    """One-hot encode strings, padded at the end with zero vectors, and their lengths.

    Shapes
    ------
    x : (T, B, len(alphabet)) float32 with T the longest string; lengths : (B,) int64.
    """
    if not strings:
        raise ValueError("strings must be a non-empty list; got an empty list")
    T, B = max(len(s) for s in strings), len(strings)
    x = np.zeros((T, B, len(alphabet)), dtype=np.float32)
    for b, s in enumerate(strings):
        bad = set(s) - set(alphabet)
        if bad:
            raise ValueError(f"strings must use only the symbols {alphabet!r}; got {sorted(bad)} in {s!r}")
        x[np.arange(len(s)), b, [alphabet.index(c) for c in s]] = 1.0
    return x, np.asarray([len(s) for s in strings], dtype=np.int64)


# ---------------------------------------------------------------- the prediction task
# Trained on positive strings only, a network predicts after every symbol the set of
# symbols that may legally come next (Gers & Schmidhuber 2001; Weiss et al. 2018 judge
# acceptance the same way). After a: {a, b}; after the i-th b (i < n): {b}; after the n-th
# b: {$} (or {c} for k = 3). Only a counter can tell when the b's must stop.


def anbn_next_sets(n: int, k: int = 2) -> np.ndarray:
    """Legal next symbols after each prefix of :math:`a^n b^n` (or :math:`a^n b^n c^n`).

    Shapes
    ------
    output : (k n, 4), multi-hot over :data:`NEXT_SYMBOLS`.
    """
    _check_n(n)
    _check_k(k)
    out = np.zeros((k * n, len(NEXT_SYMBOLS)), dtype=np.float32)
    out[:n, 0] = out[:n, 1] = 1.0  # after an a: another a, or the first b
    for block in range(1, k):
        start = block * n
        out[start : start + n - 1, block] = 1.0  # inside a block: the same symbol
        nxt = block + 1 if block + 1 < k else NEXT_SYMBOLS.index("$")
        out[start + n - 1, nxt] = 1.0  # after the n-th: the next block, or the end
    return out


def anbn_prediction_batch(ns, k: int = 2) -> tuple:
    """Inputs, next-symbol targets and mask for the positive strings of the given ``ns``.

    Returns
    -------
    x, targets, mask : numpy.ndarray of float32

    Shapes
    ------
    x : (T, B, 3) one-hot with T = k max(ns) and B = len(ns), padded with zeros;
    targets : (T, B, 4); mask : (T, B), 1 at real steps.
    """
    ns = [int(n) for n in ns]
    if not ns:
        raise ValueError("ns must hold at least one positive integer; got an empty sequence")
    x, _ = encode_strings([anbn(n, k) for n in ns])
    T, B = x.shape[0], x.shape[1]
    targets = np.zeros((T, B, len(NEXT_SYMBOLS)), dtype=np.float32)
    mask = np.zeros((T, B), dtype=np.float32)
    for b, n in enumerate(ns):
        targets[: k * n, b] = anbn_next_sets(n, k)
        mask[: k * n, b] = 1.0
    return x, targets, mask


def accepts_by_prediction(probs: np.ndarray, strings: list, threshold: float = 0.5) -> np.ndarray:
    """Whether a next-symbol predictor accepts each string.

    ``probs[t, b]`` are the predicted probabilities (over :data:`NEXT_SYMBOLS`) of the
    symbol that follows the first t + 1 symbols of ``strings[b]``. The string is accepted
    when each of its symbols after the first, and the end ``$`` after the last, was
    predicted with probability above ``threshold``.

    Shapes
    ------
    probs : (T, B, 4) with T >= the longest string; output : (B,) bool.
    """
    probs = np.asarray(probs)
    if probs.ndim != 3 or probs.shape[1] != len(strings) or probs.shape[2] != len(NEXT_SYMBOLS):
        raise ValueError(
            f"probs must have shape (T, B={len(strings)}, {len(NEXT_SYMBOLS)}); got {probs.shape}"
        )
    out = np.zeros(len(strings), dtype=bool)
    for b, s in enumerate(strings):
        if len(s) > probs.shape[0]:
            raise ValueError(f"probs has T={probs.shape[0]} steps, fewer than len({s!r})")
        following = [NEXT_SYMBOLS.index(c) for c in s[1:] + "$"]
        out[b] = bool(np.all(probs[np.arange(len(s)), b, following] > threshold))
    return out
