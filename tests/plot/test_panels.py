"""rnnbook.plot.panels: the figures draw what they say and refuse bad input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from rnnbook.nn import LSTM  # noqa: E402
from rnnbook.plot import (plot_caption_gallery, plot_ctc_lattice, plot_ctc_posteriors,  # noqa: E402
                          plot_digit_grid, plot_gates, plot_timeline)


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


def test_digit_grid():
    fig = plot_digit_grid({"a": np.ones((3, 64)), "b": -np.ones((3, 64))})
    assert len(fig.axes) == 6
    with pytest.raises(ValueError, match=r"same number of patterns; got \[2, 3\]"):
        plot_digit_grid({"a": np.ones((3, 64)), "b": np.ones((2, 64))})


def test_plot_gates_panels_markers_and_units():
    rec = {k: v[:, 0] for k, v in LSTM(2, 5).gates(torch.randn(12, 1, 2)).items()}
    axes = plot_gates(rec, keys=("i", "f", "c"), markers=[3, 9], units=[4, 0])
    assert len(axes) == 3
    image = axes[0].images[0].get_array()
    assert image.shape == (2, 12)  # units by time
    assert np.allclose(image[0], rec["i"][:, 4].numpy())
    assert len(axes[1].lines) == 2  # one dashed line per marker
    plt.close("all")


def test_plot_gates_errors():
    with pytest.raises(ValueError, match="missing"):
        plot_gates({"i": np.zeros((3, 2))}, keys=("i", "f"))
    with pytest.raises(ValueError, match=r"must have shape \(T, H\)"):
        plot_gates({"i": np.zeros(3)}, keys=("i",))
    plt.close("all")


def test_lattice():
    occ = np.full((4, 3), 1 / 3)
    ax = plot_ctc_lattice(occ, ["-", "1", "-"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1: -", "2: 1", "3: -"]
    np.testing.assert_allclose(ax.images[0].get_array(), occ.T)
    with pytest.raises(ValueError, match=r"occupancy must have shape \(T, S=2\)"):
        plot_ctc_lattice(occ, ["-", "1"])
    plt.close("all")


def test_posteriors():
    T = 10
    probs = np.full((T, 3), 0.05)
    probs[:, 2] = 0.9
    probs[4] = [0.9, 0.05, 0.05]  # a spike of class 0 at step 4
    probs[7] = [0.05, 0.9, 0.05]  # and of class 1 at step 7
    top, bottom = plot_ctc_posteriors(np.zeros((8, T)), probs, blank=2, class_names=["a", "b", "-"])
    labels = sorted((t.get_text(), t.get_position()[0]) for t in bottom.texts)
    assert labels == [("a", 4), ("b", 7)]
    assert len(bottom.lines) == 3
    with pytest.raises(ValueError, match="same T"):
        plot_ctc_posteriors(np.zeros((8, T + 1)), probs, blank=2)
    plt.close("all")


def test_caption_gallery_colours_and_errors():
    images = np.zeros((3, 1, 8, 8))
    fig = plot_caption_gallery(images, ["a", "b", "c"], references=["a", "x", "c"],
                               correct=[True, False, True], ncols=2)
    axes = fig.axes
    assert len(axes) == 4 and not axes[3].axison
    assert axes[1].xaxis.label.get_color() == "#c0392b"
    assert "(ref: x)" in axes[1].get_xlabel()
    plt.close("all")
    with pytest.raises(ValueError, match="one caption per image"):
        plot_caption_gallery(images, ["a"])
    with pytest.raises(ValueError, match="images must have shape"):
        plot_caption_gallery(np.zeros((2, 3, 4, 4)), ["a", "b"])


def test_digit_grid_needs_a_dict():
    with pytest.raises(TypeError, match="rows must be a dict of row title -> patterns; got str"):
        plot_digit_grid("x")
