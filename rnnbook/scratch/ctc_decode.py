"""Decoding CTC outputs: the collapsing map B, best-path decoding and prefix beam search.

Finding the most probable labelling argmax_z p(z | x) exactly is intractable in general;
best-path decoding and prefix beam search are the two standard approximations (chapter 8).

The decoders take any per-step scores a user is likely to hold: best-path decoding is an
argmax, the same for logits, log-probabilities and probabilities; beam search takes
logits or log-probabilities and normalises them with a log-softmax over the classes
(which leaves log-probabilities unchanged), so probabilities must be passed as their
logarithm, ``np.log(probs)``.
"""

from __future__ import annotations

from typing import Collection, Optional, Sequence

import numpy as np

from ..validation import check_array, check_int
from .ctc import NEG_INF, _check_target
from .ctc_batch import ctc_batch
from .output import log_softmax

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


def _check_scores(scores: np.ndarray, name: str = "scores") -> np.ndarray:
    """Check per-step scores of shape (T, C): real, no nan, no +inf (-inf is a zero probability)."""
    check_array(name, scores, (("T", None), ("C", None)))
    if not np.issubdtype(scores.dtype, np.floating):
        raise TypeError(f"{name} must be a float array; got dtype {scores.dtype}")
    if scores.shape[0] == 0 or scores.shape[1] == 0:
        raise ValueError(f"{name} must have at least one step and one class; got shape {scores.shape}")
    if np.isnan(scores).any() or np.isposinf(scores).any():
        raise ValueError(f"{name} must not contain nan or +inf")
    return scores


def _normalise(scores: np.ndarray) -> np.ndarray:
    """Logits or log-probabilities (T, C) -> float64 log-probabilities (T, C)."""
    return log_softmax(scores.astype(np.float64))


def ctc_greedy_decode(scores: np.ndarray, blank: int = 0) -> list:
    """Best-path decoding: the most probable class at every step, collapsed by B.

    This is the labelling of the single most probable *path*, which need not be the most
    probable *labelling* (the sum over all its paths): see :func:`ctc_beam_search`.
    ``scores`` may be logits, log-probabilities or probabilities: the argmax over the
    classes is the same for all three.

    Shapes
    ------
    scores: (T, C) -> list of U class indices.
    """
    scores = np.asarray(scores) if isinstance(scores, (list, tuple)) else scores
    _check_scores(scores)
    _check_target([], scores.shape[1], blank)
    return ctc_collapse(np.argmax(scores, axis=1), blank)


def _lse(a: float, b: float) -> float:
    """log(exp(a) + exp(b)) for Python floats, exact at -inf."""
    if a == NEG_INF:
        return b
    if b == NEG_INF:
        return a
    if a < b:
        a, b = b, a
    return a + np.log1p(np.exp(b - a))


def _check_beam_width(beam_width: int) -> None:
    check_int("beam_width", beam_width, minimum=1)


def prefix_beam(
    log_probs: np.ndarray,
    beam_width: int,
    blank: int,
    prune: float = -np.inf,
    allowed: Optional[Collection[tuple]] = None,
) -> list:
    """The prefix beam of :func:`ctc_beam_search`: the final prefixes, best first.

    ``allowed``, if given, is a set of prefixes (tuples of labels) that a prefix may
    become: an extension outside it is never made (a lexicon's prefix tree,
    :mod:`rnnbook.scratch.ctc_lexicon`). Returns a list of (prefix, log-probability
    lower bound) pairs.

    Shapes
    ------
    log_probs: (T, C) normalised -> list of at most ``beam_width`` pairs.
    """
    C = log_probs.shape[1]
    beams: dict = {(): (0.0, NEG_INF)}  # prefix -> (log p_b, log p_nb)
    for t in range(log_probs.shape[0]):
        lp = log_probs[t]
        tried = [k for k in range(C) if k != blank and lp[k] >= prune and lp[k] > NEG_INF]
        nxt: dict = {}

        def add(prefix: tuple, pb: float, pnb: float) -> None:
            old_b, old_nb = nxt.get(prefix, (NEG_INF, NEG_INF))
            nxt[prefix] = (_lse(old_b, pb), _lse(old_nb, pnb))

        for prefix, (pb, pnb) in beams.items():
            total = _lse(pb, pnb)
            add(prefix, total + lp[blank], NEG_INF)  # a blank keeps the prefix
            e = prefix[-1] if prefix else None
            for k in tried:
                longer = prefix + (k,)
                if k == e:
                    add(prefix, NEG_INF, pnb + lp[k])  # repeat: merged into e
                    if allowed is None or longer in allowed:
                        add(longer, NEG_INF, pb + lp[k])  # after a blank: a new label
                elif allowed is None or longer in allowed:
                    add(longer, NEG_INF, total + lp[k])
        ranked = sorted(nxt.items(), key=lambda item: _lse(*item[1]), reverse=True)
        beams = dict(ranked[:beam_width])
    return [(p, _lse(*v)) for p, v in beams.items()]


def best_by_exact_score(log_probs: np.ndarray, candidates: list, blank: int) -> list:
    """The candidate labelling with the highest p(z | x), scored by the forward algorithm.

    Shapes
    ------
    log_probs: (T, C) normalised; candidates: K label lists -> one label list.
    """
    T, C = log_probs.shape
    K = len(candidates)
    batch = np.broadcast_to(log_probs[:, None, :], (T, K, C))  # (T, K, C)
    losses, _ = ctc_batch(np.ascontiguousarray(batch), [list(c) for c in candidates], blank=blank, grad=False)
    return list(candidates[int(np.argmin(losses))])


def ctc_beam_search(
    scores: np.ndarray,
    beam_width: int,
    blank: int = 0,
    *,
    prune: float = -np.inf,
    rescore: bool = True,
) -> list:
    """Prefix beam search (Graves, 2012; Hannun, 2017): the most probable labelling it finds.

    ``scores`` are logits or log-probabilities, (T, C); they are normalised by a
    log-softmax over the classes first (probabilities: pass ``np.log(probs)``). The beam
    holds the ``beam_width`` best *prefixes*, each with two log-probabilities: that of
    the paths so far that collapse to it and end in a blank, ``p_b``, and that of those
    ending in its last label, ``p_nb``. At step t a prefix ``l`` with last label ``e``
    becomes

    - ``l`` again, by a blank: ``p_b += (p_b + p_nb) y_t(-)``, or by repeating ``e``:
      ``p_nb += p_nb y_t(e)``;
    - ``l + k``, by a label k: ``p_nb += (p_b + p_nb) y_t(k)`` for k != e, but only
      ``p_b y_t(e)`` for k = e (a repeat needs a blank in between).

    Classes with log-probability below ``prune`` at a step are not tried (``-inf``: all
    are). Paths through dropped prefixes (or pruned classes) are lost, so the beam's
    scores are lower bounds of the labellings' probabilities. With ``rescore=True`` the
    final beam and the best-path labelling are scored exactly with the forward algorithm
    (Eq. (8.6)) and the most probable is returned, so the result is never less probable
    than :func:`ctc_greedy_decode`'s.

    Shapes
    ------
    scores: (T, C) -> list of U class indices.
    """
    scores = np.asarray(scores) if isinstance(scores, (list, tuple)) else scores
    _check_scores(scores)
    _check_target([], scores.shape[1], blank)
    _check_beam_width(beam_width)
    log_probs = _normalise(scores)
    beam = prefix_beam(log_probs, beam_width, blank, prune)
    candidates = [list(p) for p, _ in beam]
    if not rescore:
        return candidates[0]
    greedy = ctc_greedy_decode(log_probs, blank)
    if greedy not in candidates:
        candidates.append(greedy)
    return best_by_exact_score(log_probs, candidates, blank)
