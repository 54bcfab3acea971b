"""The output layer and the losses: affine map, softmax cross-entropy, mean squared error.

On top of the hidden states (chapter 3):

.. math::

    y_t = W_{hy} h_t + b_y  \\qquad \\text{(Eq. (3.2))}

and a loss :math:`L = \\sum_t L_t` (or its mean). Each loss returns its value *and* its
gradient with respect to its input, ready to be passed down: the output layer's
``backward`` turns :math:`\\partial L/\\partial y_t` into :math:`\\partial L/\\partial h_t`,
the ``d_output`` of a recurrent layer.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_dtype, check_instance, check_int

__all__ = ["Linear", "softmax", "log_softmax", "softmax_cross_entropy", "mse_loss"]

REDUCTIONS = ("mean", "sum")


class Linear:
    """Affine output layer :math:`y = W_{hy} h + b_y` applied at every step, Eq. (3.2).

    Parameters
    ----------
    input_size : int
        H (or 2H after a bidirectional layer).
    output_size : int
        C.
    seed : int, numpy.random.Generator or None
        Source of the initial weights, :math:`U(-1/\\sqrt{H}, 1/\\sqrt{H})` like
        ``torch.nn.Linear``.
    dtype : numpy.dtype
        float32 or float64.

    Attributes
    ----------
    params : dict
        ``weight`` (:math:`W_{hy}`) and ``bias`` (:math:`b_y`), PyTorch's names.

    Shapes
    ------
    ``weight``: (C, H); ``bias``: (C,). Input h: (..., H), for example (T, B, H);
    output: (..., C).
    """

    def __init__(
        self, input_size: int, output_size: int, *, seed: SeedLike = 0, dtype: Any = np.float64
    ) -> None:
        for name, value in (("input_size", input_size), ("output_size", output_size)):
            check_int(name, value, minimum=1)
        self.input_size, self.output_size = int(input_size), int(output_size)
        self.dtype = check_dtype(dtype)
        rng = as_rng(seed)
        bound = 1.0 / np.sqrt(self.input_size)
        self.params = {
            "weight": rng.uniform(-bound, bound, (self.output_size, self.input_size)).astype(
                self.dtype
            ),
            "bias": rng.uniform(-bound, bound, (self.output_size,)).astype(self.dtype),
        }

    def forward(self, h: np.ndarray) -> tuple:
        """Return ``(y, cache)`` with :math:`y = W_{hy} h + b_y`, Eq. (3.2).

        Shapes
        ------
        h: (..., H); y: (..., C).
        """
        if not isinstance(h, np.ndarray) or h.ndim < 1 or h.shape[-1] != self.input_size:
            got = tuple(h.shape) if isinstance(h, np.ndarray) else type(h).__name__
            raise ValueError(f"h must have shape (..., H={self.input_size}); got {got}")
        if h.dtype != self.dtype:
            raise TypeError(f"h must have dtype {self.dtype} (the layer's dtype); got {h.dtype}")
        y = np.dot(h, self.params["weight"].T)  # (..., C)
        y += self.params["bias"]
        return y, {"h": h}

    def backward(self, dy: np.ndarray, cache: dict) -> tuple:
        """Return ``(dh, grads)`` from :math:`\\partial L / \\partial y`.

        :math:`\\partial L/\\partial h = W_{hy}^\\top \\partial L/\\partial y`,
        :math:`\\partial L/\\partial W_{hy} = \\sum (\\partial L/\\partial y)\\, h^\\top`,
        :math:`\\partial L/\\partial b_y = \\sum \\partial L/\\partial y` (sums over all
        leading axes).

        Shapes
        ------
        dy: (..., C); dh: (..., H).
        """
        h = cache["h"]
        expected = tuple(h.shape[:-1]) + (self.output_size,)
        if not isinstance(dy, np.ndarray) or dy.shape != expected:
            got = tuple(dy.shape) if isinstance(dy, np.ndarray) else type(dy).__name__
            raise ValueError(f"dy must have shape {expected} (h's leading axes, C); got {got}")
        if dy.dtype != self.dtype:
            raise TypeError(f"dy must have dtype {self.dtype}; got {dy.dtype}")
        dy2 = dy.reshape(-1, self.output_size)  # (N, C), N = product of leading axes
        grads = {
            "weight": np.dot(dy2.T, h.reshape(-1, self.input_size)),
            "bias": dy2.sum(axis=0),
        }
        return np.dot(dy, self.params["weight"]), grads

    def num_parameters(self) -> int:
        """Number of scalar parameters."""
        return int(self.params["weight"].size + self.params["bias"].size)

    def __repr__(self) -> str:
        sizes = f"input_size={self.input_size}, output_size={self.output_size}"
        return f"Linear({sizes}, dtype={self.dtype})"


def softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax :math:`p_k = e^{y_k} / \\sum_j e^{y_j}` along ``axis``.

    Shapes
    ------
    The result has the shape of ``logits``.
    """
    check_instance("logits", logits, np.ndarray, "numpy.ndarray")
    z = logits - logits.max(axis=axis, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=axis, keepdims=True)
    return z


def _check_reduction(reduction: str) -> None:
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}; got {reduction!r}")


def log_softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable :math:`\\log p_k = y_k - \\log \\sum_j e^{y_j}` along ``axis``.

    The log-probabilities that :func:`rnnbook.scratch.ctc.ctc_loss` takes.

    Shapes
    ------
    The result has the shape of ``logits``.
    """
    check_instance("logits", logits, np.ndarray, "numpy.ndarray")
    m = logits.max(axis=axis, keepdims=True)
    return logits - m - np.log(np.exp(logits - m).sum(axis=axis, keepdims=True))


def softmax_cross_entropy(
    logits: np.ndarray, targets: np.ndarray, *, reduction: str = "mean"
) -> tuple:
    """Cross-entropy of the softmax of ``logits`` against integer ``targets``.

    .. math::

        L = \\sum_{n} -\\log p_{n, k_n}, \\qquad p_n = \\mathrm{softmax}(y_n),
        \\qquad \\frac{\\partial L}{\\partial y_n} = p_n - \\mathrm{onehot}(k_n)

    over all positions :math:`n` (for example every step of every sequence), divided by
    their number when ``reduction="mean"``.

    Parameters
    ----------
    logits : numpy.ndarray
        :math:`y`, unnormalised scores.
    targets : numpy.ndarray
        Class indices in ``[0, C)``.
    reduction : str
        ``"mean"`` or ``"sum"`` over the positions.

    Returns
    -------
    loss : float
    d_logits : numpy.ndarray
        :math:`\\partial L / \\partial y`.

    Shapes
    ------
    logits: (..., C), e.g. (T, B, C); targets: (...), e.g. (T, B); d_logits like logits.
    """
    _check_reduction(reduction)
    if not isinstance(logits, np.ndarray) or logits.ndim < 1:
        raise ValueError("logits must be a numpy.ndarray of shape (..., C)")
    targets = np.asarray(targets)
    if targets.shape != logits.shape[:-1]:
        raise ValueError(
            f"targets must have shape {tuple(logits.shape[:-1])} (logits without C); "
            f"got {targets.shape}"
        )
    if not np.issubdtype(targets.dtype, np.integer):
        raise TypeError(f"targets must hold integers; got dtype {targets.dtype}")
    C = logits.shape[-1]
    if targets.size and (targets.min() < 0 or targets.max() >= C):
        raise ValueError(
            f"targets must lie in [0, C={C}); got values in [{targets.min()}, {targets.max()}]"
        )
    p = softmax(logits).reshape(-1, C)  # (N, C)
    k = targets.reshape(-1)  # (N,)
    rows = np.arange(k.size)
    shifted = logits.reshape(-1, C) - logits.reshape(-1, C).max(axis=1, keepdims=True)
    log_p = shifted[rows, k] - np.log(np.exp(shifted).sum(axis=1))  # log-sum-exp, stable
    loss = -float(log_p.sum())
    p[rows, k] -= 1.0  # p - onehot(k)
    if reduction == "mean":
        loss /= max(k.size, 1)
        p /= max(k.size, 1)
    return loss, p.reshape(logits.shape)


def mse_loss(prediction: np.ndarray, target: np.ndarray, *, reduction: str = "mean") -> tuple:
    """Squared error :math:`L = \\sum_n (\\hat y_n - y_n)^2`, or its mean over all entries.

    Returns the loss and :math:`\\partial L / \\partial \\hat y = 2(\\hat y - y)` (divided by
    the number of entries for the mean), like ``torch.nn.functional.mse_loss``.

    Shapes
    ------
    prediction and target: any shape, the same; the gradient has that shape.
    """
    _check_reduction(reduction)
    if not isinstance(prediction, np.ndarray):
        raise TypeError(f"prediction must be a numpy.ndarray; got {type(prediction).__name__}")
    if not np.issubdtype(prediction.dtype, np.floating):
        raise TypeError(f"prediction must be a floating-point array; got dtype {prediction.dtype}")
    target = np.asarray(target)
    if not (np.issubdtype(target.dtype, np.floating) or np.issubdtype(target.dtype, np.integer)):
        raise TypeError(f"target must be a numeric array; got dtype {target.dtype}")
    if target.shape != prediction.shape:
        raise ValueError(
            f"target must have shape {prediction.shape} (like prediction); got {target.shape}"
        )
    diff = prediction - target
    loss = float(np.sum(diff * diff))
    grad = 2.0 * diff
    if reduction == "mean":
        loss /= max(diff.size, 1)
        grad /= max(diff.size, 1)
    return loss, grad.astype(prediction.dtype, copy=False)
