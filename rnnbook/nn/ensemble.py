"""Many small recurrent classifiers trained as one batched model: seeds and starting points side by side.

Measuring a *success probability* ("how often does a vanilla network learn a lag of 30?")
needs many independent training runs. For networks of a few units, the cost of a run is
the overhead of each tensor operation, not the arithmetic, so :class:`RecurrentEnsemble`
stacks :math:`S` independent networks along a leading *member* axis and runs them with
batched matrix products: the runs share nothing (every member has its own weights, its own
optimiser state under Adam, which acts entry by entry, and its own loss term), yet one
forward pass serves them all.

A member is one of

* ``"tanh"``: the vanilla network :math:`h_t = \\tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)`
  (Eq. (3.1)) with PyTorch's default initialisation (every weight uniform in
  :math:`\\pm 1/\\sqrt H`);
* ``"orthogonal"``: the same with an orthogonal :math:`W_{hh}` (Saxe et al., 2014);
* ``"irnn"``: ReLU units, :math:`W_{hh} = I` and zero biases (Le et al., 2015);
* ``"leaky"``: leaky tanh units, :math:`h_t = (1 - \\alpha) \\odot h_{t-1} + \\alpha \\odot
  \\tanh(a_t)` with fixed rates :math:`\\alpha` per unit (Eq. (4.5));
* ``"lstm"``: an LSTM with PyTorch's default initialisation (chapter 5).

Every member reads its own copy of the input and answers with a linear layer on its last
state, a many-to-one classifier.
"""

from __future__ import annotations

import math
from typing import Optional, Sequence

import numpy as np
import torch

from ..scratch.gradient_flow import orthogonal
from ..validation import check_positive_int

__all__ = ["KINDS", "RecurrentEnsemble"]

KINDS = ("tanh", "orthogonal", "irnn", "leaky", "lstm")


def _uniform(gen: torch.Generator, shape: tuple, bound: float) -> torch.Tensor:
    return (torch.rand(shape, generator=gen, dtype=torch.float64) * 2 - 1) * bound


class RecurrentEnsemble(torch.nn.Module):
    """:math:`S` independent one-layer recurrent classifiers, run as one batched model.

    Parameters
    ----------
    kinds : sequence of str
        The kind of each member, from :data:`KINDS`.
    seeds : sequence of int
        The seed of each member's initial weights (same length as ``kinds``). Two members
        of the same kind and seed start identical.
    input_size, hidden_size, n_classes : int
        :math:`D`, :math:`H` and the number of classes :math:`C`.
    leak_rates : sequence of float, optional
        The rates :math:`\\alpha_i \\in (0, 1]` of the ``"leaky"`` units, one per unit
        (default: :math:`H` rates spaced geometrically from 1 down to 1/50, so that the
        units' time scales :math:`1/\\alpha_i` span 1 to 50 steps).
    forget_bias : float
        Added to the forget-gate bias of the ``"lstm"`` members (Gers et al., 2000;
        Jozefowicz et al., 2015 recommend 1), so that the cell starts by keeping its content.

    Shapes
    ------
    ``forward``: x (T, S, B, D) -> logits (S, B, C).
    """

    def __init__(
        self,
        kinds: Sequence[str],
        seeds: Sequence[int],
        *,
        input_size: int = 1,
        hidden_size: int = 16,
        n_classes: int = 2,
        leak_rates: Optional[Sequence[float]] = None,
        forget_bias: float = 1.0,
    ) -> None:
        super().__init__()
        kinds, seeds = list(kinds), list(seeds)
        if not kinds:
            raise ValueError("kinds must name at least one member; got an empty sequence")
        bad = [k for k in kinds if k not in KINDS]
        if bad:
            raise ValueError(f"kinds must be among {KINDS}; got {bad[0]!r}")
        if len(seeds) != len(kinds):
            raise ValueError(f"seeds must have one entry per member, len {len(kinds)}; got {len(seeds)}")
        for s in seeds:
            if isinstance(s, bool) or not isinstance(s, (int, np.integer)):
                raise TypeError(f"seeds must be integers; got {s!r}")
        D = check_positive_int("input_size", input_size)
        H = check_positive_int("hidden_size", hidden_size)
        C = check_positive_int("n_classes", n_classes)
        if leak_rates is None:
            leak = np.geomspace(1.0, 1.0 / 50, H)
        else:
            leak = np.asarray(leak_rates, dtype=np.float64)
            if leak.shape != (H,) or not np.all((leak > 0) & (leak <= 1)):
                raise ValueError(f"leak_rates must be {H} numbers in (0, 1]; got {leak_rates!r}")
        self.kinds, self.seeds = kinds, [int(s) for s in seeds]
        self.input_size, self.hidden_size, self.n_classes = D, H, C
        self.rnn_members = [i for i, k in enumerate(kinds) if k != "lstm"]
        self.lstm_members = [i for i, k in enumerate(kinds) if k == "lstm"]
        bound = 1.0 / math.sqrt(H)

        def draw(members: list, gates: int) -> dict:
            w_ih, w_hh, b = [], [], []
            for i in members:
                gen = torch.Generator().manual_seed(self.seeds[i])
                w_ih.append(_uniform(gen, (gates * H, D), bound))
                w_hh.append(_uniform(gen, (gates * H, H), bound))
                b.append(_uniform(gen, (gates * H,), bound) + _uniform(gen, (gates * H,), bound))
                if kinds[i] == "orthogonal":
                    w_hh[-1] = torch.from_numpy(orthogonal(H, seed=self.seeds[i]))
                elif kinds[i] == "lstm":
                    b[-1][H : 2 * H] += forget_bias  # the f block of i|f|g|o
                elif kinds[i] == "irnn":
                    w_hh[-1] = torch.eye(H, dtype=torch.float64)
                    b[-1] = torch.zeros(H, dtype=torch.float64)
            return {"w_ih": torch.stack(w_ih), "w_hh": torch.stack(w_hh), "b": torch.stack(b)}

        for name, members, gates in (("rnn", self.rnn_members, 1), ("lstm", self.lstm_members, 4)):
            if members:
                for key, value in draw(members, gates).items():
                    # (S_kind, G*H, D), (S_kind, G*H, H), (S_kind, G*H)
                    setattr(self, f"{name}_{key}", torch.nn.Parameter(value.float()))
        out_w, out_b = [], []
        for s in self.seeds:
            gen = torch.Generator().manual_seed(s + 7919)
            out_w.append(_uniform(gen, (C, H), bound))
            out_b.append(_uniform(gen, (C,), bound))
        self.out_w = torch.nn.Parameter(torch.stack(out_w).float())  # (S, C, H)
        self.out_b = torch.nn.Parameter(torch.stack(out_b).float())  # (S, C)
        alpha = np.ones((len(self.rnn_members), 1, H))
        relu = np.zeros((len(self.rnn_members), 1, 1), dtype=bool)
        for j, i in enumerate(self.rnn_members):
            if kinds[i] == "leaky":
                alpha[j, 0] = leak
            relu[j] = kinds[i] == "irnn"
        self.register_buffer("alpha", torch.tensor(alpha, dtype=torch.float32))  # (S_rnn, 1, H)
        self.register_buffer("relu", torch.tensor(relu))  # (S_rnn, 1, 1)
        self._leaky = bool(np.any(alpha < 1))
        self._any_relu, self._all_relu = bool(relu.any()), bool(relu.all())

    def _check_x(self, x: torch.Tensor) -> tuple:
        S, D = len(self.kinds), self.input_size
        if not isinstance(x, torch.Tensor):
            raise TypeError(f"x must be a torch.Tensor; got {type(x).__name__}")
        if x.dim() != 4 or x.shape[1] != S or x.shape[3] != D or x.shape[0] == 0:
            raise ValueError(f"x must have shape (T, S={S}, B, D={D}); got {tuple(x.shape)}")
        return x.shape[0], x.shape[2]

    def _run_rnn(self, x: torch.Tensor) -> torch.Tensor:
        """Last state of the vanilla, orthogonal, IRNN and leaky members; x (T, S_rnn, B, D)."""
        _, S, B, _ = x.shape
        a_in = torch.matmul(x, self.rnn_w_ih.transpose(1, 2)) + self.rnn_b[:, None, :]  # (T, S, B, H)
        w_hh_t = self.rnn_w_hh.transpose(1, 2)  # (S, H, H)
        h = x.new_zeros((S, B, self.hidden_size))
        for a_t in a_in.unbind(0):  # unbind, not a_in[t]: one gradient buffer, not T
            a = torch.baddbmm(a_t, h, w_hh_t)  # a_t = W_xh x_t + b_h + W_hh h_{t-1}   Eq. (3.1)
            if self._all_relu:
                phi = torch.relu(a)
            elif self._any_relu:
                phi = torch.where(self.relu, torch.relu(a), torch.tanh(a))
            else:
                phi = torch.tanh(a)
            # leaky units: h_t = (1 - alpha) h_{t-1} + alpha phi(a_t)     Eq. (4.5); alpha = 1: vanilla
            h = h + self.alpha * (phi - h) if self._leaky else phi
        return h

    def _run_lstm(self, x: torch.Tensor) -> torch.Tensor:
        """Last hidden state of the LSTM members (gates i|f|g|o, PyTorch's order)."""
        _, S, B, _ = x.shape
        H = self.hidden_size
        a_in = torch.matmul(x, self.lstm_w_ih.transpose(1, 2)) + self.lstm_b[:, None, :]  # (T, S, B, 4H)
        w_hh_t = self.lstm_w_hh.transpose(1, 2)  # (S, H, 4H)
        h = x.new_zeros((S, B, H))
        c = x.new_zeros((S, B, H))
        for a_t in a_in.unbind(0):
            z = torch.baddbmm(a_t, h, w_hh_t)  # (S, B, 4H)
            i, f, g, o = z.chunk(4, dim=-1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)  # c_t = f_t c_{t-1} + i_t g_t
            h = torch.sigmoid(o) * torch.tanh(c)
        return h

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits of every member from its last state.

        Shapes
        ------
        x: (T, S, B, D); returns (S, B, C).
        """
        self._check_x(x)
        h = x.new_empty((x.shape[1], x.shape[2], self.hidden_size))
        if self.rnn_members:
            h[self.rnn_members] = self._run_rnn(x[:, self.rnn_members])
        if self.lstm_members:
            h[self.lstm_members] = self._run_lstm(x[:, self.lstm_members])
        return torch.baddbmm(self.out_b[:, None, :], h, self.out_w.transpose(1, 2))  # (S, B, C)

    def member_rnn_weights(self, member: int) -> dict:
        """A vanilla member's recurrent weights as NumPy arrays named like ``torch.nn.RNN``.

        The bias is returned whole in ``bias_ih_l0`` (``bias_hh_l0`` is zero), so the dict
        loads into :class:`rnnbook.scratch.rnn.RNN`.

        Shapes
        ------
        weight_ih_l0: (H, D); weight_hh_l0: (H, H); bias_ih_l0, bias_hh_l0: (H,).
        """
        if isinstance(member, bool) or not isinstance(member, (int, np.integer)) or not 0 <= member < len(self.kinds):
            raise ValueError(f"member must be an index in [0, {len(self.kinds)}); got {member!r}")
        if self.kinds[member] not in ("tanh", "orthogonal", "irnn"):
            raise ValueError(f"member {member} is a {self.kinds[member]!r} member, not a vanilla RNN")
        j = self.rnn_members.index(member)
        get = lambda p: p[j].detach().double().numpy().copy()  # noqa: E731
        b = get(self.rnn_b)
        return {"weight_ih_l0": get(self.rnn_w_ih), "weight_hh_l0": get(self.rnn_w_hh),
                "bias_ih_l0": b, "bias_hh_l0": np.zeros_like(b)}
