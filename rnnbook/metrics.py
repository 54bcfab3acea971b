"""Metrics used across the book."""

from __future__ import annotations

__all__: list = []


# Sequence-labelling metrics (chapters 7 and 8): edit distance, CER, sequence accuracy.
from typing import Sequence as _Sequence  # noqa: E402

import numpy as _np  # noqa: E402

__all__ += ["edit_distance", "character_error_rate", "sequence_accuracy"]


def edit_distance(reference: _Sequence, hypothesis: _Sequence) -> int:
    """Levenshtein distance: the fewest substitutions, deletions and insertions that turn
    ``hypothesis`` into ``reference`` (dynamic programming, one row at a time).

    ``edit_distance([1, 2, 3], [1, 3]) == 1``.

    Shapes
    ------
    reference: (U,), hypothesis: (V,) sequences of comparable items -> int.
    """
    ref, hyp = list(reference), list(hypothesis)
    row = list(range(len(hyp) + 1))  # distance from ref[:0] to each prefix of hyp
    for i, r in enumerate(ref, start=1):
        prev_diag, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            cost = prev_diag + (r != h)  # substitute (or match)
            prev_diag = row[j]
            row[j] = min(cost, row[j] + 1, row[j - 1] + 1)  # ... or delete, or insert
    return row[-1]


def _check_pairs(references: _Sequence, hypotheses: _Sequence) -> tuple:
    refs, hyps = list(references), list(hypotheses)
    if len(refs) != len(hyps):
        raise ValueError(
            f"references and hypotheses must have the same length; got {len(refs)} and {len(hyps)}"
        )
    if not refs:
        raise ValueError("references must not be empty")
    return refs, hyps


def character_error_rate(references: _Sequence, hypotheses: _Sequence) -> float:
    """Character error rate: total edit distance over total reference length.

    .. math:: \\mathrm{CER} = \\frac{\\sum_n \\mathrm{ED}(z_n, \\hat z_n)}{\\sum_n |z_n|}

    It can exceed 1 (insertions count). Shapes: N reference and N hypothesis sequences.
    """
    refs, hyps = _check_pairs(references, hypotheses)
    total = sum(len(r) for r in refs)
    if total == 0:
        raise ValueError("references must contain at least one label in total")
    return sum(edit_distance(r, h) for r, h in zip(refs, hyps)) / total


def sequence_accuracy(references: _Sequence, hypotheses: _Sequence) -> float:
    """Fraction of sequences read exactly right. Shapes: N and N sequences -> float."""
    refs, hyps = _check_pairs(references, hypotheses)
    return float(_np.mean([list(r) == list(h) for r, h in zip(refs, hyps)]))


# Captioning and retrieval metrics (chapter 10): BLEU through sacrebleu, recall@k, median rank.
__all__ += ["bleu_scores", "retrieval_ranks", "recall_at_k", "median_rank"]


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
    through it unchanged).

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
    if not isinstance(max_order, int) or not 1 <= max_order <= 4:
        raise ValueError(f"max_order must be an integer in 1..4; got {max_order!r}")
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


def recall_at_k(ranks: _np.ndarray, k: int) -> float:
    """R@k in per cent: the share of queries whose correct item is among the first ``k``."""
    if not isinstance(k, (int, _np.integer)) or k < 1:
        raise ValueError(f"k must be a positive integer; got {k!r}")
    ranks = _np.asarray(ranks)
    if ranks.size == 0:
        raise ValueError("ranks must not be empty")
    return float(100.0 * _np.mean(ranks <= k))


def median_rank(ranks: _np.ndarray) -> float:
    """Median of the ranks (the "Med r" column of retrieval tables; lower is better)."""
    ranks = _np.asarray(ranks)
    if ranks.size == 0:
        raise ValueError("ranks must not be empty")
    return float(_np.median(ranks))


__all__ += ["caption_positives", "perfect_scores", "retrieval_summary"]


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


# Language-model, regression and classification metrics (chapters 5 and 6).
__all__ += ["bits_per_character", "mse", "mse_vs_baseline", "accuracy"]


def bits_per_character(logits: _np.ndarray, targets: _np.ndarray) -> float:
    """Mean negative log2-probability of the target characters: bits per character.

    .. math:: \\mathrm{bpc} = -\\frac{1}{N} \\sum_{n=1}^{N} \\log_2 \\operatorname{softmax}(s_n)_{y_n}

    A model that predicts every one of V characters with probability 1/V scores
    :math:`\\log_2 V`; the cross-entropy loss in nats divided by :math:`\\ln 2` is the same number.

    Shapes
    ------
    logits : (..., V) unnormalised scores (NumPy or torch); targets : (...) integer codes.
    """
    s = _np.asarray(logits.detach().cpu() if hasattr(logits, "detach") else logits, dtype=_np.float64)
    y = _np.asarray(targets.detach().cpu() if hasattr(targets, "detach") else targets)
    if s.ndim < 1 or s.shape[:-1] != y.shape:
        raise ValueError(f"logits must have shape targets.shape + (V,) = {y.shape} + (V,); got {s.shape}")
    if y.size == 0:
        raise ValueError("targets must not be empty")
    if not _np.issubdtype(y.dtype, _np.integer) or y.min() < 0 or y.max() >= s.shape[-1]:
        raise ValueError(f"targets must be integer codes in 0..{s.shape[-1] - 1}; got dtype {y.dtype}")
    s = s.reshape(-1, s.shape[-1])  # (N, V)
    y = y.reshape(-1)  # (N,)
    m = s.max(axis=1, keepdims=True)
    log_z = m[:, 0] + _np.log(_np.exp(s - m).sum(axis=1))  # log-sum-exp, (N,)
    nats = log_z - s[_np.arange(len(y)), y]
    return float(nats.mean() / _np.log(2.0))


def _pair(name_a: str, a, name_b: str, b) -> tuple:
    a = _np.asarray(a.detach().cpu() if hasattr(a, "detach") else a, dtype=_np.float64)
    b = _np.asarray(b.detach().cpu() if hasattr(b, "detach") else b, dtype=_np.float64)
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same shape; got {a.shape} and {b.shape}")
    if a.size == 0:
        raise ValueError(f"{name_a} must not be empty")
    return a, b


def mse(prediction, target) -> float:
    """Mean squared error :math:`\\frac1N \\sum_n (\\hat y_n - y_n)^2`. Shapes: equal shapes -> float."""
    p, y = _pair("prediction", prediction, "target", target)
    return float(_np.mean((p - y) ** 2))


def mse_vs_baseline(prediction, target, baseline) -> tuple:
    """MSE of a model, MSE of a trivial baseline, and their ratio (below 1: the model is better).

    ``baseline`` holds the baseline's predictions (for example the last observed value:
    persistence; or a constant). Shapes: three arrays of equal shape -> ``(mse, mse_baseline,
    ratio)``.
    """
    p, y = _pair("prediction", prediction, "target", target)
    q, _ = _pair("baseline", baseline, "target", target)
    model, base = float(_np.mean((p - y) ** 2)), float(_np.mean((q - y) ** 2))
    if base == 0.0:
        raise ValueError("baseline must not be perfect (its MSE is 0, so the ratio is undefined)")
    return model, base, model / base


def accuracy(prediction, target) -> float:
    """Share of positions where ``prediction`` equals ``target`` (labels or booleans).

    Shapes: equal shapes -> float in [0, 1].
    """
    p = _np.asarray(prediction.detach().cpu() if hasattr(prediction, "detach") else prediction)
    y = _np.asarray(target.detach().cpu() if hasattr(target, "detach") else target)
    if p.shape != y.shape:
        raise ValueError(f"prediction and target must have the same shape; got {p.shape} and {y.shape}")
    if p.size == 0:
        raise ValueError("prediction must not be empty")
    return float(_np.mean(p == y))
