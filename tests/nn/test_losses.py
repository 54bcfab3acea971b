"""Tests for rnnbook.nn.losses.next_symbols_loss."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from rnnbook.nn.losses import next_symbols_loss


def test_hand_worked_value_and_mask():
    logits = torch.zeros(2, 1, 2)  # every sigmoid at 0.5: BCE = log 2 per symbol
    targets = torch.tensor([[[1.0, 0.0]], [[1.0, 1.0]]])
    mask = torch.tensor([[1.0], [0.0]])  # only the first step counts
    assert float(next_symbols_loss(logits, targets, mask)) == pytest.approx(2 * torch.log(torch.tensor(2.0)).item())


def test_equals_the_mean_over_scored_steps():
    g = torch.Generator().manual_seed(0)
    logits, targets = torch.randn(5, 3, 4, generator=g), (torch.rand(5, 3, 4, generator=g) > 0.5).float()
    mask = (torch.rand(5, 3, generator=g) > 0.3).float()
    per_step = F.binary_cross_entropy_with_logits(logits, targets, reduction="none").sum(-1)
    expected = per_step[mask.bool()].mean()
    assert float(next_symbols_loss(logits, targets, mask)) == pytest.approx(float(expected), rel=1e-6)


def test_bad_shapes():
    with pytest.raises(ValueError, match=r"logits and targets must both have shape \(T, B, K\)"):
        next_symbols_loss(torch.zeros(2, 3, 4), torch.zeros(2, 3, 5), torch.ones(2, 3))
    with pytest.raises(ValueError, match=r"mask must have shape \(T, B\)"):
        next_symbols_loss(torch.zeros(2, 3, 4), torch.zeros(2, 3, 4), torch.ones(3, 2))
    with pytest.raises(ValueError, match="at least one step"):
        next_symbols_loss(torch.zeros(2, 3, 4), torch.zeros(2, 3, 4), torch.zeros(2, 3))


def test_next_symbols_loss_needs_tensors():
    with pytest.raises(TypeError, match="logits must be a .*Tensor; got NoneType"):
        next_symbols_loss(None, None, None)
