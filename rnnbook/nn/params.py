"""Parameter layout shared by the gate-by-gate recurrent modules (:mod:`rnnbook.nn.lstm`,
:mod:`rnnbook.nn.gru`).

Weights are registered under PyTorch's names and shapes (``weight_ih_l0`` of shape
(G H, D), ``weight_hh_l0`` (G H, H), ``bias_ih_l0`` and ``bias_hh_l0`` (G H,), with G gate
blocks: 4 for the LSTM, i|f|g|o; 3 for the GRU, r|z|n), so that ``load_state_dict`` copies
weights from ``torch.nn.LSTM`` / ``torch.nn.GRU`` and back.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from ..validation import check_int

__all__ = ["register_gate_weights", "reset_uniform", "layer_weights"]


def register_gate_weights(
    module: nn.Module, suffix: str, input_size: int, hidden_size: int, n_gates: int, bias: bool
) -> None:
    """Register one layer's weights on ``module`` under PyTorch's names and shapes.

    Shapes
    ------
    ``weight_ih<suffix>``: (n_gates H, D); ``weight_hh<suffix>``: (n_gates H, H);
    ``bias_ih<suffix>``, ``bias_hh<suffix>``: (n_gates H,), only when ``bias``.
    """
    input_size = check_int("input_size", input_size, minimum=1)
    hidden_size = check_int("hidden_size", hidden_size, minimum=1)
    G = n_gates * hidden_size
    module.register_parameter("weight_ih" + suffix, nn.Parameter(torch.empty(G, input_size)))
    module.register_parameter("weight_hh" + suffix, nn.Parameter(torch.empty(G, hidden_size)))
    if bias:
        module.register_parameter("bias_ih" + suffix, nn.Parameter(torch.empty(G)))
        module.register_parameter("bias_hh" + suffix, nn.Parameter(torch.empty(G)))


def reset_uniform(module: nn.Module) -> None:
    """Draw every parameter from :math:`U(-1/\\sqrt{H}, 1/\\sqrt{H})`, as PyTorch does."""
    if not isinstance(module, nn.Module) or not hasattr(module, "hidden_size"):
        raise TypeError(f"module must be a torch.nn.Module with a hidden_size; got {type(module).__name__}")
    bound = 1.0 / math.sqrt(module.hidden_size)
    for p in module.parameters():
        nn.init.uniform_(p, -bound, bound)


def layer_weights(module: nn.Module, suffix: str) -> tuple:
    """The weights of one layer: ``(W_ih, W_hh, b_ih, b_hh)``, biases ``None`` without bias."""
    return tuple(getattr(module, name + suffix, None) for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"))
