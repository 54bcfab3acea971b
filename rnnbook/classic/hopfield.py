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
from ..validation import check_int, check_positive_int
from .hopfield_updates import check_bipolar, sign_update, synchronous_recall

__all__ = [
    "HopfieldNetwork",
    "corrupt",
    "hebbian_weights",
    "overlap",
    "projection_weights",
]


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
        on_update: Optional[Callable[[np.ndarray], object]] = None,
    ) -> np.ndarray:
        """Run Eq. (1.4) from ``state`` until no unit changes (or ``max_sweeps`` sweeps).

        Asynchronous mode (the default, Hopfield's) visits the units one at a time in a
        random order in each sweep, every unit seeing the others' latest values; a unit
        whose input is zero (within rounding, ``self.tie``) keeps its value. Every change
        then lowers the energy, so recall ends in a fixed point. Synchronous mode updates
        all units at once from the old state
        (:func:`~rnnbook.classic.hopfield_updates.synchronous_recall`); it stops at a fixed
        point or at a two-cycle, which it can reach instead.

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
        on_update : callable, optional
            Called with the (B, N) state after every single-unit (or synchronous) update,
            for watching the dynamics; :meth:`recall_with_energies` records the energy.

        Returns
        -------
        numpy.ndarray
            The state reached.

        Shapes
        ------
        state and output: (N,) or (B, N).
        """
        s = check_bipolar("state", state, self.n_units).copy()
        max_sweeps = check_positive_int("max_sweeps", max_sweeps)
        single = s.ndim == 1
        s = np.atleast_2d(s)  # (B, N)
        rng = as_rng(seed)
        w, theta = self.weights, self.thresholds
        if synchronous:
            s, _ = synchronous_recall(lambda now: now @ w - theta, s, max_sweeps=max_sweeps, tie=self.tie,
                                      on_update=on_update)
        for _ in range(0 if synchronous else max_sweeps):
            changed = False
            for i in rng.permutation(self.n_units):
                # Eq. (1.4) for unit i, in every network of the batch at once
                new = sign_update(s @ w[i] - theta[i], s[:, i], self.tie)  # (B,)
                if np.any(new != s[:, i]):
                    changed = True
                    s[:, i] = new
                if on_update is not None:
                    on_update(s)
            if not changed:
                break
        return s[0] if single else s

    def recall_with_energies(
        self, state: np.ndarray, *, max_sweeps: int = 50, seed: SeedLike = 0, synchronous: bool = False
    ) -> Tuple[np.ndarray, np.ndarray]:
        """:meth:`recall`, and the energy after every single-unit update (asynchronous) or
        every synchronous update, starting with the energy of ``state``.

        Shapes
        ------
        state, final: (N,) or (B, N); energies: (U + 1,) or (U + 1, B) for U updates.
        """
        energies = [self.energy(np.atleast_2d(check_bipolar("state", state, self.n_units)))]
        final = self.recall(state, max_sweeps=max_sweeps, seed=seed, synchronous=synchronous,
                            on_update=lambda now: energies.append(self.energy(now)))
        trace = np.array(energies)  # (U + 1, B)
        return final, (trace[:, 0] if final.ndim == 1 else trace)


def corrupt(pattern: np.ndarray, n_flips: int, seed: SeedLike = 0) -> np.ndarray:
    """Return a copy of ``pattern`` with ``n_flips`` randomly chosen units flipped.

    Shapes
    ------
    pattern: (N,) or (B, N); each row gets its own flips.
    """
    s = check_bipolar("pattern", pattern).copy()
    n = s.shape[-1]
    check_int("n_flips", n_flips, minimum=0, maximum=n)
    rng = as_rng(seed)
    rows = np.atleast_2d(s)  # (B, N), a view of s
    for row in rows:
        row[rng.choice(n, n_flips, replace=False)] *= -1
    return s

