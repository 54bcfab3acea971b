"""Elman's temporal XOR (Elman, 1990): a bit stream in which every third bit is predictable.

The stream is a concatenation of triplets (a, b, a XOR b) with a and b random bits. A
network that reads the stream one bit at a time and predicts the next bit can do no
better than chance on the first two bits of a triplet, but the third is determined by the
two before it: the prediction error should fall on every third bit.

Elman trained on one continuous stream of 3,000 bits, so the network was never told where
a triplet starts (its phase): :func:`xor_windows` serves windows of one stream that start
anywhere, and :func:`xor_prediction_batch` streams that start at a triplet boundary.
"""

from __future__ import annotations

from typing import Iterator, Tuple

import numpy as np
import torch

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["xor_stream", "xor_prediction_batch", "xor_windows"]


def xor_stream(n_triplets: int, seed: SeedLike = 0) -> np.ndarray:
    """Return the bits of ``n_triplets`` triplets (a, b, a XOR b) in one stream.

    Shapes
    ------
    returns: (3 * n_triplets,), int64 of 0 and 1.
    """
    n_triplets = check_positive_int("n_triplets", n_triplets)
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
    batch_size = check_positive_int("batch_size", batch_size)
    rng = as_rng(seed)
    streams = np.stack([xor_stream(n_triplets, rng) for _ in range(batch_size)], axis=1)  # (3n, B)
    bits = torch.tensor(streams, dtype=torch.float32).unsqueeze(-1)  # (3n, B, 1)
    return bits[:-1], bits[1:]


def xor_windows(
    bits: np.ndarray, batch_size: int, T: int, seed: SeedLike = 0
) -> Iterator[Tuple[torch.Tensor, torch.Tensor]]:
    """Endless batches of next-bit prediction windows cut from one stream at random places.

    Each of the ``batch_size`` columns of a batch is a window of ``T + 1`` consecutive
    bits of ``bits`` that starts at a uniformly random position, so at any phase of the
    triplets: the network must find out from the bits themselves which bit is
    predictable. The input at step t is bit t of the window, the target bit t + 1.

    Parameters
    ----------
    bits : numpy.ndarray
        The stream, for example ``xor_stream(1000)`` (3,000 bits), of 0 and 1.
    batch_size : int
        Windows per batch, B.
    T : int
        Steps per window; at most ``len(bits) - 1``.
    seed : int, numpy.random.Generator or None
        Draws the starting positions.

    Yields
    ------
    x, y : torch.Tensor
        float32 inputs and targets of 0 and 1.

    Shapes
    ------
    bits: (N,); x, y: (T, B, 1).
    """
    if not isinstance(bits, np.ndarray) or bits.ndim != 1:
        got = f"shape {bits.shape}" if isinstance(bits, np.ndarray) else type(bits).__name__
        raise ValueError(f"bits must be a 1-D numpy array of 0 and 1; got {got}")
    if not np.isin(bits, (0, 1)).all():
        raise ValueError(f"bits must hold only 0 and 1; got values {np.unique(bits)[:5].tolist()}")
    batch_size = check_positive_int("batch_size", batch_size)
    T = check_positive_int("T", T)
    if T > len(bits) - 1:
        raise ValueError(f"T must be at most len(bits) - 1 = {len(bits) - 1}; got {T}")
    rng = as_rng(seed)
    stream = torch.tensor(bits, dtype=torch.float32)  # (N,)
    offsets = np.arange(T + 1)[:, None]  # (T + 1, 1)
    while True:
        starts = rng.integers(0, len(bits) - T, size=batch_size)  # (B,)
        window = stream[torch.from_numpy(starts[None, :] + offsets)].unsqueeze(-1)  # (T + 1, B, 1)
        yield window[:-1], window[1:]
