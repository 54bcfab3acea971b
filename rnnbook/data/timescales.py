"""A task with two timescales: a fast delayed echo and a slowly switching mode, read out together.

Two input channels: a random bit :math:`b_t` at every step, and a rare pulse
:math:`p_t \\in \\{-1, +1\\}` (probability ``p_switch`` per step, otherwise 0): +1 sets the
mode :math:`m_t` to 1, -1 resets it to 0 (it starts at 0), so the mode changes on a slow
timescale. The network outputs two bits at every step,

.. math:: y_{t,0} = b_{t-d}, \\qquad y_{t,1} = m_t \\quad (t \\ge d),

which need a memory of the last ``d`` bits (fast) and a latch held over many steps
(slow). Steps ``t < d`` have no target.
"""

from __future__ import annotations

import numpy as np
import torch

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["two_timescale_batch"]


def two_timescale_batch(batch_size: int, T: int, delay: int = 2, p_switch: float = 0.05,
                        seed: SeedLike = 0) -> tuple:
    """A batch of the two-timescale task.

    Returns
    -------
    x : torch.Tensor
        Channel 0 the bits (0/1), channel 1 the pulses (-1, 0 or +1).
    y : torch.Tensor
        Targets: channel 0 :math:`b_{t-d}` (fast), channel 1 :math:`m_t` (slow); float 0/1,
        zero where ``t < delay``.
    mask : torch.Tensor of bool
        True where a target exists (``t >= delay``).

    Shapes
    ------
    x : (T, B, 2); y : (T, B, 2); mask : (T, B).
    """
    B = check_positive_int("batch_size", batch_size)
    d = check_positive_int("delay", delay)
    T = check_positive_int("T", T, minimum=d + 1)
    if not 0.0 < float(p_switch) < 1.0:
        raise ValueError(f"p_switch must be in (0, 1); got {p_switch!r}")
    rng = as_rng(seed)
    bits = rng.integers(2, size=(T, B))
    pulses = (rng.random((T, B)) < p_switch) * rng.choice([-1, 1], size=(T, B))
    mode = np.zeros((T, B), dtype=np.int64)
    level = np.zeros(B, dtype=np.int64)
    for t in range(T):  # the latch: +1 sets, -1 resets, 0 keeps
        level = np.where(pulses[t] > 0, 1, np.where(pulses[t] < 0, 0, level))
        mode[t] = level
    y = np.zeros((T, B, 2), dtype=np.int64)
    y[d:, :, 0] = bits[:-d]
    y[d:, :, 1] = mode[d:]
    mask = np.zeros((T, B), dtype=bool)
    mask[d:] = True
    x = np.stack([bits, pulses], axis=-1).astype(np.float32)
    return torch.from_numpy(x), torch.from_numpy(y.astype(np.float32)), torch.from_numpy(mask)
