"""The linear recurrence h_t = a_t * h_{t-1} + b_t, computed by a parallel scan (chapter 15).

A *linear* recurrence, element by element,

.. math:: h_t = a_t \\odot h_{t-1} + b_t, \\qquad t = 1, \\dots, T,

Eq. (15.1), can be computed in :math:`O(\\log T)` sequential steps instead of :math:`T`,
because the map :math:`h \\mapsto a h + b` composes with itself into a map of the same
form: applying :math:`(a_1, b_1)` and then :math:`(a_2, b_2)` is

.. math:: (a_1, b_1) \\bullet (a_2, b_2) = (a_2 a_1,\\; a_2 b_1 + b_2),

Eq. (15.2), an associative operator. Any associative operator can be prefix-summed by a
*scan*; :func:`linear_scan` uses the scan of Hillis & Steele (1986): in round
:math:`k = 0, 1, \\dots, \\lceil \\log_2 T \\rceil - 1` every position :math:`t \\ge 2^k`
combines its running pair with the one :math:`2^k` places earlier, all positions at once
(``O(T log T)`` work, ``log2 T`` rounds of vectorised NumPy).

The gradient is again a linear recurrence, run backwards in time (Eq. (15.3)): with
:math:`g_t = \\partial L / \\partial h_t` the total adjoint of :math:`h_t`,

.. math:: g_t = \\bar h_t + a_{t+1} \\odot g_{t+1},\\quad
   \\frac{\\partial L}{\\partial b_t} = g_t,\\quad
   \\frac{\\partial L}{\\partial a_t} = g_t \\odot h_{t-1},

where :math:`\\bar h_t` is the gradient arriving at :math:`h_t` from outside the
recurrence; :func:`linear_scan_backward` computes it with the same scan on reversed arrays.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..validation import check_int

__all__ = ["linear_scan", "linear_scan_loop", "linear_scan_backward", "scan_rounds"]


def _check(a, b, h0) -> tuple:
    for name, v in (("a", a), ("b", b)):
        if not isinstance(v, np.ndarray):
            raise TypeError(f"{name} must be a numpy.ndarray; got {type(v).__name__}")
        if v.ndim < 1 or v.shape[0] < 1:
            raise ValueError(f"{name} must have shape (T, ...) with T >= 1; got {v.shape}")
        if not np.issubdtype(v.dtype, np.floating):
            raise TypeError(f"{name} must hold floating-point numbers; got dtype {v.dtype}")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape (T, ...); got {a.shape} and {b.shape}")
    if h0 is not None:
        if not isinstance(h0, np.ndarray):
            raise TypeError(f"h0 must be a numpy.ndarray or None; got {type(h0).__name__}")
        if h0.shape != a.shape[1:]:
            raise ValueError(f"h0 must have the trailing shape of a, {a.shape[1:]}; got {h0.shape}")
    return a, b, h0


def scan_rounds(T: int) -> int:
    """Number of parallel rounds of the Hillis-Steele scan over ``T`` steps: ceil(log2 T)."""
    check_int("T", T, minimum=1)
    return int(T - 1).bit_length()


def linear_scan_loop(a: np.ndarray, b: np.ndarray, h0: Optional[np.ndarray] = None) -> np.ndarray:
    """Eq. (15.1) by the plain loop over time: the sequential reference.

    Shapes
    ------
    a, b : (T, ...); h0 : (...) or None (zeros); returns h : (T, ...).
    """
    a, b, h0 = _check(a, b, h0)
    h = np.empty(a.shape, dtype=np.result_type(a, b, h0 if h0 is not None else a))
    prev = np.zeros(a.shape[1:], dtype=h.dtype) if h0 is None else h0
    for t in range(a.shape[0]):
        prev = a[t] * prev + b[t]  # Eq. (15.1)
        h[t] = prev
    return h


def _hillis_steele(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Inclusive scan of the pairs (a_t, b_t) under Eq. (15.2); returns the b part."""
    A, B = a.copy(), b.copy()
    T, shift = a.shape[0], 1
    while shift < T:  # ceil(log2 T) rounds; every position updates at once
        # (A_{t-s}, B_{t-s}) then (A_t, B_t):  (A_t A_{t-s},  A_t B_{t-s} + B_t), Eq. (15.2)
        B[shift:] = A[shift:] * B[:-shift] + B[shift:]
        A[shift:] = A[shift:] * A[:-shift]
        shift *= 2
    return B


def linear_scan(a: np.ndarray, b: np.ndarray, h0: Optional[np.ndarray] = None) -> np.ndarray:
    """Solve :math:`h_t = a_t \\odot h_{t-1} + b_t` (Eq. (15.1)) by a parallel scan.

    The initial state is folded into the first input, :math:`b_1 \\leftarrow a_1 h_0 + b_1`,
    and the pairs :math:`(a_t, b_t)` are prefix-combined with the associative operator of
    Eq. (15.2) in ``ceil(log2 T)`` rounds (Hillis-Steele). The right-hand sides of
    ``B[shift:] = ...`` are evaluated before assignment, so each round reads the previous
    round's values only.

    Parameters
    ----------
    a, b : numpy.ndarray
        Decays and inputs, floating point, of the same shape.
    h0 : numpy.ndarray, optional
        Initial state :math:`h_0`; ``None`` means zeros.

    Returns
    -------
    numpy.ndarray
        The states :math:`h_1, \\dots, h_T`.

    Shapes
    ------
    a, b : (T, ...); h0 : (...); returns h : (T, ...).
    """
    a, b, h0 = _check(a, b, h0)
    dtype = np.result_type(a, b, h0 if h0 is not None else a)
    a, b = a.astype(dtype, copy=False), b.astype(dtype, copy=True)
    if h0 is not None:
        b[0] = a[0] * h0 + b[0]
    return _hillis_steele(a, b)


def linear_scan_backward(
    a: np.ndarray, h: np.ndarray, grad_h: np.ndarray, h0: Optional[np.ndarray] = None
) -> tuple:
    """Gradients of a loss through :func:`linear_scan`, by the reverse scan of Eq. (15.3).

    Parameters
    ----------
    a : numpy.ndarray
        The decays of the forward pass.
    h : numpy.ndarray
        The states the forward pass returned.
    grad_h : numpy.ndarray
        :math:`\\partial L / \\partial h_t` from outside the recurrence.
    h0 : numpy.ndarray, optional
        The initial state of the forward pass (``None``: zeros).

    Returns
    -------
    grad_a, grad_b : numpy.ndarray
        :math:`\\partial L / \\partial a_t` and :math:`\\partial L / \\partial b_t`.
    grad_h0 : numpy.ndarray
        :math:`\\partial L / \\partial h_0` (returned also when ``h0`` is ``None``).

    Shapes
    ------
    a, h, grad_h : (T, ...); h0 : (...); returns (T, ...), (T, ...), (...).
    """
    a, h, h0 = _check(a, h, h0)
    _check(a, grad_h, None)
    # g_t = grad_h_t + a_{t+1} g_{t+1}: a linear recurrence backwards in time, whose decay
    # at step t is a_{t+1} (zero after the last step).
    a_next = np.zeros_like(a)
    a_next[:-1] = a[1:]
    g = linear_scan(a_next[::-1], grad_h[::-1])[::-1]  # (T, ...), total adjoint of h_t
    prev = np.zeros_like(h[0]) if h0 is None else h0
    h_prev = np.concatenate([prev[None], h[:-1]], axis=0)  # h_{t-1}, (T, ...)
    grad_a = g * h_prev  # dL/da_t = g_t h_{t-1}
    grad_b = g.copy()  # dL/db_t = g_t
    grad_h0 = a[0] * g[0]  # dL/dh_0 = a_1 g_1
    return grad_a, grad_b, grad_h0
