"""Tests of rnnbook.data.movements: strokes return to the origin, sequences and checks."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data.movements import MOVEMENT_ORDERS, PRIMITIVES, movement_sequences, primitive


@pytest.mark.parametrize("k", range(len(PRIMITIVES)))
def test_every_stroke_starts_and_ends_at_the_origin(k):
    p = primitive(k, 40)
    assert p.shape == (40, 2)
    np.testing.assert_allclose(p[-1], 0.0, atol=1e-12)
    assert np.linalg.norm(p[0]) < 0.2  # one small step away from the origin


def test_sequences_chain_the_strokes_in_order():
    xy, stroke = movement_sequences(steps=10)
    assert xy.shape == (31, 4, 2) and xy.dtype == np.float32 and stroke.shape == (31, 4)
    np.testing.assert_array_equal(xy[0], 0.0)
    for j, order in enumerate(MOVEMENT_ORDERS):
        np.testing.assert_array_equal(stroke[1:, j], np.repeat(order, 10))
        np.testing.assert_allclose(xy[11:21, j], primitive(order[1], 10), atol=1e-6)
    noisy, _ = movement_sequences(steps=10, noise=0.1, seed=0)
    assert 0.05 < np.std(noisy - xy) < 0.15
    np.testing.assert_array_equal(noisy, movement_sequences(steps=10, noise=0.1, seed=0)[0])


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="k must be an integer in \\[0, 2\\]; got 3"):
        primitive(3, 10)
    with pytest.raises(ValueError, match="steps must be an integer >= 2; got 1"):
        movement_sequences(steps=1)
    with pytest.raises(ValueError, match="orders must be non-empty sequences of equal length"):
        movement_sequences(orders=[(0, 1), (2,)])
    with pytest.raises(ValueError, match="noise must be a number >= 0"):
        movement_sequences(noise=-0.1)
