"""Tests of rnnbook.classic.ctrnn: Beer's equation, Euler steps, the dt = tau case, error order."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic.ctrnn import CTRNN, euler_errors, sigmoid

W2 = np.array([[4.5, -1.0], [1.0, 4.5]])  # W[i, j]: from unit j to unit i
THETA2 = np.array([-2.75, -1.75])


def test_derivative_is_beers_equation_unit_by_unit():
    rng = np.random.default_rng(0)
    W, theta, tau = rng.standard_normal((3, 3)), rng.standard_normal(3), np.array([0.5, 1.0, 2.0])
    y, I = rng.standard_normal(3), rng.standard_normal(3)
    d = CTRNN(W, theta, tau).derivative(y, I)
    for i in range(3):
        # Eq. (12.1): tau_i dy_i/dt = -y_i + sum_j W[i, j] sigma(y_j + theta_j) + I_i
        drive = sum(W[i, j] / (1 + np.exp(-(y[j] + theta[j]))) for j in range(3))
        assert d[i] == pytest.approx((-y[i] + drive + I[i]) / tau[i], rel=1e-12)


def test_simulate_takes_euler_steps():
    net = CTRNN(W2, THETA2, 1.0)
    I = np.random.default_rng(1).standard_normal((4, 2))
    traj = net.simulate(np.zeros(2), I, 0.1)
    assert traj.shape == (5, 2)
    y = np.zeros(2)
    for k in range(4):
        y = y + 0.1 * net.derivative(y, I[k])  # Eq. (12.2)
        np.testing.assert_allclose(traj[k + 1], y, rtol=1e-14)


def test_dt_equal_to_tau_is_a_discrete_rnn():
    rng = np.random.default_rng(2)
    W, theta, I = rng.standard_normal((4, 4)), rng.standard_normal(4), rng.standard_normal((6, 4))
    traj = CTRNN(W, theta, 0.7).simulate(np.ones(4), I, 0.7)
    y = np.ones(4)
    for k in range(6):
        y = W @ sigmoid(y + theta) + I[k]  # Eq. (12.3)
        np.testing.assert_allclose(traj[k + 1], y, rtol=1e-12, atol=1e-12)


def test_euler_is_first_order():
    net = CTRNN(W2, THETA2, np.array([1.0, 0.8]))
    dts = [0.05, 0.025, 0.0125]
    e = euler_errors(net, np.zeros(2), np.zeros(2), 2.0, dts)
    ratios = e[:-1] / e[1:]
    assert np.all(np.abs(ratios - 2) < 0.1)  # halving dt halves the error


def test_sigmoid_does_not_overflow():
    assert sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist() == [0.0, 0.5, 1.0]


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="W must have shape \\(N, N\\); got \\(2, 3\\)"):
        CTRNN(np.zeros((2, 3)), np.zeros(2), 1.0)
    with pytest.raises(TypeError, match="W must be a numpy.ndarray"):
        CTRNN([[1.0]], np.zeros(1), 1.0)
    with pytest.raises(ValueError, match="theta must have shape \\(N=2\\); got \\(3,\\)"):
        CTRNN(W2, np.zeros(3), 1.0)
    with pytest.raises(ValueError, match="tau must be positive"):
        CTRNN(W2, THETA2, np.array([1.0, 0.0]))
    net = CTRNN(W2, THETA2, 1.0)
    with pytest.raises(ValueError, match="y must have shape \\(N=2,\\); got \\(3,\\)"):
        net.derivative(np.zeros(3))
    with pytest.raises(ValueError, match="I must have shape \\(n_steps, N=2\\); got \\(4,\\)"):
        net.simulate(np.zeros(2), np.zeros(4), 0.1)
    with pytest.raises(ValueError, match="dt must be a positive number; got 0"):
        net.simulate(np.zeros(2), np.zeros((4, 2)), 0)
    with pytest.raises(ValueError, match="each dt must be positive and divide t_end"):
        euler_errors(net, np.zeros(2), np.zeros(2), 1.0, [0.3])


def test_euler_errors_needs_a_network():
    with pytest.raises(TypeError, match="net must be a .*CTRNN; got str"):
        euler_errors("x", np.zeros(2), np.zeros(2), 1.0, [0.1])
