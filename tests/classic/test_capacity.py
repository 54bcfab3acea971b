"""Tests of rnnbook.classic.capacity: the crosstalk theory and the measured curve."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic.capacity import ALPHA_C, capacity_curve, crosstalk_bit_error


def test_crosstalk_bit_error_at_the_critical_load():
    # Phi(-1/sqrt(0.138)) = Phi(-2.692) = 0.00355
    assert crosstalk_bit_error(ALPHA_C) == pytest.approx(0.003552, abs=2e-6)
    values = crosstalk_bit_error(np.array([0.05, 0.1, 0.2]))
    assert values.shape == (3,) and np.all(np.diff(values) > 0)


def test_capacity_curve_falls_with_load_and_matches_the_crosstalk_theory():
    result = capacity_curve(200, [0.03, 0.25], n_trials=2, seed=0)
    np.testing.assert_array_equal(result.n_patterns, [6, 50])
    assert result.stable_fraction[0] == 1.0 and result.recall_overlap[0] == 1.0
    assert result.stable_fraction[1] < 0.2 and result.recall_overlap[1] < 0.8
    theory = crosstalk_bit_error(result.loads[1])
    assert 0.5 * theory < result.bit_error[1] < 2.0 * theory


def test_capacity_curve_is_reproducible():
    a = capacity_curve(50, [0.1, 0.2], seed=3)
    b = capacity_curve(50, [0.1, 0.2], seed=3)
    np.testing.assert_array_equal(a.recall_overlap, b.recall_overlap)


def test_validation():
    with pytest.raises(ValueError, match="n_units must be an integer >= 2"):
        capacity_curve(1, [0.1])
    with pytest.raises(ValueError, match="loads must be a non-empty"):
        capacity_curve(10, [0.1, -0.2])
    with pytest.raises(ValueError, match="n_trials must be a positive integer"):
        capacity_curve(10, [0.1], n_trials=0)
    with pytest.raises(ValueError, match="alpha must be positive"):
        crosstalk_bit_error(0.0)
