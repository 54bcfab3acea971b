"""Sampling text from a character language model, one character at a time.

A :class:`rnnbook.nn.models.CharLM` gives :math:`p(x_{t+1} \\mid x_{\\le t})`. To write
text, feed a prompt, then repeatedly draw the next character from the softmax of the
logits divided by a *temperature* :math:`\\tau` and feed it back:

.. math:: x_{t+1} \\sim \\operatorname{softmax}(z_t / \\tau).

:math:`\\tau = 1` samples the model's own distribution; :math:`\\tau < 1` sharpens it
towards the most probable characters (more conventional text, more repetition).
"""

from __future__ import annotations

import numpy as np
import torch

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["sample_text"]


def sample_text(
    model: torch.nn.Module, prompt_codes, n_chars: int, *, temperature: float = 1.0, seed: SeedLike = None
) -> np.ndarray:
    """Continue ``prompt_codes`` by ``n_chars`` characters drawn from ``model``.

    Parameters
    ----------
    model : torch.nn.Module
        A character model called as ``model(x, state) -> (logits, state)``, with ``x`` of
        shape (T, 1) integer codes and logits of shape (T, 1, V), such as ``CharLM``.
    prompt_codes : array-like of int
        At least one code; the model reads all of them before the first draw.
    n_chars : int
        How many characters to draw.
    temperature : float
        :math:`\\tau > 0`.
    seed : int, numpy.random.Generator or None
        The draws use this generator only.

    Returns
    -------
    numpy.ndarray
        The drawn codes (int64, without the prompt), shape (n_chars,).

    Shapes
    ------
    prompt_codes : (P,) with P >= 1; output : (n_chars,).
    """
    n_chars = check_positive_int("n_chars", n_chars)
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not temperature > 0:
        raise ValueError(f"temperature must be a positive number; got {temperature!r}")
    prompt = np.asarray(prompt_codes)
    if prompt.ndim != 1 or len(prompt) == 0 or not np.issubdtype(prompt.dtype, np.integer):
        raise ValueError(f"prompt_codes must be a non-empty 1-D array of integer codes; got shape {prompt.shape}")
    rng = as_rng(seed)
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    out = np.zeros(n_chars, dtype=np.int64)
    with torch.no_grad():
        x = torch.as_tensor(prompt, dtype=torch.int64, device=device)[:, None]  # (P, 1)
        logits, state = model(x)
        for t in range(n_chars):
            z = logits[-1, 0].double().cpu().numpy() / temperature  # (V,)
            p = np.exp(z - z.max())
            out[t] = rng.choice(len(p), p=p / p.sum())
            logits, state = model(torch.tensor([[out[t]]], device=device), state)
    model.train(was_training)
    return out
