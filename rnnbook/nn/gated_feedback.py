"""Stacked tanh RNNs, plain or with gated feedback between all layers (Chung et al. 2015).

A plain stack feeds each layer's state back only to itself:
:math:`h^j_t = \\tanh(W^{j} h^{j-1}_t + U^{j \\to j} h^j_{t-1} + b^j)`, with
:math:`h^0_t = x_t`. Each layer is a feed-forward map of the layer below plus its own
feedback, which makes the plain stack the simplest *recurrent multilayer perceptron*
(Puskorius & Feldkamp): a cascade of subnetworks, feed-forward except for the last layer of
each, which feeds back to itself.

The gated-feedback RNN lets *every* layer's previous state reach *every* layer, each
connection scaled by a scalar *global reset gate*,

.. math::

   g^{i \\to j}_t = \\sigma\\big(w_g^{i \\to j} \\cdot h^{j-1}_t + u_g^{i \\to j} \\cdot h^*_{t-1} + c_g^{i \\to j}\\big),
   \\qquad
   h^j_t = \\tanh\\Big(W^{j} h^{j-1}_t + \\sum_{i=1}^{L} g^{i \\to j}_t\\, U^{i \\to j} h^i_{t-1} + b^j\\Big),

Eq. (13.6), where :math:`h^*_{t-1}` concatenates all layers' previous states and
:math:`c_g^{i \\to j}` is a scalar bias (``gate_all``'s), which Chung et al.'s gates do not
have: a departure from the paper. A fast lower
layer can then read a slow upper layer's state (top-down), and the gates learn when.
"""

from __future__ import annotations

import torch
from torch import nn

from ..validation import check_positive_int

__all__ = ["StackedRNN", "stacked_parameter_count", "stack_width_for_budget"]


class StackedRNN(nn.Module):
    """A stack of ``num_layers`` tanh layers of width H, plain or gated-feedback, Eq. (13.6).

    Parameters
    ----------
    input_size, hidden_size, output_size : int
        D, H (each layer) and C (a linear read-out of the top layer at every step).
    num_layers : int
        L.
    gated_feedback : bool
        False: each layer feeds back only to itself. True: all-to-all feedback through the
        global reset gates.

    Shapes
    ------
    x : (T, B, D); output : (T, B, C); ``states`` returns a list of L tensors (T, B, H).
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int = 1, *, num_layers: int = 2,
                 gated_feedback: bool = False) -> None:
        super().__init__()
        D = self.input_size = check_positive_int("input_size", input_size)
        H = self.hidden_size = check_positive_int("hidden_size", hidden_size)
        C = self.output_size = check_positive_int("output_size", output_size)
        L = self.num_layers = check_positive_int("num_layers", num_layers)
        if not isinstance(gated_feedback, bool):
            raise TypeError(f"gated_feedback must be a bool; got {type(gated_feedback).__name__}")
        self.gated_feedback = gated_feedback
        self.w_in = nn.ModuleList([nn.Linear(D if j == 0 else H, H) for j in range(L)])  # W^j, b^j
        n_from = L if gated_feedback else 1  # U^{i->j}: from every layer, or from itself only
        self.u = nn.Parameter(torch.randn(L, n_from, H, H) / H ** 0.5)
        if gated_feedback:
            self.gate_below = nn.ModuleList([nn.Linear(D if j == 0 else H, L, bias=False) for j in range(L)])
            self.gate_all = nn.ModuleList([nn.Linear(L * H, L) for j in range(L)])
        self.out = nn.Linear(H, C)

    def states(self, x: torch.Tensor) -> list:
        """Every layer's states, a list of L tensors of shape (T, B, H)."""
        if x.dim() != 3 or x.shape[-1] != self.input_size:
            raise ValueError(f"x must have shape (T, B, D={self.input_size}); got {tuple(x.shape)}")
        T, B, _ = x.shape
        prev = [x.new_zeros(B, self.hidden_size) for _ in range(self.num_layers)]
        out = [[] for _ in range(self.num_layers)]
        for t in range(T):
            below = x[t]
            if self.gated_feedback:
                h_stack = torch.stack(prev, dim=1)  # (B, L, H)
                h_star = h_stack.reshape(B, -1)  # (B, L H): all layers' previous states
            new = []
            for j in range(self.num_layers):
                a = self.w_in[j](below)  # W^j h^{j-1}_t + b^j
                if self.gated_feedback:
                    # g^{i->j} = sigmoid(w_g h^{j-1}_t + u_g h*_{t-1} + c_g), one scalar per source layer i
                    g = torch.sigmoid(self.gate_below[j](below) + self.gate_all[j](h_star))  # (B, L)
                    # sum_i g^{i->j} U^{i->j} h^i_{t-1}
                    a = a + torch.einsum("bi,bik,ihk->bh", g, h_stack, self.u[j])
                else:
                    a = a + prev[j] @ self.u[j, 0].T
                h = torch.tanh(a)
                new.append(h)
                out[j].append(h)
                below = h
            prev = new
        return [torch.stack(o) for o in out]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.states(x)[-1])  # (T, B, C)


def stacked_parameter_count(input_size: int, hidden_size: int, output_size: int = 1, num_layers: int = 2,
                            gated_feedback: bool = False) -> int:
    """Number of parameters of :class:`StackedRNN` with these sizes."""
    for name, value in (("input_size", input_size), ("hidden_size", hidden_size), ("output_size", output_size),
                        ("num_layers", num_layers)):
        check_positive_int(name, value)
    D, H, C, L = input_size, hidden_size, output_size, num_layers
    n = (D * H + H) + (L - 1) * (H * H + H) + C * H + C
    n += L * (L if gated_feedback else 1) * H * H
    if gated_feedback:
        n += (D * L) + (L - 1) * H * L + L * (L * H * L + L)
    return n


def stack_width_for_budget(input_size: int, budget: int, output_size: int = 1, num_layers: int = 2,
                           gated_feedback: bool = False) -> int:
    """The largest width H whose :class:`StackedRNN` has at most ``budget`` parameters."""
    budget = check_positive_int("budget", budget)
    if stacked_parameter_count(input_size, 1, output_size, num_layers, gated_feedback) > budget:
        raise ValueError(f"budget must allow H=1; got {budget}")
    H = 1
    while stacked_parameter_count(input_size, H + 1, output_size, num_layers, gated_feedback) <= budget:
        H += 1
    return H
