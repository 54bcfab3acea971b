"""Additive attention (Bahdanau, Cho & Bengio, 2015).

The decoder, in state :math:`s_{t-1}`, scores every encoder state :math:`h_j` with a small
network, turns the scores into weights with a softmax over the source positions, and reads
the weighted mean of the encoder states as its context (Eq. (14.3)-(14.5)):

.. math::

    e_{tj} = v^\\top \\tanh(W s_{t-1} + U h_j), \\qquad
    \\alpha_{tj} = \\frac{\\exp e_{tj}}{\\sum_k \\exp e_{tk}}, \\qquad
    c_t = \\sum_j \\alpha_{tj} h_j .
"""

from __future__ import annotations

from typing import Optional, Tuple

import torch
from torch import nn

from ..validation import check_positive_int

__all__ = ["AdditiveAttention"]


class AdditiveAttention(nn.Module):
    """Additive (Bahdanau) attention, Eq. (14.3)-(14.5).

    Parameters
    ----------
    query_size : int
        Width of the decoder state :math:`s_{t-1}`.
    key_size : int
        Width of an encoder state :math:`h_j`.
    attention_size : int
        Width of the hidden layer of the scoring network (rows of W and U).

    Shapes
    ------
    query: (B, query_size); keys: (T, B, key_size); output: the context (B, key_size)
    and the weights (B, T), each row summing to one.
    """

    def __init__(self, query_size: int, key_size: int, attention_size: int = 32) -> None:
        super().__init__()
        self.query_size = check_positive_int("query_size", query_size)
        self.key_size = check_positive_int("key_size", key_size)
        A = check_positive_int("attention_size", attention_size)
        self.W = nn.Linear(self.query_size, A, bias=False)
        self.U = nn.Linear(self.key_size, A)
        self.v = nn.Linear(A, 1, bias=False)

    def project_keys(self, keys: torch.Tensor) -> torch.Tensor:
        """:math:`U h_j` for every position, computed once per source sequence: (T, B, A)."""
        if not isinstance(keys, torch.Tensor):
            raise TypeError(f"keys must be a torch.Tensor; got {type(keys).__name__}")
        if keys.dim() != 3 or keys.shape[2] != self.key_size:
            raise ValueError(f"keys must have shape (T, B, {self.key_size}); got {tuple(keys.shape)}")
        return self.U(keys)

    def forward(self, query: torch.Tensor, keys: torch.Tensor,
                projected: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, torch.Tensor]:
        """The context :math:`c_t` and the weights :math:`\\alpha_{t\\cdot}` for one decoder step.

        ``projected`` may pass :meth:`project_keys` computed once for the whole source.

        Shapes
        ------
        query: (B, query_size); keys: (T, B, key_size); output: (B, key_size) and (B, T).
        """
        if not isinstance(query, torch.Tensor):
            raise TypeError(f"query must be a torch.Tensor; got {type(query).__name__}")
        if query.dim() != 2 or query.shape[1] != self.query_size:
            raise ValueError(f"query must have shape (B, {self.query_size}); got {tuple(query.shape)}")
        if projected is None:
            projected = self.project_keys(keys)
        if keys.shape[1] != query.shape[0]:
            raise ValueError(f"keys must have batch size {query.shape[0]}; got {tuple(keys.shape)}")
        scores = self.v(torch.tanh(self.W(query).unsqueeze(0) + projected)).squeeze(2)  # (T, B)
        weights = torch.softmax(scores, dim=0)  # over source positions
        context = (weights.unsqueeze(2) * keys).sum(dim=0)  # (B, key_size)
        return context, weights.t()
