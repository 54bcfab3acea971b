"""Tests of rnnbook.data.digits."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data.digits import binarize, bipolar_digits, labelled_bipolar_digits, load_digits_images


def test_load_digits_images():
    images, labels = load_digits_images()
    assert images.shape == (1797, 8, 8) and labels.shape == (1797,)
    assert images.min() == 0.0 and images.max() == 1.0
    shuffled, shuffled_labels = load_digits_images(seed=0)
    assert not np.array_equal(labels, shuffled_labels)
    np.testing.assert_array_equal(np.sort(labels), np.sort(shuffled_labels))
    again, _ = load_digits_images(seed=0)
    np.testing.assert_array_equal(shuffled, again)


def test_bipolar_digits_order_values_and_seed():
    patterns, labels = labelled_bipolar_digits(2, seed=0)
    assert patterns.shape == (20, 64)
    np.testing.assert_array_equal(labels, np.repeat(np.arange(10), 2))
    assert set(np.unique(patterns)) == {-1.0, 1.0}
    np.testing.assert_array_equal(patterns, bipolar_digits(2, seed=0))
    assert not np.array_equal(patterns, bipolar_digits(2, seed=1))
    three = labelled_bipolar_digits(1, seed=0, classes=(3, 8))[1]
    np.testing.assert_array_equal(three, [3, 8])


def test_binarize_threshold():
    np.testing.assert_array_equal(binarize(np.array([0.2, 0.5, 0.51])), [-1.0, -1.0, 1.0])


def test_validation():
    with pytest.raises(ValueError, match=r"n_per_class must be an integer in \[1, 174\]; got 0"):
        bipolar_digits(0)
    with pytest.raises(ValueError, match=r"classes must be distinct digits in 0..9; got \[1, 1\]"):
        bipolar_digits(1, classes=(1, 1))
    with pytest.raises(ValueError, match="n_per_class must be an integer in"):
        bipolar_digits(1.5)
    with pytest.raises(ValueError, match="threshold must lie strictly between 0 and 1"):
        binarize(np.zeros(3), threshold=1.0)
