"""Gradient-based updates for the NumPy models: SGD, Adam, and gradient-norm clipping.

The optimisers update a ``params`` dict *in place* from a ``grads`` dict with the same
keys (the ``params`` of a model are the arrays it computes with, so the model changes).
Several models are trained together by merging their dicts, e.g.
``{**rnn.params, **out.params}`` with matching gradients, when their names do not clash.

Clipping rescales all gradients together when their global norm exceeds a threshold
(Pascanu, Mikolov & Bengio 2013; chapter 4):

.. math::

    \\|g\\| = \\Big(\\sum_k \\|g_k\\|_F^2\\Big)^{1/2}, \\qquad
    g_k \\leftarrow g_k \\cdot \\min\\Big(1, \\frac{\\tau}{\\|g\\|}\\Big)
"""

from __future__ import annotations

import numpy as np

from ..validation import check_arrays_dict, check_positive_float

__all__ = ["SGD", "Adam", "clip_grad_norm", "global_norm"]


def _check_grads(params: dict, grads: dict) -> None:
    if set(grads) != set(params):
        missing, extra = sorted(set(params) - set(grads)), sorted(set(grads) - set(params))
        raise ValueError(
            f"grads must have the keys of params; missing {missing}, unexpected {extra}"
        )
    for k, g in grads.items():
        if np.shape(g) != params[k].shape:
            raise ValueError(f"grads[{k!r}] must have shape {params[k].shape}; got {np.shape(g)}")


class SGD:
    """Stochastic gradient descent with optional momentum.

    .. math::

        v \\leftarrow \\mu v + g, \\qquad \\theta \\leftarrow \\theta - \\eta v

    (:math:`\\mu = 0` gives plain :math:`\\theta \\leftarrow \\theta - \\eta g`; the same
    form as ``torch.optim.SGD``).

    Parameters
    ----------
    params : dict
        Arrays updated in place.
    lr : float
        :math:`\\eta`.
    momentum : float
        :math:`\\mu` in [0, 1).

    Shapes
    ------
    Every gradient has its parameter's shape.
    """

    def __init__(self, params: dict, lr: float = 0.1, momentum: float = 0.0) -> None:
        check_arrays_dict("params", params)
        lr = check_positive_float("lr", lr)
        if not (isinstance(momentum, (int, float, np.integer, np.floating)) and not isinstance(momentum, bool)
                and 0.0 <= momentum < 1.0):
            raise ValueError(f"momentum must be a number in [0, 1); got {momentum!r}")
        self.params, self.lr, self.momentum = params, float(lr), float(momentum)
        self.velocity = {k: np.zeros_like(v) for k, v in params.items()}

    def step(self, grads: dict) -> None:
        """Update every parameter in place from ``grads``."""
        _check_grads(self.params, grads)
        for k, p in self.params.items():
            if self.momentum:
                v = self.velocity[k]
                v *= self.momentum
                v += grads[k]
                p -= self.lr * v
            else:
                p -= self.lr * grads[k]


class Adam:
    """Adam (Kingma & Ba 2015), as in ``torch.optim.Adam``.

    .. math::

        m \\leftarrow \\beta_1 m + (1-\\beta_1) g, \\quad
        v \\leftarrow \\beta_2 v + (1-\\beta_2) g^2, \\quad
        \\theta \\leftarrow \\theta
            - \\eta \\frac{m / (1-\\beta_1^s)}{\\sqrt{v/(1-\\beta_2^s)} + \\epsilon}

    at step :math:`s = 1, 2, \\dots`.

    Parameters
    ----------
    params : dict
        Arrays updated in place.
    lr : float
        :math:`\\eta`.
    betas : tuple of float
        :math:`(\\beta_1, \\beta_2)`.
    eps : float
        :math:`\\epsilon`.

    Shapes
    ------
    Every gradient has its parameter's shape.
    """

    def __init__(
        self, params: dict, lr: float = 1e-3, betas: tuple = (0.9, 0.999), eps: float = 1e-8
    ) -> None:
        check_arrays_dict("params", params)
        lr = check_positive_float("lr", lr)
        if len(betas) != 2 or not all(0 <= b < 1 for b in betas):
            raise ValueError(f"betas must be two numbers in [0, 1); got {betas!r}")
        self.params, self.lr, self.betas, self.eps = params, float(lr), tuple(betas), float(eps)
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.t = 0

    def step(self, grads: dict) -> None:
        """Update every parameter in place from ``grads``."""
        _check_grads(self.params, grads)
        self.t += 1
        b1, b2 = self.betas
        c1, c2 = 1 - b1**self.t, 1 - b2**self.t  # bias corrections
        for k, p in self.params.items():
            g, m, v = grads[k], self.m[k], self.v[k]
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)


def global_norm(grads: dict) -> float:
    """The global norm :math:`\\|g\\| = (\\sum_k \\|g_k\\|_F^2)^{1/2}` of a dict of arrays."""
    check_arrays_dict("grads", grads)
    squares = (float(np.sum(np.square(g, dtype=np.float64))) for g in grads.values())
    return float(np.sqrt(sum(squares)))


def clip_grad_norm(grads: dict, max_norm: float) -> tuple:
    """Rescale all gradients together so that their global norm is at most ``max_norm``.

    The input dict is left unchanged.

    Parameters
    ----------
    grads : dict
        Gradients (arrays).
    max_norm : float
        :math:`\\tau > 0`.

    Returns
    -------
    clipped : dict
        New arrays, scaled by :math:`\\min(1, \\tau/\\|g\\|)`.
    norm : float
        :math:`\\|g\\|` *before* clipping (what to log to see explosions).

    Shapes
    ------
    Each clipped gradient has the shape of its input.
    """
    check_arrays_dict("grads", grads)
    max_norm = check_positive_float("max_norm", max_norm)
    norm = global_norm(grads)
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    clipped = {}
    for k, g in grads.items():
        g = np.asarray(g)
        clipped[k] = g * np.asarray(scale, dtype=g.dtype)  # keeps float32 as float32
    return clipped, norm
