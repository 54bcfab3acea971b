"""Teacher forcing for a network whose only recurrence runs through its output.

A Jordan network (chapter 2, Eqs. (2.6)-(2.8)) with the identity as output function feeds
its output y_{t-1} back to its hidden layer. Trained with *teacher forcing*, it receives
the target y*_{t-1} instead, Eq. (2.9): every step then sees the true past, no gradient
has to flow from one step to the previous ones, and the steps could even be computed in
parallel (Goodfellow et al., 2016, sec. 10.2.1). Used as a generator it must run *free*,
reading its own outputs, which it never did in training: the gap between the two is
*exposure bias* (Bengio et al., 2015).

The working example generates a point running round the unit circle, u_t = (sin(w t +
phi), cos(w t + phi)) with w = 2 pi / period: from one point the network must produce the
rest, which a rotation of the plane does.
"""

from __future__ import annotations

from typing import Tuple

import numpy as np
import torch
import torch.nn.functional as F

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int
from .jordan import JordanNetwork

__all__ = ["circle_sequences", "teacher_forcing_loss", "free_running_loss", "run_free"]


def circle_sequences(batch_size: int, T: int, period: float = 16.0, seed: SeedLike = 0) -> torch.Tensor:
    """Points going round the unit circle, ``period`` steps a turn, from random phases.

    Returns u_0, ..., u_T with u_t = (sin(2 pi t / period + phi), cos(2 pi t / period +
    phi)) and phi uniform in [0, 2 pi), one phase per sequence.

    Shapes
    ------
    returns: (T + 1, B, 2), float32, with B = ``batch_size``.
    """
    batch_size = check_positive_int("batch_size", batch_size)
    T = check_positive_int("T", T)
    if isinstance(period, bool) or not isinstance(period, (int, float, np.integer, np.floating)) or not period > 1:
        raise ValueError(f"period must be a number greater than 1; got {period!r}")
    phi = as_rng(seed).uniform(0.0, 2 * np.pi, size=batch_size)  # (B,)
    angle = 2 * np.pi * np.arange(T + 1)[:, None] / float(period) + phi  # (T + 1, B)
    return torch.tensor(np.stack([np.sin(angle), np.cos(angle)], axis=-1), dtype=torch.float32)


def check_points(u: torch.Tensor, model: JordanNetwork) -> Tuple[torch.Tensor, torch.Tensor]:
    """Check a batch of sequences u_0..u_T for ``model``; return the inputs (zeros) and u."""
    if not isinstance(model, JordanNetwork) or model.output_activation != "identity":
        raise TypeError("model must be a JordanNetwork with output_activation='identity'")
    c = model.sizes[2]
    if not isinstance(u, torch.Tensor) or u.dim() != 3 or u.shape[0] < 2 or u.shape[2] != c:
        got = tuple(u.shape) if isinstance(u, torch.Tensor) else type(u).__name__
        raise ValueError(f"u must be a tensor of shape (T + 1, B, C={c}) with T >= 1; got {got}")
    x = u.new_zeros(u.shape[0] - 1, u.shape[1], model.sizes[0])  # (T, B, D): no external input
    return x, u


def teacher_forcing_loss(model: JordanNetwork, u: torch.Tensor) -> torch.Tensor:
    """Mean squared error of y_1..y_T against u_1..u_T, the state fed the targets, Eq. (2.9).

    The state starts at s_1 = u_0 and then receives the true previous point, so each
    prediction is one step ahead of the truth.

    Shapes
    ------
    u: (T + 1, B, C); returns a scalar.
    """
    x, u = check_points(u, model)
    y, _ = model(x, u[0], teacher=u[1:])  # (T, B, C)
    return F.mse_loss(y, u[1:])


def free_running_loss(model: JordanNetwork, u: torch.Tensor) -> torch.Tensor:
    """Mean squared error of y_1..y_T against u_1..u_T, the network fed its own outputs.

    The state starts at s_1 = u_0 and then follows Eq. (2.6); the gradient flows back
    through the fed-back outputs (backpropagation through time).

    Shapes
    ------
    u: (T + 1, B, C); returns a scalar.
    """
    x, u = check_points(u, model)
    y, _ = model(x, u[0])  # (T, B, C)
    return F.mse_loss(y, u[1:])


def run_free(model: JordanNetwork, u: torch.Tensor) -> np.ndarray:
    """Generate from u_0 alone for T steps; return the squared error per step.

    Entry t is the mean over the batch and the C outputs of (y_{t+1} - u_{t+1})^2.

    Shapes
    ------
    u: (T + 1, B, C); returns (T,).
    """
    x, u = check_points(u, model)
    with torch.no_grad():
        y, _ = model(x, u[0])  # (T, B, C)
    return ((y - u[1:]) ** 2).mean(dim=(1, 2)).double().numpy()
