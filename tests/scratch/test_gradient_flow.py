"""Tests of rnnbook.scratch.gradient_flow: Jacobian products, gradient norms by lag, initialisers."""

import numpy as np
import pytest
import torch

from rnnbook.scratch.gradient_flow import (
    gradient_norm_by_lag,
    jacobian_product_norms,
    orthogonal,
    scale_to_spectral_radius,
    scaled_identity,
    spectral_radius,
    tanh_jacobians,
)


def tanh_states(T, B, H, D=3, rho=0.9, seed=0):
    """A tanh RNN forward pass in torch (float64), for reference gradients."""
    rng = np.random.default_rng(seed)
    W_hh = scale_to_spectral_radius(rng.standard_normal((H, H)), rho)
    W_xh = rng.standard_normal((H, D)) * 0.5
    b = rng.standard_normal(H) * 0.1
    x = rng.standard_normal((T, B, D))
    return W_hh, W_xh, b, x


def torch_grads_by_lag(W_hh, W_xh, b, x, dh_T):
    Whh, Wxh, bb = (torch.tensor(a) for a in (W_hh, W_xh, b))
    h = torch.zeros(x.shape[1], W_hh.shape[0], dtype=torch.float64, requires_grad=True)
    states = [h]
    for t in range(x.shape[0]):
        h = torch.tanh(torch.tensor(x[t]) @ Wxh.T + h @ Whh.T + bb)
        h.retain_grad()
        states.append(h)
    (states[-1] * torch.tensor(dh_T)).sum().backward()
    hs = torch.stack(states[1:]).detach().numpy()
    grads = [s.grad.numpy() for s in states]  # h_0 .. h_T
    return hs, grads


def test_spectral_radius_and_rescaling():
    W = np.diag([0.5, -2.0, 1.0])
    assert spectral_radius(W) == pytest.approx(2.0)
    rng = np.random.default_rng(0)
    A = rng.standard_normal((6, 6))
    for rho in (0.5, 1.0, 1.7):
        assert spectral_radius(scale_to_spectral_radius(A, rho)) == pytest.approx(rho)


def test_orthogonal_and_identity():
    Q = orthogonal(7, seed=0)
    np.testing.assert_allclose(Q @ Q.T, np.eye(7), atol=1e-12)
    np.testing.assert_allclose(np.linalg.svd(orthogonal(5, gain=1.5, seed=1))[1], 1.5)
    assert spectral_radius(orthogonal(9, seed=2)) == pytest.approx(1.0)
    np.testing.assert_array_equal(orthogonal(4, seed=3), orthogonal(4, seed=3))
    np.testing.assert_array_equal(scaled_identity(3, scale=0.5), 0.5 * np.eye(3))
    assert orthogonal(3, seed=0, dtype=np.float32).dtype == np.float32


def test_tanh_jacobians_match_autograd():
    W_hh, W_xh, b, x = tanh_states(T=4, B=1, H=5)
    h_prev = torch.zeros(5, dtype=torch.float64)
    hs = []
    jac_ref = []
    for t in range(4):
        f = lambda hp: torch.tanh(torch.tensor(x[t, 0]) @ torch.tensor(W_xh).T + torch.tensor(W_hh) @ hp + torch.tensor(b))
        jac_ref.append(torch.autograd.functional.jacobian(f, h_prev).numpy())
        h_prev = f(h_prev)
        hs.append(h_prev.numpy())
    J = tanh_jacobians(W_hh, np.array(hs))
    assert J.shape == (4, 5, 5)
    np.testing.assert_allclose(J, np.array(jac_ref), atol=1e-12)
    assert tanh_jacobians(W_hh, np.array(hs)[:, None, :]).shape == (4, 1, 5, 5)


def test_gradient_norm_by_lag_matches_autograd():
    T, B, H = 8, 3, 6
    W_hh, W_xh, b, x = tanh_states(T, B, H, rho=1.2, seed=1)
    dh_T = np.random.default_rng(9).standard_normal((B, H))
    hs, grads = torch_grads_by_lag(W_hh, W_xh, b, x, dh_T)
    norms = gradient_norm_by_lag(W_hh, hs, dh_T)
    assert norms.shape == (T + 1, B)
    for k in range(T + 1):  # lag k <-> state h_{T-k}
        np.testing.assert_allclose(norms[k], np.linalg.norm(grads[T - k], axis=1), rtol=1e-12)


def test_gradient_norm_single_sequence_and_default_direction():
    W_hh, W_xh, b, x = tanh_states(T=5, B=1, H=4)
    hs, grads = torch_grads_by_lag(W_hh, W_xh, b, x, np.full((1, 4), 0.5))
    norms = gradient_norm_by_lag(W_hh, hs[:, 0])  # default unit vector ones/sqrt(4) = 0.5
    assert norms.shape == (6,)
    assert norms[0] == pytest.approx(1.0)
    np.testing.assert_allclose(norms, [np.linalg.norm(grads[5 - k]) for k in range(6)], rtol=1e-12)


def test_linear_regime_decays_like_the_spectral_radius():
    """With h = 0 the Jacobian is W_hh: for a normal matrix norms fall as rho^k exactly."""
    W = orthogonal(6, gain=0.8, seed=0)
    h = np.zeros((10, 6))
    norms = gradient_norm_by_lag(W, h)
    np.testing.assert_allclose(norms, 0.8 ** np.arange(11), rtol=1e-12)


def test_jacobian_product_norms_bounded_by_singular_value_power():
    W_hh, W_xh, b, x = tanh_states(T=12, B=1, H=5, rho=1.1, seed=4)
    hs, _ = torch_grads_by_lag(W_hh, W_xh, b, x, np.ones((1, 5)))
    out = jacobian_product_norms(W_hh, hs[:, 0])
    smax = np.linalg.norm(W_hh, 2)
    assert out.shape == (12,)
    assert np.all(out <= smax ** np.arange(1, 13) * (1 + 1e-12))
    # the first entry is the norm of the last Jacobian
    J = tanh_jacobians(W_hh, hs[:, 0])
    assert out[0] == pytest.approx(np.linalg.norm(J[-1], 2))
    assert out[1] == pytest.approx(np.linalg.norm(J[-1] @ J[-2], 2))


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match=r"W must be a non-empty square matrix \(H, H\); got shape \(2, 3\)"):
        spectral_radius(np.zeros((2, 3)))
    with pytest.raises(TypeError, match="W_hh must be a numpy.ndarray; got list"):
        tanh_jacobians([[1.0]], np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"h must have shape \(T, B, H=3\); got \(4, 2, 5\)"):
        gradient_norm_by_lag(np.eye(3), np.zeros((4, 2, 5)))
    with pytest.raises(ValueError, match=r"dh_T must have shape \(B=2, H=3\); got \(3, 3\)"):
        gradient_norm_by_lag(np.eye(3), np.zeros((4, 2, 3)), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="at least one time step"):
        gradient_norm_by_lag(np.eye(3), np.zeros((0, 2, 3)))
    with pytest.raises(ValueError, match=r"h must be the states of one sequence, shape \(T, H\)"):
        jacobian_product_norms(np.eye(3), np.zeros((4, 2, 3)))
    with pytest.raises(ValueError, match="rho must be a finite non-negative number"):
        scale_to_spectral_radius(np.eye(2), -1.0)
    with pytest.raises(ValueError, match="spectral radius 0"):
        scale_to_spectral_radius(np.zeros((2, 2)), 1.0)
    with pytest.raises(ValueError, match="H must be an integer >= 1; got 0"):
        orthogonal(0, seed=0)


# --- weight_gradient_by_lag -------------------------------------------------------------

from rnnbook.scratch import RNN  # noqa: E402
from rnnbook.scratch.gradient_flow import weight_gradient_by_lag  # noqa: E402


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_weight_gradient_by_lag_sums_to_bptt(nonlinearity):
    layer = RNN(2, 5, nonlinearity=nonlinearity, seed=0, dtype=np.float64)
    rng = np.random.default_rng(0)
    x, d = rng.standard_normal((7, 3, 2)), rng.standard_normal((7, 3, 5))
    G = weight_gradient_by_lag(layer, x, d)
    assert G.shape == (7, 5, 5)
    _, grads = layer.backward(d, layer.forward(x)[1])
    np.testing.assert_allclose(G.sum(0), grads["weight_hh_l0"], atol=1e-12)


def test_weight_gradient_by_lag_last_step_loss_matches_autograd():
    """With one loss at step T, G_j is the autograd gradient through the copy of W_hh used at step T - j."""
    T, H = 6, 4
    layer = RNN(1, H, seed=1, dtype=np.float64)
    rng = np.random.default_rng(2)
    x, w = rng.standard_normal((T, 2, 1)), rng.standard_normal((2, H))
    d = np.zeros((T, 2, H))
    d[-1] = w
    G = weight_gradient_by_lag(layer, x, d)
    p = {k: torch.tensor(v) for k, v in layer.params.items()}
    copies = [p["weight_hh_l0"].clone().requires_grad_(True) for _ in range(T)]
    h = torch.zeros(2, H, dtype=torch.float64)
    for t in range(T):
        h = torch.tanh(torch.tensor(x[t]) @ p["weight_ih_l0"].T + h @ copies[t].T + p["bias_ih_l0"] + p["bias_hh_l0"])
    (h * torch.tensor(w)).sum().backward()
    for j in range(T):
        np.testing.assert_allclose(G[j], copies[T - 1 - j].grad.numpy(), atol=1e-12)
    np.testing.assert_array_equal(G[T - 1], 0.0)  # step 1 multiplies h_0 = 0


def test_weight_gradient_by_lag_rejects_bad_input():
    layer = RNN(2, 5, seed=0, dtype=np.float64)
    x = np.zeros((4, 3, 2))
    with pytest.raises(TypeError, match="layer must be a rnnbook.scratch.RNN"):
        weight_gradient_by_lag("rnn", x, np.zeros((4, 3, 5)))
    with pytest.raises(ValueError, match="d_output"):
        weight_gradient_by_lag(layer, x, np.zeros((4, 3, 6)))
