"""The update rule of the Hopfield network and the fast synchronous recall of chapter 1.

:func:`sign_update` is Eq. (1.4) with its tie rule; :func:`synchronous_recall` updates
all units at once until a fixed point or a two-cycle; :func:`hebbian_fields` computes the
inputs of a Hebbian network straight from the stored patterns, without building the
N x N weight matrix, which is what lets the capacity study of chapter 1 run networks of
thousands of units in seconds.
"""

from __future__ import annotations

from typing import Callable, Optional, Tuple

import numpy as np

__all__ = ["check_bipolar", "sign_update", "hebbian_fields", "synchronous_recall"]


def check_bipolar(name: str, value: np.ndarray, size: Optional[int] = None) -> np.ndarray:
    """Check that ``value`` is an array of +-1 of shape (N,) or (B, N); return it as float64.

    ``size`` is the required N (``None``: any). The message names the argument, what was
    expected and what came.
    """
    if not isinstance(value, np.ndarray):
        raise TypeError(f"{name} must be a numpy.ndarray; got {type(value).__name__}")
    if value.ndim not in (1, 2) or value.shape[-1] == 0 or (size is not None and value.shape[-1] != size):
        want = "N" if size is None else f"N={size}"
        raise ValueError(f"{name} must have shape ({want},) or (B, {want}); got {tuple(value.shape)}")
    if not np.all((value == 1) | (value == -1)):
        bad = np.unique(value[(value != 1) & (value != -1)])[:3]
        raise ValueError(f"{name} must be bipolar (every entry +1 or -1); got values such as {bad.tolist()}")
    return value.astype(np.float64, copy=False)


def sign_update(field: np.ndarray, state: np.ndarray, tie: float = 0.0) -> np.ndarray:
    """The update of Eq. (1.4): the sign of the input, and no change where it is zero.

    The tie rule matters for the convergence proof: a unit then changes only where its
    input is non-zero, and every change lowers the energy strictly. An input computed in
    floating point can miss an exact zero by a rounding error, so inputs with
    ``|field| <= tie`` count as zero.

    Shapes
    ------
    field, state: the same shape, any; returns that shape.
    """
    return np.where(field > tie, 1.0, np.where(field < -tie, -1.0, state))


def hebbian_fields(patterns: np.ndarray, states: np.ndarray) -> np.ndarray:
    """The inputs sum_j w_ij s_j of the Hebbian network of Eq. (1.2), without forming W.

    With Xi the (P, N) matrix of patterns, W = (Xi^T Xi - P I) / N, so the inputs of a
    batch of states S are (S Xi^T Xi - P S) / N: 2 B P N multiply-adds instead of the
    N^2 (P + B) of building W first. The numerator N sum_j w_ij s_j is an integer and is
    computed exactly (in float32 where no partial sum can reach 2^24, else in float64),
    so the signs, ties included, are exact and the same on every machine.

    Shapes
    ------
    patterns: (P, N) of +-1; states: (N,) or (B, N) of +-1; returns the shape of states.
    """
    xi = np.atleast_2d(check_bipolar("patterns", patterns))  # (P, N)
    s = check_bipolar("states", states, xi.shape[1])
    return _hebbian_fields(xi, s)


def _hebbian_fields(xi: np.ndarray, s: np.ndarray) -> np.ndarray:
    """:func:`hebbian_fields` without the checks, for loops that call it many times."""
    p, n = xi.shape
    # Every product below sums integers. float32 holds integers below 2^24 exactly, so it
    # is exact (and the same on every machine) whenever no partial sum can reach 2^24.
    dtype = np.float32 if n < 2**24 else np.float64
    xi_ = xi.astype(dtype, copy=False)
    m = s.astype(dtype, copy=False) @ xi_.T  # (B, P): N times the overlaps, |.| <= N
    if np.abs(m).sum(axis=-1).max(initial=0.0) >= 2**24:
        m, xi_ = m.astype(np.float64), xi_.astype(np.float64)
    numerator = m @ xi_ - p * s  # (B, N): N * sum_j w_ij s_j = sum_mu xi_i^mu m_mu - P s_i
    return numerator.astype(np.float64) / n


def synchronous_recall(
    fields: Callable[[np.ndarray], np.ndarray],
    state: np.ndarray,
    *,
    max_sweeps: int = 50,
    tie: float = 0.0,
    on_update: Optional[Callable[[np.ndarray], object]] = None,
) -> Tuple[np.ndarray, np.ndarray]:
    """Update every unit at once by Eq. (1.4) until each state is a fixed point or a two-cycle.

    With symmetric weights synchronous updates end in a fixed point or in a cycle of two
    states (Goles-Chacc, Fogelman-Soulie and Pellegrin, 1985). A row of the batch stops
    as soon as it reaches either and is not updated again, so a row in a two-cycle ends
    in one of its two states. ``fields`` computes the inputs of a batch of states, for
    example ``lambda s: s @ W - theta``.

    Parameters
    ----------
    fields : callable
        Maps states (B', N) to their inputs (B', N); it is called on the rows still moving.
    state : numpy.ndarray
        Start states, +-1.
    max_sweeps : int
        Upper bound on the synchronous updates of each row.
    tie : float
        Inputs with ``|input| <= tie`` count as zero (:func:`sign_update`).
    on_update : callable, optional
        Called with the whole batch of states (B, N) after every update.

    Returns
    -------
    final : numpy.ndarray
        The states reached.
    sweeps : numpy.ndarray
        For each row, the updates computed until one showed it settled (1 for a start
        that is already a fixed point); -1 where it had not settled after ``max_sweeps``.

    Shapes
    ------
    state, final: (B, N); sweeps: (B,).
    """
    if isinstance(max_sweeps, bool) or not isinstance(max_sweeps, (int, np.integer)) or max_sweeps < 1:
        raise ValueError(f"max_sweeps must be a positive integer; got {max_sweeps!r}")
    s = check_bipolar("state", state).copy()
    if s.ndim != 2:
        raise ValueError(f"state must have shape (B, N); got {tuple(s.shape)}")
    before = s.copy()  # the state one update earlier, to see two-cycles
    sweeps = np.full(s.shape[0], -1)
    moving = np.arange(s.shape[0])  # rows not yet at a fixed point or in a two-cycle
    for t in range(int(max_sweeps)):
        now = s[moving]  # (B', N)
        new = sign_update(fields(now), now, tie)  # Eq. (1.4) for all units at once
        settled = np.all(new == now, axis=1) | np.all(new == before[moving], axis=1)
        before[moving], s[moving] = now, new
        if on_update is not None:
            on_update(s)
        sweeps[moving[settled]] = t + 1
        moving = moving[~settled]
        if moving.size == 0:
            break
    return s, sweeps
