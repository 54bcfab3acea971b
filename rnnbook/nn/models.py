"""Small sequence models used by the chapters: a recurrent layer with a linear read-out.

The recurrent layer is chosen by name (``"rnn"``, ``"relu"``, ``"lstm"`` or ``"gru"``) and is PyTorch's
built-in, cuDNN-compatible module, which is fast; because the gate-by-gate modules use the same parameter names, a trained model's recurrent layer
can be loaded into the book's gate-by-gate versions,
:class:`rnnbook.nn.lstm.LSTM` and :class:`rnnbook.nn.gru.GRU`, to look inside (for example at the
gate activations).
"""

from __future__ import annotations

from typing import Optional

import numpy as np
import torch
from torch import nn

from ..validation import check_bool, check_float, check_int

__all__ = [
    "RECURRENT_KINDS",
    "make_recurrent",
    "recurrent_parameter_count",
    "hidden_size_for_budget",
    "RecurrentNet",
    "CharLM",
]

#: The recurrent layers :func:`make_recurrent` knows, and their number of gate blocks.
RECURRENT_KINDS = {"rnn": 1, "gru": 3, "lstm": 4, "relu": 1}


def _check_kind(kind: str) -> str:
    if kind not in RECURRENT_KINDS:
        raise ValueError(f"kind must be one of {sorted(RECURRENT_KINDS)}; got {kind!r}")
    return kind


def _check_positive(name: str, value: int) -> int:
    return check_int(name, value, minimum=1)


def make_recurrent(
    kind: str, input_size: int, hidden_size: int, num_layers: int = 1, *, forget_bias: Optional[float] = None,
    bidirectional: bool = False, dropout: float = 0.0,
) -> nn.Module:
    """Return PyTorch's ``nn.RNN`` (tanh or ReLU), ``nn.LSTM`` or ``nn.GRU``, time-major.

    Parameters
    ----------
    kind : str
        ``"rnn"`` (tanh), ``"relu"`` (an ``nn.RNN`` with ReLU units), ``"lstm"`` or ``"gru"``.
    input_size, hidden_size : int
        D and H.
    num_layers : int
        Stacked layers.
    forget_bias : float, optional
        LSTM only: start every forget gate's bias at this value (Gers et al. 2000;
        Jozefowicz et al. 2015 recommend 1), so that the cell keeps its state at first.
    bidirectional : bool
        Run a second layer over the reversed sequence (chapter 7); outputs are concatenated.
    dropout : float
        Dropout between stacked layers (ignored with one layer), in [0, 1).
        PyTorch adds two bias vectors; the forget block of ``bias_ih`` is set to
        ``forget_bias`` and that of ``bias_hh`` to 0.
    """
    _check_kind(kind)
    input_size = _check_positive("input_size", input_size)
    hidden_size = _check_positive("hidden_size", hidden_size)
    num_layers = _check_positive("num_layers", num_layers)
    if forget_bias is not None:
        if kind != "lstm":
            raise ValueError(f"forget_bias applies to kind='lstm' only; got kind={kind!r}")
        if isinstance(forget_bias, bool) or not isinstance(forget_bias, (int, float, np.integer, np.floating)):
            raise TypeError(f"forget_bias must be a number or None; got {type(forget_bias).__name__}")
    if check_float("dropout", dropout, 0.0, 1.0) == 1.0:
        raise ValueError(f"dropout must be a number in [0, 1); got {dropout!r}")
    options = {"num_layers": num_layers, "bidirectional": check_bool("bidirectional", bidirectional),
               "dropout": float(dropout) if num_layers > 1 else 0.0}
    if kind == "relu":
        return nn.RNN(input_size, hidden_size, nonlinearity="relu", **options)
    cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]
    layer = cls(input_size, hidden_size, **options)
    if forget_bias is not None:
        H = hidden_size
        with torch.no_grad():
            for k in range(num_layers):  # PyTorch's gate order: input, forget, cell, output
                for suffix in ("", "_reverse") if bidirectional else ("",):
                    getattr(layer, f"bias_ih_l{k}{suffix}")[H : 2 * H] = float(forget_bias)
                    getattr(layer, f"bias_hh_l{k}{suffix}")[H : 2 * H] = 0.0
    return layer


def recurrent_parameter_count(kind: str, input_size: int, hidden_size: int, output_size: int = 0) -> int:
    """Number of parameters of a one-layer recurrent layer plus an optional linear read-out.

    A layer with ``G`` gate blocks (1 for the tanh RNN, 3 for the GRU, 4 for the LSTM) has

    .. math:: G\\,(H D + H^2 + 2H)

    parameters (PyTorch keeps two bias vectors, ``bias_ih`` and ``bias_hh``); a read-out to
    ``C`` outputs adds :math:`C H + C`.
    """
    _check_kind(kind)
    G = RECURRENT_KINDS[kind]
    D, H, C = input_size, hidden_size, output_size
    return G * (H * D + H * H + 2 * H) + (C * H + C if C else 0)


def hidden_size_for_budget(kind: str, input_size: int, budget: int, output_size: int = 0) -> int:
    """Largest hidden size H whose parameter count stays within ``budget``.

    Used to compare cells with matched parameter counts, as in Chung et al. (2014).
    """
    _check_kind(kind)
    _check_positive("budget", budget)
    H = 1
    if recurrent_parameter_count(kind, input_size, 1, output_size) > budget:
        raise ValueError(
            f"budget must allow at least H=1 ({recurrent_parameter_count(kind, input_size, 1, output_size)} "
            f"parameters for kind={kind!r}); got {budget}"
        )
    while recurrent_parameter_count(kind, input_size, H + 1, output_size) <= budget:
        H += 1
    return H


class RecurrentNet(nn.Module):
    """A recurrent layer followed by a linear read-out.

    With ``readout="last"`` the read-out sees the last hidden state :math:`h_T` (or, when
    ``lengths`` are given, :math:`h_{\\ell_b}` of each sequence: many-to-one); with
    ``readout="all"`` it is applied at every step (many-to-many, aligned):

    .. math:: y_t = W_{hy} h_t + b_y .

    Parameters
    ----------
    kind : str
        ``"rnn"`` (tanh), ``"relu"``, ``"lstm"`` or ``"gru"``.
    input_size, hidden_size, output_size : int
        D, H and C.
    readout : str
        ``"last"`` (many-to-one) or ``"all"`` (many-to-many).
    num_layers : int
    forget_bias : float, optional
        LSTM only: initial forget-gate bias (see :func:`make_recurrent`).

    Shapes
    ------
    x : (T, B, D); lengths : (B,) integers in [1, T]; output : (B, C) for ``"last"``,
    (T, B, C) for ``"all"``, for every C, C = 1 included: compare a (B, 1) output with a
    (B, 1) target, or take ``output[:, 0]`` for a (B,) one, never (B, 1) against (B,),
    which broadcasts to (B, B).
    """

    def __init__(
        self,
        kind: str,
        input_size: int,
        hidden_size: int,
        output_size: int = 1,
        *,
        readout: str = "last",
        num_layers: int = 1,
        forget_bias: Optional[float] = None,
    ) -> None:
        super().__init__()
        if readout not in ("last", "all"):
            raise ValueError(f"readout must be 'last' or 'all'; got {readout!r}")
        _check_positive("output_size", output_size)
        self.kind, self.readout = kind, readout
        self.input_size, self.hidden_size, self.output_size = input_size, hidden_size, output_size
        self.rnn = make_recurrent(kind, input_size, hidden_size, num_layers, forget_bias=forget_bias)
        self.out = nn.Linear(hidden_size, output_size)

    def hidden(self, x: torch.Tensor) -> torch.Tensor:
        """Hidden states of the (last) recurrent layer, shape (T, B, H)."""
        if x.dim() != 3 or x.shape[-1] != self.input_size:
            raise ValueError(
                f"x must have shape (T, B, D={self.input_size}); got {tuple(x.shape)}"
            )
        h, _ = self.rnn(x)  # (T, B, H)
        return h

    def forward(self, x: torch.Tensor, lengths: Optional[torch.Tensor] = None) -> torch.Tensor:
        h = self.hidden(x)  # (T, B, H)
        if self.readout == "all":
            return self.out(h)  # (T, B, C)
        if lengths is None:
            last = h[-1]  # (B, H)
        else:
            lengths = torch.as_tensor(lengths, device=h.device)
            if lengths.shape != (h.shape[1],) or int(lengths.min()) < 1 or int(lengths.max()) > h.shape[0]:
                raise ValueError(
                    f"lengths must have shape (B={h.shape[1]},) with values in [1, T={h.shape[0]}]; "
                    f"got shape {tuple(lengths.shape)}"
                )
            last = h[lengths.long() - 1, torch.arange(h.shape[1], device=h.device)]  # (B, H)
        return self.out(last)  # (B, C)


class CharLM(nn.Module):
    """Character language model: one-hot characters, a recurrent layer, logits of the next one.

    .. math:: p(x_{t+1} \\mid x_{\\le t}) = \\operatorname{softmax}(W_{hy} h_t + b_y)

    Parameters
    ----------
    kind : str
        ``"rnn"`` (tanh), ``"relu"``, ``"lstm"`` or ``"gru"``.
    vocab_size : int
        V, the number of characters (input size D = V and output size C = V).
    hidden_size : int
    forget_bias : float, optional
        LSTM only: initial forget-gate bias (see :func:`make_recurrent`).

    Shapes
    ------
    x : (T, B) integer codes; output : (T, B, V) logits. ``state`` is the recurrent
    layer's state (``h`` of shape (1, B, H), or ``(h, c)`` for the LSTM).
    """

    def __init__(
        self, kind: str, vocab_size: int, hidden_size: int, *, forget_bias: Optional[float] = None
    ) -> None:
        super().__init__()
        _check_positive("vocab_size", vocab_size)
        self.kind, self.vocab_size, self.hidden_size = kind, vocab_size, hidden_size
        self.rnn = make_recurrent(kind, vocab_size, hidden_size, forget_bias=forget_bias)
        self.out = nn.Linear(hidden_size, vocab_size)

    def forward(self, x: torch.Tensor, state: Optional[object] = None) -> tuple:
        if x.dim() != 2:
            raise ValueError(f"x must have shape (T, B) of integer codes; got {tuple(x.shape)}")
        if x.dtype not in (torch.int64, torch.int32, torch.uint8, torch.int16):
            raise TypeError(f"x must hold integer character codes; got dtype {x.dtype}")
        onehot = nn.functional.one_hot(x.long(), self.vocab_size).float()  # (T, B, V)
        h, state = self.rnn(onehot, state)  # (T, B, H)
        return self.out(h), state  # (T, B, V)
