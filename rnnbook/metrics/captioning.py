"""Captioning and retrieval metrics (chapter 10): BLEU through sacrebleu, ranks, recall@k,
median rank, and the correct items of retrieval judged by caption text."""

from __future__ import annotations

from typing import Sequence as _Sequence

import numpy as _np

from ..validation import check_choice, check_int

# sacrebleu tokenisers that work offline (others fetch a model or need an extra package)
OFFLINE_TOKENIZERS = ("13a", "none", "intl", "char")

__all__ = [
    "bleu_scores",
    "retrieval_ranks",
    "recall_at_k",
    "median_rank",
    "caption_positives",
    "perfect_scores",
    "retrieval_summary",
]


def bleu_scores(
    hypotheses: _Sequence, references: _Sequence, *, max_order: int = 4, tokenize: str = "13a"
) -> dict:
    """Corpus BLEU-1 ... BLEU-``max_order`` (in per cent) computed by sacrebleu.

    BLEU-n is sacrebleu's corpus BLEU with ``max_ngram_order=n``: the brevity penalty
    times the geometric mean of the clipped n-gram precisions of orders 1..n, counted
    over the whole corpus, each hypothesis against all of its references
    (Papineni et al. 2002). No hand-written BLEU: the numbers are sacrebleu's, with its
    default exponential smoothing and the given tokenisation (``"13a"``, sacrebleu's
    default, the mteval tokeniser; lower-case word sentences without punctuation pass
    through it unchanged). Only the tokenisers that need nothing from the network are
    accepted: ``"13a"``, ``"none"``, ``"intl"`` and ``"char"``.

    Parameters
    ----------
    hypotheses : sequence of str
        N generated sentences.
    references : sequence of sequence of str
        For each hypothesis, its reference sentences (the same number for all).

    Returns
    -------
    dict
        ``{"BLEU-1": ..., ..., "BLEU-n": ...}``, floats in [0, 100].
    """
    from sacrebleu.metrics import BLEU

    hyps = list(hypotheses)
    refs = [list(r) for r in references]
    if len(hyps) != len(refs) or not hyps:
        raise ValueError(
            f"hypotheses and references must be non-empty and of the same length; "
            f"got {len(hyps)} and {len(refs)}"
        )
    n_refs = {len(r) for r in refs}
    if len(n_refs) != 1 or 0 in n_refs:
        raise ValueError(f"every hypothesis needs the same number (>= 1) of references; got {sorted(n_refs)}")
    check_int("max_order", max_order, minimum=1, maximum=4)
    check_choice("tokenize", tokenize, OFFLINE_TOKENIZERS)
    streams = [list(s) for s in zip(*refs)]  # sacrebleu wants one stream per reference index
    return {
        f"BLEU-{n}": float(BLEU(max_ngram_order=n, tokenize=tokenize).corpus_score(hyps, streams).score)
        for n in range(1, max_order + 1)
    }


def retrieval_ranks(scores: _np.ndarray, positives: _Sequence) -> _np.ndarray:
    """The rank (1 = first) of the best-ranked correct item for each query.

    Query q ranks all N items by ``scores[q]``, highest first; its rank is the position
    of the first item in ``positives[q]`` (ties broken against the query: an item with
    the same score as the correct one counts as ranked above it).

    Shapes
    ------
    scores: (Q, N); positives: Q collections of item indices -> ranks (Q,) int64.
    """
    scores = _np.asarray(scores, dtype=float)
    if scores.ndim != 2:
        raise ValueError(f"scores must have shape (Q, N); got {scores.shape}")
    if len(positives) != scores.shape[0]:
        raise ValueError(
            f"positives must have one entry per query (Q={scores.shape[0]}); got {len(positives)}"
        )
    ranks = _np.empty(scores.shape[0], dtype=_np.int64)
    for q, pos in enumerate(positives):
        pos = _np.atleast_1d(_np.asarray(pos, dtype=_np.int64))
        if pos.size == 0 or pos.min() < 0 or pos.max() >= scores.shape[1]:
            raise ValueError(f"positives[{q}] must hold indices in 0..{scores.shape[1] - 1}; got {pos}")
        best = scores[q, pos].max()
        others = _np.delete(scores[q], pos)
        ranks[q] = 1 + int((others >= best).sum())
    return ranks


def _check_ranks(ranks) -> _np.ndarray:
    r = _np.asarray(ranks)
    if r.size == 0:
        raise ValueError("ranks must not be empty")
    if r.dtype.kind not in "iuf" or r.dtype == bool:
        raise TypeError(f"ranks must be numbers (1-based ranks); got dtype {r.dtype}")
    if not _np.all(_np.isfinite(r)) or r.min() < 1 or not _np.all(r == _np.round(r)):
        raise ValueError(f"ranks must be whole numbers >= 1 (1 = first); got values from {r.min()} to {r.max()}")
    return r


def recall_at_k(ranks: _np.ndarray, k: int) -> float:
    """R@k in per cent: the share of queries whose correct item is among the first ``k``.

    ``ranks`` are 1-based ranks (1 = the correct item came first), as :func:`retrieval_ranks`
    returns them; anything else is refused.
    """
    check_int("k", k, minimum=1)
    ranks = _check_ranks(ranks)
    return float(100.0 * _np.mean(ranks <= k))


def median_rank(ranks: _np.ndarray) -> float:
    """Median of the ranks (the "Med r" column of retrieval tables; lower is better)."""
    ranks = _check_ranks(ranks)
    return float(_np.median(ranks))


def _check_captions(captions: _Sequence, sentences: _Sequence) -> tuple:
    caps = [set(c) for c in captions]
    sents = list(sentences)
    if not caps or not sents:
        raise ValueError(
            f"captions and sentences must not be empty; got {len(caps)} images and {len(sents)} sentences"
        )
    bad = [s for s in sents if not isinstance(s, str)]
    if bad:
        raise TypeError(f"sentences must be strings; got {type(bad[0]).__name__}")
    return caps, sents


def caption_positives(captions: _Sequence, sentences: _Sequence) -> tuple:
    """The correct items of both retrieval directions, judged by the text of the sentences.

    A sentence is correct for an image when its text is one of the image's captions,
    *whoever wrote it*: when two scenes share a caption, the sentence is correct for both,
    and identical sentences are always correct or wrong together. (Crediting only the
    sentences written for the image itself would score a retriever on which of several
    identical strings it puts first, a choice no scorer of text can make.)

    Parameters
    ----------
    captions : sequence of sequence of str
        The reference captions of each of K images.
    sentences : sequence of str
        The L candidate sentences (for example all captions of all K images, flattened).

    Returns
    -------
    annotation : list of numpy.ndarray
        For each image, the indices of the sentences that describe it (image annotation:
        an image queries the sentences).
    search : list of numpy.ndarray
        For each sentence, the indices of the images it describes (image search: a
        sentence queries the images).

    Shapes
    ------
    captions: K collections; sentences: L strings -> K and L index arrays, to pass as
    ``positives`` to :func:`retrieval_ranks` with scores (K, L) and (L, K).
    """
    caps, sents = _check_captions(captions, sentences)
    match = _np.array([[s in c for s in sents] for c in caps], dtype=bool)  # (K, L)
    annotation = [_np.flatnonzero(row) for row in match]
    search = [_np.flatnonzero(col) for col in match.T]
    for name, pos in (("image", annotation), ("sentence", search)):
        empty = [q for q, p in enumerate(pos) if p.size == 0]
        if empty:
            raise ValueError(
                f"every {name} needs at least one correct match; {name} {empty[0]} has none"
            )
    return annotation, search


def perfect_scores(captions: _Sequence, sentences: _Sequence) -> _np.ndarray:
    """The scores of a perfect scorer of text: 1 where a sentence is a caption of the image,
    0 elsewhere.

    Ranking these with :func:`retrieval_ranks` gives the ceiling of a retrieval protocol on
    a given test set: the best that any scorer that sees the sentences only as text can
    reach.

    Shapes
    ------
    captions: K collections of str; sentences: L strings -> (K, L) float.
    """
    caps, sents = _check_captions(captions, sentences)
    return _np.array([[float(s in c) for s in sents] for c in caps])  # (K, L)


def retrieval_summary(ranks: _np.ndarray, ks: _Sequence = (1, 5, 10)) -> dict:
    """R@k (per cent) for each k in ``ks`` and the median rank: one row of a retrieval table.

    Shapes
    ------
    ranks: (Q,) -> ``{"R@1": ..., "R@5": ..., "R@10": ..., "Med r": ...}``.
    """
    row = {f"R@{k}": recall_at_k(ranks, k) for k in ks}
    row["Med r"] = median_rank(ranks)
    return row
