"""CTC loss and gradient for a padded batch, vectorised over the batch and the lattice.

The recursions of :mod:`rnnbook.scratch.ctc` (Eqs. (8.2)-(8.7)), with each time step
updating all B sequences and all S states in a handful of NumPy operations: the form used
for training and timed against ``torch.nn.functional.ctc_loss`` in chapter 8
(``benchmarks/ctc_speed.py``).
"""

from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from .ctc import NEG_INF, _check_log_probs, _check_target

__all__ = ["ctc_batch"]


def _pad_targets(targets, target_lengths, B: int, C: int, blank: int) -> tuple:
    """Return padded targets (B, U_max) and their lengths (B,) after checking them."""
    if isinstance(targets, np.ndarray) and targets.ndim == 2:
        if targets.shape[0] != B:
            raise ValueError(f"targets must have shape (B={B}, U_max); got {targets.shape}")
        lengths = (
            np.full(B, targets.shape[1], dtype=np.int64)
            if target_lengths is None
            else np.asarray(target_lengths, dtype=np.int64).reshape(-1)
        )
        if lengths.shape != (B,) or (lengths < 0).any() or (lengths > targets.shape[1]).any():
            raise ValueError(
                f"target_lengths must be B={B} lengths in [0, {targets.shape[1]}]; got {lengths.tolist()}"
            )
        seqs = [targets[b, : lengths[b]] for b in range(B)]
    else:
        seqs = list(targets)
        if len(seqs) != B:
            raise ValueError(f"targets must hold B={B} sequences; got {len(seqs)}")
    seqs = [_check_target(z, C, blank, name=f"targets[{b}]") for b, z in enumerate(seqs)]
    lengths = np.array([len(z) for z in seqs], dtype=np.int64)
    padded = np.full((B, max(int(lengths.max(initial=0)), 1)), blank, dtype=np.int64)
    for b, z in enumerate(seqs):
        padded[b, : len(z)] = z
    return padded, lengths


def ctc_batch(
    log_probs: np.ndarray,
    targets,
    input_lengths: Optional[Sequence[int]] = None,
    target_lengths: Optional[Sequence[int]] = None,
    blank: int = 0,
    grad: bool = True,
) -> tuple:
    """CTC losses and gradients of a padded batch, vectorised over the batch and the states.

    The same recursions as :func:`~rnnbook.scratch.ctc.ctc_forward` and
    :func:`~rnnbook.scratch.ctc.ctc_backward`, but each time
    step updates all B sequences and all S states with a handful of NumPy operations.
    Sequence b uses steps ``0 .. input_lengths[b] - 1`` and labels
    ``targets[b, :target_lengths[b]]`` (or ``targets[b]`` when ``targets`` is a list of
    sequences); padded steps get a zero gradient.

    Returns
    -------
    losses : ndarray
        -log p(z_b | x_b) for each sequence (``inf`` where no path exists), like
        ``torch.nn.functional.ctc_loss(..., reduction="none")``.
    grad : ndarray or None
        d losses.sum() / d a, the gradient with respect to the unnormalised activations
        (Eq. (8.7)); zero for sequences whose loss is ``inf``. ``None`` if ``grad=False``.

    Shapes
    ------
    log_probs: (T, B, C); targets: (B, U_max) padded, or B sequences; input_lengths,
    target_lengths: (B,) -> losses: (B,), grad: (T, B, C).
    """
    _check_log_probs(log_probs, ndim=3)
    T, B, C = log_probs.shape
    z, z_len = _pad_targets(targets, target_lengths, B, C, blank)
    if input_lengths is None:
        t_len = np.full(B, T, dtype=np.int64)
    else:
        t_len = np.asarray(input_lengths, dtype=np.int64).reshape(-1)
        if t_len.shape != (B,) or (t_len < 1).any() or (t_len > T).any():
            raise ValueError(f"input_lengths must be B={B} lengths in [1, T={T}]; got {t_len.tolist()}")
    dtype = log_probs.dtype
    S = 2 * z.shape[1] + 1
    s_len = 2 * z_len + 1  # (B,)
    ext = np.full((B, S), blank, dtype=np.int64)  # (B, S): extended labels
    ext[:, 1::2] = z
    valid = np.arange(S)[None, :] < s_len[:, None]  # (B, S): real states, not padding
    skip = np.zeros((B, S), dtype=bool)
    skip[:, 3::2] = z[:, 1:] != z[:, :-1]
    skip_add = np.where(skip & valid, 0.0, NEG_INF).astype(dtype)  # (B, S)
    lp = np.take_along_axis(log_probs, ext[None, :, :], axis=2)  # (T, B, S): log y_t(z'_s)
    lp[:, ~valid] = NEG_INF
    ragged = bool((t_len < T).any())

    # Forward: alpha lives in columns 2.. of a (T, B, S + 2) buffer whose first two
    # columns stay -inf, so that s - 1 and s - 2 are plain slices.
    A = np.full((T, B, S + 2), NEG_INF, dtype=dtype)
    A[0, :, 2:4] = lp[0, :, :2]  # start in the first blank or the first label (S >= 3 here)
    tmp = np.empty((B, S), dtype=dtype)
    for t in range(1, T):
        prev = A[t - 1]
        np.logaddexp(prev[:, 2:], prev[:, 1:-1], out=tmp)  # stay, or come from s - 1
        np.logaddexp(tmp, prev[:, :-2] + skip_add, out=tmp)  # or skip from s - 2
        np.add(tmp, lp[t], out=A[t, :, 2:])
    last = A[t_len - 1, np.arange(B)]  # (B, S + 2): alpha at each sequence's last step
    rows = np.arange(B)
    log_p = np.logaddexp(last[rows, s_len + 1], last[rows, s_len])  # states S_b - 1, S_b - 2
    losses = -log_p.astype(np.float64)
    if not grad:
        return losses, None

    # Backward: beta lives in columns 0..S-1 of a (T, B, S + 2) buffer.
    end = np.full((B, S + 2), NEG_INF, dtype=dtype)  # beta at each sequence's last step
    end[rows, s_len - 1] = 0.0
    end[rows[s_len > 1], s_len[s_len > 1] - 2] = 0.0
    Bt = np.full((T, B, S + 2), NEG_INF, dtype=dtype)
    Bt[T - 1] = end
    lp_pad = np.full((B, S + 2), NEG_INF, dtype=dtype)
    skip_next = np.full((B, S), NEG_INF, dtype=dtype)  # skip_next[s] = skip_add[s + 2]
    skip_next[:, :-2] = skip_add[:, 2:]
    for t in range(T - 2, -1, -1):
        lp_pad[:, :S] = lp[t + 1]
        nxt = Bt[t + 1] + lp_pad  # beta_{t+1}(s') y_{t+1}(z'_s')
        np.logaddexp(nxt[:, :-2], nxt[:, 1:-1], out=tmp)  # stay, or move on to s + 1
        np.logaddexp(tmp, nxt[:, 2:] + skip_next, out=Bt[t, :, :S])  # or skip to s + 2
        if ragged:
            late = t >= t_len - 1  # sequences that end at or before step t
            Bt[t, late] = end[late]

    finite = np.isfinite(log_p)
    shift = np.where(finite, log_p, 0.0).astype(dtype)
    occ = np.exp(A[:, :, 2:] + Bt[:, :, :S] - shift[None, :, None])  # (T, B, S)
    onehot = np.zeros((B, S, C), dtype=dtype)  # (B, S, C): which class each state emits
    onehot[rows[:, None], np.arange(S)[None, :], ext] = valid
    posterior = np.matmul(occ.transpose(1, 0, 2), onehot).transpose(1, 0, 2)  # (T, B, C)
    g = np.exp(log_probs) - posterior
    active = (np.arange(T)[:, None] < t_len[None, :]) & finite[None, :]  # (T, B)
    g[~active] = 0.0
    return losses, g
