"""Tests of rnnbook.nn.ctrnn: parity with the NumPy CTRNN, gradients through Euler, training."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.nn.ctrnn import ContinuousTimeRNN


def test_matches_the_numpy_ctrnn():
    torch.manual_seed(0)
    net = ContinuousTimeRNN(4, 2, 1, dt=0.1, tau=0.5).double()
    with torch.no_grad():
        net.log_tau.copy_(torch.tensor([0.5, 1.0, 1.5, 2.0], dtype=torch.float64).log())
        net.theta.normal_()
    y0 = torch.randn(1, 4, dtype=torch.float64)
    u = torch.randn(12, 1, 2, dtype=torch.float64)
    traj = net(y0, u)
    assert traj.shape == (13, 1, 4)
    ref = net.to_numpy().simulate(y0[0].numpy(), (u[:, 0] @ net.W_in.T).detach().numpy(), 0.1)
    np.testing.assert_allclose(traj[:, 0].detach().numpy(), ref, rtol=1e-12, atol=1e-12)
    assert net.outputs(traj).shape == (13, 1, 1)


def test_gradients_through_the_solver_match_central_differences():
    torch.manual_seed(1)
    net = ContinuousTimeRNN(3, 0, 2, dt=0.2).double()
    y0 = torch.randn(2, 3, dtype=torch.float64)
    params = [net.W, net.theta, net.log_tau]
    assert torch.autograd.gradcheck(
        lambda W, th, lt: _loss(net, y0, W, th, lt), params, eps=1e-6, atol=1e-6
    )


def _loss(net, y0, W, theta, log_tau):
    tau = log_tau.exp()
    y, total = y0, 0.0
    for _ in range(8):
        y = y + net.dt * (-y + torch.sigmoid(y + theta) @ W.T) / tau
        total = total + (y**2).sum()
    return total


def test_autograd_of_forward_equals_the_explicit_loss():
    torch.manual_seed(2)
    net = ContinuousTimeRNN(3, 0, 2, dt=0.2).double()
    y0 = torch.randn(2, 3, dtype=torch.float64)
    a = (net(y0, n_steps=8)[1:] ** 2).sum()
    a.backward()
    g = net.W.grad.clone()
    net.zero_grad()
    _loss(net, y0, net.W, net.theta, net.log_tau).backward()
    torch.testing.assert_close(net.W.grad, g)


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="n_units must be an integer >= 1"):
        ContinuousTimeRNN(0)
    with pytest.raises(ValueError, match="dt must be a positive number"):
        ContinuousTimeRNN(3, dt=0.0)
    net = ContinuousTimeRNN(3, 1, 1)
    with pytest.raises(ValueError, match="y0 must be a tensor of shape \\(B, N=3\\); got \\(2, 4\\)"):
        net(torch.zeros(2, 4), torch.zeros(5, 2, 1))
    with pytest.raises(ValueError, match="u is required"):
        net(torch.zeros(2, 3), n_steps=4)
    with pytest.raises(ValueError, match="u must have shape \\(n_steps, B=2, D=1\\)"):
        net(torch.zeros(2, 3), torch.zeros(5, 2, 2))
    with pytest.raises(ValueError, match="n_steps must be an integer >= 1"):
        ContinuousTimeRNN(3)(torch.zeros(1, 3))
