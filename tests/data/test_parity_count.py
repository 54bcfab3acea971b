"""The parity-count task of chapter 7: labels by hand, seeding, rejections."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data.parity_count import parity_count


def test_shapes_and_dtypes():
    x, y = parity_count(4, 9, bits=5, modulus=4, seed=0)
    assert x.shape == (9, 4, 5) and x.dtype == np.float32
    assert y.shape == (9, 4) and y.dtype == np.int64
    assert set(np.unique(x)) <= {0.0, 1.0} and y.min() >= 0 and y.max() <= 3


def test_labels_by_hand():
    x, y = parity_count(3, 30, seed=1)
    for b in range(3):
        count = 0
        for t in range(30):
            count += int(x[t, b].sum()) % 2          # odd number of ones at step t
            assert y[t, b] == count % 3


def test_one_bit_is_a_plain_counter_and_two_classes_a_running_parity():
    x, y = parity_count(2, 12, bits=1, modulus=4, seed=2)
    np.testing.assert_array_equal(y, np.cumsum(x[..., 0], axis=0).astype(np.int64) % 4)
    x, y = parity_count(2, 12, bits=3, modulus=2, seed=2)
    np.testing.assert_array_equal(y, np.cumsum(x.sum(-1), axis=0).astype(np.int64) % 2)


def test_seeded():
    a, b = parity_count(2, 10, seed=3), parity_count(2, 10, seed=np.int64(3))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    c = parity_count(2, 10, seed=4)
    assert not np.array_equal(a[0], c[0])


def test_numpy_integers_accepted():
    x, y = parity_count(np.int64(2), np.int32(3), bits=np.int64(2), modulus=np.int64(5))
    assert x.shape == (3, 2, 2) and y.shape == (3, 2)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(batch_size=0, T=5), "batch_size must be an integer >= 1; got 0"),
        (dict(batch_size=2.0, T=5), "batch_size must be an integer >= 1; got 2.0"),
        (dict(batch_size=2, T=True), "T must be an integer >= 1; got True"),
        (dict(batch_size=2, T=5, bits=0), "bits must be an integer >= 1; got 0"),
        (dict(batch_size=2, T=5, modulus=1), "modulus must be an integer >= 2; got 1"),
        (dict(batch_size=2, T=5, modulus="3"), "modulus must be an integer >= 2; got '3'"),
    ],
)
def test_rejections(kwargs, match):
    with pytest.raises(ValueError, match=match):
        parity_count(**kwargs)
