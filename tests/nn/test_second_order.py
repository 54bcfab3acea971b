"""rnnbook.nn.second_order: Eq. (13.1) by hand, lengths, the NumPy step, training, errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.classic import extract_dfa
from rnnbook.data import encode_binary, tomita_dataset, tomita_dfa
from rnnbook.nn import SecondOrderRNN
from rnnbook.train import fit


def test_step_matches_the_sum():
    torch.manual_seed(0)
    m = SecondOrderRNN(2, 3)
    h = torch.rand(4, 3)
    x = torch.eye(2)[torch.tensor([0, 1, 1, 0])]
    manual = torch.zeros(4, 3)
    for b in range(4):
        for i in range(3):
            s = m.bias[i] + sum(m.weight[i, j, k] * h[b, j] * x[b, k] for j in range(3) for k in range(2))
            manual[b, i] = torch.sigmoid(s)
    assert torch.allclose(m.step(h, x), manual, atol=1e-6)
    # a one-hot input selects one transition matrix per symbol
    assert torch.allclose(m.step(h, x)[1], torch.sigmoid(m.weight[:, :, 1] @ h[1] + m.bias), atol=1e-6)


def test_lengths_and_empty_string():
    m = SecondOrderRNN(2, 4)
    x, L = encode_binary(["", "1", "0110"])
    p = m(x, L)
    assert p.shape == (3,) and float(p[0].detach()) == 1.0  # h_0 = e_0: the response neuron starts at 1
    assert torch.allclose(p[2], m(x[:, 2:3])[0])
    assert np.allclose(m.numpy_step(np.eye(4)[:1], 1), m.step(torch.eye(4)[:1], torch.tensor([[0.0, 1.0]])).detach())


@pytest.mark.slow
def test_learns_tomita_1_and_yields_its_dfa():
    s, y = tomita_dataset(1, range(0, 8), 64, seed=0)
    x, L = encode_binary(s)
    y = torch.tensor(y, dtype=torch.float32)
    torch.manual_seed(0)
    m = SecondOrderRNN(2, 4)
    loss = lambda m, b: torch.nn.functional.binary_cross_entropy(m(*b[:2]).clamp(1e-6, 1 - 1e-6), b[2])  # noqa: E731
    acc = lambda m: float(((m(x, L) > 0.5).float() == y).float().mean())  # noqa: E731
    fit(m, loss, [(x, L, y)], steps=300, lr=0.05, seed=0, progress=False, evaluate=acc, eval_every=25,
        target=1.0, mode="max")
    d = extract_dfa(m.numpy_step, lambda h: h[:, 0] > 0.5, m.h0.numpy(), levels=2).minimize()
    assert d.equivalent(tomita_dfa(1))[0]


def test_rejections():
    with pytest.raises(ValueError, match="hidden_size must"):
        SecondOrderRNN(2, 1)
    with pytest.raises(ValueError, match="n_symbols must"):
        SecondOrderRNN(0, 3)
    m = SecondOrderRNN(2, 3)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, K=2\)"):
        m(torch.zeros(5, 2, 3))
    with pytest.raises(ValueError, match="lengths must"):
        m(torch.zeros(5, 2, 2), torch.tensor([6, 1]))


def test_first_order_counterpart():
    torch.manual_seed(0)
    from rnnbook.nn import FirstOrderRNN

    m = FirstOrderRNN(2, 7)
    assert sum(p.numel() for p in m.parameters()) == 7 * 2 + 7 * 7 + 7
    h, x = torch.rand(3, 7), torch.eye(2)[torch.tensor([0, 1, 1])]
    want = torch.sigmoid(x @ m.weight_xh.T + h @ m.weight_hh.T + m.bias)
    assert torch.allclose(m.step(h, x), want)
    assert np.allclose(m.numpy_step(h.numpy(), 1), m.step(h, torch.eye(2)[[1, 1, 1]]).detach().numpy(), atol=1e-6)
    assert float(m(*encode_binary([""]))[0].detach()) == 1.0
