"""Panels of data and activations: the history timeline, digit grids, the CTC lattice and
posteriors, gate activations over time and the captioning gallery.
"""

from __future__ import annotations

import textwrap
from typing import Any, Optional, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .curves import new_axes
from ..validation import check_instance, check_int

__all__ = ["plot_timeline", "plot_digit_grid", "plot_ctc_lattice", "plot_ctc_posteriors", "plot_gates", "plot_caption_gallery"]


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
    check_instance("rows", rows, dict, "dict of row title -> patterns")
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
    check_int("ncols", ncols, minimum=1)
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

    return textwrap.wrap(text, width) or [""]
