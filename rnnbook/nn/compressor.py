"""The neural history compressor (Schmidhuber 1992): only the unexpected goes up.

A lower recurrent network is trained to predict its next input. Wherever it succeeds, the
input carries no new information for anyone who knows the lower network, so only the
inputs it *fails* to predict are passed to a higher network,

.. math:: \\text{pass } x_t \\text{ up} \\iff \\arg\\max_v\\, p_{\\mathrm{low}}(v \\mid x_{<t}) \\ne x_t ,

Eq. (13.5) (the first input always goes up). The higher network reads this much shorter
sequence and is trained, in turn, to predict *its* next input. Long stretches of
predictable inputs vanish from its view, so a lag that spans hundreds of steps at the
bottom may span a handful at the top.

The networks are :class:`rnnbook.nn.models.CharLM` language models over integer tokens.
"""

from __future__ import annotations

from typing import Optional

import torch
import torch.nn.functional as F

from ..validation import check_instance

__all__ = ["next_token_loss", "unpredicted_mask", "compress_sequences", "hierarchy_predict"]


def _check_tokens(tokens: torch.Tensor, lengths: torch.Tensor) -> None:
    if not isinstance(tokens, torch.Tensor) or tokens.dim() != 2:
        raise ValueError(f"tokens must be a (T, B) integer tensor; got {getattr(tokens, 'shape', type(tokens))}")
    lengths = torch.as_tensor(lengths)
    if lengths.shape != (tokens.shape[1],) or int(lengths.min()) < 1 or int(lengths.max()) > tokens.shape[0]:
        raise ValueError(f"lengths must have shape (B={tokens.shape[1]},) with values in [1, T={tokens.shape[0]}]; "
                         f"got shape {tuple(lengths.shape)}")


def _valid(tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    t = torch.arange(tokens.shape[0], device=tokens.device)[:, None]  # (T, 1)
    return t < torch.as_tensor(lengths, device=tokens.device)[None, :]  # (T, B)


def next_token_loss(model: torch.nn.Module, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of predicting ``tokens[t + 1]`` from ``tokens[:t + 1]``, within lengths.

    Shapes
    ------
    tokens : (T, B) integers; lengths : (B,); returns a scalar.
    """
    _check_tokens(tokens, lengths)
    logits, _ = model(tokens[:-1])  # (T-1, B, V): predictions of tokens[1:]
    mask = _valid(tokens, lengths)[1:]  # (T-1, B)
    return F.cross_entropy(logits[mask], tokens[1:][mask])


@torch.no_grad()
def unpredicted_mask(lower: torch.nn.Module, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """Which inputs the lower network fails to predict, Eq. (13.5).

    Returns
    -------
    torch.Tensor of bool
        True at ``[t, b]`` where token ``t`` of sequence ``b`` is passed up: at ``t = 0``,
        and wherever the lower network's most likely next token differs from the actual
        one; False past each sequence's end.

    Shapes
    ------
    tokens : (T, B); lengths : (B,); returns (T, B).
    """
    _check_tokens(tokens, lengths)
    logits, _ = lower(tokens[:-1])  # (T-1, B, V)
    miss = logits.argmax(-1) != tokens[1:]  # (T-1, B)
    up = torch.cat([torch.ones_like(miss[:1]), miss], dim=0)  # (T, B)
    return up & _valid(tokens, lengths)


def compress_sequences(tokens: torch.Tensor, mask: torch.Tensor, eos: Optional[int] = None, pad: int = 0) -> tuple:
    """Keep only the masked tokens of each sequence, in order: the higher network's input.

    With ``eos`` given, that token is appended to each kept sequence: it stands for
    "nothing more will surprise the lower network", so that the higher network can learn to
    predict it (and the system then trusts the lower network, see :func:`hierarchy_predict`).

    Returns
    -------
    short : torch.Tensor of int64
        The kept tokens, padded with ``pad``.
    lengths : torch.Tensor of int64
        How many tokens each sequence kept.
    positions : torch.Tensor of int64
        Their original time indices (-1 in the padding).

    Shapes
    ------
    tokens, mask : (T, B); short, positions : (T', B) with T' the most kept; lengths : (B,).
    """
    check_instance("tokens", tokens, torch.Tensor)
    check_instance("mask", mask, torch.Tensor)
    if tokens.shape != mask.shape or tokens.dim() != 2:
        raise ValueError(f"tokens and mask must have the same shape (T, B); got {tuple(tokens.shape)} and "
                         f"{tuple(mask.shape)}")
    if mask.dtype != torch.bool:
        raise TypeError(f"mask must be a bool tensor; got {mask.dtype}")
    extra = 0 if eos is None else 1
    lengths = mask.sum(0) + extra  # (B,)
    if int(lengths.min()) < 1:
        raise ValueError("mask must keep at least one token of every sequence")
    Tp, B = int(lengths.max()), tokens.shape[1]
    short = torch.full((Tp, B), pad, dtype=torch.int64)
    positions = torch.full((Tp, B), -1, dtype=torch.int64)
    for b in range(B):
        idx = mask[:, b].nonzero().squeeze(1)
        short[: len(idx), b] = tokens[idx, b]
        positions[: len(idx), b] = idx
        if eos is not None:
            short[len(idx), b] = eos
    return short, lengths, positions


@torch.no_grad()
def hierarchy_predict(lower: torch.nn.Module, higher: torch.nn.Module, tokens: torch.Tensor,
                      lengths: torch.Tensor, at: torch.Tensor, eos: int) -> torch.Tensor:
    """The two-level system's prediction of the token at time ``at[b]`` of each sequence.

    The higher network reads the tokens passed up before ``at`` and predicts the next
    *surprising* token. If it predicts ``eos`` (no surprise), the system trusts the lower
    network's prediction; otherwise it predicts what the higher network predicts.

    Shapes
    ------
    tokens : (T, B); lengths, at : (B,) with 1 <= at < lengths; returns (B,).
    """
    _check_tokens(tokens, lengths)
    at = torch.as_tensor(at)
    if at.shape != lengths.shape or int((at < 1).sum()) or int((at >= lengths).sum()):
        raise ValueError(f"at must have shape (B={tokens.shape[1]},) with 1 <= at < lengths")
    before = torch.arange(tokens.shape[0])[:, None] < at[None, :]  # (T, B)
    mask = unpredicted_mask(lower, tokens, lengths) & before
    short, n_kept, _ = compress_sequences(tokens, mask)
    high, _ = higher(short)  # (T', B, V + 1)
    B = tokens.shape[1]
    guess_high = high[n_kept - 1, torch.arange(B)].argmax(-1)  # (B,)
    low, _ = lower(tokens)  # (T, B, V)
    guess_low = low[at - 1, torch.arange(B)].argmax(-1)  # (B,)
    return torch.where(guess_high == eos, guess_low, guess_high)
