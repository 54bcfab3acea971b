"""Connectionist temporal classification (CTC) in NumPy, in log space, with its gradient.

CTC (Graves et al., 2006) scores a label sequence ``z`` (no blanks, length U) against the
per-step class distributions ``y_t`` of a network without being told where each label
sits. A *path* picks one class per step, including the blank; the collapsing map ``B``
merges repeated classes and then drops blanks, so ``B(a a - b - b) = a b b``. The
probability of ``z`` is the sum over every path that collapses to it (Eq. (8.1)),

.. math:: p(z \\mid x) = \\sum_{\\pi \\in B^{-1}(z)} \\prod_{t=1}^{T} y_t(\\pi_t),

computed by dynamic programming over the *extended* label sequence
``z' = (-, z_1, -, z_2, ..., z_U, -)`` of length S = 2U + 1. All quantities are kept as
logarithms, so sequences of thousands of steps neither underflow nor overflow.

- :func:`ctc_forward` and :func:`ctc_backward`: the alpha and beta recursions
  (Eqs. (8.2)-(8.5)) for one sequence, one NumPy operation per step over all S states.
- :func:`ctc_loss` and :func:`ctc_grad`: the loss -log p(z|x) (Eq. (8.6)) and its
  gradient with respect to the unnormalised activations (Eq. (8.7)).
- :func:`~rnnbook.scratch.ctc_batch.ctc_batch` (in :mod:`rnnbook.scratch.ctc_batch`): loss
  and gradient for a padded batch, vectorised over the batch too, for training and for the
  speed comparison with ``torch.nn.functional.ctc_loss``.
- :mod:`rnnbook.scratch.ctc_decode`: the collapsing map, best-path and prefix beam-search
  decoding.

Conventions (the same as ``torch.nn.functional.ctc_loss``): ``log_probs`` are log-softmax
outputs, time-major; the blank is class ``blank`` (0 by default); a target never contains
the blank; a target that no path can produce (T < U + number of adjacent repeats) has
loss ``inf``.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..validation import check_array

__all__ = ["ctc_extend", "ctc_forward", "ctc_backward", "ctc_loss", "ctc_grad"]

NEG_INF = -np.inf


# ----------------------------------------------------------------------------- checks
def _check_log_probs(log_probs: np.ndarray, name: str = "log_probs", ndim: int = 2) -> np.ndarray:
    """Check shape (T, C) (or (T, B, C)), finiteness from above and normalisation."""
    shape = (("T", None), ("C", None)) if ndim == 2 else (("T", None), ("B", None), ("C", None))
    check_array(name, log_probs, shape)
    if log_probs.dtype not in (np.float32, np.float64):
        raise TypeError(f"{name} must have dtype float32 or float64; got {log_probs.dtype}")
    if log_probs.shape[0] == 0:
        raise ValueError(f"{name} must have at least one time step; got T=0")
    if np.isnan(log_probs).any() or np.isposinf(log_probs).any():
        raise ValueError(f"{name} must not contain nan or +inf")
    # Each row must be a log-distribution: logsumexp over classes is 0. The tolerance
    # admits float32 log_softmax output and probabilities published to 6 digits (a row
    # of C values each rounded by 5e-7 is off by at most C * 5e-7 in probability), and
    # still rejects raw logits, whose rows are off by far more.
    tol = 1e-3
    m = log_probs.max(axis=-1, keepdims=True)
    lse = (m + np.log(np.exp(log_probs - m).sum(axis=-1, keepdims=True)))[..., 0]
    worst = float(np.abs(lse).max())
    if not worst <= tol:
        raise ValueError(
            f"{name} must be normalised log-probabilities (every row must logsumexp to 0 "
            f"within {tol:g}, for example the output of log_softmax); got rows off by up to {worst:.3g}"
        )
    return log_probs


def _check_target(target: Sequence[int], n_classes: int, blank: int, name: str = "target") -> np.ndarray:
    """Return ``target`` as an int array after checking range and the absence of the blank."""
    if not isinstance(blank, (int, np.integer)) or isinstance(blank, bool):
        raise TypeError(f"blank must be an int; got {type(blank).__name__}")
    if not 0 <= blank < n_classes:
        raise ValueError(f"blank must be a class index in [0, C={n_classes}); got {blank}")
    z = np.asarray(target)
    if z.size == 0:
        return np.zeros(0, dtype=np.int64)
    if z.ndim != 1 or not np.issubdtype(z.dtype, np.integer):
        raise ValueError(f"{name} must be a 1-D sequence of class indices; got {z.dtype} array of shape {z.shape}")
    if z.min() < 0 or z.max() >= n_classes:
        raise ValueError(
            f"{name} labels must lie in [0, C={n_classes}); got values from {z.min()} to {z.max()}"
        )
    if (z == blank).any():
        raise ValueError(f"{name} must not contain the blank (class {blank}); got {z.tolist()}")
    return z.astype(np.int64)


# ------------------------------------------------------------------- extended labels
def ctc_extend(target: Sequence[int], blank: int = 0) -> tuple:
    """Return the extended label sequence ``z'`` and the states that may be skipped into.

    ``z' = (-, z_1, -, z_2, ..., z_U, -)`` has S = 2U + 1 states. ``skip[s]`` is True when
    state s may be entered from state s - 2, jumping over a blank: only when ``z'_s`` is
    a label different from ``z'_{s-2}`` (Eq. (8.3)).

    Shapes
    ------
    target: (U,) -> ext: (S,), skip: (S,) with S = 2U + 1.
    """
    z = np.asarray(target, dtype=np.int64).reshape(-1)
    ext = np.full(2 * len(z) + 1, blank, dtype=np.int64)
    ext[1::2] = z
    skip = np.zeros(len(ext), dtype=bool)
    skip[3::2] = z[1:] != z[:-1]  # a label s >= 3 may skip the blank unless it repeats z'_{s-2}
    return ext, skip


# -------------------------------------------------------------- the two recursions
def ctc_forward(log_probs: np.ndarray, target: Sequence[int], blank: int = 0) -> np.ndarray:
    """The forward variables log alpha_t(s) of one sequence (Eqs. (8.2)-(8.3)).

    ``alpha_t(s)`` is the total probability of the path prefixes of length t + 1 that end
    in state s of the extended labels and collapse to the first labels of ``z``:

    .. math::
        \\alpha_1(1) = y_1(-),\\quad \\alpha_1(2) = y_1(z_1),\\qquad
        \\alpha_t(s) = y_t(z'_s)\\,[\\alpha_{t-1}(s) + \\alpha_{t-1}(s-1)
        + \\mathbb{1}_{\\text{skip}}(s)\\,\\alpha_{t-1}(s-2)].

    (The math counts t and s from 1, the code from 0.) One vectorised step updates all
    S states at once.

    Shapes
    ------
    log_probs: (T, C) log-softmax outputs of one sequence; target: (U,) -> (T, S), S = 2U + 1.
    """
    _check_log_probs(log_probs)
    z = _check_target(target, log_probs.shape[1], blank)
    ext, skip = ctc_extend(z, blank)
    T, S = log_probs.shape[0], len(ext)
    lp = log_probs[:, ext]  # (T, S): log y_t(z'_s)
    skip_add = np.where(skip, 0.0, NEG_INF)  # (S,): log of the skip indicator
    log_alpha = np.full((T, S), NEG_INF, dtype=log_probs.dtype)
    log_alpha[0, : min(2, S)] = lp[0, : min(2, S)]  # start in the first blank or the first label
    for t in range(1, T):
        prev = log_alpha[t - 1]
        acc = prev.copy()  # stay in s
        acc[1:] = np.logaddexp(acc[1:], prev[:-1])  # come from s - 1
        acc[2:] = np.logaddexp(acc[2:], prev[:-2] + skip_add[2:])  # skip from s - 2
        log_alpha[t] = acc + lp[t]
    return log_alpha


def ctc_backward(log_probs: np.ndarray, target: Sequence[int], blank: int = 0) -> np.ndarray:
    """The backward variables log beta_t(s) of one sequence (Eqs. (8.4)-(8.5)).

    ``beta_t(s)`` is the probability of the path suffixes from step t + 1 to T that
    complete ``z`` given state s at step t (it does not include ``y_t``, the convention
    of Graves, 2012), so that alpha_t(s) beta_t(s) sums the probabilities of every path
    through state s at step t:

    .. math::
        \\beta_T(S) = \\beta_T(S-1) = 1,\\qquad
        \\beta_t(s) = \\beta_{t+1}(s)\\,y_{t+1}(z'_s) + \\beta_{t+1}(s+1)\\,y_{t+1}(z'_{s+1})
        + \\mathbb{1}_{\\text{skip}}(s+2)\\,\\beta_{t+1}(s+2)\\,y_{t+1}(z'_{s+2}).

    Shapes
    ------
    log_probs: (T, C); target: (U,) -> (T, S), S = 2U + 1.
    """
    _check_log_probs(log_probs)
    z = _check_target(target, log_probs.shape[1], blank)
    ext, skip = ctc_extend(z, blank)
    T, S = log_probs.shape[0], len(ext)
    lp = log_probs[:, ext]  # (T, S)
    skip_add = np.where(skip, 0.0, NEG_INF)  # (S,)
    log_beta = np.full((T, S), NEG_INF, dtype=log_probs.dtype)
    log_beta[T - 1, max(S - 2, 0) :] = 0.0  # end in the last label or the final blank
    for t in range(T - 2, -1, -1):
        nxt = log_beta[t + 1] + lp[t + 1]  # beta_{t+1}(s') y_{t+1}(z'_{s'})
        acc = nxt.copy()  # stay in s
        acc[:-1] = np.logaddexp(acc[:-1], nxt[1:])  # move on to s + 1
        acc[:-2] = np.logaddexp(acc[:-2], nxt[2:] + skip_add[2:])  # skip to s + 2
        log_beta[t] = acc
    return log_beta


# ----------------------------------------------------------------- loss and gradient
def _final_log_prob(log_alpha_last: np.ndarray) -> float:
    S = log_alpha_last.shape[-1]
    return float(np.logaddexp.reduce(log_alpha_last[max(S - 2, 0) :]))


def ctc_loss(log_probs: np.ndarray, target: Sequence[int], blank: int = 0) -> float:
    """The CTC loss -log p(z | x) of one sequence (Eq. (8.6)); ``inf`` if no path exists.

    .. math:: L = -\\log p(z \\mid x) = -\\log[\\alpha_T(S) + \\alpha_T(S-1)].

    Shapes
    ------
    log_probs: (T, C) log-softmax outputs; target: (U,) class indices, without the blank.
    """
    return -_final_log_prob(ctc_forward(log_probs, target, blank)[-1])


def ctc_grad(log_probs: np.ndarray, target: Sequence[int], blank: int = 0) -> np.ndarray:
    """Gradient of :func:`ctc_loss` with respect to the unnormalised activations a_t (Eq. (8.7)).

    With ``y_t = softmax(a_t)`` and ``log_probs = log y``,

    .. math::
        \\frac{\\partial L}{\\partial a_t(k)} = y_t(k) - \\frac{1}{p(z \\mid x)}
        \\sum_{s:\\, z'_s = k} \\alpha_t(s)\\,\\beta_t(s):

    the softmax minus the posterior probability that step t emits class k. When no path
    exists (loss ``inf``) the gradient is set to zero, as PyTorch does with
    ``zero_infinity=True``.

    Shapes
    ------
    log_probs: (T, C); target: (U,) -> (T, C).
    """
    log_alpha = ctc_forward(log_probs, target, blank)
    log_beta = ctc_backward(log_probs, target, blank)
    log_p = _final_log_prob(log_alpha[-1])
    if not np.isfinite(log_p):
        return np.zeros_like(log_probs)
    ext, _ = ctc_extend(np.asarray(target, dtype=np.int64), blank)
    occupancy = np.exp(log_alpha + log_beta - log_p)  # (T, S): P(state s at step t | z, x)
    posterior = np.zeros_like(log_probs)  # (T, C)
    np.add.at(posterior, (slice(None), ext), occupancy)  # sum the states that emit each class
    return np.exp(log_probs) - posterior
