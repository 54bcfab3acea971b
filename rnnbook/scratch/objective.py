"""The whole training signal of a from-scratch recurrent classifier: forward, loss, BPTT.

A recurrent layer reads the sequence, the affine output layer of Eq. (3.2) maps every
state to class scores, and the softmax cross-entropy compares them with the labels, either
at every step (where ``mask`` is True) or at the last step only. The backward pass is
chained from the loss down: :math:`\\partial L / \\partial y_t` from the loss, the direct
part of :math:`\\delta_t = \\partial L / \\partial h_t` from the output layer, and BPTT
through the recurrent layer, Eqs. (3.3) and (3.4).
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from .output import Linear, softmax_cross_entropy

__all__ = ["sequence_cross_entropy"]


def sequence_cross_entropy(
    layer: Any,
    out: Linear,
    x: np.ndarray,
    labels: np.ndarray,
    *,
    mask: Optional[np.ndarray] = None,
    last_step: bool = False,
) -> tuple:
    """Mean cross-entropy of a recurrent classifier and the gradients of all its parameters.

    Parameters
    ----------
    layer : object
        The recurrent part: a from-scratch layer (:class:`~rnnbook.scratch.rnn.RNN`,
        :class:`~rnnbook.scratch.lstm.LSTM`, :class:`~rnnbook.scratch.gru.GRU`,
        :class:`~rnnbook.scratch.bidirectional.Bidirectional` or
        :class:`~rnnbook.scratch.stacked.Stacked`), with ``forward(x)`` and
        ``backward(d_output, cache)``.
    out : rnnbook.scratch.output.Linear
        The output layer, :math:`y_t = W_{hy} h_t + b_y`.
    x : numpy.ndarray
        Inputs.
    labels : numpy.ndarray
        Integer classes: one per step, or one per sequence when ``last_step``.
    mask : numpy.ndarray of bool, optional
        Steps that carry a target (default: all). Not used with ``last_step``.
    last_step : bool
        Score only the output at the last step (a many-to-one task).

    Returns
    -------
    loss : float
        Mean cross-entropy over the scored outputs.
    grads : dict
        Gradients of the recurrent layer's and the output layer's parameters, by name.
    d_h : numpy.ndarray
        The direct part of :math:`\\partial L / \\partial h_t` that the output layer hands
        to the recurrent layer (zero at steps without a target), for example to feed
        :func:`rnnbook.scratch.truncated.truncated_bptt`.

    Shapes
    ------
    x: (T, B, D); labels: (T, B), or (B,) with ``last_step``; mask: (T, B); d_h: (T, B, H).
    """
    for name, obj in (("layer", layer), ("out", out)):
        if not all(callable(getattr(obj, m, None)) for m in ("forward", "backward")):
            raise TypeError(f"{name} must be a from-scratch layer with forward and backward; got {type(obj).__name__}")
    h, cache = layer.forward(x)  # (T, B, H)
    if last_step:
        if mask is not None:
            raise ValueError("mask is not used with last_step=True; give one or the other")
        logits, out_cache = out.forward(h[-1])  # (B, C)
        loss, d_logits = softmax_cross_entropy(logits, labels)
        d_last, out_grads = out.backward(d_logits, out_cache)  # (B, H)
        d_h = np.zeros_like(h)
        d_h[-1] = d_last  # the error enters at step T only
    else:
        logits, out_cache = out.forward(h)  # (T, B, C)
        labels = np.asarray(labels)
        if mask is None:
            mask = np.ones(labels.shape, dtype=bool)
        elif not isinstance(mask, np.ndarray) or mask.dtype != bool or mask.shape != labels.shape:
            got = (mask.dtype, tuple(mask.shape)) if isinstance(mask, np.ndarray) else type(mask).__name__
            raise ValueError(f"mask must be a bool array of the labels' shape {labels.shape}; got {got}")
        loss, d_sel = softmax_cross_entropy(logits[mask], labels[mask])
        d_logits = np.zeros_like(logits)
        d_logits[mask] = d_sel  # dL_t/dy_t, zero where there is no target
        d_h, out_grads = out.backward(d_logits, out_cache)  # direct part of delta_t
    _, layer_grads = layer.backward(d_h, cache)  # Eqs. (3.3) and (3.4)
    return loss, {**layer_grads, **out_grads}, d_h
