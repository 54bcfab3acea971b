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
from ..validation import check_positive_float, check_positive_int

__all__ = ["sample_text"]


def sample_text(
    model: torch.nn.Module, prompt_codes, n_chars: int, *, temperature: float = 1.0, seed: SeedLike = 0
) -> np.ndarray:
    """Continue ``prompt_codes`` by ``n_chars`` characters drawn from ``model``.

    Parameters
    ----------
    model : torch.nn.Module
        A character model of either kind the book builds: one with a ``step(x_t, state)
        -> (y_t, state)`` method taking (1,) codes and giving (1, V) logits, such as
        :class:`~rnnbook.nn.contenders.SequenceModel` (chapter 15), or one called as
        ``model(x, state) -> (logits, state)`` with ``x`` of shape (T, 1) integer codes and
        logits of shape (T, 1, V), such as :class:`~rnnbook.nn.models.CharLM` (chapter 6).
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
    temperature = check_positive_float("temperature", temperature)
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"model must be a torch.nn.Module; got {type(model).__name__}")
    prompt = np.asarray(prompt_codes.cpu() if hasattr(prompt_codes, "cpu") else prompt_codes)
    if prompt.ndim != 1 or len(prompt) == 0 or not np.issubdtype(prompt.dtype, np.integer):
        raise ValueError(f"prompt_codes must be a non-empty 1-D array of integer codes; got shape {prompt.shape}")
    rng = as_rng(seed)
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    out = np.zeros(n_chars, dtype=np.int64)
    stepwise = callable(getattr(model, "step", None))

    def advance(codes, state):  # feed (P,) codes, return the logits of the last one, (V,)
        x = torch.as_tensor(codes, dtype=torch.int64, device=device)
        if stepwise:
            for token in x:
                y, state = model.step(token.reshape(1), state)
            return y[0], state
        logits, state = model(x[:, None], state)
        return logits[-1, 0], state

    with torch.no_grad():
        logits, state = advance(prompt, None)
        for t in range(n_chars):
            z = logits.double().cpu().numpy() / temperature  # (V,)
            p = np.exp(z - z.max())
            out[t] = rng.choice(len(p), p=p / p.sum())  # softmax(y / tau), drawn
            logits, state = advance(out[t : t + 1], state)
    model.train(was_training)
    return out
