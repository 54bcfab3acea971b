"""The minimal GRU of Feng et al. (2024): gates that do not look at the state (chapter 15).

The GRU's update gate and candidate read the previous state :math:`h_{t-1}`; minGRU drops
that dependence, so that both come from the input alone,

.. math:: z_t = \\sigma(W_{xz} x_t + b_z), \\qquad \\tilde h_t = W_{xh} x_t + b_h,

.. math:: h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot \\tilde h_t ,

Eq. (15.4). The state update is then the linear recurrence of Eq. (15.1) with
:math:`a_t = 1 - z_t` and :math:`b_t = z_t \\odot \\tilde h_t`, all of whose coefficients
are known before the recurrence runs: training computes every :math:`h_t` at once with the
parallel scan (``mode="parallel"``), generation runs one step at a time
(``mode="sequential"`` or :meth:`MinGRU.step`) with a state of H numbers. Feng et al. also
give a log-space version of the scan for very long sequences; the book's sequences are
short enough for the plain one.
"""

from __future__ import annotations

from typing import Optional

import torch
from torch import nn

from ..validation import check_positive_int
from .scan import linear_scan

__all__ = ["MinGRU"]


class MinGRU(nn.Module):
    """A minGRU layer, Eq. (15.4), with a parallel and a sequential mode.

    Parameters
    ----------
    input_size, hidden_size : int
        D and H. The layer has :math:`2(HD + H)` parameters.

    Shapes
    ------
    x : (T, B, D); h0 : (B, H) or None (zeros); returns h : (T, B, H).
    """

    def __init__(self, input_size: int, hidden_size: int) -> None:
        super().__init__()
        self.input_size = check_positive_int("input_size", input_size)
        self.hidden_size = check_positive_int("hidden_size", hidden_size)
        self.gate = nn.Linear(input_size, hidden_size)  # W_xz, b_z
        self.candidate = nn.Linear(input_size, hidden_size)  # W_xh, b_h

    def coefficients(self, x: torch.Tensor) -> tuple:
        """The decay :math:`a_t = 1 - z_t` and input :math:`b_t = z_t \\tilde h_t`, each (T, B, H)."""
        z = torch.sigmoid(self.gate(x))
        return 1.0 - z, z * self.candidate(x)

    def forward(self, x: torch.Tensor, h0: Optional[torch.Tensor] = None, mode: str = "parallel") -> torch.Tensor:
        if x.dim() != 3 or x.shape[-1] != self.input_size:
            raise ValueError(f"x must have shape (T, B, D={self.input_size}); got {tuple(x.shape)}")
        if h0 is not None and tuple(h0.shape) != (x.shape[1], self.hidden_size):
            raise ValueError(
                f"h0 must have shape (B={x.shape[1]}, H={self.hidden_size}); got {tuple(h0.shape)}"
            )
        if mode == "parallel":
            a, b = self.coefficients(x)  # (T, B, H) each
            return linear_scan(a, b, h0)  # Eq. (15.1) by the scan
        if mode == "sequential":
            h = x.new_zeros(x.shape[1], self.hidden_size) if h0 is None else h0
            out = []
            for t in range(x.shape[0]):
                h = self.step(x[t], h)
                out.append(h)
            return torch.stack(out, dim=0)
        raise ValueError(f"mode must be 'parallel' or 'sequential'; got {mode!r}")

    def step(self, x_t: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        """One step of Eq. (15.4): ``x_t`` (B, D) and ``h`` (B, H) give the next state (B, H)."""
        z = torch.sigmoid(self.gate(x_t))
        return (1.0 - z) * h + z * self.candidate(x_t)
