"""Curves: training histories, metric curves, gradient norms by lag, cost against size.

Every helper draws into an ``Axes`` it is given (or a new one) and returns it, so that a
chapter can combine panels and add its own labels.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import matplotlib.pyplot as plt
import numpy as np

from ..validation import check_instance, check_int

__all__ = ["new_axes", "plot_curves", "plot_history", "plot_gradient_flow", "plot_scaling"]


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
    check_instance("curves", curves, dict, "dict of label -> values")
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
    check_instance("histories", histories, dict, "dict of label -> History")
    if what not in ("loss", "eval"):
        raise ValueError(f"what must be 'loss' or 'eval'; got {what!r}")
    check_int("smooth", smooth, minimum=1)
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
    check_instance("norms", norms, dict, "dict of label -> array of norms")
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
    check_instance("curves", curves, dict, "dict of label -> values")
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
