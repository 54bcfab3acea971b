"""One training loop for every PyTorch model in the book.

The loop knows nothing about the task: the caller gives a model, a source of batches and
a loss function. It seeds PyTorch, picks the device (CUDA when present, else CPU), clips
the gradient norm, shows a tqdm progress bar, evaluates every ``eval_every`` steps, stops
early once an evaluation reaches ``target``, and returns a :class:`History`. It never
prints or plots: chapters plot the history with :mod:`rnnbook.plot`.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

import torch
from tqdm import tqdm

from .utils import get_device, set_seed
from .validation import check_positive_float, check_positive_int

__all__ = ["History", "fit", "to_device"]


@dataclass
class History:
    """What happened during :func:`fit`.

    Attributes
    ----------
    steps, losses : list
        Training step (1-based) and the training loss at that step.
    eval_steps, eval_values : list
        Steps at which ``evaluate`` ran, and what it returned.
    stopped_early : bool
        Whether training ended because an evaluation reached the target.
    seconds : float
        Wall-clock time of the whole loop.
    model : torch.nn.Module or None
        The model that was trained (the one built by the factory, when ``fit`` got one).
    """

    steps: list = field(default_factory=list)
    losses: list = field(default_factory=list)
    eval_steps: list = field(default_factory=list)
    eval_values: list = field(default_factory=list)
    stopped_early: bool = False
    seconds: float = 0.0
    model: Optional[torch.nn.Module] = None

    @property
    def final_eval(self) -> float:
        """The last evaluation (``nan`` if none ran)."""
        return self.eval_values[-1] if self.eval_values else math.nan

    @property
    def best_eval(self) -> float:
        """The smallest evaluation (``nan`` if none ran)."""
        return min(self.eval_values) if self.eval_values else math.nan


def to_device(batch: Any, device: torch.device) -> Any:
    """Move a tensor, or a tuple/list/dict of tensors, to ``device`` (other values pass)."""
    if isinstance(batch, torch.Tensor):
        return batch.to(device)
    if isinstance(batch, (tuple, list)):
        return type(batch)(to_device(b, device) for b in batch)
    if isinstance(batch, dict):
        return {k: to_device(v, device) for k, v in batch.items()}
    return batch


def fit(
    model: "torch.nn.Module | Callable[[], torch.nn.Module]",
    loss_fn: Callable[[torch.nn.Module, Any], torch.Tensor],
    batches: Iterable[Any],
    *,
    steps: int,
    lr: float = 1e-3,
    optimizer: Optional[torch.optim.Optimizer] = None,
    clip: Optional[float] = 1.0,
    seed: int = 0,
    evaluate: Optional[Callable[[torch.nn.Module], float]] = None,
    eval_every: int = 100,
    target: Optional[float] = None,
    mode: str = "min",
    device: Any = None,
    progress: bool = True,
    desc: str = "training",
) -> History:
    """Train ``model`` for at most ``steps`` optimiser steps and return a :class:`History`.

    Parameters
    ----------
    model : torch.nn.Module or callable
        The model, moved to ``device`` before training; or a factory, a function of no
        arguments that builds it. ``fit`` seeds the generators *before* it calls the
        factory, so that ``seed`` fixes the initial weights too (a model built before the
        call was initialised by whatever the global generator held then).
    loss_fn : callable
        ``loss_fn(model, batch)`` returns a scalar loss tensor for one batch (already on
        the device).
    batches : iterable
        Yields batches (tensors, or tuples/lists/dicts of tensors). It is cycled if it
        runs out before ``steps`` (a generator of fresh random batches never does).
    steps : int
        Maximum number of optimiser steps.
    lr : float
        Learning rate of the default optimiser, Adam.
    optimizer : torch.optim.Optimizer, optional
        Use this optimiser instead of Adam.
    clip : float or None
        Clip the global gradient norm to this value before each step (``None``: no clipping).
    seed : int
        Seeds Python, NumPy and PyTorch at the start (so initialisation by a factory,
        shuffling and dropout repeat).
    evaluate : callable, optional
        ``evaluate(model)`` returns a float (for example a validation loss); it runs under
        ``torch.no_grad()`` with the model in eval mode, every ``eval_every`` steps and at
        the end.
    target : float, optional
        Stop as soon as an evaluation is at or below (``mode="min"``) or at or above
        (``mode="max"``) this value.
    device : str or torch.device, optional
        Defaults to CUDA when available, else the CPU.
    progress : bool
        Show a tqdm progress bar.

    Returns
    -------
    History
        Its ``model`` is the trained model.

    Raises
    ------
    FloatingPointError
        When the training loss becomes NaN or infinite: the run has diverged, and
        continuing would only train on garbage (lower ``lr`` or set ``clip``).
    """
    steps = check_positive_int("steps", steps)
    eval_every = check_positive_int("eval_every", eval_every)
    if mode not in ("min", "max"):
        raise ValueError(f"mode must be 'min' or 'max'; got {mode!r}")
    if clip is not None:
        clip = check_positive_float("clip (or None)", clip)
    lr = check_positive_float("lr", lr)
    if target is not None:
        if isinstance(target, bool) or not isinstance(target, (int, float)) or not math.isfinite(target):
            raise ValueError(f"target must be a finite number or None; got {target!r}")
        if evaluate is None:
            raise ValueError("target needs an evaluate function to compare against; got evaluate=None")
    if not callable(loss_fn):
        raise TypeError(f"loss_fn must be callable; got {type(loss_fn).__name__}")
    if evaluate is not None and not callable(evaluate):
        raise TypeError(f"evaluate must be callable or None; got {type(evaluate).__name__}")

    set_seed(seed)
    if not isinstance(model, torch.nn.Module):
        if not callable(model):
            raise TypeError(
                f"model must be a torch.nn.Module or a function that builds one; got {type(model).__name__}"
            )
        built = model()
        if not isinstance(built, torch.nn.Module):
            raise TypeError(f"the model factory must return a torch.nn.Module; got {type(built).__name__}")
        model = built
    device = get_device(device)
    model.to(device)
    if optimizer is None:
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    reached = (lambda v: v <= target) if mode == "min" else (lambda v: v >= target)

    def run_eval(step: int) -> bool:
        model.eval()
        with torch.no_grad():
            value = float(evaluate(model))
        model.train()
        history.eval_steps.append(step)
        history.eval_values.append(value)
        return target is not None and reached(value)

    history = History(model=model)
    start = time.perf_counter()
    source = itertools.cycle(batches) if isinstance(batches, (list, tuple)) else iter(batches)
    bar = tqdm(total=steps, desc=desc, disable=not progress, mininterval=1.0)
    model.train()
    step = 0
    for step in range(1, steps + 1):
        try:
            batch = next(source)
        except StopIteration:  # a finite iterable: start it again
            source = iter(batches)
            batch = next(source, None)
            if batch is None:
                bar.close()
                if step == 1:
                    raise ValueError("batches must yield at least one batch; got an empty iterable") from None
                raise ValueError(
                    f"batches ran out after {step - 1} batches and cannot start again (an "
                    f"iterator is used up once); pass a list of batches, or a generator that "
                    f"never ends, for steps={steps}"
                ) from None
        batch = to_device(batch, device)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model, batch)
        if not isinstance(loss, torch.Tensor) or loss.dim() != 0:
            shape = tuple(loss.shape) if isinstance(loss, torch.Tensor) else type(loss).__name__
            raise ValueError(f"loss_fn must return a scalar tensor; got {shape}")
        if not torch.isfinite(loss.detach()):
            bar.close()
            raise FloatingPointError(
                f"the training loss is {float(loss.detach())} at step {step}: the run diverged "
                f"(lower lr={lr} or clip the gradient, clip={clip})"
            )
        loss.backward()
        if clip is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
        history.steps.append(step)
        history.losses.append(float(loss.detach()))
        bar.update(1)
        if step % 20 == 0 or step == 1:
            bar.set_postfix(loss=f"{history.losses[-1]:.4f}", refresh=False)
        if evaluate is not None and step % eval_every == 0 and run_eval(step):
            history.stopped_early = True
            break
    if evaluate is not None and (not history.eval_steps or history.eval_steps[-1] != step):
        history.stopped_early = run_eval(step) and step < steps
    bar.close()
    history.seconds = time.perf_counter() - start
    return history
