"""Tests for rnnbook.scratch.objective.sequence_cross_entropy."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import GRU, RNN, Linear, numerical_gradient, relative_error, sequence_cross_entropy


def setup(layer_cls=RNN, T=5, B=3, D=2, H=4, C=3):
    rng = np.random.default_rng(0)
    layer, out = layer_cls(D, H, seed=1), Linear(H, C, seed=2)
    x = rng.standard_normal((T, B, D))
    labels = rng.integers(0, C, (T, B))
    mask = rng.random((T, B)) < 0.6
    return layer, out, x, labels, mask


@pytest.mark.parametrize("layer_cls", [RNN, GRU])
@pytest.mark.parametrize("mode", ["all", "mask", "last"])
def test_gradients_match_central_differences(layer_cls, mode):
    layer, out, x, labels, mask = setup(layer_cls)
    kwargs = {"mask": mask} if mode == "mask" else {}
    if mode == "last":
        labels, kwargs = labels[-1], {"last_step": True}
    _, grads, _ = sequence_cross_entropy(layer, out, x, labels, **kwargs)
    params = {**layer.params, **out.params}
    assert set(grads) == set(params)
    for name, p in params.items():
        numeric = numerical_gradient(lambda: sequence_cross_entropy(layer, out, x, labels, **kwargs)[0], p)
        assert relative_error(grads[name], numeric) < 1e-7, name


def test_loss_matches_torch_cross_entropy():
    layer, out, x, labels, mask = setup()
    loss, _, _ = sequence_cross_entropy(layer, out, x, labels, mask=mask)
    h = torch.from_numpy(layer.forward(x)[0])
    logits = h @ torch.from_numpy(out.params["weight"]).T + torch.from_numpy(out.params["bias"])
    m = torch.from_numpy(mask)
    expected = torch.nn.functional.cross_entropy(logits[m], torch.from_numpy(labels)[m])
    assert loss == pytest.approx(float(expected), rel=1e-12)


def test_d_h_is_zero_where_nothing_is_scored():
    layer, out, x, labels, mask = setup()
    _, _, d_h = sequence_cross_entropy(layer, out, x, labels, mask=mask)
    assert d_h.shape == (5, 3, 4)
    assert np.all(d_h[~mask] == 0) and np.any(d_h[mask] != 0)
    _, _, d_last = sequence_cross_entropy(layer, out, x, labels[-1], last_step=True)
    assert np.all(d_last[:-1] == 0) and np.any(d_last[-1] != 0)


def test_last_step_equals_a_mask_on_the_last_step():
    layer, out, x, labels, _ = setup()
    only_last = np.zeros(labels.shape, bool)
    only_last[-1] = True
    a = sequence_cross_entropy(layer, out, x, labels[-1], last_step=True)
    b = sequence_cross_entropy(layer, out, x, labels, mask=only_last)
    assert a[0] == pytest.approx(b[0], rel=1e-14)
    assert all(np.allclose(a[1][k], b[1][k], rtol=1e-13, atol=1e-15) for k in a[1])


def test_bad_mask_is_refused():
    layer, out, x, labels, mask = setup()
    with pytest.raises(ValueError, match="mask must be a bool array of the labels' shape"):
        sequence_cross_entropy(layer, out, x, labels, mask=mask.astype(int))
    with pytest.raises(ValueError, match="mask must be a bool array"):
        sequence_cross_entropy(layer, out, x, labels, mask=mask[:2])
    with pytest.raises(ValueError, match="mask is not used with last_step"):
        sequence_cross_entropy(layer, out, x, labels[-1], mask=mask, last_step=True)
