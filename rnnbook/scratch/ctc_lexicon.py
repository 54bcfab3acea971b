"""Lexicon-constrained CTC decoding: prefix beam search that only spells allowed words.

When the transcripts are known to come from a list of allowed strings (a *lexicon*:
postcodes, account numbers, the words of a dictionary), decoding should return one of
them. Best-path decoding cannot use that knowledge; prefix beam search can, by never
extending a prefix that no word of the lexicon starts with. The lexicon's set of
prefixes is its prefix tree (trie) in its simplest form. At the end only complete words
count, and they are scored exactly by the forward algorithm (Eq. (8.6)). This is the
simplest case of decoding with a language model (Graves, 2012, Sec. 7.5): a uniform
prior over the words of the lexicon and zero probability for every other string.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from .ctc_decode import _check_beam_width, _check_scores, _normalise, best_by_exact_score, prefix_beam
from .ctc import _check_target

__all__ = ["lexicon_prefixes", "ctc_lexicon_decode"]


def lexicon_prefixes(lexicon: Iterable[Sequence[int]]) -> tuple:
    """The words of a lexicon and the set of all their prefixes (the empty one included).

    Returns
    -------
    words : list of tuple
        The distinct words, in first-seen order.
    prefixes : frozenset of tuple
        Every prefix of every word, from ``()`` to the word itself.
    """
    words: list = []
    for i, w in enumerate(lexicon):
        w_arr = np.asarray(w)
        if w_arr.ndim != 1 or w_arr.size == 0 or not np.issubdtype(w_arr.dtype, np.integer):
            raise ValueError(f"lexicon entry {i} must be a non-empty 1-D sequence of class indices; got {w!r}")
        word = tuple(int(k) for k in w_arr)
        if word not in words:
            words.append(word)
    if not words:
        raise ValueError("lexicon must hold at least one word; got none")
    prefixes = frozenset(w[:n] for w in words for n in range(len(w) + 1))
    return words, prefixes


def ctc_lexicon_decode(
    scores: np.ndarray,
    lexicon: Iterable[Sequence[int]],
    beam_width: int = 8,
    blank: int = 0,
    *,
    prune: float = -np.inf,
) -> list:
    """The most probable word of ``lexicon`` that a lexicon-constrained beam search finds.

    Prefix beam search (:func:`~rnnbook.scratch.ctc_decode.ctc_beam_search`) in which a
    prefix is extended by label k only if ``prefix + (k,)`` begins some word of the
    lexicon. The complete words left in the final beam are scored exactly by the forward
    algorithm, and the most probable is returned. If the beam holds no complete word (a
    beam too narrow for the input), every word of the lexicon is scored exactly instead,
    so the answer is always a word of the lexicon. ``scores`` are logits or
    log-probabilities (normalised here by a log-softmax); pass probabilities as
    ``np.log(probs)``. ``lexicon`` may also be the ``(words, prefixes)`` pair of
    :func:`lexicon_prefixes`, to build the prefix set once for many strips.

    Shapes
    ------
    scores: (T, C); lexicon: words of class indices -> list of U class indices.
    """
    scores = np.asarray(scores) if isinstance(scores, (list, tuple)) else scores
    _check_scores(scores)
    C = scores.shape[1]
    _check_target([], C, blank)
    _check_beam_width(beam_width)
    if isinstance(lexicon, tuple) and len(lexicon) == 2 and isinstance(lexicon[1], frozenset):
        words, prefixes = lexicon
    else:
        words, prefixes = lexicon_prefixes(lexicon)
    for w in words:
        if min(w) < 0 or max(w) >= C or blank in w:
            raise ValueError(f"lexicon words must use classes in [0, C={C}) other than the blank {blank}; got {list(w)}")
    log_probs = _normalise(scores)
    word_set = set(words)
    beam = prefix_beam(log_probs, beam_width, blank, prune, allowed=prefixes)
    complete = [list(p) for p, _ in beam if p in word_set]
    if not complete:
        complete = [list(w) for w in words]
    return best_by_exact_score(log_probs, complete, blank)
