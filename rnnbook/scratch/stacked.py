"""Deep recurrent networks: a stack of recurrent layers.

Layer :math:`\\ell` reads the hidden states of layer :math:`\\ell - 1` as its input
(chapter 7):

.. math::

    h^{(\\ell)}_t = \\mathrm{layer}_\\ell\\big(h^{(\\ell-1)}_t, h^{(\\ell)}_{t-1}\\big),
    \\qquad h^{(0)}_t = x_t
    \\qquad \\text{(Eq. (7.2))}

and the output is the top layer's :math:`h^{(L)}_t`. Backpropagation runs each layer's own
BPTT from the top down: the input gradient of layer :math:`\\ell` is the ``d_output`` of
layer :math:`\\ell - 1`. The layers may be unidirectional or
:class:`~rnnbook.scratch.bidirectional.Bidirectional`, as in PyTorch's
``num_layers > 1`` modules, whose parameter names (``weight_ih_l1``,
``weight_hh_l1_reverse``, ...) the stack uses.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from .base import Backpropagates, RecurrentLayer
from .bidirectional import Bidirectional, _layer_class

__all__ = ["Stacked"]


class Stacked(Backpropagates):
    """A deep RNN: recurrent layers applied one on top of the other, Eq. (7.2).

    Parameters
    ----------
    layers : sequence
        :class:`~rnnbook.scratch.rnn.RNN`, :class:`~rnnbook.scratch.lstm.LSTM`,
        :class:`~rnnbook.scratch.gru.GRU` or
        :class:`~rnnbook.scratch.bidirectional.Bidirectional` layers of one dtype, each
        with ``input_size`` equal to the previous one's ``output_size``.

    Attributes
    ----------
    params : dict
        Layer :math:`\\ell`'s parameters (counting from 0) with ``_l0`` renamed
        ``_l{ell}``: PyTorch's names for a multi-layer module. The values are the layers'
        own arrays.

    Shapes
    ------
    x: (T, B, D); output: (T, B, H_out) with H_out the top layer's ``output_size``.
    Initial states: a list with one entry per layer, each as that layer's ``forward``
    takes it ((B, H), or (2, B, H) for a bidirectional layer), or ``None`` for zeros.
    """

    def __init__(self, layers: Sequence) -> None:
        layers = list(layers)
        if not layers:
            raise ValueError("layers must hold at least one layer; got none")
        for k, layer in enumerate(layers):
            if not isinstance(layer, (RecurrentLayer, Bidirectional)):
                raise TypeError(
                    f"layers[{k}] must be a RecurrentLayer or Bidirectional; "
                    f"got {type(layer).__name__}"
                )
            if layer.dtype != layers[0].dtype:
                raise TypeError(f"layers[{k}] has dtype {layer.dtype}; expected {layers[0].dtype}")
            if k > 0 and layer.input_size != layers[k - 1].output_size:
                raise ValueError(
                    f"layers[{k}].input_size must equal layers[{k - 1}].output_size="
                    f"{layers[k - 1].output_size}; got {layer.input_size}"
                )
        self.layers = layers
        self.input_size, self.dtype = layers[0].input_size, layers[0].dtype
        self.output_size = layers[-1].output_size
        self.state_names = layers[0].state_names
        self.params = {}
        for k, layer in enumerate(layers):
            for name, value in layer.params.items():
                self.params[_rename(name, k)] = value

    def num_parameters(self) -> int:
        """Number of scalar parameters of all layers."""
        return int(sum(v.size for v in self.params.values()))

    def _per_layer(self, name: str, value: Optional[Sequence]) -> list:
        if value is None:
            return [None] * len(self.layers)
        if len(value) != len(self.layers):
            raise ValueError(
                f"{name} must hold one entry per layer ({len(self.layers)}); got {len(value)}"
            )
        return list(value)

    def forward(
        self, x: np.ndarray, h0: Optional[Sequence] = None, c0: Optional[Sequence] = None
    ) -> tuple:
        """Run the layers bottom to top, Eq. (7.2).

        Parameters
        ----------
        x : numpy.ndarray
            Inputs.
        h0, c0 : sequence or None
            Initial states per layer (``c0`` for LSTM layers only); ``None`` entries, or
            ``None``, give zeros.

        Returns
        -------
        output : numpy.ndarray
            The top layer's hidden states.
        cache : dict
            What ``backward`` needs (the layers' own caches under ``"layers"``).

        Shapes
        ------
        x: (T, B, D); output: (T, B, H_out).
        """
        h0s, c0s = self._per_layer("h0", h0), self._per_layer("c0", c0)
        caches, inp = [], x
        for layer, h, c in zip(self.layers, h0s, c0s):
            state = {"h0": h} if c is None else {"h0": h, "c0": c}
            inp, cache = layer.forward(inp, **state)  # this layer's output feeds the next
            caches.append(cache)
        return inp, {"x": x, "layers": caches}

    def backward_with_state(self, d_output: np.ndarray, cache: dict) -> tuple:
        """Backpropagate from the top layer down; arguments and
        results as in :meth:`~rnnbook.scratch.base.Backpropagates.backward_with_state`.

        Shapes
        ------
        d_output: (T, B, H_out); dx: (T, B, D).
        """
        grads, d_states = {}, {}
        d = d_output
        for k in range(len(self.layers) - 1, -1, -1):
            d, g, ds = self.layers[k].backward_with_state(d, cache["layers"][k])
            grads.update({_rename(name, k): value for name, value in g.items()})
            for name, value in ds.items():
                d_states.setdefault(name, [None] * len(self.layers))[k] = value
        grads = {name: grads[name] for name in self.params}  # in the order of params
        return d, grads, d_states

    @classmethod
    def from_torch(cls, module: Any, **kwargs: Any) -> "Stacked":
        """Copy a time-major ``torch.nn.RNN/LSTM/GRU`` with any number of layers.

        Bidirectional modules give :class:`~rnnbook.scratch.bidirectional.Bidirectional`
        layers. Extra keywords go to the layers (``reset_after=False`` for a GRU).
        """
        layer_cls = _layer_class(module)
        layer_cls._check_torch_module(module, bidirectional=None, single_layer=False)
        layers = []
        for k in range(module.num_layers):
            fwd = layer_cls._from_torch_layer(module, k, "", **kwargs)
            if module.bidirectional:
                bwd = layer_cls._from_torch_layer(module, k, "_reverse", **kwargs)
                layers.append(Bidirectional(fwd, bwd))
            else:
                layers.append(fwd)
        return cls(layers)

    def to_torch(self) -> Any:
        """Return the matching multi-layer ``torch.nn`` module, weights copied.

        Possible when all layers are of one class and hidden size, all unidirectional or
        all bidirectional with ``merge="concat"``, and without peepholes.
        """
        import torch

        first = self.layers[0]
        bidirectional = isinstance(first, Bidirectional)
        base = first.forward_layer if bidirectional else first
        for k, layer in enumerate(self.layers):
            inner = layer.forward_layer if isinstance(layer, Bidirectional) else layer
            same = (
                isinstance(layer, Bidirectional) == bidirectional
                and type(inner) is type(base)
                and inner.hidden_size == base.hidden_size
                and inner._layer_kwargs() == base._layer_kwargs()
                and (not bidirectional or layer.merge == "concat")
            )
            if not same:
                raise ValueError(
                    f"layers[{k}] does not match layers[0]: PyTorch needs one class, hidden "
                    "size and direction (merge='concat') for all layers"
                )
        if getattr(base, "peephole", False):
            raise ValueError("a peephole LSTM has no torch.nn counterpart (peephole must be False)")
        torch_cls = getattr(torch.nn, base.torch_class)
        torch_dtype = torch.float64 if self.dtype == np.float64 else torch.float32
        module = torch_cls(
            **base._torch_kwargs(), num_layers=len(self.layers), bidirectional=bidirectional
        ).to(torch_dtype)
        with torch.no_grad():
            for name, value in self.params.items():
                getattr(module, name).copy_(torch.from_numpy(value.copy()))
        return module

    def __repr__(self) -> str:
        inner = ",\n    ".join(repr(layer) for layer in self.layers)
        return f"Stacked([\n    {inner},\n])"


def _rename(name: str, k: int) -> str:
    """``weight_ih_l0_reverse`` -> ``weight_ih_l{k}_reverse``."""
    return name.replace("_l0", f"_l{k}", 1)
