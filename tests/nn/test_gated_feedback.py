"""rnnbook.nn.gated_feedback: Eq. (13.6) by hand, parameter counts, errors."""

from __future__ import annotations

import pytest
import torch

from rnnbook.nn import StackedRNN, stack_width_for_budget, stacked_parameter_count


@pytest.mark.parametrize("gated", [False, True])
def test_parameter_count(gated):
    m = StackedRNN(3, 5, 2, num_layers=3, gated_feedback=gated)
    assert sum(p.numel() for p in m.parameters()) == stacked_parameter_count(3, 5, 2, 3, gated)
    H = stack_width_for_budget(3, stacked_parameter_count(3, 5, 2, 3, True), 2, 3, False)
    assert stacked_parameter_count(3, H, 2, 3, False) <= stacked_parameter_count(3, 5, 2, 3, True)
    assert stacked_parameter_count(3, H + 1, 2, 3, False) > stacked_parameter_count(3, 5, 2, 3, True)


def test_gated_feedback_step_by_hand():
    torch.manual_seed(0)
    m = StackedRNN(2, 3, 1, num_layers=2, gated_feedback=True)
    x = torch.randn(2, 1, 2)
    h1, h2 = m.states(x)
    prev = [h1[0, 0], h2[0, 0]]
    star = torch.cat(prev)
    below = x[1, 0]
    for j, got in enumerate([h1[1, 0], h2[1, 0]]):
        g = torch.sigmoid(m.gate_below[j].weight @ below + m.gate_all[j].weight @ star + m.gate_all[j].bias)
        a = m.w_in[j].weight @ below + m.w_in[j].bias + sum(g[i] * m.u[j, i] @ prev[i] for i in range(2))
        want = torch.tanh(a)
        assert torch.allclose(got, want, atol=1e-6)
        below = want
    assert m(x).shape == (2, 1, 1)


def test_plain_stack_is_layer_by_layer():
    torch.manual_seed(1)
    m = StackedRNN(2, 3, 1, num_layers=2)
    x = torch.randn(3, 1, 2)
    h1, h2 = m.states(x)
    want = torch.tanh(m.w_in[1](h1[2, 0]) + m.u[1, 0] @ h2[1, 0])
    assert torch.allclose(h2[2, 0], want, atol=1e-6)


def test_rejections():
    with pytest.raises(TypeError, match="gated_feedback must be a bool"):
        StackedRNN(2, 3, gated_feedback=1)
    with pytest.raises(ValueError, match="num_layers must"):
        StackedRNN(2, 3, num_layers=0)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=2\)"):
        StackedRNN(2, 3)(torch.zeros(4, 1, 3))
    with pytest.raises(ValueError, match="budget must allow"):
        stack_width_for_budget(2, 3)
