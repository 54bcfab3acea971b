"""Diagrams of networks drawn by code: neurons, unfolded graphs, the BRNN, the recurrent
convolutional layer and the LSTM cell.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import matplotlib.pyplot as plt

from .curves import new_axes
from ..validation import check_int

__all__ = ["plot_neurons", "plot_unfolded", "plot_bidirectional", "plot_rcl_unfolded", "plot_lstm_cell"]


def _node(ax: Any, xy: tuple, text: str, color: str = "white", radius: float = 0.28) -> None:
    ax.add_patch(plt.Circle(xy, radius, facecolor=color, edgecolor="0.2", linewidth=1.2, zorder=3))
    ax.text(xy[0], xy[1], text, ha="center", va="center", fontsize=10, zorder=4)


def _arrow(ax: Any, start: tuple, end: tuple, text: str = "", *, rad: float = 0.0, shrink: float = 14.0,
           color: str = "0.25", offset: tuple = (0.0, 0.0)) -> None:
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops=dict(arrowstyle="-|>", color=color, lw=1.2, shrinkA=shrink, shrinkB=shrink,
                        connectionstyle=f"arc3,rad={rad}"),
        zorder=2,
    )
    if text:
        mid = ((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1])
        ax.text(mid[0], mid[1], text, ha="center", va="center", fontsize=9, color=color,
                bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none"))


def _diagram_axes(ax: Any, xlim: tuple, ylim: tuple) -> Any:
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def plot_neurons(*, axes: Optional[Sequence[Any]] = None, figsize: tuple = (8.0, 3.0)) -> Any:
    """Draw a feed-forward neuron with two inputs next to a recurrent one (two inputs and
    a feedback connection through a unit delay), weights labelled. Returns the two axes.
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=figsize, constrained_layout=True)
    left, right = axes
    for ax, recurrent in ((left, False), (right, True)):
        _diagram_axes(ax, (-0.6, 4.4), (-1.2, 2.4))
        _node(ax, (0.0, 1.4), "$x_1$", "#dbe9f6")
        _node(ax, (0.0, 0.0), "$x_2$", "#dbe9f6")
        _node(ax, (2.2, 0.7), "$h$", "#fde2c8", radius=0.38)
        _arrow(ax, (0.0, 1.4), (2.2, 0.7), "$w_1$", offset=(0.0, 0.25))
        _arrow(ax, (0.0, 0.0), (2.2, 0.7), "$w_2$", offset=(0.0, -0.25))
        _arrow(ax, (2.2, 0.7), (3.9, 0.7), "", shrink=18)
        ax.text(4.1, 0.7, "out", va="center", fontsize=9)
        if recurrent:
            ax.add_patch(plt.Rectangle((1.95, -1.05), 0.5, 0.4, facecolor="0.92", edgecolor="0.2", zorder=3))
            ax.text(2.2, -0.85, "$z^{-1}$", ha="center", va="center", fontsize=9, zorder=4)
            ax.annotate("", xy=(2.75, -0.85), xytext=(2.75, 0.5),
                        arrowprops=dict(arrowstyle="-", color="C3", lw=1.2))
            ax.annotate("", xy=(2.45, -0.85), xytext=(2.75, -0.85),
                        arrowprops=dict(arrowstyle="-|>", color="C3", lw=1.2))
            ax.annotate("", xy=(2.0, 0.36), xytext=(1.95, -0.85),
                        arrowprops=dict(arrowstyle="-|>", color="C3", lw=1.2,
                                        connectionstyle="arc3,rad=-0.4"))
            ax.text(1.35, -0.55, "$w_h$", color="C3", fontsize=9)
            ax.set_title("recurrent neuron: 3 weights", fontsize=10)
        else:
            ax.set_title("feed-forward neuron: 2 weights", fontsize=10)
    return axes


def plot_unfolded(k: int, *, ax: Optional[Any] = None, figsize: Optional[tuple] = None) -> Any:
    """Draw a recurrent network folded (left) and unfolded for ``k`` steps (right).

    Every copy of the step carries the same labels W_xh, W_hh, W_hy: the weights are
    shared across time.
    """
    check_int("k", k, minimum=1, maximum=8)
    width = 3.2 + 2.0 * k
    ax = new_axes(ax, figsize or (1.1 * width, 3.6))
    _diagram_axes(ax, (-0.8, width), (-0.6, 4.6))
    # folded network with its self-loop
    _node(ax, (0.0, 0.0), "$x_t$", "#dbe9f6")
    _node(ax, (0.0, 2.0), "$h_t$", "#fde2c8")
    _node(ax, (0.0, 4.0), "$y_t$", "#d9f0d3")
    _arrow(ax, (0.0, 0.0), (0.0, 2.0), "$W_{xh}$")
    _arrow(ax, (0.0, 2.0), (0.0, 4.0), "$W_{hy}$")
    ax.annotate("", xy=(0.2, 1.8), xytext=(0.2, 2.2),
                arrowprops=dict(arrowstyle="-|>", color="C3", lw=1.2, shrinkA=0, shrinkB=0,
                                connectionstyle="arc3,rad=-1.9"))
    ax.text(0.95, 2.0, "$W_{hh}$", color="C3", fontsize=9, va="center")
    ax.text(1.55, 2.0, "=", fontsize=16, va="center", ha="center")
    # unfolded copies
    x0 = 2.6
    _node(ax, (x0 - 0.4, 2.0), "$h_0$", "0.93")
    prev = (x0 - 0.4, 2.0)
    for t in range(1, k + 1):
        cx = x0 + 2.0 * t - 0.6
        _node(ax, (cx, 0.0), f"$x_{t}$", "#dbe9f6")
        _node(ax, (cx, 2.0), f"$h_{t}$", "#fde2c8")
        _node(ax, (cx, 4.0), f"$y_{t}$", "#d9f0d3")
        _arrow(ax, (cx, 0.0), (cx, 2.0), "$W_{xh}$")
        _arrow(ax, (cx, 2.0), (cx, 4.0), "$W_{hy}$")
        _arrow(ax, prev, (cx, 2.0), "$W_{hh}$", color="C3", offset=(0.0, 0.3))
        prev = (cx, 2.0)
    return ax


def plot_bidirectional(k: int = 4, *, ax: Optional[Any] = None, figsize: Optional[tuple] = None) -> Any:
    """Draw a bidirectional RNN unfolded for ``k`` steps: a forward chain running left to
    right, a backward chain running right to left, both reading x_t and both feeding y_t.
    """
    check_int("k", k, minimum=2, maximum=8)
    width = 2.0 * k
    ax = new_axes(ax, figsize or (1.2 * width, 4.4))
    _diagram_axes(ax, (-1.2, width + 0.6), (-0.6, 6.6))
    for t in range(1, k + 1):
        cx = 2.0 * (t - 1)
        _node(ax, (cx, 0.0), f"$x_{t}$", "#dbe9f6")
        _node(ax, (cx, 2.0), rf"$\overrightarrow{{h}}_{t}$", "#fde2c8")
        _node(ax, (cx + 0.7, 3.6), rf"$\overleftarrow{{h}}_{t}$", "#e5d8f0")
        _node(ax, (cx, 6.0), f"$y_{t}$", "#d9f0d3")
        _arrow(ax, (cx, 0.0), (cx, 2.0))
        _arrow(ax, (cx, 0.0), (cx + 0.7, 3.6), color="C4")
        _arrow(ax, (cx, 2.0), (cx, 6.0), rad=-0.3)
        _arrow(ax, (cx + 0.7, 3.6), (cx, 6.0), color="C4")
        if t > 1:
            _arrow(ax, (cx - 2.0, 2.0), (cx, 2.0), color="C3")
            _arrow(ax, (cx + 0.7, 3.6), (cx - 1.3, 3.6), color="C4")
    ax.text(width - 1.5, 2.0, "forward", color="C3", fontsize=9, va="center")
    ax.text(width - 0.8, 3.6, "backward", color="C4", fontsize=9, va="center")
    return ax


def plot_rcl_unfolded(steps: int = 3, *, axes: Optional[Sequence[Any]] = None,
                      figsize: Optional[tuple] = None) -> Any:
    """Draw a recurrent convolutional layer unfolded for ``steps`` = T steps (left) and
    its T + 1 paths from the input u to the output x(T), of depth 1 to T + 1 (right).

    Blue arrows are the feed-forward convolution w^f, red ones the recurrent convolution
    w^r; every blue arrow is the same kernel, and so is every red one. The paths come
    from :func:`rnnbook.nn.rcl.unfolded_paths`. Returns the two axes.
    """
    from ..nn.rcl import unfolded_paths

    check_int("steps", steps, minimum=1, maximum=6)
    T = steps
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=figsize or (3.0 + 2.6 * T, 3.4),
                               gridspec_kw=dict(width_ratios=[1.5 * (T + 1), T + 2]),
                               constrained_layout=True)
    left, right = axes
    _diagram_axes(left, (-0.7, 1.6 * T + 0.7), (-0.8, 2.9))
    u = (0.8 * T, -0.2)
    _node(left, u, "$u$", "#dbe9f6")
    for t in range(T + 1):
        xy = (1.6 * t, 2.2)
        _node(left, xy, f"$x({t})$", "#fde2c8", radius=0.42)
        _arrow(left, u, xy, "$w^f$" if t == 0 else "", color="C0", shrink=22)
        if t > 0:
            _arrow(left, (1.6 * (t - 1), 2.2), xy, "$w^r$", color="C3", shrink=26, offset=(0.0, 0.3))
    left.set_title(f"an RCL unfolded for T = {T} steps", fontsize=10)
    paths = unfolded_paths(T)
    _diagram_axes(right, (-0.7, 1.2 * len(paths) - 0.5), (-0.8, 1.0 * (T + 1) + 0.9))
    for j, path in enumerate(paths):
        x = 1.2 * j
        for level, name in enumerate(path):
            _node(right, (x, 1.0 * level), "$u$" if name == "u" else f"${name}$",
                  "#dbe9f6" if name == "u" else "#fde2c8", radius=0.3)
            if level > 0:
                _arrow(right, (x, 1.0 * (level - 1)), (x, 1.0 * level),
                       color="C0" if level == 1 else "C3", shrink=11)
        right.text(x, -0.65, f"depth {len(path) - 1}", ha="center", fontsize=9)
    right.set_title("its paths from $u$ to $x(T)$", fontsize=10)
    return axes


def plot_lstm_cell(*, ax: Optional[Any] = None, figsize: tuple = (7.5, 4.2)) -> Any:
    """Draw the LSTM cell: the cell-state line on top, the four gate blocks below it.

    The forget gate multiplies the old cell state, the input gate multiplies the
    candidate, their sum is the new cell state, and the output gate decides how much of
    its squashed value becomes the hidden state (Eqs. (5.1)-(5.6)).
    """
    from matplotlib.patches import Circle, FancyBboxPatch

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, constrained_layout=True)
    ax.set_xlim(-0.6, 10.6)
    ax.set_ylim(-0.7, 5.3)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(FancyBboxPatch((0.4, 0.3), 9.2, 4.5, boxstyle="round,pad=0.1", fc="0.97", ec="0.6"))

    def arrow(a: tuple, b: tuple, color: str = "0.2", lw: float = 1.3) -> None:
        ax.annotate("", xy=b, xytext=a, arrowprops=dict(arrowstyle="-|>", color=color, lw=lw,
                                                        shrinkA=0, shrinkB=0))

    def op(xy: tuple, text: str) -> None:
        ax.add_patch(Circle(xy, 0.28, fc="white", ec="0.2", zorder=3))
        ax.text(*xy, text, ha="center", va="center", fontsize=12, zorder=4)

    def block(x: float, text: str, name: str, color: str) -> None:
        ax.add_patch(FancyBboxPatch((x - 0.45, 1.45), 0.9, 0.6, boxstyle="round,pad=0.05",
                                    fc=color, ec="0.2", zorder=3))
        ax.text(x, 1.75, text, ha="center", va="center", fontsize=11, zorder=4)
        ax.text(x, 1.2, name, ha="center", va="top", fontsize=10, color="0.25")

    top = 4.2  # the cell-state line
    gx = {"f": 2.2, "i": 3.7, "g": 5.2, "o": 7.2}
    # the cell state runs straight through: c_{t-1} -> (x f) -> (+) -> c_t
    arrow((-0.5, top), (gx["f"] - 0.28, top), color="tab:red", lw=2.2)
    arrow((gx["f"] + 0.28, top), (gx["g"] - 0.28, top), color="tab:red", lw=2.2)
    arrow((gx["g"] + 0.28, top), (10.5, top), color="tab:red", lw=2.2)
    ax.text(-0.5, top + 0.25, "$c_{t-1}$", fontsize=12)
    ax.text(10.0, top + 0.25, "$c_t$", fontsize=12)
    op((gx["f"], top), "×")
    op((gx["g"], top), "+")
    # the input bus [h_{t-1}, x_t] feeds every block
    ax.plot([0.9, gx["o"]], [0.7, 0.7], color="0.2", lw=1.3)
    ax.text(-0.5, 0.62, "$h_{t-1}$", fontsize=12)
    arrow((-0.05, 0.7), (0.9, 0.7))
    ax.text(0.9, -0.55, "$x_t$", fontsize=12, ha="center")
    arrow((0.9, -0.25), (0.9, 0.7))
    colors = {"f": "#fdd0a2", "i": "#c6dbef", "g": "#d9f0d3", "o": "#e7d4e8"}
    labels = {"f": ("σ", "forget $f_t$"), "i": ("σ", "input $i_t$"),
              "g": ("tanh", "candidate $g_t$"), "o": ("σ", "output $o_t$")}
    for key, x in gx.items():
        arrow((x, 0.7), (x, 1.4))
        block(x, labels[key][0], labels[key][1], colors[key])
    # f_t multiplies the old cell; i_t * g_t is added
    arrow((gx["f"], 2.1), (gx["f"], top - 0.28))
    op((4.45, 3.0), "×")
    ax.plot([gx["i"], gx["i"], 4.17], [2.1, 3.0, 3.0], color="0.2", lw=1.3)
    ax.plot([gx["g"], gx["g"], 4.73], [2.1, 3.0, 3.0], color="0.2", lw=1.3)
    ax.plot([4.45, 4.45, gx["g"]], [3.28, 3.6, 3.6], color="0.2", lw=1.3)
    arrow((gx["g"], 3.6), (gx["g"], top - 0.28))
    # h_t = o_t * tanh(c_t)
    ax.plot([8.6, 8.6], [top, 3.55], color="tab:red", lw=1.3)
    ax.add_patch(FancyBboxPatch((8.2, 2.85), 0.8, 0.5, boxstyle="round,pad=0.04", fc="white", ec="0.2", zorder=3))
    ax.text(8.6, 3.1, "tanh", ha="center", va="center", fontsize=10, zorder=4)
    arrow((8.6, 3.55), (8.6, 3.37))
    op((8.6, 2.2), "×")
    arrow((8.6, 2.83), (8.6, 2.48))
    ax.plot([gx["o"], gx["o"], 8.32], [2.1, 2.2, 2.2], color="0.2", lw=1.3)
    ax.plot([8.88, 9.3, 9.3], [2.2, 2.2, 0.7], color="0.2", lw=1.3)
    arrow((9.3, 0.7), (10.5, 0.7))
    ax.text(10.0, 0.85, "$h_t$", fontsize=12)
    return ax
