"""rnnbook.classic.hopfield_updates: the update rule, fields from patterns, synchronous recall."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic.hopfield import corrupt, hebbian_weights
from rnnbook.classic.hopfield_updates import check_bipolar, hebbian_fields, sign_update, synchronous_recall


def random_patterns(p, n, seed=0):
    return np.random.default_rng(seed).choice([-1.0, 1.0], size=(p, n))


def test_sign_update_keeps_ties():
    field = np.array([0.5, -0.5, 0.0, 1e-17, 0.0])
    state = np.array([-1.0, 1.0, -1.0, -1.0, 1.0])
    np.testing.assert_array_equal(sign_update(field, state), [1, -1, -1, 1, 1])
    np.testing.assert_array_equal(sign_update(field, state, tie=1e-12), [1, -1, -1, -1, 1])


def test_hebbian_fields_match_the_weights_exactly():
    xi = random_patterns(30, 100, seed=7)
    states = corrupt(xi[:5], 20, seed=8)
    np.testing.assert_allclose(hebbian_fields(xi, states), states @ hebbian_weights(xi), atol=1e-12)
    # the numerator N u_i is an integer, computed exactly
    numerator = hebbian_fields(xi, states) * 100
    np.testing.assert_allclose(numerator, np.round(numerator), atol=1e-9)


def test_synchronous_recall_stops_at_fixed_points_and_two_cycles():
    w = np.array([[0.0, -1.0], [-1.0, 0.0]])
    start = np.array([[1.0, 1.0], [1.0, -1.0]])  # a two-cycle and a fixed point
    final, sweeps = synchronous_recall(lambda s: s @ w, start, max_sweeps=10)
    np.testing.assert_array_equal(sweeps, [2, 1])
    np.testing.assert_array_equal(final[1], [1.0, -1.0])
    assert np.all(final[0] == final[0][0])  # one of (1, 1) and (-1, -1)
    _, never = synchronous_recall(lambda s: s @ w, start[:1], max_sweeps=1)
    np.testing.assert_array_equal(never, [-1])


def test_new_function_validation():
    with pytest.raises(ValueError, match=r"max_sweeps must be a positive integer; got True"):
        synchronous_recall(lambda s: s, np.ones((1, 3)), max_sweeps=True)
    with pytest.raises(ValueError, match=r"state must have shape \(B, N\); got \(3,\)"):
        synchronous_recall(lambda s: s, np.ones(3))
    with pytest.raises(ValueError, match=r"states must have shape \(N=4,\) or \(B, N=4\); got \(2, 3\)"):
        hebbian_fields(np.ones((2, 4)), np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"patterns must be bipolar"):
        hebbian_fields(np.zeros((2, 4)), np.ones(4))
