"""Figure helpers shared by the chapters. Library code elsewhere never plots.

Every helper draws into an ``Axes`` it is given (or a new one) and returns it, so that a
chapter can combine panels and add its own labels. The helpers are grouped by kind:

- :mod:`rnnbook.plot.curves`: training histories, metric curves, gradient flow, scaling;
- :mod:`rnnbook.plot.diagrams`: networks drawn as graphs (neurons, unfolding, BRNN, RCL, LSTM);
- :mod:`rnnbook.plot.panels`: data and activations (timeline, digits, CTC, gates, captions).
"""

from .curves import new_axes, plot_curves, plot_history, plot_gradient_flow, plot_scaling
from .diagrams import plot_neurons, plot_unfolded, plot_bidirectional, plot_rcl_unfolded, plot_lstm_cell
from .panels import plot_timeline, plot_digit_grid, plot_ctc_lattice, plot_ctc_posteriors, plot_gates, plot_caption_gallery

__all__ = [
    "new_axes",
    "plot_curves",
    "plot_history",
    "plot_gradient_flow",
    "plot_scaling",
    "plot_neurons",
    "plot_unfolded",
    "plot_bidirectional",
    "plot_rcl_unfolded",
    "plot_lstm_cell",
    "plot_timeline",
    "plot_digit_grid",
    "plot_ctc_lattice",
    "plot_ctc_posteriors",
    "plot_gates",
    "plot_caption_gallery",
]
