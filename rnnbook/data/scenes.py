"""Captioned scenes: two handwritten digits on a canvas, described by several sentences.

A scene is a square grey canvas holding two different handwritten digits from
scikit-learn's bundled set, either side by side (one left, one right) or one above the
other. Every scene comes with five reference sentences, written from a small grammar, that
say which digits there are and where they are, in different words and in either order:

    an eight is to the left of a three
    a three is to the right of an eight
    an eight on the left and a three on the right
    a three on the right and an eight on the left
    there is an eight left of a three

The vocabulary has 27 words (the ten digit names, the articles "a" and "an", and fifteen
words of relation and glue). A caption can only be right if it reads the two digits *and*
their arrangement off the pixels: nothing in the sentence can be guessed from the rest of
it. The digits of the training, validation and test scenes come from disjoint pools of the
bundled handwriting (:func:`rnnbook.data.digits_images.digit_split`), so that test scenes
show handwriting never seen in training.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, List, Sequence

import numpy as np

from ..utils import SeedLike, as_rng
from .digits_images import SPLITS, digit_split
from ..validation import check_int, check_positive_int

__all__ = [
    "DIGIT_WORDS",
    "LAYOUTS",
    "describe",
    "guess_captions",
    "Vocabulary",
    "Scenes",
    "make_scenes",
    "scene_batches",
]

#: The name of each digit, as the sentences write it.
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

#: The two arrangements, the first digit left of the second or above it.
LAYOUTS = ("horizontal", "vertical")

_TEMPLATES = {
    "horizontal": (
        "{A} is to the left of {B}",
        "{B} is to the right of {A}",
        "{A} on the left and {B} on the right",
        "{B} on the right and {A} on the left",
        "there is {A} left of {B}",
    ),
    "vertical": (
        "{A} is above {B}",
        "{B} is below {A}",
        "{A} at the top and {B} at the bottom",
        "{B} at the bottom and {A} at the top",
        "there is {A} above {B}",
    ),
}


def _noun_phrase(digit: int) -> str:
    word = DIGIT_WORDS[digit]
    return ("an " if word == "eight" else "a ") + word  # "a one", but "an eight"


def describe(first: int, second: int, layout: str) -> List[str]:
    """The five reference sentences of a scene.

    Parameters
    ----------
    first, second : int
        The digit on the left (``layout="horizontal"``) or at the top (``"vertical"``),
        and the other one.
    layout : str
        One of "horizontal", "vertical".

    Returns
    -------
    list of str
        Five lower-case sentences, words separated by single spaces, no punctuation.
    """
    for name, d in (("first", first), ("second", second)):
        if not isinstance(d, (int, np.integer)) or not 0 <= d <= 9:
            raise ValueError(f"{name} must be a digit in 0..9; got {d!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}; got {layout!r}")
    A, B = _noun_phrase(int(first)), _noun_phrase(int(second))
    return [t.format(A=A, B=B) for t in _TEMPLATES[layout]]


def guess_captions(n: int, *, seed: SeedLike = 0) -> List[str]:
    """Captions written without looking at the image: a baseline for BLEU.

    Each caption is one of the grammar's sentences (:func:`describe`) with the two digits,
    the layout and the wording drawn at random: perfect grammar, guessed content. Scored
    against a scene's references it shows how much of a captioner's BLEU the grammar
    alone earns.

    Parameters
    ----------
    n : int
        Number of captions.
    seed : int, numpy.random.Generator or None

    Returns
    -------
    list of str
        ``n`` sentences.
    """
    check_int("n", n, minimum=1)
    rng = as_rng(seed)
    out = []
    for _ in range(n):
        first, second = rng.choice(10, size=2, replace=False)
        layout = LAYOUTS[int(rng.integers(len(LAYOUTS)))]
        out.append(describe(int(first), int(second), layout)[int(rng.integers(5))])
    return out


class Vocabulary:
    """Words <-> integer ids, with padding, start, end and unknown tokens.

    Ids 0..3 are ``<pad>``, ``<start>``, ``<end>`` and ``<unk>``; the words follow in
    sorted order, so the same sentences always give the same ids.

    Parameters
    ----------
    sentences : iterable of str
        Sentences whose (space-separated) words make up the vocabulary.
    """

    PAD, START, END, UNK = 0, 1, 2, 3
    SPECIALS = ("<pad>", "<start>", "<end>", "<unk>")

    def __init__(self, sentences: Iterable[str]) -> None:
        words = sorted({w for s in sentences for w in s.split()})
        if not words:
            raise ValueError("sentences must contain at least one word; got none")
        self.itos: List[str] = list(self.SPECIALS) + words
        self.stoi = {w: i for i, w in enumerate(self.itos)}

    def __len__(self) -> int:
        return len(self.itos)

    @property
    def words(self) -> List[str]:
        """The words, without the special tokens."""
        return self.itos[len(self.SPECIALS):]

    def encode(self, sentence: str) -> List[int]:
        """``<start>``, the ids of the words, ``<end>``."""
        return [self.START] + [self.stoi.get(w, self.UNK) for w in sentence.split()] + [self.END]

    def decode(self, ids: Iterable[int]) -> str:
        """The words of ``ids``, skipping ``<start>`` and ``<pad>`` and stopping at ``<end>``."""
        out = []
        for i in ids:
            i = int(i)
            if i == self.END:
                break
            if i in (self.START, self.PAD):
                continue
            if not 0 <= i < len(self.itos):
                raise ValueError(f"ids must lie in 0..{len(self.itos) - 1}; got {i}")
            out.append(self.itos[i])
        return " ".join(out)

    def encode_batch(self, sentences: Sequence[str], T: int | None = None) -> np.ndarray:
        """Encode sentences into one padded, time-major array.

        Shapes
        ------
        output: (T, B) int64, T = ``T`` or, if None, the longest encoded sentence (words + 2);
        shorter sentences are padded with ``<pad>`` after their ``<end>``.
        """
        coded = [self.encode(s) for s in sentences]
        T = max(len(c) for c in coded) if T is None else check_positive_int("T", T)
        if any(len(c) > T for c in coded):
            raise ValueError(f"T must be at least {max(len(c) for c in coded)}; got {T}")
        out = np.full((T, len(coded)), self.PAD, dtype=np.int64)  # (T, B)
        for b, c in enumerate(coded):
            out[: len(c), b] = c
        return out


@dataclass(frozen=True)
class Scenes:
    """A set of captioned scenes.

    Attributes
    ----------
    images : numpy.ndarray
        float32 in [0, 1], shape (n, 1, size, size).
    digits : numpy.ndarray
        int64, shape (n, 2): the left (or top) digit and the other one.
    layouts : numpy.ndarray
        int64, shape (n,): index into :data:`LAYOUTS`.
    captions : list of list of str
        Five reference sentences per scene.
    """

    images: np.ndarray
    digits: np.ndarray
    layouts: np.ndarray
    captions: List[List[str]]

    def __len__(self) -> int:
        return len(self.captions)


def make_scenes(n: int, split: str = "train", *, size: int = 24, seed: SeedLike = 0) -> Scenes:
    """Draw ``n`` captioned scenes whose digits come from one split of the bundled digits.

    The two digits are different classes drawn uniformly; the layout is horizontal or
    vertical with probability 1/2. In a horizontal scene the first digit's 8 x 8 box lies
    in the left part of the canvas and the second's in the right part (they never
    overlap), each at a random height; in a vertical scene the same holds for top and
    bottom, at random horizontal positions.

    Parameters
    ----------
    n : int
        Number of scenes.
    split : str
        One of "train", "validation", "test".
        Which pool of handwriting to draw the digits from.
    size : int
        Side of the canvas, at least 20 (so that the two digits never overlap).
    seed : int, numpy.random.Generator or None

    Returns
    -------
    Scenes

    Shapes
    ------
    images: (n, 1, size, size); digits: (n, 2); layouts: (n,).
    """
    check_int("n", n, minimum=1)
    if split not in SPLITS:
        raise ValueError(f"split must be one of {sorted(SPLITS)}; got {split!r}")
    check_int("size", size, minimum=20)
    pool, labels = digit_split(split)
    by_class = [np.flatnonzero(labels == d) for d in range(10)]
    rng = as_rng(seed)
    free = size - 8  # the largest start position of an 8 x 8 box
    third = (free - 8) // 2  # the two boxes never overlap along the layout's axis
    images = np.zeros((n, 1, size, size), dtype=np.float32)  # (n, 1, S, S)
    digits = np.zeros((n, 2), dtype=np.int64)
    layouts = rng.integers(0, 2, size=n)
    captions = []
    for k in range(n):
        first, second = rng.choice(10, size=2, replace=False)
        digits[k] = first, second
        near = rng.integers(0, third + 1, size=2)  # offsets along the layout's axis
        across = rng.integers(0, free + 1, size=2)  # positions across it
        starts = (near[0], free - near[1])  # first box near the start, second near the end
        for j, d in enumerate((first, second)):
            img = pool[rng.choice(by_class[d])]  # (8, 8)
            r, c = (across[j], starts[j]) if layouts[k] == 0 else (starts[j], across[j])
            images[k, 0, r : r + 8, c : c + 8] = img
        captions.append(describe(int(first), int(second), LAYOUTS[layouts[k]]))
    return Scenes(images=images, digits=digits, layouts=layouts.astype(np.int64), captions=captions)


def scene_batches(scenes: Scenes, vocab: Vocabulary, batch_size: int = 32,
                  seed: SeedLike = 0) -> Iterator[tuple]:
    """Endless minibatches for training a captioner: scenes drawn at random, each with
    one of its five reference sentences drawn at random.

    Shapes
    ------
    yields images (B, 1, S, S) float32 and tokens (T, B) int64 (time-major, padded; see
    :meth:`Vocabulary.encode_batch`), as torch tensors.
    """
    import torch

    check_int("batch_size", batch_size, minimum=1)
    rng = as_rng(seed)
    images = torch.as_tensor(scenes.images)

    def stream() -> Iterator:  # the checks above run at the call, not at the first batch
        while True:
            idx = rng.integers(len(scenes), size=batch_size)
            pick = rng.integers(len(scenes.captions[0]), size=batch_size)
            sentences = [scenes.captions[i][j] for i, j in zip(idx, pick)]
            yield images[torch.as_tensor(idx)], torch.as_tensor(vocab.encode_batch(sentences))

    return stream()
