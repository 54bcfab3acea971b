"""Long short-term memory (Hochreiter & Schmidhuber 1997), with optional peepholes.

Forward, for t = 1, ..., T (chapter 5), gate blocks in PyTorch's order i | f | g | o:

.. math::

    i_t &= \\sigma(W_{xi} x_t + W_{hi} h_{t-1} + b_i) \\qquad \\text{(Eq. (5.1))}\\\\
    f_t &= \\sigma(W_{xf} x_t + W_{hf} h_{t-1} + b_f) \\qquad \\text{(Eq. (5.2))}\\\\
    g_t &= \\tanh(W_{xg} x_t + W_{hg} h_{t-1} + b_g) \\qquad \\text{(Eq. (5.3))}\\\\
    o_t &= \\sigma(W_{xo} x_t + W_{ho} h_{t-1} + b_o) \\qquad \\text{(Eq. (5.4))}\\\\
    c_t &= f_t \\odot c_{t-1} + i_t \\odot g_t \\qquad \\text{(Eq. (5.5))}\\\\
    h_t &= o_t \\odot \\tanh(c_t) \\qquad \\text{(Eq. (5.6))}

(:math:`g_t` is the candidate :math:`\\tilde c_t`). With peepholes (Gers, Schraudolph &
Schmidhuber 2002) the gates also look at the cell through diagonal weights (Eq. (5.8)):
:math:`w_{ci} \\odot c_{t-1}` is added inside :math:`i_t`, :math:`w_{cf} \\odot c_{t-1}`
inside :math:`f_t`, and :math:`w_{co} \\odot c_t` (the *new* cell) inside :math:`o_t`.

Backward, with :math:`\\delta h_t = \\partial L/\\partial h_t` and
:math:`\\delta c_t = \\partial L/\\partial c_t` (total derivatives):

.. math::

    \\delta o_t = \\delta h_t \\odot \\tanh(c_t),\\quad
    \\delta c_t = \\delta c_{t+1} \\odot f_{t+1}
        + \\delta h_t \\odot o_t \\odot (1 - \\tanh^2 c_t),\\quad
    \\delta i_t = \\delta c_t \\odot g_t,\\quad
    \\delta f_t = \\delta c_t \\odot c_{t-1},\\quad
    \\delta g_t = \\delta c_t \\odot i_t

then through :math:`\\sigma' = \\sigma(1-\\sigma)` and :math:`\\tanh' = 1 - \\tanh^2` to the
pre-activations, which are stacked as (T B, 4H) so that each weight gradient is one product.
The code is written to be read beside the equations: one line per equation, the backward
step undoing the forward step line by line; ``python -m rnnbook.bench`` times it against
``torch.nn.LSTM``.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from ..utils import SeedLike, as_rng
from .base import RecurrentLayer, uniform_init

__all__ = ["LSTM"]

PEEPHOLE_NAMES = ("weight_ci_l0", "weight_cf_l0", "weight_co_l0")


def _sigmoid(a: np.ndarray) -> np.ndarray:
    """sigma(a) = (1 + tanh(a/2)) / 2: the same function as 1 / (1 + e^{-a}), never overflowing."""
    return 0.5 + 0.5 * np.tanh(0.5 * a)


class LSTM(RecurrentLayer):
    """LSTM layer, Eqs. (5.1)-(5.6), with the peephole connections of Eq. (5.8) on request.

    Parameters
    ----------
    input_size : int
        D.
    hidden_size : int
        H.
    peephole : bool
        Add the diagonal peephole weights :math:`w_{ci}, w_{cf}, w_{co}` (not in PyTorch,
        so such a layer has no ``to_torch``).
    seed : int, numpy.random.Generator or None
        Source of the initial weights, :math:`U(-1/\\sqrt{H}, 1/\\sqrt{H})` as in PyTorch;
        the peephole weights are drawn last, so the other weights do not depend on
        ``peephole``.
    dtype : numpy.dtype
        float32 or float64.

    Attributes
    ----------
    params : dict
        ``weight_ih_l0`` (:math:`W_{xh}`, the blocks :math:`W_{xi}, W_{xf}, W_{xg},
        W_{xo}` stacked), ``weight_hh_l0`` (:math:`W_{hh}`, same blocks), ``bias_ih_l0``
        and ``bias_hh_l0`` (their sum is :math:`b_h`); with peepholes also
        ``weight_ci_l0``, ``weight_cf_l0``, ``weight_co_l0``.

    Shapes
    ------
    ``weight_ih_l0``: (4H, D); ``weight_hh_l0``: (4H, H); biases: (4H,); peephole
    weights: (H,). Input x: (T, B, D); h0, c0: (B, H); output: (T, B, H).
    """

    n_gates = 4
    torch_class = "LSTM"
    state_names = ("h0", "c0")

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        *,
        peephole: bool = False,
        seed: SeedLike = 0,
        dtype: Any = np.float64,
    ) -> None:
        rng = as_rng(seed)
        super().__init__(input_size, hidden_size, seed=rng, dtype=dtype)
        self.peephole = bool(peephole)
        if self.peephole:  # w_ci, w_cf, w_co of Eq. (5.8), drawn after the others
            H = self.hidden_size
            for name in PEEPHOLE_NAMES:
                self.params[name] = uniform_init(rng, (H,), H, self.dtype)

    def state_at(self, cache: dict, t: int) -> dict:
        """Return ``{"h0": h_t, "c0": c_t}``, the state after ``t`` steps (see base class)."""
        state = super().state_at(cache, t)
        state["c0"] = cache["c"][t]
        return state

    def forward(
        self, x: np.ndarray, h0: Optional[np.ndarray] = None, c0: Optional[np.ndarray] = None
    ) -> tuple:
        """Run the layer over a batch of sequences, Eqs. (5.1)-(5.6), and (5.8) with peepholes.

        Parameters
        ----------
        x : numpy.ndarray
            Inputs, in the layer's dtype.
        h0, c0 : numpy.ndarray or None
            Initial hidden and cell states; zeros when ``None``.

        Returns
        -------
        output : numpy.ndarray
            Hidden states :math:`h_1, \\dots, h_T`.
        cache : dict
            What ``backward`` needs (the gate activations are under ``"gates"``, shape
            (T, B, 4H), blocks i | f | g | o, and the cell states under ``"c"``, shape
            (T+1, B, H), ``c[0]`` being :math:`c_0`).

        Shapes
        ------
        x: (T, B, D); h0, c0: (B, H); output: (T, B, H).
        """
        T, B = self._check_x(x)
        h0 = self._check_state("h0", h0, B)
        c0 = self._check_state("c0", c0, B)
        H, D, p = self.hidden_size, self.input_size, self.params
        W_hh_T = np.ascontiguousarray(p["weight_hh_l0"].T)  # (H, 4H)
        h = np.empty((T + 1, B, H), dtype=self.dtype)  # h[t] = h_t, h[0] = h_0
        c = np.empty((T + 1, B, H), dtype=self.dtype)  # c[t] = c_t, c[0] = c_0
        tanh_c = np.empty((T, B, H), dtype=self.dtype)  # tanh_c[t-1] = tanh(c_t)
        h[0], c[0] = h0, c0
        # The input part of every gate at every step, in one product: W_x* x_t + b_*.
        # This array becomes the gates: each step overwrites its row with i|f|g|o.
        gates = np.dot(x.reshape(T * B, D), p["weight_ih_l0"].T).reshape(T, B, 4 * H)
        gates += p["bias_ih_l0"] + p["bias_hh_l0"]
        i, f, g, o = (gates[:, :, k * H : (k + 1) * H] for k in range(4))  # views, (T, B, H) each
        for t in range(T):  # h[t], c[t] hold h_{t-1}, c_{t-1} of the book's step t+1
            a = gates[t]
            a += h[t] @ W_hh_T  # pre-activations of all four gates, (B, 4H)
            if self.peephole:  # Eq. (5.8): the input and forget gates look at c_{t-1}
                i[t] += p["weight_ci_l0"] * c[t]
                f[t] += p["weight_cf_l0"] * c[t]
            i[t] = _sigmoid(i[t])  # i_t = sigma(...)                     Eq. (5.1)
            f[t] = _sigmoid(f[t])  # f_t = sigma(...)                     Eq. (5.2)
            g[t] = np.tanh(g[t])  # g_t = tanh(...)                       Eq. (5.3)
            c[t + 1] = f[t] * c[t] + i[t] * g[t]  # c_t = f_t c_{t-1} + i_t g_t    Eq. (5.5)
            if self.peephole:  # Eq. (5.8): the output gate looks at the new c_t
                o[t] += p["weight_co_l0"] * c[t + 1]
            o[t] = _sigmoid(o[t])  # o_t = sigma(...)                     Eq. (5.4)
            tanh_c[t] = np.tanh(c[t + 1])
            h[t + 1] = o[t] * tanh_c[t]  # h_t = o_t tanh(c_t)            Eq. (5.6)
        cache = {"x": x, "h": h, "c": c, "tanh_c": tanh_c, "gates": gates}
        return h[1:], cache

    def backward_with_state(self, d_output: np.ndarray, cache: dict) -> tuple:
        """Backpropagation through time for the LSTM; arguments and
        results as in :meth:`~rnnbook.scratch.base.Backpropagates.backward_with_state`.

        Shapes
        ------
        d_output: (T, B, H); dx: (T, B, D); each gradient has its parameter's shape.
        """
        d_output = self._check_d_output(d_output, cache)
        x, h, c, tanh_c, gates = cache["x"], cache["h"], cache["c"], cache["tanh_c"], cache["gates"]
        T, B = x.shape[:2]
        H, D, p = self.hidden_size, self.input_size, self.params
        W_hh = p["weight_hh_l0"]  # (4H, H)
        i, f, g, o = (gates[:, :, k * H : (k + 1) * H] for k in range(4))
        # The activations' derivatives need no recurrence: all steps at once.
        d_i, d_f, d_o = i * (1.0 - i), f * (1.0 - f), o * (1.0 - o)  # sigma' = sigma (1 - sigma)
        d_g, d_tanh_c = 1.0 - g ** 2, 1.0 - tanh_c ** 2  # tanh' = 1 - tanh^2
        d_gates = np.empty((T, B, 4 * H), dtype=self.dtype)  # dL/d(pre-activations)
        da_i, da_f, da_g, da_o = (d_gates[:, :, k * H : (k + 1) * H] for k in range(4))
        dh_next = np.zeros((B, H), dtype=self.dtype)  # what h_t receives from step t+1
        dc_next = np.zeros((B, H), dtype=self.dtype)  # what c_t receives from step t+1
        for t in range(T - 1, -1, -1):  # each line undoes the forward line of the same equation
            dh = d_output[t] + dh_next  # delta h_t: from the output and from step t+1
            # h_t = o_t tanh(c_t), Eq. (5.6): to o_t, and to c_t through tanh
            da_o[t] = dh * tanh_c[t] * d_o[t]  # then through sigma', Eq. (5.4)
            dc = dh * (o[t] * d_tanh_c[t]) + dc_next
            if self.peephole:  # o_t saw c_t through w_co, Eq. (5.8)
                dc += da_o[t] * p["weight_co_l0"]
            # c_t = f_t c_{t-1} + i_t g_t, Eq. (5.5): to each factor
            da_i[t] = dc * g[t] * d_i[t]  # then through sigma', Eq. (5.1)
            da_f[t] = dc * c[t] * d_f[t]  # then through sigma', Eq. (5.2)
            da_g[t] = dc * i[t] * d_g[t]  # then through tanh', Eq. (5.3)
            # to step t-1: c_{t-1} through Eq. (5.5) (and the peepholes of Eq. (5.8)),
            # h_{t-1} through the recurrent weights of Eqs. (5.1)-(5.4)
            dc_next = dc * f[t]
            if self.peephole:
                dc_next += da_i[t] * p["weight_ci_l0"] + da_f[t] * p["weight_cf_l0"]
            dh_next = d_gates[t] @ W_hh
        # Every weight gradient as one product over the (T*B) stacked rows.
        dG2 = d_gates.reshape(T * B, 4 * H)  # (T*B, 4H)
        db = dG2.sum(axis=0)
        grads = {
            "weight_ih_l0": np.dot(dG2.T, x.reshape(T * B, D)),
            "weight_hh_l0": np.dot(dG2.T, h[:-1].reshape(T * B, H)),
            "bias_ih_l0": db,
            "bias_hh_l0": db.copy(),
        }
        if self.peephole:
            grads["weight_ci_l0"] = np.einsum("tbh,tbh->h", d_gates[:, :, :H], c[:-1])
            grads["weight_cf_l0"] = np.einsum("tbh,tbh->h", d_gates[:, :, H : 2 * H], c[:-1])
            grads["weight_co_l0"] = np.einsum("tbh,tbh->h", d_gates[:, :, 3 * H :], c[1:])
        dx = np.dot(dG2, p["weight_ih_l0"]).reshape(T, B, D)  # (T, B, D)
        return dx, grads, {"h0": dh_next, "c0": dc_next}

    @classmethod
    def from_torch(cls, module: Any) -> "LSTM":
        """Copy a single-layer, unidirectional, time-major ``torch.nn.LSTM`` (with biases).

        The new layer computes in the module's dtype and has no peepholes.
        """
        cls._check_torch_module(module)
        return cls._from_torch_layer(module)

    def to_torch(self) -> Any:
        """Return a ``torch.nn.LSTM`` with the same weights (not for peephole layers)."""
        if self.peephole:
            raise ValueError("a peephole LSTM has no torch.nn counterpart (peephole must be False)")
        return super().to_torch()

    def _layer_kwargs(self) -> dict:
        return {"peephole": self.peephole}

    def __repr__(self) -> str:
        return super().__repr__()[:-1] + f", peephole={self.peephole})"
