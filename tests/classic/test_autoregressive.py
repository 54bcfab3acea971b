"""rnnbook.classic.autoregressive: AR(p) recovers known coefficients, order selection, errors."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic import ARModel, fit_ar, fit_ar_windows, select_ar_order
from rnnbook.data import make_windows


def _ar2(n=3000, seed=0):
    rng = np.random.default_rng(seed)
    y = np.zeros(n)
    for t in range(2, n):
        y[t] = 0.3 + 0.6 * y[t - 1] - 0.3 * y[t - 2] + 0.1 * rng.standard_normal()
    return y


def test_fit_recovers_coefficients():
    model = fit_ar(_ar2(), 2)
    assert np.allclose(model.coefs, [0.6, -0.3], atol=0.05)
    assert abs(model.const - 0.3) < 0.05 and model.order == 2


def test_predict_matches_formula():
    model = ARModel(const=1.0, coefs=np.array([0.5, 0.25]))
    x, _ = make_windows(np.array([1.0, 2.0, 4.0, 8.0]), 3)  # one window: 1, 2, 4
    assert np.allclose(model.predict(x), [1.0 + 0.5 * 4 + 0.25 * 2])


def test_select_order_picks_two_for_ar2():
    y = _ar2()
    x_va, y_va = make_windows(y[2000:].astype(np.float32), 6)
    best, mse = select_ar_order(y[:2000], x_va, y_va, max_p=6)
    assert mse.shape == (6,) and mse[1] < mse[0]
    assert best.order >= 2 and mse[best.order - 1] == mse.min()


def test_errors():
    with pytest.raises(ValueError, match="p must be an integer"):
        fit_ar(_ar2(100), 0)
    with pytest.raises(ValueError, match="series must be 1-D"):
        fit_ar(np.zeros(4), 2)
    with pytest.raises(ValueError, match="windows must have shape"):
        ARModel(0.0, np.ones(3)).predict(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="y_valid must be 1-D"):
        select_ar_order(_ar2(100), np.zeros((3, 4, 1)), np.zeros(5), 2)


def test_fit_ar_windows_is_fit_ar_on_the_windows_of_a_series():
    rng = np.random.default_rng(0)
    series = np.zeros(300)
    for t in range(2, 300):
        series[t] = 0.5 + 0.6 * series[t - 1] - 0.3 * series[t - 2] + rng.normal()
    W = 3
    x = np.stack([series[k: k + W] for k in range(300 - W)], axis=1)  # (W, N), latest last
    y = series[W:]
    a, b = fit_ar_windows(x, y), fit_ar(series, W)
    assert np.allclose(a.coefs, b.coefs, atol=1e-8) and abs(a.const - b.const) < 1e-8
    assert np.allclose(a.predict(x[..., None]), b.predict(x), atol=1e-8)
    with pytest.raises(ValueError, match=r"x must have shape \(W, N\) or \(W, N, 1\) and y shape \(N,\)"):
        fit_ar_windows(x, y[:-1])
