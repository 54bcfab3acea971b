"""Tests of rnnbook.scratch.stacked: deep RNNs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import GRU, LSTM, RNN, Bidirectional, Stacked, check_layer_gradients


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("torch_cls", [torch.nn.RNN, torch.nn.LSTM, torch.nn.GRU])
def test_matches_torch_multilayer(torch_cls, bidirectional, torch_run, rng):
    torch.manual_seed(0)
    module = torch_cls(3, 4, num_layers=3, bidirectional=bidirectional).double()
    deep = Stacked.from_torch(module)
    H_out = 8 if bidirectional else 4
    x = rng.standard_normal((5, 2, 3))
    w = rng.standard_normal((5, 2, H_out))
    out, cache = deep.forward(x)
    dx, grads = deep.backward(w, cache)
    t_out, t_dx, t_grads = torch_run(module, x, w)
    np.testing.assert_allclose(out, t_out, rtol=0, atol=1e-10)
    np.testing.assert_allclose(dx, t_dx, rtol=0, atol=1e-10)
    assert list(grads) == list(deep.params)
    assert set(grads) == set(t_grads)
    for name in grads:
        np.testing.assert_allclose(grads[name], t_grads[name], rtol=0, atol=1e-10)
    back = deep.to_torch()
    t_out2, _ = back(torch.tensor(x))
    np.testing.assert_allclose(t_out2.detach().numpy(), out, atol=1e-12)


def test_central_differences_mixed_stack(rng):
    deep = Stacked(
        [
            LSTM(3, 4, peephole=True, seed=0),
            Bidirectional(GRU(4, 3, reset_after=False, seed=1), GRU(4, 3, seed=2), merge="concat"),
            RNN(6, 2, nonlinearity="relu", seed=3),
        ]
    )
    assert deep.output_size == 2
    assert "weight_ci_l0" in deep.params and "weight_hh_l1_reverse" in deep.params
    errors = check_layer_gradients(deep, rng.standard_normal((4, 2, 3)))
    assert len(errors) == 7 + 8 + 4 + 1
    assert max(errors.values()) < 1e-7, errors


def test_initial_states_per_layer(rng):
    deep = Stacked([RNN(2, 3, seed=0), RNN(3, 3, seed=1)])
    x = rng.standard_normal((4, 2, 2))
    h0 = [rng.standard_normal((2, 3)), None]
    out, cache = deep.forward(x, h0)
    first, _ = deep.layers[0].forward(x, h0[0])
    np.testing.assert_allclose(out, deep.layers[1].forward(first)[0])
    _, _, ds = deep.backward_with_state(np.ones_like(out), cache)
    assert len(ds["h0"]) == 2 and ds["h0"][0].shape == (2, 3)


def test_errors():
    with pytest.raises(ValueError, match="at least one layer"):
        Stacked([])
    with pytest.raises(ValueError, match=r"layers\[1\].input_size must equal layers\[0\].output_size=4; got 3"):
        Stacked([RNN(2, 4), RNN(3, 4)])
    with pytest.raises(TypeError, match=r"layers\[1\] has dtype float32"):
        Stacked([RNN(2, 4), RNN(4, 4, dtype=np.float32)])
    deep = Stacked([RNN(2, 4), RNN(4, 4)])
    with pytest.raises(ValueError, match=r"h0 must hold one entry per layer \(2\); got 1"):
        deep.forward(np.zeros((3, 1, 2)), [None])
    with pytest.raises(ValueError, match="does not match layers"):
        Stacked([RNN(2, 4), RNN(4, 3)]).to_torch()
