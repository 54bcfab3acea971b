"""Tiny sequence tasks, one for each way a recurrent network maps inputs to outputs.

- one-to-many: :func:`sine_from_class`, one class label in, a sine wave of that
  class's frequency out;
- many-to-one: :func:`majority_batch`, a bit sequence in, whether most bits are 1 out;
- many-to-many, aligned: :func:`delayed_echo_batch`, every input bit comes back
  ``delay`` steps later;
- many-to-many, unaligned: :func:`reversal_batch`, a symbol sequence in, the same symbols
  in reverse order out, produced only after the whole input has been read.

Every function draws from ``seed`` and returns torch tensors in the book's time-major
layout.
"""

from __future__ import annotations

from typing import Tuple

import numpy as np
import torch

from ..utils import SeedLike, as_rng
from ..validation import check_int

__all__ = ["sine_from_class", "majority_batch", "delayed_echo_batch", "reversal_batch"]


def _positive(name: str, value: int) -> None:
    check_int(name, value, minimum=1)


def sine_from_class(
    batch_size: int, n_classes: int = 3, T: int = 16, seed: SeedLike = 0
) -> Tuple[torch.Tensor, torch.Tensor]:
    """One-to-many: a class k in 0..K-1, one-hot, and the wave sin(2 pi (k + 1) t / T).

    Returns
    -------
    x : torch.Tensor
        One-hot classes, float32.
    y : torch.Tensor
        The waves, float32, for t = 0..T-1.

    Shapes
    ------
    x: (B, K); y: (T, B, 1).
    """
    for name, value in (("batch_size", batch_size), ("n_classes", n_classes), ("T", T)):
        _positive(name, value)
    k = as_rng(seed).integers(0, n_classes, size=batch_size)  # (B,)
    t = np.arange(T)[:, None]  # (T, 1)
    waves = np.sin(2 * np.pi * (k[None, :] + 1) * t / T)  # (T, B)
    x = torch.nn.functional.one_hot(torch.as_tensor(k), n_classes).float()  # (B, K)
    return x, torch.tensor(waves, dtype=torch.float32).unsqueeze(-1)


def majority_batch(
    batch_size: int, T: int = 9, seed: SeedLike = 0
) -> Tuple[torch.Tensor, torch.Tensor]:
    """Many-to-one: T random bits, labelled 1 when more than half of them are 1.

    ``T`` must be odd so that there are no ties.

    Shapes
    ------
    x: (T, B, 1) float32 of 0 and 1; y: (B,) int64.
    """
    _positive("batch_size", batch_size)
    _positive("T", T)
    if T % 2 == 0:
        raise ValueError(f"T must be odd (no ties); got {T}")
    bits = as_rng(seed).integers(0, 2, size=(T, batch_size))  # (T, B)
    labels = (bits.sum(axis=0) > T // 2).astype(np.int64)  # (B,)
    return torch.tensor(bits, dtype=torch.float32).unsqueeze(-1), torch.tensor(labels)


def delayed_echo_batch(
    batch_size: int, T: int = 12, delay: int = 2, seed: SeedLike = 0
) -> Tuple[torch.Tensor, torch.Tensor]:
    """Many-to-many, aligned: the target at step t is the input bit of step t - delay.

    Targets before step ``delay`` are 0.

    Shapes
    ------
    x, y: (T, B, 1), float32 of 0 and 1.
    """
    _positive("batch_size", batch_size)
    _positive("T", T)
    check_int("delay", delay, minimum=0, maximum=T - 1)
    bits = as_rng(seed).integers(0, 2, size=(T, batch_size))  # (T, B)
    target = np.zeros_like(bits)
    target[delay:] = bits[: T - delay]
    as_t = lambda a: torch.tensor(a, dtype=torch.float32).unsqueeze(-1)  # noqa: E731
    return as_t(bits), as_t(target)


def reversal_batch(
    batch_size: int, length: int = 4, vocab_size: int = 4, seed: SeedLike = 0
) -> Tuple[torch.Tensor, torch.Tensor]:
    """Many-to-many, unaligned: symbols in, the same symbols reversed out.

    Returns
    -------
    x : torch.Tensor
        One-hot input symbols, float32.
    y : torch.Tensor
        Target symbols (the input read backwards), int64.

    Shapes
    ------
    x: (L, B, V); y: (L, B).
    """
    for name, value in (("batch_size", batch_size), ("length", length), ("vocab_size", vocab_size)):
        _positive(name, value)
    symbols = torch.as_tensor(as_rng(seed).integers(0, vocab_size, size=(length, batch_size)))  # (L, B)
    x = torch.nn.functional.one_hot(symbols, vocab_size).float()  # (L, B, V)
    return x, symbols.flip(0)
