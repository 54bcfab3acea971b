"""The multiple-timescale recurrent network (MTRNN) of Yamashita and Tani (2008).

Leaky-integrator units, Eq. (12.4): unit i keeps an internal state u_i and fires
h_i = tanh(u_i), and with time constant tau_i

    u_t = (1 - 1/tau) * u_{t-1} + (1/tau) * (W_hh h_{t-1} + W_xh x_t + b_h),  Eq. (12.4)

the discrete form of Eq. (12.1) with dt = 1. The units come in two groups: **fast** ones
(small tau) that are connected to the input and the output, and **slow** ones (large tau)
that talk only to the fast units and to each other. The slow units' initial states are
learned, one vector per training sequence, as in the paper: the only thing that tells the
network which sequence to produce is where its slow units start, so their slow dynamics
must carry it. With ``tau_slow == tau_fast`` the same network has all units fast.
"""

from __future__ import annotations

from typing import Tuple

import torch
from torch import nn

from ..validation import check_positive_int

__all__ = ["MTRNN"]


class MTRNN(nn.Module):
    """Fast and slow leaky units, Eq. (12.4), with learned initial slow states.

    Parameters
    ----------
    n_inputs, n_outputs : int
        D and C; the input reaches and the readout reads only the fast units.
    n_fast, n_slow : int
        Sizes of the two groups (H = n_fast + n_slow; fast units come first).
    tau_fast, tau_slow : float
        Time constants (>= 1) of the two groups.
    n_sequences : int
        Number of training sequences: one learned initial slow state each.

    Shapes
    ------
    x : (T, B, D); seq : (B,) integers in [0, n_sequences); outputs : (T, B, C);
    states h : (T, B, H), the fast units in ``[..., :n_fast]``, the slow ones after.
    """

    def __init__(self, n_inputs: int, n_outputs: int, n_fast: int, n_slow: int, *,
                 tau_fast: float = 2.0, tau_slow: float = 30.0, n_sequences: int = 1) -> None:
        super().__init__()
        self.n_inputs = check_positive_int("n_inputs", n_inputs)
        self.n_outputs = check_positive_int("n_outputs", n_outputs)
        self.n_fast = check_positive_int("n_fast", n_fast)
        self.n_slow = check_positive_int("n_slow", n_slow)
        self.n_sequences = check_positive_int("n_sequences", n_sequences)
        for name, value in (("tau_fast", tau_fast), ("tau_slow", tau_slow)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 1:
                raise ValueError(f"{name} must be a number >= 1; got {value!r}")
        H, F = self.n_fast + self.n_slow, self.n_fast
        self.register_buffer("inv_tau", torch.cat([torch.full((F,), 1.0 / tau_fast),
                                                   torch.full((H - F,), 1.0 / tau_slow)]))
        self.W_xh = nn.Linear(self.n_inputs, F)  # input -> fast units only
        self.W_hh = nn.Linear(H, H)  # all recurrent connections
        nn.init.normal_(self.W_hh.weight, std=1.0 / H**0.5)
        self.W_hy = nn.Linear(F, self.n_outputs)  # fast units -> output
        self.u0_slow = nn.Parameter(torch.zeros(self.n_sequences, H - F))  # learned, per sequence

    @property
    def hidden_size(self) -> int:
        """H = n_fast + n_slow."""
        return self.n_fast + self.n_slow

    def initial_state(self, seq: torch.Tensor) -> torch.Tensor:
        """u_0 of each sequence in the batch: fast units at 0, slow units learned. (B,) -> (B, H)."""
        if not isinstance(seq, torch.Tensor) or seq.dim() != 1 or seq.dtype not in (torch.int64, torch.int32):
            raise ValueError("seq must be an integer tensor of shape (B,)")
        if len(seq) and (int(seq.min()) < 0 or int(seq.max()) >= self.n_sequences):
            raise ValueError(f"seq must hold integers in [0, {self.n_sequences}); got {seq.tolist()}")
        fast = self.u0_slow.new_zeros(len(seq), self.n_fast)
        return torch.cat([fast, self.u0_slow[seq.long()]], dim=1)  # (B, H)

    def forward(self, x: torch.Tensor, seq: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """Run Eq. (12.4) over ``x`` from the learned initial state of each sequence ``seq``.

        Returns
        -------
        outputs : torch.Tensor
            (T, B, C): W_hy h_t^fast + b_y at each step.
        states : torch.Tensor
            (T, B, H): the firing h_t = tanh(u_t) of every unit.
        """
        if not isinstance(x, torch.Tensor) or x.dim() != 3 or x.shape[2] != self.n_inputs:
            shape = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
            raise ValueError(f"x must have shape (T, B, D={self.n_inputs}); got {shape}")
        if not isinstance(seq, torch.Tensor) or seq.shape != (x.shape[1],):
            raise ValueError(f"seq must have shape (B={x.shape[1]},)")
        u = self.initial_state(seq)  # (B, H)
        h = torch.tanh(u)
        drive_x = self.W_xh(x)  # (T, B, F)
        pad = x.new_zeros(x.shape[1], self.n_slow)  # the slow units get no input
        states = []
        for t in range(x.shape[0]):
            drive = self.W_hh(h) + torch.cat([drive_x[t], pad], dim=1)  # (B, H)
            # Eq. (12.4): u_t = (1 - 1/tau) u_{t-1} + (1/tau) (W_hh h_{t-1} + W_xh x_t + b_h)
            u = (1.0 - self.inv_tau) * u + self.inv_tau * drive
            h = torch.tanh(u)
            states.append(h)
        states_t = torch.stack(states)  # (T, B, H)
        return self.W_hy(states_t[..., : self.n_fast]), states_t
