"""Gradient checking by central differences.

For a scalar function :math:`f` of an array :math:`\\theta`, each partial derivative is
estimated by

.. math::

    \\frac{\\partial f}{\\partial \\theta_k} \\approx
    \\frac{f(\\theta + \\varepsilon e_k) - f(\\theta - \\varepsilon e_k)}{2 \\varepsilon},

whose error is :math:`O(\\varepsilon^2)` (plus rounding of order
:math:`10^{-16} |f| / \\varepsilon` in float64). Check in float64 and never with gradient
clipping inside what is checked.

The model-level check turns a layer's output into a scalar with fixed random weights,
:math:`L = \\sum_{t,b,j} w_{tbj}\\, h_{t,b,j}`, so that ``d_output`` is simply :math:`w`, and
compares ``backward`` with central differences for every parameter and for the input.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Optional

import numpy as np

from ..utils import SeedLike, as_rng

__all__ = ["numerical_gradient", "relative_error", "check_layer_gradients"]


def numerical_gradient(f: Callable[..., float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of ``f`` with respect to the array ``x``.

    ``x`` is perturbed *in place*, one entry at a time, and restored exactly afterwards,
    so ``f`` may read it from anywhere (for example a model's parameter array, which the
    model computes with).

    Parameters
    ----------
    f : callable
        Returns a scalar that depends on the current contents of ``x``; it is called as
        ``f(x)`` if it takes an argument and as ``f()`` if it takes none.
    x : numpy.ndarray
        The array to differentiate with respect to (float64 recommended).
    eps : float
        Step :math:`\\varepsilon`.

    Returns
    -------
    numpy.ndarray
        :math:`\\partial f / \\partial x`.

    Shapes
    ------
    The result has the shape of ``x``.
    """
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a floating numpy.ndarray; got {type(x).__name__}")
    if not eps > 0:
        raise ValueError(f"eps must be positive; got {eps!r}")
    grad = np.zeros(x.shape, dtype=np.float64)
    flat = x.reshape(-1)  # a view: x must be contiguous for the perturbation to reach f
    if not np.shares_memory(flat, x):
        raise ValueError("x must be a contiguous array (it is perturbed in place)")
    g = grad.reshape(-1)
    try:
        takes_x = len(inspect.signature(f).parameters) > 0
    except (TypeError, ValueError):  # a callable without a signature: assume f(x)
        takes_x = True
    call = (lambda: f(x)) if takes_x else f
    for k in range(flat.size):
        old = flat[k]
        flat[k] = old + eps
        f_plus = float(call())
        flat[k] = old - eps
        f_minus = float(call())
        flat[k] = old
        g[k] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """Largest entry-wise difference, relative to the largest entry of either array.

    .. math::

        \\frac{\\max_k |a_k - b_k|}{\\max(\\max_k |a_k|, \\max_k |b_k|)}

    (0 when both are all zero). Normalising by the array's scale, not entry by entry,
    keeps tiny entries from dominating.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape; got {a.shape} and {b.shape}")
    scale = max(np.abs(a).max(initial=0.0), np.abs(b).max(initial=0.0))
    if scale == 0.0:
        return 0.0
    return float(np.abs(a - b).max() / scale)


def check_layer_gradients(
    layer: Any,
    x: np.ndarray,
    *,
    state: Optional[dict] = None,
    eps: float = 1e-6,
    seed: SeedLike = 0,
) -> dict:
    """Compare a layer's ``backward`` with central differences, for every parameter and ``x``.

    Works for anything with ``params``, ``forward(x, **state) -> (output, cache)`` and
    ``backward(d_output, cache) -> (dx, grads)``: the recurrent layers,
    :class:`~rnnbook.scratch.bidirectional.Bidirectional`,
    :class:`~rnnbook.scratch.stacked.Stacked` and
    :class:`~rnnbook.scratch.output.Linear`. The scalar checked is
    :math:`L = \\sum w \\odot \\mathrm{output}` with :math:`w` drawn from ``seed``.

    Parameters
    ----------
    layer : object
        The model (use float64).
    x : numpy.ndarray
        Input; it is perturbed in place and restored.
    state : dict or None
        Keyword arguments passed to ``forward`` (for example ``{"h0": h0}``).
    eps : float
        Finite-difference step.
    seed : int, numpy.random.Generator or None
        Source of :math:`w`.

    Returns
    -------
    dict
        :func:`relative_error` between the analytic and the numerical gradient, for each
        parameter name and for ``"x"``.

    Shapes
    ------
    ``x`` as the layer expects, e.g. (T, B, D).
    """
    if not all(callable(getattr(layer, m, None)) for m in ("forward", "backward")) or not hasattr(layer, "params"):
        raise TypeError(f"layer must be a from-scratch layer with params, forward and backward; got {type(layer).__name__}")
    state = {} if state is None else state
    output, cache = layer.forward(x, **state)
    w = as_rng(seed).standard_normal(output.shape).astype(output.dtype)
    dx, grads = layer.backward(w, cache)

    def loss() -> float:
        return float(np.sum(layer.forward(x, **state)[0] * w))

    errors = {}
    for name, value in layer.params.items():
        errors[name] = relative_error(grads[name], numerical_gradient(loss, value, eps))
    errors["x"] = relative_error(dx, numerical_gradient(loss, x, eps))
    return errors
