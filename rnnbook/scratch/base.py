"""What every from-scratch recurrent layer shares: the interface, input checks, weights.

A layer of :mod:`rnnbook.scratch` (:class:`~rnnbook.scratch.rnn.RNN`,
:class:`~rnnbook.scratch.lstm.LSTM`, :class:`~rnnbook.scratch.gru.GRU`) is a plain Python object
with

- ``params``: a dict keyed by PyTorch's parameter names (``weight_ih_l0``,
  ``weight_hh_l0``, ``bias_ih_l0``, ``bias_hh_l0``, ...) whose values *are* the arrays the
  layer computes with, so that an optimiser that updates ``params[k]`` in place updates the
  layer, and a gradient check can perturb them;
- ``forward(x, h0=None)`` returning ``(output, cache)``, with ``output`` the hidden states
  :math:`h_1, \\dots, h_T` of shape (T, B, H);
- ``backward(d_output, cache)`` returning ``(dx, grads)``, where ``d_output[t]`` is
  :math:`\\partial L / \\partial h_t` coming from outside the layer (from the output layer)
  and ``grads`` has the keys of ``params``.

Book symbols and PyTorch names: :math:`W_{xh}` is ``weight_ih_l0``, :math:`W_{hh}` is
``weight_hh_l0`` and :math:`b_h` is ``bias_ih_l0 + bias_hh_l0`` (PyTorch keeps two biases;
only their sum matters, except in the GRU's candidate).
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_array, check_dtype, check_int

__all__ = ["Backpropagates", "RecurrentLayer", "uniform_init"]


def uniform_init(
    rng: np.random.Generator, shape: tuple, hidden_size: int, dtype: Any
) -> np.ndarray:
    """Draw weights from :math:`U(-1/\\sqrt{H}, 1/\\sqrt{H})`, PyTorch's default for RNNs.

    Shapes
    ------
    Returns an array of the given ``shape`` and ``dtype``.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator; got {type(rng).__name__}")
    check_int("hidden_size", hidden_size, minimum=1)
    bound = 1.0 / np.sqrt(hidden_size)
    return rng.uniform(-bound, bound, size=shape).astype(dtype)


class Backpropagates:
    """The backward pass every from-scratch layer offers, in two forms."""

    def backward(self, d_output: np.ndarray, cache: dict) -> tuple:
        """Backpropagation through time: ``(dx, grads)``, as :meth:`backward_with_state`
        without the gradient of the initial state."""
        dx, grads, _ = self.backward_with_state(d_output, cache)
        return dx, grads

    def backward_with_state(self, d_output: np.ndarray, cache: dict) -> tuple:
        """Backpropagation through time, also to the initial state.

        Parameters
        ----------
        d_output : numpy.ndarray
            :math:`\\partial L / \\partial h_t` from outside the layer, for every step (of
            the top layer, for a stack; of the merged output, for a bidirectional layer).
        cache : dict
            From ``forward``.

        Returns
        -------
        dx : numpy.ndarray
            :math:`\\partial L / \\partial x_t`.
        grads : dict
            Gradients with the keys of ``params``.
        d_state : dict
            :math:`\\partial L` with respect to the initial state, keyed like the state
            arguments of ``forward`` (``"h0"``, and ``"c0"`` for the LSTM): the gradient that
            flows into the previous segment in truncated BPTT. A stack gives a list with one
            entry per layer; a bidirectional layer stacks both directions as (2, B, H).
        """
        raise NotImplementedError(f"{type(self).__name__} does not implement backward_with_state")


class RecurrentLayer(Backpropagates):
    """Base class of the single-layer, one-direction recurrent layers.

    Subclasses set ``n_gates`` (1 for the RNN, 4 for the LSTM, 3 for the GRU),
    ``torch_class`` (the name of the matching ``torch.nn`` class) and implement
    ``forward`` and ``backward``.

    Parameters
    ----------
    input_size : int
        D, the size of :math:`x_t`.
    hidden_size : int
        H, the size of :math:`h_t`.
    seed : int, numpy.random.Generator or None
        Source of the initial weights, drawn from :math:`U(-1/\\sqrt{H}, 1/\\sqrt{H})`
        in the order ``weight_ih_l0``, ``weight_hh_l0``, ``bias_ih_l0``, ``bias_hh_l0``.
    dtype : numpy.dtype
        float32 or float64: the dtype of the weights and of every input.

    Shapes
    ------
    ``weight_ih_l0``: (G H, D); ``weight_hh_l0``: (G H, H); ``bias_ih_l0``,
    ``bias_hh_l0``: (G H,), with G the number of gate blocks ``n_gates``.
    """

    n_gates: int = 1
    torch_class: str = ""
    #: Names of the initial-state arguments of ``forward`` (``("h0", "c0")`` for LSTM).
    state_names: tuple = ("h0",)

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        *,
        seed: SeedLike = 0,
        dtype: Any = np.float64,
    ) -> None:
        for name, value in (("input_size", input_size), ("hidden_size", hidden_size)):
            check_int(name, value, minimum=1)
        self.input_size = int(input_size)
        self.hidden_size = int(hidden_size)
        self.dtype = check_dtype(dtype)
        rng = as_rng(seed)
        G, H, D = self.n_gates, self.hidden_size, self.input_size
        self.params: dict = {
            "weight_ih_l0": uniform_init(rng, (G * H, D), H, self.dtype),  # W_xh
            "weight_hh_l0": uniform_init(rng, (G * H, H), H, self.dtype),  # W_hh
            "bias_ih_l0": uniform_init(rng, (G * H,), H, self.dtype),
            "bias_hh_l0": uniform_init(rng, (G * H,), H, self.dtype),
        }

    # ------------------------------------------------------------------ checks
    def _check_x(self, x: Any) -> tuple:
        """Check ``x`` (T, B, D) and return ``(T, B)``."""
        check_array("x", x, (("T", None), ("B", None), ("D", self.input_size)))
        if x.shape[0] < 1:
            raise ValueError(f"x must hold at least one time step (T >= 1); got T={x.shape[0]}")
        if x.shape[1] < 1:
            raise ValueError(f"x must hold at least one sequence (B >= 1); got B={x.shape[1]}")
        if x.dtype != self.dtype:
            raise TypeError(f"x must have dtype {self.dtype} (the layer's dtype); got {x.dtype}")
        return x.shape[0], x.shape[1]

    def _check_state(self, name: str, value: Optional[np.ndarray], B: int) -> np.ndarray:
        """Return the initial state ``value`` (B, H), or zeros when it is ``None``."""
        if value is None:
            return np.zeros((B, self.hidden_size), dtype=self.dtype)
        check_array(name, value, (("B", B), ("H", self.hidden_size)), dtype=self.dtype)
        return value

    def _check_d_output(self, d_output: Any, cache: dict) -> np.ndarray:
        T, B = cache["x"].shape[:2]
        check_array(
            "d_output", d_output, (("T", T), ("B", B), ("H", self.hidden_size)), dtype=self.dtype
        )
        return d_output

    # ------------------------------------------------------------------ helpers
    def zero_grads(self) -> dict:
        """Return a dict of zero arrays with the keys and shapes of ``params``."""
        return {k: np.zeros_like(v) for k, v in self.params.items()}

    def num_parameters(self) -> int:
        """Number of scalar parameters (PyTorch's count: both biases counted)."""
        return int(sum(v.size for v in self.params.values()))

    def state_at(self, cache: dict, t: int) -> dict:
        """Return the state after ``t`` steps of the forward pass that made ``cache``.

        ``t = 0`` gives the initial state. The result is a dict of keyword arguments for
        ``forward`` (``{"h0": ...}``, plus ``"c0"`` for the LSTM), so that a sequence can be
        continued, or re-run from step ``t`` (truncated BPTT does this).

        Shapes
        ------
        Each state is (B, H).
        """
        T = cache["x"].shape[0]
        t = check_int("t", t, minimum=0, maximum=T)
        return {"h0": cache["h"][t]}

    # ------------------------------------------------------------------ torch
    @classmethod
    def _check_torch_module(
        cls, module: Any, *, bidirectional: Optional[bool] = False, single_layer: bool = True
    ) -> None:
        """Reject what ``from_torch`` cannot copy, with a clear ``ValueError``.

        ``bidirectional=None`` accepts either direction; ``single_layer=False`` accepts any
        number of layers.
        """
        import torch

        expected = getattr(torch.nn, cls.torch_class)
        if not isinstance(module, expected):
            raise TypeError(
                f"module must be a torch.nn.{cls.torch_class}; got {type(module).__name__}"
            )
        problems = []
        if single_layer and module.num_layers != 1:
            problems.append(f"num_layers=1 (got {module.num_layers})")
        if bidirectional is not None and bool(module.bidirectional) != bidirectional:
            problems.append(f"bidirectional={bidirectional} (got {module.bidirectional})")
        if module.batch_first:
            problems.append("batch_first=False (got True)")
        if not module.bias:
            problems.append("bias=True (got False)")
        if getattr(module, "proj_size", 0):
            problems.append(f"proj_size=0 (got {module.proj_size})")
        if problems:
            raise ValueError("module must have " + ", ".join(problems))

    @staticmethod
    def _torch_dtype(module: Any) -> np.dtype:
        dtype = next(module.parameters()).detach().numpy().dtype
        return check_dtype(dtype)

    def _load_torch(self, module: Any, layer: int = 0, suffix: str = "") -> None:
        """Copy the weights of layer ``layer``, direction ``suffix`` of ``module`` into params.

        ``suffix`` is ``""`` for the forward direction and ``"_reverse"`` for the backward
        one (PyTorch's names, e.g. ``weight_ih_l1_reverse``).
        """
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
            torch_name = name[:-1] + str(layer) + suffix
            value = getattr(module, torch_name).detach().cpu().numpy().astype(self.dtype)
            self.params[name][...] = value

    @classmethod
    def _torch_variant(cls, module: Any) -> dict:
        """Constructor keywords read off a torch module (the RNN's ``nonlinearity``)."""
        return {}

    @classmethod
    def _from_torch_layer(
        cls, module: Any, layer: int = 0, suffix: str = "", **kwargs: Any
    ) -> "RecurrentLayer":
        """A new layer holding layer ``layer``, direction ``suffix`` of a torch module."""
        if layer == 0:
            input_size = module.input_size
        else:
            input_size = module.hidden_size * (2 if module.bidirectional else 1)
        new = cls(
            input_size,
            module.hidden_size,
            seed=0,
            dtype=cls._torch_dtype(module),
            **cls._torch_variant(module),
            **kwargs,
        )
        new._load_torch(module, layer, suffix)
        return new

    @property
    def output_size(self) -> int:
        """The size H of each output vector."""
        return self.hidden_size

    def _layer_kwargs(self) -> dict:
        """Constructor keywords that define the variant (e.g. ``nonlinearity``)."""
        return {}

    def _torch_kwargs(self) -> dict:
        return {"input_size": self.input_size, "hidden_size": self.hidden_size}

    def to_torch(self) -> Any:
        """Return the matching single-layer, time-major ``torch.nn`` module, weights copied.

        The module has the layer's dtype (float32 or float64).
        """
        import torch

        cls = getattr(torch.nn, self.torch_class)
        torch_dtype = torch.float64 if self.dtype == np.float64 else torch.float32
        module = cls(**self._torch_kwargs()).to(torch_dtype)
        with torch.no_grad():
            for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
                getattr(module, name).copy_(torch.from_numpy(self.params[name].copy()))
        return module

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(input_size={self.input_size}, "
            f"hidden_size={self.hidden_size}, dtype={self.dtype})"
        )
