"""Tests of rnnbook.scratch.gru: the GRU in both conventions and its BPTT."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import GRU, check_layer_gradients


def test_matches_torch_outputs_and_gradients(torch_run, rng):
    torch.manual_seed(0)
    module = torch.nn.GRU(3, 5).double()
    layer = GRU.from_torch(module)
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
    for name in t_grads:
        np.testing.assert_allclose(grads[name], t_grads[name], rtol=0, atol=1e-10)


@pytest.mark.parametrize("reset_after", [True, False])
def test_central_differences(reset_after, rng):
    layer = GRU(3, 4, reset_after=reset_after, seed=1)
    x = rng.standard_normal((5, 2, 3))
    errors = check_layer_gradients(layer, x, state={"h0": rng.standard_normal((2, 4))})
    assert len(errors) == 5
    assert max(errors.values()) < 1e-7, errors


def _torch_cho(p, x, h0):
    """Eqs. (6.1), (6.2), (6.4), (6.5) with torch autograd: reference for reset_after=False."""
    H = h0.shape[1]
    W_ih, W_hh, b_ih, b_hh = p["weight_ih_l0"], p["weight_hh_l0"], p["bias_ih_l0"], p["bias_hh_l0"]
    h, outs = h0, []
    for t in range(x.shape[0]):
        gi = x[t] @ W_ih.T + b_ih
        gh = h @ W_hh[: 2 * H].T + b_hh[: 2 * H]
        r = torch.sigmoid(gi[:, :H] + gh[:, :H])
        z = torch.sigmoid(gi[:, H : 2 * H] + gh[:, H:])
        n = torch.tanh(gi[:, 2 * H :] + (r * h) @ W_hh[2 * H :].T + b_hh[2 * H :])
        h = (1 - z) * n + z * h
        outs.append(h)
    return torch.stack(outs)


def test_cho_convention_matches_torch_autograd(rng):
    layer = GRU(3, 4, reset_after=False, seed=2)
    x = rng.standard_normal((6, 2, 3))
    h0 = rng.standard_normal((2, 4))
    w = rng.standard_normal((6, 2, 4))
    out, cache = layer.forward(x, h0)
    dx, grads, dstate = layer.backward_with_state(w, cache)
    tp = {k: torch.tensor(v, requires_grad=True) for k, v in layer.params.items()}
    xt, h0t = torch.tensor(x, requires_grad=True), torch.tensor(h0, requires_grad=True)
    t_out = _torch_cho(tp, xt, h0t)
    (t_out * torch.tensor(w)).sum().backward()
    np.testing.assert_allclose(out, t_out.detach().numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(dstate["h0"], h0t.grad.numpy(), rtol=0, atol=1e-12)
    for k in grads:
        np.testing.assert_allclose(grads[k], tp[k].grad.numpy(), rtol=0, atol=1e-12)


def test_conventions_differ_on_the_same_weights(rng):
    module = torch.nn.GRU(3, 4).double()
    a, b = GRU.from_torch(module), GRU.from_torch(module, reset_after=False)
    assert not b.reset_after
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    x = rng.standard_normal((4, 2, 3))
    assert np.abs(a.forward(x)[0] - b.forward(x)[0]).max() > 1e-3


def test_float32_roundtrip(rng):
    layer = GRU(3, 4, seed=0, dtype=np.float32)
    x = rng.standard_normal((6, 2, 3)).astype(np.float32)
    module = layer.to_torch()
    t_out, _ = module(torch.tensor(x))
    np.testing.assert_allclose(layer.forward(x)[0], t_out.detach().numpy(), atol=1e-6)
    assert GRU.from_torch(module).dtype == np.float32
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=3\); got \(6, 2, 2\)"):
        layer.forward(np.zeros((6, 2, 2), dtype=np.float32))


def test_to_torch_refuses_the_convention_torch_does_not_compute():
    with pytest.raises(ValueError, match="to_torch needs reset_after=True"):
        GRU(3, 4, reset_after=False, seed=0).to_torch()
