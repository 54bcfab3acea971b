"""rnnbook.nn.vanilla: the plain recurrent step against torch.nn.RNNCell."""

from __future__ import annotations

import pytest
import torch

from rnnbook.nn import rnn_step


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_matches_torch_rnn_cell(nonlinearity):
    torch.manual_seed(0)
    cell = torch.nn.RNNCell(3, 5, nonlinearity=nonlinearity).double()
    x, h = torch.randn(4, 3, dtype=torch.float64), torch.randn(4, 5, dtype=torch.float64)
    xw = x @ cell.weight_ih.T + cell.bias_ih
    ours = rnn_step(xw, h, cell.weight_hh, cell.bias_hh, nonlinearity)
    assert torch.allclose(ours, cell(x, h), atol=1e-12)


def test_rejections():
    h = torch.zeros(2, 5)
    with pytest.raises(ValueError, match="nonlinearity must be one of 'tanh', 'relu'; got 'sigmoid'"):
        rnn_step(h, h, torch.zeros(5, 5), nonlinearity="sigmoid")
    with pytest.raises(ValueError, match=r"weight_hh \(H, H\); got \(2, 5\), \(2, 5\) and \(4, 5\)"):
        rnn_step(h, h, torch.zeros(4, 5))
