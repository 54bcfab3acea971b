"""Linear autoregressive forecasts, AR(p), fitted by statsmodels: the baseline for series.

An AR(p) model predicts the next value as a constant plus a weighted sum of the last p,

.. math:: \\hat y_t = c + \\sum_{i=1}^{p} \\phi_i \\, y_{t-i},

with :math:`c` and :math:`\\phi` fitted by least squares (statsmodels'
``AutoReg``). It is the classical model of the sunspot
series (Yule 1927) and the baseline a recurrent forecaster has to beat: a network that
does not is not using its non-linearity. Forecasts here are one step ahead from the same
windows the networks read, so both see exactly the same history.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import check_positive_int

__all__ = ["ARModel", "fit_ar", "fit_ar_windows", "select_ar_order"]


@dataclass(frozen=True)
class ARModel:
    """A fitted AR(p) model.

    Attributes
    ----------
    const : float
        The constant c.
    coefs : numpy.ndarray
        :math:`\\phi_1, \\dots, \\phi_p`, shape (p,): ``coefs[0]`` weighs the latest value.
    """

    const: float
    coefs: np.ndarray

    @property
    def order(self) -> int:
        """p."""
        return len(self.coefs)

    def predict(self, windows: np.ndarray) -> np.ndarray:
        """One-step forecasts from time-major windows whose last entry is the latest value.

        Shapes
        ------
        windows : (W, N, 1) or (W, N) with W >= p; output : (N,).
        """
        w = np.asarray(windows, dtype=np.float64)
        if w.ndim == 3 and w.shape[-1] == 1:
            w = w[..., 0]
        if w.ndim != 2 or w.shape[0] < self.order:
            raise ValueError(f"windows must have shape (W >= p={self.order}, N) or (W, N, 1); got {np.shape(windows)}")
        last = w[::-1][: self.order]  # (p, N): the latest value first
        return self.const + self.coefs @ last


def fit_ar(series: np.ndarray, p: int) -> ARModel:
    """Least-squares AR(p) with a constant, fitted by statsmodels ``AutoReg``.

    Shapes
    ------
    series : (N,) with N > 2 p + 1.
    """
    from statsmodels.tsa.ar_model import AutoReg

    p = check_positive_int("p", p)
    y = np.asarray(series, dtype=np.float64)
    if y.ndim != 1 or len(y) <= 2 * p + 1:
        raise ValueError(f"series must be 1-D with more than 2p+1={2 * p + 1} values; got shape {y.shape}")
    params = np.asarray(AutoReg(y, lags=p, trend="c").fit().params)
    return ARModel(const=float(params[0]), coefs=params[1:].copy())


def fit_ar_windows(x: np.ndarray, y: np.ndarray) -> ARModel:
    """Least-squares AR(W) with a constant, fitted on windows and their next values.

    For a series whose windows are all at hand (the sunspots) this is :func:`fit_ar` with
    p = W; it also serves data that comes as windows only (the stock returns of chapter 15).

    Shapes
    ------
    x : (W, N, 1) or (W, N) time-major windows, the latest value last; y : (N,) with N > W.
    """
    w = np.asarray(x, dtype=np.float64)
    if w.ndim == 3 and w.shape[-1] == 1:
        w = w[..., 0]
    t = np.asarray(y, dtype=np.float64)
    if w.ndim != 2 or t.shape != (w.shape[1],) or w.shape[1] <= w.shape[0]:
        raise ValueError(f"x must have shape (W, N) or (W, N, 1) and y shape (N,) with N > W; "
                         f"got {np.shape(x)} and {np.shape(y)}")
    design = np.c_[w[::-1].T, np.ones(w.shape[1])]  # (N, W + 1): the latest value first
    params, *_ = np.linalg.lstsq(design, t, rcond=None)
    return ARModel(const=float(params[-1]), coefs=params[:-1].copy())


def select_ar_order(
    series: np.ndarray, x_valid: np.ndarray, y_valid: np.ndarray, max_p: int
) -> tuple:
    """Fit AR(p) on ``series`` for p = 1..max_p and pick the p of least validation MSE.

    Returns
    -------
    best : ARModel
        The model of the chosen order.
    valid_mse : numpy.ndarray
        The validation MSE of each p = 1..max_p, shape (max_p,).

    Shapes
    ------
    series : (N,); x_valid : (W, M, 1) with W >= max_p; y_valid : (M,).
    """
    max_p = check_positive_int("max_p", max_p)
    y_valid = np.asarray(y_valid, dtype=np.float64)
    if y_valid.ndim != 1 or len(y_valid) == 0 or np.shape(x_valid)[1] != len(y_valid):
        raise ValueError(
            f"y_valid must be 1-D, non-empty and match x_valid's N={np.shape(x_valid)[1]}; got shape {y_valid.shape}"
        )
    models = [fit_ar(series, p) for p in range(1, max_p + 1)]
    mse = np.array([np.mean((m.predict(x_valid) - y_valid) ** 2) for m in models])
    return models[int(np.argmin(mse))], mse
