"""Tests for rnnbook.data.digits_images: fixed splits, cluttered digits, minibatches."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data.digits_images import cluttered_digits, digit_split, image_batches


def test_splits_are_disjoint_and_fixed():
    sizes = {k: len(digit_split(k)[1]) for k in ("train", "validation", "test")}
    assert sum(sizes.values()) == 1797
    a, _ = digit_split("test")
    b, _ = digit_split("test")
    np.testing.assert_array_equal(a, b)
    train = {x.tobytes() for x in digit_split("train")[0]}
    test = {x.tobytes() for x in digit_split("test")[0]}
    assert len(train & test) < 5  # only the rare duplicate images of the bundled set
    with pytest.raises(ValueError, match="split must be one of"):
        digit_split("dev")


def test_cluttered_digits():
    x, y = cluttered_digits(50, "train", size=12, n_clutter=3, seed=0)
    assert x.shape == (50, 1, 12, 12) and y.shape == (50,)
    assert x.min() >= 0 and x.max() <= 1 and set(y) <= set(range(10))
    clean, _ = cluttered_digits(50, "train", size=8, n_clutter=0, seed=0)
    pool, _ = digit_split("train")
    assert any(np.allclose(clean[0, 0], p) for p in pool)
    with pytest.raises(ValueError, match="clutter_size must be an integer in 1..8"):
        cluttered_digits(5, clutter_size=9)


def test_image_batches_cover_an_epoch():
    x = np.arange(10, dtype=np.float32).reshape(10, 1, 1, 1)
    y = np.arange(10)
    batches = image_batches(x, y, 5, seed=0)
    seen = np.concatenate([next(batches)[1].numpy() for _ in range(2)])
    assert sorted(seen) == list(range(10))
    with pytest.raises(ValueError, match="batch_size"):
        next(image_batches(x, y, 11))
