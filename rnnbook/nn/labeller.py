"""A deep (stacked) and bidirectional recurrent sequence labeller in PyTorch.

One output distribution per input step: the model behind chapter 7's experiment and
chapter 8's CTC reader. Layer l + 1 reads the hidden sequence of layer l (Eq. (7.2));
with ``bidirectional=True`` every layer runs a forward and a backward recurrence
(Schuster & Paliwal, 1997; Eq. (7.1)) and the layer above reads both, concatenated (this is how
``torch.nn.LSTM`` stacks bidirectional layers). At the top the two directions are merged
by concatenation (``merge="concat"``: 2H features), or by sum, mean or elementwise product
(``"sum"``, ``"mean"``, ``"mul"``: H features), and a linear layer gives the class scores
(Eq. (7.3)):

.. math::
    y_t = W_{hy} [\\overrightarrow{h}_t ; \\overleftarrow{h}_t] + b_y
    \\quad\\text{or}\\quad y_t = W_{hy} (\\overrightarrow{h}_t + \\overleftarrow{h}_t) + b_y.
"""

from __future__ import annotations

from typing import Optional

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from ..validation import check_choice, check_int
from .models import make_recurrent

__all__ = ["SequenceLabeller"]

MERGES = ("concat", "sum", "mean", "mul")


class SequenceLabeller(nn.Module):
    """Stacked, optionally bidirectional LSTM/GRU/RNN with a linear head at every step.

    Parameters
    ----------
    input_size : int
        D, the features per step.
    hidden_size : int
        H, per direction.
    n_classes : int
        C, the classes per step (for CTC: including the blank).
    kind : str
        The recurrent layer, one of ``rnnbook.nn.RECURRENT_KINDS``: ``"lstm"``,
        ``"gru"``, ``"rnn"`` (the tanh Elman network) or ``"relu"``; built by
        :func:`~rnnbook.nn.models.make_recurrent`.
    num_layers : int
        Depth of the stack.
    bidirectional : bool
        Run each layer in both directions.
    merge : str
        How the top layer's two directions are combined: ``"concat"`` (2H features),
        ``"sum"``, ``"mean"`` or ``"mul"`` (elementwise product), each H features, as in
        :class:`rnnbook.scratch.bidirectional.Bidirectional` (ignored if unidirectional).
    dropout : float
        Dropout between stacked layers (PyTorch's ``dropout`` argument).

    Shapes
    ------
    forward: x (T, B, D), lengths (B,) optional -> scores (T, B, C).
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        n_classes: int,
        *,
        kind: str = "lstm",
        num_layers: int = 1,
        bidirectional: bool = False,
        merge: str = "concat",
        dropout: float = 0.0,
    ) -> None:
        super().__init__()
        for name, value in (("input_size", input_size), ("hidden_size", hidden_size),
                            ("n_classes", n_classes), ("num_layers", num_layers)):
            check_int(name, value, minimum=1)
        check_choice("merge", merge, MERGES)
        self.kind, self.merge, self.bidirectional = kind, merge, bool(bidirectional)
        self.rnn = make_recurrent(kind, input_size, hidden_size, num_layers,
                                  bidirectional=self.bidirectional, dropout=dropout)
        width = hidden_size * (2 if self.bidirectional and merge == "concat" else 1)
        self.head = nn.Linear(width, n_classes)

    def forward(self, x: torch.Tensor, lengths: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Class scores (unnormalised) at every step.

        With ``lengths``, padded steps are packed away, so the backward direction of a
        short sequence starts at its own last step, not in the padding; scores at padded
        steps are then those of a zero hidden state.
        """
        if x.dim() != 3 or x.shape[2] != self.rnn.input_size:
            raise ValueError(
                f"x must have shape (T, B, D={self.rnn.input_size}); got {tuple(x.shape)}"
            )
        if lengths is None:
            h, _ = self.rnn(x)  # (T, B, H * directions)
        else:
            if lengths.shape != (x.shape[1],):
                raise ValueError(f"lengths must have shape (B={x.shape[1]},); got {tuple(lengths.shape)}")
            packed = pack_padded_sequence(x, lengths.cpu(), enforce_sorted=False)
            h, _ = self.rnn(packed)
            h, _ = pad_packed_sequence(h, total_length=x.shape[0])  # (T, B, H * directions)
        if self.bidirectional and self.merge != "concat":
            fwd, bwd = h.chunk(2, dim=-1)  # (T, B, H) each
            h = fwd + bwd if self.merge == "sum" else (fwd + bwd) / 2 if self.merge == "mean" else fwd * bwd
        return self.head(h)  # (T, B, C)

    def log_probs(self, x: torch.Tensor, lengths: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Log-softmax of :meth:`forward` over the classes, (T, B, C): what CTC takes."""
        return self.forward(x, lengths).log_softmax(dim=-1)
