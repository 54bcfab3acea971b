"""Tests for the shared plotting helpers in rnnbook.plot."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from rnnbook.plot import plot_curves, plot_history  # noqa: E402
from rnnbook.train import History  # noqa: E402


def test_plot_curves_draws_each_curve_and_the_baseline():
    ax = plot_curves({"a": [3, 2, 1], "b": ([1, 2], [5, 4])}, baseline=1 / 6, ylabel="MSE")
    assert [line.get_label() for line in ax.get_lines()] == ["a", "b", "baseline"]
    assert ax.get_ylabel() == "MSE"
    plt.close(ax.figure)


def test_plot_history_smooths_losses():
    h = History(steps=list(range(1, 11)), losses=[float(k) for k in range(10)],
                eval_steps=[5, 10], eval_values=[0.5, 0.25])
    ax = plot_history({"run": h}, smooth=5)
    x, y = ax.get_lines()[0].get_data()
    assert len(y) == 6 and y[0] == pytest.approx(2.0) and x[0] == 5
    ax2 = plot_history({"run": h}, what="eval")
    assert list(ax2.get_lines()[0].get_ydata()) == [0.5, 0.25]
    plt.close("all")


def test_plot_history_rejects_bad_arguments():
    with pytest.raises(ValueError, match="what must be"):
        plot_history({}, what="accuracy")
    with pytest.raises(ValueError, match="smooth must be"):
        plot_history({}, smooth=0)
