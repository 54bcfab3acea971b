"""The GRU in PyTorch, written gate by gate, in both conventions (Eqs. (6.1)-(6.5)).

PyTorch's ``torch.nn.GRU`` applies the reset gate *after* the hidden product,
:math:`n_t = \\tanh(W_{in} x_t + b_{in} + r_t \\odot (W_{hn} h_{t-1} + b_{hn}))`
(``reset_after=True``, the default here, Eq. (6.3)). Cho et al. (2014) apply it *before*,
:math:`n_t = \\tanh(W_{in} x_t + b_{in} + W_{hn} (r_t \\odot h_{t-1}) + b_{hn})`
(``reset_after=False``, Eq. (6.4)). PyTorch's form lets the hidden products of all three blocks be
computed in one matrix product :math:`W_{hh} h_{t-1}` before any gate is known, which is
what cuDNN does; Cho's form needs :math:`r_t` first. Parameter names, shapes and gate order
(r, z, n) are PyTorch's, so ``load_state_dict`` works both ways with ``torch.nn.GRU``.
"""

from __future__ import annotations

from typing import Optional

import torch
from torch import nn

from .params import layer_weights, register_gate_weights, reset_uniform
from ..validation import check_instance, check_int, check_tensor

__all__ = ["GRUCell", "GRU", "gru_step"]


def gru_step(
    xw: torch.Tensor,
    h: torch.Tensor,
    weight_hh: torch.Tensor,
    bias_hh: Optional[torch.Tensor],
    reset_after: bool = True,
) -> tuple:
    """One GRU step, given the input projection ``xw`` = :math:`W_{ih} x_t + b_{ih}`.

    .. math::
        r_t &= \\sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr})  \\\\
        z_t &= \\sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})  \\\\
        n_t &= \\tanh(W_{in} x_t + b_{in} + r_t \\odot (W_{hn} h_{t-1} + b_{hn}))
               \\quad\\text{(reset after; Cho et al.: } W_{hn}(r_t \\odot h_{t-1}) + b_{hn})  \\\\
        h_t &= (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}

    Shapes
    ------
    xw : (B, 3H); h : (B, H); weight_hh : (3H, H); bias_hh : (3H,) or None.
    Returns ``h, (r, z, n)``, each (B, H).
    """
    for name, value in (("xw", xw), ("h", h), ("weight_hh", weight_hh)):
        check_instance(name, value, torch.Tensor)
    H = h.shape[-1]
    if xw.shape[-1] != 3 * H or weight_hh.shape != (3 * H, H):
        raise ValueError(f"xw must have shape (B, 3H), h (B, H) and weight_hh (3H, H); got "
                         f"{tuple(xw.shape)}, {tuple(h.shape)} and {tuple(weight_hh.shape)}")
    x_r, x_z, x_n = xw.chunk(3, dim=-1)  # (B, H) each, PyTorch's order r|z|n
    b_r = b_z = b_n = 0.0
    if bias_hh is not None:
        b_r, b_z, b_n = bias_hh.chunk(3)
    if reset_after:
        hw = h @ weight_hh.T  # (B, 3H): one product for all three blocks
        h_r, h_z, h_n = hw.chunk(3, dim=-1)
        r = torch.sigmoid(x_r + h_r + b_r)  # reset gate, Eq. (6.1)
        z = torch.sigmoid(x_z + h_z + b_z)  # update gate, Eq. (6.2)
        n = torch.tanh(x_n + r * (h_n + b_n))  # candidate, reset after: PyTorch's Eq. (6.3)
    else:
        w_rz, w_n = weight_hh[: 2 * H], weight_hh[2 * H :]  # (2H, H), (H, H)
        h_r, h_z = (h @ w_rz.T).chunk(2, dim=-1)  # the gates first ...
        r = torch.sigmoid(x_r + h_r + b_r)  # Eq. (6.1)
        z = torch.sigmoid(x_z + h_z + b_z)  # Eq. (6.2)
        n = torch.tanh(x_n + (r * h) @ w_n.T + b_n)  # ... then a second product, Cho's Eq. (6.4)
    h = (1.0 - z) * n + z * h  # new state, Eq. (6.5)
    return h, (r, z, n)


class GRUCell(nn.Module):
    """One GRU step, interchangeable with ``torch.nn.GRUCell`` when ``reset_after=True``.

    Parameters
    ----------
    input_size, hidden_size : int
        D and H.
    bias : bool
    reset_after : bool
        PyTorch's convention (True) or Cho et al. (2014) (False); see the module docstring.

    Shapes
    ------
    x : (B, D); h : (B, H) or None for zeros. :meth:`forward` returns h (B, H);
    :meth:`step_with_gates` returns h and a dict of r, z, n, each (B, H).
    """

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True, reset_after: bool = True) -> None:
        super().__init__()
        self.input_size, self.hidden_size, self.bias, self.reset_after = input_size, hidden_size, bias, reset_after
        register_gate_weights(self, "", input_size, hidden_size, 3, bias)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Uniform in :math:`[-1/\\sqrt{H}, 1/\\sqrt{H}]`, as PyTorch does."""
        reset_uniform(self)

    def forward(self, x: torch.Tensor, h: Optional[torch.Tensor] = None) -> torch.Tensor:
        """One step: h_t."""
        return self.step_with_gates(x, h)[0]

    def step_with_gates(self, x: torch.Tensor, h: Optional[torch.Tensor] = None) -> tuple:
        """One step: h_t and ``{"r": r_t, "z": z_t, "n": n_t}``."""
        check_tensor("x", x, (("B", None), ("D", self.input_size)), floating=True)
        if h is None:
            h = x.new_zeros(x.shape[0], self.hidden_size)
        else:
            check_tensor("h", h, (("B", x.shape[0]), ("H", self.hidden_size)), floating=True)
        w_ih, w_hh, b_ih, b_hh = layer_weights(self, "")
        xw = x @ w_ih.T  # (B, 3H)
        if b_ih is not None:
            xw = xw + b_ih
        h, (r, z, n) = gru_step(xw, h, w_hh, b_hh, self.reset_after)
        return h, {"r": r, "z": z, "n": n}


class GRU(nn.Module):
    """A (stacked) GRU layer over a sequence, interchangeable with ``torch.nn.GRU``.

    Parameters
    ----------
    input_size, hidden_size : int
        D and H.
    num_layers : int
    bias : bool
    reset_after : bool
        PyTorch's convention (True, equal to ``torch.nn.GRU``) or Cho et al.'s (False).

    Shapes
    ------
    x : (T, B, D); h0 : (num_layers, B, H) or None for zeros. Returns ``output`` (T, B, H)
    and ``h_n`` (num_layers, B, H).
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        reset_after: bool = True,
    ) -> None:
        super().__init__()
        check_int("num_layers", num_layers, minimum=1)
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.bias, self.reset_after = bias, reset_after
        for k in range(num_layers):
            register_gate_weights(self, f"_l{k}", input_size if k == 0 else hidden_size, hidden_size, 3, bias)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Uniform in :math:`[-1/\\sqrt{H}, 1/\\sqrt{H}]`, as PyTorch does."""
        reset_uniform(self)

    def forward(self, x: torch.Tensor, h0: Optional[torch.Tensor] = None) -> tuple:
        output, h_n, _ = self._run(x, h0, keep_gates=False)
        return output, h_n

    def gates(self, x: torch.Tensor, h0: Optional[torch.Tensor] = None, layer: int = -1) -> dict:
        """Gates ``r``, ``z``, ``n`` and states ``h`` of one layer, each (T, B, H)."""
        with torch.no_grad():
            _, _, records = self._run(x, h0, keep_gates=True)
        return records[layer]

    def _run(self, x: torch.Tensor, h0: Optional[torch.Tensor], keep_gates: bool) -> tuple:
        check_tensor("x", x, (("T", None), ("B", None), ("D", self.input_size)), floating=True)
        T, B, H, L = x.shape[0], x.shape[1], self.hidden_size, self.num_layers
        if T == 0:
            raise ValueError("x must hold at least one time step; got T=0")
        if h0 is None:
            h0 = x.new_zeros(L, B, H)
        else:
            check_tensor("h0", h0, (("num_layers", L), ("B", B), ("H", H)), floating=True)
        layer_in, h_n, records = x, [], []
        for k in range(L):
            w_ih, w_hh, b_ih, b_hh = layer_weights(self, f"_l{k}")
            xw = layer_in @ w_ih.T  # (T, B, 3H): input projections of all steps at once
            if b_ih is not None:
                xw = xw + b_ih
            h, outs, rec = h0[k], [], {key: [] for key in "rznh"}
            for t in range(T):
                h, gates = gru_step(xw[t], h, w_hh, b_hh, self.reset_after)
                outs.append(h)
                if keep_gates:
                    for key, value in zip("rzn", gates):
                        rec[key].append(value)
                    rec["h"].append(h)
            layer_in = torch.stack(outs)  # (T, B, H)
            h_n.append(h)
            if keep_gates:
                records.append({key: torch.stack(v) for key, v in rec.items()})
        return layer_in, torch.stack(h_n), records
