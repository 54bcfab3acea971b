"""Movement-like sequences built from shared primitives, for the multiple-timescale network.

Yamashita and Tani (2008) taught a humanoid robot several behaviours, each a sequence of
movement primitives, with primitives shared between behaviours. This is a 2-D stand-in:
three closed strokes that each start and end at the origin (a loop above the origin, a
figure of eight, a loop below it), chained in different orders. Because every stroke
returns to the same point, the pen position alone never tells which stroke comes next:
that depends on which sequence is running.
"""

from __future__ import annotations

from typing import Sequence, Tuple

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_int, check_positive_int

__all__ = ["PRIMITIVES", "MOVEMENT_ORDERS", "primitive", "movement_sequences"]

#: The three strokes, by name.
PRIMITIVES = ("loop up", "figure eight", "loop down")

#: The default four sequences, each an order of the three strokes (indices into PRIMITIVES).
MOVEMENT_ORDERS = ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0))


def primitive(k: int, steps: int) -> np.ndarray:
    """Stroke ``k`` of :data:`PRIMITIVES` sampled at ``steps`` points, from the origin back to it.

    Shapes
    ------
    output : (steps, 2), the positions at phases s = 1/steps, 2/steps, ..., 1.
    """
    check_int("k", k, minimum=0, maximum=len(PRIMITIVES) - 1)
    steps = check_positive_int("steps", steps, minimum=2)
    s = 2 * np.pi * np.arange(1, steps + 1) / steps  # phase in (0, 2 pi]
    if k == 0:  # a loop above the origin, anticlockwise
        xy = (0.5 * np.sin(s), 0.5 * (1 - np.cos(s)))
    elif k == 1:  # a figure of eight through the origin
        xy = (0.7 * np.sin(s), 0.35 * np.sin(2 * s))
    else:  # a loop below the origin, clockwise
        xy = (-0.5 * np.sin(s), -0.5 * (1 - np.cos(s)))
    return np.stack(xy, axis=1)


def movement_sequences(
    orders: Sequence[Sequence[int]] = MOVEMENT_ORDERS,
    steps: int = 30,
    noise: float = 0.0,
    seed: SeedLike = 0,
) -> Tuple[np.ndarray, np.ndarray]:
    """Pen trajectories of the sequences ``orders``, each stroke ``steps`` samples long.

    Parameters
    ----------
    orders : sequence
        One order of stroke indices (a sequence of ints) per sequence; all of the same
        length.
    steps : int
        Samples per stroke.
    noise : float
        Standard deviation of Gaussian noise added to every position (>= 0).
    seed : int, numpy.random.Generator or None
        Draws the noise.

    Returns
    -------
    xy : numpy.ndarray
        float32 positions, starting from the origin (row 0) and then the strokes.
    stroke : numpy.ndarray
        int64 index of the stroke drawn at each step (row 0, the start, gets the first).

    Shapes
    ------
    xy : (T, K, 2) with T = 1 + len(order) * steps and K = len(orders); stroke : (T, K).
    """
    orders = [list(o) for o in orders]
    if not orders or any(len(o) != len(orders[0]) or not o for o in orders):
        raise ValueError(f"orders must be non-empty sequences of equal length; got {orders}")
    steps = check_positive_int("steps", steps, minimum=2)
    if isinstance(noise, bool) or not isinstance(noise, (int, float)) or noise < 0:
        raise ValueError(f"noise must be a number >= 0; got {noise!r}")
    T = 1 + len(orders[0]) * steps
    xy = np.zeros((T, len(orders), 2))
    stroke = np.zeros((T, len(orders)), dtype=np.int64)
    for j, order in enumerate(orders):
        xy[1:, j] = np.concatenate([primitive(k, steps) for k in order])  # (T - 1, 2)
        stroke[1:, j] = np.repeat(order, steps)
        stroke[0, j] = order[0]
    if noise > 0:
        xy += noise * as_rng(seed).standard_normal(xy.shape)
    return xy.astype(np.float32), stroke
