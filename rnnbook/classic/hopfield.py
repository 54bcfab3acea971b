"""The Hopfield network (Hopfield, 1982): a content-addressable memory of +-1 patterns.

N binary units s_i in {-1, +1} are all connected to each other by symmetric weights with
no self-connections (w_ij = w_ji, w_ii = 0). A unit updates to the sign of its input
u_i = sum_j w_ij s_j - theta_i, and keeps its value when that input is exactly zero
(the tie rule that the convergence proof needs):

    s_i <- +1 if u_i > 0,   s_i if u_i = 0,   -1 if u_i < 0.                  Eq. (1.4)

With symmetric weights every asynchronous update that changes a unit strictly lowers the
energy

    E(s) = -1/2 sum_ij w_ij s_i s_j + sum_i theta_i s_i ,                     Eq. (1.3)

so the state runs downhill into a fixed point. Synchronous updates (all units at once)
end in a fixed point or in a cycle of two states. Hebbian learning makes the stored
patterns xi^mu (mu = 1..P) such fixed points:

    w_ij = (1/N) sum_mu xi_i^mu xi_j^mu  for i != j,   w_ii = 0.              Eq. (1.2)

Hebbian storage works for random, nearly orthogonal patterns; for correlated ones (such
as handwritten digits, which share most of their background) the projection
(pseudo-inverse) rule of Personnaz, Guyon and Dreyfus (1985), Eq. (1.5), stores them
exactly.
"""

from __future__ import annotations

from typing import Callable, Optional, Tuple

import numpy as np

from ..utils import SeedLike, as_rng

__all__ = [
    "HopfieldNetwork",
    "check_bipolar",
    "corrupt",
    "hebbian_fields",
    "hebbian_weights",
    "overlap",
    "projection_weights",
    "sign_update",
    "synchronous_recall",
]


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


def hebbian_weights(patterns: np.ndarray) -> np.ndarray:
    """Hebbian weights, Eq. (1.2): W = (1/N) sum_mu xi^mu xi^mu^T with a zero diagonal.

    Shapes
    ------
    patterns: (P, N) of +-1; returns W: (N, N), symmetric.
    """
    xi = check_bipolar("patterns", patterns)
    xi = np.atleast_2d(xi)  # (P, N)
    n = xi.shape[1]
    w = xi.T @ xi / n  # (N, N)
    np.fill_diagonal(w, 0.0)
    return w


def projection_weights(patterns: np.ndarray) -> np.ndarray:
    """Projection (pseudo-inverse) weights, Eq. (1.5), with a zero diagonal.

    W = (1/N) Xi^T C^{-1} Xi with the overlap matrix C = (1/N) Xi Xi^T, where the rows
    of Xi are the patterns. W projects onto the span of the patterns, so each pattern is
    a fixed point as long as the removed diagonal entries are below 1, however correlated
    the patterns are (they must be linearly independent).

    Shapes
    ------
    patterns: (P, N) of +-1 with P < N; returns W: (N, N), symmetric.
    """
    xi = np.atleast_2d(check_bipolar("patterns", patterns))  # (P, N)
    p, n = xi.shape
    c = xi @ xi.T / n  # (P, P)
    if np.linalg.matrix_rank(c) < p:
        raise ValueError(f"patterns must be linearly independent for the projection rule; got rank {np.linalg.matrix_rank(c)} < P={p}")
    w = xi.T @ np.linalg.solve(c, xi) / n  # (N, N)
    w = 0.5 * (w + w.T)  # symmetric up to rounding; make it exact
    np.fill_diagonal(w, 0.0)
    return w


def overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Overlap m = (1/N) sum_i a_i b_i of +-1 states: 1 for equal, -1 for opposite.

    Shapes
    ------
    a, b: (N,) or (B, N), broadcastable; returns () or (B,).
    """
    a = check_bipolar("a", a)
    b = check_bipolar("b", b, a.shape[-1])
    return np.mean(a * b, axis=-1)


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


class HopfieldNetwork:
    """A Hopfield network with symmetric weights, zero self-connections and thresholds.

    Parameters
    ----------
    weights : numpy.ndarray
        W, symmetric with a zero diagonal (Eq. 1.2 gives such weights).
    thresholds : numpy.ndarray, optional
        theta, one per unit; zeros by default.

    Attributes
    ----------
    tie : float
        Inputs with ``|u_i| <= tie`` count as zero in Eq. (1.4): 1e-10 times the largest
        possible input, so that a tie that rounding moves off zero stays a tie.

    Shapes
    ------
    weights: (N, N); thresholds: (N,); a state s: (N,) or a batch (B, N) of +-1.
    """

    def __init__(self, weights: np.ndarray, thresholds: Optional[np.ndarray] = None) -> None:
        if not isinstance(weights, np.ndarray):
            raise TypeError(f"weights must be a numpy.ndarray; got {type(weights).__name__}")
        if weights.ndim != 2 or weights.shape[0] != weights.shape[1] or weights.shape[0] == 0:
            raise ValueError(f"weights must be a square matrix of shape (N, N); got {tuple(weights.shape)}")
        w = weights.astype(np.float64)
        if not np.allclose(w, w.T, atol=1e-12):
            gap = float(np.max(np.abs(w - w.T)))
            raise ValueError(f"weights must be symmetric (w_ij = w_ji); got max |w_ij - w_ji| = {gap:.3g}")
        if np.any(np.diag(w) != 0):
            raise ValueError(
                f"weights must have a zero diagonal (no self-connections); got max |w_ii| = "
                f"{float(np.max(np.abs(np.diag(w)))):.3g}"
            )
        n = w.shape[0]
        theta = np.zeros(n) if thresholds is None else np.asarray(thresholds, dtype=np.float64)
        if theta.shape != (n,):
            raise ValueError(f"thresholds must have shape (N={n},); got {tuple(theta.shape)}")
        self.weights = w
        self.thresholds = theta
        # inputs within rounding error of zero are ties (Eq. 1.4): far below any input a
        # real tie-free state gets, far above the error of summing N products
        self.tie = 1e-10 * (float(np.abs(w).sum(axis=1).max()) + float(np.abs(theta).max()))

    @classmethod
    def from_patterns(cls, patterns: np.ndarray, rule: str = "hebb") -> "HopfieldNetwork":
        """Store ``patterns`` with the Hebbian rule, Eq. (1.2), or the projection rule, Eq. (1.5).

        Parameters
        ----------
        patterns : numpy.ndarray
            The memories, +-1.
        rule : str
            The learning rule: "hebb" or "projection".

        Shapes
        ------
        patterns: (P, N) of +-1 (or a single pattern (N,)).
        """
        rules = {"hebb": hebbian_weights, "projection": projection_weights}
        if rule not in rules:
            raise ValueError(f"rule must be 'hebb' or 'projection'; got {rule!r}")
        return cls(rules[rule](patterns))

    @property
    def n_units(self) -> int:
        """N, the number of units."""
        return self.weights.shape[0]

    def energy(self, state: np.ndarray) -> np.ndarray:
        """E(s) of Eq. (1.3) for one state or for each state of a batch.

        Shapes
        ------
        state: (N,) or (B, N); returns () or (B,).
        """
        s = check_bipolar("state", state, self.n_units)
        return -0.5 * np.einsum("...i,ij,...j->...", s, self.weights, s) + s @ self.thresholds

    def is_stable(self, state: np.ndarray) -> np.ndarray:
        """Whether ``state`` is a fixed point: no unit would change under Eq. (1.4).

        A unit whose input is zero (within rounding, ``self.tie``) keeps its value (the
        tie rule of :meth:`recall`).

        Shapes
        ------
        state: (N,) or (B, N); returns a bool () or (B,).
        """
        s = check_bipolar("state", state, self.n_units)
        field = s @ self.weights - self.thresholds  # (..., N); W is symmetric
        return np.all(s * field >= -self.tie, axis=-1)

    def recall(
        self,
        state: np.ndarray,
        *,
        max_sweeps: int = 50,
        seed: SeedLike = 0,
        synchronous: bool = False,
        return_energies: bool = False,
    ) -> np.ndarray | Tuple[np.ndarray, np.ndarray]:
        """Run Eq. (1.4) from ``state`` until no unit changes (or ``max_sweeps`` sweeps).

        Asynchronous mode (the default, Hopfield's) visits the units one at a time in a
        random order in each sweep, every unit seeing the others' latest values; a unit
        whose input is zero (within rounding, ``self.tie``) keeps its value. Every change
        then lowers the energy, so recall ends in a fixed point. Synchronous mode updates
        all units at once from the old state (:func:`synchronous_recall`); it stops at a
        fixed point or at a two-cycle, which it can reach instead.

        Parameters
        ----------
        state : numpy.ndarray
            Start state(s), +-1. A batch is recalled in parallel, each network on its own.
        max_sweeps : int
            Upper bound on sweeps (one sweep = every unit visited once).
        seed : int, numpy.random.Generator or None
            Order of the asynchronous visits.
        synchronous : bool
            Update all units at once instead.
        return_energies : bool
            Also return the energy after every single-unit update (asynchronous) or
            every synchronous update, starting with the energy of ``state``.

        Returns
        -------
        final : numpy.ndarray
            The state reached.
        energies : numpy.ndarray
            Only with ``return_energies``.

        Shapes
        ------
        state, final: (N,) or (B, N); energies: (U + 1,) or (U + 1, B) for U updates.
        """
        s = check_bipolar("state", state, self.n_units).copy()
        if isinstance(max_sweeps, bool) or not isinstance(max_sweeps, (int, np.integer)) or max_sweeps < 1:
            raise ValueError(f"max_sweeps must be a positive integer; got {max_sweeps!r}")
        single = s.ndim == 1
        s = np.atleast_2d(s)  # (B, N)
        rng = as_rng(seed)
        w, theta = self.weights, self.thresholds
        energies = [self.energy(s)]
        if synchronous:
            s, _ = synchronous_recall(lambda now: now @ w - theta, s, max_sweeps=max_sweeps, tie=self.tie,
                                      on_update=lambda now: energies.append(self.energy(now)))
        for _ in range(0 if synchronous else max_sweeps):
            changed = False
            for i in rng.permutation(self.n_units):
                # Eq. (1.4) for unit i, in every network of the batch at once
                new = sign_update(s @ w[i] - theta[i], s[:, i], self.tie)  # (B,)
                if np.any(new != s[:, i]):
                    changed = True
                    s[:, i] = new
                if return_energies:
                    energies.append(self.energy(s))
            if not changed:
                break
        final = s[0] if single else s
        if not return_energies:
            return final
        trace = np.array(energies)  # (U + 1, B)
        return final, (trace[:, 0] if single else trace)


def corrupt(pattern: np.ndarray, n_flips: int, seed: SeedLike = 0) -> np.ndarray:
    """Return a copy of ``pattern`` with ``n_flips`` randomly chosen units flipped.

    Shapes
    ------
    pattern: (N,) or (B, N); each row gets its own flips.
    """
    s = check_bipolar("pattern", pattern).copy()
    n = s.shape[-1]
    if not isinstance(n_flips, (int, np.integer)) or not 0 <= n_flips <= n:
        raise ValueError(f"n_flips must be an integer in 0..N={n}; got {n_flips!r}")
    rng = as_rng(seed)
    rows = np.atleast_2d(s)  # (B, N), a view of s
    for row in rows:
        row[rng.choice(n, n_flips, replace=False)] *= -1
    return s

