"""Real-time recurrent learning (Williams & Zipser 1989) for the vanilla RNN.

RTRL computes the same gradient as BPTT in forward mode. It carries, for every parameter
:math:`\\theta`, the sensitivity :math:`P_t = \\partial h_t / \\partial \\theta` forward in
time (chapter 3). With :math:`a_t = W_{xh} x_t + W_{hh} h_{t-1} + b_h` and
:math:`h_t = \\phi(a_t)` (Eq. (3.1)):

.. math::

    P_t = \\mathrm{diag}\\big(\\phi'(a_t)\\big)
          \\Big( \\frac{\\partial a_t}{\\partial \\theta}\\Big|_{h_{t-1}}
                 + W_{hh} P_{t-1} \\Big), \\qquad P_0 = 0
    \\qquad \\text{(Eq. (3.5))}

where the immediate term is :math:`[\\partial a_t / \\partial W_{hh}]_{k,ij} =
\\delta_{ki}\\, h_{t-1,j}`, :math:`[\\partial a_t / \\partial W_{xh}]_{k,ij} =
\\delta_{ki}\\, x_{t,j}` and :math:`[\\partial a_t / \\partial b_h]_{k,i} = \\delta_{ki}`.
The gradient is accumulated as the errors arrive:

.. math::

    \\frac{\\partial L}{\\partial \\theta} = \\sum_t
        \\Big(\\frac{\\partial L_t}{\\partial h_t}\\Big)^{\\!\\top} P_t
    \\qquad \\text{(Eq. (3.6))}

so nothing from the past has to be stored: the method is online. The price is the size of
:math:`P_t` for :math:`W_{hh}`, :math:`H \\times H^2`, and its update, a product with
:math:`W_{hh}` costing :math:`O(H^4)` per step, against :math:`O(H^2)` per step for BPTT.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..validation import check_array, check_positive_int
from .rnn import RNN

__all__ = ["RTRL", "rtrl"]


class RTRL:
    """Online RTRL for a vanilla :class:`~rnnbook.scratch.rnn.RNN`, Eqs. (3.5) and (3.6).

    Call :meth:`step` with each input, then :meth:`accumulate` with the error of that
    step; :attr:`grads` holds the running gradient. The weights are read at every step,
    so they may be updated online between steps (the gradient is then RTRL's usual
    approximation).

    Parameters
    ----------
    layer : RNN
        The layer whose gradient is computed.
    batch_size : int
        B.
    h0 : numpy.ndarray or None
        Initial state; zeros when ``None``.

    Attributes
    ----------
    h : numpy.ndarray
        The current state :math:`h_t`.
    sensitivities : dict
        :math:`P_t` for ``weight_ih_l0``, ``weight_hh_l0`` and ``bias`` (the same for both
        biases).
    grads : dict
        The accumulated gradient, keys of ``layer.params``.

    Shapes
    ------
    h: (B, H); sensitivities: (B, H, H, D), (B, H, H, H), (B, H, H) (axis 1 indexes
    :math:`h_t`, the rest the parameter's entry).
    """

    def __init__(self, layer: RNN, batch_size: int, h0: Optional[np.ndarray] = None) -> None:
        if not isinstance(layer, RNN):
            raise TypeError(f"layer must be a rnnbook.scratch.RNN; got {type(layer).__name__}")
        batch_size = check_positive_int("batch_size", batch_size)
        self.layer = layer
        B, H, D, dt = int(batch_size), layer.hidden_size, layer.input_size, layer.dtype
        self.h = layer._check_state("h0", h0, B).copy()
        self.sensitivities = {
            "weight_ih_l0": np.zeros((B, H, H, D), dtype=dt),
            "weight_hh_l0": np.zeros((B, H, H, H), dtype=dt),
            "bias": np.zeros((B, H, H), dtype=dt),
        }
        self.grads = layer.zero_grads()
        self._diag = np.arange(H)

    def step(self, x_t: np.ndarray) -> np.ndarray:
        """Advance one step: compute :math:`h_t` and update every :math:`P_t`, Eq. (3.5).

        Shapes
        ------
        x_t: (B, D); returns h_t: (B, H).
        """
        layer, p = self.layer, self.layer.params
        B, H = self.h.shape
        check_array("x_t", x_t, (("B", B), ("D", layer.input_size)), layer.dtype)
        W_hh = p["weight_hh_l0"]
        h_prev = self.h
        # a_t = W_xh x_t + W_hh h_{t-1} + b_h                         Eq. (3.1)
        a = x_t @ p["weight_ih_l0"].T + h_prev @ W_hh.T + p["bias_ih_l0"] + p["bias_hh_l0"]
        if layer.nonlinearity == "tanh":
            h = np.tanh(a)
            d_phi = 1.0 - h * h
        else:
            h = np.maximum(a, 0)
            d_phi = (h > 0).astype(layer.dtype)
        k = self._diag
        for name, P in self.sensitivities.items():
            # W_hh P_{t-1}: (H, H) @ (B, H, M) -> (B, H, M), M = entries of the parameter
            new = np.matmul(W_hh, P.reshape(B, H, -1)).reshape(P.shape)
            # + immediate term: delta_ki h_{t-1,j}, delta_ki x_{t,j} or delta_ki
            if name == "weight_hh_l0":
                new[:, k, k, :] += h_prev[:, None, :]
            elif name == "weight_ih_l0":
                new[:, k, k, :] += x_t[:, None, :]
            else:
                new[:, k, k] += 1.0
            # P_t = diag(phi'(a_t)) (...)                             Eq. (3.5)
            new *= d_phi.reshape((B, H) + (1,) * (P.ndim - 2))
            self.sensitivities[name] = new
        self.h = h
        return h

    def accumulate(self, dh_t: np.ndarray) -> None:
        """Add :math:`(\\partial L_t/\\partial h_t)^\\top P_t` to :attr:`grads`, Eq. (3.6).

        Shapes
        ------
        dh_t: (B, H).
        """
        B, H = self.h.shape
        check_array("dh_t", dh_t, (("B", B), ("H", H)), self.layer.dtype)
        S, axes = self.sensitivities, ([0, 1], [0, 1])  # sum over the batch b and over k
        self.grads["weight_ih_l0"] += np.tensordot(dh_t, S["weight_ih_l0"], axes)
        self.grads["weight_hh_l0"] += np.tensordot(dh_t, S["weight_hh_l0"], axes)
        db = np.tensordot(dh_t, S["bias"], axes)
        self.grads["bias_ih_l0"] += db
        self.grads["bias_hh_l0"] += db


def rtrl(layer: RNN, x: np.ndarray, d_output: np.ndarray, h0: Optional[np.ndarray] = None) -> tuple:
    """Run RTRL over a whole sequence with given errors; the result equals BPTT's.

    Parameters
    ----------
    layer : RNN
        Vanilla RNN layer.
    x : numpy.ndarray
        Inputs.
    d_output : numpy.ndarray
        :math:`\\partial L_t / \\partial h_t` for every step (as passed to ``backward``).
    h0 : numpy.ndarray or None
        Initial state.

    Returns
    -------
    output : numpy.ndarray
        :math:`h_1, \\dots, h_T`.
    grads : dict
        Gradients with the keys of ``layer.params``.

    Shapes
    ------
    x: (T, B, D); d_output, output: (T, B, H); h0: (B, H).
    """
    if not isinstance(layer, RNN):
        raise TypeError(f"layer must be a rnnbook.scratch.RNN; got {type(layer).__name__}")
    T, B = layer._check_x(x)
    check_array("d_output", d_output, (("T", T), ("B", B), ("H", layer.hidden_size)), layer.dtype)
    learner = RTRL(layer, B, h0)
    output = np.empty((T, B, layer.hidden_size), dtype=layer.dtype)
    for t in range(T):
        output[t] = learner.step(x[t])
        learner.accumulate(d_output[t])
    return output, learner.grads
