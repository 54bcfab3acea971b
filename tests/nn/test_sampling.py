"""rnnbook.nn.sampling: shapes, reproducibility, temperature, errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.nn import CharLM, sample_text


def _model():
    torch.manual_seed(0)
    return CharLM("gru", 5, 8)


def test_shape_range_and_seed():
    model = _model()
    a = sample_text(model, np.array([0, 1]), 20, seed=1)
    b = sample_text(model, np.array([0, 1]), 20, seed=1)
    assert a.shape == (20,) and a.dtype == np.int64 and 0 <= a.min() and a.max() < 5
    assert np.array_equal(a, b)


def test_low_temperature_is_greedy():
    model = _model()
    with torch.no_grad():
        model.out.bias[:] = torch.tensor([0.0, 0.0, 50.0, 0.0, 0.0])  # code 2 dominates
    assert (sample_text(model, np.array([0]), 10, temperature=0.1, seed=0) == 2).all()


def test_errors():
    model = _model()
    with pytest.raises(ValueError, match="n_chars must be an integer"):
        sample_text(model, np.array([0]), 0)
    with pytest.raises(ValueError, match="temperature must be a positive finite number"):
        sample_text(model, np.array([0]), 5, temperature=0.0)
    with pytest.raises(ValueError, match="prompt_codes must be a non-empty"):
        sample_text(model, np.array([], dtype=np.int64), 5)
