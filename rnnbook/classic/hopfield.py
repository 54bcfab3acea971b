"""The Hopfield network (Hopfield, 1982): a content-addressable memory of +-1 patterns.

N binary units s_i in {-1, +1} are all connected to each other by symmetric weights with
no self-connections (w_ij = w_ji, w_ii = 0). A unit updates to the sign of its input,

    s_i <- sgn( sum_j w_ij s_j - theta_i ),                                   Eq. (1.3)

and with symmetric weights every such asynchronous update can only lower (or keep) the
energy

    E(s) = -1/2 sum_ij w_ij s_i s_j + sum_i theta_i s_i ,                     Eq. (1.2)

so the state runs downhill into a fixed point. Hebbian learning makes the stored patterns
xi^mu (mu = 1..P) such fixed points:

    w_ij = (1/N) sum_mu xi_i^mu xi_j^mu  for i != j,   w_ii = 0.              Eq. (1.1)

Hebbian storage works for random, nearly orthogonal patterns; for correlated ones (such
as handwritten digits, which share most of their background) the projection
(pseudo-inverse) rule of Personnaz, Guyon and Dreyfus (1985), Eq. (1.4), stores them
exactly.
"""

from __future__ import annotations

from typing import Optional, Tuple

import numpy as np

from ..utils import SeedLike, as_rng

__all__ = ["HopfieldNetwork", "check_bipolar", "corrupt", "hebbian_weights", "overlap", "projection_weights"]


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
    """Hebbian weights, Eq. (1.1): W = (1/N) sum_mu xi^mu xi^mu^T with a zero diagonal.

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
    """Projection (pseudo-inverse) weights, Eq. (1.4), with a zero diagonal.

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
        W, symmetric with a zero diagonal (Eq. 1.1 gives such weights).
    thresholds : numpy.ndarray, optional
        theta, one per unit; zeros by default.

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

    @classmethod
    def from_patterns(cls, patterns: np.ndarray, rule: str = "hebb") -> "HopfieldNetwork":
        """Store ``patterns`` with the Hebbian rule, Eq. (1.1), or the projection rule, Eq. (1.4).

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
        """E(s) of Eq. (1.2) for one state or for each state of a batch.

        Shapes
        ------
        state: (N,) or (B, N); returns () or (B,).
        """
        s = check_bipolar("state", state, self.n_units)
        return -0.5 * np.einsum("...i,ij,...j->...", s, self.weights, s) + s @ self.thresholds

    def is_stable(self, state: np.ndarray) -> np.ndarray:
        """Whether ``state`` is a fixed point: no unit would change under Eq. (1.3).

        A unit whose input is exactly zero keeps its value (the convention of
        :meth:`recall`).

        Shapes
        ------
        state: (N,) or (B, N); returns a bool () or (B,).
        """
        s = check_bipolar("state", state, self.n_units)
        field = s @ self.weights - self.thresholds  # (..., N); W is symmetric
        return np.all(s * field >= 0, axis=-1)

    def recall(
        self,
        state: np.ndarray,
        *,
        max_sweeps: int = 50,
        seed: SeedLike = 0,
        synchronous: bool = False,
        return_energies: bool = False,
    ) -> np.ndarray | Tuple[np.ndarray, np.ndarray]:
        """Run Eq. (1.3) from ``state`` until no unit changes (or ``max_sweeps`` sweeps).

        Asynchronous mode (the default, Hopfield's) visits the units one at a time in a
        random order in each sweep, every unit seeing the others' latest values; a unit
        whose input is exactly zero keeps its value. The energy then never increases.
        Synchronous mode updates all units at once from the old state; it can end in a
        two-cycle instead of a fixed point.

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
            every sweep (synchronous), starting with the energy of ``state``.

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
        if not isinstance(max_sweeps, (int, np.integer)) or max_sweeps < 1:
            raise ValueError(f"max_sweeps must be a positive integer; got {max_sweeps!r}")
        single = s.ndim == 1
        s = np.atleast_2d(s)  # (B, N)
        rng = as_rng(seed)
        w, theta, n = self.weights, self.thresholds, self.n_units
        energies = [self.energy(s)]
        for _ in range(max_sweeps):
            changed = False
            if synchronous:
                field = s @ w - theta  # (B, N)
                new = np.where(field > 0, 1.0, np.where(field < 0, -1.0, s))
                changed = bool(np.any(new != s))
                s = new
                energies.append(self.energy(s))
            else:
                for i in rng.permutation(n):
                    # Eq. (1.3) for unit i, in every network of the batch at once
                    field = s @ w[i] - theta[i]  # (B,)
                    new = np.where(field > 0, 1.0, np.where(field < 0, -1.0, s[:, i]))
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

