"""rnnbook.plot.diagrams: the figures draw what they say and refuse bad input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from rnnbook.nn import LSTM  # noqa: E402
from rnnbook.plot import plot_bidirectional, plot_lstm_cell, plot_neurons, plot_rcl_unfolded, plot_unfolded  # noqa: E402


def teardown_function():
    plt.close("all")


def test_unfolded_draws_three_nodes_per_step_plus_the_folded_net_and_h0():
    ax = plot_unfolded(3)
    circles = [p for p in ax.patches if isinstance(p, matplotlib.patches.Circle)]
    assert len(circles) == 3 + 1 + 3 * 3
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("$W_{hh}$") == 1 + 3  # one label per copy: shared weights
    with pytest.raises(ValueError, match="k must be an integer in \\[1, 8\\]; got 0"):
        plot_unfolded(0)


def test_neurons_titles_count_the_weights():
    left, right = plot_neurons()
    assert "2 weights" in left.get_title() and "3 weights" in right.get_title()


def test_lstm_cell_diagram_draws_the_gates():
    ax = plot_lstm_cell()
    texts = {t.get_text() for t in ax.texts}
    assert {"forget $f_t$", "input $i_t$", "candidate $g_t$", "output $o_t$"} <= texts
    assert {"$c_{t-1}$", "$c_t$", "$h_{t-1}$", "$h_t$", "$x_t$"} <= texts
    plt.close("all")


def test_bidirectional_diagram():
    ax = plot_bidirectional(3)
    texts = [t.get_text() for t in ax.texts]
    assert "$x_3$" in texts and "forward" in texts and "backward" in texts
    assert sum("overleftarrow" in t for t in texts) == 3
    with pytest.raises(ValueError, match="k must be an integer in \\[2, 8\\]"):
        plot_bidirectional(1)
    plt.close("all")


def test_rcl_unfolded_draws_one_path_per_depth():
    left, right = plot_rcl_unfolded(3)
    labels = [t.get_text() for t in right.texts]
    assert [l for l in labels if l.startswith("depth")] == ["depth 1", "depth 2", "depth 3", "depth 4"]
    # T + 1 = 4 state nodes and the input on the left
    assert sum(t.get_text().startswith("$x(") for t in left.texts) == 4
    plt.close("all")
    with pytest.raises(ValueError, match="steps must be an integer in \\[1, 6\\]"):
        plot_rcl_unfolded(0)
