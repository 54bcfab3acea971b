"""Bidirectional recurrent layer (Schuster & Paliwal 1997).

Two independent layers read the sequence, one forwards and one backwards (chapter 7):

.. math::

    \\overrightarrow{h}_t = \\mathrm{layer}_{\\rightarrow}(x_t, \\overrightarrow{h}_{t-1}),
    \\qquad
    \\overleftarrow{h}_t = \\mathrm{layer}_{\\leftarrow}(x_t, \\overleftarrow{h}_{t+1}),
    \\qquad
    h_t = \\mathrm{merge}(\\overrightarrow{h}_t, \\overleftarrow{h}_t)
    \\qquad \\text{(Eq. (7.1))}

so that :math:`h_t` depends on the whole input sequence. The merge is concatenation
(forward first, as in PyTorch), sum, mean or element-wise product. The backward pass
splits :math:`\\partial L / \\partial h_t` between the two directions, runs each layer's own
BPTT (the backward layer's on the reversed sequence), and adds the two input gradients.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from ..validation import check_array
from .base import Backpropagates, RecurrentLayer
from .gru import GRU
from .lstm import LSTM
from .rnn import RNN

__all__ = ["Bidirectional"]

MERGE_MODES = ("concat", "sum", "mean", "mul")


class Bidirectional(Backpropagates):
    """A forward and a backward recurrent layer over the same sequence, Eq. (7.1).

    Parameters
    ----------
    forward_layer, backward_layer : RecurrentLayer
        Two layers of the same class, sizes and dtype (for example
        ``LSTM(D, H, seed=0)`` and ``LSTM(D, H, seed=1)``).
    merge : str
        How the two hidden states are combined: ``"concat"``, ``"sum"``, ``"mean"`` or
        ``"mul"``.

    Attributes
    ----------
    params : dict
        The forward layer's parameters under their own names and the backward layer's
        with ``_reverse`` appended (``weight_ih_l0_reverse``, ...), PyTorch's names. The
        values are the layers' own arrays.

    Shapes
    ------
    x: (T, B, D); h0 (and c0 for the LSTM): (2, B, H), forward direction first;
    output: (T, B, 2H) for ``"concat"``, else (T, B, H).
    """

    def __init__(
        self,
        forward_layer: RecurrentLayer,
        backward_layer: RecurrentLayer,
        *,
        merge: str = "concat",
    ) -> None:
        for name, layer in (("forward_layer", forward_layer), ("backward_layer", backward_layer)):
            if not isinstance(layer, RecurrentLayer):
                raise TypeError(f"{name} must be a RecurrentLayer; got {type(layer).__name__}")
        if type(forward_layer) is not type(backward_layer):
            raise ValueError(
                "forward_layer and backward_layer must be of the same class; got "
                f"{type(forward_layer).__name__} and {type(backward_layer).__name__}"
            )
        f, b = forward_layer, backward_layer
        if (f.input_size, f.hidden_size, f.dtype) != (b.input_size, b.hidden_size, b.dtype):
            raise ValueError(
                "forward_layer and backward_layer must have the same input_size, hidden_size "
                f"and dtype; got {(f.input_size, f.hidden_size, f.dtype)} and "
                f"{(b.input_size, b.hidden_size, b.dtype)}"
            )
        if merge not in MERGE_MODES:
            raise ValueError(f"merge must be one of {MERGE_MODES}; got {merge!r}")
        self.forward_layer, self.backward_layer, self.merge = f, b, merge
        self.input_size, self.hidden_size, self.dtype = f.input_size, f.hidden_size, f.dtype
        self.state_names = f.state_names
        self.params = dict(f.params)
        self.params.update({k + "_reverse": v for k, v in b.params.items()})

    @property
    def output_size(self) -> int:
        """The size of each output vector, 2H for ``"concat"`` and H otherwise."""
        return 2 * self.hidden_size if self.merge == "concat" else self.hidden_size

    def num_parameters(self) -> int:
        """Number of scalar parameters of both directions."""
        return int(sum(v.size for v in self.params.values()))

    def _split_states(self, B: int, states: dict) -> tuple:
        fwd, bwd = {}, {}
        for name, value in states.items():
            if value is None:
                continue
            check_array(name, value, (("2", 2), ("B", B), ("H", self.hidden_size)), self.dtype)
            fwd[name], bwd[name] = value[0], value[1]
        return fwd, bwd

    def forward(
        self, x: np.ndarray, h0: Optional[np.ndarray] = None, c0: Optional[np.ndarray] = None
    ) -> tuple:
        """Run both directions and merge them, Eq. (7.1).

        Parameters
        ----------
        x : numpy.ndarray
            Inputs.
        h0 : numpy.ndarray or None
            Initial states of the forward (``h0[0]``) and backward (``h0[1]``) layers.
        c0 : numpy.ndarray or None
            Initial cell states, LSTM only.

        Returns
        -------
        output : numpy.ndarray
            Merged hidden states.
        cache : dict
            What ``backward`` needs.

        Shapes
        ------
        x: (T, B, D); h0, c0: (2, B, H); output: (T, B, 2H) or (T, B, H).
        """
        T, B = self.forward_layer._check_x(x)
        states = {"h0": h0}
        if c0 is not None:
            if "c0" not in self.state_names:
                kind = type(self.forward_layer).__name__
                raise ValueError(f"c0 is only for LSTM layers; these are {kind}")
            states["c0"] = c0
        s_fwd, s_bwd = self._split_states(B, states)
        out_f, cache_f = self.forward_layer.forward(x, **s_fwd)
        out_b_rev, cache_b = self.backward_layer.forward(x[::-1], **s_bwd)  # reads x_T, ..., x_1
        out_b = out_b_rev[::-1]  # back in time order: out_b[t] depends on x_t, ..., x_T
        if self.merge == "concat":
            output = np.concatenate([out_f, out_b], axis=2)  # (T, B, 2H), forward first
        elif self.merge == "sum":
            output = out_f + out_b
        elif self.merge == "mean":
            output = 0.5 * (out_f + out_b)
        else:
            output = out_f * out_b
        cache = {"x": x, "fwd": cache_f, "bwd": cache_b, "out_f": out_f, "out_b": out_b}
        return output, cache

    def backward_with_state(self, d_output: np.ndarray, cache: dict) -> tuple:
        """Backpropagate through both directions; arguments and
        results as in :meth:`~rnnbook.scratch.base.Backpropagates.backward_with_state`.

        Shapes
        ------
        d_output: like the output; dx: (T, B, D).
        """
        T, B = cache["x"].shape[:2]
        H = self.hidden_size
        check_array("d_output", d_output, (("T", T), ("B", B), ("H", self.output_size)), self.dtype)
        out_f, out_b = cache["out_f"], cache["out_b"]
        if self.merge == "concat":
            d_f, d_b = d_output[:, :, :H], d_output[:, :, H:]
        elif self.merge == "sum":
            d_f, d_b = d_output, d_output
        elif self.merge == "mean":
            d_f = d_b = 0.5 * d_output
        else:
            d_f, d_b = d_output * out_b, d_output * out_f
        dx_f, g_f, ds_f = self.forward_layer.backward_with_state(
            np.ascontiguousarray(d_f), cache["fwd"]
        )
        dx_b_rev, g_b, ds_b = self.backward_layer.backward_with_state(
            np.ascontiguousarray(d_b[::-1]), cache["bwd"]
        )
        dx = dx_f + dx_b_rev[::-1]
        grads = dict(g_f)
        grads.update({k + "_reverse": v for k, v in g_b.items()})
        return dx, grads, {k: np.stack([ds_f[k], ds_b[k]]) for k in ds_f}

    @classmethod
    def from_torch(cls, module: Any, *, merge: str = "concat", **kwargs: Any) -> "Bidirectional":
        """Copy a single-layer, bidirectional, time-major ``torch.nn.RNN/LSTM/GRU``.

        Extra keywords go to the layers (``reset_after=False`` for a GRU). The layers
        compute in the module's dtype.
        """
        layer_cls = _layer_class(module)
        layer_cls._check_torch_module(module, bidirectional=True)
        fwd = layer_cls._from_torch_layer(module, 0, "", **kwargs)
        bwd = layer_cls._from_torch_layer(module, 0, "_reverse", **kwargs)
        return cls(fwd, bwd, merge=merge)

    def to_torch(self) -> Any:
        """Return the matching bidirectional ``torch.nn`` module (merge must be ``"concat"``)."""
        import torch

        if self.merge != "concat":
            raise ValueError(f"merge must be 'concat' for PyTorch; got {self.merge!r}")
        if getattr(self.forward_layer, "peephole", False):
            raise ValueError("a peephole LSTM has no torch.nn counterpart (peephole must be False)")
        torch_cls = getattr(torch.nn, self.forward_layer.torch_class)
        torch_dtype = torch.float64 if self.dtype == np.float64 else torch.float32
        module = torch_cls(**self.forward_layer._torch_kwargs(), bidirectional=True).to(torch_dtype)
        with torch.no_grad():
            for name, value in self.params.items():
                getattr(module, name).copy_(torch.from_numpy(value.copy()))
        return module

    def __repr__(self) -> str:
        f, b = self.forward_layer, self.backward_layer
        return f"Bidirectional({f!r}, {b!r}, merge={self.merge!r})"


def _layer_class(module: Any) -> type:
    """The scratch class for a torch recurrent module."""
    import torch

    for torch_cls, cls in ((torch.nn.LSTM, LSTM), (torch.nn.GRU, GRU), (torch.nn.RNN, RNN)):
        if isinstance(module, torch_cls):
            return cls
    raise TypeError(f"module must be a torch.nn.RNN, LSTM or GRU; got {type(module).__name__}")
