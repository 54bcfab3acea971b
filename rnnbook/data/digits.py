"""Handwritten digits bundled with scikit-learn, as images or as bipolar (+-1) patterns.

scikit-learn ships 1,797 handwritten digits (8 x 8 pixels, grey levels 0 to 16, about 180
of each class) inside the package, so loading them needs no network. This module is the
book's one loader of them: chapters that store digits in a Hopfield network, lay them out
in strips for CTC or place them in captioned scenes all start here.
"""

from __future__ import annotations

from typing import Sequence, Tuple

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_int

__all__ = ["load_digits_images", "bipolar_digits", "labelled_bipolar_digits", "binarize"]


def load_digits_images(seed: SeedLike = None) -> Tuple[np.ndarray, np.ndarray]:
    """Return scikit-learn's bundled handwritten digits as images in [0, 1] and labels.

    Parameters
    ----------
    seed : int, numpy.random.Generator or None
        ``None`` keeps scikit-learn's order; otherwise the digits are shuffled with a
        generator made by :func:`rnnbook.utils.as_rng` (the same seed, the same order).

    Returns
    -------
    images : numpy.ndarray
        Grey levels divided by 16, float64.
    labels : numpy.ndarray
        The digit shown, int64 in 0..9.

    Shapes
    ------
    images: (n, 8, 8) with n = 1797; labels: (n,).
    """
    from sklearn.datasets import load_digits

    bunch = load_digits()
    images = bunch.images.astype(np.float64) / 16.0  # (n, 8, 8)
    labels = bunch.target.astype(np.int64)  # (n,)
    if seed is not None:
        order = as_rng(seed).permutation(len(labels))
        images, labels = images[order], labels[order]
    return images, labels


def binarize(images: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """Map grey levels in [0, 1] to bipolar values: +1 where ``image > threshold``, else -1.

    Shapes
    ------
    images: any shape; the result has the same shape, float64 of +-1.
    """
    if not isinstance(images, np.ndarray):
        raise TypeError(f"images must be a numpy.ndarray; got {type(images).__name__}")
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must lie strictly between 0 and 1; got {threshold!r}")
    return np.where(images > threshold, 1.0, -1.0)


def bipolar_digits(
    n_per_class: int = 1,
    seed: SeedLike = 0,
    *,
    classes: Sequence[int] = tuple(range(10)),
    threshold: float = 0.5,
) -> np.ndarray:
    """Return handwritten digits flattened to 64-pixel patterns of +-1.

    Pixels brighter than ``threshold`` (grey level / 16) become +1, the others -1. The
    patterns come class by class in the order of ``classes``; within a class they are
    drawn at random (without replacement) with ``seed``. With the defaults,
    ``bipolar_digits()[:3]`` is one zero, one one and one two.

    Parameters
    ----------
    n_per_class : int
        How many digits of each class (at most 174, the size of the smallest class).
    seed : int, numpy.random.Generator or None
        Picks which examples of each class are returned.
    classes : sequence of int
        Which digits, each in 0..9, without repeats.
    threshold : float
        Binarisation threshold on the grey level scaled to [0, 1].

    Returns
    -------
    numpy.ndarray
        float64 array of +-1 (:func:`labelled_bipolar_digits` also gives the labels).

    Shapes
    ------
    output: (n, 64) with n = n_per_class * len(classes).
    """
    return labelled_bipolar_digits(n_per_class, seed, classes=classes, threshold=threshold)[0]


def labelled_bipolar_digits(
    n_per_class: int = 1,
    seed: SeedLike = 0,
    *,
    classes: Sequence[int] = tuple(range(10)),
    threshold: float = 0.5,
) -> Tuple[np.ndarray, np.ndarray]:
    """The patterns of :func:`bipolar_digits` (same arguments, same draws) and their labels.

    Shapes
    ------
    patterns: (n, 64) float64 of +-1; labels: (n,) int64.
    """
    check_int("n_per_class", n_per_class, minimum=1, maximum=174)
    classes = [int(c) for c in classes]
    if not classes or any(c < 0 or c > 9 for c in classes) or len(set(classes)) != len(classes):
        raise ValueError(f"classes must be distinct digits in 0..9; got {classes}")
    rng = as_rng(seed)
    images, labels = load_digits_images()
    chosen = [rng.choice(np.flatnonzero(labels == c), n_per_class, replace=False) for c in classes]
    index = np.concatenate(chosen)  # (n,)
    patterns = binarize(images[index], threshold).reshape(len(index), 64)  # (n, 64)
    return patterns, labels[index]
