"""Loss functions for the torch models that ``torch.nn.functional`` does not have as such."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..validation import check_instance

__all__ = ["next_symbols_loss"]


def next_symbols_loss(logits: torch.Tensor, targets: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Loss of predicting the *set* of legal next symbols at every step.

    Each symbol is a separate yes/no question (a sigmoid output), as in the embedded Reber
    grammar and a^n b^n tasks, where several symbols may be legal next. The binary
    cross-entropy is summed over the symbols and averaged over the steps with ``mask`` 1
    (padding after a string ends has mask 0):

    .. math::

        L = \\frac{\\sum_{t, b} m_{tb} \\sum_k \\mathrm{BCE}(y_{tbk}, s_{tbk})}{\\sum_{t, b} m_{tb}}

    Shapes
    ------
    logits, targets: (T, B, K), targets in {0, 1}; mask: (T, B). Returns a scalar.
    """
    for name, value in (("logits", logits), ("targets", targets), ("mask", mask)):
        check_instance(name, value, torch.Tensor)
    if logits.shape != targets.shape or logits.dim() != 3:
        raise ValueError(
            f"logits and targets must both have shape (T, B, K); got {tuple(logits.shape)} and {tuple(targets.shape)}"
        )
    if tuple(mask.shape) != tuple(logits.shape[:2]):
        raise ValueError(f"mask must have shape (T, B)={tuple(logits.shape[:2])}; got {tuple(mask.shape)}")
    if not mask.sum() > 0:
        raise ValueError("mask must select at least one step")
    loss = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")  # (T, B, K)
    return (loss.sum(-1) * mask).sum() / mask.sum()
