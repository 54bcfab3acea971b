"""The four ways a recurrent network maps sequences, each as a small PyTorch model.

All four share one recurrence, the vanilla (Elman) cell of ``torch.nn.RNN``,

    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h),                                Eq. (2.2)

with the same weights at every step; they differ only in where inputs enter and where
outputs are read:

- :class:`OneToMany`: one input, at the first step (zeros after it), an output at every step;
- :class:`ManyToOne`: an input at every step, one output read from the last state;
- :class:`ManyToManyAligned`: an output at every step, aligned with the inputs;
- :class:`EncoderDecoder` (many-to-many, unaligned): an encoder reads the whole input, its
  last state starts a decoder that writes the output, of any length, afterwards.
"""

from __future__ import annotations

import torch
from torch import nn

from .elman import check_sequence
from ..validation import check_int

__all__ = ["OneToMany", "ManyToOne", "ManyToManyAligned", "EncoderDecoder"]


def _sizes(**sizes: int) -> tuple:
    """Check each size and return them as Python ints, in the order given."""
    return tuple(check_int(name, value, minimum=1) for name, value in sizes.items())


class OneToMany(nn.Module):
    """One input vector, T outputs (for example a class in, a waveform out).

    Shapes
    ------
    x: (B, D); returns (T, B, C).
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int, T: int) -> None:
        super().__init__()
        input_size, hidden_size, output_size, T = _sizes(
            input_size=input_size, hidden_size=hidden_size, output_size=output_size, T=T)
        self.T = T
        self.rnn = nn.RNN(input_size, hidden_size)
        self.out = nn.Linear(hidden_size, output_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not isinstance(x, torch.Tensor) or x.dim() != 2 or x.shape[1] != self.rnn.input_size:
            got = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
            raise ValueError(f"x must have shape (B, D={self.rnn.input_size}); got {got}")
        inputs = x.new_zeros(self.T, *x.shape)  # (T, B, D): the input at step 1 only
        inputs[0] = x
        h, _ = self.rnn(inputs)  # (T, B, H)
        return self.out(h)  # (T, B, C)


class ManyToOne(nn.Module):
    """T inputs, one output read from the last hidden state (for example a class).

    Shapes
    ------
    x: (T, B, D); returns (B, C).
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int) -> None:
        super().__init__()
        input_size, hidden_size, output_size = _sizes(
            input_size=input_size, hidden_size=hidden_size, output_size=output_size)
        self.rnn = nn.RNN(input_size, hidden_size)
        self.out = nn.Linear(hidden_size, output_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = check_sequence("x", x, self.rnn.input_size)
        _, h_last = self.rnn(x)  # (1, B, H)
        return self.out(h_last[0])  # (B, C)


class ManyToManyAligned(nn.Module):
    """T inputs, T outputs, output t computed as soon as input t has been read.

    Shapes
    ------
    x: (T, B, D); returns (T, B, C).
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int) -> None:
        super().__init__()
        input_size, hidden_size, output_size = _sizes(
            input_size=input_size, hidden_size=hidden_size, output_size=output_size)
        self.rnn = nn.RNN(input_size, hidden_size)
        self.out = nn.Linear(hidden_size, output_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = check_sequence("x", x, self.rnn.input_size)
        h, _ = self.rnn(x)  # (T, B, H)
        return self.out(h)  # (T, B, C)


class EncoderDecoder(nn.Module):
    """T inputs, then T' outputs: the encoder's last state is the decoder's first.

    The decoder has its own weights and is fed the encoder's final state only (its inputs
    are zeros), so everything it writes has to pass through that one H-vector.

    Shapes
    ------
    x: (T, B, D); returns (T', B, C) with T' = ``n_out_steps``.
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int, n_out_steps: int) -> None:
        super().__init__()
        input_size, hidden_size, output_size, n_out_steps = _sizes(
            input_size=input_size, hidden_size=hidden_size, output_size=output_size,
            n_out_steps=n_out_steps)
        self.n_out_steps = n_out_steps
        self.encoder = nn.RNN(input_size, hidden_size)
        self.decoder = nn.RNN(1, hidden_size)
        self.out = nn.Linear(hidden_size, output_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = check_sequence("x", x, self.encoder.input_size)
        _, context = self.encoder(x)  # (1, B, H): the whole input in one vector
        blank = x.new_zeros(self.n_out_steps, x.shape[1], 1)  # (T', B, 1)
        h, _ = self.decoder(blank, context)  # (T', B, H)
        return self.out(h)  # (T', B, C)
