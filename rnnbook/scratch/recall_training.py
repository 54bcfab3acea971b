"""Training a NumPy RNN on delayed recall: BPTT, truncated BPTT, an evolution strategy, clipping.

The experiments of chapters 3 and 4 in one place. :func:`train_recall` trains with full or
truncated BPTT and reports held-out accuracy; :func:`es_against_bptt` gives an
evolution strategy (Eq. (3.7)) and BPTT with Adam the same budget, counted in forward
passes over the training set, with a step of BPTT charged its counted multiply-adds
(:func:`rnnbook.scratch.costs.bptt_macs`), so that every number is the same on any machine.
:func:`clipping_run` trains with plain SGD from a recurrent matrix of large spectral
radius, with or without gradient-norm clipping (Eq. (4.4)).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from ..data.lags import delayed_recall
from ..validation import check_positive_int
from .costs import bptt_macs, forward_macs
from .evolution import ESResult, evolution_strategy, flatten, unflatten
from .objective import sequence_cross_entropy
from .gradient_flow import scale_to_spectral_radius
from .optim import SGD, Adam, clip_grad_norm, global_norm
from .output import Linear, softmax_cross_entropy
from .rnn import RNN
from .truncated import truncated_bptt

__all__ = ["recall_accuracy", "train_recall", "ESComparison", "es_against_bptt", "clipping_run"]


def recall_accuracy(rnn: RNN, out: Linear, x: np.ndarray, labels: np.ndarray, mask: np.ndarray) -> float:
    """Fraction of the scored steps (``mask``) whose most likely class is the label.

    Shapes
    ------
    x: (T, B, 1); labels, mask: (T, B).
    """
    predictions = out.forward(rnn.forward(x)[0])[0].argmax(-1)
    return float((predictions == labels)[mask].mean())


def train_recall(
    k: Optional[int],
    *,
    lag: int = 4,
    hidden_size: int = 16,
    T: int = 32,
    batch_size: int = 32,
    steps: int = 250,
    lr: float = 0.01,
    seed: int = 0,
    n_val: int = 500,
    val_seed: int = 12345,
) -> float:
    """Train an RNN on delayed recall with TBPTT(k, k), or full BPTT when ``k`` is None.

    Each step draws ``batch_size`` fresh streams of ``T`` steps, computes the loss and the
    output layer's gradient, replaces the recurrent layer's gradient by the truncated one
    (:func:`~rnnbook.scratch.truncated.truncated_bptt`), clips the global norm at 1 and
    takes an Adam step.

    Returns
    -------
    float
        Accuracy on ``n_val`` held-out streams (the same for every ``k``).

    Shapes
    ------
    Streams are (T, batch_size, 1).
    """
    if k is not None:
        k = check_positive_int("k (or None)", k)
    for name, value in (("lag", lag), ("hidden_size", hidden_size), ("T", T),
                        ("batch_size", batch_size), ("steps", steps), ("n_val", n_val)):
        check_positive_int(name, value)
    rnn, out = RNN(1, hidden_size, seed=seed), Linear(hidden_size, 2, seed=seed + 1)
    opt = Adam({**rnn.params, **out.params}, lr=lr)
    rng = np.random.default_rng(seed)
    for _ in range(steps):
        x, y, m = delayed_recall(batch_size, T, lag, seed=rng)
        _, g, dh = sequence_cross_entropy(rnn, out, x, y, mask=m)
        if k is not None:  # the recurrent layer's gradient, truncated
            g.update(truncated_bptt(rnn, x, dh, k1=k, k2=k))
        opt.step(clip_grad_norm(g, 1.0)[0])
    return recall_accuracy(rnn, out, *delayed_recall(n_val, T, lag, seed=val_seed))


@dataclass
class ESComparison:
    """Evolution strategy against BPTT on one training set (see :func:`es_against_bptt`).

    Attributes
    ----------
    es : ESResult
        The evolution strategy's run (losses against evaluations spent).
    bptt_evaluations : ndarray
        Forward-pass equivalents spent after each BPTT step, shape (steps,).
    bptt_losses : ndarray
        Training loss before each BPTT step, shape (steps,).
    step_cost : float
        What one BPTT step costs in forward passes, from counted multiply-adds.
    n_params : int
        Number of weights :math:`P`.
    acc_es, acc_bptt : float
        Held-out accuracy after the whole budget.
    """

    es: ESResult
    bptt_evaluations: np.ndarray
    bptt_losses: np.ndarray
    step_cost: float
    n_params: int
    acc_es: float
    acc_bptt: float

    def evaluations_to(self, threshold: float) -> tuple:
        """Budget spent (ES, BPTT) when the training loss first falls below ``threshold``.

        ``inf`` for a method that never gets there.
        """
        def first(evals: np.ndarray, losses: np.ndarray) -> float:
            below = np.flatnonzero(np.asarray(losses) < threshold)
            return float(np.asarray(evals)[below[0]]) if below.size else float("inf")

        return (first(np.asarray(self.es.evaluations), np.asarray(self.es.losses)),
                first(self.bptt_evaluations, self.bptt_losses))


def es_against_bptt(
    *,
    lag: int = 2,
    T: int = 20,
    n_train: int = 64,
    hidden_size: int = 8,
    budget: int = 3000,
    population: int = 20,
    sigma: float = 0.1,
    lr: float = 0.03,
    seed: int = 3,
) -> ESComparison:
    """Train one RNN on a fixed delayed-recall set by an evolution strategy and by BPTT + Adam.

    Both start from the same weights (``seed``) and get ``budget`` forward passes over the
    ``n_train`` training streams. The evolution strategy spends one per loss evaluation;
    a BPTT step is charged :math:`(F + B_{\\mathrm{bptt}}) / F` forward passes, with
    :math:`F` and :math:`B_{\\mathrm{bptt}}` the multiply-adds of the forward and backward
    passes (:func:`~rnnbook.scratch.costs.forward_macs`,
    :func:`~rnnbook.scratch.costs.bptt_macs`), and BPTT takes as many steps as fit in the
    budget.

    Returns
    -------
    ESComparison

    Shapes
    ------
    Training streams (T, n_train, 1); held-out streams (T, 500, 1).
    """
    for name, value in (("lag", lag), ("T", T), ("n_train", n_train), ("hidden_size", hidden_size),
                        ("budget", budget)):
        check_positive_int(name, value)
    x, y, m = delayed_recall(n_train, T, lag, seed=seed + 4)
    held_out = delayed_recall(500, T, lag, seed=seed + 5)
    rnn, out = RNN(1, hidden_size, seed=seed), Linear(hidden_size, 2, seed=seed + 1)
    params = {**rnn.params, **out.params}  # the arrays the two layers compute with
    theta0 = flatten(params)

    def set_theta(theta: np.ndarray) -> None:
        for name, v in unflatten(theta, params).items():
            params[name][...] = v

    def loss(theta: np.ndarray) -> float:  # one forward pass over the training set
        set_theta(theta)
        logits = out.forward(rnn.forward(x)[0])[0]
        return softmax_cross_entropy(logits[m], y[m])[0]

    es = evolution_strategy(loss, theta0, max_evaluations=budget, population=population,
                            sigma=sigma, lr=lr, seed=0)
    set_theta(es.theta)
    acc_es = recall_accuracy(rnn, out, *held_out)

    forward = forward_macs(T, n_train, 1, hidden_size, 2)
    step_cost = (forward + bptt_macs(T, n_train, 1, hidden_size, 2)) / forward
    set_theta(theta0)
    opt = Adam(params, lr=lr)
    losses: List[float] = []
    for _ in range(int(budget // step_cost)):
        value, g, _ = sequence_cross_entropy(rnn, out, x, y, mask=m)
        losses.append(value)
        opt.step(g)
    acc_bptt = recall_accuracy(rnn, out, *held_out)
    evaluations = step_cost * np.arange(1, len(losses) + 1)
    return ESComparison(es, evaluations, np.array(losses), float(step_cost), int(theta0.size),
                        acc_es, acc_bptt)


def clipping_run(
    clip: Optional[float],
    *,
    radius: float = 2.0,
    hidden_size: int = 32,
    T: int = 50,
    lag: int = 3,
    batch_size: int = 32,
    steps: int = 200,
    lr: float = 1.0,
    seed: int = 0,
) -> tuple:
    """SGD on delayed recall from a :math:`W_{hh}` of spectral radius ``radius``, clipped or not.

    The recurrent matrix starts as a Gaussian matrix rescaled to spectral radius
    ``radius``; every step draws fresh streams (the same ones for any ``clip``, given the
    seed), records the training loss and the global gradient norm *before* clipping, clips
    the norm at ``clip`` (Eq. (4.4); ``None``: no clipping) and takes an SGD step.

    Returns
    -------
    losses, norms : ndarray
        Training loss and gradient norm at each step, shape (steps,) each.

    Shapes
    ------
    Streams are (T, batch_size, 1).
    """
    if clip is not None and not (isinstance(clip, (int, float)) and not isinstance(clip, bool) and clip > 0):
        raise ValueError(f"clip must be a positive number or None; got {clip!r}")
    for name, value in (("hidden_size", hidden_size), ("T", T), ("lag", lag),
                        ("batch_size", batch_size), ("steps", steps)):
        check_positive_int(name, value)
    rnn, out = RNN(1, hidden_size, seed=seed), Linear(hidden_size, 2, seed=seed + 1)
    W = np.random.default_rng(seed).standard_normal((hidden_size, hidden_size))
    rnn.params["weight_hh_l0"][...] = scale_to_spectral_radius(W, radius)
    opt = SGD({**rnn.params, **out.params}, lr=lr)
    rng = np.random.default_rng(seed)
    losses, norms = np.empty(steps), np.empty(steps)
    for i in range(steps):
        x, y, m = delayed_recall(batch_size, T, lag, seed=rng)
        losses[i], grads, _ = sequence_cross_entropy(rnn, out, x, y, mask=m)
        norms[i] = global_norm(grads)
        opt.step(grads if clip is None else clip_grad_norm(grads, clip)[0])
    return losses, norms
