"""Tests of rnnbook.data.toy: the four sequence-mode tasks."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.data.toy import delayed_echo_batch, majority_batch, reversal_batch, sine_from_class


def test_sine_from_class():
    x, y = sine_from_class(6, n_classes=3, T=8, seed=0)
    assert x.shape == (6, 3) and y.shape == (8, 6, 1)
    k = x.argmax(1).numpy()
    t = np.arange(8)
    np.testing.assert_allclose(y[:, 0, 0].numpy(), np.sin(2 * np.pi * (k[0] + 1) * t / 8), atol=1e-6)


def test_majority_labels():
    x, y = majority_batch(50, T=5, seed=0)
    assert x.shape == (5, 50, 1) and y.dtype == torch.int64
    np.testing.assert_array_equal(y.numpy(), (x.sum(dim=(0, 2)) >= 3).long().numpy())


def test_delayed_echo():
    x, y = delayed_echo_batch(4, T=6, delay=2, seed=0)
    torch.testing.assert_close(y[2:], x[:-2])
    assert torch.all(y[:2] == 0)


def test_reversal():
    x, y = reversal_batch(3, length=5, vocab_size=4, seed=0)
    assert x.shape == (5, 3, 4) and y.shape == (5, 3)
    torch.testing.assert_close(x.argmax(-1).flip(0), y)


def test_validation():
    with pytest.raises(ValueError, match="T must be odd"):
        majority_batch(3, T=4)
    with pytest.raises(ValueError, match=r"delay must be an integer in \[0, 5\]; got 6"):
        delayed_echo_batch(3, T=6, delay=6)
    with pytest.raises(ValueError, match="vocab_size must be an integer >= 1"):
        reversal_batch(3, vocab_size=0)
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        sine_from_class(0)
