"""Elman's temporal XOR experiment (Elman, 1990): train on one stream, score by position.

A network reads a stream of triplets (a, b, a XOR b) one bit at a time and predicts the
next bit (chapter 2). Training cuts windows from *one* continuous stream at random places
(:func:`rnnbook.data.xor.xor_windows`), so no window tells the network where a triplet starts;
scoring runs the trained network once over a fresh stream from a zero state and measures
the squared error of its prediction at every step. The scorer knows the phase: the
prediction made on reading the second bit of a triplet is the one the XOR determines.
Elman's Fig. 3 plots the root mean squared error over 12 consecutive inputs, averaged
over 1,200 such stretches; :func:`error_by_position` computes the same curve.
"""

from __future__ import annotations

from typing import Callable, Optional, Tuple

import numpy as np
import torch
import torch.nn.functional as F

from ..data.xor import xor_windows
from ..train import History, fit
from ..validation import check_positive_int

__all__ = ["xor_loss", "train_on_xor_stream", "next_bit_errors", "phase_errors", "error_by_position"]


def xor_loss(model: torch.nn.Module, batch: Tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
    """Binary cross-entropy of the next-bit logits ``model(x)[0]`` against the targets.

    Shapes
    ------
    batch: x, y of shape (T, B, 1); returns a scalar.
    """
    x, y = batch
    logits = model(x)[0]
    if not isinstance(y, torch.Tensor) or tuple(logits.shape) != tuple(y.shape):
        got = tuple(y.shape) if isinstance(y, torch.Tensor) else type(y).__name__
        raise ValueError(f"y must have the shape of the logits model(x)[0], {tuple(logits.shape)}; got {got}")
    return F.binary_cross_entropy_with_logits(logits, y)


def train_on_xor_stream(
    model: Callable[[], torch.nn.Module],
    bits: np.ndarray,
    *,
    steps: int,
    T: int = 30,
    batch_size: int = 32,
    lr: float = 0.02,
    seed: int = 0,
    progress: bool = True,
    desc: str = "temporal XOR",
) -> History:
    """Train a next-bit predictor (Elman or Jordan network) on windows of one stream.

    Each step draws ``batch_size`` windows of ``T`` steps that start anywhere in
    ``bits`` (no phase given), runs the network from a zero state and takes one Adam step
    on :func:`xor_loss` (gradient norm clipped at 1), through :func:`rnnbook.train.fit`.

    Parameters
    ----------
    model : callable
        A factory, ``lambda: ElmanNetwork(1, 8, 1)``; ``seed`` fixes its initial weights.
    bits : numpy.ndarray
        The training stream, for example ``xor_stream(1000, seed=0)`` (3,000 bits).
    steps, T, batch_size : int
        Optimiser steps, window length T and windows per step B.
    lr : float
        Adam's learning rate.
    seed : int
        Seeds the initial weights and the windows' positions.

    Returns
    -------
    History
        Its ``model`` is the trained network.

    Shapes
    ------
    bits: (N,); each batch: (T, B, 1).
    """
    seed = check_positive_int("seed", seed, minimum=0)
    batches = xor_windows(bits, batch_size, T, seed=seed)
    return fit(model, xor_loss, batches, steps=steps, lr=lr, seed=seed, progress=progress, desc=desc, device="cpu")


def next_bit_errors(model: torch.nn.Module, bits: np.ndarray, state0: Optional[torch.Tensor] = None) -> np.ndarray:
    """Squared error of the predicted probability of every next bit, over one stream.

    The network reads ``bits[:-1]`` in a single pass from ``state0`` (zeros by default:
    h0 of an Elman network, s0 of a Jordan network) and predicts ``bits[1:]``; the error
    at step t is (sigmoid(y_t) - bits[t + 1])^2, 0.25 for a prediction of 0.5.

    Shapes
    ------
    bits: (N,); state0: (1, H) or (1, C); returns (N - 1,).
    """
    if not isinstance(bits, np.ndarray) or bits.ndim != 1 or len(bits) < 2:
        got = f"shape {bits.shape}" if isinstance(bits, np.ndarray) else type(bits).__name__
        raise ValueError(f"bits must be a 1-D numpy array of at least 2 bits; got {got}")
    stream = torch.tensor(bits, dtype=torch.float32)[:, None, None]  # (N, 1, 1)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        p = torch.sigmoid(model(stream[:-1], state0)[0])  # (N - 1, 1, 1)
    model.train(was_training)
    return ((p - stream[1:]) ** 2)[:, 0, 0].double().numpy()


def phase_errors(errors: np.ndarray, phase: int = 0) -> Tuple[float, float]:
    """Mean error on the predictable bits and on the others.

    ``phase`` is the place in its triplet (0, 1 or 2) of the stream's first bit, which
    the scorer knows and the network does not. The prediction made on reading input t
    (t = 0, 1, ...) is of bit t + 1, which is the XOR of the two before it when input t
    is the second bit of its triplet, (t + phase) mod 3 = 1.

    Shapes
    ------
    errors: (T,) from :func:`next_bit_errors`; returns two floats.
    """
    errors = np.asarray(errors, dtype=float)
    if errors.ndim != 1 or len(errors) < 3:
        raise ValueError(f"errors must be a 1-D array of at least 3 steps; got shape {errors.shape}")
    if isinstance(phase, bool) or phase not in (0, 1, 2):
        raise ValueError(f"phase must be 0, 1 or 2; got {phase!r}")
    predictable = (np.arange(len(errors)) + phase) % 3 == 1  # (T,)
    return float(errors[predictable].mean()), float(errors[~predictable].mean())


def error_by_position(errors: np.ndarray, window: int = 12, start: int = 0) -> np.ndarray:
    """Root mean squared error by position in consecutive stretches of ``window`` inputs.

    The first ``start`` errors are skipped (to begin the stretches at a triplet); the
    rest is cut into stretches of ``window`` (a leftover is dropped);
    the result at position k is the square root of the mean over stretches of their
    squared error at k. With ``window = 12`` this is the curve of Elman's Fig. 3.

    Shapes
    ------
    errors: (T,) squared errors; returns (window,).
    """
    window = check_positive_int("window", window)
    start = check_positive_int("start", start, minimum=0)
    errors = np.asarray(errors, dtype=float)
    if errors.ndim != 1 or len(errors) < start + window:
        raise ValueError(
            f"errors must be a 1-D array of at least start + window = {start + window} steps; got shape {errors.shape}"
        )
    errors = errors[start:]
    n = len(errors) // window
    return np.sqrt(errors[: n * window].reshape(n, window).mean(axis=0))
