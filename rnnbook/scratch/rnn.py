"""The vanilla (Elman) recurrent layer with tanh or ReLU, and its backpropagation through time.

Forward, for t = 1, ..., T (chapter 3):

.. math::

    a_t = W_{xh} x_t + W_{hh} h_{t-1} + b_h, \\qquad h_t = \\phi(a_t)
    \\qquad \\text{(Eq. (3.1))}

with :math:`\\phi = \\tanh` or ReLU. Backward (BPTT), with
:math:`\\delta_t = \\partial L / \\partial h_t` the total derivative through all later steps:

.. math::

    \\delta_t = \\frac{\\partial L}{\\partial h_t}\\Big|_{\\text{direct}}
        + W_{hh}^\\top \\big(\\phi'(a_{t+1}) \\odot \\delta_{t+1}\\big)
    \\qquad \\text{(Eq. (3.3))}

.. math::

    \\frac{\\partial L}{\\partial W_{hh}} = \\sum_t (\\phi'(a_t) \\odot \\delta_t)\\, h_{t-1}^\\top,
    \\quad
    \\frac{\\partial L}{\\partial W_{xh}} = \\sum_t (\\phi'(a_t) \\odot \\delta_t)\\, x_t^\\top,
    \\quad
    \\frac{\\partial L}{\\partial b_h} = \\sum_t \\phi'(a_t) \\odot \\delta_t
    \\qquad \\text{(Eq. (3.4))}
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from ..utils import SeedLike
from .base import RecurrentLayer

__all__ = ["RNN"]


class RNN(RecurrentLayer):
    """Vanilla recurrent layer :math:`h_t = \\phi(W_{xh} x_t + W_{hh} h_{t-1} + b_h)`.

    Parameters
    ----------
    input_size : int
        D.
    hidden_size : int
        H.
    nonlinearity : str
        :math:`\\phi`: ``"tanh"`` or ``"relu"``.
    seed : int, numpy.random.Generator or None
        Source of the initial weights, :math:`U(-1/\\sqrt{H}, 1/\\sqrt{H})` as in PyTorch.
    dtype : numpy.dtype
        float32 or float64.

    Attributes
    ----------
    params : dict
        ``weight_ih_l0`` (:math:`W_{xh}`), ``weight_hh_l0`` (:math:`W_{hh}`),
        ``bias_ih_l0`` and ``bias_hh_l0`` (their sum is :math:`b_h`).

    Shapes
    ------
    ``weight_ih_l0``: (H, D); ``weight_hh_l0``: (H, H); biases: (H,).
    Input x: (T, B, D); h0: (B, H); output: (T, B, H).
    """

    n_gates = 1
    torch_class = "RNN"

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        *,
        nonlinearity: str = "tanh",
        seed: SeedLike = 0,
        dtype: Any = np.float64,
    ) -> None:
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"nonlinearity must be 'tanh' or 'relu'; got {nonlinearity!r}")
        self.nonlinearity = nonlinearity
        super().__init__(input_size, hidden_size, seed=seed, dtype=dtype)

    def forward(self, x: np.ndarray, h0: Optional[np.ndarray] = None) -> tuple:
        """Run the layer over a batch of sequences, Eq. (3.1).

        Parameters
        ----------
        x : numpy.ndarray
            Inputs :math:`x_1, \\dots, x_T`, in the layer's dtype.
        h0 : numpy.ndarray or None
            Initial state :math:`h_0`; zeros when ``None``.

        Returns
        -------
        output : numpy.ndarray
            Hidden states :math:`h_1, \\dots, h_T`.
        cache : dict
            What ``backward`` needs.

        Shapes
        ------
        x: (T, B, D); h0: (B, H); output: (T, B, H).
        """
        T, B = self._check_x(x)
        h0 = self._check_state("h0", h0, B)
        H, D = self.hidden_size, self.input_size
        W_xh, W_hh = self.params["weight_ih_l0"], self.params["weight_hh_l0"]
        h = np.empty((T + 1, B, H), dtype=self.dtype)  # h[t] is h_t; h[0] = h_0
        h[0] = h0
        # Input part of Eq. (3.1) for all steps in one product: W_xh x_t + b_h.
        a = np.dot(x.reshape(T * B, D), W_xh.T).reshape(T, B, H)  # (T, B, H)
        a += self.params["bias_ih_l0"] + self.params["bias_hh_l0"]
        rec = np.empty((B, H), dtype=self.dtype)
        W_hh_T = np.ascontiguousarray(W_hh.T)  # (H, H); a contiguous copy: faster BLAS
        for t in range(T):
            # a_t = W_xh x_t + b_h + W_hh h_{t-1}                    Eq. (3.1)
            np.dot(h[t], W_hh_T, out=rec)
            a[t] += rec
            # h_t = phi(a_t)                                          Eq. (3.1)
            if self.nonlinearity == "tanh":
                np.tanh(a[t], out=h[t + 1])
            else:
                np.maximum(a[t], 0, out=h[t + 1])
        return h[1:], {"x": x, "h": h}

    def backward_with_state(self, d_output: np.ndarray, cache: dict) -> tuple:
        """Backpropagation through time, Eqs. (3.3) and (3.4); arguments and
        results as in :meth:`~rnnbook.scratch.base.Backpropagates.backward_with_state`.

        Shapes
        ------
        d_output: (T, B, H); dx: (T, B, D); each gradient has its parameter's shape.
        """
        d_output = self._check_d_output(d_output, cache)
        x, h = cache["x"], cache["h"]
        T, B = x.shape[:2]
        H, D = self.hidden_size, self.input_size
        W_xh, W_hh = self.params["weight_ih_l0"], self.params["weight_hh_l0"]
        da = np.empty((T, B, H), dtype=self.dtype)  # dL/da_t, all steps
        dh_next = np.zeros((B, H), dtype=self.dtype)  # W_hh^T (phi'(a_{t+1}) * delta_{t+1})
        for t in range(T - 1, -1, -1):
            # delta_t = direct part + W_hh^T (phi'(a_{t+1}) * delta_{t+1})     Eq. (3.3)
            np.add(d_output[t], dh_next, out=da[t])
            # dL/da_t = phi'(a_t) * delta_t; tanh' = 1 - h_t^2, relu' = [h_t > 0]
            if self.nonlinearity == "tanh":
                da[t] *= 1.0 - h[t + 1] * h[t + 1]
            else:
                da[t] *= h[t + 1] > 0
            np.dot(da[t], W_hh, out=dh_next)
        # Eq. (3.4): sums over all steps as single products over (T*B) rows.
        da2 = da.reshape(T * B, H)  # (T*B, H)
        db = da2.sum(axis=0)
        grads = {
            "weight_ih_l0": np.dot(da2.T, x.reshape(T * B, D)),
            "weight_hh_l0": np.dot(da2.T, h[:-1].reshape(T * B, H)),
            "bias_ih_l0": db,
            "bias_hh_l0": db.copy(),
        }
        dx = np.dot(da2, W_xh).reshape(T, B, D)  # (T, B, D)
        return dx, grads, {"h0": dh_next}

    @classmethod
    def from_torch(cls, module: Any) -> "RNN":
        """Copy a single-layer, unidirectional, time-major ``torch.nn.RNN`` (with biases).

        The new layer computes in the module's dtype.
        """
        cls._check_torch_module(module)
        return cls._from_torch_layer(module)

    @classmethod
    def _torch_variant(cls, module: Any) -> dict:
        return {"nonlinearity": module.nonlinearity}

    def _torch_kwargs(self) -> dict:
        return {**super()._torch_kwargs(), "nonlinearity": self.nonlinearity}

    def _layer_kwargs(self) -> dict:
        return {"nonlinearity": self.nonlinearity}

    def __repr__(self) -> str:
        return super().__repr__()[:-1] + f", nonlinearity={self.nonlinearity!r})"
