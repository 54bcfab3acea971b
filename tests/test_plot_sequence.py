"""Figure helpers of chapters 7 and 8: they draw what they are given and check shapes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from rnnbook.plot import plot_bidirectional, plot_ctc_lattice, plot_ctc_posteriors  # noqa: E402


def test_bidirectional_diagram():
    ax = plot_bidirectional(3)
    texts = [t.get_text() for t in ax.texts]
    assert "$x_3$" in texts and "forward" in texts and "backward" in texts
    assert sum("overleftarrow" in t for t in texts) == 3
    with pytest.raises(ValueError, match="k must be an integer in \\[2, 8\\]"):
        plot_bidirectional(1)
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
