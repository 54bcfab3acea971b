"""rnnbook.plot: the LSTM diagram and gate heatmaps."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from rnnbook.nn import LSTM  # noqa: E402
from rnnbook.plot import plot_gates, plot_lstm_cell  # noqa: E402


def test_lstm_cell_diagram_draws_the_gates():
    ax = plot_lstm_cell()
    texts = {t.get_text() for t in ax.texts}
    assert {"forget $f_t$", "input $i_t$", "candidate $g_t$", "output $o_t$"} <= texts
    assert {"$c_{t-1}$", "$c_t$", "$h_{t-1}$", "$h_t$", "$x_t$"} <= texts
    plt.close("all")


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
