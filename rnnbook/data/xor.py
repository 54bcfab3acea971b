"""Elman's temporal XOR (Elman, 1990): a bit stream in which every third bit is predictable.

The stream is a concatenation of triplets (a, b, a XOR b) with a and b random bits. A
network that reads the stream one bit at a time and predicts the next bit can do no
better than chance on the first two bits of a triplet, but the third is determined by the
two before it: the prediction error should fall on every third bit.
"""

from __future__ import annotations

from typing import Tuple

import numpy as np
import torch

from ..utils import SeedLike, as_rng

__all__ = ["xor_stream", "xor_prediction_batch"]


def xor_stream(n_triplets: int, seed: SeedLike = 0) -> np.ndarray:
    """Return the bits of ``n_triplets`` triplets (a, b, a XOR b) in one stream.

    Shapes
    ------
    returns: (3 * n_triplets,), int64 of 0 and 1.
    """
    if not isinstance(n_triplets, (int, np.integer)) or n_triplets < 1:
        raise ValueError(f"n_triplets must be a positive integer; got {n_triplets!r}")
    ab = as_rng(seed).integers(0, 2, size=(n_triplets, 2))  # (n, 2)
    triplets = np.column_stack([ab, ab[:, 0] ^ ab[:, 1]])  # (n, 3)
    return triplets.reshape(-1)


def xor_prediction_batch(
    n_triplets: int, batch_size: int, seed: SeedLike = 0
) -> Tuple[torch.Tensor, torch.Tensor]:
    """A batch of independent XOR streams as next-bit prediction data.

    Each stream starts at a triplet boundary. The input at step t is bit t and the target
    is bit t + 1, so the last bit of each stream is only a target.

    Returns
    -------
    x, y : torch.Tensor
        float32 inputs and targets of 0 and 1.

    Shapes
    ------
    x, y: (T, B, 1) with T = 3 * n_triplets - 1.
    """
    if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer; got {batch_size!r}")
    rng = as_rng(seed)
    streams = np.stack([xor_stream(n_triplets, rng) for _ in range(batch_size)], axis=1)  # (3n, B)
    bits = torch.tensor(streams, dtype=torch.float32).unsqueeze(-1)  # (3n, B, 1)
    return bits[:-1], bits[1:]
