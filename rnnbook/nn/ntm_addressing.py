"""The addressing of a neural Turing machine (Graves et al., 2014), one step per function.

A head turns what the controller emits into a weighting :math:`w_t` over the N slots of
the memory :math:`M_t` (N rows of width M) in four steps (Eq. (14.6)-(14.9)):

1. content: :math:`w^c_t(i) \\propto \\exp\\big(\\beta_t \\, K[k_t, M_t(i)]\\big)`, with
   :math:`K` the cosine similarity;
2. interpolation: :math:`w^g_t = g_t w^c_t + (1 - g_t) w_{t-1}`;
3. shift: :math:`\\tilde w_t(i) = \\sum_j w^g_t(j)\\, s_t(i - j)`, a circular convolution;
4. sharpening: :math:`w_t(i) = \\tilde w_t(i)^{\\gamma_t} / \\sum_j \\tilde w_t(j)^{\\gamma_t}`.

Reading is :math:`r_t = \\sum_i w_t(i) M_t(i)` (Eq. (14.10)); writing erases, then adds
(Eq. (14.11)): :math:`M_t(i) = M_{t-1}(i)\\,[1 - w_t(i) e_t] + w_t(i) a_t`.

Every function works on a batch and has no loop over slots.
"""

from __future__ import annotations

import torch

__all__ = [
    "content_weights",
    "interpolate",
    "circular_shift",
    "sharpen",
    "address",
    "read_memory",
    "write_memory",
]

_EPS = 1e-8


def _check(name: str, t: object, dims: int, what: str) -> torch.Tensor:
    if not isinstance(t, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor; got {type(t).__name__}")
    if t.dim() != dims:
        raise ValueError(f"{name} must have shape {what}; got {tuple(t.shape)}")
    return t


def _same_batch(**tensors: torch.Tensor) -> None:
    sizes = {name: t.shape[0] for name, t in tensors.items()}
    if len(set(sizes.values())) != 1:
        raise ValueError(f"batch sizes differ: {sizes}")


def content_weights(memory: torch.Tensor, key: torch.Tensor, beta: torch.Tensor) -> torch.Tensor:
    """Content addressing, Eq. (14.6): a softmax over cosine similarities of key and slots.

    Parameters
    ----------
    memory : torch.Tensor
        The memory, N slots of width M.
    key : torch.Tensor
        The key :math:`k_t` emitted by the head.
    beta : torch.Tensor
        The key strength :math:`\\beta_t \\geq 0`.

    Shapes
    ------
    memory: (B, N, M); key: (B, M); beta: (B, 1); output: (B, N), rows summing to one.
    """
    _check("memory", memory, 3, "(B, N, M)")
    _check("key", key, 2, "(B, M)")
    _check("beta", beta, 2, "(B, 1)")
    _same_batch(memory=memory, key=key, beta=beta)
    if key.shape[1] != memory.shape[2]:
        raise ValueError(f"key must have shape (B, M={memory.shape[2]}); got {tuple(key.shape)}")
    dot = torch.einsum("bnm,bm->bn", memory, key)
    norms = memory.norm(dim=2) * key.norm(dim=1, keepdim=True)
    similarity = dot / (norms + _EPS)
    return torch.softmax(beta * similarity, dim=1)


def interpolate(w_content: torch.Tensor, w_prev: torch.Tensor, gate: torch.Tensor) -> torch.Tensor:
    """Interpolation, Eq. (14.7): :math:`w^g = g\\, w^c + (1 - g)\\, w_{t-1}`.

    Shapes
    ------
    w_content, w_prev: (B, N); gate: (B, 1) in [0, 1]; output: (B, N).
    """
    _check("w_content", w_content, 2, "(B, N)")
    _check("w_prev", w_prev, 2, "(B, N)")
    _check("gate", gate, 2, "(B, 1)")
    if w_prev.shape != w_content.shape:
        raise ValueError(
            f"w_prev must have shape {tuple(w_content.shape)} like w_content; got {tuple(w_prev.shape)}"
        )
    return gate * w_content + (1 - gate) * w_prev


def circular_shift(w: torch.Tensor, shift: torch.Tensor) -> torch.Tensor:
    """Rotation by a distribution over shifts, Eq. (14.8): a circular convolution.

    ``shift`` has an odd number S of entries for the offsets ``-(S-1)/2 .. (S-1)/2``; the
    output is :math:`\\tilde w(i) = \\sum_k s(k)\\, w(i - k \\bmod N)`, so a one-hot shift on
    offset +1 moves every weight one slot forward.

    Shapes
    ------
    w: (B, N); shift: (B, S), S odd and at most N; output: (B, N).
    """
    _check("w", w, 2, "(B, N)")
    _check("shift", shift, 2, "(B, S)")
    _same_batch(w=w, shift=shift)
    S, N = shift.shape[1], w.shape[1]
    if S % 2 == 0 or S > N:
        raise ValueError(f"shift must have an odd number of offsets, at most N={N}; got {S}")
    half = S // 2
    rolled = torch.stack([torch.roll(w, k, dims=1) for k in range(-half, half + 1)], dim=1)
    return torch.einsum("bs,bsn->bn", shift, rolled)  # (B, N)


def sharpen(w: torch.Tensor, gamma: torch.Tensor) -> torch.Tensor:
    """Sharpening, Eq. (14.9): raise to the power :math:`\\gamma \\geq 1` and renormalise.

    Shapes
    ------
    w: (B, N), non-negative; gamma: (B, 1); output: (B, N), rows summing to one.
    """
    _check("w", w, 2, "(B, N)")
    _check("gamma", gamma, 2, "(B, 1)")
    _same_batch(w=w, gamma=gamma)
    powered = (w + _EPS) ** gamma
    return powered / powered.sum(dim=1, keepdim=True)


def address(memory: torch.Tensor, w_prev: torch.Tensor, key: torch.Tensor, beta: torch.Tensor,
            gate: torch.Tensor, shift: torch.Tensor, gamma: torch.Tensor) -> torch.Tensor:
    """The four addressing steps in order, Eq. (14.6)-(14.9).

    Shapes
    ------
    memory: (B, N, M); w_prev: (B, N); key: (B, M); beta, gate, gamma: (B, 1);
    shift: (B, S); output: (B, N).
    """
    w = content_weights(memory, key, beta)
    w = interpolate(w, w_prev, gate)
    w = circular_shift(w, shift)
    return sharpen(w, gamma)


def read_memory(memory: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """Reading, Eq. (14.10): :math:`r = \\sum_i w(i) M(i)`, a convex mix of slots.

    Shapes
    ------
    memory: (B, N, M); w: (B, N); output: (B, M).
    """
    _check("memory", memory, 3, "(B, N, M)")
    _check("w", w, 2, "(B, N)")
    if w.shape != memory.shape[:2]:
        raise ValueError(f"w must have shape {tuple(memory.shape[:2])}; got {tuple(w.shape)}")
    return torch.einsum("bn,bnm->bm", w, memory)


def write_memory(memory: torch.Tensor, w: torch.Tensor, erase: torch.Tensor,
                 add: torch.Tensor) -> torch.Tensor:
    """Writing, Eq. (14.11): erase with :math:`e \\in [0, 1]^M`, then add :math:`a`.

    Shapes
    ------
    memory: (B, N, M); w: (B, N); erase, add: (B, M); output: (B, N, M).
    """
    _check("memory", memory, 3, "(B, N, M)")
    _check("w", w, 2, "(B, N)")
    _check("erase", erase, 2, "(B, M)")
    _check("add", add, 2, "(B, M)")
    if w.shape != memory.shape[:2]:
        raise ValueError(f"w must have shape {tuple(memory.shape[:2])}; got {tuple(w.shape)}")
    for name, v in (("erase", erase), ("add", add)):
        if v.shape != (memory.shape[0], memory.shape[2]):
            raise ValueError(
                f"{name} must have shape (B={memory.shape[0]}, M={memory.shape[2]}); got {tuple(v.shape)}"
            )
    ww = w.unsqueeze(2)  # (B, N, 1)
    return memory * (1 - ww * erase.unsqueeze(1)) + ww * add.unsqueeze(1)
