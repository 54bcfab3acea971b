"""Training a one-step-ahead predictor of a series and running it in closed loop.

A :class:`rnnbook.nn.models.RecurrentNet` with ``readout="all"`` and as many outputs as
inputs, trained by teacher forcing to predict s_{t+1} from s_1 ... s_t, becomes a
generator when its output is fed back as its next input (closed loop, free running): the
echo state network's :meth:`rnnbook.classic.esn.EchoStateNetwork.generate` does the same.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np
import torch

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int
from .models import RecurrentNet

__all__ = ["series_batches", "closed_loop"]


def series_batches(
    series: np.ndarray, batch_size: int, T: int, seed: SeedLike = 0
) -> Iterator[tuple]:
    """Endless random windows of a 1-D series for teacher-forced next-step prediction.

    Each batch is ``(x, y)`` with x_t = s_{k+t} and y_t = s_{k+t+1} for a random start k
    per column.

    Shapes
    ------
    series : (N,); x, y : (T, B, 1) float32 tensors, with B = ``batch_size``.
    """
    series = np.asarray(series, dtype=np.float32)
    if series.ndim != 1:
        raise ValueError(f"series must have shape (N,); got {series.shape}")
    batch_size = check_positive_int("batch_size", batch_size)
    T = check_positive_int("T", T)
    if T + 1 > len(series):
        raise ValueError(f"T must be at most N - 1 = {len(series) - 1}; got {T}")
    rng = as_rng(seed)
    data = torch.from_numpy(series)

    def stream() -> Iterator:  # the checks above run at the call, not at the first batch
        while True:
            starts = rng.integers(0, len(series) - T, size=batch_size)
            idx = torch.from_numpy(starts[None, :] + np.arange(T)[:, None])  # (T, B)
            yield data[idx].unsqueeze(-1), data[idx + 1].unsqueeze(-1)

    return stream()


@torch.no_grad()
def closed_loop(model: RecurrentNet, warmup: torch.Tensor, n: int) -> torch.Tensor:
    """Drive ``model`` with ``warmup`` (teacher-forced), then feed each output back as input.

    The last warm-up output predicts the step after the warm-up; it becomes the next
    input, and so on for ``n`` steps.

    Parameters
    ----------
    model : RecurrentNet
        With ``readout="all"`` and ``output_size == input_size``.
    warmup : torch.Tensor
        The true series up to the start of the free run.
    n : int
        Number of free-running steps.

    Returns
    -------
    torch.Tensor
        The predictions of the n steps after the warm-up.

    Shapes
    ------
    warmup : (T0, B, D); output : (n, B, D).
    """
    if not isinstance(model, RecurrentNet) or model.readout != "all":
        raise TypeError("model must be a RecurrentNet with readout='all'")
    if model.output_size != model.input_size:
        raise ValueError(
            f"closed-loop generation needs output_size == input_size; got {model.output_size} and {model.input_size}"
        )
    n = check_positive_int("n", n)
    if not isinstance(warmup, torch.Tensor):
        raise TypeError(f"warmup must be a torch.Tensor; got {type(warmup).__name__}")
    if warmup.dim() != 3 or warmup.shape[2] != model.input_size or warmup.shape[0] == 0:
        raise ValueError(f"warmup must have shape (T0, B, D={model.input_size}); got {tuple(warmup.shape)}")
    was_training = model.training
    model.eval()
    h, state = model.rnn(warmup)  # h: (T0, B, H); state: the recurrent layer's last state
    y = model.out(h[-1:])  # (1, B, D): the prediction of the first free step
    outputs = []
    for _ in range(n):
        outputs.append(y)
        h, state = model.rnn(y, state)  # the output is the next input
        y = model.out(h)
    model.train(was_training)
    return torch.cat(outputs)  # (n, B, D)
