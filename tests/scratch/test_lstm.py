"""Tests of rnnbook.scratch.lstm: LSTM (with and without peepholes) and its BPTT."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import LSTM, check_layer_gradients


def test_matches_torch_outputs_and_gradients(torch_run, rng):
    torch.manual_seed(0)
    module = torch.nn.LSTM(3, 5).double()
    layer = LSTM.from_torch(module)
    x = rng.standard_normal((7, 4, 3))
    h0, c0 = rng.standard_normal((2, 4, 5))
    w = rng.standard_normal((7, 4, 5))
    out, cache = layer.forward(x, h0, c0)
    dx, grads, dstate = layer.backward_with_state(w, cache)
    h0t = torch.tensor(h0[None], requires_grad=True)
    c0t = torch.tensor(c0[None], requires_grad=True)
    t_out, t_dx, t_grads = torch_run(module, x, w, (h0t, c0t))
    np.testing.assert_allclose(out, t_out, rtol=0, atol=1e-10)
    np.testing.assert_allclose(dx, t_dx, rtol=0, atol=1e-10)
    np.testing.assert_allclose(dstate["h0"], h0t.grad.numpy()[0], rtol=0, atol=1e-10)
    np.testing.assert_allclose(dstate["c0"], c0t.grad.numpy()[0], rtol=0, atol=1e-10)
    assert set(grads) == set(t_grads)
    for name in grads:
        np.testing.assert_allclose(grads[name], t_grads[name], rtol=0, atol=1e-10)


@pytest.mark.parametrize("peephole", [False, True])
def test_central_differences(peephole, rng):
    layer = LSTM(3, 4, peephole=peephole, seed=1)
    x = rng.standard_normal((5, 2, 3))
    h0, c0 = rng.standard_normal((2, 2, 4))
    errors = check_layer_gradients(layer, x, state={"h0": h0, "c0": c0})
    expected = {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "x"}
    if peephole:
        expected |= {"weight_ci_l0", "weight_cf_l0", "weight_co_l0"}
    assert set(errors) == expected
    assert max(errors.values()) < 1e-7, errors


def _torch_peephole(p, x, h0, c0):
    """Eqs. (5.1)-(5.6) and (5.8) with torch autograd: an independent reference for the peepholes."""
    H = h0.shape[1]
    h, c, outs = h0, c0, []
    for t in range(x.shape[0]):
        a = x[t] @ p["weight_ih_l0"].T + h @ p["weight_hh_l0"].T + p["bias_ih_l0"] + p["bias_hh_l0"]
        i = torch.sigmoid(a[:, :H] + p["weight_ci_l0"] * c)
        f = torch.sigmoid(a[:, H : 2 * H] + p["weight_cf_l0"] * c)
        g = torch.tanh(a[:, 2 * H : 3 * H])
        c = f * c + i * g
        o = torch.sigmoid(a[:, 3 * H :] + p["weight_co_l0"] * c)
        h = o * torch.tanh(c)
        outs.append(h)
    return torch.stack(outs)


def test_peephole_matches_torch_autograd(rng):
    layer = LSTM(3, 4, peephole=True, seed=2)
    x = rng.standard_normal((6, 2, 3))
    h0, c0 = rng.standard_normal((2, 2, 4))
    w = rng.standard_normal((6, 2, 4))
    out, cache = layer.forward(x, h0, c0)
    dx, grads = layer.backward(w, cache)
    tp = {k: torch.tensor(v, requires_grad=True) for k, v in layer.params.items()}
    xt = torch.tensor(x, requires_grad=True)
    t_out = _torch_peephole(tp, xt, torch.tensor(h0), torch.tensor(c0))
    (t_out * torch.tensor(w)).sum().backward()
    np.testing.assert_allclose(out, t_out.detach().numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=0, atol=1e-12)
    for k in grads:
        np.testing.assert_allclose(grads[k], tp[k].grad.numpy(), rtol=0, atol=1e-12)


def test_peephole_does_not_change_other_weights_and_has_no_torch():
    plain, peep = LSTM(3, 4, seed=5), LSTM(3, 4, peephole=True, seed=5)
    for k in plain.params:
        np.testing.assert_array_equal(plain.params[k], peep.params[k])
    assert peep.params["weight_co_l0"].shape == (4,)
    with pytest.raises(ValueError, match="peephole must be False"):
        peep.to_torch()


def test_float32_roundtrip_and_state(rng):
    layer = LSTM(3, 4, seed=0, dtype=np.float32)
    x = rng.standard_normal((6, 2, 3)).astype(np.float32)
    out, cache = layer.forward(x)
    t_out, _ = layer.to_torch()(torch.tensor(x))
    np.testing.assert_allclose(out, t_out.detach().numpy(), atol=1e-6)
    rest, _ = layer.forward(x[2:], **layer.state_at(cache, 2))
    np.testing.assert_allclose(rest, out[2:], atol=1e-6)


def test_errors():
    layer = LSTM(2, 3, seed=0)
    with pytest.raises(ValueError, match=r"c0 must have shape \(B=4, H=3\); got \(4, 2\)"):
        layer.forward(np.zeros((5, 4, 2)), None, np.zeros((4, 2)))
    with pytest.raises(TypeError, match=r"h0 must have dtype float64; got float32"):
        layer.forward(np.zeros((5, 4, 2)), np.zeros((4, 3), dtype=np.float32))
    with pytest.raises(ValueError, match=r"proj_size=0"):
        LSTM.from_torch(torch.nn.LSTM(2, 3, proj_size=2))
