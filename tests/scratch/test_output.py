"""Tests of rnnbook.scratch.output: the affine output layer and the losses."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import Linear, check_layer_gradients, mse_loss, numerical_gradient, softmax, softmax_cross_entropy


def test_linear_matches_torch_and_central_differences(rng):
    layer = Linear(4, 3, seed=0)
    h = rng.standard_normal((5, 2, 4))
    dy = rng.standard_normal((5, 2, 3))
    y, cache = layer.forward(h)
    dh, grads = layer.backward(dy, cache)
    lin = torch.nn.Linear(4, 3).double()
    with torch.no_grad():
        lin.weight.copy_(torch.tensor(layer.params["weight"]))
        lin.bias.copy_(torch.tensor(layer.params["bias"]))
    ht = torch.tensor(h, requires_grad=True)
    yt = lin(ht)
    (yt * torch.tensor(dy)).sum().backward()
    np.testing.assert_allclose(y, yt.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(dh, ht.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(grads["weight"], lin.weight.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(grads["bias"], lin.bias.grad.numpy(), atol=1e-12)
    errors = check_layer_gradients(layer, h)
    assert max(errors.values()) < 1e-7


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_cross_entropy_matches_torch(reduction, rng):
    logits = rng.standard_normal((4, 3, 5)) * 3
    targets = rng.integers(0, 5, size=(4, 3))
    loss, d = softmax_cross_entropy(logits, targets, reduction=reduction)
    lt = torch.tensor(logits, requires_grad=True)
    tl = torch.nn.functional.cross_entropy(lt.reshape(-1, 5), torch.tensor(targets).reshape(-1), reduction=reduction)
    tl.backward()
    assert loss == pytest.approx(tl.item(), rel=1e-12)
    np.testing.assert_allclose(d, lt.grad.numpy(), atol=1e-12)


def test_cross_entropy_is_stable_and_checked():
    loss, d = softmax_cross_entropy(np.array([[1000.0, 0.0]]), np.array([1]))
    assert loss == pytest.approx(1000.0)
    assert np.isfinite(d).all()
    np.testing.assert_allclose(softmax(np.array([1000.0, 1000.0])), [0.5, 0.5])
    with pytest.raises(ValueError, match=r"targets must have shape \(2,\)"):
        softmax_cross_entropy(np.zeros((2, 3)), np.zeros(3, dtype=int))
    with pytest.raises(ValueError, match=r"targets must lie in \[0, C=3\)"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(TypeError, match="targets must hold integers"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="reduction must be one of"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1]), reduction="none")


def test_mse_gradient(rng):
    pred, target = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    loss, d = mse_loss(pred, target)
    assert loss == pytest.approx(np.mean((pred - target) ** 2))
    np.testing.assert_allclose(d, numerical_gradient(lambda: mse_loss(pred, target)[0], pred), atol=1e-9)
    loss_sum, _ = mse_loss(pred, target, reduction="sum")
    assert loss_sum == pytest.approx(12 * loss)
    with pytest.raises(ValueError, match=r"target must have shape \(3, 4\)"):
        mse_loss(pred, target[:2])


def test_linear_errors():
    layer = Linear(4, 3)
    with pytest.raises(ValueError, match=r"h must have shape \(\.\.\., H=4\); got \(2, 5\)"):
        layer.forward(np.zeros((2, 5)))
    y, cache = layer.forward(np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"dy must have shape \(2, 3\)"):
        layer.backward(np.zeros((2, 4)), cache)


def test_log_softmax_is_the_log_of_softmax_and_stable():
    from rnnbook.scratch import log_softmax, softmax

    rng = np.random.default_rng(0)
    a = rng.normal(size=(4, 5)) * 3
    np.testing.assert_allclose(log_softmax(a), np.log(softmax(a)), rtol=0, atol=1e-12)
    np.testing.assert_allclose(np.exp(log_softmax(a, axis=0)).sum(axis=0), 1.0, atol=1e-12)
    big = np.array([[1000.0, 0.0, -1000.0]])
    assert np.all(np.isfinite(log_softmax(big))) and log_softmax(big)[0, 0] == 0.0


def test_mse_refuses_integer_predictions():
    with pytest.raises(TypeError, match="prediction must be a floating-point array; got dtype int64"):
        mse_loss(np.array([1, 2]), np.array([1, 2]))
    with pytest.raises(TypeError, match="target must be a numeric array"):
        mse_loss(np.zeros(2), np.array(["a", "b"]))


def test_softmaxes_need_arrays():
    from rnnbook.scratch import log_softmax

    with pytest.raises(TypeError, match="logits must be a numpy.ndarray; got list"):
        softmax([1.0, 2.0])
    with pytest.raises(TypeError, match="logits must be a numpy.ndarray; got NoneType"):
        log_softmax(None)
