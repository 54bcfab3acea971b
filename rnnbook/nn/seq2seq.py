"""An encoder-decoder (Cho et al., 2014; Sutskever et al., 2014), with or without attention.

The encoder, a bidirectional GRU, reads the source symbols into states
:math:`h_j = [\\overrightarrow{h}_j; \\overleftarrow{h}_j]`, each of which knows the whole
string and where in it position j is. The decoder, a GRU cell, starts from
:math:`s_0 = \\tanh(W_s c)` with :math:`c = [\\overrightarrow{h}_T; \\overleftarrow{h}_1]`, the
two final states, and writes the target one symbol at a time, seeing the previous symbol (the true one in training: teacher forcing; its own
choice when decoding greedily) and a context vector :math:`c_t` (Eq. (14.1)-(14.2)):

.. math::

    s_t = \\mathrm{GRU}\\big([E y_{t-1}; c_t],\\, s_{t-1}\\big), \\qquad
    p(y_t \\mid y_{<t}, x) = \\mathrm{softmax}\\big(W_o [s_t; c_t]\\big).

Without attention :math:`c_t = c` at every step, the fixed-size summary of the whole
source (Cho et al.'s design); with attention :math:`c_t` is the weighted mean of
Eq. (14.5), recomputed at every step by :class:`~rnnbook.nn.attention.AdditiveAttention`.
"""

from __future__ import annotations

from typing import Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from ..validation import check_positive_int
from .attention import AdditiveAttention

__all__ = ["Seq2Seq", "seq2seq_loss", "seq2seq_parameter_count"]


class Seq2Seq(nn.Module):
    """A GRU encoder-decoder, Eq. (14.1)-(14.2), with optional additive attention.

    Parameters
    ----------
    source_vocab : int
        Number of source symbols.
    target_vocab : int
        Number of target symbols, including the end symbol; the start symbol is the extra
        index ``target_vocab`` of the decoder's embedding.
    hidden_size : int
        H, units of the decoder and of each direction of the encoder (encoder states
        have width 2H).
    embed_size : int
        Width of the symbol embeddings.
    attention : bool
        Use additive attention; if False the context is the last encoder state.
    attention_size : int
        Width of the attention's scoring layer.

    Shapes
    ------
    source: (T, B), int64; target: (T', B), int64. :meth:`forward` returns logits
    (T', B, target_vocab); :meth:`greedy` returns symbols (steps, B) and the attention
    weights (steps, B, T) (all zero without attention).
    """

    def __init__(self, source_vocab: int, target_vocab: int, hidden_size: int = 64,
                 embed_size: int = 16, attention: bool = True, attention_size: int = 32) -> None:
        super().__init__()
        self.source_vocab = check_positive_int("source_vocab", source_vocab)
        self.target_vocab = check_positive_int("target_vocab", target_vocab)
        H = self.hidden_size = check_positive_int("hidden_size", hidden_size)
        E = check_positive_int("embed_size", embed_size)
        if not isinstance(attention, bool):
            raise TypeError(f"attention must be a bool; got {type(attention).__name__}")
        self.use_attention = attention
        self.src_embed = nn.Embedding(self.source_vocab, E)
        self.tgt_embed = nn.Embedding(self.target_vocab + 1, E)  # + the start symbol
        self.encoder = nn.GRU(E, H, bidirectional=True)
        self.init = nn.Linear(2 * H, H)
        self.decoder = nn.GRUCell(E + 2 * H, H)
        self.attention = AdditiveAttention(H, 2 * H, attention_size) if attention else None
        self.out = nn.Linear(3 * H, self.target_vocab)

    def _check_symbols(self, name: str, s: torch.Tensor, vocab: int) -> None:
        if not isinstance(s, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor; got {type(s).__name__}")
        if s.dim() != 2 or s.dtype != torch.long:
            raise ValueError(f"{name} must be an int64 tensor of shape (T, B); got {s.dtype} {tuple(s.shape)}")
        if s.numel() and (int(s.min()) < 0 or int(s.max()) >= vocab):
            raise ValueError(f"{name} must hold symbols in 0..{vocab - 1}; got {int(s.min())}..{int(s.max())}")

    def encode(self, source: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """Encoder states :math:`h_1 .. h_T`, (T, B, 2H), and the summary c, (B, 2H)."""
        self._check_symbols("source", source, self.source_vocab)
        states, _ = self.encoder(self.src_embed(source))
        H = self.hidden_size
        summary = torch.cat([states[-1, :, :H], states[0, :, H:]], dim=1)
        return states, summary

    def _step(self, prev: torch.Tensor, s: torch.Tensor, states: torch.Tensor, summary: torch.Tensor,
              projected: Optional[torch.Tensor]) -> Tuple[torch.Tensor, torch.Tensor, Optional[torch.Tensor]]:
        if self.attention is None:
            context, weights = summary, None
        else:
            context, weights = self.attention(s, states, projected)
        s = self.decoder(torch.cat([self.tgt_embed(prev), context], dim=1), s)
        return s, self.out(torch.cat([s, context], dim=1)), weights

    def forward(self, source: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """Logits for every target position, with teacher forcing."""
        self._check_symbols("target", target, self.target_vocab)
        states, summary = self.encode(source)
        if target.shape[1] != source.shape[1]:
            raise ValueError(f"target must have batch size {source.shape[1]}; got {target.shape[1]}")
        projected = self.attention.project_keys(states) if self.attention is not None else None
        start = torch.full_like(target[:1], self.target_vocab)
        inputs = torch.cat([start, target[:-1]], dim=0)
        s, logits = torch.tanh(self.init(summary)), []
        for t in range(target.shape[0]):
            s, out, _ = self._step(inputs[t], s, states, summary, projected)
            logits.append(out)
        return torch.stack(logits)

    @torch.no_grad()
    def greedy(self, source: torch.Tensor, steps: int) -> Tuple[torch.Tensor, torch.Tensor]:
        """Greedy decoding for ``steps`` steps: each step feeds back its most likely symbol."""
        steps = check_positive_int("steps", steps)
        states, summary = self.encode(source)
        projected = self.attention.project_keys(states) if self.attention is not None else None
        T, B = source.shape
        prev = torch.full((B,), self.target_vocab, dtype=torch.long, device=source.device)
        s, symbols, alignment = torch.tanh(self.init(summary)), [], []
        for _ in range(steps):
            s, out, weights = self._step(prev, s, states, summary, projected)
            prev = out.argmax(dim=1)
            symbols.append(prev)
            alignment.append(weights if weights is not None else states.new_zeros(B, T))
        return torch.stack(symbols), torch.stack(alignment)


def seq2seq_loss(model: Seq2Seq, batch: Tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
    """Mean cross-entropy of the target symbols under teacher forcing (for
    :func:`rnnbook.train.fit`).

    Shapes
    ------
    batch: (source (T, B), target (T', B)); output: a scalar.
    """
    source, target = batch
    logits = model(source, target)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1))


def seq2seq_parameter_count(source_vocab: int, target_vocab: int, hidden_size: int,
                            embed_size: int = 16, attention: bool = True,
                            attention_size: int = 32) -> int:
    """Number of trainable parameters of a :class:`Seq2Seq` with these settings."""
    model = Seq2Seq(source_vocab, target_vocab, hidden_size, embed_size, attention, attention_size)
    return sum(p.numel() for p in model.parameters())
