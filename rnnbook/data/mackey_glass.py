"""The Mackey-Glass delay differential equation, the classic benchmark of chaotic prediction.

Mackey and Glass (1977) modelled the production of blood cells with

    dx/dt = beta x(t - tau) / (1 + x(t - tau)^10) - gamma x(t),               Eq. (11.5)

beta = 0.2, gamma = 0.1. For tau = 17 the solution is chaotic (a strange attractor of
fractal dimension about 2.1); for tau < 16.8 it settles on a limit cycle. The series of
Jaeger and Haas (2004) is this equation with tau = 17 sampled at unit time steps.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["mackey_glass", "MG_BETA", "MG_GAMMA", "MG_EXPONENT"]

MG_BETA = 0.2
MG_GAMMA = 0.1
MG_EXPONENT = 10


def _rate(x: float, x_delayed: float) -> float:
    # Eq. (11.5): dx/dt = beta x(t - tau) / (1 + x(t - tau)^10) - gamma x(t)
    return MG_BETA * x_delayed / (1.0 + x_delayed**MG_EXPONENT) - MG_GAMMA * x


def mackey_glass(
    n: int,
    tau: Any = 17,
    seed: SeedLike = None,
    *,
    substeps: int = 10,
    transient: int = 1000,
) -> np.ndarray:
    """Return ``n`` samples of the Mackey-Glass series at unit time steps.

    The delay equation, Eq. (11.5), is integrated with the classical fourth-order
    Runge-Kutta method at step h = 1 / ``substeps`` (0.1 by default), keeping the whole
    past on the grid so that x(t - tau) is read exactly at grid points; at the half steps
    Runge-Kutta needs, x(t - tau + h/2) is the mean of its two neighbours on the grid
    (linear interpolation). The first ``transient`` time units are dropped, then every
    ``substeps``-th grid value is returned.

    Parameters
    ----------
    n : int
        Number of samples returned.
    tau : int or float
        The delay; ``tau * substeps`` must be a whole number (17 gives the chaotic series
        of the benchmark).
    seed : int, numpy.random.Generator or None
        ``None`` starts from the constant history x(t) = 1.2 for t <= 0 (the usual
        choice, deterministic); a seed or generator draws that constant uniformly from
        [0.5, 1.5], which gives another stretch of the same attractor.
    substeps : int
        Integration steps per unit of time.
    transient : int
        Time units integrated and discarded before the first sample (>= 0).

    Returns
    -------
    numpy.ndarray
        float64 array of the samples x(transient), x(transient + 1), ...

    Shapes
    ------
    output : (n,).
    """
    n = check_positive_int("n", n)
    substeps = check_positive_int("substeps", substeps)
    transient = check_positive_int("transient", transient, minimum=0)
    if isinstance(tau, bool) or not isinstance(tau, (int, float, np.integer, np.floating)):
        raise TypeError(f"tau must be a positive number; got {type(tau).__name__}")
    if not tau > 0:
        raise ValueError(f"tau must be positive; got {tau!r}")
    lag = float(tau) * substeps
    if abs(lag - round(lag)) > 1e-9:
        raise ValueError(
            f"tau * substeps must be a whole number of integration steps; got {tau} * {substeps}"
        )
    lag = int(round(lag))
    x0 = 1.2 if seed is None else float(as_rng(seed).uniform(0.5, 1.5))

    h = 1.0 / substeps
    total = (transient + n - 1) * substeps + 1  # grid points from t = 0 on
    x = np.empty(lag + total)  # x[k] is x at time (k - lag) h; the first lag+1 are history
    x[: lag + 1] = x0
    for k in range(lag, lag + total - 1):
        d0, d1 = x[k - lag], x[k - lag + 1]  # x(t - tau) and x(t - tau + h)
        dm = 0.5 * (d0 + d1)  # x(t - tau + h/2), interpolated
        xk = x[k]
        k1 = _rate(xk, d0)
        k2 = _rate(xk + 0.5 * h * k1, dm)
        k3 = _rate(xk + 0.5 * h * k2, dm)
        k4 = _rate(xk + h * k3, d1)
        x[k + 1] = xk + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    grid = x[lag:]  # times 0, h, 2h, ...
    return grid[transient * substeps :: substeps][:n].copy()
