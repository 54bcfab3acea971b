"""Tests for the figure helpers of the recurrent-convolution and captioning chapters."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from rnnbook.plot import plot_caption_gallery, plot_rcl_unfolded  # noqa: E402


def test_rcl_unfolded_draws_one_path_per_depth():
    left, right = plot_rcl_unfolded(3)
    labels = [t.get_text() for t in right.texts]
    assert [l for l in labels if l.startswith("depth")] == ["depth 1", "depth 2", "depth 3", "depth 4"]
    # T + 1 = 4 state nodes and the input on the left
    assert sum(t.get_text().startswith("$x(") for t in left.texts) == 4
    plt.close("all")
    with pytest.raises(ValueError, match="steps must be an integer in \\[1, 6\\]"):
        plot_rcl_unfolded(0)


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
