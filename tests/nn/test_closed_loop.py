"""Tests of rnnbook.nn.closed_loop: teacher-forcing windows and free running."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.nn.closed_loop import closed_loop, series_batches
from rnnbook.nn.models import RecurrentNet


def test_series_batches_are_shifted_windows():
    s = np.arange(50, dtype=np.float32)
    x, y = next(series_batches(s, 4, 7, seed=0))
    assert x.shape == y.shape == (7, 4, 1)
    torch.testing.assert_close(y, x + 1)
    torch.testing.assert_close(x[1:], x[:-1] + 1)


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_closed_loop_equals_feeding_outputs_back_by_hand(kind):
    torch.manual_seed(0)
    model = RecurrentNet(kind, 1, 5, 1, readout="all")
    warm = torch.randn(6, 2, 1)
    g = closed_loop(model, warm, 3)
    assert g.shape == (3, 2, 1)
    seq = warm
    with torch.no_grad():
        for k in range(3):
            nxt = model(seq)[-1:]  # (1, B, 1): run the whole sequence again
            torch.testing.assert_close(g[k : k + 1], nxt)
            seq = torch.cat([seq, nxt])


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="T must be at most N - 1 = 9"):
        next(series_batches(np.zeros(10), 2, 10))
    with pytest.raises(ValueError, match="series must have shape \\(N,\\)"):
        next(series_batches(np.zeros((10, 2)), 2, 3))
    with pytest.raises(TypeError, match="readout='all'"):
        closed_loop(RecurrentNet("lstm", 1, 3, 1), torch.zeros(4, 1, 1), 2)
    with pytest.raises(ValueError, match="output_size == input_size"):
        closed_loop(RecurrentNet("lstm", 1, 3, 2, readout="all"), torch.zeros(4, 1, 1), 2)
    model = RecurrentNet("lstm", 1, 3, 1, readout="all")
    with pytest.raises(ValueError, match="warmup must have shape \\(T0, B, D=1\\); got \\(4, 2\\)"):
        closed_loop(model, torch.zeros(4, 2), 2)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        closed_loop(model, torch.zeros(4, 1, 1), 0)
