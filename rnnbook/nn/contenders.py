"""Five sequence models behind one interface, for chapter 15's comparison at equal parameters.

``kind`` picks the model: ``"lstm"`` and ``"gru"`` (PyTorch's layers, one layer),
``"mingru"`` and ``"lru"`` (two linear recurrent layers, :class:`~rnnbook.nn.mingru.MinGRU`
or :class:`~rnnbook.nn.lru.LRU`, with a GELU between them: the nonlinearity that the
recurrence gave up moves between the layers), and ``"transformer"``
(:class:`~rnnbook.nn.transformer.CausalTransformer`, two blocks of two heads). Each ends in
a linear read-out at every step, takes real inputs (T, B, D) or integer tokens (T, B)
(one-hot encoded), and can run one step at a time for generation with :meth:`SequenceModel.step`.
:func:`width_for_budget` finds the largest width whose parameter count fits a budget, so
that contenders are compared at (almost) equal size.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from ..validation import check_instance, check_positive_int
from .lru import LRU
from .mingru import MinGRU
from .models import make_recurrent
from .transformer import CausalTransformer

__all__ = ["TODAY_KINDS", "SequenceModel", "width_for_budget", "parameter_count", "state_bytes"]

#: The model kinds of the comparison.
TODAY_KINDS = ("lstm", "gru", "mingru", "lru", "transformer")


class SequenceModel(nn.Module):
    """One of :data:`TODAY_KINDS` with a linear read-out at every step.

    Parameters
    ----------
    kind : str
        One of :data:`TODAY_KINDS`.
    input_size : int
        D (for integer tokens: the vocabulary size).
    width : int
        H, the hidden size (for ``"transformer"``, d_model, an even number).
    output_size : int
        C.

    Shapes
    ------
    x : (T, B, D) floats or (T, B) integer tokens; returns (T, B, C).
    """

    def __init__(self, kind: str, input_size: int, width: int, output_size: int) -> None:
        super().__init__()
        if kind not in TODAY_KINDS:
            raise ValueError(f"kind must be one of {TODAY_KINDS}; got {kind!r}")
        self.kind = kind
        self.input_size = check_positive_int("input_size", input_size)
        self.width = check_positive_int("width", width)
        self.output_size = check_positive_int("output_size", output_size)
        D, H, C = input_size, width, output_size
        if kind in ("lstm", "gru"):
            self.rnn = make_recurrent(kind, D, H)
            self.out = nn.Linear(H, C)
        elif kind == "mingru":
            self.layers = nn.ModuleList([MinGRU(D, H), MinGRU(H, H)])
            self.out = nn.Linear(H, C)
        elif kind == "lru":
            self.layers = nn.ModuleList([LRU(D, H), LRU(H, H)])
            self.out = nn.Linear(H, C)
        else:
            if H % 2:
                raise ValueError(f"width must be even for the transformer (two heads); got {H}")
            self.net = CausalTransformer(D, H, C, n_layers=2, n_heads=2)

    def _inputs(self, x: torch.Tensor, dims: int) -> torch.Tensor:
        if not x.is_floating_point():
            if x.dim() != dims - 1:
                raise ValueError(f"integer tokens must have {dims - 1} dimensions; got shape {tuple(x.shape)}")
            x = F.one_hot(x.long(), self.input_size).to(self.out_dtype())
        if x.dim() != dims or x.shape[-1] != self.input_size:
            want = "(T, B, D" if dims == 3 else "(B, D"
            raise ValueError(f"x must have shape {want}={self.input_size}); got {tuple(x.shape)}")
        return x

    def out_dtype(self) -> torch.dtype:
        """The dtype of the parameters (one-hot inputs are made in it)."""
        return next(self.parameters()).dtype

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self._inputs(x, 3)  # (T, B, D)
        if self.kind in ("lstm", "gru"):
            return self.out(self.rnn(x)[0])
        if self.kind == "transformer":
            return self.net(x)
        h = F.gelu(self.layers[0](x))  # the nonlinearity between the linear recurrences
        return self.out(self.layers[1](h))  # (T, B, C)

    def step(self, x_t: torch.Tensor, state: Any = None) -> tuple:
        """One step of generation: ``x_t`` (B, D) or (B,) tokens -> ``(y_t, state)``, y_t (B, C).

        ``state`` is ``None`` at the start; for the recurrent kinds it has a fixed size, for
        the transformer it is the key-value cache, which grows by one step per call.
        """
        x_t = self._inputs(x_t, 2)  # (B, D)
        if self.kind in ("lstm", "gru"):
            h, state = self.rnn(x_t[None], state)
            return self.out(h[0]), state
        if self.kind == "transformer":
            state = [] if state is None else state
            return self.net.step(x_t, state), state
        B, H = x_t.shape[0], self.width
        state = [x_t.new_zeros(B, H), x_t.new_zeros(B, H)] if state is None else state
        if self.kind == "mingru":
            h1 = self.layers[0].step(x_t, state[0])
            h2 = self.layers[1].step(F.gelu(h1), state[1])
            return self.out(h2), [h1, h2]
        y1, h1 = self.layers[0].step(x_t, state[0])
        y2, h2 = self.layers[1].step(F.gelu(y1), state[1])
        return self.out(y2), [h1, h2]


def parameter_count(model: nn.Module) -> int:
    """Number of trainable parameters."""
    check_instance("model", model, nn.Module)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def width_for_budget(kind: str, input_size: int, output_size: int, budget: int) -> int:
    """Largest width whose :class:`SequenceModel` has at most ``budget`` parameters."""
    budget = check_positive_int("budget", budget)
    step = 2 if kind == "transformer" else 1
    width = step
    if parameter_count(SequenceModel(kind, input_size, width, output_size)) > budget:
        raise ValueError(f"budget must allow the smallest {kind} (width {width}); got {budget}")
    while parameter_count(SequenceModel(kind, input_size, width + step, output_size)) <= budget:
        width += step
    return width


def state_bytes(state: Any) -> int:
    """Bytes held by a generation state: the sum over its tensors of elements times element size."""
    if state is None:
        return 0
    if isinstance(state, torch.Tensor):
        return state.numel() * state.element_size()
    if isinstance(state, (list, tuple)):
        return sum(state_bytes(s) for s in state)
    raise TypeError(f"state must be a tensor or a (nested) list/tuple of tensors; got {type(state).__name__}")
