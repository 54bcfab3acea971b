"""How many random patterns a Hebbian Hopfield network can store: the 0.138 N rule, measured.

With P random +-1 patterns stored by Eq. (1.2) in N units, the input to unit i in pattern
mu is xi_i^mu plus a crosstalk term, a sum of about N P random +-1/N terms: roughly
Gaussian with variance P/N. As the load alpha = P/N grows, more bits are flipped by the
crosstalk, Eq. (1.6), the flips cascade, and at alpha_c = 0.138 (Amit, Gutfreund and
Sompolinsky, 1985) the states near the stored patterns stop being attractors: recall
collapses. Their replica-symmetric theory gives the overlap m(alpha) of the retrieval
state at zero temperature from the saddle-point equations, Eq. (1.7),

    m = erf(y),    y (sqrt(2 alpha) + (2 / sqrt(pi)) exp(-y^2)) = m,

which have a solution with m > 0 only for alpha <= alpha_c. :func:`capacity_curve`
measures the same overlap in finite networks, and :func:`crossing_load` finds the load
where it falls through a level (0.5 by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import pi, sqrt
from typing import Optional, Sequence

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import erf, erfc

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int
from .hopfield import HopfieldNetwork, overlap
from .hopfield_updates import _hebbian_fields, synchronous_recall

__all__ = [
    "ALPHA_C",
    "CapacityResult",
    "bootstrap_crossing",
    "capacity_curve",
    "crossing_load",
    "crosstalk_bit_error",
    "rs_critical_load",
    "rs_overlap",
]

#: The critical load of the Hebbian Hopfield network for large N, rounded (Amit et al., 1985);
#: :func:`rs_critical_load` computes it.
ALPHA_C = 0.138


def _positive_loads(name: str, alpha: float | np.ndarray) -> np.ndarray:
    a = np.asarray(alpha, dtype=np.float64)
    if a.size == 0 or not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise ValueError(f"{name} must be positive and finite; got {alpha!r}")
    return a


def crosstalk_bit_error(alpha: float | np.ndarray) -> float | np.ndarray:
    """Fraction of bits the crosstalk flips on the first update, for large N, Eq. (1.6).

    The crosstalk is close to Gaussian with variance alpha = P/N, so a bit flips with
    probability Phi(-1/sqrt(alpha)) = erfc(1 / sqrt(2 alpha)) / 2.

    Shapes
    ------
    alpha: scalar or any shape; the result has the same shape.
    """
    a = _positive_loads("alpha", alpha)
    out = 0.5 * erfc(1.0 / np.sqrt(2.0 * a))
    return float(out) if out.ndim == 0 else out


def _rs_slope(y: float) -> float:
    """erf(y)/y - (2/sqrt(pi)) exp(-y^2): Eq. (1.7) has a root y where this is sqrt(2 alpha)."""
    return float(erf(y) / y - 2.0 / sqrt(pi) * np.exp(-y * y))


def _rs_peak() -> tuple:
    """The y that maximises :func:`_rs_slope`, and the maximum."""
    best = minimize_scalar(lambda y: -_rs_slope(y), bounds=(0.5, 3.0), method="bounded",
                           options={"xatol": 1e-12})
    return float(best.x), -float(best.fun)


def rs_critical_load() -> float:
    """The largest load with a retrieval solution of Eq. (1.7): alpha_c = 0.1379...

    Eq. (1.7) reads sqrt(2 alpha) = erf(y)/y - (2/sqrt(pi)) exp(-y^2); the right-hand side
    has a maximum, and alpha_c is half its square.
    """
    return _rs_peak()[1] ** 2 / 2.0


def rs_overlap(alpha: float | np.ndarray) -> float | np.ndarray:
    """Overlap m(alpha) of the retrieval state in the replica-symmetric theory at T = 0, Eq. (1.7).

    Amit, Gutfreund and Sompolinsky's saddle-point equations at zero temperature,

        m = erf(m / sqrt(2 alpha r)),   C = sqrt(2 / (pi alpha r)) exp(-m^2 / (2 alpha r)),
        r = 1 / (1 - C)^2,

    reduce with y = m / sqrt(2 alpha r) to erf(y) = y (sqrt(2 alpha) + (2/sqrt(pi)) e^{-y^2}),
    m = erf(y). For alpha <= alpha_c (:func:`rs_critical_load`) the retrieval state is the
    largest root; beyond, only m = 0 remains and this function returns 0.

    Shapes
    ------
    alpha: scalar or any shape; the result has the same shape.
    """
    a = _positive_loads("alpha", alpha)
    y_peak, peak = _rs_peak()
    out = np.zeros(a.shape)
    for index, value in np.ndenumerate(a):
        target = sqrt(2.0 * value)
        if target >= peak:
            continue  # beyond alpha_c: no retrieval solution
        # erf(y) - y (target + ...) is positive at the peak and negative where y target > 1
        y = brentq(lambda v: v * (_rs_slope(v) - target), y_peak, 1.0 / target + 1.0, xtol=1e-14)
        out[index] = erf(y)
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
        Fraction of the recalled patterns that are exact fixed points, shape (L,).
    bit_error : numpy.ndarray
        Fraction of the bits of a recalled pattern that flip on its first update, shape (L,).
    recall_overlap : numpy.ndarray
        Mean overlap with the pattern after recall started from the pattern itself,
        shape (L,).
    trial_overlap : numpy.ndarray
        The same mean for each network (trial) on its own, shape (L, n_trials).
    settled_fraction : numpy.ndarray
        Fraction of the recalls that ended at a fixed point (or, synchronously, in a
        two-cycle) within ``max_sweeps``, shape (L,).
    n_units : int
        N.
    synchronous : bool
        Whether recall updated all units at once.
    """

    loads: np.ndarray
    n_patterns: np.ndarray
    stable_fraction: np.ndarray
    bit_error: np.ndarray
    recall_overlap: np.ndarray
    trial_overlap: np.ndarray
    settled_fraction: np.ndarray
    n_units: int
    synchronous: bool


def capacity_curve(
    n_units: int,
    loads: Sequence[float],
    *,
    n_trials: int = 2,
    max_sweeps: int = 30,
    synchronous: bool = False,
    n_recalled: Optional[int] = None,
    seed: SeedLike = 0,
) -> CapacityResult:
    """Store random patterns at each load alpha = P / N and measure how well they survive.

    For each load and trial (one network), P = round(alpha N) random +-1 patterns are
    stored with the Hebbian rule, Eq. (1.2). Each of the first ``n_recalled`` patterns is
    checked for stability and used as the start of a recall, and the final overlap with it
    is recorded. Asynchronous recall uses
    :meth:`rnnbook.classic.hopfield.HopfieldNetwork.recall`; synchronous recall uses
    :func:`rnnbook.classic.hopfield_updates.synchronous_recall` with the inputs computed from the
    patterns (:func:`rnnbook.classic.hopfield_updates.hebbian_fields`), which is fast enough for
    thousands of units. The results are averaged over patterns and trials.

    Parameters
    ----------
    n_units : int
        N, at least 2.
    loads : sequence of float
        alpha values, each > 0 (P is at least 1).
    n_trials : int
        Independent networks per load.
    max_sweeps : int
        Bound on the sweeps (asynchronous) or updates (synchronous) of each recall.
    synchronous : bool
        Update all units at once.
    n_recalled : int, optional
        How many of the P patterns of each network to recall (all of them by default;
        fewer when P exceeds it).
    seed : int, numpy.random.Generator or None
        Patterns and update orders.

    Returns
    -------
    CapacityResult

    Shapes
    ------
    loads: (L,); every array of the result: (L,), except ``trial_overlap``: (L, n_trials).
    """
    n_units = check_positive_int("n_units", n_units, minimum=2)
    alphas = np.asarray(loads, dtype=np.float64)
    if alphas.ndim != 1 or alphas.size == 0 or not np.all(np.isfinite(alphas)) or np.any(alphas <= 0):
        raise ValueError(f"loads must be a non-empty 1-D sequence of positive numbers; got {loads!r}")
    n_trials = check_positive_int("n_trials", n_trials)
    if n_recalled is not None:
        n_recalled = check_positive_int("n_recalled", n_recalled)
    rng = as_rng(seed)
    counts = np.maximum(1, np.round(alphas * n_units)).astype(int)  # (L,)
    stable, bit_error, recalled, settled = [], [], [], []
    for p in counts:
        st, be, ov, se = [], [], [], []
        k = p if n_recalled is None else min(p, n_recalled)
        for _ in range(n_trials):
            xi = rng.choice([-1.0, 1.0], size=(p, n_units)).astype(np.float32)  # (P, N), exact
            start = xi[:k].astype(np.float64)  # (k, N): the patterns recall starts from
            field = _hebbian_fields(xi, start)  # (k, N): each unit's input, exactly
            st.append(np.mean(np.all(start * field >= 0, axis=1)))
            be.append(np.mean(start * field < 0))
            if synchronous:
                final, sweeps = synchronous_recall(lambda s: _hebbian_fields(xi, s), start,
                                                   max_sweeps=max_sweeps)
                se.append(np.mean(sweeps > 0))
            else:
                net = HopfieldNetwork.from_patterns(xi.astype(np.float64))
                final = net.recall(start, max_sweeps=max_sweeps, seed=rng)  # (k, N)
                se.append(np.mean(net.is_stable(final)))
            ov.append(np.mean(overlap(final, start)))
        stable.append(np.mean(st))
        bit_error.append(np.mean(be))
        recalled.append(ov)
        settled.append(np.mean(se))
    trial_overlap = np.array(recalled)  # (L, n_trials)
    return CapacityResult(
        loads=counts / n_units,
        n_patterns=counts,
        stable_fraction=np.array(stable),
        bit_error=np.array(bit_error),
        recall_overlap=trial_overlap.mean(axis=1),
        trial_overlap=trial_overlap,
        settled_fraction=np.array(settled),
        n_units=n_units,
        synchronous=bool(synchronous),
    )


def crossing_load(loads: Sequence[float], overlaps: np.ndarray, level: float = 0.5) -> float | np.ndarray:
    """The load where the overlap first falls through ``level``, by linear interpolation.

    The first pair of neighbouring loads with m >= level at the lower and m < level at the
    higher brackets the crossing; the straight line between them gives it. NaN where the
    overlap never falls through the level.

    Shapes
    ------
    loads: (L,), increasing; overlaps: (L,) or (L, K); returns a float or (K,).
    """
    x = np.asarray(loads, dtype=np.float64)
    if x.ndim != 1 or x.size < 2 or np.any(np.diff(x) <= 0):
        raise ValueError(f"loads must be an increasing 1-D sequence of at least 2 values; got {loads!r}")
    m = np.asarray(overlaps, dtype=np.float64)
    if m.ndim not in (1, 2) or m.shape[0] != x.size:
        raise ValueError(f"overlaps must have shape (L={x.size},) or (L={x.size}, K); got {m.shape}")
    curves = m.reshape(x.size, -1)  # (L, K)
    out = np.full(curves.shape[1], np.nan)
    for k, curve in enumerate(curves.T):
        above = curve >= level
        falls = np.flatnonzero(above[:-1] & ~above[1:])
        if falls.size:
            i = falls[0]
            out[k] = x[i] + (curve[i] - level) / (curve[i] - curve[i + 1]) * (x[i + 1] - x[i])
    return float(out[0]) if m.ndim == 1 else out


def bootstrap_crossing(
    result: CapacityResult, *, level: float = 0.5, n_boot: int = 1000, seed: SeedLike = 0
) -> np.ndarray:
    """Crossing loads of curves averaged over networks resampled with replacement.

    Each resample draws n_trials of the result's networks with replacement, averages their
    overlap curves and applies :func:`crossing_load`; the spread of the returned values is
    the uncertainty that comes from the finite number of networks.

    Shapes
    ------
    returns (n_boot,).
    """
    if not isinstance(result, CapacityResult):
        raise TypeError(f"result must be a CapacityResult; got {type(result).__name__}")
    n_boot = check_positive_int("n_boot", n_boot)
    rng = as_rng(seed)
    n_trials = result.trial_overlap.shape[1]
    picks = rng.integers(n_trials, size=(n_boot, n_trials))  # (n_boot, n_trials)
    curves = result.trial_overlap[:, picks].mean(axis=2)  # (L, n_boot)
    return crossing_load(result.loads, curves, level)
