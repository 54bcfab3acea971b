"""Tests of rnnbook.data.lags: the controlled-lag tasks."""

import numpy as np
import pytest

from rnnbook.data.lags import bits_to_labels, delayed_recall, remember_bit


def test_delayed_recall_shapes_and_dtypes():
    x, labels, mask = delayed_recall(5, 12, 3, seed=0)
    assert x.shape == (12, 5, 1) and x.dtype == np.float64
    assert labels.shape == (12, 5) and labels.dtype == np.int64
    assert mask.shape == (12, 5) and mask.dtype == bool
    x32, _, _ = delayed_recall(5, 12, 3, seed=0, dtype=np.float32)
    assert x32.dtype == np.float32


def test_delayed_recall_label_is_the_bit_lag_steps_back():
    lag = 4
    x, labels, mask = delayed_recall(7, 30, lag, seed=1)
    assert set(np.unique(x)) == {-1.0, 1.0}
    assert not mask[:lag].any() and mask[lag:].all()
    np.testing.assert_array_equal(labels[lag:], (x[:-lag, :, 0] > 0).astype(int))
    np.testing.assert_array_equal(labels[:lag], 0)


def test_delayed_recall_lag_zero_copies_the_current_bit():
    x, labels, mask = delayed_recall(3, 10, 0, seed=2)
    assert mask.all()
    np.testing.assert_array_equal(labels, (x[:, :, 0] > 0).astype(int))


def test_delayed_recall_is_seeded_and_balanced():
    a = delayed_recall(40, 50, 2, seed=3)[0]
    b = delayed_recall(40, 50, 2, seed=3)[0]
    c = delayed_recall(40, 50, 2, seed=4)[0]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert abs(a.mean()) < 0.05


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(batch_size=2, T=0, lag=0), "T must be an integer >= 1"),
        (dict(batch_size=0, T=5, lag=0), "batch_size must be an integer >= 1"),
        (dict(batch_size=2, T=5, lag=-1), "lag must be an integer >= 0"),
        (dict(batch_size=2, T=5, lag=5), "lag must be smaller than T=5; got 5"),
        (dict(batch_size=2, T=5.0, lag=1), "T must be an integer"),
    ],
)
def test_delayed_recall_rejects_bad_sizes(kwargs, match):
    with pytest.raises(ValueError, match=match):
        delayed_recall(**kwargs, seed=0)


def test_delayed_recall_rejects_bad_dtype():
    with pytest.raises(TypeError, match="dtype must be float32 or float64"):
        delayed_recall(2, 5, 1, seed=0, dtype=np.int32)


def test_remember_bit_shapes_and_content():
    x, labels = remember_bit(64, 9, noise=0.5, seed=0)
    assert x.shape == (10, 64, 1) and labels.shape == (64,)
    np.testing.assert_array_equal(labels, (x[0, :, 0] > 0).astype(int))
    assert set(np.unique(x[0])) == {-1.0, 1.0}
    assert 0.3 < x[1:].std() < 0.7  # distractors have the requested scale
    assert 0.3 < labels.mean() < 0.7


def test_remember_bit_without_noise_has_zero_distractors():
    x, _ = remember_bit(8, 5, noise=0.0, seed=1)
    np.testing.assert_array_equal(x[1:], 0.0)


def test_remember_bit_is_seeded():
    a = remember_bit(16, 4, seed=5)
    b = remember_bit(16, 4, seed=5)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(batch_size=4, lag=0), "lag must be an integer >= 1; got 0"),
        (dict(batch_size=0, lag=3), "batch_size must be an integer >= 1; got 0"),
        (dict(batch_size=4, lag=3, noise=-1.0), "noise must be a non-negative number; got -1.0"),
    ],
)
def test_remember_bit_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        remember_bit(**kwargs, seed=0)


def test_bits_to_labels():
    np.testing.assert_array_equal(bits_to_labels(np.array([-1, 1, 1])), [0, 1, 1])
    with pytest.raises(ValueError, match="bits must contain only -1 and \\+1"):
        bits_to_labels(np.array([0, 1]))
