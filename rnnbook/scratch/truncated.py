"""Truncated backpropagation through time, TBPTT(k1, k2) (Williams & Peng 1990).

Full BPTT sends every error :math:`\\partial L_t / \\partial h_t` back to step 1. Truncated
BPTT processes the sequence in segments: every :math:`k_1` steps it runs BPTT over the last
:math:`k_2 \\ge k_1` steps only, with the errors of the :math:`k_1` newest steps injected
(Williams & Peng's BPTT(h; h') with :math:`h = k_2`, :math:`h' = k_1`; the (k1, k2)
naming follows Sutskever 2013). The forward pass is unchanged, so the state still carries
information from the whole past, but a gradient never flows more than :math:`k_2 - 1`
steps back: a dependency longer than that cannot be learned from the gradient (chapter 3).

The sum over segments is an estimate of the full gradient; it *is* the full gradient when
:math:`k_2 \\ge T` (every error then reaches step 1). The cost is
:math:`O(T k_2 / k_1)` step-backward operations against :math:`O(T)` for BPTT, and memory
:math:`O(k_2)` in an online implementation.
"""

from __future__ import annotations

import numpy as np

from ..validation import check_array, check_positive_int
from .base import RecurrentLayer

__all__ = ["truncated_bptt"]


def truncated_bptt(
    layer: RecurrentLayer,
    x: np.ndarray,
    d_output: np.ndarray,
    k1: int,
    k2: int,
    **state: np.ndarray,
) -> dict:
    """Gradient of a recurrent layer by TBPTT(k1, k2), for fixed weights.

    The segments end at steps :math:`k_1, 2k_1, \\dots` and at :math:`T`. For the segment
    ending at step :math:`e` (after the previous one ended at :math:`e'`), the layer is
    re-run from its state at step :math:`s = \\max(0, e - k_2)` over
    :math:`x_{s+1}, \\dots, x_e`, and BPTT is run over those steps with the errors of steps
    :math:`e'+1, \\dots, e` only. The segments' gradients are summed.

    Parameters
    ----------
    layer : RecurrentLayer
        :class:`~rnnbook.scratch.rnn.RNN`, :class:`~rnnbook.scratch.lstm.LSTM` or
        :class:`~rnnbook.scratch.gru.GRU`.
    x : numpy.ndarray
        Inputs.
    d_output : numpy.ndarray
        :math:`\\partial L_t / \\partial h_t` for every step (for example from the output
        layer's ``backward`` after a full forward pass).
    k1 : int
        Steps between two truncated backward passes, :math:`k_1 \\ge 1`.
    k2 : int
        How many steps each backward pass covers, :math:`k_2 \\ge k_1`.
    **state : numpy.ndarray
        Initial state for ``layer.forward`` (``h0``, and ``c0`` for the LSTM).

    Returns
    -------
    dict
        Gradients with the keys of ``layer.params``.

    Shapes
    ------
    x: (T, B, D); d_output: (T, B, H); initial states: (B, H).
    """
    if not isinstance(layer, RecurrentLayer):
        raise TypeError(f"layer must be an RNN, LSTM or GRU; got {type(layer).__name__}")
    for name, value in (("k1", k1), ("k2", k2)):
        check_positive_int(name, value)
    if k2 < k1:
        raise ValueError(f"k2 must be at least k1={k1} (errors would be dropped); got {k2}")
    _, cache = layer.forward(x, **state)  # the states every segment restarts from
    T, B = x.shape[:2]
    check_array("d_output", d_output, (("T", T), ("B", B), ("H", layer.hidden_size)), layer.dtype)
    grads = layer.zero_grads()
    ends = list(range(k1, T, k1)) + [T]
    previous = 0
    for end in ends:
        start = max(0, end - k2)
        # Re-run the window from the stored state at step `start`: steps start+1 .. end.
        _, window = layer.forward(x[start:end], **layer.state_at(cache, start))
        d = np.zeros((end - start, B, layer.hidden_size), dtype=layer.dtype)
        d[previous - start :] = d_output[previous:end]  # errors of this segment only
        _, g = layer.backward(d, window)
        for k in grads:
            grads[k] += g[k]
        previous = end
    return grads
