"""Daily Google share prices (2004-2008) shipped with matplotlib, windowed for forecasting.

matplotlib's sample data include ``goog.npz``: 1,047 trading days of Google's share price
from 19 August 2004 to 14 October 2008 (open, high, low, close, volume), available offline
through ``matplotlib.cbook.get_sample_data``. A price series is close to a random walk,
so it is modelled through its daily *log returns*
:math:`r_t = \\log p_t - \\log p_{t-1}`: a forecast :math:`\\hat r_t` of the return is a
forecast :math:`\\log p_{t-1} + \\hat r_t` of the log price, with the same error. The
random-walk forecast "tomorrow's price is today's" is :math:`\\hat r_t = 0`.

The returns are split in time (the first ``train_fraction`` of the days for training),
standardised with the training days' mean and deviation, and cut into windows of
``window`` returns whose target is the next return.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .series import make_windows
from ..validation import check_int

__all__ = ["StockWindows", "load_stock"]


@dataclass(frozen=True)
class StockWindows:
    """Windows of standardised daily log returns for one-step-ahead forecasting.

    Attributes
    ----------
    x_train, x_test : numpy.ndarray
        Input windows (float32), time-major, shapes (window, N_train, 1) and (window, N_test, 1).
    y_train, y_test : numpy.ndarray
        The standardised return that follows each window, shapes (N_train,) and (N_test,).
    mean, std : float
        Training statistics of the returns (``r = z * std + mean``).
    random_walk_test : numpy.ndarray
        The random-walk forecast of each test target in standardised units,
        :math:`(0 - \\text{mean}) / \\text{std}` (a return of zero), shape (N_test,).
    dates_test : numpy.ndarray
        The trading day (``datetime64[D]``) of each test target.
    close : numpy.ndarray
        The whole closing-price series, shape (N_days,).
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    mean: float
    std: float
    random_walk_test: np.ndarray
    dates_test: np.ndarray
    close: np.ndarray


def load_stock(window: int = 20, train_fraction: float = 0.8) -> StockWindows:
    """Google's daily log returns from matplotlib's ``goog.npz``, as forecasting windows.

    Parameters
    ----------
    window : int
        Returns read before each forecast.
    train_fraction : float
        Share of the days (in time order) used for training; test windows may start in
        the last training days, but every test target is a test day.

    Returns
    -------
    StockWindows
    """
    from matplotlib import cbook

    if not 0.0 < train_fraction < 1.0:
        raise ValueError(f"train_fraction must be in (0, 1); got {train_fraction!r}")
    check_int("window", window, minimum=1, maximum=200)
    data = cbook.get_sample_data("goog.npz")
    prices = data["price_data"] if hasattr(data, "files") else np.load(data)["price_data"]
    close = prices["close"].astype(np.float64)
    dates = prices["date"]
    r = np.diff(np.log(close))  # (N_days - 1,), r[i] is the return of day i + 1
    split = int(round(len(r) * train_fraction))
    mean, std = float(r[:split].mean()), float(r[:split].std())
    z = ((r - mean) / std).astype(np.float32)
    x_train, y_train = make_windows(z[:split], int(window))
    x_test, y_test = make_windows(z[split - int(window):], int(window))
    rw = np.full(len(y_test), -mean / std, dtype=np.float32)
    return StockWindows(x_train, y_train, x_test, y_test, mean, std, rw, dates[split + 1:], close)
