"""How far back can a network learn? Success rates over seeds on remember-the-bit, per lag.

:func:`memory_success` trains, for one lag :math:`k`, a :class:`~rnnbook.nn.ensemble.RecurrentEnsemble`
of members (kinds of network times seeds) on :func:`rnnbook.data.lags.remember_bit`: a bit at
the first step, :math:`k` steps of noise, the bit asked for at the end. Each member counts
as a success when its accuracy on held-out sequences reaches a target within the budget of
training steps. The one training loop is :func:`rnnbook.train.fit`; members of the same
seed see the same batches, so kinds are compared on identical data.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch

from ..data.lags import remember_bit
from ..scratch.output import Linear
from ..scratch.rnn import RNN
from ..train import fit
from ..utils import as_rng
from ..validation import check_positive_int
from .ensemble import RecurrentEnsemble

__all__ = ["MemoryRuns", "memory_success", "success_by_lag"]


@dataclass
class MemoryRuns:
    """The outcome of :func:`memory_success` for one lag.

    Attributes
    ----------
    lag : int
        The lag :math:`k`.
    kinds, seeds : list
        Kind and seed of each member.
    best_accuracy : ndarray
        Best held-out accuracy of each member over the checks, shape (S,).
    steps_to_target : ndarray
        Training step of the first check at which the member reached the target; the
        budget ``steps`` for members that never did, shape (S,).
    solved : ndarray of bool
        Whether the member reached the target, shape (S,).
    snapshots : dict
        Step -> the ensemble's ``state_dict`` at that step (for the steps asked for).
    model : RecurrentEnsemble
        The trained ensemble.
    """

    lag: int
    kinds: List[str]
    seeds: List[int]
    best_accuracy: np.ndarray
    steps_to_target: np.ndarray
    solved: np.ndarray
    snapshots: Dict[int, dict] = field(default_factory=dict)
    model: RecurrentEnsemble = None

    def success_rate(self, kind: str) -> float:
        """Fraction of the members of ``kind`` that reached the target."""
        idx = [i for i, k in enumerate(self.kinds) if k == kind]
        if not idx:
            raise ValueError(f"kind must be one of the ensemble's kinds {sorted(set(self.kinds))}; got {kind!r}")
        return float(np.mean(self.solved[idx]))

    def scratch_member(self, member: int, step: Optional[int] = None) -> tuple:
        """A vanilla member as a NumPy :class:`~rnnbook.scratch.rnn.RNN` and its output layer (float64).

        ``step`` picks a snapshot (``None``: the weights at the end of training).

        Shapes
        ------
        The layers map (T, B, 1) to (T, B, H) and (..., H) to (..., 2).
        """
        model = self.model
        if step is not None:
            if step not in self.snapshots:
                raise ValueError(f"step must be one of the snapshot steps {sorted(self.snapshots)}; got {step!r}")
            model = copy.deepcopy(self.model)
            model.load_state_dict(self.snapshots[step])
        weights = model.member_rnn_weights(member)
        H = model.hidden_size
        rnn = RNN(model.input_size, H, nonlinearity="relu" if self.kinds[member] == "irnn" else "tanh")
        for name, value in weights.items():
            rnn.params[name][...] = value
        out = Linear(H, model.n_classes)
        out.params["weight"][...] = model.out_w[member].detach().double().numpy()
        out.params["bias"][...] = model.out_b[member].detach().double().numpy()
        return rnn, out


def memory_success(
    kinds: Sequence[str],
    seeds: Sequence[int],
    lag: int,
    *,
    hidden_size: int = 16,
    steps: int = 1200,
    batch_size: int = 64,
    lr: float = 3e-3,
    noise: float = 0.5,
    n_val: int = 1000,
    check_every: int = 50,
    target: float = 0.99,
    snapshot_steps: Sequence[int] = (),
    forget_bias: float = 1.0,
    progress: bool = False,
) -> MemoryRuns:
    """Train every (kind, seed) member on remember-the-bit at one lag; who reaches ``target``?

    Adam (learning rate ``lr``, no clipping: Adam's steps are bounded anyway) trains all
    members at once for at most ``steps`` steps of ``batch_size`` sequences; every
    ``check_every`` steps each member classifies the same ``n_val`` held-out sequences,
    and training stops early once every member has reached ``target``.

    Parameters
    ----------
    kinds, seeds : sequence
        One entry per member (see :class:`~rnnbook.nn.ensemble.RecurrentEnsemble`); the
        seed fixes the member's initial weights and its stream of training batches.
    lag : int
        Steps of noise between the bit and the question.
    forget_bias : float
        Added to the LSTM members' forget-gate bias (see the ensemble).
    snapshot_steps : sequence of int
        Multiples of ``check_every`` at which to keep a copy of the weights (0: the
        initial weights).

    Returns
    -------
    MemoryRuns

    Shapes
    ------
    Each batch is (T = lag + 1, S, B, 1); ``best_accuracy`` etc. are (S,).
    """
    lag = check_positive_int("lag", lag)
    steps = check_positive_int("steps", steps)
    batch_size = check_positive_int("batch_size", batch_size)
    n_val = check_positive_int("n_val", n_val)
    check_every = check_positive_int("check_every", check_every)
    if not 0 < target <= 1:
        raise ValueError(f"target must be an accuracy in (0, 1]; got {target!r}")
    snapshot_steps = [int(s) for s in snapshot_steps]
    for s in snapshot_steps:
        if s < 0 or s > steps or s % check_every:
            raise ValueError(
                f"snapshot_steps must be multiples of check_every={check_every} in [0, {steps}]; got {s}"
            )
    kinds, seeds = list(kinds), [int(s) for s in seeds]
    S = len(kinds)
    distinct = sorted(set(seeds))
    which = torch.tensor([distinct.index(s) for s in seeds])  # member -> its seed's stream

    def factory() -> RecurrentEnsemble:
        return RecurrentEnsemble(kinds, seeds, hidden_size=hidden_size, forget_bias=forget_bias)

    def batches():
        rngs = [as_rng(s) for s in distinct]
        while True:
            xs, ys = zip(*(remember_bit(batch_size, lag, noise=noise, seed=r) for r in rngs))
            x = torch.from_numpy(np.stack(xs, axis=1)).float()[:, which]  # (T, S, B, 1)
            y = torch.from_numpy(np.stack(ys))[which]  # (S, B)
            yield x, y

    def loss_fn(model: RecurrentEnsemble, batch) -> torch.Tensor:
        x, y = batch
        logits = model(x)  # (S, B, C)
        # The sum of the members' mean losses: each member's gradient is its own.
        return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1)) * S

    x_val, y_val = remember_bit(n_val, lag, noise=noise, seed=10_000 + lag)
    x_val = torch.from_numpy(x_val).float()[:, None].expand(-1, S, -1, -1)  # (T, S, n_val, 1)
    y_val = torch.from_numpy(y_val)
    best = np.zeros(S)
    reached = np.full(S, -1)
    snapshots: Dict[int, dict] = {}
    calls = [0]

    def evaluate(model: RecurrentEnsemble) -> float:
        calls[0] += 1
        step = min(calls[0] * check_every, steps)
        acc = (model(x_val).argmax(-1) == y_val).float().mean(-1).numpy()  # (S,)
        np.maximum(best, acc, out=best)
        reached[(acc >= target) & (reached < 0)] = step
        if step in snapshot_steps:
            snapshots[step] = copy.deepcopy(model.state_dict())
        return float(np.sum(best < target))  # members still short of the target

    if 0 in snapshot_steps:
        torch.manual_seed(0)
        snapshots[0] = copy.deepcopy(factory().state_dict())
    history = fit(factory, loss_fn, batches(), steps=steps, lr=lr, clip=None, seed=0,
                  evaluate=evaluate, eval_every=check_every, target=0.0, mode="min",
                  progress=progress, desc=f"lag {lag}")
    solved = best >= target
    reached[reached < 0] = steps
    return MemoryRuns(lag, kinds, seeds, best.copy(), reached, solved, snapshots, history.model)


def success_by_lag(kinds: Sequence[str], seeds: Sequence[int], lags: Sequence[int], **kwargs) -> Dict[str, Dict[int, MemoryRuns]]:
    """:func:`memory_success` for every kind and lag, each kind's seeds as one ensemble.

    One ensemble per (kind, lag), so that a kind whose seeds all succeed early stops early,
    whatever the others do. Keyword arguments go to :func:`memory_success`.

    Returns
    -------
    dict
        ``runs[kind][lag]`` is the :class:`MemoryRuns` of that kind's seeds at that lag.

    Shapes
    ------
    As :func:`memory_success`, with S = len(seeds) members per ensemble.
    """
    kinds, seeds = list(kinds), list(seeds)
    if not kinds or not seeds or not list(lags):
        raise ValueError("kinds, seeds and lags must each hold at least one entry")
    return {kind: {int(lag): memory_success([kind] * len(seeds), seeds, lag, **kwargs) for lag in lags}
            for kind in kinds}
