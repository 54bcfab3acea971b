"""How many random patterns a Hebbian Hopfield network can store: the 0.138 N rule, measured.

With P random +-1 patterns stored by Eq. (1.1) in N units, the input to unit i in pattern
mu is xi_i^mu plus a crosstalk term, a sum of about N P random +-1/N terms: roughly
Gaussian with variance P/N. As the load alpha = P/N grows, more bits are flipped by the
crosstalk, the flips cascade, and near alpha_c ~ 0.138 (Amit, Gutfreund and Sompolinsky,
1985) the states near the stored patterns stop being attractors: recall collapses.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import erfc, sqrt
from typing import Sequence

import numpy as np

from ..utils import SeedLike, as_rng
from .hopfield import HopfieldNetwork, overlap

__all__ = ["ALPHA_C", "CapacityResult", "capacity_curve", "crosstalk_bit_error"]

#: The critical load of the Hebbian Hopfield network for large N (Amit et al., 1985).
ALPHA_C = 0.138


def crosstalk_bit_error(alpha: float | np.ndarray) -> float | np.ndarray:
    """Fraction of bits the crosstalk flips on the first update, for large N, Eq. (1.5).

    The crosstalk is close to Gaussian with variance alpha = P/N, so a bit flips with
    probability Phi(-1/sqrt(alpha)) = erfc(1 / sqrt(2 alpha)) / 2.

    Shapes
    ------
    alpha: scalar or any shape; the result has the same shape.
    """
    a = np.asarray(alpha, dtype=np.float64)
    if np.any(a <= 0):
        raise ValueError(f"alpha must be positive; got {alpha!r}")
    out = np.vectorize(lambda v: 0.5 * erfc(1.0 / sqrt(2.0 * v)))(a)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class CapacityResult:
    """Measurements of :func:`capacity_curve`, one entry per load.

    Attributes
    ----------
    loads : numpy.ndarray
        alpha = P / N actually used (P is rounded to an integer), shape (L,).
    n_patterns : numpy.ndarray
        P for each load, shape (L,).
    stable_fraction : numpy.ndarray
        Fraction of the stored patterns that are exact fixed points, shape (L,).
    bit_error : numpy.ndarray
        Fraction of the bits of a stored pattern that would flip on its first update,
        shape (L,).
    recall_overlap : numpy.ndarray
        Mean overlap with the pattern after running asynchronous recall to a fixed point
        from the stored pattern itself, shape (L,).
    n_units : int
        N.
    """

    loads: np.ndarray
    n_patterns: np.ndarray
    stable_fraction: np.ndarray
    bit_error: np.ndarray
    recall_overlap: np.ndarray
    n_units: int


def capacity_curve(
    n_units: int,
    loads: Sequence[float],
    *,
    n_trials: int = 2,
    max_sweeps: int = 30,
    seed: SeedLike = 0,
) -> CapacityResult:
    """Store random patterns at each load alpha = P / N and measure how well they survive.

    For each load and trial, P = round(alpha N) random +-1 patterns are stored with the
    Hebbian rule; every pattern is then checked for stability and used as the start of an
    asynchronous recall (:meth:`rnnbook.classic.hopfield.HopfieldNetwork.recall`), and the final overlap with it is
    recorded. The results are averaged over patterns and trials.

    Parameters
    ----------
    n_units : int
        N, at least 2.
    loads : sequence of float
        alpha values, each > 0 (P is at least 1).
    n_trials : int
        Independent sets of patterns per load.
    max_sweeps : int
        Bound on the sweeps of each recall.
    seed : int, numpy.random.Generator or None
        Patterns and update orders.

    Returns
    -------
    CapacityResult

    Shapes
    ------
    loads: (L,); every array of the result: (L,).
    """
    if not isinstance(n_units, (int, np.integer)) or n_units < 2:
        raise ValueError(f"n_units must be an integer >= 2; got {n_units!r}")
    alphas = np.asarray(loads, dtype=np.float64)
    if alphas.ndim != 1 or alphas.size == 0 or np.any(alphas <= 0):
        raise ValueError(f"loads must be a non-empty 1-D sequence of positive numbers; got {loads!r}")
    if not isinstance(n_trials, (int, np.integer)) or n_trials < 1:
        raise ValueError(f"n_trials must be a positive integer; got {n_trials!r}")
    rng = as_rng(seed)
    counts = np.maximum(1, np.round(alphas * n_units)).astype(int)  # (L,)
    stable, bit_error, recalled = [], [], []
    for p in counts:
        st, be, ov = [], [], []
        for _ in range(n_trials):
            xi = rng.choice([-1.0, 1.0], size=(p, n_units))  # (P, N)
            net = HopfieldNetwork.from_patterns(xi)
            field = xi @ net.weights  # (P, N): the input every unit gets in each pattern
            st.append(np.mean(net.is_stable(xi)))
            be.append(np.mean(xi * field < 0))
            final = net.recall(xi, max_sweeps=max_sweeps, seed=rng)  # (P, N)
            ov.append(np.mean(overlap(final, xi)))
        stable.append(np.mean(st))
        bit_error.append(np.mean(be))
        recalled.append(np.mean(ov))
    return CapacityResult(
        loads=counts / n_units,
        n_patterns=counts,
        stable_fraction=np.array(stable),
        bit_error=np.array(bit_error),
        recall_overlap=np.array(recalled),
        n_units=int(n_units),
    )
