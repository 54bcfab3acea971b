"""A neural Turing machine (Graves et al., 2014): a controller with an external memory.

At each step the controller (an LSTM cell, or a feed-forward layer) reads the input
:math:`x_t` and the previous read vector :math:`r_{t-1}`; from its output one write head
and one read head emit their addressing parameters (Eq. (14.6)-(14.9), in
:mod:`rnnbook.nn.ntm_addressing`); the write head erases and adds (Eq. (14.11)), the read
head reads (Eq. (14.10)), and the output is a linear map of the controller's output and
the new read vector. The memory starts as a small constant in every slot, both heads start
on slot 0, and the first read vector is learned.
"""

from __future__ import annotations

from typing import Dict, Optional

import torch
import torch.nn.functional as F
from torch import nn

from ..validation import check_positive_int
from .ntm_addressing import address, read_memory, write_memory

__all__ = ["NTM"]


class NTM(nn.Module):
    """A neural Turing machine with one read head and one write head.

    Parameters
    ----------
    input_size : int
        D, the width of :math:`x_t`.
    output_size : int
        The width of the output (logits).
    hidden_size : int
        Units of the controller.
    slots : int
        N, the number of memory slots.
    width : int
        M, the width of a slot.
    shifts : int
        S, the number of allowed shifts (odd: S = 3 allows -1, 0, +1).
    controller : str
        The kind of controller: ``"lstm"`` (an LSTM cell) or ``"feedforward"`` (one
        tanh layer).
    memory_init : float
        The constant every slot holds at the start.

    Shapes
    ------
    input: (T, B, D); output: (T, B, output_size). With ``record=True``, :meth:`forward`
    also returns a dict of the read and write weightings, each (T, B, N).
    """

    def __init__(self, input_size: int, output_size: int, hidden_size: int = 64,
                 slots: int = 32, width: int = 8, shifts: int = 3,
                 controller: str = "lstm", memory_init: float = 1e-6) -> None:
        super().__init__()
        self.input_size = check_positive_int("input_size", input_size)
        self.output_size = check_positive_int("output_size", output_size)
        self.hidden_size = check_positive_int("hidden_size", hidden_size)
        self.slots = check_positive_int("slots", slots, minimum=2)
        self.width = check_positive_int("width", width)
        S = check_positive_int("shifts", shifts)
        if S % 2 == 0 or S > self.slots:
            raise ValueError(f"shifts must be odd and at most slots={self.slots}; got {S}")
        self.shifts = S
        if controller not in ("lstm", "feedforward"):
            raise ValueError(f"controller must be 'lstm' or 'feedforward'; got {controller!r}")
        self.controller_kind = controller
        self.memory_init = float(memory_init)
        H, M = self.hidden_size, self.width
        if controller == "lstm":
            self.controller = nn.LSTMCell(input_size + M, H)
        else:
            self.controller = nn.Linear(input_size + M, H)
        # per head: key M, strength 1, gate 1, shift S, sharpening 1; write head: erase M, add M
        self.head_size = M + 3 + S
        self.heads = nn.Linear(H, 2 * self.head_size + 2 * M)
        self.out = nn.Linear(H + M, output_size)
        self.read0 = nn.Parameter(torch.zeros(M))

    def _head(self, p: torch.Tensor):
        M, S = self.width, self.shifts
        key = torch.tanh(p[:, :M])
        beta = F.softplus(p[:, M:M + 1])
        gate = torch.sigmoid(p[:, M + 1:M + 2])
        shift = torch.softmax(p[:, M + 2:M + 2 + S], dim=1)
        gamma = 1 + F.softplus(p[:, M + 2 + S:M + 3 + S])
        return key, beta, gate, shift, gamma

    def forward(self, x: torch.Tensor, record: bool = False):
        """Run the machine over a sequence from a fresh memory.

        Parameters
        ----------
        x : torch.Tensor
            The input sequence.
        record : bool
            Also return the read and write weightings of every step.

        Shapes
        ------
        x: (T, B, D); output: (T, B, output_size); weightings (T, B, N) each.
        """
        if not isinstance(x, torch.Tensor):
            raise TypeError(f"x must be a torch.Tensor; got {type(x).__name__}")
        if x.dim() != 3 or x.shape[2] != self.input_size:
            raise ValueError(f"x must have shape (T, B, D={self.input_size}); got {tuple(x.shape)}")
        T, B, _ = x.shape
        N, M, H, P = self.slots, self.width, self.hidden_size, self.head_size
        memory = x.new_full((B, N, M), self.memory_init)
        w_read = x.new_zeros(B, N)
        w_read[:, 0] = 1.0
        w_write = w_read.clone()
        read = self.read0.expand(B, M)
        state = (x.new_zeros(B, H), x.new_zeros(B, H))
        outputs, reads, writes = [], [], []
        for t in range(T):
            inp = torch.cat([x[t], read], dim=1)
            if self.controller_kind == "lstm":
                state = self.controller(inp, state)
                h = state[0]
            else:
                h = torch.tanh(self.controller(inp))
            p = self.heads(h)
            w_write = address(memory, w_write, *self._head(p[:, :P]))
            erase = torch.sigmoid(p[:, 2 * P:2 * P + M])
            add = torch.tanh(p[:, 2 * P + M:])
            memory = write_memory(memory, w_write, erase, add)
            w_read = address(memory, w_read, *self._head(p[:, P:2 * P]))
            read = read_memory(memory, w_read)
            outputs.append(self.out(torch.cat([h, read], dim=1)))
            if record:
                reads.append(w_read)
                writes.append(w_write)
        y = torch.stack(outputs)
        if record:
            return y, {"read": torch.stack(reads), "write": torch.stack(writes)}
        return y
