"""Strips of real handwritten digits for unsegmented recognition (offline).

scikit-learn ships 1,797 handwritten digits as 8x8 images (values 0 to 16). A *strip*
lays several of them side by side, left to right, with a random gap (or overlap) between
neighbours and random margins, and keeps only the label sequence: where each digit starts
is not given. Read column by column, a strip is a sequence of T vectors of D = 8 pixels,
the input of a CTC reader (chapter 8).

The 1,797 digit images are split once, with a fixed permutation, into train (60%),
validation (20%) and test (20%) pools (the book's one split,
:func:`rnnbook.data.digits_images.digit_split`, which chapters 9 and 10 use too), and a
strip of a split is built only from that split's pool, so test strips show digits that no
training strip contained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional, Sequence

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_instance, check_int
from .digits_images import digit_split

__all__ = [
    "DigitStrips", "digit_pool", "digit_strips", "collate_strips", "strip_batches", "digit_lexicon",
]

SPLITS = ("train", "validation", "test")


@dataclass(frozen=True)
class DigitStrips:
    """A list of strips and their label sequences.

    Attributes
    ----------
    images : list of ndarray
        Strip b is ``images[b]``, shape (8, W_b), pixel values in [0, 1].
    labels : list of ndarray
        The digits of strip b, left to right, shape (U_b,), values 0 to 9.
    bounds : list of ndarray or None
        Where each digit of strip b lies: ``bounds[b][u] = (start, end)``, the first inked
        column of digit u and one past its last (the digit's ink spans columns
        ``start <= t < end``), shape (U_b, 2). Never used for training (CTC does not need
        it); it lets a chapter check where a network emits each label. ``None`` for
        strips built by hand without it.
    """

    images: list
    labels: list
    bounds: Optional[list] = field(default=None)

    def __len__(self) -> int:
        return len(self.images)


@lru_cache(maxsize=None)
def _pools() -> dict:
    # The book's one split of the bundled digits (rnnbook.data.digits_images.digit_split,
    # 60/20/20, the same digits as chapters 9 and 10 use), in float32 for the networks.
    return {k: (images.astype(np.float32), labels) for k, (images, labels) in
            ((k, digit_split(k)) for k in SPLITS)}


def digit_pool(split: str) -> tuple:
    """The digit images of one split and their labels: ((N, 8, 8) in [0, 1], (N,))."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}; got {split!r}")
    images, labels = _pools()[split]
    return images.copy(), labels.copy()


def digit_strips(
    n: int,
    split: str = "train",
    *,
    min_digits: int = 3,
    max_digits: int = 6,
    gap: tuple = (-2, 3),
    margin: tuple = (0, 3),
    jitter: int = 0,
    lexicon: Optional[Sequence[Sequence[int]]] = None,
    seed: SeedLike = 0,
) -> DigitStrips:
    """Draw ``n`` strips of ``min_digits`` to ``max_digits`` digits from one split's pool.

    With ``lexicon`` (a list of digit strings, for example from :func:`digit_lexicon`),
    each strip's digit string is drawn uniformly from it instead, and ``min_digits`` and
    ``max_digits`` are not used; the images of the digits are still drawn at random from
    the pool.

    Neighbouring digits are ``g`` columns apart, g drawn uniformly from
    ``gap = (g_min, g_max)`` (inclusive): a negative g overlaps them, and overlapping
    pixels take the larger value. Each strip gets a blank margin of ``margin`` columns
    (drawn per side). ``jitter > 0`` shifts each digit up or down by up to ``jitter``
    rows (a data augmentation for training; rows shifted out are lost, rows shifted in
    are blank).

    Shapes
    ------
    Returns a :class:`DigitStrips` with images (8, W_b), labels (U_b,) and bounds (U_b, 2).
    """
    check_int("n", n, minimum=1)
    if not 1 <= min_digits <= max_digits:
        raise ValueError(f"need 1 <= min_digits <= max_digits; got {min_digits}, {max_digits}")
    if len(gap) != 2 or gap[0] > gap[1] or gap[0] <= -8:
        raise ValueError(f"gap must be (g_min, g_max) with -8 < g_min <= g_max; got {gap}")
    if len(margin) != 2 or not 0 <= margin[0] <= margin[1]:
        raise ValueError(f"margin must be (m_min, m_max) with 0 <= m_min <= m_max; got {margin}")
    check_int("jitter", jitter, minimum=0, maximum=3)
    words = None
    if lexicon is not None:
        words = [np.asarray(w) for w in lexicon]
        if not words or any(w.ndim != 1 or w.size == 0 or not np.issubdtype(w.dtype, np.integer)
                            or w.min() < 0 or w.max() > 9 for w in words):
            raise ValueError(f"lexicon must be a non-empty list of non-empty digit strings (0 to 9); got {lexicon!r}")
    pool_x, pool_y = digit_pool(split)
    by_class = [np.flatnonzero(pool_y == k) for k in range(10)]
    ink = pool_x.max(axis=1) > 0  # (N, 8) columns with ink
    first_ink = ink.argmax(axis=1)  # (N,)
    last_ink = 7 - ink[:, ::-1].argmax(axis=1)  # (N,)
    rng = as_rng(seed)
    images, labels, bounds = [], [], []
    for _ in range(int(n)):
        if words is None:
            U = int(rng.integers(min_digits, max_digits + 1))
            idx = rng.integers(0, len(pool_x), size=U)
        else:
            word = words[int(rng.integers(0, len(words)))]
            U = len(word)
            idx = np.array([by_class[k][rng.integers(0, len(by_class[k]))] for k in word], dtype=int)
        gaps = rng.integers(gap[0], gap[1] + 1, size=max(U - 1, 0))
        left, right = rng.integers(margin[0], margin[1] + 1, size=2)
        starts = left + np.concatenate([[0], np.cumsum(8 + gaps)]).astype(int)  # (U,)
        strip = np.zeros((8, int(starts[-1] + 8 + right)), dtype=np.float32)
        shifts = rng.integers(-jitter, jitter + 1, size=U) if jitter else np.zeros(U, dtype=int)
        for k, s, dy in zip(idx, starts, shifts):
            digit = pool_x[k]
            if dy:
                digit = np.zeros_like(digit)
                digit[max(dy, 0) : 8 + min(dy, 0)] = pool_x[k][max(-dy, 0) : 8 - max(dy, 0)]
            np.maximum(strip[:, s : s + 8], digit, out=strip[:, s : s + 8])
        images.append(strip)
        labels.append(pool_y[idx])
        bounds.append(np.stack([starts + first_ink[idx], starts + last_ink[idx] + 1], axis=1))  # (U, 2)
    return DigitStrips(images, labels, bounds)


def digit_lexicon(n: int, min_digits: int = 4, max_digits: int = 6, *, seed: SeedLike = 0) -> list:
    """``n`` distinct random digit strings of ``min_digits`` to ``max_digits`` digits.

    A lexicon of allowed transcripts (think of postcodes or account numbers), for strips
    whose strings follow a rule (:func:`digit_strips` with ``lexicon=``) and for
    lexicon-constrained decoding (:func:`rnnbook.scratch.ctc_lexicon.ctc_lexicon_decode`).

    Shapes
    ------
    Returns a list of n arrays of shape (U_i,), values 0 to 9.
    """
    check_int("n", n, minimum=1)
    if not 1 <= min_digits <= max_digits:
        raise ValueError(f"need 1 <= min_digits <= max_digits; got {min_digits}, {max_digits}")
    possible = sum(10**u for u in range(min_digits, max_digits + 1))
    if n > possible:
        raise ValueError(f"n must not exceed the {possible} strings of {min_digits} to {max_digits} digits; got {n}")
    rng = as_rng(seed)
    seen: set = set()
    words: list = []
    while len(words) < n:
        U = int(rng.integers(min_digits, max_digits + 1))
        word = tuple(int(k) for k in rng.integers(0, 10, size=U))
        if word not in seen:
            seen.add(word)
            words.append(np.array(word, dtype=np.int64))
    return words


def collate_strips(strips: DigitStrips) -> tuple:
    """Pad a list of strips into time-major arrays: columns are time steps.

    Returns
    -------
    x : ndarray
        (T, B, 8) float32, zero-padded, T the widest strip.
    input_lengths : ndarray
        (B,) widths W_b.
    targets : ndarray
        (B, U_max) int64 labels, padded with -1.
    target_lengths : ndarray
        (B,) label counts U_b.
    """
    check_instance("strips", strips, DigitStrips)
    widths = np.array([im.shape[1] for im in strips.images], dtype=np.int64)
    lengths = np.array([len(z) for z in strips.labels], dtype=np.int64)
    B = len(strips)
    x = np.zeros((int(widths.max()), B, 8), dtype=np.float32)  # (T, B, D=8)
    targets = np.full((B, int(lengths.max())), -1, dtype=np.int64)  # (B, U_max)
    for b, (im, z) in enumerate(zip(strips.images, strips.labels)):
        x[: im.shape[1], b] = im.T  # (W_b, 8): column t is step t
        targets[b, : len(z)] = z
    return x, widths, targets, lengths


def strip_batches(
    batch_size: int, split: str = "train", *, seed: SeedLike = 0, **kwargs
) -> Iterator[tuple]:
    """Endless fresh batches of collated strips as torch tensors, for training.

    Each batch is what :func:`collate_strips` returns (NumPy arrays, like every generator
    of ``rnnbook.data``), turned into tensors, as every ``*_batches`` stream yields:
    ``x`` (T, B, 8) float32, ``input_lengths`` (B,), ``targets`` (B, U_max) padded with -1
    and ``target_lengths`` (B,), all int64 but ``x``. Keyword arguments go to
    :func:`digit_strips`; one generator seeded by ``seed`` draws every batch, so the
    stream repeats exactly.
    """
    import torch

    check_int("batch_size", batch_size, minimum=1)
    digit_strips(1, split, seed=0, **kwargs)  # refuses a bad split or option now, not at the first batch
    rng = as_rng(seed)

    def stream() -> Iterator:  # the checks above run at the call, not at the first batch
        while True:
            batch = collate_strips(digit_strips(batch_size, split, seed=rng, **kwargs))
            yield tuple(torch.from_numpy(a) for a in batch)

    return stream()
