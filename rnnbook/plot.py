"""Figure helpers shared by the chapters. Library code elsewhere never plots.

Every helper draws into an ``Axes`` it is given (or a new one) and returns it, so that a
chapter can combine panels and add its own labels.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["new_axes", "plot_history", "plot_curves", "plot_gradient_flow", "plot_scaling", "plot_timeline", "plot_neurons", "plot_unfolded", "plot_digit_grid"]


def new_axes(ax: Optional[Any] = None, figsize: tuple = (6.0, 3.5)) -> Any:
    """Return ``ax``, or a new ``Axes`` of the given size when ``ax`` is ``None``."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, constrained_layout=True)
    return ax


def plot_curves(
    curves: dict,
    *,
    ax: Optional[Any] = None,
    xlabel: str = "step",
    ylabel: str = "loss",
    logy: bool = False,
    title: Optional[str] = None,
    baseline: Optional[float] = None,
    baseline_label: str = "baseline",
) -> Any:
    """Plot named curves ``{label: (x, y)}`` (or ``{label: y}``) on one axes.

    ``baseline`` draws a dashed horizontal reference line (for example the MSE of always
    predicting the mean).
    """
    ax = new_axes(ax)
    for label, curve in curves.items():
        if isinstance(curve, tuple) and len(curve) == 2:
            x, y = curve
        else:
            y = np.asarray(curve)
            x = np.arange(1, len(y) + 1)
        ax.plot(x, y, label=label)
    if baseline is not None:
        ax.axhline(baseline, color="0.4", linestyle="--", linewidth=1, label=baseline_label)
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(frameon=False)
    return ax


def plot_history(
    histories: dict,
    *,
    ax: Optional[Any] = None,
    what: str = "loss",
    smooth: int = 1,
    **kwargs: Any,
) -> Any:
    """Plot :class:`rnnbook.train.History` objects by name.

    ``what="loss"`` plots the training loss (smoothed by a running mean over ``smooth``
    steps), ``what="eval"`` the evaluations. Other keyword arguments go to
    :func:`plot_curves`.
    """
    if what not in ("loss", "eval"):
        raise ValueError(f"what must be 'loss' or 'eval'; got {what!r}")
    if not isinstance(smooth, int) or smooth < 1:
        raise ValueError(f"smooth must be a positive integer; got {smooth!r}")
    curves = {}
    for label, h in histories.items():
        if what == "loss":
            y = np.asarray(h.losses, dtype=float)
            x = np.asarray(h.steps)
            if smooth > 1 and len(y) >= smooth:
                y = np.convolve(y, np.ones(smooth) / smooth, mode="valid")
                x = x[smooth - 1 :]
        else:
            x, y = np.asarray(h.eval_steps), np.asarray(h.eval_values, dtype=float)
        curves[label] = (x, y)
    return plot_curves(curves, ax=ax, **kwargs)


def plot_gradient_flow(
    norms: dict,
    *,
    ax: Optional[Any] = None,
    xlabel: str = "time lag $k$",
    ylabel: str = r"$\Vert \partial L_T / \partial h_{T-k} \Vert$",
) -> Any:
    """Gradient norm against time lag on a log scale, one curve per label.

    ``norms`` maps a label to an array of shape (K,) or (K, B): entry ``k`` is the norm at
    lag ``k`` (for example from :func:`rnnbook.scratch.gradient_flow.gradient_norm_by_lag`). With a batch
    dimension the median over the batch is drawn, with the band between the 10th and 90th
    percentiles shaded.
    """
    ax = new_axes(ax)
    for label, values in norms.items():
        values = np.asarray(values, dtype=float)
        if values.ndim not in (1, 2):
            raise ValueError(f"norms[{label!r}] must have shape (K,) or (K, B); got {values.shape}")
        lags = np.arange(values.shape[0])
        if values.ndim == 1:
            ax.plot(lags, values, label=label)
            continue
        lo, mid, hi = np.percentile(values, [10, 50, 90], axis=1)
        (line,) = ax.plot(lags, mid, label=label)
        ax.fill_between(lags, lo, hi, color=line.get_color(), alpha=0.2, linewidth=0)
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False)
    return ax


def plot_scaling(
    x: Sequence[float],
    curves: dict,
    *,
    ax: Optional[Any] = None,
    slopes: Any = (),
    xlabel: str = "hidden size $H$",
    ylabel: str = "seconds",
) -> Any:
    """Cost against size on log-log axes, with dashed reference lines :math:`\\propto x^p`.

    ``curves`` maps a label to values at ``x``. ``slopes`` is either a sequence of
    exponents ``p``, each drawn through the last point of the first curve, or a dict
    ``{p: label}`` that draws the line for ``p`` through the last point of that curve.
    """
    ax = new_axes(ax)
    x = np.asarray(x, dtype=float)
    for label, y in curves.items():
        y = np.asarray(y, dtype=float)
        if y.shape != x.shape:
            raise ValueError(f"curves[{label!r}] must have shape {x.shape}; got {y.shape}")
        ax.plot(x, y, marker="o", label=label)
    if not isinstance(slopes, dict):
        slopes = {p: next(iter(curves)) for p in slopes}
    for p, label in slopes.items():
        if label not in curves:
            raise ValueError(f"slopes[{p!r}] must name one of the curves {list(curves)}; got {label!r}")
        anchor = float(np.asarray(curves[label], dtype=float)[-1])
        ax.plot(x, anchor * (x / x[-1]) ** p, linestyle="--", color="0.5", linewidth=1)
        ax.annotate(f"$\\propto H^{{{p:g}}}$", (x[0], anchor * (x[0] / x[-1]) ** p),
                    fontsize=9, color="0.3", va="bottom", ha="left")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(x)
    ax.set_xticklabels([f"{v:g}" for v in x])
    ax.minorticks_off()
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False)
    return ax


# --- classic networks and unfolding (history and unfolding chapters) -------------------


def plot_timeline(events: Sequence[tuple], *, ax: Optional[Any] = None, figsize: tuple = (9.0, 3.6)) -> Any:
    """Draw a timeline of ``events``, a sequence of ``(year, label)`` pairs.

    Labels alternate above and below the time axis (and are staggered in height) so that
    neighbouring years do not collide.
    """
    events = sorted(events, key=lambda e: e[0])
    if not events:
        raise ValueError("events must hold at least one (year, label) pair; got none")
    ax = new_axes(ax, figsize)
    years = [float(e[0]) for e in events]
    ax.axhline(0.0, color="0.3", linewidth=1.2, zorder=1)
    ax.scatter(years, np.zeros(len(years)), s=28, color="C0", zorder=3)
    levels = [1.0, -1.0, 2.0, -2.0, 3.0, -3.0]
    for k, (year, label) in enumerate(events):
        level = levels[k % len(levels)]
        ax.plot([year, year], [0.0, level * 0.8], color="0.6", linewidth=0.8, zorder=2)
        ax.annotate(
            f"{label}\n({int(year)})" if level > 0 else f"({int(year)})\n{label}",
            (year, level * 0.8),
            ha="center",
            va="bottom" if level > 0 else "top",
            fontsize=8,
        )
    span = max(years) - min(years)
    ax.set_xlim(min(years) - 0.06 * span - 1, max(years) + 0.06 * span + 1)
    ax.set_ylim(-3.9, 3.9)
    ax.set_yticks([])
    ax.set_xlabel("year")
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    return ax


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
    if not isinstance(k, int) or not 1 <= k <= 8:
        raise ValueError(f"k must be an integer between 1 and 8; got {k!r}")
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


def plot_digit_grid(
    rows: dict, *, shape: tuple = (8, 8), figsize: Optional[tuple] = None, cmap: str = "gray_r"
) -> Any:
    """Show patterns as small images: ``rows`` maps a row title to an array of patterns.

    Every row must hold the same number of patterns; each pattern is reshaped to
    ``shape``. Returns the figure.

    Shapes
    ------
    each value of rows: (n, shape[0] * shape[1]) or (n, shape[0], shape[1]).
    """
    if not rows:
        raise ValueError("rows must map at least one title to patterns; got none")
    arrays = {title: np.asarray(p).reshape(len(p), *shape) for title, p in rows.items()}
    counts = {len(a) for a in arrays.values()}
    if len(counts) != 1:
        raise ValueError(f"every row must hold the same number of patterns; got {sorted(counts)}")
    n = counts.pop()
    fig, axes = plt.subplots(len(arrays), n, figsize=figsize or (1.1 * n + 1.4, 1.15 * len(arrays)),
                             squeeze=False, constrained_layout=True)
    for r, (title, images) in enumerate(arrays.items()):
        for c in range(n):
            ax = axes[r, c]
            ax.imshow(images[c], cmap=cmap, vmin=images.min(), vmax=images.max())
            ax.set_xticks([])
            ax.set_yticks([])
        axes[r, 0].set_ylabel(title, rotation=0, ha="right", va="center", fontsize=9)
    return fig


# Deep and bidirectional RNNs, CTC (chapters 7 and 8).
__all__ += ["plot_bidirectional", "plot_ctc_lattice", "plot_ctc_posteriors"]


def plot_bidirectional(k: int = 4, *, ax: Optional[Any] = None, figsize: Optional[tuple] = None) -> Any:
    """Draw a bidirectional RNN unfolded for ``k`` steps: a forward chain running left to
    right, a backward chain running right to left, both reading x_t and both feeding y_t.
    """
    if not isinstance(k, int) or not 2 <= k <= 8:
        raise ValueError(f"k must be an integer between 2 and 8; got {k!r}")
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


def plot_ctc_lattice(
    occupancy: np.ndarray,
    ext_labels: Sequence[str],
    *,
    ax: Optional[Any] = None,
    title: Optional[str] = None,
) -> Any:
    """Show a (T, S) array over the CTC lattice: steps across, extended labels down.

    Typically the state occupancy alpha_t(s) beta_t(s) / p(z|x) of chapter 8, whose
    column sums are 1.
    """
    occupancy = np.asarray(occupancy)
    if occupancy.ndim != 2 or occupancy.shape[1] != len(ext_labels):
        raise ValueError(
            f"occupancy must have shape (T, S={len(ext_labels)}); got {occupancy.shape}"
        )
    T, S = occupancy.shape
    ax = new_axes(ax, (max(5.0, 0.35 * T), max(2.5, 0.3 * S + 1.0)))
    # steps and states are counted from 1, as in the equations
    im = ax.imshow(occupancy.T, aspect="auto", cmap="Blues", vmin=0.0,
                   extent=(0.5, T + 0.5, S + 0.5, 0.5))
    ax.set_yticks(range(1, S + 1))
    ax.set_yticklabels([f"{s}: {lab}" for s, lab in enumerate(ext_labels, start=1)])
    ax.set_xlabel("step $t$")
    ax.set_ylabel("state $s$ of $z'$")
    ax.figure.colorbar(im, ax=ax, fraction=0.03, pad=0.02)
    if title:
        ax.set_title(title)
    return ax


def plot_ctc_posteriors(
    image: np.ndarray,
    probs: np.ndarray,
    *,
    blank: int,
    class_names: Optional[Sequence[str]] = None,
    axes: Optional[Sequence[Any]] = None,
    figsize: tuple = (8.0, 4.0),
) -> Any:
    """Plot an input strip (top) over the per-step class probabilities of a CTC network
    (bottom): the blank as a grey dashed line, every other class as a coloured curve,
    labelled at its peaks above 0.5. Returns the two axes.

    Shapes
    ------
    image: (height, T); probs: (T, C).
    """
    image, probs = np.asarray(image), np.asarray(probs)
    if image.ndim != 2 or probs.ndim != 2 or image.shape[1] != probs.shape[0]:
        raise ValueError(
            f"image must be (height, T) and probs (T, C) with the same T; got {image.shape} and {probs.shape}"
        )
    T, C = probs.shape
    names = list(class_names) if class_names is not None else [str(k) for k in range(C)]
    if axes is None:
        _, axes = plt.subplots(2, 1, figsize=figsize, sharex=True, constrained_layout=True,
                               gridspec_kw={"height_ratios": [1, 2]})
    top, bottom = axes
    top.imshow(image, cmap="gray_r", aspect="auto", extent=(-0.5, T - 0.5, image.shape[0] - 0.5, -0.5))
    top.set_yticks([])
    top.set_ylabel("input")
    steps = np.arange(T)
    bottom.plot(steps, probs[:, blank], color="0.55", linestyle="--", linewidth=1.2, label="blank")
    colours = plt.get_cmap("tab10")
    for k in range(C):
        if k == blank:
            continue
        bottom.plot(steps, probs[:, k], color=colours(k % 10), linewidth=1.4)
        peaks = [t for t in range(T) if probs[t, k] > 0.5
                 and probs[t, k] >= probs[max(t - 1, 0), k] and probs[t, k] >= probs[min(t + 1, T - 1), k]]
        for t in peaks:
            bottom.text(t, probs[t, k] + 0.04, names[k], ha="center", va="bottom", fontsize=9,
                        color=colours(k % 10))
    bottom.set_ylim(0, 1.15)
    bottom.set_xlabel("step $t$ (column of the strip)")
    bottom.set_ylabel("$y_t(k)$")
    bottom.legend(frameon=False, loc="center right")
    return axes


# Recurrent convolutional networks and captioning (chapters 9 and 10).
__all__ += ["plot_rcl_unfolded", "plot_caption_gallery"]


def plot_rcl_unfolded(steps: int = 3, *, axes: Optional[Sequence[Any]] = None,
                      figsize: Optional[tuple] = None) -> Any:
    """Draw a recurrent convolutional layer unfolded for ``steps`` = T steps (left) and
    its T + 1 paths from the input u to the output x(T), of depth 1 to T + 1 (right).

    Blue arrows are the feed-forward convolution w^f, red ones the recurrent convolution
    w^r; every blue arrow is the same kernel, and so is every red one. The paths come
    from :func:`rnnbook.nn.rcl.unfolded_paths`. Returns the two axes.
    """
    from .nn.rcl import unfolded_paths

    if not isinstance(steps, int) or not 1 <= steps <= 6:
        raise ValueError(f"steps must be an integer between 1 and 6; got {steps!r}")
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


def plot_caption_gallery(
    images: np.ndarray,
    captions: Sequence[str],
    *,
    references: Optional[Sequence[str]] = None,
    correct: Optional[Sequence[bool]] = None,
    ncols: int = 4,
    figsize: Optional[tuple] = None,
    cmap: str = "gray_r",
) -> Any:
    """Show images with their generated captions (and one reference each) underneath.

    ``correct`` colours each caption green (True) or red (False). Returns the figure.

    Shapes
    ------
    images: (n, height, width) or (n, 1, height, width); captions: n strings.
    """
    images = np.asarray(images)
    if images.ndim == 4 and images.shape[1] == 1:
        images = images[:, 0]  # (n, h, w)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, height, width); got {images.shape}")
    n = len(images)
    if len(captions) != n:
        raise ValueError(f"captions must hold one caption per image (n={n}); got {len(captions)}")
    if not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be a positive integer; got {ncols!r}")
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or (2.6 * ncols, 2.9 * nrows),
                             squeeze=False, constrained_layout=True)
    for k, ax in enumerate(axes.flat):
        ax.set_xticks([])
        ax.set_yticks([])
        if k >= n:
            ax.axis("off")
            continue
        ax.imshow(images[k], cmap=cmap)
        color = "black" if correct is None else ("#1a7f37" if correct[k] else "#c0392b")
        text = "\n".join(_wrap(captions[k]))
        if references is not None:
            text += "\n(ref: " + "\n".join(_wrap(references[k])) + ")"
            ax.set_xlabel(text, fontsize=8, color=color)
        else:
            ax.set_xlabel(text, fontsize=8, color=color)
    return fig


def _wrap(text: str, width: int = 28) -> list:
    import textwrap as _textwrap

    return _textwrap.wrap(text, width) or [""]


# Gated cells: the LSTM diagram and gate activations over time (chapters 5 and 6).
__all__ += ["plot_lstm_cell", "plot_gates"]


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


def plot_gates(
    gates: dict,
    keys: Sequence[str] = ("i", "f", "o", "c"),
    *,
    markers: Optional[Sequence[int]] = None,
    units: Optional[Sequence[int]] = None,
    axes: Optional[Sequence[Any]] = None,
    figsize: Optional[tuple] = None,
) -> Any:
    """Heatmaps of gate activations (units by time) for one sequence, one panel per key.

    Parameters
    ----------
    gates : dict
        Arrays (NumPy or torch) of shape (T, H) for one sequence, for example what
        :meth:`rnnbook.nn.lstm.LSTM.gates` returns with the batch index taken.
    keys : sequence of str
        Which entries to draw, top to bottom.
    markers : sequence of int, optional
        Time steps to mark with dashed vertical lines (for example the adding problem's
        markers).
    units : sequence of int, optional
        Which hidden units (rows) to show, in this order; default all.

    Returns
    -------
    numpy.ndarray of Axes
    """
    missing = [k for k in keys if k not in gates]
    if missing:
        raise ValueError(f"gates must contain the keys {list(keys)}; missing {missing}")
    if axes is None:
        _, axes = plt.subplots(len(keys), 1, sharex=True, constrained_layout=True,
                               figsize=figsize or (7.5, 1.6 * len(keys) + 0.6))
    axes = np.atleast_1d(axes)
    for ax, key in zip(axes, keys):
        a = gates[key]
        a = np.asarray(a.detach().cpu() if hasattr(a, "detach") else a, dtype=float)  # (T, H)
        if a.ndim != 2:
            raise ValueError(f"gates[{key!r}] must have shape (T, H); got {a.shape}")
        if units is not None:
            a = a[:, list(units)]
        signed = key in ("g", "c", "h", "n")
        vmax = max(float(np.abs(a).max()), 1e-12) if signed else 1.0
        im = ax.imshow(a.T, aspect="auto", interpolation="nearest",
                       cmap="RdBu_r" if signed else "viridis",
                       vmin=-vmax if signed else 0.0, vmax=vmax)
        for t in (() if markers is None else markers):
            ax.axvline(t, color="white" if not signed else "k", ls="--", lw=1)
        ax.set_ylabel(f"${key}_t$\nunit")
        plt.colorbar(im, ax=ax, pad=0.01)
    axes[-1].set_xlabel("time step $t$")
    return axes
