"""rnnbook.plot.curves: the figures draw what they say and refuse bad input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from rnnbook.train import History  # noqa: E402
from rnnbook.plot import plot_curves, plot_gradient_flow, plot_history, plot_scaling  # noqa: E402


def teardown_function():
    plt.close("all")


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


def test_plot_gradient_flow_draws_medians_on_a_log_axis():
    batch = np.outer(0.5 ** np.arange(6), [1.0, 2.0, 3.0])  # (K=6, B=3)
    ax = plot_gradient_flow({"rho=0.5": batch, "single": 0.9 ** np.arange(6)})
    lines = ax.get_lines()
    assert [l.get_label() for l in lines] == ["rho=0.5", "single"]
    np.testing.assert_allclose(lines[0].get_ydata(), 2.0 * 0.5 ** np.arange(6))
    assert ax.get_yscale() == "log"
    assert len(ax.collections) == 1  # one shaded band, for the batched curve
    plt.close(ax.figure)


def test_plot_gradient_flow_rejects_bad_shape():
    with pytest.raises(ValueError, match=r"norms\['a'\] must have shape \(K,\) or \(K, B\)"):
        plot_gradient_flow({"a": np.zeros((2, 2, 2))})


def test_plot_scaling_draws_curves_and_reference_slopes():
    H = np.array([4, 8, 16])
    ax = plot_scaling(H, {"RTRL": H**4 * 1e-6, "BPTT": H**2 * 1e-6}, slopes=(2, 4))
    lines = ax.get_lines()
    assert len(lines) == 4
    np.testing.assert_allclose(lines[3].get_ydata(), 16**4 * 1e-6 * (H / 16) ** 4)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    plt.close(ax.figure)
    with pytest.raises(ValueError, match=r"curves\['a'\] must have shape \(3,\); got \(2,\)"):
        plot_scaling(H, {"a": [1, 2]})


def test_plot_scaling_anchors_slopes_to_named_curves():
    H = np.array([4.0, 8.0])
    ax = plot_scaling(H, {"a": [1.0, 16.0], "b": [1.0, 4.0]}, slopes={4: "a", 2: "b"})
    np.testing.assert_allclose(ax.get_lines()[2].get_ydata(), [1.0, 16.0])
    np.testing.assert_allclose(ax.get_lines()[3].get_ydata(), [1.0, 4.0])
    plt.close(ax.figure)
    with pytest.raises(ValueError, match=r"slopes\[2\] must name one of the curves \['a'\]; got 'c'"):
        plot_scaling(H, {"a": [1.0, 2.0]}, slopes={2: "c"})


def test_curves_need_dicts():
    for f in (plot_curves, plot_history, plot_gradient_flow):
        with pytest.raises(TypeError, match="must be a dict of label"):
            f([1, 2, 3])
    with pytest.raises(TypeError, match="curves must be a dict of label -> values; got NoneType"):
        plot_scaling([1, 2], None)
