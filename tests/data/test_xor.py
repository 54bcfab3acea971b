"""Tests of rnnbook.data.xor."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data.xor import xor_prediction_batch, xor_stream


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
    with pytest.raises(ValueError, match="n_triplets must be a positive integer; got 0"):
        xor_stream(0)
    with pytest.raises(ValueError, match="batch_size must be a positive integer"):
        xor_prediction_batch(2, 0)
