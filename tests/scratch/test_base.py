"""rnnbook.scratch.base: the checks every from-scratch layer shares refuse bad input clearly."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import GRU, LSTM, RNN


@pytest.mark.parametrize("cls", [RNN, LSTM, GRU])
def test_inputs_states_and_output_gradients_are_checked(cls):
    layer = cls(3, 4, seed=0)
    with pytest.raises(TypeError, match="x must be a numpy.ndarray; got list"):
        layer.forward([[[0.0, 0.0, 0.0]]])
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=3\); got \(2, 1, 5\)"):
        layer.forward(np.zeros((2, 1, 5)))
    with pytest.raises(ValueError, match=r"x must hold at least one time step \(T >= 1\); got T=0"):
        layer.forward(np.zeros((0, 1, 3)))
    with pytest.raises(TypeError, match="x must have dtype float64 .* got float32"):
        layer.forward(np.zeros((2, 1, 3), dtype=np.float32))
    with pytest.raises(ValueError, match=r"h0 must have shape \(B=1, H=4\); got \(2, 4\)"):
        layer.forward(np.zeros((2, 1, 3)), h0=np.zeros((2, 4)))
    _, cache = layer.forward(np.zeros((2, 1, 3)))
    with pytest.raises(ValueError, match=r"d_output must have shape \(T=2, B=1, H=4\); got \(2, 1, 3\)"):
        layer.backward(np.zeros((2, 1, 3)), cache)
    with pytest.raises(ValueError, match="input_size must be an integer >= 1"):
        cls(0, 4)
    with pytest.raises(TypeError, match="dtype must be float32 or float64"):
        cls(3, 4, dtype=np.int64)


def test_from_torch_refuses_what_it_cannot_copy():
    with pytest.raises(TypeError, match="module must be a torch.nn.RNN; got LSTM"):
        RNN.from_torch(torch.nn.LSTM(3, 4))
    with pytest.raises(ValueError, match=r"module must have num_layers=1 \(got 2\), batch_first=False"):
        RNN.from_torch(torch.nn.RNN(3, 4, num_layers=2, batch_first=True))
