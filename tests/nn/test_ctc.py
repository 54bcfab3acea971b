"""The PyTorch CTC path: same numbers as the NumPy derivation, clear errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.nn.ctc import ctc_loss
from rnnbook.scratch import ctc_batch


def batch(seed: int = 0, blank: int = 0):
    g = torch.Generator().manual_seed(seed)
    T, B, C = 12, 4, 5
    a = torch.randn(T, B, C, generator=g, dtype=torch.float64, requires_grad=True)
    labels = [k for k in range(C) if k != blank]
    targets = torch.tensor(labels)[torch.randint(0, C - 1, (B, 3), generator=g)]
    input_lengths = torch.tensor([12, 10, 7, 12])
    target_lengths = torch.tensor([3, 2, 1, 0])
    return a, targets, input_lengths, target_lengths


@pytest.mark.parametrize("blank", [0, 4])
def test_matches_numpy_ctc(blank):
    a, targets, t_len, z_len = batch(blank=blank)
    loss = ctc_loss(a.log_softmax(-1), targets, t_len, z_len, blank=blank, reduction="sum")
    loss.backward()
    ref_losses, ref_grad = ctc_batch(
        a.log_softmax(-1).detach().numpy(), targets.numpy(), t_len.numpy(), z_len.numpy(), blank=blank
    )
    assert abs(loss.item() - ref_losses.sum()) < 1e-8
    np.testing.assert_allclose(a.grad.numpy(), ref_grad, atol=1e-8)


def test_reductions():
    a, targets, t_len, z_len = batch()
    lp = a.log_softmax(-1)
    per = ctc_loss(lp, targets, t_len, z_len, reduction="none")
    assert per.shape == (4,)
    mean = ctc_loss(lp, targets, t_len, z_len, reduction="mean")
    expected = (per / z_len.clamp(min=1)).mean()
    assert abs(mean.item() - expected.item()) < 1e-12


def test_impossible_target_gives_zero_not_inf():
    lp = torch.zeros(2, 1, 3, dtype=torch.float64).log_softmax(-1)
    loss = ctc_loss(lp, torch.tensor([[1, 1]]), torch.tensor([2]), torch.tensor([2]), reduction="sum")
    assert loss.item() == 0.0
    loss_inf = ctc_loss(lp, torch.tensor([[1, 1]]), torch.tensor([2]), torch.tensor([2]),
                        reduction="sum", zero_infinity=False)
    assert loss_inf.item() == float("inf")


def test_bad_input():
    a, targets, t_len, z_len = batch()
    lp = a.log_softmax(-1)
    with pytest.raises(ValueError, match=r"log_probs must be a tensor of shape \(T, B, C\)"):
        ctc_loss(lp[:, 0], targets, t_len, z_len)
    with pytest.raises(ValueError, match="must not contain the blank"):
        ctc_loss(lp, torch.zeros_like(targets), t_len, z_len.clamp(min=1))
    with pytest.raises(ValueError, match=r"targets must lie in \[0, C=5\)"):
        ctc_loss(lp, targets + 10, t_len, z_len)
    with pytest.raises(ValueError, match=r"input_lengths must lie in \[1, T=12\]"):
        ctc_loss(lp, targets, t_len + 1, z_len)
    with pytest.raises(ValueError, match="reduction must be"):
        ctc_loss(lp, targets, t_len, z_len, reduction="avg")
    with pytest.raises(ValueError, match=r"blank must be a class index in \[0, C=5\)"):
        ctc_loss(lp, targets, t_len, z_len, blank=5)


def test_raw_logits_are_rejected():
    a, targets, t_len, z_len = batch()
    with pytest.raises(ValueError, match="log_probs must be log-probabilities.*not raw scores"):
        ctc_loss(a, targets, t_len, z_len)
    # float32 log_softmax output passes
    ctc_loss(a.float().log_softmax(-1), targets, t_len, z_len)
