"""Tests of rnnbook.nn.mtrnn: the leaky update, the wiring of fast and slow units, checks."""

from __future__ import annotations

import pytest
import torch

from rnnbook.nn.mtrnn import MTRNN


def test_forward_follows_the_leaky_update_and_the_wiring():
    torch.manual_seed(0)
    net = MTRNN(2, 3, 4, 2, tau_fast=2.0, tau_slow=10.0, n_sequences=3).double()
    with torch.no_grad():
        net.u0_slow.normal_()
    x = torch.randn(5, 2, 2, dtype=torch.float64)
    seq = torch.tensor([2, 0])
    y, h = net(x, seq)
    assert y.shape == (5, 2, 3) and h.shape == (5, 2, 6)
    inv_tau = torch.tensor([0.5] * 4 + [0.1] * 2, dtype=torch.float64)
    u = torch.cat([torch.zeros(2, 4, dtype=torch.float64), net.u0_slow[seq]], 1)
    for t in range(5):
        drive = net.W_hh(torch.tanh(u))
        drive[:, :4] += net.W_xh(x[t])  # input reaches the fast units only
        u = (1 - inv_tau) * u + inv_tau * drive  # Eq. (12.4)
        torch.testing.assert_close(h[t], torch.tanh(u))
    torch.testing.assert_close(y, net.W_hy(h[..., :4]))  # output read from the fast units


def test_the_initial_slow_state_is_learned_per_sequence():
    torch.manual_seed(1)
    net = MTRNN(1, 1, 3, 2, n_sequences=2)
    y, _ = net(torch.randn(6, 2, 1), torch.tensor([0, 1]))
    y.sum().backward()
    assert net.u0_slow.grad.shape == (2, 2) and torch.all(net.u0_slow.grad.abs().sum(1) > 0)


def test_gradcheck():
    torch.manual_seed(2)
    net = MTRNN(1, 1, 2, 2, tau_slow=5.0, n_sequences=1).double()
    x = torch.randn(4, 1, 1, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda x: net(x, torch.tensor([0]))[0], (x,))


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="n_slow must be an integer >= 1; got 0"):
        MTRNN(1, 1, 2, 0)
    with pytest.raises(ValueError, match="tau_slow must be a number >= 1; got 0.5"):
        MTRNN(1, 1, 2, 2, tau_slow=0.5)
    net = MTRNN(2, 1, 2, 2, n_sequences=2)
    with pytest.raises(ValueError, match="x must have shape \\(T, B, D=2\\); got \\(4, 3, 1\\)"):
        net(torch.zeros(4, 3, 1), torch.zeros(3, dtype=torch.long))
    with pytest.raises(ValueError, match="seq must have shape \\(B=3,\\)"):
        net(torch.zeros(4, 3, 2), torch.zeros(2, dtype=torch.long))
    with pytest.raises(ValueError, match="seq must hold integers in \\[0, 2\\)"):
        net(torch.zeros(4, 1, 2), torch.tensor([2]))
