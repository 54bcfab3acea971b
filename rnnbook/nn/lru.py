"""A diagonal linear recurrent unit in the style of Orvieto et al. (2023) (chapter 15).

The linear recurrent unit (LRU) keeps a state of H numbers that decay independently,

.. math:: h_t = \\lambda \\odot h_{t-1} + \\gamma \\odot (W_{xh} x_t),
   \\qquad y_t = W_{hy} h_t + W_{xy} x_t + b_y ,

Eq. (15.5), with a decay that is the same at every step (*time-invariant*), unlike
minGRU's. The decay is parametrised so that it is stable whatever the weights:
:math:`\\lambda = \\exp(-\\exp(\\nu)) \\in (0, 1)`, and the input is normalised by
:math:`\\gamma = \\sqrt{1 - \\lambda^2}` so that a state fed white noise keeps unit variance
however close :math:`\\lambda` comes to 1. At initialisation :math:`\\lambda` is drawn
uniformly in ``[r_min, r_max]``, so that some units remember for a few steps and others for
hundreds. Orvieto et al. use complex :math:`\\lambda` (decaying rotations); this is the
real variant, whose units can only decay, not oscillate.
"""

from __future__ import annotations

import math
from typing import Optional

import torch
from torch import nn

from ..validation import check_positive_int
from .scan import linear_scan

__all__ = ["LRU"]


class LRU(nn.Module):
    """A real diagonal linear recurrent layer with a stable parametrisation, Eq. (15.5).

    Parameters
    ----------
    input_size, hidden_size : int
        D and H; the output has H features too. The layer has :math:`2HD + H^2 + 2H`
        parameters (:math:`\\nu`, :math:`W_{xh}`, :math:`W_{hy}`, :math:`W_{xy}`, :math:`b_y`).
    r_min, r_max : float
        Range of the decays :math:`\\lambda` at initialisation, ``0 < r_min < r_max < 1``.

    Shapes
    ------
    x : (T, B, D); h0 : (B, H) or None (zeros); returns y : (T, B, H).
    """

    def __init__(self, input_size: int, hidden_size: int, r_min: float = 0.5, r_max: float = 0.99) -> None:
        super().__init__()
        self.input_size = check_positive_int("input_size", input_size)
        self.hidden_size = check_positive_int("hidden_size", hidden_size)
        if not (isinstance(r_min, (int, float)) and isinstance(r_max, (int, float)) and 0 < r_min < r_max < 1):
            raise ValueError(f"r_min and r_max must satisfy 0 < r_min < r_max < 1; got {r_min!r} and {r_max!r}")
        u = torch.rand(hidden_size)
        lam = r_min + (r_max - r_min) * u  # uniform decays in [r_min, r_max]
        self.nu = nn.Parameter(torch.log(-torch.log(lam)))  # lambda = exp(-exp(nu))
        self.input = nn.Linear(input_size, hidden_size, bias=False)  # W_xh
        self.output = nn.Linear(hidden_size, hidden_size)  # W_hy, b_y
        self.skip = nn.Linear(input_size, hidden_size, bias=False)  # W_xy
        nn.init.normal_(self.input.weight, std=1.0 / math.sqrt(input_size))

    def decay(self) -> torch.Tensor:
        """:math:`\\lambda = \\exp(-\\exp(\\nu))`, shape (H,), always in (0, 1)."""
        return torch.exp(-torch.exp(self.nu))

    def states(self, x: torch.Tensor, h0: Optional[torch.Tensor] = None) -> torch.Tensor:
        """The states :math:`h_t` of Eq. (15.5) by the parallel scan, shape (T, B, H)."""
        if x.dim() != 3 or x.shape[-1] != self.input_size:
            raise ValueError(f"x must have shape (T, B, D={self.input_size}); got {tuple(x.shape)}")
        if h0 is not None and tuple(h0.shape) != (x.shape[1], self.hidden_size):
            raise ValueError(
                f"h0 must have shape (B={x.shape[1]}, H={self.hidden_size}); got {tuple(h0.shape)}"
            )
        lam = self.decay()  # (H,)
        gamma = torch.sqrt(1.0 - lam**2)
        b = gamma * self.input(x)  # (T, B, H)
        a = lam.expand_as(b)  # the same decay at every step
        return linear_scan(a, b, h0)

    def forward(self, x: torch.Tensor, h0: Optional[torch.Tensor] = None) -> torch.Tensor:
        return self.output(self.states(x, h0)) + self.skip(x)  # y_t, (T, B, H)

    def step(self, x_t: torch.Tensor, h: torch.Tensor) -> tuple:
        """One step of Eq. (15.5): ``x_t`` (B, D), ``h`` (B, H) -> ``(y_t, h_t)``, each (B, H)."""
        lam = self.decay()
        h = lam * h + torch.sqrt(1.0 - lam**2) * self.input(x_t)
        return self.output(h) + self.skip(x_t), h
