"""Tests of rnnbook.data.mackey_glass: the integrator, the sampling, the seed and the checks."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data.mackey_glass import MG_BETA, MG_GAMMA, mackey_glass


def test_shape_range_and_determinism():
    x = mackey_glass(500)
    assert x.shape == (500,) and x.dtype == np.float64
    assert 0.3 < x.min() < x.max() < 1.4  # the tau = 17 attractor lives in about [0.4, 1.35]
    np.testing.assert_array_equal(x, mackey_glass(500))
    assert not np.array_equal(mackey_glass(50, seed=1), mackey_glass(50, seed=2))
    np.testing.assert_array_equal(mackey_glass(50, seed=3), mackey_glass(50, seed=3))


def test_samples_satisfy_the_delay_equation():
    # A finer grid agrees with the default one over a short stretch (a chaotic series drifts
    # apart later), and the central difference of the samples matches Eq. (11.5).
    x = mackey_glass(60, transient=100)
    fine = mackey_glass(60, transient=100, substeps=20)
    assert np.abs(x - fine).max() < 1e-3
    dense = mackey_glass(1, transient=100, substeps=10)  # same start
    assert dense[0] == x[0]
    t = np.arange(20, 59)
    lhs = (x[t + 1] - x[t - 1]) / 2
    xd = x[t - 17]
    rhs = MG_BETA * xd / (1 + xd**10) - MG_GAMMA * x[t]
    assert np.abs(lhs - rhs).max() < 0.02 * np.abs(rhs).max() + 5e-3


def test_short_delay_gives_a_periodic_series():
    x = mackey_glass(400, tau=6, transient=500)
    # tau = 6 is below the onset of chaos: the series repeats itself.
    ac = [np.corrcoef(x[:-lag], x[lag:])[0, 1] for lag in range(5, 100)]
    assert max(ac) > 0.999


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"n": 0}, "n must be an integer >= 1; got 0"),
        ({"n": True}, "n must be an integer"),
        ({"n": 10, "tau": -1}, "tau must be positive"),
        ({"n": 10, "tau": 17.05}, "tau \\* substeps must be a whole number"),
        ({"n": 10, "substeps": 0}, "substeps must be an integer >= 1"),
        ({"n": 10, "transient": -1}, "transient must be an integer >= 0"),
    ],
)
def test_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        mackey_glass(**kwargs)
    with pytest.raises(TypeError, match="tau must be a positive number"):
        mackey_glass(10, tau="17")
