"""The yearly sunspot numbers (1700-2008) bundled with statsmodels, windowed for forecasting.

The series is split in time: the first 80 % of the years for training, the rest for
testing. It is standardised with the mean and standard deviation of the *training* years
only (so nothing about the test years leaks into training), then cut into windows of
``window`` consecutive years whose target is the next year. Optionally the last training
years are held out as a *validation* split (``valid_fraction``): it chooses a model's order
or training length, so the test years are used only once, to report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import check_int

__all__ = ["SeriesWindows", "load_sunspots", "make_windows"]


@dataclass(frozen=True)
class SeriesWindows:
    """Windows of a standardised series for one-step-ahead forecasting.

    Attributes
    ----------
    x_train, x_test : numpy.ndarray
        Input windows (float32), time-major, shapes (window, N_train, 1) and
        (window, N_test, 1).
    y_train, y_test : numpy.ndarray
        The value (float32) that follows each window, shapes (N_train,) and (N_test,).
    mean, std : float
        Training statistics used to standardise (``raw = z * std + mean``).
    years_test : numpy.ndarray
        The year of each test target.
    x_valid, y_valid : numpy.ndarray
        Validation windows and targets, shapes (window, N_valid, 1) and (N_valid,); empty
        (N_valid = 0) when ``valid_fraction`` is 0. Training targets then precede them.
    series : numpy.ndarray
        The whole standardised series (float64), shape (N_years,).
    n_fit, n_train : int
        Index in ``series`` of the first validation year and of the first test year
        (``n_fit == n_train`` without validation): training targets are
        ``series[window:n_fit]``, validation targets ``series[n_fit:n_train]``, test
        targets ``series[n_train:]``.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    mean: float
    std: float
    years_test: np.ndarray
    x_valid: np.ndarray = None
    y_valid: np.ndarray = None
    series: np.ndarray = None
    n_fit: int = 0
    n_train: int = 0


def make_windows(series: np.ndarray, window: int) -> tuple:
    """Cut a 1-D series into inputs of ``window`` steps and the next value as target.

    Shapes
    ------
    series : (N,); x : (window, N - window, 1); y : (N - window,).
    """
    series = np.asarray(series, dtype=np.float32)
    if series.ndim != 1:
        raise ValueError(f"series must be 1-D; got shape {series.shape}")
    check_int("window", window, minimum=1, maximum=len(series) - 1)
    n = len(series) - window
    idx = np.arange(window)[:, None] + np.arange(n)[None, :]  # (window, n)
    return series[idx][..., None], series[window:]


def load_sunspots(window: int = 12, train_fraction: float = 0.8, valid_fraction: float = 0.0) -> SeriesWindows:
    """Yearly sunspot numbers as standardised forecasting windows (offline).

    The split is made on the years: test windows may start in the last training years
    (their inputs are known history) but every test *target* is a test year. With
    ``valid_fraction > 0`` the last ``valid_fraction`` of the training years become
    validation targets in the same way (the standardisation still uses all training years).

    Shapes
    ------
    See :class:`SeriesWindows`.
    """
    import statsmodels.api as sm

    if not 0.0 < train_fraction < 1.0:
        raise ValueError(f"train_fraction must be in (0, 1); got {train_fraction!r}")
    if not 0.0 <= valid_fraction < 1.0:
        raise ValueError(f"valid_fraction must be in [0, 1); got {valid_fraction!r}")
    data = sm.datasets.sunspots.load_pandas().data
    years = data["YEAR"].to_numpy().astype(int)
    values = data["SUNACTIVITY"].to_numpy().astype(np.float64)
    split = int(round(len(values) * train_fraction))
    mean, std = float(values[:split].mean()), float(values[:split].std())
    z = ((values - mean) / std).astype(np.float32)
    n_fit = split - int(round(split * valid_fraction))
    if n_fit - window < 1:
        raise ValueError(
            f"valid_fraction must leave at least one training window of {window} years; got {valid_fraction!r}"
        )
    x_train, y_train = make_windows(z[:n_fit], window)
    if n_fit < split:
        x_valid, y_valid = make_windows(z[n_fit - window : split], window)
    else:
        x_valid, y_valid = np.zeros((window, 0, 1), np.float32), np.zeros(0, np.float32)
    x_test, y_test = make_windows(z[split - window :], window)
    return SeriesWindows(
        x_train, y_train, x_test, y_test, mean, std, years[split:],
        x_valid=x_valid, y_valid=y_valid, series=(values - mean) / std, n_fit=n_fit, n_train=split,
    )
