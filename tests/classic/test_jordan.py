"""Tests of rnnbook.classic.jordan: the equations step by step, shapes, validation."""

from __future__ import annotations

import pytest
import torch

from rnnbook.classic.jordan import JordanNetwork, jordan_xor_solution


@pytest.mark.parametrize("mu", [0.0, 0.5])
def test_forward_matches_the_equations_step_by_step(mu):
    torch.manual_seed(0)
    net = JordanNetwork(3, 5, 2, mu=mu).double()
    x = torch.randn(4, 2, 3, dtype=torch.float64)
    y, hs = net(x)
    assert y.shape == (4, 2, 2) and hs.shape == (4, 2, 5)
    s = torch.zeros(2, 2, dtype=torch.float64)
    for t in range(4):
        h = torch.sigmoid(x[t] @ net.W_xh.T + s @ net.W_sh.T + net.b_h)
        out = h @ net.W_hy.T + net.b_y
        torch.testing.assert_close(hs[t], h)
        torch.testing.assert_close(y[t], out)
        s = mu * s + torch.sigmoid(out)


def test_the_recurrence_runs_only_through_the_outputs():
    torch.manual_seed(0)
    net = JordanNetwork(1, 4, 1)
    with torch.no_grad():
        net.W_hy.zero_()  # the output is constant, so nothing of the past can reach h_t
    x = torch.randn(5, 3, 1)
    x2 = x.clone()
    x2[0] += 1.0
    torch.testing.assert_close(net(x)[1][1:], net(x2)[1][1:])


def test_validation():
    net = JordanNetwork(2, 3, 1)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=2\)"):
        net(torch.zeros(4, 5, 3))
    with pytest.raises(ValueError, match=r"s0 must have shape \(B=5, C=1\); got \(5, 2\)"):
        net(torch.zeros(4, 5, 2), torch.zeros(5, 2))
    with pytest.raises(ValueError, match=r"mu must lie in \[0, 1\); got 1.0"):
        JordanNetwork(2, 3, 1, mu=1.0)
    with pytest.raises(ValueError, match="output_size must be an integer >= 1"):
        JordanNetwork(2, 3, 0)


def test_the_output_feedback_is_not_detached():
    torch.manual_seed(0)
    net = JordanNetwork(1, 4, 1).double()
    x = torch.randn(3, 2, 1, dtype=torch.float64, requires_grad=True)
    y, _ = net(x)
    y[2].sum().backward()
    assert x.grad[0].abs().min() > 0  # the first input reaches the third output through y_1, y_2


def test_hand_set_solution_levels():
    net = jordan_xor_solution(delta=0.4, big=6.0)
    # a triplet from the phase it expects: s_1 = 0.5
    x = torch.tensor([0.0, 1.0, 1.0, 1.0, 1.0, 0.0])[:, None, None]
    y, _ = net(x, torch.full((1, 1), 0.5))
    torch.testing.assert_close(y[:, 0, 0], torch.tensor([-0.4, 6.0, 0.0, 0.4, -6.0, 0.0]), atol=1e-3, rtol=0)


def test_hand_set_solution_validation():
    with pytest.raises(ValueError, match=r"delta must be a number in \(0, 1\]; got 0"):
        jordan_xor_solution(delta=0)
    with pytest.raises(ValueError, match=r"big must be a number in \(3, 50\]; got 2.0"):
        jordan_xor_solution(big=2.0)
