"""The second-order recurrent network of Giles et al. (1992).

A second-order unit multiplies the previous state by the current input inside its sum:

.. math:: h_{t,i} = \\sigma\\Big(\\sum_{j,k} W_{ijk}\\, h_{t-1,j}\\, x_{t,k} + b_i\\Big),

Eq. (13.1). With a one-hot input :math:`x_t = e_k` the sum picks out one slice,
:math:`h_t = \\sigma(W_{::k} h_{t-1} + b)`: one transition matrix per input symbol, as in a
finite automaton's transition table :math:`\\delta(q, k)`. Unit 0 is the *response
neuron*: after the last symbol, :math:`h_{T,0} > 1/2` means "accept". The initial state is
fixed at :math:`h_0 = e_0` (Giles et al. start the response neuron at 1, the others at 0).
"""

from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import torch
from torch import nn

from ..train import History, fit
from ..validation import check_positive_int

__all__ = ["SecondOrderRNN", "FirstOrderRNN", "train_acceptor", "acceptor_verdicts"]


class SecondOrderRNN(nn.Module):
    """Second-order RNN acceptor, Eq. (13.1), with unit 0 as the response neuron.

    Parameters
    ----------
    n_symbols : int
        K, the size of the one-hot input.
    hidden_size : int
        H, the number of state units (at least 2).
    init_scale : float
        The weights start uniform in [-init_scale, init_scale].

    Attributes
    ----------
    weight : torch.nn.Parameter
        :math:`W_{ijk}`, shape (H, H, K).
    bias : torch.nn.Parameter
        :math:`b_i`, shape (H,).

    Shapes
    ------
    x : (T, B, K) one-hot; lengths : (B,) in [0, T]; ``forward`` returns (B,) acceptance
    probabilities :math:`h_{\\ell_b, 0}`; ``states`` returns (T + 1, B, H), :math:`h_0` first.
    """

    def __init__(self, n_symbols: int, hidden_size: int, *, init_scale: float = 1.0) -> None:
        super().__init__()
        K = check_positive_int("n_symbols", n_symbols)
        H = check_positive_int("hidden_size", hidden_size, minimum=2)
        if not init_scale > 0:
            raise ValueError(f"init_scale must be positive; got {init_scale!r}")
        self.n_symbols, self.hidden_size = K, H
        self.weight = nn.Parameter(torch.empty(H, H, K).uniform_(-init_scale, init_scale))
        self.bias = nn.Parameter(torch.empty(H).uniform_(-init_scale, init_scale))
        self.register_buffer("h0", torch.eye(H)[0])

    def step(self, h: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """One step of Eq. (13.1): ``h`` (B, H) and one-hot ``x`` (B, K) to the next state (B, H)."""
        # sum_jk W_ijk h_j x_k + b_i
        return torch.sigmoid(torch.einsum("ijk,bj,bk->bi", self.weight, h, x) + self.bias)

    def states(self, x: torch.Tensor) -> torch.Tensor:
        """All states :math:`h_0, \\dots, h_T` for a batch, shape (T + 1, B, H)."""
        if x.dim() != 3 or x.shape[-1] != self.n_symbols:
            raise ValueError(f"x must have shape (T, B, K={self.n_symbols}); got {tuple(x.shape)}")
        h = self.h0.expand(x.shape[1], -1)  # (B, H)
        out = [h]
        for t in range(x.shape[0]):
            h = self.step(h, x[t])
            out.append(h)
        return torch.stack(out)  # (T + 1, B, H)

    def forward(self, x: torch.Tensor, lengths: Optional[torch.Tensor] = None) -> torch.Tensor:
        hs = self.states(x)  # (T + 1, B, H)
        B = x.shape[1]
        if lengths is None:
            return hs[-1, :, 0]
        lengths = torch.as_tensor(lengths, device=hs.device).long()
        if lengths.shape != (B,) or int(lengths.min()) < 0 or int(lengths.max()) > x.shape[0]:
            raise ValueError(f"lengths must have shape (B={B},) with values in [0, T={x.shape[0]}]; "
                             f"got shape {tuple(lengths.shape)}")
        return hs[lengths, torch.arange(B, device=hs.device), 0]  # (B,): h_{l_b, 0}

    @torch.no_grad()
    def numpy_step(self, h: np.ndarray, k: int) -> np.ndarray:
        """Next states for symbol number ``k`` as NumPy (for :func:`rnnbook.classic.extraction.extract_dfa`).

        Shapes
        ------
        h : (N, H); returns (N, H).
        """
        hk = torch.as_tensor(np.asarray(h), dtype=self.weight.dtype)
        x = torch.zeros(hk.shape[0], self.n_symbols, dtype=self.weight.dtype)
        x[:, k] = 1.0
        return self.step(hk, x).numpy().astype(np.float64)


class FirstOrderRNN(SecondOrderRNN):
    """The first-order counterpart of :class:`SecondOrderRNN`, for comparison.

    Input and state are added, not multiplied,
    :math:`h_t = \\sigma(W_{xh} x_t + W_{hh} h_{t-1} + b)`, with the same conventions: a
    fixed :math:`h_0 = e_0`, sigmoid units, and unit 0 as the response neuron. It has
    :math:`H K + H^2 + H` weights against the second-order network's :math:`H^2 K + H`.

    Shapes
    ------
    As :class:`SecondOrderRNN`; ``weight_xh`` is (H, K), ``weight_hh`` is (H, H).
    """

    def __init__(self, n_symbols: int, hidden_size: int, *, init_scale: float = 1.0) -> None:
        super().__init__(n_symbols, hidden_size, init_scale=init_scale)
        del self.weight
        H, K = self.hidden_size, self.n_symbols
        self.weight_xh = nn.Parameter(torch.empty(H, K).uniform_(-init_scale, init_scale))
        self.weight_hh = nn.Parameter(torch.empty(H, H).uniform_(-init_scale, init_scale))

    def step(self, h: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """One first-order step: ``h`` (B, H) and one-hot ``x`` (B, K) to the next state (B, H)."""
        return torch.sigmoid(x @ self.weight_xh.T + h @ self.weight_hh.T + self.bias)

    @torch.no_grad()
    def numpy_step(self, h: np.ndarray, k: int) -> np.ndarray:
        """Next states for symbol number ``k`` as NumPy, shape (N, H) in and out."""
        hk = torch.as_tensor(np.asarray(h), dtype=self.weight_hh.dtype)
        x = torch.zeros(hk.shape[0], self.n_symbols, dtype=self.weight_hh.dtype)
        x[:, k] = 1.0
        return self.step(hk, x).numpy().astype(np.float64)


@torch.no_grad()
def acceptor_verdicts(model: nn.Module, strings: Sequence[str]) -> np.ndarray:
    """The model's accept (True) / reject (False) verdict on each string over "0"/"1".

    Shapes
    ------
    returns (len(strings),) bool.
    """
    from ..data.tomita import encode_binary

    x, lengths = encode_binary(strings)
    return (model(x, lengths) > 0.5).numpy()


def train_acceptor(model: nn.Module, strings: Sequence[str], labels: np.ndarray, *, steps: int = 1000,
                   lr: float = 0.05, batch_size: int = 64, seed: int = 0, progress: bool = True) -> History:
    """Train an acceptor (strings to acceptance probability) with binary cross-entropy.

    Minibatches are drawn at random from the training strings with :func:`rnnbook.train.fit`
    (Adam); training stops as soon as every training string is classified correctly
    (checked every 25 steps), or after ``steps``.

    Shapes
    ------
    strings : B strings; labels : (B,) 0/1.
    """
    from ..data.tomita import encode_binary

    labels = np.asarray(labels)
    if labels.shape != (len(strings),) or not np.isin(labels, (0, 1)).all():
        raise ValueError(f"labels must be 0/1 of shape ({len(strings)},); got shape {labels.shape}")
    batch_size = check_positive_int("batch_size", batch_size)
    x, lengths = encode_binary(strings)  # (T, N, 2), (N,)
    y = torch.as_tensor(labels, dtype=torch.float32)
    gen = torch.Generator().manual_seed(seed)

    def batches():
        while True:
            idx = torch.randint(0, len(strings), (batch_size,), generator=gen)
            yield x[:, idx], lengths[idx], y[idx]

    def loss_fn(m: nn.Module, batch: tuple) -> torch.Tensor:
        p = m(batch[0], batch[1]).clamp(1e-6, 1 - 1e-6)
        return nn.functional.binary_cross_entropy(p, batch[2])

    def train_accuracy(m: nn.Module) -> float:
        return float(((m(x, lengths) > 0.5).float() == y).float().mean())

    return fit(model, loss_fn, batches(), steps=steps, lr=lr, seed=seed, evaluate=train_accuracy,
               eval_every=25, target=1.0, mode="max", progress=progress, desc="second-order RNN")
