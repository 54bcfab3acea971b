"""Training without gradients: an evolution strategy over a flat parameter vector.

Global optimisation treats a network's weights as one vector :math:`\\theta` and its loss
on the training data as a black-box function :math:`L(\\theta)`. The evolution strategy
here is the one of Salimans et al. (2017): it perturbs :math:`\\theta` with Gaussian noise,
evaluates the loss of every perturbed copy, and moves :math:`\\theta` along the noise
directions weighted by how well they did, which is a Monte-Carlo estimate of the
gradient of the smoothed loss :math:`\\mathbb E_{\\epsilon}[L(\\theta + \\sigma\\epsilon)]`
(Eq. (3.7)):

.. math::

    \\hat g = \\frac{1}{n \\sigma} \\sum_{i=1}^{n} u_i\\, \\epsilon_i ,
    \\qquad \\epsilon_i \\sim \\mathcal N(0, I),

where :math:`u_i` is the centred rank of :math:`L(\\theta + \\sigma \\epsilon_i)` (rank
shaping makes the step immune to the scale of the loss). Perturbations come in antithetic
pairs :math:`\\pm\\epsilon`, which cancels the even part of the noise, and :math:`\\hat g`
drives an Adam step. The strategy counts every call of the loss, so that it can be
compared with gradient descent on the same budget of evaluations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Tuple

import numpy as np

from ..utils import SeedLike, as_rng

__all__ = ["flatten", "unflatten", "centered_ranks", "ESResult", "evolution_strategy"]


def flatten(params: Dict[str, np.ndarray]) -> np.ndarray:
    """Concatenate a dict of arrays, in its key order, into one float vector :math:`\\theta`.

    Shapes
    ------
    params: arrays of any shapes; returns (P,), P the total number of entries.
    """
    if not isinstance(params, dict) or not params:
        raise ValueError("params must be a non-empty dict of arrays")
    return np.concatenate([np.asarray(v, dtype=np.float64).ravel() for v in params.values()])


def unflatten(theta: np.ndarray, like: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
    """Split a vector back into arrays shaped (and named, and typed) like ``like``.

    Shapes
    ------
    theta: (P,) with P the total size of ``like``; returns a dict shaped like ``like``.
    """
    if not isinstance(like, dict) or not like:
        raise ValueError("like must be a non-empty dict of arrays")
    theta = np.asarray(theta)
    size = sum(np.size(v) for v in like.values())
    if theta.ndim != 1 or theta.shape[0] != size:
        raise ValueError(f"theta must have shape (P={size},); got {theta.shape}")
    out, start = {}, 0
    for name, v in like.items():
        v = np.asarray(v)
        out[name] = theta[start : start + v.size].reshape(v.shape).astype(v.dtype)
        start += v.size
    return out


def centered_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks of ``values`` mapped linearly onto :math:`[-0.5, 0.5]` (smallest gets -0.5).

    Shapes
    ------
    values: (n,); returns (n,).
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1 or values.size < 2:
        raise ValueError(f"values must be a vector of at least 2 entries; got shape {values.shape}")
    ranks = np.empty(values.size)
    ranks[np.argsort(values, kind="stable")] = np.arange(values.size)
    return ranks / (values.size - 1) - 0.5


@dataclass
class ESResult:
    """What :func:`evolution_strategy` found and how it got there.

    Attributes
    ----------
    theta : ndarray
        The final parameter vector (the mean of the search distribution), shape (P,).
    evaluations : list of int
        Number of loss evaluations spent when each entry of ``losses`` was recorded.
    losses : list of float
        Loss of the current mean :math:`\\theta` after each generation (the evaluation
        that measures it is counted too).
    n_evaluations : int
        Total number of loss evaluations.
    """

    theta: np.ndarray
    evaluations: List[int] = field(default_factory=list)
    losses: List[float] = field(default_factory=list)
    n_evaluations: int = 0


def evolution_strategy(
    loss: Callable[[np.ndarray], float],
    theta0: np.ndarray,
    *,
    max_evaluations: int,
    population: int = 20,
    sigma: float = 0.05,
    lr: float = 0.02,
    betas: Tuple[float, float] = (0.9, 0.999),
    seed: SeedLike = 0,
) -> ESResult:
    """Minimise ``loss`` with an antithetic, rank-based evolution strategy and Adam.

    Each generation draws ``population // 2`` noise vectors :math:`\\epsilon_i`, evaluates
    :math:`L(\\theta \\pm \\sigma \\epsilon_i)`, forms :math:`\\hat g` of Eq. (3.7) from
    the centred ranks, takes one Adam step of size ``lr`` along :math:`-\\hat g`, and
    evaluates the loss of the new :math:`\\theta`. It stops before a generation that would
    exceed ``max_evaluations``.

    Parameters
    ----------
    loss : callable
        ``loss(theta)`` returns a float; it should be deterministic (use one fixed set of
        training sequences) so that perturbations are compared on the same data.
    theta0 : ndarray
        Starting point, shape (P,).
    max_evaluations : int
        Budget of calls to ``loss``; must allow at least one generation
        (``population + 2``).
    population : int
        Even number :math:`n \\ge 2` of perturbed copies per generation.
    sigma : float
        Noise scale :math:`\\sigma > 0`.
    lr : float
        Adam step size.
    betas : tuple of float
        Adam's moment decay rates.
    seed : int or numpy.random.Generator
        Source of the perturbations.

    Returns
    -------
    ESResult

    Shapes
    ------
    theta0: (P,); ``result.theta``: (P,).
    """
    if not callable(loss):
        raise TypeError(f"loss must be callable; got {type(loss).__name__}")
    theta = np.array(theta0, dtype=np.float64)
    if theta.ndim != 1 or theta.size == 0:
        raise ValueError(f"theta0 must be a non-empty vector (P,); got shape {np.shape(theta0)}")
    if isinstance(population, bool) or not isinstance(population, (int, np.integer)) or population < 2 or population % 2:
        raise ValueError(f"population must be an even integer >= 2; got {population!r}")
    if isinstance(max_evaluations, bool) or not isinstance(max_evaluations, (int, np.integer)) or max_evaluations < population + 2:
        raise ValueError(
            f"max_evaluations must be an integer >= population + 2 = {population + 2}; got {max_evaluations!r}"
        )
    if not sigma > 0:
        raise ValueError(f"sigma must be positive; got {sigma!r}")
    if not lr > 0:
        raise ValueError(f"lr must be positive; got {lr!r}")
    rng = as_rng(seed)
    half = population // 2
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    b1, b2 = betas

    result = ESResult(theta=theta)
    result.losses.append(float(loss(theta)))
    result.n_evaluations = 1
    result.evaluations.append(1)
    step = 0
    while result.n_evaluations + population + 1 <= max_evaluations:
        eps = rng.standard_normal((half, theta.size))  # (n/2, P)
        eps = np.concatenate([eps, -eps])  # (n, P): antithetic pairs
        f = np.array([loss(theta + sigma * e) for e in eps])  # (n,)
        result.n_evaluations += population
        if not np.all(np.isfinite(f)):
            raise ValueError("loss returned a non-finite value during the search")
        u = centered_ranks(f)  # (n,): low loss -> negative weight
        # g = 1/(n sigma) sum_i u_i eps_i   (Eq. 3.7)
        g = u @ eps / (population * sigma)  # (P,)
        step += 1
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**step), v / (1 - b2**step)
        theta = theta - lr * m_hat / (np.sqrt(v_hat) + 1e-8)
        result.losses.append(float(loss(theta)))
        result.n_evaluations += 1
        result.evaluations.append(result.n_evaluations)
    result.theta = theta
    return result
