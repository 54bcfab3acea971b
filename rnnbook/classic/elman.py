"""The Elman network (Elman, 1990): the hidden layer feeds back into itself.

A copy of the hidden state h_{t-1} (Elman's "context units") is an extra input of the
hidden layer at the next step:

    h_t = f(W_xh x_t + W_hh h_{t-1} + b_h),                                   Eq. (2.4)
    y_t = W_hy h_t + b_y,                                                     Eq. (2.5)

with f = sigmoid as in Elman's paper (tanh is the modern choice). The network returns the
output pre-activations (logits) y_t; the task's loss applies the output non-linearity
(for example ``binary_cross_entropy_with_logits``).
"""

from __future__ import annotations

from typing import Optional, Tuple

import torch
from torch import nn

from ..validation import check_positive_int

__all__ = ["ElmanNetwork", "check_sequence", "activation"]


def activation(name: str):
    """Return the element-wise function called ``name``: "sigmoid", "tanh" or "identity"."""
    table = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "identity": lambda v: v}
    if name not in table:
        raise ValueError(f"nonlinearity must be one of {sorted(table)}; got {name!r}")
    return table[name]


def check_sequence(name: str, x: torch.Tensor, size: int) -> torch.Tensor:
    """Check that ``x`` is a float tensor of shape (T, B, size) with T >= 1 and return it."""
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor; got {type(x).__name__}")
    if x.dim() != 3 or x.shape[2] != size or x.shape[0] == 0:
        raise ValueError(f"{name} must have shape (T, B, D={size}) with T >= 1; got {tuple(x.shape)}")
    if not x.is_floating_point():
        raise TypeError(f"{name} must be a floating-point tensor; got {x.dtype}")
    return x


class ElmanNetwork(nn.Module):
    """Elman's simple recurrent network, Eqs. (2.4)-(2.5), unrolled over time.

    Parameters
    ----------
    input_size, hidden_size, output_size : int
        D, H and C.
    nonlinearity : str
        f of the hidden layer: "sigmoid" or "tanh".

    Attributes
    ----------
    W_xh, W_hh, W_hy : torch.nn.Parameter
        Weights of shapes (H, D), (H, H), (C, H).
    b_h, b_y : torch.nn.Parameter
        Biases of shapes (H,), (C,).

    Shapes
    ------
    x: (T, B, D); h0: (B, H); returns y: (T, B, C) and h: (T, B, H).
    """

    def __init__(
        self, input_size: int, hidden_size: int, output_size: int, nonlinearity: str = "sigmoid"
    ) -> None:
        super().__init__()
        input_size, hidden_size, output_size = (check_positive_int(name, value) for name, value in (
            ("input_size", input_size), ("hidden_size", hidden_size), ("output_size", output_size)))
        self.f = activation(nonlinearity)
        self.nonlinearity = nonlinearity
        k_in, k_h = input_size**-0.5, hidden_size**-0.5
        self.W_xh = nn.Parameter(torch.empty(hidden_size, input_size).uniform_(-k_in, k_in))
        self.W_hh = nn.Parameter(torch.empty(hidden_size, hidden_size).uniform_(-k_h, k_h))
        self.b_h = nn.Parameter(torch.zeros(hidden_size))
        self.W_hy = nn.Parameter(torch.empty(output_size, hidden_size).uniform_(-k_h, k_h))
        self.b_y = nn.Parameter(torch.zeros(output_size))

    @property
    def sizes(self) -> Tuple[int, int, int]:
        """The sizes (D, H, C)."""
        return self.W_xh.shape[1], self.W_hh.shape[0], self.W_hy.shape[0]

    def forward(self, x: torch.Tensor, h0: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, torch.Tensor]:
        """Run Eqs. (2.4)-(2.5) over the sequence; return the logits y and the states h.

        ``h0`` defaults to zeros (Elman started the context units at 0.5 with sigmoid
        units; the difference washes out after a step).
        """
        d, hsize, _ = self.sizes
        x = check_sequence("x", x, d)
        n_steps, batch = x.shape[:2]
        if h0 is None:
            h0 = x.new_zeros(batch, hsize)
        elif tuple(h0.shape) != (batch, hsize):
            raise ValueError(f"h0 must have shape (B={batch}, H={hsize}); got {tuple(h0.shape)}")
        xw = x @ self.W_xh.T + self.b_h  # (T, B, H): input projections of every step at once
        h, states = h0, []
        for t in range(n_steps):
            # Eq. (2.4): the context h_{t-1} enters through W_hh
            h = self.f(xw[t] + h @ self.W_hh.T)  # (B, H)
            states.append(h)
        hs = torch.stack(states)  # (T, B, H)
        # Eq. (2.5)
        y = hs @ self.W_hy.T + self.b_y  # (T, B, C)
        return y, hs
