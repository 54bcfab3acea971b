"""The Jordan network (Jordan, 1986): the output feeds back into the hidden layer.

Jordan's "state units" s_t hold a decaying sum of the network's past outputs and are an
extra input of the hidden layer:

    s_t = mu s_{t-1} + g(y_{t-1}),   s_1 = 0,                                 Eq. (2.6)
    h_t = f(W_xh x_t + W_sh s_t + b_h),                                       Eq. (2.7)
    y_t = W_hy h_t + b_y,                                                     Eq. (2.8)

where g is the output non-linearity (a sigmoid for binary targets) and mu in [0, 1) the
self-connection of the state units (mu = 0: only the last output is fed back). The
recurrence runs through the C outputs, not through the H hidden units: whatever the
network remembers, it must first have said (if only in small deviations of its outputs).

With *teacher forcing* the state units receive the target of the previous step instead
of the network's own output (Goodfellow et al., 2016, sec. 10.2.1):

    s_t = mu s_{t-1} + y*_{t-1},                                              Eq. (2.9)

so that in training every step sees the true past; run free, the network reads its own.
"""

from __future__ import annotations

from typing import Optional, Tuple

import torch
from torch import nn

from .elman import activation, check_sequence
from ..validation import check_positive_int

__all__ = ["JordanNetwork", "jordan_xor_solution"]


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
        input_size, hidden_size, output_size = (check_positive_int(name, value) for name, value in (
            ("input_size", input_size), ("hidden_size", hidden_size), ("output_size", output_size)))
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

    def forward(
        self, x: torch.Tensor, s0: Optional[torch.Tensor] = None, teacher: Optional[torch.Tensor] = None
    ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Run Eqs. (2.6)-(2.8) over the sequence; return the logits y and the states h.

        Parameters
        ----------
        x : torch.Tensor
            Inputs.
        s0 : torch.Tensor, optional
            The state units at the first step, s_1 (zeros by default).
        teacher : torch.Tensor, optional
            Targets y*_t in the output's own range (after g). When given, the state is
            updated with Eq. (2.9), mu s_{t-1} + y*_{t-1}, instead of Eq. (2.6): teacher
            forcing. The last step's target is not used.

        Shapes
        ------
        x: (T, B, D); s0: (B, C); teacher: (T, B, C); returns (T, B, C) and (T, B, H).
        """
        d, hsize, c = self.sizes
        x = check_sequence("x", x, d)
        n_steps, batch = x.shape[:2]
        if s0 is None:
            s0 = x.new_zeros(batch, c)
        elif tuple(s0.shape) != (batch, c):
            raise ValueError(f"s0 must have shape (B={batch}, C={c}); got {tuple(s0.shape)}")
        if teacher is not None and (not isinstance(teacher, torch.Tensor) or tuple(teacher.shape) != (n_steps, batch, c)):
            got = tuple(teacher.shape) if isinstance(teacher, torch.Tensor) else type(teacher).__name__
            raise ValueError(f"teacher must be a tensor of shape (T={n_steps}, B={batch}, C={c}); got {got}")
        xw = x @ self.W_xh.T + self.b_h  # (T, B, H)
        s, hs, ys = s0, [], []
        for t in range(n_steps):
            # Eq. (2.7): the state units s_t enter through W_sh
            h = self.f(xw[t] + s @ self.W_sh.T)  # (B, H)
            # Eq. (2.8)
            y = h @ self.W_hy.T + self.b_y  # (B, C)
            # Eq. (2.6), or Eq. (2.9) with teacher forcing: the state for the next step
            s = self.mu * s + (self.g(y) if teacher is None else teacher[t])  # (B, C)
            hs.append(h)
            ys.append(y)
        return torch.stack(ys), torch.stack(hs)  # (T, B, C), (T, B, H)


def jordan_xor_solution(delta: float = 0.4, big: float = 6.0, steepness: float = 400.0) -> JordanNetwork:
    """A Jordan network, set by hand, that predicts the temporal XOR (Eqs. (2.6)-(2.8)).

    It shows that output feedback *can* carry the first bit of a triplet: on reading a,
    the network predicts the unpredictable b with the logit +-``delta`` (a probability
    within delta/4 of 0.5, at a cost of about (delta/4)^2 in squared error), and the sign
    tells the next step what a was. The outputs cycle through three levels, so the
    state s = sigmoid(y) takes five values that tell the phase and the remembered bit:
    about 0 or 1 after b (the next output is 0 whatever the input), 0.5 after the third
    bit (next: +-delta by the input), 0.5 -+ delta/4 after a (next: +-``big`` by a XOR b).
    Eight steep sigmoid units, four thresholds on s without and with the input, build this
    table. It keeps to the phase it starts in: start it with ``s0 = 0.5`` on a stream that
    begins a triplet.

    Parameters
    ----------
    delta : float
        Size of the logit that carries a, in (0, 1].
    big : float
        Logit of the confident XOR prediction, at least 3.
    steepness : float
        Slope of the hidden units' thresholds, at least 100.

    Returns
    -------
    JordanNetwork
        ``JordanNetwork(1, 8, 1)``, mu = 0, sigmoid units and sigmoid g.

    Shapes
    ------
    The network maps x: (T, B, 1) to logits (T, B, 1).
    """
    for name, value, low, high in (("delta", delta, 0.0, 1.0), ("big", big, 3.0, 50.0), ("steepness", steepness, 100.0, 1e4)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low < value <= high:
            raise ValueError(f"{name} must be a number in ({low:g}, {high:g}]; got {value!r}")
    net = JordanNetwork(1, 8, 1)
    thresholds = torch.tensor([0.2, 0.5 - delta / 8, 0.5 + delta / 8, 0.8])  # between the five levels of s
    k, gate = float(steepness), 2.0 * float(steepness)  # gate: x = 0 switches a unit off
    # output increments at each threshold, for x = 0 and the extra for x = 1: the levels of
    # s (0, 0.5 - delta/4, 0.5, 0.5 + delta/4, 1) map to logits (0, -big, -delta, big, 0)
    # when x = 0 and (0, big, delta, -big, 0) when x = 1
    plain = torch.tensor([-big, big - delta, big + delta, -big])
    extra = torch.tensor([2 * big, 2 * delta - 2 * big, -2 * big - 2 * delta, 2 * big])
    with torch.no_grad():
        net.W_sh.copy_(torch.full((8, 1), k))
        net.W_xh.copy_(torch.cat([torch.zeros(4), torch.full((4,), gate)])[:, None])
        net.b_h.copy_(torch.cat([-k * thresholds, -k * thresholds - gate]))
        net.W_hy.copy_(torch.cat([plain, extra])[None, :])
        net.b_y.zero_()
    return net
