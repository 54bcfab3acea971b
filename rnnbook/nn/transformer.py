"""A small causal transformer, with a key-value cache for generation (chapter 15).

Each of ``n_layers`` blocks applies, with layer normalisation before each part and a
residual connection around it, causal multi-head self-attention and a two-layer
perceptron (Vaswani et al., 2017). Attention at step t reads the keys and values of every
step up to t,

.. math:: \\operatorname{att}(q_t, K_{\\le t}, V_{\\le t})
   = \\operatorname{softmax}\\Big(\\frac{q_t K_{\\le t}^\\top}{\\sqrt{d_h}}\\Big) V_{\\le t},

Eq. (15.6), so a model that generates one token at a time keeps every past key and value:
the *key-value cache*, of :math:`2 \\cdot L \\cdot t \\cdot d` numbers after t steps
(L layers of width d), where a recurrent network keeps a state of fixed size. Positions
are given by the fixed sinusoids of Vaswani et al. (no parameters). The attention itself is
PyTorch's ``scaled_dot_product_attention``.
"""

from __future__ import annotations

import math
from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn

from ..validation import check_int, check_positive_int

__all__ = ["CausalTransformer", "sinusoidal_positions"]


def sinusoidal_positions(T: int, d: int, start: int = 0) -> torch.Tensor:
    """Fixed position codes of Vaswani et al. (2017) for steps ``start .. start+T-1``, shape (T, d)."""
    T, d = check_positive_int("T", T), check_positive_int("d", d)
    start = check_int("start", start, minimum=0)
    pos = torch.arange(start, start + T, dtype=torch.float32)[:, None]  # (T, 1)
    freq = torch.exp(-math.log(10000.0) * torch.arange(0, d, 2, dtype=torch.float32) / d)  # (ceil(d/2),)
    angles = pos * freq  # (T, ceil(d/2))
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d // 2])
    return pe


class _Block(nn.Module):
    def __init__(self, d: int, n_heads: int) -> None:
        super().__init__()
        self.n_heads = n_heads
        self.norm1, self.norm2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.mlp = nn.Sequential(nn.Linear(d, 2 * d), nn.GELU(), nn.Linear(2 * d, d))

    def _heads(self, x: torch.Tensor) -> torch.Tensor:  # (T, B, d) -> (B, nh, T, dh)
        T, B, d = x.shape
        return x.reshape(T, B, self.n_heads, d // self.n_heads).permute(1, 2, 0, 3)

    def forward(self, x: torch.Tensor, cache: Optional[list] = None) -> torch.Tensor:
        T, B, d = x.shape
        q, k, v = self.qkv(self.norm1(x)).chunk(3, dim=-1)  # (T, B, d) each
        q, k, v = self._heads(q), self._heads(k), self._heads(v)  # (B, nh, T, dh)
        if cache is not None:  # generation: append this step's keys and values
            if cache:
                k = torch.cat([cache[0], k], dim=2)
                v = torch.cat([cache[1], v], dim=2)
            cache[:] = [k, v]
            att = F.scaled_dot_product_attention(q, k, v)  # the new query sees every cached step
        else:
            att = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # Eq. (15.6)
        att = att.permute(2, 0, 1, 3).reshape(T, B, d)  # (T, B, d)
        x = x + self.proj(att)
        return x + self.mlp(self.norm2(x))


class CausalTransformer(nn.Module):
    """A small decoder-only transformer over time-major sequences.

    Parameters
    ----------
    input_size : int
        D, the size of each input vector (for tokens, the vocabulary: inputs are one-hot).
    d_model : int
        d, the width; a multiple of ``n_heads``.
    output_size : int
        C.
    n_layers, n_heads : int
        L blocks of ``n_heads`` heads each.

    Shapes
    ------
    x : (T, B, D); returns (T, B, C). :meth:`step` takes x_t (B, D) and a cache (a list,
    empty at the start) and returns y_t (B, C); the cache then holds, per layer, keys and
    values of shape (B, n_heads, t, d / n_heads).
    """

    def __init__(self, input_size: int, d_model: int, output_size: int, n_layers: int = 2, n_heads: int = 2) -> None:
        super().__init__()
        self.input_size = check_positive_int("input_size", input_size)
        self.d_model = check_positive_int("d_model", d_model)
        self.output_size = check_positive_int("output_size", output_size)
        self.n_layers = check_positive_int("n_layers", n_layers)
        self.n_heads = check_positive_int("n_heads", n_heads)
        if d_model % n_heads:
            raise ValueError(f"d_model must be a multiple of n_heads={n_heads}; got {d_model}")
        self.embed = nn.Linear(input_size, d_model)
        nn.init.normal_(self.embed.weight, std=1.0)  # embeddings on the scale of the position codes
        self.blocks = nn.ModuleList(_Block(d_model, n_heads) for _ in range(n_layers))
        self.norm = nn.LayerNorm(d_model)
        self.out = nn.Linear(d_model, output_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() != 3 or x.shape[-1] != self.input_size:
            raise ValueError(f"x must have shape (T, B, D={self.input_size}); got {tuple(x.shape)}")
        h = self.embed(x) + sinusoidal_positions(x.shape[0], self.d_model).to(x)[:, None]  # (T, B, d)
        for block in self.blocks:
            h = block(h)
        return self.out(self.norm(h))  # (T, B, C)

    def step(self, x_t: torch.Tensor, cache: list) -> torch.Tensor:
        """One generation step with the key-value cache (``cache`` is updated in place)."""
        if not cache:
            cache.extend([] for _ in self.blocks)
        t = cache[0][0].shape[2] if cache[0] else 0  # steps already cached
        h = self.embed(x_t) + sinusoidal_positions(1, self.d_model, start=t).to(x_t)  # (B, d)
        h = h[None]  # (1, B, d)
        for block, c in zip(self.blocks, cache):
            h = block(h, c)
        return self.out(self.norm(h))[0]  # (B, C)

    def cache_bytes(self, t: int, batch_size: int = 1, dtype: torch.dtype = torch.float32) -> int:
        """Bytes of the key-value cache after ``t`` steps: :math:`2 L t d B` numbers."""
        t = check_positive_int("t", t, minimum=0)
        b = check_positive_int("batch_size", batch_size)
        return 2 * self.n_layers * t * self.d_model * b * torch.empty((), dtype=dtype).element_size()
