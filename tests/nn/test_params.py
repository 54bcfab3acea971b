"""Tests for rnnbook.nn.params: PyTorch's parameter layout and the input check."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from rnnbook.nn.params import layer_weights, register_gate_weights, reset_uniform


class Holder(nn.Module):
    def __init__(self, bias: bool) -> None:
        super().__init__()
        self.hidden_size = 4
        register_gate_weights(self, "_l0", 3, 4, 3, bias)


def test_layout_matches_torch_gru_and_init_is_bounded():
    holder = Holder(bias=True)
    reference = nn.GRU(3, 4)
    assert {k: v.shape for k, v in holder.state_dict().items()} == {
        k: v.shape for k, v in reference.state_dict().items()
    }
    reset_uniform(holder)
    assert all(p.abs().max() <= 0.5 for p in holder.parameters())
    w_ih, w_hh, b_ih, b_hh = layer_weights(holder, "_l0")
    assert w_ih.shape == (12, 3) and w_hh.shape == (12, 4) and b_ih.shape == b_hh.shape == (12,)


def test_layer_weights_without_bias():
    assert layer_weights(Holder(bias=False), "_l0")[2:] == (None, None)


def test_register_gate_weights_refuses_bad_sizes():
    module = torch.nn.Module()
    with pytest.raises(ValueError, match="hidden_size must be an integer >= 1; got 0"):
        register_gate_weights(module, "", 3, 0, 4, True)
    with pytest.raises(ValueError, match="input_size must be an integer >= 1; got '3'"):
        register_gate_weights(module, "", "3", 2, 4, True)
