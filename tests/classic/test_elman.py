"""Tests of rnnbook.classic.elman: the equations step by step, shapes, validation, XOR."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from rnnbook.classic.elman import ElmanNetwork, activation
from rnnbook.data.xor import xor_prediction_batch
from rnnbook.train import fit


def test_forward_matches_the_equations_step_by_step():
    torch.manual_seed(0)
    net = ElmanNetwork(3, 5, 2, nonlinearity="tanh").double()
    x = torch.randn(4, 2, 3, dtype=torch.float64)
    h0 = torch.randn(2, 5, dtype=torch.float64)
    y, hs = net(x, h0)
    assert y.shape == (4, 2, 2) and hs.shape == (4, 2, 5)
    h = h0
    for t in range(4):
        h = torch.tanh(net.W_xh @ x[t].T + net.W_hh @ h.T + net.b_h[:, None]).T
        torch.testing.assert_close(hs[t], h)
        torch.testing.assert_close(y[t], h @ net.W_hy.T + net.b_y)


def test_equals_torch_rnn_with_copied_weights():
    torch.manual_seed(1)
    net = ElmanNetwork(3, 4, 1, nonlinearity="tanh").double()
    ref = torch.nn.RNN(3, 4).double()
    with torch.no_grad():
        ref.weight_ih_l0.copy_(net.W_xh)
        ref.weight_hh_l0.copy_(net.W_hh)
        ref.bias_ih_l0.copy_(net.b_h)
        ref.bias_hh_l0.zero_()
    x = torch.randn(6, 2, 3, dtype=torch.float64)
    torch.testing.assert_close(net(x)[1], ref(x)[0])


def test_validation():
    net = ElmanNetwork(2, 3, 1)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=2\) with T >= 1; got \(4, 2\)"):
        net(torch.zeros(4, 2))
    with pytest.raises(ValueError, match=r"h0 must have shape \(B=5, H=3\); got \(5, 2\)"):
        net(torch.zeros(4, 5, 2), torch.zeros(5, 2))
    with pytest.raises(TypeError, match="x must be a floating-point tensor"):
        net(torch.zeros(4, 5, 2, dtype=torch.long))
    with pytest.raises(ValueError, match="hidden_size must be an integer >= 1; got 0"):
        ElmanNetwork(2, 0, 1)
    with pytest.raises(ValueError, match="nonlinearity must be one of"):
        activation("relu6")


@pytest.mark.slow
def test_learns_the_temporal_xor(one_thread):
    rng = np.random.default_rng(0)
    batches = (xor_prediction_batch(4, 32, rng) for _ in iter(int, 1))
    torch.manual_seed(0)
    net = ElmanNetwork(1, 8, 1)

    def loss_fn(model, batch):
        x, y = batch
        return F.binary_cross_entropy_with_logits(model(x)[0], y)

    fit(net, loss_fn, batches, steps=400, lr=0.05, seed=0, progress=False, device="cpu")
    x, y = xor_prediction_batch(4, 300, seed=1)
    with torch.no_grad():
        err = ((torch.sigmoid(net(x)[0]) - y) ** 2).mean(dim=(1, 2)).numpy()  # (T,)
    third = err[1::3]  # inputs at positions 1, 4, 7, ...: the next bit is a XOR b
    others = np.delete(err, np.arange(1, len(err), 3))
    assert third.max() < 0.1 and others.min() > 0.2
