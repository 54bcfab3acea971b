"""Reversing digit strings: a translation task whose difficulty grows with the length.

The source is a string of L random decimal digits; the target is the same string read
backwards, then the end symbol ``EOS`` (index 10). An encoder that must squeeze the whole
string into one vector has more to squeeze the longer the string; a decoder that can look
back at the source (attention) does not.
"""

from __future__ import annotations

from typing import Iterator, Tuple

import torch

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["DIGITS", "EOS", "reverse_batch", "reverse_batches", "sequence_accuracy"]

DIGITS = 10  #: source symbols 0..9
EOS = 10  #: the end symbol of the target


def reverse_batch(batch_size: int, length: int, seed: SeedLike = 0) -> Tuple[torch.Tensor, torch.Tensor]:
    """One batch of digit strings of the same ``length`` and their reversals.

    Returns
    -------
    source : torch.Tensor
        Digits 0..9, int64.
    target : torch.Tensor
        The digits reversed, then ``EOS``, int64.

    Shapes
    ------
    source: (L, B); target: (L + 1, B).
    """
    B = check_positive_int("batch_size", batch_size)
    L = check_positive_int("length", length)
    source = torch.as_tensor(as_rng(seed).integers(0, DIGITS, size=(L, B)))
    target = torch.cat([source.flip(0), torch.full((1, B), EOS, dtype=torch.long)])
    return source, target


def reverse_batches(batch_size: int, min_length: int = 1, max_length: int = 12,
                    seed: SeedLike = 0) -> Iterator[Tuple[torch.Tensor, torch.Tensor]]:
    """Endless batches, each of one length drawn uniformly from ``min_length .. max_length``.

    Shapes
    ------
    Each item as :func:`reverse_batch`.
    """
    check_positive_int("batch_size", batch_size)
    lo = check_positive_int("min_length", min_length)
    hi = check_positive_int("max_length", max_length)
    if hi < lo:
        raise ValueError(f"max_length must be >= min_length={lo}; got {hi}")
    rng = as_rng(seed)

    def stream() -> Iterator:  # the checks above run at the call, not at the first batch
        while True:
            yield reverse_batch(batch_size, int(rng.integers(lo, hi + 1)), rng)

    return stream()


def sequence_accuracy(predicted: torch.Tensor, target: torch.Tensor) -> float:
    """Fraction of sequences whose every symbol is right (end symbol included).

    Shapes
    ------
    predicted, target: (T, B), int64; output: a float in [0, 1].
    """
    for name, t in (("predicted", predicted), ("target", target)):
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor; got {type(t).__name__}")
    if predicted.dim() != 2 or predicted.shape != target.shape:
        raise ValueError(
            f"predicted and target must have the same shape (T, B); got {tuple(predicted.shape)} and {tuple(target.shape)}"
        )
    return float((predicted == target).all(dim=0).float().mean())
