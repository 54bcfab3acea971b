"""Gated recurrent unit (Cho et al. 2014) in both conventions, with hand-written BPTT.

Gate blocks in PyTorch's order r | z | n (chapter 6):

.. math::

    r_t &= \\sigma(W_{xr} x_t + b_{xr} + W_{hr} h_{t-1} + b_{hr}) \\qquad \\text{(Eq. (6.1))}\\\\
    z_t &= \\sigma(W_{xz} x_t + b_{xz} + W_{hz} h_{t-1} + b_{hz}) \\qquad \\text{(Eq. (6.2))}\\\\
    n_t &= \\tanh\\big(W_{xn} x_t + b_{xn} + r_t \\odot (W_{hn} h_{t-1} + b_{hn})\\big)
        \\qquad \\text{(Eq. (6.3), reset after)}\\\\
    n_t &= \\tanh\\big(W_{xn} x_t + b_{xn} + W_{hn} (r_t \\odot h_{t-1}) + b_{hn}\\big)
        \\qquad \\text{(Eq. (6.4), reset before)}\\\\
    h_t &= (1 - z_t) \\odot n_t + z_t \\odot h_{t-1} \\qquad \\text{(Eq. (6.5))}

The two conventions differ only in where the reset gate acts. PyTorch applies it after the
hidden product (Eq. (6.3)), so that :math:`W_{hh} h_{t-1}` for all three blocks is one
matrix product per step; Cho et al. apply it to :math:`h_{t-1}` first (Eq. (6.4)), which
needs a second, dependent product. With the same weights the two give different outputs.
The :math:`b_{x\\cdot}` are ``bias_ih_l0`` and the :math:`b_{h\\cdot}` ``bias_hh_l0``.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from ..utils import SeedLike
from .base import RecurrentLayer
from .lstm import _sigmoid

__all__ = ["GRU"]


class GRU(RecurrentLayer):
    """GRU layer, Eqs. (6.1)-(6.5).

    Parameters
    ----------
    input_size : int
        D.
    hidden_size : int
        H.
    reset_after : bool
        ``True``: PyTorch's convention, Eq. (6.3); ``False``: Cho et al.'s, Eq. (6.4).
    seed : int, numpy.random.Generator or None
        Source of the initial weights, :math:`U(-1/\\sqrt{H}, 1/\\sqrt{H})` as in PyTorch.
    dtype : numpy.dtype
        float32 or float64.

    Attributes
    ----------
    params : dict
        ``weight_ih_l0`` (:math:`W_{xr}, W_{xz}, W_{xn}` stacked), ``weight_hh_l0``
        (:math:`W_{hr}, W_{hz}, W_{hn}`), ``bias_ih_l0`` and ``bias_hh_l0``.

    Shapes
    ------
    ``weight_ih_l0``: (3H, D); ``weight_hh_l0``: (3H, H); biases: (3H,).
    Input x: (T, B, D); h0: (B, H); output: (T, B, H).
    """

    n_gates = 3
    torch_class = "GRU"

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        *,
        reset_after: bool = True,
        seed: SeedLike = 0,
        dtype: Any = np.float64,
    ) -> None:
        self.reset_after = bool(reset_after)
        super().__init__(input_size, hidden_size, seed=seed, dtype=dtype)

    def forward(self, x: np.ndarray, h0: Optional[np.ndarray] = None) -> tuple:
        """Run the layer over a batch of sequences, Eqs. (6.1)-(6.5).

        Parameters
        ----------
        x : numpy.ndarray
            Inputs, in the layer's dtype.
        h0 : numpy.ndarray or None
            Initial state; zeros when ``None``.

        Returns
        -------
        output : numpy.ndarray
            Hidden states :math:`h_1, \\dots, h_T`.
        cache : dict
            What ``backward`` needs (gate activations under ``"gates"``, shape
            (T, B, 3H), blocks r | z | n).

        Shapes
        ------
        x: (T, B, D); h0: (B, H); output: (T, B, H).
        """
        T, B = self._check_x(x)
        h0 = self._check_state("h0", h0, B)
        H, D, p = self.hidden_size, self.input_size, self.params
        W_hh, b_hh = p["weight_hh_l0"], p["bias_hh_l0"]
        W_hh_T = np.ascontiguousarray(W_hh.T)  # (H, 3H)
        h = np.empty((T + 1, B, H), dtype=self.dtype)  # h[t] = h_t, h[0] = h_0
        h[0] = h0
        # The input part W_x* x_t + b_x* of every gate at every step, in one product.
        # This array becomes the gates: each step overwrites its row with r|z|n.
        gates = np.dot(x.reshape(T * B, D), p["weight_ih_l0"].T).reshape(T, B, 3 * H)
        gates += p["bias_ih_l0"]
        r, z, n = (gates[:, :, k * H : (k + 1) * H] for k in range(3))  # views, (T, B, H) each
        # hn[t]: the hidden part of the candidate, W_hn h_{t-1} + b_hn (reset after) or
        # W_hn (r_t h_{t-1}) + b_hn (reset before); rh[t] = r_t h_{t-1} (reset before only)
        hn = np.empty((T, B, H), dtype=self.dtype)
        rh = None if self.reset_after else np.empty((T, B, H), dtype=self.dtype)
        for t in range(T):  # h[t] holds h_{t-1} of the book's step t+1
            if self.reset_after:
                a_h = h[t] @ W_hh_T + b_hh  # W_h* h_{t-1} + b_h* for all three blocks, (B, 3H)
                r[t] = _sigmoid(r[t] + a_h[:, :H])  # r_t                   Eq. (6.1)
                z[t] = _sigmoid(z[t] + a_h[:, H : 2 * H])  # z_t              Eq. (6.2)
                hn[t] = a_h[:, 2 * H :]
                n[t] = np.tanh(n[t] + r[t] * hn[t])  # n_t, reset after       Eq. (6.3)
            else:
                a_h = h[t] @ W_hh_T[:, : 2 * H] + b_hh[: 2 * H]  # (B, 2H)
                r[t] = _sigmoid(r[t] + a_h[:, :H])  # r_t                   Eq. (6.1)
                z[t] = _sigmoid(z[t] + a_h[:, H:])  # z_t                   Eq. (6.2)
                rh[t] = r[t] * h[t]
                hn[t] = rh[t] @ W_hh_T[:, 2 * H :] + b_hh[2 * H :]
                n[t] = np.tanh(n[t] + hn[t])  # n_t, reset before            Eq. (6.4)
            h[t + 1] = n[t] + z[t] * (h[t] - n[t])  # (1 - z_t) n_t + z_t h_{t-1}   Eq. (6.5)
        cache = {"x": x, "h": h, "gates": gates, "hn": hn, "rh": rh}
        return h[1:], cache

    def backward_with_state(self, d_output: np.ndarray, cache: dict) -> tuple:
        """Backpropagation through time for the GRU (either convention); arguments and
        results as in :meth:`~rnnbook.scratch.base.Backpropagates.backward_with_state`.

        Shapes
        ------
        d_output: (T, B, H); dx: (T, B, D); each gradient has its parameter's shape.
        """
        d_output = self._check_d_output(d_output, cache)
        x, h, gates, hn, rh = cache["x"], cache["h"], cache["gates"], cache["hn"], cache["rh"]
        T, B = x.shape[:2]
        H, D, p = self.hidden_size, self.input_size, self.params
        W_hh = p["weight_hh_l0"]  # (3H, H)
        r, z, n = (gates[:, :, k * H : (k + 1) * H] for k in range(3))
        # dL/d(input pre-activations) and dL/d(hidden pre-activations), blocks r|z|n
        d_in = np.empty((T, B, 3 * H), dtype=self.dtype)
        d_hid = np.empty((T, B, 3 * H), dtype=self.dtype)
        da_r, da_z, da_n = (d_in[:, :, k * H : (k + 1) * H] for k in range(3))
        dh_next = np.zeros((B, H), dtype=self.dtype)  # what h_t receives from step t+1
        for t in range(T - 1, -1, -1):  # each line undoes the forward line of the same equation
            dh = d_output[t] + dh_next  # delta h_t: from the output and from step t+1
            # h_t = (1 - z_t) n_t + z_t h_{t-1}, Eq. (6.5): to z_t, n_t and h_{t-1}
            da_z[t] = (h[t] - n[t]) * dh * ((1.0 - z[t]) * z[t])  # then through sigma', Eq. (6.2)
            da_n[t] = (1.0 - z[t]) * dh * (1.0 - n[t] * n[t])  # then through tanh'
            dh_next = dh * z[t]
            if self.reset_after:  # n_t = tanh(a_xn + r_t hn_t), Eq. (6.3)
                da_r[t] = da_n[t] * hn[t] * ((1.0 - r[t]) * r[t])  # then sigma', Eq. (6.1)
                d_hid[t, :, : 2 * H] = d_in[t, :, : 2 * H]  # r and z: the same pre-activation
                d_hid[t, :, 2 * H :] = da_n[t] * r[t]  # r_t scales the hidden part of n
                dh_next += d_hid[t] @ W_hh  # h_{t-1} through all three hidden parts
            else:  # n_t = tanh(a_xn + W_hn (r_t h_{t-1}) + b_hn), Eq. (6.4)
                drh = da_n[t] @ W_hh[2 * H :]  # to r_t h_{t-1}
                da_r[t] = drh * h[t] * ((1.0 - r[t]) * r[t])  # then sigma', Eq. (6.1)
                d_hid[t] = d_in[t]
                dh_next += d_hid[t, :, : 2 * H] @ W_hh[: 2 * H] + drh * r[t]
        dI2 = d_in.reshape(T * B, 3 * H)  # (T*B, 3H)
        dH2 = d_hid.reshape(T * B, 3 * H)  # (T*B, 3H)
        h_prev = h[:-1].reshape(T * B, H)  # (T*B, H)
        if self.reset_after:
            dW_hh = np.dot(dH2.T, h_prev)
        else:
            dW_hh = np.empty_like(W_hh)
            dW_hh[: 2 * H] = np.dot(dH2[:, : 2 * H].T, h_prev)
            dW_hh[2 * H :] = np.dot(dH2[:, 2 * H :].T, rh.reshape(T * B, H))
        grads = {
            "weight_ih_l0": np.dot(dI2.T, x.reshape(T * B, D)),
            "weight_hh_l0": dW_hh,
            "bias_ih_l0": dI2.sum(axis=0),
            "bias_hh_l0": dH2.sum(axis=0),
        }
        dx = np.dot(dI2, p["weight_ih_l0"]).reshape(T, B, D)  # (T, B, D)
        return dx, grads, {"h0": dh_next}

    @classmethod
    def from_torch(cls, module: Any, *, reset_after: bool = True) -> "GRU":
        """Copy a single-layer, unidirectional, time-major ``torch.nn.GRU`` (with biases).

        ``reset_after=False`` takes the same weights into Cho et al.'s convention, Eq. (6.4)
        (which then computes something different from the module). The new layer computes
        in the module's dtype.
        """
        cls._check_torch_module(module)
        return cls._from_torch_layer(module, reset_after=reset_after)

    def to_torch(self) -> Any:
        """Return a ``torch.nn.GRU`` with the same weights, computing the same function.

        PyTorch computes Eq. (6.3) only (reset after the matrix product); a
        ``reset_after=False`` layer (Eq. (6.4)) has no ``torch.nn.GRU`` equivalent and is
        refused rather than copied into a module that computes something else.
        """
        if not self.reset_after:
            raise ValueError("to_torch needs reset_after=True: torch.nn.GRU computes Eq. (6.3) only; "
                             "this layer has reset_after=False (Eq. (6.4))")
        return super().to_torch()

    def _layer_kwargs(self) -> dict:
        return {"reset_after": self.reset_after}

    def __repr__(self) -> str:
        return super().__repr__()[:-1] + f", reset_after={self.reset_after})"
