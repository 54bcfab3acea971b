"""Tests of rnnbook.classic.capacity: the crosstalk theory and the measured curve."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic.capacity import (
    ALPHA_C,
    bootstrap_crossing,
    capacity_curve,
    crossing_load,
    crosstalk_bit_error,
    rs_critical_load,
    rs_overlap,
)


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
    with pytest.raises(ValueError, match="n_trials must be an integer >= 1"):
        capacity_curve(10, [0.1], n_trials=0)
    with pytest.raises(ValueError, match="alpha must be positive"):
        crosstalk_bit_error(0.0)


def test_rs_theory_reproduces_the_published_values():
    # Amit, Gutfreund and Sompolinsky: alpha_c = 0.138, overlap 0.967 just below it
    alpha_c = rs_critical_load()
    assert alpha_c == pytest.approx(0.1379, abs=1e-4) and round(alpha_c, 3) == ALPHA_C
    assert rs_overlap(alpha_c * (1 - 1e-9)) == pytest.approx(0.967, abs=1e-3)
    assert rs_overlap(alpha_c * (1 + 1e-9)) == 0.0
    m = rs_overlap(np.array([0.01, 0.05, 0.1, 0.13]))
    assert m.shape == (4,) and np.all(np.diff(m) < 0) and m[0] == pytest.approx(1.0, abs=1e-12)
    # the solution satisfies Eq. (1.7)
    from scipy.special import erfinv

    alphas = np.array([0.05, 0.1, 0.13])
    y = erfinv(m[1:])
    np.testing.assert_allclose(y * (np.sqrt(2 * alphas) + 2 / np.sqrt(np.pi) * np.exp(-y**2)), m[1:], atol=1e-9)


def test_crossing_load_by_hand():
    loads = [0.1, 0.2, 0.3, 0.4]
    assert crossing_load(loads, [1.0, 0.8, 0.4, 0.2]) == pytest.approx(0.275)
    assert np.isnan(crossing_load(loads, [1.0, 0.9, 0.8, 0.7]))
    both = crossing_load(loads, np.array([[1.0, 1.0], [0.6, 0.4], [0.4, 0.3], [0.3, 0.2]]))
    np.testing.assert_allclose(both, [0.25, 0.18333333333333335])


def test_synchronous_capacity_curve_and_bootstrap():
    result = capacity_curve(200, [0.05, 0.6], n_trials=3, synchronous=True, n_recalled=10,
                            max_sweeps=200, seed=0)
    assert result.synchronous and result.trial_overlap.shape == (2, 3)
    assert result.recall_overlap[0] == 1.0 and result.recall_overlap[1] < 0.7
    np.testing.assert_array_equal(result.settled_fraction, [1.0, 1.0])
    boots = bootstrap_crossing(result, n_boot=50, seed=1)
    assert boots.shape == (50,) and np.all((boots > 0.05) & (boots < 0.6))


def test_new_validation():
    with pytest.raises(ValueError, match="alpha must be positive and finite"):
        rs_overlap(-0.1)
    with pytest.raises(ValueError, match="loads must be an increasing"):
        crossing_load([0.2, 0.1], [1.0, 0.0])
    with pytest.raises(ValueError, match=r"overlaps must have shape \(L=2,\) or \(L=2, K\); got \(3,\)"):
        crossing_load([0.1, 0.2], [1.0, 0.5, 0.0])
    with pytest.raises(TypeError, match="result must be a CapacityResult"):
        bootstrap_crossing([0.1])
    with pytest.raises(ValueError, match="n_recalled must be an integer >= 1"):
        capacity_curve(10, [0.1], n_recalled=0)
