"""Figure helpers shared by the chapters. Library code elsewhere never plots.

Every helper draws into an ``Axes`` it is given (or a new one) and returns it, so that a
chapter can combine panels and add its own labels.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["new_axes", "plot_history", "plot_curves"]


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
