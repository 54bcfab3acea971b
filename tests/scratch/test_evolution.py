"""Tests of rnnbook.scratch.evolution: the evolution strategy and its helpers."""

import numpy as np
import pytest

from rnnbook.scratch.evolution import centered_ranks, evolution_strategy, flatten, unflatten


def test_flatten_unflatten_round_trip():
    params = {"W": np.arange(6.0).reshape(2, 3), "b": np.array([7.0, 8.0], dtype=np.float32)}
    theta = flatten(params)
    np.testing.assert_array_equal(theta, [0, 1, 2, 3, 4, 5, 7, 8])
    back = unflatten(theta, params)
    assert list(back) == ["W", "b"]
    np.testing.assert_array_equal(back["W"], params["W"])
    assert back["b"].dtype == np.float32
    with pytest.raises(ValueError, match=r"theta must have shape \(P=8,\); got \(7,\)"):
        unflatten(theta[:7], params)
    with pytest.raises(ValueError, match="params must be a non-empty dict"):
        flatten({})


def test_centered_ranks():
    np.testing.assert_allclose(centered_ranks(np.array([3.0, -1.0, 10.0])), [0.0, -0.5, 0.5])
    with pytest.raises(ValueError, match="at least 2 entries"):
        centered_ranks(np.array([1.0]))


def quadratic(target):
    def loss(theta):
        return float(np.sum((theta - target) ** 2))
    return loss


def test_es_minimises_a_quadratic_and_counts_evaluations():
    target = np.linspace(-1, 1, 10)
    calls = []

    def loss(theta):
        calls.append(1)
        return quadratic(target)(theta)

    res = evolution_strategy(loss, np.zeros(10), max_evaluations=2000, population=10, sigma=0.1, lr=0.05, seed=0)
    assert res.n_evaluations == len(calls) <= 2000
    assert res.evaluations[-1] == res.n_evaluations
    assert len(res.losses) == len(res.evaluations)
    assert res.losses[0] == pytest.approx(np.sum(target**2))
    assert res.losses[-1] < 0.01 * res.losses[0]
    np.testing.assert_allclose(res.theta, target, atol=0.1)
    # each generation costs population + 1 evaluations
    assert np.all(np.diff(res.evaluations) == 11)


def test_es_is_seeded():
    loss = quadratic(np.ones(5))
    a = evolution_strategy(loss, np.zeros(5), max_evaluations=200, seed=3)
    b = evolution_strategy(loss, np.zeros(5), max_evaluations=200, seed=3)
    c = evolution_strategy(loss, np.zeros(5), max_evaluations=200, seed=4)
    np.testing.assert_array_equal(a.theta, b.theta)
    assert not np.array_equal(a.theta, c.theta)


def test_es_estimate_points_along_the_gradient():
    """One generation on a linear loss moves every coordinate against its gradient.

    (The first Adam step is m_hat / sqrt(v_hat) = sign(g_hat), so the step is a sign vector.)
    """
    direction = np.array([1.0, -2.0, 0.5])
    res = evolution_strategy(lambda th: float(direction @ th), np.zeros(3), max_evaluations=202,
                             population=200, sigma=0.1, lr=0.1, seed=0)
    np.testing.assert_array_equal(np.sign(res.theta), -np.sign(direction))
    np.testing.assert_allclose(np.abs(res.theta), 0.1, rtol=1e-6)


def test_es_does_not_touch_theta0():
    theta0 = np.zeros(3)
    evolution_strategy(quadratic(np.ones(3)), theta0, max_evaluations=50, seed=0)
    np.testing.assert_array_equal(theta0, 0.0)


@pytest.mark.parametrize(
    "kwargs, err, match",
    [
        (dict(population=3), ValueError, "population must be an even integer >= 2; got 3"),
        (dict(max_evaluations=5), ValueError, "max_evaluations must be an integer >= population \\+ 2 = 22; got 5"),
        (dict(sigma=0.0), ValueError, "sigma must be positive; got 0.0"),
        (dict(lr=-1.0), ValueError, "lr must be positive; got -1.0"),
    ],
)
def test_es_rejects_bad_settings(kwargs, err, match):
    settings = dict(max_evaluations=100, seed=0)
    settings.update(kwargs)
    with pytest.raises(err, match=match):
        evolution_strategy(quadratic(np.ones(2)), np.zeros(2), **settings)


def test_es_rejects_bad_loss_and_theta():
    with pytest.raises(TypeError, match="loss must be callable; got int"):
        evolution_strategy(3, np.zeros(2), max_evaluations=100)
    with pytest.raises(ValueError, match=r"theta0 must be a non-empty vector \(P,\); got shape \(2, 2\)"):
        evolution_strategy(quadratic(0.0), np.zeros((2, 2)), max_evaluations=100)
    with pytest.raises(ValueError, match="non-finite"):
        evolution_strategy(lambda th: float("nan"), np.zeros(2), max_evaluations=100, seed=0)
