"""Handwritten digits in clutter: a small image-classification task for convolutional nets.

Each image is a square canvas holding one of scikit-learn's 8 x 8 handwritten digits at a
random position, plus *clutter*: small patches cut from other digits and scattered over the
canvas. The label is the class of the whole digit. The clutter is made of the same strokes
as the digits, so a unit that sees only a few pixels cannot tell a stroke of the digit from
a stroke of a distractor; context, the larger neighbourhood, decides. That is the property
the recurrent convolutional layer is built for, at a size that trains on a laptop CPU.

The 1,797 bundled digits are split once, by a fixed permutation, into disjoint pools for
training, validation and testing (60 / 20 / 20 per cent), so that test images show
handwriting that no training image contains, whatever seed draws the canvases.
"""

from __future__ import annotations

from typing import Iterator, Tuple

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_int
from .digits import load_digits_images

__all__ = ["SPLITS", "digit_split", "cluttered_digits", "image_batches"]

#: The three fixed splits of the bundled digits and their share of the 1,797 images.
SPLITS = {"train": (0.0, 0.6), "validation": (0.6, 0.8), "test": (0.8, 1.0)}

_SPLIT_SEED = 2015  # fixed: the pools never change with the caller's seed


def digit_split(split: str) -> Tuple[np.ndarray, np.ndarray]:
    """The bundled digits of one fixed split, as images in [0, 1] and labels.

    Parameters
    ----------
    split : str
        One of "train", "validation", "test".

    Shapes
    ------
    images: (n, 8, 8) float64; labels: (n,) int64, with n about 1078, 359, 360.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {sorted(SPLITS)}; got {split!r}")
    images, labels = load_digits_images(seed=_SPLIT_SEED)
    lo, hi = SPLITS[split]
    n = len(labels)
    part = slice(int(round(lo * n)), int(round(hi * n)))
    return images[part], labels[part]


def cluttered_digits(
    n: int,
    split: str = "train",
    *,
    size: int = 16,
    n_clutter: int = 6,
    clutter_size: int = 3,
    seed: SeedLike = 0,
) -> Tuple[np.ndarray, np.ndarray]:
    """Draw ``n`` cluttered-digit images from one split.

    Each canvas of ``size`` x ``size`` pixels gets ``n_clutter`` patches of
    ``clutter_size`` x ``clutter_size`` pixels cut at random from other digits of the same
    split and pasted at random places, then one whole 8 x 8 digit at a random position.
    Overlaps are merged with the pixel-wise maximum. The class is that of the whole digit.

    Parameters
    ----------
    n : int
        Number of images.
    split : str
        One of "train", "validation", "test".
        Which pool of handwritten digits to draw from (see :func:`digit_split`).
    size : int
        Side of the canvas, at least 8.
    n_clutter : int
        Number of distractor patches (0 for clean digits at random positions).
    clutter_size : int
        Side of a distractor patch, between 1 and 8.
    seed : int, numpy.random.Generator or None
        Draws digits, positions and patches.

    Returns
    -------
    images : numpy.ndarray of float32, values in [0, 1]
    labels : numpy.ndarray of int64, in 0..9

    Shapes
    ------
    images: (n, 1, size, size) (one channel, ready for ``torch.nn.Conv2d``); labels: (n,).
    """
    n = check_int("n", n, minimum=1)
    size = check_int("size", size, minimum=8)
    if not isinstance(n_clutter, (int, np.integer)) or n_clutter < 0:
        raise ValueError(f"n_clutter must be a non-negative integer; got {n_clutter!r}")
    if not isinstance(clutter_size, (int, np.integer)) or not 1 <= clutter_size <= 8:
        raise ValueError(f"clutter_size must be an integer in 1..8; got {clutter_size!r}")
    pool, pool_labels = digit_split(split)
    rng = as_rng(seed)
    images = np.zeros((n, 1, size, size), dtype=np.float32)  # (n, 1, S, S)
    which = rng.integers(len(pool), size=n)  # the digit of each image
    s = clutter_size
    for k in range(n):
        canvas = images[k, 0]  # (S, S), a view
        for _ in range(n_clutter):
            src = pool[rng.integers(len(pool))]  # (8, 8)
            r0, c0 = rng.integers(0, 8 - s + 1, size=2)
            r, c = rng.integers(0, size - s + 1, size=2)
            np.maximum(canvas[r : r + s, c : c + s], src[r0 : r0 + s, c0 : c0 + s],
                       out=canvas[r : r + s, c : c + s])
        r, c = rng.integers(0, size - 8 + 1, size=2)
        np.maximum(canvas[r : r + 8, c : c + 8], pool[which[k]], out=canvas[r : r + 8, c : c + 8])
    return images, pool_labels[which].copy()


def image_batches(images: np.ndarray, labels: np.ndarray, batch_size: int = 32,
                  seed: SeedLike = 0) -> Iterator[tuple]:
    """Endless shuffled minibatches of (images, labels) as torch tensors, epoch by epoch.

    Each epoch visits every example once in a new random order (the last incomplete
    batch of an epoch is dropped).

    Shapes
    ------
    images: (n, c, h, w); labels: (n,) -> batches (B, c, h, w) float32 and (B,) int64.
    """
    import torch

    if len(images) != len(labels):
        raise ValueError(f"images and labels must have the same length; got {len(images)} and {len(labels)}")
    batch_size = check_int("batch_size", batch_size, minimum=1, maximum=len(labels))
    x = torch.as_tensor(np.asarray(images, dtype=np.float32))
    y = torch.as_tensor(np.asarray(labels, dtype=np.int64))
    rng = as_rng(seed)

    def stream() -> Iterator:  # the checks above run at the call, not at the first batch
        while True:
            order = rng.permutation(len(y))
            for i in range(0, len(order) - batch_size + 1, batch_size):
                idx = torch.as_tensor(order[i : i + batch_size])
                yield x[idx], y[idx]

    return stream()
