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
        h = np.empty((T + 1, B, H), dtype=self.dtype)
        h[0] = h0
        # Input parts W_x* x_t + b_x* of Eqs. (6.1)-(6.4), all steps in one product.
        gates = np.dot(x.reshape(T * B, D), p["weight_ih_l0"].T).reshape(T, B, 3 * H)
        gates += p["bias_ih_l0"]  # (T, B, 3H), blocks r|z|n
        # hn[t]: W_hn h_{t-1} + b_hn (reset after) or W_hn (r_t * h_{t-1}) + b_hn (before)
        hn = np.empty((T, B, H), dtype=self.dtype)
        rh = None if self.reset_after else np.empty((T, B, H), dtype=self.dtype)  # r_t * h_{t-1}
        rec = np.empty((B, 3 * H), dtype=self.dtype)
        tmp = np.empty((B, H), dtype=self.dtype)
        W_hh_T = np.ascontiguousarray(W_hh.T)  # (H, 3H); a contiguous copy: faster BLAS
        for t in range(T):
            G = gates[t]
            rz, n = G[:, : 2 * H], G[:, 2 * H :]
            r, z = G[:, :H], G[:, H : 2 * H]
            if self.reset_after:
                # one product for all three blocks: W_hh h_{t-1} + b_hh
                np.dot(h[t], W_hh_T, out=rec)
                rec += b_hh
                rz += rec[:, : 2 * H]
                rz[...] = _sigmoid(rz)  # r_t, z_t                 Eqs. (6.1), (6.2)
                hn[t] = rec[:, 2 * H :]
                # n_t = tanh(W_xn x + b_xn + r_t * (W_hn h_{t-1} + b_hn))   Eq. (6.3)
                np.multiply(r, hn[t], out=tmp)
            else:
                rz += np.dot(h[t], W_hh_T[:, : 2 * H]) + b_hh[: 2 * H]
                rz[...] = _sigmoid(rz)  # r_t, z_t                 Eqs. (6.1), (6.2)
                # n_t = tanh(W_xn x + b_xn + W_hn (r_t * h_{t-1}) + b_hn)   Eq. (6.4)
                np.multiply(r, h[t], out=rh[t])
                np.dot(rh[t], W_hh_T[:, 2 * H :], out=hn[t])
                hn[t] += b_hh[2 * H :]
                tmp[...] = hn[t]
            n += tmp
            np.tanh(n, out=n)
            # h_t = (1 - z_t) * n_t + z_t * h_{t-1} = n_t + z_t * (h_{t-1} - n_t)   Eq. (6.5)
            np.subtract(h[t], n, out=tmp)
            tmp *= z
            np.add(n, tmp, out=h[t + 1])
        cache = {"x": x, "h": h, "gates": gates, "hn": hn, "rh": rh}
        return h[1:], cache

    def backward(
        self, d_output: np.ndarray, cache: dict, *, return_dh0: bool = False
    ) -> tuple:
        """Backpropagation through time for the GRU (either convention).

        Parameters
        ----------
        d_output : numpy.ndarray
            :math:`\\partial L / \\partial h_t` from outside the layer, for every step.
        cache : dict
            From ``forward``.
        return_dh0 : bool
            Also return ``{"h0": dL/dh_0}`` as a third element.

        Returns
        -------
        dx : numpy.ndarray
            :math:`\\partial L / \\partial x_t`.
        grads : dict
            Gradients with the keys of ``params``.

        Shapes
        ------
        d_output: (T, B, H); dx: (T, B, D); each gradient has its parameter's shape.
        """
        d_output = self._check_d_output(d_output, cache)
        x, h, gates, hn, rh = cache["x"], cache["h"], cache["gates"], cache["hn"], cache["rh"]
        T, B = x.shape[:2]
        H, D, p = self.hidden_size, self.input_size, self.params
        W_hh = p["weight_hh_l0"]  # (3H, H)
        # dL/d(input pre-activations) and dL/d(hidden pre-activations), blocks r|z|n
        d_in = np.empty((T, B, 3 * H), dtype=self.dtype)
        d_hid = np.empty((T, B, 3 * H), dtype=self.dtype)
        dh_next = np.zeros((B, H), dtype=self.dtype)
        dh = np.empty((B, H), dtype=self.dtype)
        tmp = np.empty((B, H), dtype=self.dtype)
        for t in range(T - 1, -1, -1):
            G, dI, dHd = gates[t], d_in[t], d_hid[t]
            r, z, n = G[:, :H], G[:, H : 2 * H], G[:, 2 * H :]
            dar, daz, dan = dI[:, :H], dI[:, H : 2 * H], dI[:, 2 * H :]
            np.add(d_output[t], dh_next, out=dh)  # delta h_t
            # Eq. (6.5): dL/dz_t = delta h_t (h_{t-1} - n_t), times sigma'
            np.subtract(h[t], n, out=daz)
            daz *= dh
            np.subtract(1.0, z, out=tmp)
            tmp *= z
            daz *= tmp
            # Eq. (6.5): dL/dn_t = delta h_t (1 - z_t), times tanh' = 1 - n^2
            np.subtract(1.0, z, out=dan)
            dan *= dh
            np.multiply(n, n, out=tmp)
            np.subtract(1.0, tmp, out=tmp)
            dan *= tmp
            if self.reset_after:
                # Eq. (6.3): dL/dr_t = dL/da_n * (W_hn h_{t-1} + b_hn), times sigma'
                np.multiply(dan, hn[t], out=dar)
                np.subtract(1.0, r, out=tmp)
                tmp *= r
                dar *= tmp
                dHd[:, : 2 * H] = dI[:, : 2 * H]
                np.multiply(dan, r, out=dHd[:, 2 * H :])  # r_t scales the hidden part
                # dL/dh_{t-1} = z_t delta h_t + W_hh^T d_hid_t
                np.dot(dHd, W_hh, out=dh_next)
            else:
                # Eq. (6.4): dL/d(r_t * h_{t-1}) = W_hn^T dL/da_n
                drh = np.dot(dan, W_hh[2 * H :])
                np.multiply(drh, h[t], out=dar)
                np.subtract(1.0, r, out=tmp)
                tmp *= r
                dar *= tmp
                dHd[...] = dI
                np.dot(dHd[:, : 2 * H], W_hh[: 2 * H], out=dh_next)
                drh *= r
                dh_next += drh
            np.multiply(dh, z, out=tmp)
            dh_next += tmp
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
        if return_dh0:
            return dx, grads, {"h0": dh_next}
        return dx, grads

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
