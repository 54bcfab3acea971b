"""The PyTorch path for CTC: ``torch.nn.functional.ctc_loss`` with the book's conventions.

:mod:`rnnbook.scratch.ctc` derives CTC and checks it; training runs use PyTorch's
implementation through this thin wrapper, which checks its inputs and states the
conventions once:

- ``log_probs`` are **log-softmax** outputs, time-major, shape (T, B, C), C including
  the blank; raw logits are rejected with a ``ValueError`` (PyTorch would return a
  meaningless, possibly negative, "loss"): every step of every sequence must logsumexp
  to 0 within 1e-3 over the classes;
- the blank is class ``blank`` (0 by default, as in PyTorch; chapter 8 uses the last
  class), and targets never contain it;
- targets are a padded (B, U_max) tensor of class indices with ``target_lengths``;
  ``input_lengths`` give each sequence's number of valid steps;
- ``reduction="mean"`` is PyTorch's: each sequence's loss is divided by its target length,
  then averaged over the batch; ``"sum"`` adds the losses, ``"none"`` returns them (B,);
- ``zero_infinity=True`` (the default here, not in PyTorch): a sequence that no path can
  produce contributes zero loss and zero gradient instead of ``inf``.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

__all__ = ["ctc_loss"]


def ctc_loss(
    log_probs: torch.Tensor,
    targets: torch.Tensor,
    input_lengths: torch.Tensor,
    target_lengths: torch.Tensor,
    *,
    blank: int = 0,
    reduction: str = "mean",
    zero_infinity: bool = True,
) -> torch.Tensor:
    """CTC loss of a batch, -log p(z | x) (Eq. (8.6)), computed by PyTorch.

    Parameters
    ----------
    log_probs : torch.Tensor
        Log-softmax outputs, (T, B, C); logits are rejected (``ValueError``).
    targets : torch.Tensor
        Padded labels (B, U_max), integer, without the blank.
    input_lengths, target_lengths : torch.Tensor
        (B,) integer lengths.
    blank : int
        Index of the blank class.
    reduction : str
        ``"mean"``, ``"sum"`` or ``"none"``; see the module docstring.
    zero_infinity : bool
        Replace infinite losses (and their gradients) by zero.

    Shapes
    ------
    log_probs: (T, B, C); targets: (B, U_max); input_lengths, target_lengths: (B,) ->
    scalar, or (B,) for ``reduction="none"``.
    """
    if not isinstance(log_probs, torch.Tensor) or log_probs.dim() != 3:
        shape = tuple(log_probs.shape) if isinstance(log_probs, torch.Tensor) else type(log_probs).__name__
        raise ValueError(f"log_probs must be a tensor of shape (T, B, C); got {shape}")
    T, B, C = log_probs.shape
    with torch.no_grad():
        off = float(torch.logsumexp(log_probs.detach().double(), dim=-1).abs().max()) if log_probs.numel() else 0.0
    if not off <= 1e-3:
        raise ValueError(
            "log_probs must be log-probabilities (log_softmax over the classes; every step must "
            f"logsumexp to 0 within 1e-3), not raw scores; got steps off by up to {off:.3g}"
        )
    if not 0 <= blank < C:
        raise ValueError(f"blank must be a class index in [0, C={C}); got {blank}")
    if targets.dim() != 2 or targets.shape[0] != B:
        raise ValueError(f"targets must have shape (B={B}, U_max); got {tuple(targets.shape)}")
    for name, lengths in (("input_lengths", input_lengths), ("target_lengths", target_lengths)):
        if lengths.shape != (B,):
            raise ValueError(f"{name} must have shape (B={B},); got {tuple(lengths.shape)}")
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"reduction must be 'mean', 'sum' or 'none'; got {reduction!r}")
    if int(input_lengths.max()) > T or int(input_lengths.min()) < 1:
        raise ValueError(f"input_lengths must lie in [1, T={T}]; got {input_lengths.tolist()}")
    if B and int(target_lengths.max()) > targets.shape[1]:
        raise ValueError(
            f"target_lengths must not exceed U_max={targets.shape[1]}; got {target_lengths.tolist()}"
        )
    valid = torch.arange(targets.shape[1], device=targets.device)[None, :] < target_lengths[:, None]
    used = targets[valid]
    if used.numel() and (int(used.min()) < 0 or int(used.max()) >= C):
        raise ValueError(f"targets must lie in [0, C={C}); got values from {int(used.min())} to {int(used.max())}")
    if bool((used == blank).any()):
        raise ValueError(f"targets must not contain the blank (class {blank})")
    return F.ctc_loss(
        log_probs,
        targets,
        input_lengths,
        target_lengths,
        blank=blank,
        reduction=reduction,
        zero_infinity=zero_infinity,
    )
