"""The Jordan network (Jordan, 1986): the output feeds back into the hidden layer.

Jordan's "state units" s_t hold a decaying sum of the network's past outputs and are an
extra input of the hidden layer:

    s_t = mu s_{t-1} + g(y_{t-1}),   s_1 = 0,                                 Eq. (2.6)
    h_t = f(W_xh x_t + W_sh s_t + b_h),                                       Eq. (2.7)
    y_t = W_hy h_t + b_y,                                                     Eq. (2.8)

where g is the output non-linearity (a sigmoid for binary targets) and mu in [0, 1) the
self-connection of the state units (mu = 0: only the last output is fed back). The
recurrence runs through the C outputs, not through the H hidden units: whatever the
network remembers, it must first have said.
"""

from __future__ import annotations

from typing import Optional, Tuple

import torch
from torch import nn

from .elman import activation, check_sequence

__all__ = ["JordanNetwork"]


class JordanNetwork(nn.Module):
    """Jordan's network, Eqs. (2.6)-(2.8), unrolled over time.

    Parameters
    ----------
    input_size, hidden_size, output_size : int
        D, H and C.
    nonlinearity : str
        f of the hidden layer: "sigmoid" or "tanh".
    output_activation : str
        g, applied to the output before it is fed back: "sigmoid", "tanh" or "identity".
    mu : float
        Decay of the state units, in [0, 1).

    Attributes
    ----------
    W_xh, W_sh, W_hy : torch.nn.Parameter
        Weights of shapes (H, D), (H, C), (C, H).
    b_h, b_y : torch.nn.Parameter
        Biases of shapes (H,), (C,).

    Shapes
    ------
    x: (T, B, D); s0: (B, C); returns y: (T, B, C) and the hidden states h: (T, B, H).
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        output_size: int,
        nonlinearity: str = "sigmoid",
        output_activation: str = "sigmoid",
        mu: float = 0.0,
    ) -> None:
        super().__init__()
        for name, value in (("input_size", input_size), ("hidden_size", hidden_size), ("output_size", output_size)):
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer; got {value!r}")
        if not 0.0 <= mu < 1.0:
            raise ValueError(f"mu must lie in [0, 1); got {mu!r}")
        self.f = activation(nonlinearity)
        self.g = activation(output_activation)
        self.nonlinearity, self.output_activation, self.mu = nonlinearity, output_activation, float(mu)
        k_in, k_h, k_c = input_size**-0.5, hidden_size**-0.5, output_size**-0.5
        self.W_xh = nn.Parameter(torch.empty(hidden_size, input_size).uniform_(-k_in, k_in))
        self.W_sh = nn.Parameter(torch.empty(hidden_size, output_size).uniform_(-k_c, k_c))
        self.b_h = nn.Parameter(torch.zeros(hidden_size))
        self.W_hy = nn.Parameter(torch.empty(output_size, hidden_size).uniform_(-k_h, k_h))
        self.b_y = nn.Parameter(torch.zeros(output_size))

    @property
    def sizes(self) -> Tuple[int, int, int]:
        """The sizes (D, H, C)."""
        return self.W_xh.shape[1], self.W_xh.shape[0], self.W_hy.shape[0]

    def forward(self, x: torch.Tensor, s0: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, torch.Tensor]:
        """Run Eqs. (2.6)-(2.8) over the sequence; return the logits y and the states h."""
        d, hsize, c = self.sizes
        x = check_sequence("x", x, d)
        n_steps, batch = x.shape[:2]
        if s0 is None:
            s0 = x.new_zeros(batch, c)
        elif tuple(s0.shape) != (batch, c):
            raise ValueError(f"s0 must have shape (B={batch}, C={c}); got {tuple(s0.shape)}")
        xw = x @ self.W_xh.T + self.b_h  # (T, B, H)
        s, hs, ys = s0, [], []
        for t in range(n_steps):
            # Eq. (2.7): the state units s_t enter through W_sh
            h = self.f(xw[t] + s @ self.W_sh.T)  # (B, H)
            # Eq. (2.8)
            y = h @ self.W_hy.T + self.b_y  # (B, C)
            # Eq. (2.6): the state for the next step
            s = self.mu * s + self.g(y)  # (B, C)
            hs.append(h)
            ys.append(y)
        return torch.stack(ys), torch.stack(hs)  # (T, B, C), (T, B, H)
