"""Mostly predictable sequences with one long lag: the task of the neural history compressor.

Each sequence starts with a *cue* (one of ``n_cues`` symbols, uniform), then a run of the
*filler* symbol whose length is uniform in ``[min_lag, max_lag]``; each filler position
is replaced, with probability ``p_distract``, by one of two *distractor* symbols. Then the
*end* marker, then the cue again, the *target*. Almost every symbol is predictable from the
one before it; the unpredictable ones are the cue, the distractors, the end (its time is
random) and the target, which can only be predicted by remembering the cue across the lag.

Tokens: cues ``0..n_cues-1``, filler ``n_cues``, distractors ``n_cues+1`` and
``n_cues+2``, end ``n_cues+3``; the vocabulary has ``n_cues + 4`` tokens.
"""

from __future__ import annotations

import numpy as np
import torch

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["cue_recall_batch", "cue_recall_vocab_size"]


def cue_recall_vocab_size(n_cues: int) -> int:
    """Number of distinct tokens, ``n_cues + 4``."""
    return check_positive_int("n_cues", n_cues, minimum=2) + 4


def cue_recall_batch(batch_size: int, n_cues: int = 4, min_lag: int = 20, max_lag: int = 40,
                     p_distract: float = 0.05, seed: SeedLike = 0) -> tuple:
    """A batch of cue-recall sequences, time-major and padded with the filler token.

    Returns
    -------
    tokens : torch.Tensor of int64
        The sequences.
    lengths : torch.Tensor of int64
        Each sequence's length, ``lag + 3``.
    target_pos : torch.Tensor of int64
        The time index of each sequence's target (its last symbol), ``lengths - 1``.

    Shapes
    ------
    tokens : (T, B) with T = max_lag + 3; lengths, target_pos : (B,).
    """
    B = check_positive_int("batch_size", batch_size)
    K = check_positive_int("n_cues", n_cues, minimum=2)
    lo = check_positive_int("min_lag", min_lag)
    hi = check_positive_int("max_lag", max_lag)
    if hi < lo:
        raise ValueError(f"max_lag must be >= min_lag={lo}; got {hi}")
    if not 0.0 <= float(p_distract) < 1.0:
        raise ValueError(f"p_distract must be in [0, 1); got {p_distract!r}")
    rng = as_rng(seed)
    filler, end = K, K + 3
    T = hi + 3
    tokens = np.full((T, B), filler, dtype=np.int64)
    cues = rng.integers(K, size=B)
    lags = rng.integers(lo, hi + 1, size=B)
    distract = rng.random((T, B)) < p_distract
    which = K + 1 + rng.integers(2, size=(T, B))
    for b in range(B):
        L = int(lags[b])
        tokens[0, b] = cues[b]
        body = np.where(distract[1: L + 1, b], which[1: L + 1, b], filler)
        tokens[1: L + 1, b] = body
        tokens[L + 1, b] = end
        tokens[L + 2, b] = cues[b]
    lengths = torch.from_numpy(lags + 3)
    return torch.from_numpy(tokens), lengths, lengths - 1
