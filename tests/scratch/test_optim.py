"""Tests of rnnbook.scratch.optim: SGD, Adam and clipping."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import SGD, Adam, clip_grad_norm, global_norm


def _run_both(make_ours, make_torch, rng, steps=5):
    params = {"a": rng.standard_normal((3, 2)), "b": rng.standard_normal(4)}
    tparams = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in params.items()}
    ours, theirs = make_ours(params), make_torch(list(tparams.values()))
    for _ in range(steps):
        grads = {k: rng.standard_normal(v.shape) for k, v in params.items()}
        for k, p in tparams.items():
            p.grad = torch.tensor(grads[k])
        ours.step(grads)
        theirs.step()
    for k in params:
        np.testing.assert_allclose(params[k], tparams[k].detach().numpy(), atol=1e-12)


def test_sgd_and_momentum_match_torch(rng):
    _run_both(lambda p: SGD(p, lr=0.1), lambda p: torch.optim.SGD(p, lr=0.1), rng)
    _run_both(
        lambda p: SGD(p, lr=0.1, momentum=0.9), lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), rng
    )


def test_adam_matches_torch(rng):
    _run_both(lambda p: Adam(p, lr=0.01), lambda p: torch.optim.Adam(p, lr=0.01), rng)


def test_updates_the_model_in_place():
    from rnnbook.scratch import RNN

    layer = RNN(2, 3, seed=0)
    before = layer.params["weight_hh_l0"].copy()
    SGD(layer.params, lr=1.0).step({k: np.ones_like(v) for k, v in layer.params.items()})
    np.testing.assert_allclose(layer.params["weight_hh_l0"], before - 1.0)


def test_clip_bounds_the_norm(rng):
    grads = {"a": rng.standard_normal((5, 5)) * 10, "b": rng.standard_normal(3)}
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    clipped, reported = clip_grad_norm(grads, 1.0)
    assert reported == pytest.approx(norm)
    assert global_norm(clipped) == pytest.approx(1.0)
    np.testing.assert_allclose(clipped["a"] / grads["a"], 1.0 / norm)  # direction kept
    small, n_small = clip_grad_norm(grads, 2 * norm)
    for k in grads:
        np.testing.assert_array_equal(small[k], grads[k])
    assert n_small == pytest.approx(norm)
    zero, n0 = clip_grad_norm({"a": np.zeros(3)}, 1.0)
    assert n0 == 0.0 and not np.isnan(zero["a"]).any()


def test_errors(rng):
    params = {"a": np.zeros(2)}
    with pytest.raises(ValueError, match="lr must be a positive finite number; got 0"):
        SGD(params, lr=0)
    with pytest.raises(ValueError, match=r"momentum must be a number in \[0, 1\); got 1.0"):
        SGD(params, momentum=1.0)
    with pytest.raises(ValueError, match="betas must be two numbers"):
        Adam(params, betas=(0.9,))
    with pytest.raises(ValueError, match=r"missing \['a'\], unexpected \['b'\]"):
        SGD(params).step({"b": np.zeros(2)})
    with pytest.raises(ValueError, match=r"grads\['a'\] must have shape \(2,\); got \(3,\)"):
        Adam(params).step({"a": np.zeros(3)})
    with pytest.raises(ValueError, match="max_norm must be a positive finite number"):
        clip_grad_norm(params, 0.0)


def test_optimisers_need_dicts_of_arrays_and_positive_rates():
    with pytest.raises(TypeError, match="params must be a dict of numpy arrays"):
        SGD(None)
    with pytest.raises(TypeError, match="grads must be a dict of numpy arrays"):
        global_norm([1.0])
    with pytest.raises(ValueError, match="max_norm must be a positive finite number; got 0"):
        clip_grad_norm({"w": np.ones(2)}, 0)
    with pytest.raises(ValueError, match="lr must be a positive finite number"):
        Adam({"w": np.ones(2)}, lr=-1)
