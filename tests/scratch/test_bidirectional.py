"""Tests of rnnbook.scratch.bidirectional."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import GRU, LSTM, RNN, Bidirectional, check_layer_gradients


@pytest.mark.parametrize("torch_cls", [torch.nn.RNN, torch.nn.LSTM, torch.nn.GRU])
def test_matches_torch_bidirectional(torch_cls, torch_run, rng):
    torch.manual_seed(0)
    module = torch_cls(3, 4, bidirectional=True).double()
    bi = Bidirectional.from_torch(module)
    x = rng.standard_normal((6, 2, 3))
    w = rng.standard_normal((6, 2, 8))
    out, cache = bi.forward(x)
    assert out.shape == (6, 2, 8)
    dx, grads = bi.backward(w, cache)
    t_out, t_dx, t_grads = torch_run(module, x, w)
    np.testing.assert_allclose(out, t_out, rtol=0, atol=1e-10)
    np.testing.assert_allclose(dx, t_dx, rtol=0, atol=1e-10)
    assert set(grads) == set(t_grads)
    assert "weight_hh_l0_reverse" in grads
    for name in grads:
        np.testing.assert_allclose(grads[name], t_grads[name], rtol=0, atol=1e-10)


def test_initial_states_match_torch(torch_run, rng):
    module = torch.nn.LSTM(3, 4, bidirectional=True).double()
    bi = Bidirectional.from_torch(module)
    x = rng.standard_normal((5, 2, 3))
    h0, c0 = rng.standard_normal((2, 2, 2, 4))
    w = rng.standard_normal((5, 2, 8))
    out, cache = bi.forward(x, h0, c0)
    _, _, ds = bi.backward_with_state(w, cache)
    h0t = torch.tensor(h0, requires_grad=True)
    c0t = torch.tensor(c0, requires_grad=True)
    t_out, _, _ = torch_run(module, x, w, (h0t, c0t))
    np.testing.assert_allclose(out, t_out, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ds["h0"], h0t.grad.numpy(), rtol=0, atol=1e-10)
    np.testing.assert_allclose(ds["c0"], c0t.grad.numpy(), rtol=0, atol=1e-10)


@pytest.mark.parametrize("merge", ["concat", "sum", "mean", "mul"])
@pytest.mark.parametrize("cls", [RNN, LSTM, GRU])
def test_central_differences(cls, merge, rng):
    bi = Bidirectional(cls(3, 4, seed=0), cls(3, 4, seed=1), merge=merge)
    errors = check_layer_gradients(bi, rng.standard_normal((4, 2, 3)))
    assert len(errors) == 9
    assert max(errors.values()) < 1e-7, errors


def test_backward_direction_sees_the_future(rng):
    bi = Bidirectional(RNN(1, 3, seed=0), RNN(1, 3, seed=1))
    x = rng.standard_normal((5, 1, 1))
    out, _ = bi.forward(x)
    x2 = x.copy()
    x2[-1] += 1.0  # change only the last input
    out2, _ = bi.forward(x2)
    np.testing.assert_array_equal(out[:-1, :, :3], out2[:-1, :, :3])  # forward half: causal
    assert np.abs(out[0, :, 3:] - out2[0, :, 3:]).max() > 0  # backward half: sees x_T at t=1


def test_to_torch_roundtrip(rng):
    bi = Bidirectional(GRU(3, 4, seed=0), GRU(3, 4, seed=1))
    module = bi.to_torch()
    assert module.bidirectional
    x = rng.standard_normal((5, 2, 3))
    t_out, _ = module(torch.tensor(x))
    np.testing.assert_allclose(bi.forward(x)[0], t_out.detach().numpy(), atol=1e-12)


def test_errors(rng):
    with pytest.raises(ValueError, match="same class; got RNN and GRU"):
        Bidirectional(RNN(3, 4), GRU(3, 4))
    with pytest.raises(ValueError, match="same input_size, hidden_size and dtype"):
        Bidirectional(RNN(3, 4), RNN(3, 5))
    with pytest.raises(ValueError, match="merge must be one of"):
        Bidirectional(RNN(3, 4), RNN(3, 4), merge="max")
    with pytest.raises(TypeError, match="forward_layer must be a RecurrentLayer"):
        Bidirectional("lstm", RNN(3, 4))
    bi = Bidirectional(RNN(3, 4, seed=0), RNN(3, 4, seed=1))
    with pytest.raises(ValueError, match=r"h0 must have shape \(2=2, B=2, H=4\); got \(2, 4\)"):
        bi.forward(np.zeros((5, 2, 3)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="c0 is only for LSTM"):
        bi.forward(np.zeros((5, 2, 3)), None, np.zeros((2, 2, 4)))
    out, cache = bi.forward(np.zeros((5, 2, 3)))
    with pytest.raises(ValueError, match=r"d_output must have shape \(T=5, B=2, H=8\)"):
        bi.backward(np.zeros((5, 2, 4)), cache)
    with pytest.raises(ValueError, match=r"bidirectional=True \(got False\)"):
        Bidirectional.from_torch(torch.nn.LSTM(3, 4))
    with pytest.raises(ValueError, match="merge must be 'concat'"):
        Bidirectional(RNN(3, 4), RNN(3, 4), merge="sum").to_torch()
