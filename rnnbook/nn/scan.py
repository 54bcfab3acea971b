"""The parallel linear scan in PyTorch, with the hand-written backward of chapter 15.

:func:`linear_scan` solves :math:`h_t = a_t \\odot h_{t-1} + b_t` (Eq. (15.1)) with the
Hillis-Steele scan of :mod:`rnnbook.scratch.scan`, written in torch operations so that it
runs on the CPU or a GPU and trains. Its backward is not left to autograd (which would keep
every round's intermediate arrays): like :func:`rnnbook.scratch.scan.linear_scan_backward` it
runs the same scan backwards in time (Eq. (15.3)), keeping only ``a``, ``h`` and ``h0``.
"""

from __future__ import annotations

from typing import Optional

import torch

__all__ = ["linear_scan", "linear_scan_loop"]


def _scan(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Inclusive Hillis-Steele scan of the pairs (a_t, b_t) under Eq. (15.2)."""
    A, B = a, b
    T, shift = a.shape[0], 1
    while shift < T:
        # (A_{t-s}, B_{t-s}) then (A_t, B_t) = (A_t A_{t-s}, A_t B_{t-s} + B_t), Eq. (15.2)
        B = torch.cat([B[:shift], A[shift:] * B[:-shift] + B[shift:]], dim=0)
        A = torch.cat([A[:shift], A[shift:] * A[:-shift]], dim=0)
        shift *= 2
    return B


class _LinearScan(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, h0):  # type: ignore[override]
        b0 = b if h0 is None else torch.cat([(a[0] * h0 + b[0])[None], b[1:]], dim=0)
        h = _scan(a, b0)
        ctx.save_for_backward(a, h, h0 if h0 is not None else torch.zeros_like(a[0]))
        ctx.has_h0 = h0 is not None
        return h

    @staticmethod
    def backward(ctx, grad_h):  # type: ignore[override]
        a, h, h0 = ctx.saved_tensors
        # g_t = grad_h_t + a_{t+1} g_{t+1}: the same scan, backwards in time, Eq. (15.3)
        a_next = torch.cat([a[1:], torch.zeros_like(a[:1])], dim=0)
        g = _scan(a_next.flip(0), grad_h.flip(0)).flip(0)  # (T, ...)
        h_prev = torch.cat([h0[None], h[:-1]], dim=0)  # h_{t-1}
        grad_h0 = a[0] * g[0] if ctx.has_h0 else None
        return g * h_prev, g, grad_h0


def _check(a, b, h0) -> None:
    for name, v in (("a", a), ("b", b)):
        if not isinstance(v, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor; got {type(v).__name__}")
        if v.dim() < 1 or v.shape[0] < 1:
            raise ValueError(f"{name} must have shape (T, ...) with T >= 1; got {tuple(v.shape)}")
        if not v.is_floating_point():
            raise TypeError(f"{name} must be a floating-point tensor; got dtype {v.dtype}")
    if a.shape != b.shape:
        raise ValueError(
            f"a and b must have the same shape (T, ...); got {tuple(a.shape)} and {tuple(b.shape)}"
        )
    if h0 is not None:
        if not isinstance(h0, torch.Tensor):
            raise TypeError(f"h0 must be a torch.Tensor or None; got {type(h0).__name__}")
        if h0.shape != a.shape[1:]:
            raise ValueError(
                f"h0 must have the trailing shape of a, {tuple(a.shape[1:])}; got {tuple(h0.shape)}"
            )


def linear_scan(a: torch.Tensor, b: torch.Tensor, h0: Optional[torch.Tensor] = None) -> torch.Tensor:
    """Solve :math:`h_t = a_t \\odot h_{t-1} + b_t` (Eq. (15.1)) by a parallel scan, differentiably.

    Parameters
    ----------
    a, b : torch.Tensor
        Decays and inputs, floating point, of the same shape.
    h0 : torch.Tensor, optional
        Initial state; ``None`` means zeros.

    Returns
    -------
    torch.Tensor
        The states :math:`h_1, \\dots, h_T`; gradients flow to ``a``, ``b`` and ``h0``
        through the reverse scan of Eq. (15.3).

    Shapes
    ------
    a, b : (T, ...); h0 : (...); returns h : (T, ...).
    """
    _check(a, b, h0)
    dtype = torch.promote_types(a.dtype, b.dtype)
    if h0 is not None:
        dtype = torch.promote_types(dtype, h0.dtype)
        h0 = h0.to(dtype)
    return _LinearScan.apply(a.to(dtype), b.to(dtype), h0)


def linear_scan_loop(a: torch.Tensor, b: torch.Tensor, h0: Optional[torch.Tensor] = None) -> torch.Tensor:
    """Eq. (15.1) by the loop over time (autograd differentiates it): the reference.

    Shapes
    ------
    a, b : (T, ...); h0 : (...) or None; returns h : (T, ...).
    """
    _check(a, b, h0)
    prev = torch.zeros_like(a[0]) if h0 is None else h0
    out = []
    for t in range(a.shape[0]):
        prev = a[t] * prev + b[t]
        out.append(prev)
    return torch.stack(out, dim=0)
