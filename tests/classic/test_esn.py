"""Tests of rnnbook.classic.esn: reservoir scaling, the update, the ridge readout, closed loop."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic.esn import EchoStateNetwork, largest_singular_value, spectral_radius


def make(**kw):
    args = dict(spectral_radius=0.9, leak=0.5, input_scale=0.8, seed=0, bias_scale=0.2, density=0.2)
    args.update(kw)
    return EchoStateNetwork(2, 30, 2, **args)


def test_reservoir_is_scaled_to_exactly_the_spectral_radius():
    for rho in (0.5, 0.9, 1.3):
        esn = make(spectral_radius=rho)
        assert spectral_radius(esn.W_hh) == pytest.approx(rho, rel=1e-12)
        assert esn.W_hh.shape == (30, 30) and esn.W_in.shape == (30, 2) and esn.b.shape == (30,)
        assert np.abs(esn.W_in).max() <= 0.8 and np.abs(esn.b).max() <= 0.2
    # a non-normal reservoir: sigma_max can be far above rho
    own = np.array([[2.5, 2.0], [-2.0, -1.5]])  # eigenvalues 0.5, 0.5
    esn = EchoStateNetwork(1, 2, 1, spectral_radius=0.5, reservoir=own, seed=0)
    assert largest_singular_value(esn.W_hh) > 4 * spectral_radius(esn.W_hh)


def test_states_follow_the_leaky_update_step_by_step():
    esn = make()
    rng = np.random.default_rng(1)
    u, x0 = rng.standard_normal((7, 2)), rng.standard_normal(30)
    X = esn.states(u, x0)
    x = x0
    for t in range(7):
        # Eq. (11.1)
        x = 0.5 * x + 0.5 * np.tanh(esn.W_in @ u[t] + esn.W_hh @ x + esn.b)
        np.testing.assert_allclose(X[t], x, rtol=1e-13, atol=1e-13)


def test_fit_is_the_ridge_solution_and_recovers_a_linear_readout():
    esn = make(ridge=1e-3)
    rng = np.random.default_rng(2)
    u = rng.uniform(-1, 1, (200, 2))
    X = esn.states(u)
    Z = np.hstack([np.ones((200, 1)), u, X])[20:]
    W_true = rng.standard_normal((2, 33))
    y = np.vstack([np.zeros((20, 2)), Z @ W_true.T])
    esn.fit(u, y, washout=20)
    # the normal equations of Eq. (11.3): (Z^T Z + lambda I) W_out^T = Z^T Y
    lhs = (Z.T @ Z + 1e-3 * np.eye(33)) @ esn.W_out.T
    np.testing.assert_allclose(lhs, Z.T @ y[20:], atol=1e-8)
    exact = make(ridge=0.0).fit(u, y, washout=20)
    np.testing.assert_allclose(exact.W_out, W_true, atol=1e-6)
    np.testing.assert_allclose(exact.predict(u)[20:], y[20:], atol=1e-8)


def test_generate_feeds_outputs_back():
    esn = make()
    rng = np.random.default_rng(3)
    u = rng.uniform(-1, 1, (100, 2))
    esn.fit(u[:-1], u[1:], washout=10)
    warm = u[:50]
    g = esn.generate(5, warm)
    assert g.shape == (5, 2)
    # by hand: the first output is the open-loop prediction after the warm-up ...
    np.testing.assert_allclose(g[0], esn.predict(warm)[-1], atol=1e-12)
    # ... and the second is the prediction after appending the first output as input
    np.testing.assert_allclose(g[1], esn.predict(np.vstack([warm, g[:1]]))[-1], atol=1e-12)


def test_a_sine_is_continued_in_closed_loop():
    t = np.arange(700)
    s = np.sin(2 * np.pi * t / 25)[:, None]
    esn = EchoStateNetwork(1, 100, 1, spectral_radius=0.9, input_scale=0.5, seed=0, bias_scale=0.2)
    esn.fit(s[:499], s[1:500], washout=50)
    g = esn.generate(100, s[:500])
    assert np.abs(g[:, 0] - s[500:600, 0]).max() < 1e-2


def test_contraction_when_sigma_max_below_one():
    esn = EchoStateNetwork(1, 50, 1, spectral_radius=0.4, seed=4)
    s = largest_singular_value(esn.W_hh)
    assert s < 1
    u = np.random.default_rng(5).uniform(-1, 1, (30, 1))
    a, b = np.ones(50), -np.ones(50)
    d = np.linalg.norm(esn.states(u, a) - esn.states(u, b), axis=1)
    d0 = np.linalg.norm(a - b)
    assert np.all(d <= d0 * s ** np.arange(1, 31) + 1e-12)  # Eq. (11.4)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"n_reservoir": 0}, ValueError, "n_reservoir must be an integer >= 1; got 0"),
        ({"spectral_radius": 0}, ValueError, "spectral_radius must be > 0; got 0"),
        ({"spectral_radius": "1"}, TypeError, "spectral_radius must be a number"),
        ({"leak": 1.5}, ValueError, "leak must be > 0 and <= 1.0; got 1.5"),
        ({"density": 0.0}, ValueError, "density must be > 0"),
        ({"ridge": -1.0}, ValueError, "ridge must be >= 0"),
        ({"reservoir": np.zeros((3, 3))}, ValueError, "reservoir must have shape \\(N=30, N=30\\)"),
        ({"reservoir": np.triu(np.ones((30, 30)), 1)}, ValueError, "spectral radius 0"),
    ],
)
def test_constructor_rejects_bad_input(kwargs, error, match):
    args = dict(n_inputs=2, n_reservoir=30, n_outputs=2, spectral_radius=0.9)
    args.update(kwargs)
    with pytest.raises(error, match=match):
        EchoStateNetwork(**args)


def test_methods_reject_bad_input():
    esn = make()
    with pytest.raises(ValueError, match="u must have shape \\(T, D=2\\) with T >= 1; got \\(5, 3\\)"):
        esn.states(np.zeros((5, 3)))
    with pytest.raises(TypeError, match="u must be a numpy.ndarray"):
        esn.states([[0.0, 0.0]])
    with pytest.raises(ValueError, match="x0 must have shape \\(N=30,\\)"):
        esn.states(np.zeros((5, 2)), np.zeros(3))
    with pytest.raises(RuntimeError, match="call fit"):
        esn.predict(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="y must have shape \\(T=5, C=2\\); got \\(5, 1\\)"):
        esn.fit(np.zeros((5, 2)), np.zeros((5, 1)), washout=1)
    with pytest.raises(ValueError, match="washout must be smaller than T=5"):
        esn.fit(np.zeros((5, 2)), np.zeros((5, 2)), washout=5)
    esn.fit(np.random.default_rng(0).standard_normal((20, 2)), np.zeros((20, 2)), washout=2)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        esn.generate(0, np.zeros((5, 2)))
    other = EchoStateNetwork(2, 10, 1, spectral_radius=0.9, seed=0).fit(np.ones((5, 2)), np.ones((5, 1)), 1)
    with pytest.raises(ValueError, match="needs n_outputs == n_inputs"):
        other.generate(3, np.zeros((5, 2)))
    with pytest.raises(ValueError, match="W must be a square matrix"):
        spectral_radius(np.zeros((2, 3)))
