"""rnnbook.nn.recursive: Eq. (13.2) node by node, batching, gradients, errors."""

from __future__ import annotations

import pytest
import torch

from rnnbook.data import flatten_trees
from rnnbook.nn import RecursiveNet


def test_matches_a_recursive_evaluation():
    torch.manual_seed(0)
    net = RecursiveNet(10, 3, 5, 10)
    trees = [("+", 3, ("*", 4, 2)), 7, ("-", ("+", 1, 1), ("*", 2, ("+", 0, 9)))]

    def rec(t):
        if isinstance(t, int):
            return net.embed.weight[t]
        o = "+-*".index(t[0])
        return torch.tanh(net.weight[o] @ torch.cat([rec(t[1]), rec(t[2])]) + net.bias[o])

    out = net(flatten_trees(trees, 10))
    assert out.shape == (3, 10)
    for b, t in enumerate(trees):
        assert torch.allclose(out[b], net.out(rec(t)), atol=1e-6)


def test_backpropagation_through_structure_matches_central_differences():
    torch.manual_seed(1)
    net = RecursiveNet(5, 3, 3, 5).double()
    nodes = flatten_trees([("+", 3, ("*", 4, 2)), ("*", 1, 0)], 5)
    f = lambda w: torch.nn.functional.cross_entropy(net.out(net.node_states(nodes)[nodes["root"]]), torch.tensor([1, 0]))  # noqa: E731
    loss = f(None)
    loss.backward()
    g = net.weight.grad.clone()
    eps = 1e-6
    with torch.no_grad():
        for idx in [(0, 0, 0), (2, 2, 4), (0, 1, 3)]:
            net.weight[idx] += eps
            up = f(None)
            net.weight[idx] -= 2 * eps
            down = f(None)
            net.weight[idx] += eps
            assert abs((up - down) / (2 * eps) - g[idx]) < 1e-7


def test_rejections():
    with pytest.raises(ValueError, match="hidden_size must"):
        RecursiveNet(10, 2, 0, 10)
    net = RecursiveNet(5, 2, 3, 5)
    with pytest.raises(ValueError, match="leaves < n_leaves=5"):
        net(flatten_trees([("+", 7, 2)], 10))
    with pytest.raises(ValueError, match="key 'op'"):
        net({"leaf": torch.tensor([1])})
