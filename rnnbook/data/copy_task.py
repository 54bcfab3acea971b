"""The copy task of Graves et al. (2014): random binary vectors, a delimiter, then recall.

The network reads a sequence of L random vectors of ``bits`` bits, one per step, on the
first ``bits`` input channels; then a delimiter, a single step with the extra channel on
alone; then L blank steps, during which it must output the vectors in the order they came.
Input and target have ``2 L + 1`` steps; the target is zero (and not scored) before the
recall phase, and ``mask`` marks the L steps that are scored.
"""

from __future__ import annotations

from typing import Callable, Iterator, Tuple

import numpy as np
import torch

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["copy_batch", "copy_batches", "copy_loss", "wrong_bits"]


def copy_batch(batch_size: int, length: int, bits: int = 8,
               seed: SeedLike = 0) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """One batch of copy sequences, all of the same ``length``.

    Parameters
    ----------
    batch_size : int
        B, the number of sequences.
    length : int
        L, the number of vectors to copy.
    bits : int
        Width of each vector.
    seed : int, numpy.random.Generator or None
        Source of the random bits.

    Returns
    -------
    x : torch.Tensor
        The input, float32: the vectors, then the delimiter, then blanks.
    y : torch.Tensor
        The target, float32: zeros, then the vectors again.
    mask : torch.Tensor
        Bool, True at the L recall steps.

    Shapes
    ------
    x: (2L+1, B, bits+1); y: (2L+1, B, bits); mask: (2L+1,).
    """
    B = check_positive_int("batch_size", batch_size)
    L = check_positive_int("length", length)
    D = check_positive_int("bits", bits)
    rng = as_rng(seed)
    vectors = rng.integers(0, 2, size=(L, B, D)).astype(np.float32)
    x = np.zeros((2 * L + 1, B, D + 1), np.float32)
    x[:L, :, :D] = vectors
    x[L, :, D] = 1.0
    y = np.zeros((2 * L + 1, B, D), np.float32)
    y[L + 1:] = vectors
    mask = np.zeros(2 * L + 1, bool)
    mask[L + 1:] = True
    return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(mask)


def copy_batches(batch_size: int, min_length: int = 1, max_length: int = 10, bits: int = 8,
                 seed: SeedLike = 0) -> Iterator[Tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """An endless stream of copy batches, each of a length drawn uniformly from
    ``min_length .. max_length`` (the training curriculum of the chapter).

    Shapes
    ------
    Each item as :func:`copy_batch`.
    """
    check_positive_int("batch_size", batch_size)
    lo = check_positive_int("min_length", min_length)
    hi = check_positive_int("max_length", max_length)
    check_positive_int("bits", bits)
    if hi < lo:
        raise ValueError(f"max_length must be >= min_length={lo}; got {hi}")
    rng = as_rng(seed)

    def stream() -> Iterator:  # the checks above run at the call, not at the first batch
        while True:
            yield copy_batch(batch_size, int(rng.integers(lo, hi + 1)), bits, rng)

    return stream()


def wrong_bits(logits: torch.Tensor, y: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Wrong bits per sequence: outputs thresholded at 1/2 against the target, summed over
    the recall steps and the bits (the measure of Graves et al., 2014, Fig. 3).

    Shapes
    ------
    logits, y: (T, B, bits); mask: (T,); output: (B,), float.
    """
    for name, t in (("logits", logits), ("y", y), ("mask", mask)):
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor; got {type(t).__name__}")
    if logits.dim() != 3 or logits.shape != y.shape:
        raise ValueError(
            f"logits and y must have the same shape (T, B, bits); got {tuple(logits.shape)} and {tuple(y.shape)}"
        )
    if mask.shape != (logits.shape[0],):
        raise ValueError(f"mask must have shape (T={logits.shape[0]},); got {tuple(mask.shape)}")
    wrong = ((logits > 0).float() != y).float()[mask]  # (L, B, bits)
    return wrong.sum(dim=(0, 2))


def copy_loss(model: Callable[[torch.Tensor], torch.Tensor],
              batch: Tuple[torch.Tensor, torch.Tensor, torch.Tensor]) -> torch.Tensor:
    """Mean binary cross-entropy of the recalled bits (for :func:`rnnbook.train.fit`):
    ``model(x)`` returns one logit per bit and step; only the recall steps are scored.

    Shapes
    ------
    batch: (x (T, B, bits+1), y (T, B, bits), mask (T,)); output: a scalar.
    """
    x, y, mask = batch
    logits = model(x)
    if not isinstance(logits, torch.Tensor) or logits.shape != y.shape:
        shape = tuple(logits.shape) if isinstance(logits, torch.Tensor) else type(logits).__name__
        raise ValueError(f"model(x) must return logits of shape {tuple(y.shape)}; got {shape}")
    return torch.nn.functional.binary_cross_entropy_with_logits(logits[mask], y[mask])
