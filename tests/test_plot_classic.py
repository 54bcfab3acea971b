"""Tests of the figure helpers of rnnbook.plot used by the history and unfolding chapters."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from rnnbook.plot import plot_digit_grid, plot_neurons, plot_timeline, plot_unfolded  # noqa: E402


def teardown_function():
    plt.close("all")


def test_timeline_places_one_marker_per_event_in_order():
    ax = plot_timeline([(1997, "LSTM"), (1982, "Hopfield")])
    offsets = ax.collections[0].get_offsets()
    np.testing.assert_array_equal(offsets[:, 0], [1982, 1997])
    texts = [t.get_text() for t in ax.texts]
    assert "Hopfield\n(1982)" in texts
    with pytest.raises(ValueError, match="events must hold at least one"):
        plot_timeline([])


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


def test_digit_grid():
    fig = plot_digit_grid({"a": np.ones((3, 64)), "b": -np.ones((3, 64))})
    assert len(fig.axes) == 6
    with pytest.raises(ValueError, match=r"same number of patterns; got \[2, 3\]"):
        plot_digit_grid({"a": np.ones((3, 64)), "b": np.ones((2, 64))})
