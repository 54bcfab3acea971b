"""Tests of rnnbook.data.xor."""

from __future__ import annotations

import numpy as np
import pytest

import torch

from rnnbook.data.xor import xor_prediction_batch, xor_stream, xor_windows


def test_every_third_bit_is_the_xor_of_the_two_before():
    bits = xor_stream(200, seed=0)
    assert bits.shape == (600,) and set(np.unique(bits)) == {0, 1}
    triplets = bits.reshape(-1, 3)
    np.testing.assert_array_equal(triplets[:, 2], triplets[:, 0] ^ triplets[:, 1])
    assert 0.4 < triplets[:, 0].mean() < 0.6


def test_prediction_batch_shifts_by_one():
    x, y = xor_prediction_batch(3, 4, seed=0)
    assert x.shape == (8, 4, 1) and y.shape == (8, 4, 1)
    np.testing.assert_array_equal(x[1:].numpy(), y[:-1].numpy())
    stream = np.concatenate([x[:, 0, 0].numpy(), y[-1:, 0, 0].numpy()]).astype(int).reshape(-1, 3)
    np.testing.assert_array_equal(stream[:, 2], stream[:, 0] ^ stream[:, 1])


def test_validation():
    with pytest.raises(ValueError, match="n_triplets must be an integer >= 1; got 0"):
        xor_stream(0)
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        xor_prediction_batch(2, 0)


def test_windows_come_from_the_stream_at_every_phase():
    bits = xor_stream(100, seed=0)
    gen = xor_windows(bits, 64, 7, seed=1)
    x, y = next(gen)
    assert x.shape == (7, 64, 1) and y.shape == (7, 64, 1) and x.dtype == torch.float32
    np.testing.assert_array_equal(x[1:].numpy(), y[:-1].numpy())
    stretches = np.lib.stride_tricks.sliding_window_view(bits, 8)  # (N - 7, 8)
    windows = np.concatenate([x[:, :, 0].numpy(), y[-1:, :, 0].numpy()]).T.astype(int)  # (64, 8)
    phases = set()
    for window in windows:
        starts = np.flatnonzero((stretches == window).all(axis=1))
        assert len(starts) > 0  # the window is a stretch of the stream
        phases.update((starts % 3).tolist())
    assert phases == {0, 1, 2}  # windows start at every place in a triplet
    x2, _ = next(xor_windows(bits, 64, 7, seed=1))
    assert torch.equal(x, x2)  # the seed repeats the batches


def test_windows_validation():
    bits = xor_stream(4, seed=0)
    with pytest.raises(ValueError, match=r"T must be at most len\(bits\) - 1 = 11; got 12"):
        next(xor_windows(bits, 2, 12))
    with pytest.raises(ValueError, match="T must be an integer >= 1; got 0"):
        next(xor_windows(bits, 2, 0))
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1; got True"):
        next(xor_windows(bits, True, 3))
    with pytest.raises(ValueError, match=r"bits must be a 1-D numpy array of 0 and 1; got shape \(3, 4\)"):
        next(xor_windows(bits.reshape(3, 4), 2, 3))
    with pytest.raises(ValueError, match="bits must hold only 0 and 1"):
        next(xor_windows(bits * 2, 2, 3))
    with pytest.raises(ValueError, match="n_triplets must be an integer >= 1; got True"):
        xor_stream(True)
