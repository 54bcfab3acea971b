"""Early stopping on a validation split: remember the best weights seen during training.

:func:`rnnbook.train.fit` calls ``evaluate(model)`` every ``eval_every`` steps. Wrapping
a validation loss in :class:`KeepBest` makes that call also keep a copy of the weights
whenever the loss is the lowest so far; after training, :meth:`KeepBest.restore` loads
that copy. The step is chosen by the validation split, never by the test set.
"""

from __future__ import annotations

import copy
import math
from typing import Callable

import torch

__all__ = ["KeepBest"]


class KeepBest:
    """A validation function that remembers the weights at its lowest value.

    Parameters
    ----------
    evaluate : callable
        ``evaluate(model)`` returns the validation loss (a float, lower is better).

    Attributes
    ----------
    best_value : float
        The lowest value seen (``inf`` before the first call).
    best_call : int
        How many calls had been made when it was seen (1-based; 0 before the first call).
    """

    def __init__(self, evaluate: Callable[[torch.nn.Module], float]) -> None:
        if not callable(evaluate):
            raise TypeError(f"evaluate must be callable; got {type(evaluate).__name__}")
        self.evaluate = evaluate
        self.best_value = math.inf
        self.best_call = 0
        self.calls = 0
        self._state = None

    def __call__(self, model: torch.nn.Module) -> float:
        value = float(self.evaluate(model))
        self.calls += 1
        if value < self.best_value:
            self.best_value, self.best_call = value, self.calls
            self._state = copy.deepcopy(model.state_dict())
        return value

    def restore(self, model: torch.nn.Module) -> torch.nn.Module:
        """Load the best weights into ``model`` (in place) and return it."""
        if self._state is None:
            raise ValueError("restore needs at least one evaluation; KeepBest has not been called yet")
        model.load_state_dict(self._state)
        return model
