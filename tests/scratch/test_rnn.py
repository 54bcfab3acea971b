"""Tests of rnnbook.scratch.rnn: the vanilla RNN and its BPTT."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import RNN, check_layer_gradients


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_matches_torch_outputs_and_gradients(nonlinearity, torch_run, rng):
    torch.manual_seed(0)
    module = torch.nn.RNN(3, 5, nonlinearity=nonlinearity).double()
    layer = RNN.from_torch(module)
    x = rng.standard_normal((7, 4, 3))
    h0 = rng.standard_normal((4, 5))
    w = rng.standard_normal((7, 4, 5))
    out, cache = layer.forward(x, h0)
    dx, grads, dstate = layer.backward_with_state(w, cache)
    h0t = torch.tensor(h0[None], requires_grad=True)
    t_out, t_dx, t_grads = torch_run(module, x, w, h0t)
    np.testing.assert_allclose(out, t_out, rtol=0, atol=1e-10)
    np.testing.assert_allclose(dx, t_dx, rtol=0, atol=1e-10)
    np.testing.assert_allclose(dstate["h0"], h0t.grad.numpy()[0], rtol=0, atol=1e-10)
    assert set(grads) == set(t_grads)
    for name in grads:
        np.testing.assert_allclose(grads[name], t_grads[name], rtol=0, atol=1e-10)


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_central_differences(nonlinearity, rng):
    layer = RNN(3, 4, nonlinearity=nonlinearity, seed=1)
    x = rng.standard_normal((5, 2, 3))
    errors = check_layer_gradients(layer, x, state={"h0": rng.standard_normal((2, 4))})
    assert set(errors) == {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "x"}
    assert max(errors.values()) < 1e-7, errors


def test_params_are_the_arrays_used():
    layer = RNN(2, 3, seed=0)
    x = np.ones((2, 1, 2))
    before = layer.forward(x)[0].copy()
    layer.params["weight_hh_l0"] *= 0.0  # in place, as an optimiser does
    layer.params["weight_ih_l0"] *= 0.0
    layer.params["bias_ih_l0"][...] = 0.0
    layer.params["bias_hh_l0"][...] = 0.0
    after = layer.forward(x)[0]
    assert not np.allclose(before, 0.0)
    np.testing.assert_array_equal(after, 0.0)


def test_seed_and_init_range():
    a, b = RNN(3, 16, seed=7), RNN(3, 16, seed=np.random.default_rng(7))
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
        assert np.abs(a.params[k]).max() <= 1 / np.sqrt(16)
    assert not np.array_equal(RNN(3, 16, seed=8).params["weight_hh_l0"], a.params["weight_hh_l0"])
    assert a.num_parameters() == 16 * 3 + 16 * 16 + 2 * 16


def test_float32_and_to_torch_roundtrip(rng):
    layer = RNN(3, 4, seed=0, dtype=np.float32)
    x = rng.standard_normal((6, 2, 3)).astype(np.float32)
    out, _ = layer.forward(x)
    assert out.dtype == np.float32 and out.shape == (6, 2, 4)
    module = layer.to_torch()
    assert module.weight_hh_l0.dtype == torch.float32
    t_out, _ = module(torch.tensor(x))
    np.testing.assert_allclose(out, t_out.detach().numpy(), atol=1e-6)
    back = RNN.from_torch(module)
    assert back.dtype == np.float32
    np.testing.assert_array_equal(back.params["weight_ih_l0"], layer.params["weight_ih_l0"])


def test_state_at_continues_a_sequence(rng):
    layer = RNN(3, 4, seed=0)
    x = rng.standard_normal((8, 2, 3))
    out, cache = layer.forward(x)
    rest, _ = layer.forward(x[5:], **layer.state_at(cache, 5))
    np.testing.assert_allclose(rest, out[5:], atol=1e-14)


def test_errors(rng):
    layer = RNN(8, 4, seed=0)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=8\); got \(5, 3, 7\)"):
        layer.forward(np.zeros((5, 3, 7)))
    with pytest.raises(ValueError, match=r"x must have shape"):
        layer.forward(np.zeros((5, 8)))
    with pytest.raises(ValueError, match=r"at least one time step"):
        layer.forward(np.zeros((0, 3, 8)))
    with pytest.raises(TypeError, match=r"x must have dtype float64.*got float32"):
        layer.forward(np.zeros((5, 3, 8), dtype=np.float32))
    with pytest.raises(ValueError, match=r"h0 must have shape \(B=3, H=4\); got \(2, 4\)"):
        layer.forward(np.zeros((5, 3, 8)), np.zeros((2, 4)))
    out, cache = layer.forward(np.zeros((5, 3, 8)))
    with pytest.raises(ValueError, match=r"d_output must have shape \(T=5, B=3, H=4\)"):
        layer.backward(np.zeros((5, 3, 5)), cache)
    with pytest.raises(ValueError, match=r"nonlinearity must be 'tanh' or 'relu'; got 'sigmoid'"):
        RNN(2, 3, nonlinearity="sigmoid")
    with pytest.raises(TypeError, match=r"dtype must be float32 or float64"):
        RNN(2, 3, dtype=np.int64)
    with pytest.raises(ValueError, match=r"hidden_size must be an integer >= 1; got 0"):
        RNN(2, 0)


def test_from_torch_rejects_what_it_cannot_copy():
    with pytest.raises(ValueError, match=r"num_layers=1 \(got 2\)"):
        RNN.from_torch(torch.nn.RNN(2, 3, num_layers=2))
    with pytest.raises(ValueError, match=r"bidirectional=False \(got True\)"):
        RNN.from_torch(torch.nn.RNN(2, 3, bidirectional=True))
    with pytest.raises(ValueError, match=r"batch_first=False"):
        RNN.from_torch(torch.nn.RNN(2, 3, batch_first=True))
    with pytest.raises(ValueError, match=r"bias=True"):
        RNN.from_torch(torch.nn.RNN(2, 3, bias=False))
    with pytest.raises(TypeError, match=r"module must be a torch.nn.RNN; got LSTM"):
        RNN.from_torch(torch.nn.LSTM(2, 3))


def test_state_at_refuses_a_bool_or_a_step_out_of_range(rng):
    layer = RNN(2, 3, seed=0)
    _, cache = layer.forward(rng.standard_normal((4, 1, 2)))
    with pytest.raises(ValueError, match=r"t must be an integer in \[0, 4\]; got True"):
        layer.state_at(cache, True)
    with pytest.raises(ValueError, match=r"t must be an integer in \[0, 4\]; got 5"):
        layer.state_at(cache, 5)
