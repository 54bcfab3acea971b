"""How gradients flow backwards through a tanh RNN: Jacobians, their products, initialisers.

For :math:`h_t = \\tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)` the Jacobian of one step is

.. math::

    J_t = \\frac{\\partial h_t}{\\partial h_{t-1}} = \\operatorname{diag}(1 - h_t^2)\\, W_{hh},

and a loss :math:`L_T` read at the last step reaches the state :math:`k` steps earlier
through the product of :math:`k` such Jacobians (Eq. (4.1)):

.. math::

    \\frac{\\partial L_T}{\\partial h_{T-k}}
    = \\frac{\\partial L_T}{\\partial h_T} J_T J_{T-1} \\cdots J_{T-k+1} .

Since :math:`|1 - h_t^2| \\le 1`, the norm of the product is at most
:math:`\\lVert W_{hh} \\rVert_2^k`: it shrinks geometrically when the largest singular
value of :math:`W_{hh}` is below one. The functions here measure these quantities on
hidden states produced by any forward pass (they do not run the network themselves), and
build recurrent matrices with a chosen spectral radius, orthogonal or identity.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_array, check_positive_int

__all__ = [
    "spectral_radius",
    "scale_to_spectral_radius",
    "orthogonal",
    "scaled_identity",
    "tanh_jacobians",
    "gradient_norm_by_lag",
    "jacobian_product_norms",
    "weight_gradient_by_lag",
]


def _square(name: str, W: np.ndarray) -> np.ndarray:
    if not isinstance(W, np.ndarray):
        raise TypeError(f"{name} must be a numpy.ndarray; got {type(W).__name__}")
    if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty square matrix (H, H); got shape {W.shape}")
    return W


def _check_size(name: str, value: object) -> int:
    return check_positive_int(name, value)


def spectral_radius(W: np.ndarray) -> float:
    """Largest modulus of the eigenvalues of a square matrix, :math:`\\rho(W)`.

    Shapes
    ------
    W: (H, H).
    """
    W = _square("W", W)
    return float(np.max(np.abs(np.linalg.eigvals(W))))


def scale_to_spectral_radius(W: np.ndarray, rho: float) -> np.ndarray:
    """Return :math:`(\\rho / \\rho(W))\\, W`, a copy of ``W`` with spectral radius ``rho``.

    Shapes
    ------
    W: (H, H); the result has the same shape and dtype.
    """
    W = _square("W", W)
    if not np.isfinite(rho) or rho < 0:
        raise ValueError(f"rho must be a finite non-negative number; got {rho!r}")
    current = spectral_radius(W)
    if current == 0:
        raise ValueError("W has spectral radius 0 and cannot be rescaled")
    return (W * (rho / current)).astype(W.dtype)


def orthogonal(H: int, *, gain: float = 1.0, seed: SeedLike = 0, dtype: object = np.float64) -> np.ndarray:
    """A random orthogonal matrix times ``gain`` (QR of a Gaussian matrix, signs fixed).

    Every singular value and every eigenvalue modulus equals ``gain``, so a linear
    recurrence with this matrix neither shrinks nor grows a vector when ``gain`` is 1
    (Saxe et al., 2014).

    Shapes
    ------
    Returns (H, H).
    """
    H = _check_size("H", H)
    rng = as_rng(seed)
    q, r = np.linalg.qr(rng.standard_normal((H, H)))
    q = q * np.sign(np.diag(r))  # makes the distribution uniform (Haar) over orthogonal matrices
    return (gain * q).astype(dtype)


def scaled_identity(H: int, *, scale: float = 1.0, dtype: object = np.float64) -> np.ndarray:
    """:math:`s I_H`: the recurrent initialisation of the IRNN of Le et al. (2015).

    With ReLU units and :math:`W_{hh} = I`, the network starts by copying its state
    forward unchanged, so gradients neither vanish nor explode at initialisation.

    Shapes
    ------
    Returns (H, H).
    """
    H = _check_size("H", H)
    return (scale * np.eye(H)).astype(dtype)


def _check_states(W_hh: np.ndarray, h: np.ndarray) -> np.ndarray:
    W_hh = _square("W_hh", W_hh)
    H = W_hh.shape[0]
    if isinstance(h, np.ndarray) and h.ndim == 2:  # a single sequence (T, H)
        check_array("h", h, (("T", None), ("H", H)))
        h = h[:, None, :]  # (T, 1, H)
    check_array("h", h, (("T", None), ("B", None), ("H", H)))
    if h.shape[0] == 0:
        raise ValueError("h must hold at least one time step; got T=0")
    return h


def tanh_jacobians(W_hh: np.ndarray, h: np.ndarray) -> np.ndarray:
    """The one-step Jacobians :math:`J_t = \\operatorname{diag}(1 - h_t^2) W_{hh}` of a tanh RNN.

    Parameters
    ----------
    W_hh : ndarray
        Hidden-to-hidden weights.
    h : ndarray
        Hidden states :math:`h_1, \\dots, h_T` of a forward pass (a batch, or one sequence
        as (T, H)).

    Shapes
    ------
    W_hh: (H, H); h: (T, B, H) or (T, H); returns (T, B, H, H) or (T, H, H), entry ``t``
    being :math:`\\partial h_{t+1} / \\partial h_t` in the book's 1-based time.
    """
    single = isinstance(h, np.ndarray) and h.ndim == 2
    h = _check_states(W_hh, h)
    J = (1.0 - h**2)[..., :, None] * W_hh  # (T, B, H, H): row i scaled by 1 - h_{t,i}^2
    return J[:, 0] if single else J


def gradient_norm_by_lag(
    W_hh: np.ndarray,
    h: np.ndarray,
    dh_T: Optional[np.ndarray] = None,
) -> np.ndarray:
    """Norms :math:`\\lVert \\partial L_T / \\partial h_{T-k} \\rVert` for :math:`k = 0, \\dots, T`.

    Backpropagates a gradient at the last hidden state through the Jacobians of
    Eq. (4.1), one step at a time (row vectors, as the code stores a batch in rows):

    .. math::

        g_{t-1} = \\left(g_t \\odot (1 - h_t^2)\\right) W_{hh}, \\qquad g_T = \\partial L_T / \\partial h_T .

    Only the recurrent path is followed: the loss is read at the last step alone, so no
    other step adds to the gradient.

    Parameters
    ----------
    W_hh : ndarray
        Hidden-to-hidden weights.
    h : ndarray
        Hidden states :math:`h_1, \\dots, h_T` of a forward pass.
    dh_T : ndarray, optional
        :math:`\\partial L_T / \\partial h_T`; by default a vector of ones divided by
        :math:`\\sqrt H` (unit norm) for every sequence.

    Returns
    -------
    ndarray
        Entry ``k`` (per sequence) is the Euclidean norm of :math:`\\partial L_T / \\partial
        h_{T-k}`; entry ``T`` is the gradient at the initial state :math:`h_0`.

    Shapes
    ------
    W_hh: (H, H); h: (T, B, H) or (T, H); dh_T: (B, H) or (H,); returns (T + 1, B) or (T + 1,).
    """
    single = isinstance(h, np.ndarray) and h.ndim == 2
    h = _check_states(W_hh, h)
    T, B, H = h.shape
    if dh_T is None:
        g = np.full((B, H), 1.0 / np.sqrt(H), dtype=np.result_type(h, W_hh))
    else:
        g = np.asarray(dh_T)
        g = check_array("dh_T", g[None] if single and g.ndim == 1 else g, (("B", B), ("H", H)))
    norms = np.empty((T + 1, B), dtype=np.result_type(g, h, W_hh))
    norms[0] = np.linalg.norm(g, axis=1)
    for k in range(1, T + 1):
        t = T - k  # 0-based index of h_{T-k+1}, the state whose Jacobian is applied
        # g_{t-1} = (g_t * (1 - h_t^2)) @ W_hh
        g = (g * (1.0 - h[t] ** 2)) @ W_hh  # (B, H)
        norms[k] = np.linalg.norm(g, axis=1)
    return norms[:, 0] if single else norms


def jacobian_product_norms(W_hh: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Spectral norms :math:`\\lVert J_T J_{T-1} \\cdots J_{T-k+1} \\rVert_2` for :math:`k = 1, \\dots, T`.

    The largest amplification that any gradient at :math:`h_T` can receive on its way back
    to :math:`h_{T-k}` (for one sequence). It is bounded by
    :math:`\\prod_j \\lVert J_j \\rVert_2 \\le \\lVert W_{hh} \\rVert_2^k`.

    Shapes
    ------
    W_hh: (H, H); h: (T, H), one sequence; returns (T,), entry ``k - 1`` for lag ``k``.
    """
    if not isinstance(h, np.ndarray) or h.ndim != 2:
        raise ValueError(
            "h must be the states of one sequence, shape (T, H); got "
            + (str(h.shape) if isinstance(h, np.ndarray) else type(h).__name__)
        )
    J = tanh_jacobians(W_hh, h)  # (T, H, H)
    T = J.shape[0]
    out = np.empty(T, dtype=J.dtype)
    P = np.eye(J.shape[1], dtype=J.dtype)
    for k in range(1, T + 1):
        P = P @ J[T - k]  # J_T ... J_{T-k+1}
        out[k - 1] = np.linalg.norm(P, ord=2)
    return out


def weight_gradient_by_lag(layer: Any, x: np.ndarray, d_output: np.ndarray) -> np.ndarray:
    """The BPTT gradient of :math:`W_{hh}` split by the lag between a loss and the step it reaches.

    BPTT's :math:`\\partial L / \\partial W_{hh}` (Eq. (3.4)) is a double sum: every loss
    :math:`L_t` reaches every earlier step :math:`s \\le t` through the product of Jacobians of
    Eq. (4.1), and contributes :math:`(\\partial L_t / \\partial a_s)\\, h_{s-1}^\\top` there.
    Grouping the terms by the lag :math:`j = t - s` (Eq. (4.3)),

    .. math::

        \\frac{\\partial L}{\\partial W_{hh}} = \\sum_{j=0}^{T-1} G_j, \\qquad
        G_j = \\sum_{t=j+1}^{T} \\frac{\\partial L_t}{\\partial a_{t-j}}\\, h_{t-j-1}^\\top ,

    shows which dependencies the gradient teaches: :math:`G_j` is all that the gradient
    says about how the state should carry information over :math:`j` steps
    (Bengio et al., 1994). The cost is :math:`O(T^2)` steps of backpropagation.

    Parameters
    ----------
    layer : rnnbook.scratch.rnn.RNN
        A vanilla (tanh or ReLU) layer.
    x : ndarray
        Inputs of a batch of sequences.
    d_output : ndarray
        :math:`\\partial L_t / \\partial h_t` from outside the layer at every step (as for
        ``layer.backward``); zero at steps without a loss.

    Returns
    -------
    ndarray
        Entry ``j`` is :math:`G_j`, summed over the batch; the entries add up to the
        gradient that ``layer.backward`` returns for ``weight_hh_l0``.

    Shapes
    ------
    x: (T, B, D); d_output: (T, B, H); returns (T, H, H).
    """
    from .rnn import RNN  # a function-level import: rnn.py does not depend on this module

    if not isinstance(layer, RNN):
        raise TypeError(f"layer must be a rnnbook.scratch.RNN; got {type(layer).__name__}")
    T, B = layer._check_x(x)
    H = layer.hidden_size
    check_array("d_output", d_output, (("T", T), ("B", B), ("H", H)))
    _, cache = layer.forward(x)
    h = cache["h"]  # (T + 1, B, H), h[0] = h_0
    deriv = 1.0 - h[1:] ** 2 if layer.nonlinearity == "tanh" else (h[1:] > 0).astype(h.dtype)
    W_hh = layer.params["weight_hh_l0"]
    G = np.zeros((T, H, H), dtype=h.dtype)
    for t in range(T):  # the loss at step t + 1 (0-based t)
        e = d_output[t]  # (B, H): dL_t/dh_t
        if not np.any(e):
            continue
        for j in range(t + 1):
            da = e * deriv[t - j]  # dL_t/da_{t-j}
            G[j] += da.T @ h[t - j]  # (dL_t/da_s) h_{s-1}^T
            e = da @ W_hh  # dL_t/dh_{s-1}
    return G
