"""The LSTM in PyTorch, written gate by gate (Eqs. (5.1)-(5.6) of the book).

These modules compute exactly what ``torch.nn.LSTMCell`` and ``torch.nn.LSTM`` compute and
use the same parameter names, shapes and gate order (i, f, g, o), so a ``state_dict`` moves
between them in both directions. They are slower than the built-ins (a Python loop over
time instead of a fused kernel): the book trains with the built-ins and loads the weights
here to look at the gates.

With ``peephole=True`` the gates also see the cell state (Gers, Schraudolph & Schmidhuber, 2002): the
input and forget gates see :math:`c_{t-1}`, the output gate sees :math:`c_t`, each through
a diagonal weight (a vector), Eq. (5.8). PyTorch has no peephole LSTM; the extra
parameters are ``weight_ci``, ``weight_cf``, ``weight_co`` (with the layer suffix, for example
``weight_ci_l0``, the names :class:`rnnbook.scratch.lstm.LSTM` uses).
"""

from __future__ import annotations

from typing import Optional

import torch
from torch import nn

from .params import layer_weights, register_gate_weights, reset_uniform
from ..validation import check_instance, check_int, check_tensor

__all__ = ["LSTMCell", "LSTM", "lstm_step", "set_forget_bias"]


def lstm_step(
    xw: torch.Tensor,
    h: torch.Tensor,
    c: torch.Tensor,
    weight_hh: torch.Tensor,
    bias_hh: Optional[torch.Tensor],
    peep: Optional[tuple] = None,
) -> tuple:
    """One LSTM step, given the input projection ``xw`` = :math:`W_{ih} x_t + b_{ih}`.

    .. math::
        i_t &= \\sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi})  \\\\
        f_t &= \\sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})  \\\\
        g_t &= \\tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})  \\\\
        o_t &= \\sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})  \\\\
        c_t &= f_t \\odot c_{t-1} + i_t \\odot g_t  \\\\
        h_t &= o_t \\odot \\tanh(c_t)

    Shapes
    ------
    xw : (B, 4H); h, c : (B, H); weight_hh : (4H, H); bias_hh : (4H,); peep : three (H,)
    vectors (i, f, o) or None. Returns ``h, c, (i, f, g, o)``, each (B, H).
    """
    for name, value in (("xw", xw), ("h", h), ("c", c), ("weight_hh", weight_hh)):
        check_instance(name, value, torch.Tensor)
    H = h.shape[-1]
    if xw.shape[-1] != 4 * H or c.shape != h.shape or weight_hh.shape != (4 * H, H):
        raise ValueError(f"xw must have shape (B, 4H), h and c (B, H) and weight_hh (4H, H); got "
                         f"{tuple(xw.shape)}, {tuple(h.shape)}, {tuple(c.shape)} and {tuple(weight_hh.shape)}")
    pre = xw + h @ weight_hh.T  # (B, 4H): all four pre-activations in one product
    if bias_hh is not None:
        pre = pre + bias_hh
    a_i, a_f, a_g, a_o = pre.chunk(4, dim=-1)  # (B, H) each, PyTorch's order i|f|g|o
    if peep is not None:  # peepholes on the old cell state, Eq. (5.8)
        a_i = a_i + peep[0] * c
        a_f = a_f + peep[1] * c
    i = torch.sigmoid(a_i)  # input gate, Eq. (5.1)
    f = torch.sigmoid(a_f)  # forget gate, Eq. (5.2)
    g = torch.tanh(a_g)  # candidate, Eq. (5.3)
    c = f * c + i * g  # cell state, Eq. (5.5)
    if peep is not None:  # the output gate peeks at the new cell state
        a_o = a_o + peep[2] * c
    o = torch.sigmoid(a_o)  # output gate, Eq. (5.4)
    h = o * torch.tanh(c)  # hidden state, Eq. (5.6)
    return h, c, (i, f, g, o)


def set_forget_bias(lstm: nn.Module, value: float = 1.0) -> nn.Module:
    """Start every forget gate of ``lstm`` at bias ``value`` (in place), and return it.

    The forget gate's pre-activation is :math:`W_{xf} x_t + W_{hf} h_{t-1} + b_f`, Eq. (5.2),
    and PyTorch keeps :math:`b_f` as the sum of two vectors, the f block (rows H to 2H) of
    ``bias_ih_l{k}`` and of ``bias_hh_l{k}``. This sets the first to ``value`` and the
    second to 0, so :math:`b_f` = ``value`` in every layer: with ``value`` = 1 a fresh cell
    keeps :math:`\\sigma(1) \\approx 0.73` of its state per step instead of about a half,
    the initialisation recommended by Gers et al. (2000) and Jozefowicz et al. (2015).

    Parameters
    ----------
    lstm : torch.nn.LSTM, torch.nn.LSTMCell, LSTM or LSTMCell
        A layer with biases (``bias=True``).
    value : float
        The starting forget-gate bias.

    Shapes
    ------
    ``bias_ih`` and ``bias_hh`` of each layer: (4H,), gate order i|f|g|o.
    """
    check_instance("lstm", lstm, nn.Module, "torch.nn.LSTM or rnnbook.nn.LSTM")
    names = [n for n, _ in lstm.named_parameters() if n.startswith("bias_ih")]
    if not names or not hasattr(lstm, "hidden_size"):
        raise ValueError(
            f"lstm must be an LSTM layer with biases (bias_ih, bias_hh); got {type(lstm).__name__}"
        )
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"value must be a real number; got {type(value).__name__}")
    H = lstm.hidden_size
    params = dict(lstm.named_parameters())
    with torch.no_grad():
        for name in names:
            if params[name].shape != (4 * H,):
                raise ValueError(f"{name} must have shape (4H={4 * H},); got {tuple(params[name].shape)}")
            params[name][H : 2 * H] = float(value)  # block f of bias_ih
            params[name.replace("bias_ih", "bias_hh")][H : 2 * H] = 0.0  # block f of bias_hh
    return lstm


def _make(module: nn.Module, suffix: str, input_size: int, hidden_size: int, bias: bool, peephole: bool) -> None:
    """Register one layer's parameters (PyTorch's layout, plus the peephole vectors)."""
    register_gate_weights(module, suffix, input_size, hidden_size, 4, bias)
    if peephole:
        for gate in "ifo":
            module.register_parameter(f"weight_c{gate}" + suffix, nn.Parameter(torch.empty(hidden_size)))


def _layer(module: nn.Module, suffix: str) -> tuple:
    """The parameters of one layer: W_ih, W_hh, b_ih, b_hh and the peepholes (or None)."""
    peep = None
    if module.peephole:
        peep = tuple(getattr(module, f"weight_c{gate}" + suffix) for gate in "ifo")
    return (*layer_weights(module, suffix), peep)


def _check_state(state: object, shape: tuple, names: tuple = ("h", "c")) -> tuple:
    """The LSTM state is a pair (h, c) of tensors of the same shape; refuse anything else."""
    if not isinstance(state, (tuple, list)) or len(state) != 2:
        got = f"a tensor of shape {tuple(state.shape)}" if isinstance(state, torch.Tensor) else type(state).__name__
        raise TypeError(f"state must be a pair ({names[0]}, {names[1]}) of tensors (the LSTM has a "
                        f"cell state); got {got}")
    h, c = state
    check_tensor(names[0], h, shape, floating=True)
    check_tensor(names[1], c, shape, floating=True)
    return h, c


class LSTMCell(nn.Module):
    """One LSTM step, interchangeable with ``torch.nn.LSTMCell`` (Eqs. (5.1)-(5.6)).

    Parameters
    ----------
    input_size, hidden_size : int
        D and H.
    bias : bool
        Use ``bias_ih`` and ``bias_hh``.
    peephole : bool
        Add the peephole connections of Eq. (5.8).

    Shapes
    ------
    x : (B, D); state : ``(h, c)``, each (B, H), or None for zeros. :meth:`forward` returns
    ``(h, c)``, each (B, H); :meth:`step_with_gates` returns ``(h, c)`` and a dict of the
    gates i, f, g, o, each (B, H).
    """

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True, peephole: bool = False) -> None:
        super().__init__()
        self.input_size, self.hidden_size, self.bias, self.peephole = input_size, hidden_size, bias, peephole
        _make(self, "", input_size, hidden_size, bias, peephole)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Uniform in :math:`[-1/\\sqrt{H}, 1/\\sqrt{H}]`, as PyTorch does."""
        reset_uniform(self)

    def forward(self, x: torch.Tensor, state: Optional[tuple] = None) -> tuple:
        """One step: ``(h_t, c_t)``."""
        return self.step_with_gates(x, state)[0]

    def step_with_gates(self, x: torch.Tensor, state: Optional[tuple] = None) -> tuple:
        """One step: ``(h_t, c_t)`` and ``{"i": i_t, "f": f_t, "g": g_t, "o": o_t}``."""
        check_tensor("x", x, (("B", None), ("D", self.input_size)), floating=True)
        B, H = x.shape[0], self.hidden_size
        if state is None:
            h, c = x.new_zeros(B, H), x.new_zeros(B, H)
        else:
            h, c = _check_state(state, (("B", B), ("H", H)))
        w_ih, w_hh, b_ih, b_hh, peep = _layer(self, "")
        xw = x @ w_ih.T  # (B, 4H)
        if b_ih is not None:
            xw = xw + b_ih
        h, c, (i, f, g, o) = lstm_step(xw, h, c, w_hh, b_hh, peep)
        return (h, c), {"i": i, "f": f, "g": g, "o": o}


class LSTM(nn.Module):
    """A (stacked) LSTM layer over a whole sequence, interchangeable with ``torch.nn.LSTM``.

    Time-major, like ``torch.nn.LSTM`` with ``batch_first=False``; parameters are named
    ``weight_ih_l{k}``, ``weight_hh_l{k}``, ``bias_ih_l{k}``, ``bias_hh_l{k}`` for layer k,
    so ``load_state_dict`` works both ways (without peepholes).

    Parameters
    ----------
    input_size, hidden_size : int
        D and H.
    num_layers : int
        Stacked layers; layer k > 0 takes the hidden states of layer k - 1 as input.
    bias : bool
    peephole : bool
        Add the peephole connections of Eq. (5.8).

    Shapes
    ------
    x : (T, B, D); state : ``(h0, c0)``, each (num_layers, B, H), or None for zeros.
    Returns ``output`` (T, B, H), the last layer's :math:`h_t`, and ``(h_n, c_n)``, each
    (num_layers, B, H).
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        peephole: bool = False,
    ) -> None:
        super().__init__()
        check_int("num_layers", num_layers, minimum=1)
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.bias, self.peephole = bias, peephole
        for k in range(num_layers):
            _make(self, f"_l{k}", input_size if k == 0 else hidden_size, hidden_size, bias, peephole)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Uniform in :math:`[-1/\\sqrt{H}, 1/\\sqrt{H}]`, as PyTorch does."""
        reset_uniform(self)

    def forward(self, x: torch.Tensor, state: Optional[tuple] = None) -> tuple:
        output, state, _ = self._run(x, state, keep_gates=False)
        return output, state

    def gates(self, x: torch.Tensor, state: Optional[tuple] = None, layer: int = -1) -> dict:
        """Gate activations and states of one layer over a sequence, for inspection.

        Returns a dict with ``i``, ``f``, ``g``, ``o`` (the gates and candidate), ``c`` (cell
        states) and ``h`` (hidden states), each of shape (T, B, H).
        """
        with torch.no_grad():
            _, _, record = self._run(x, state, keep_gates=True)
        return record[layer]

    def _run(self, x: torch.Tensor, state: Optional[tuple], keep_gates: bool) -> tuple:
        check_tensor("x", x, (("T", None), ("B", None), ("D", self.input_size)), floating=True)
        T, B, H, L = x.shape[0], x.shape[1], self.hidden_size, self.num_layers
        if T == 0:
            raise ValueError("x must hold at least one time step; got T=0")
        if state is None:
            h0 = c0 = x.new_zeros(L, B, H)
        else:
            h0, c0 = _check_state(state, (("num_layers", L), ("B", B), ("H", H)), ("h0", "c0"))
        layer_in, h_n, c_n, records = x, [], [], []
        for k in range(L):
            w_ih, w_hh, b_ih, b_hh, peep = _layer(self, f"_l{k}")
            xw = layer_in @ w_ih.T  # (T, B, 4H): input projections of all steps at once
            if b_ih is not None:
                xw = xw + b_ih
            h, c, outs = h0[k], c0[k], []
            rec = {key: [] for key in ("i", "f", "g", "o", "c", "h")}
            for t in range(T):
                h, c, gates = lstm_step(xw[t], h, c, w_hh, b_hh, peep)
                outs.append(h)
                if keep_gates:
                    for key, value in zip("ifgo", gates):
                        rec[key].append(value)
                    rec["c"].append(c)
                    rec["h"].append(h)
            layer_in = torch.stack(outs)  # (T, B, H)
            h_n.append(h)
            c_n.append(c)
            if keep_gates:
                records.append({key: torch.stack(v) for key, v in rec.items()})  # (T, B, H) each
        return layer_in, (torch.stack(h_n), torch.stack(c_n)), records
