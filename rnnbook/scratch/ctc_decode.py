"""Decoding CTC outputs: the collapsing map B, best-path decoding and prefix beam search.

Finding the most probable labelling argmax_z p(z | x) exactly is intractable in general;
best-path decoding and prefix beam search are the two standard approximations (chapter 8).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .ctc import NEG_INF, _check_log_probs, _check_target
from .ctc_batch import ctc_batch

__all__ = ["ctc_collapse", "ctc_greedy_decode", "ctc_beam_search"]


def ctc_collapse(path: Sequence[int], blank: int = 0) -> list:
    """The collapsing map B: merge adjacent repeats, then drop blanks.

    ``ctc_collapse([1, 1, 0, 2, 0, 0, 2]) == [1, 2, 2]``.
    """
    out: list = []
    prev = None
    for k in path:
        k = int(k)
        if k != prev and k != blank:
            out.append(k)
        prev = k
    return out


def ctc_greedy_decode(log_probs: np.ndarray, blank: int = 0) -> list:
    """Best-path decoding: the most probable class at every step, collapsed by B.

    This is the labelling of the single most probable *path*, which need not be the most
    probable *labelling* (the sum over all its paths): see :func:`ctc_beam_search`.

    Shapes
    ------
    log_probs: (T, C) -> list of U class indices.
    """
    _check_log_probs(log_probs)
    _check_target([], log_probs.shape[1], blank)
    return ctc_collapse(np.argmax(log_probs, axis=1), blank)


def _lse(a: float, b: float) -> float:
    """log(exp(a) + exp(b)) for Python floats, exact at -inf."""
    if a == NEG_INF:
        return b
    if b == NEG_INF:
        return a
    if a < b:
        a, b = b, a
    return a + np.log1p(np.exp(b - a))


def ctc_beam_search(
    log_probs: np.ndarray,
    beam_width: int,
    blank: int = 0,
    *,
    prune: float = -np.inf,
    rescore: bool = True,
) -> list:
    """Prefix beam search (Graves, 2012; Hannun, 2017): the most probable labelling it finds.

    The beam holds the ``beam_width`` best *prefixes*, each with two log-probabilities:
    that of the paths so far that collapse to it and end in a blank, ``p_b``, and that of
    those ending in its last label, ``p_nb``. At step t a prefix ``l`` with last label
    ``e`` becomes

    - ``l`` again, by a blank: ``p_b += (p_b + p_nb) y_t(-)``, or by repeating ``e``:
      ``p_nb += p_nb y_t(e)``;
    - ``l + k``, by a label k: ``p_nb += (p_b + p_nb) y_t(k)`` for k != e, but only
      ``p_b y_t(e)`` for k = e (a repeat needs a blank in between).

    Classes with log-probability below ``prune`` at a step are not tried (``-inf``: all
    are). Paths through dropped prefixes (or pruned classes) are lost, so the beam's
    scores are lower bounds of the labellings' probabilities. With ``rescore=True`` the
    final beam and the best-path labelling are scored exactly with
    :func:`~rnnbook.scratch.ctc.ctc_loss` and the most probable is returned, so the
    result is never less probable than :func:`ctc_greedy_decode`'s.

    Shapes
    ------
    log_probs: (T, C) -> list of U class indices.
    """
    _check_log_probs(log_probs)
    C = log_probs.shape[1]
    _check_target([], C, blank)
    if not isinstance(beam_width, (int, np.integer)) or isinstance(beam_width, bool) or beam_width < 1:
        raise ValueError(f"beam_width must be a positive integer; got {beam_width!r}")
    lp_all = log_probs.astype(np.float64)
    beams: dict = {(): (0.0, NEG_INF)}  # prefix -> (log p_b, log p_nb)
    for t in range(lp_all.shape[0]):
        lp = lp_all[t]
        tried = [k for k in range(C) if k != blank and lp[k] >= prune]
        nxt: dict = {}

        def add(prefix: tuple, pb: float, pnb: float) -> None:
            old_b, old_nb = nxt.get(prefix, (NEG_INF, NEG_INF))
            nxt[prefix] = (_lse(old_b, pb), _lse(old_nb, pnb))

        for prefix, (pb, pnb) in beams.items():
            total = _lse(pb, pnb)
            add(prefix, total + lp[blank], NEG_INF)  # a blank keeps the prefix
            e = prefix[-1] if prefix else None
            for k in tried:
                if k == e:
                    add(prefix, NEG_INF, pnb + lp[k])  # repeat: merged into e
                    add(prefix + (k,), NEG_INF, pb + lp[k])  # after a blank: a new label
                else:
                    add(prefix + (k,), NEG_INF, total + lp[k])
        ranked = sorted(nxt.items(), key=lambda item: _lse(*item[1]), reverse=True)
        beams = dict(ranked[:beam_width])
    candidates = [list(p) for p in beams]
    if not rescore:
        return candidates[0]
    greedy = ctc_greedy_decode(log_probs, blank)
    if greedy not in candidates:
        candidates.append(greedy)
    K = len(candidates)
    batch = np.broadcast_to(log_probs[:, None, :], (log_probs.shape[0], K, C))  # (T, K, C)
    losses, _ = ctc_batch(np.ascontiguousarray(batch), candidates, blank=blank, grad=False)
    return candidates[int(np.argmin(losses))]
