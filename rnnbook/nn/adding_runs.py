"""Training a recurrent net on the adding problem, fairly: one budget, three data streams.

A run of :func:`train_adding` draws three disjoint streams of the adding problem
(:func:`rnnbook.data.adding.adding_problem`), each from its own seed:

* **training** batches, fresh at every step (no sequence is seen twice);
* a **validation** set, which alone decides when to stop: it is scored every
  ``eval_every`` steps, the weights with the lowest validation MSE so far are kept, and
  training stops as soon as that MSE is at or below ``target`` or when ``steps`` run out;
* a **test** set, scored once, at the end, on the kept weights: the number a chapter
  reports. It never influences training or stopping.

Every contender gets the same budget (``steps``, ``batch_size``) and the same candidate
learning rates; :func:`select_rate` picks one per contender on the validation set only.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Optional, Sequence

import torch

from ..data.adding import adding_batches, adding_problem
from ..train import History, fit
from ..validation import check_positive_float, check_positive_int, check_shape
from .lstm import set_forget_bias
from .models import RECURRENT_KINDS, RecurrentNet

__all__ = ["AddingRun", "train_adding", "select_rate", "adding_mse"]

# Seed offsets that keep the three streams of one run apart (training uses ``seed`` itself).
_VALIDATION_SEED = 10_000
_TEST_SEED = 20_000


@dataclass
class AddingRun:
    """The outcome of one :func:`train_adding` run.

    Attributes
    ----------
    kind : str
        ``"rnn"``, ``"gru"`` or ``"lstm"``.
    T : int
        Sequence length.
    lr : float
        Learning rate used.
    val_mse : float
        Best validation MSE (the one whose weights were kept).
    test_mse : float
        MSE of the kept weights on the test set.
    test_wrong : float
        Fraction of test sequences whose absolute error exceeds ``tolerance``.
    steps : int
        Optimiser steps taken (at most the budget).
    sequences : int
        Training sequences seen, ``steps * batch_size``.
    solved : bool
        Whether the validation MSE reached ``target`` (and training stopped early).
    history : rnnbook.train.History
        Training losses and the validation curve.
    model : RecurrentNet
        The network with the kept (best-on-validation) weights, on the CPU.
    """

    kind: str
    T: int
    lr: float
    val_mse: float
    test_mse: float
    test_wrong: float
    steps: int
    sequences: int
    solved: bool
    history: History
    model: RecurrentNet


def adding_mse(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error of the prediction ``model(x)[:, 0]`` against ``y``.

    The model's one output per sequence, shape (B, 1), is compared with the target
    column by column; a prediction of any other shape is refused, because (B, 1) minus
    (B,) would broadcast to a (B, B) matrix and give a wrong mean without an error.

    Shapes
    ------
    x : (T, B, 2); y : (B,); ``model(x)`` : (B, 1); returns a scalar tensor.
    """
    check_shape("x", x, (("T", None), ("B", None), ("D", 2)), kind="tensor")
    check_shape("y", y, (("B", x.shape[1]),), kind="tensor")
    prediction = model(x)
    if not isinstance(prediction, torch.Tensor) or tuple(prediction.shape) != (x.shape[1], 1):
        got = tuple(prediction.shape) if isinstance(prediction, torch.Tensor) else type(prediction).__name__
        raise ValueError(f"model(x) must return predictions of shape (B={x.shape[1]}, 1); got {got}")
    return torch.mean((prediction[:, 0] - y) ** 2)


def train_adding(
    kind: str,
    T: int,
    *,
    steps: int,
    lr: float = 1e-2,
    hidden_size: int = 32,
    batch_size: int = 32,
    target: float = 0.001,
    eval_every: int = 25,
    n_val: int = 256,
    n_test: int = 1000,
    forget_bias: Optional[float] = 1.0,
    tolerance: float = 0.08,
    clip: Optional[float] = 1.0,
    seed: int = 0,
    progress: bool = True,
) -> AddingRun:
    """Train ``RecurrentNet(kind, 2, hidden_size)`` on the adding problem of length ``T``.

    Adam with learning rate ``lr``, the gradient norm clipped at ``clip``, fresh batches
    of ``batch_size`` sequences at every step, at most ``steps`` steps. Every
    ``eval_every`` steps the validation MSE is measured; the best weights are kept, and
    training stops once the validation MSE is at or below ``target``. The test MSE of
    the kept weights is reported. Validation and test sets are drawn from seeds of
    their own (``seed + 10000 + T`` and ``seed + 20000 + T``), so they are disjoint
    streams from training and from each other.

    Parameters
    ----------
    kind : str
        ``"rnn"`` (tanh), ``"gru"`` or ``"lstm"``.
    T : int
        Sequence length, at least 2.
    steps : int
        The budget: maximum number of optimiser steps.
    lr : float
        Adam's learning rate.
    hidden_size, batch_size : int
        H and the number of sequences per step.
    target : float
        Validation MSE at which training stops.
    eval_every : int
        Steps between validation checks.
    n_val, n_test : int
        Sizes of the validation and test sets.
    forget_bias : float or None
        For ``kind="lstm"``: the value the forget-gate bias starts at (see
        :func:`rnnbook.nn.lstm.set_forget_bias`); ignored for the other cells. ``None``
        keeps PyTorch's initialisation.
    tolerance : float
        A test sequence counts as wrong when its absolute error exceeds this. The default,
        0.08, is Hochreiter & Schmidhuber's criterion (0.04) on their target
        :math:`0.5 + (X_1 + X_2)/4`, which is half of ours.
    clip : float or None
        Gradient-norm clipping.
    seed : int
        Seeds the weights and the training stream.
    progress : bool
        Show a progress bar.

    Returns
    -------
    AddingRun

    Shapes
    ------
    Inputs (T, B, 2), targets (B,), as :func:`rnnbook.data.adding.adding_problem` draws them;
    the model's predictions (B, 1), compared through their one column.
    """
    if kind not in RECURRENT_KINDS:
        raise ValueError(f"kind must be one of {sorted(RECURRENT_KINDS)}; got {kind!r}")
    T = check_positive_int("T", T, minimum=2)
    steps = check_positive_int("steps", steps)
    hidden_size = check_positive_int("hidden_size", hidden_size)
    batch_size = check_positive_int("batch_size", batch_size)
    eval_every = check_positive_int("eval_every", eval_every)
    n_val = check_positive_int("n_val", n_val)
    n_test = check_positive_int("n_test", n_test)
    seed = check_positive_int("seed", seed, minimum=0)
    lr = check_positive_float("lr", lr)
    target = check_positive_float("target", target)
    tolerance = check_positive_float("tolerance", tolerance)

    torch.manual_seed(seed)
    model = RecurrentNet(kind, input_size=2, hidden_size=hidden_size)
    if kind == "lstm" and forget_bias is not None:
        set_forget_bias(model.rnn, forget_bias)
    x_val, y_val = (torch.from_numpy(a) for a in adding_problem(n_val, T, seed=seed + _VALIDATION_SEED + T))
    x_test, y_test = (torch.from_numpy(a) for a in adding_problem(n_test, T, seed=seed + _TEST_SEED + T))
    best = {"mse": math.inf, "state": None}

    def validate(m: torch.nn.Module) -> float:
        mse = adding_mse(m, x_val.to(next(m.parameters()).device), y_val.to(next(m.parameters()).device)).item()
        if mse < best["mse"]:  # keep the best weights seen so far (early stopping)
            best["mse"], best["state"] = mse, copy.deepcopy(m.state_dict())
        return mse

    history = fit(
        model,
        lambda m, b: adding_mse(m, *b),
        adding_batches(batch_size, T, seed=seed),
        steps=steps,
        lr=lr,
        clip=clip,
        seed=seed,
        evaluate=validate,
        eval_every=eval_every,
        target=target,
        progress=progress,
        desc=f"{kind}, T={T}, lr={lr:g}",
    )
    model = model.cpu()
    model.load_state_dict(best["state"])
    model.eval()
    with torch.no_grad():
        error = model(x_test)[:, 0] - y_test  # (n_test,): the (n_test, 1) predictions' one column
    test_mse = torch.mean(error**2).item()
    test_wrong = torch.mean((error.abs() > tolerance).float()).item()
    taken = history.steps[-1]
    return AddingRun(
        kind=kind,
        T=T,
        lr=lr,
        val_mse=best["mse"],
        test_mse=test_mse,
        test_wrong=test_wrong,
        steps=taken,
        sequences=taken * batch_size,
        solved=bool(history.stopped_early),
        history=history,
        model=model,
    )


def select_rate(kind: str, T: int, rates: Sequence[float], *, steps: int, **kwargs) -> tuple:
    """Train once per learning rate in ``rates`` and keep the run with the best validation MSE.

    Every contender gets the same candidate rates and the same budget, so the tuning
    effort is equal; the test set plays no part in the choice. Ties (for example two
    rates that both reach ``target``) go to the run that took fewer steps.

    Parameters
    ----------
    kind, T, steps
        As :func:`train_adding`.
    rates : sequence of float
        Candidate learning rates, at least one.
    **kwargs
        Passed on to :func:`train_adding`.

    Returns
    -------
    best : AddingRun
        The chosen run.
    runs : list of AddingRun
        All runs, in the order of ``rates``.
    """
    rates = list(rates)
    if not rates:
        raise ValueError("rates must hold at least one learning rate; got an empty sequence")
    runs = [train_adding(kind, T, steps=steps, lr=lr, **kwargs) for lr in rates]
    target = kwargs.get("target", 0.001)

    def rank(run: AddingRun) -> tuple:
        reached = run.val_mse <= target
        return (not reached, run.steps if reached else 0, run.val_mse)

    return min(runs, key=rank), runs

