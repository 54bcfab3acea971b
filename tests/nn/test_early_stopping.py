"""rnnbook.nn.early_stopping: KeepBest remembers and restores the best weights."""

from __future__ import annotations

import pytest
import torch

from rnnbook.nn import KeepBest


def test_keeps_the_weights_at_the_minimum():
    model = torch.nn.Linear(1, 1)
    values = iter([3.0, 1.0, 2.0])
    keeper = KeepBest(lambda m: next(values))
    weights = []
    for _ in range(3):
        keeper(model)
        weights.append(model.weight.detach().clone())
        with torch.no_grad():
            model.weight += 1.0
    assert keeper.best_value == 1.0 and keeper.best_call == 2
    keeper.restore(model)
    assert torch.equal(model.weight, weights[1])


def test_errors():
    with pytest.raises(TypeError, match="evaluate must be callable"):
        KeepBest(3.0)
    with pytest.raises(ValueError, match="restore needs at least one evaluation"):
        KeepBest(lambda m: 0.0).restore(torch.nn.Linear(1, 1))
