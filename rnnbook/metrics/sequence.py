"""Sequence-labelling metrics (chapters 7 and 8): edit distance, character error rate,
sequence accuracy."""

from __future__ import annotations

from typing import Sequence as _Sequence

import numpy as _np

__all__ = ["edit_distance", "character_error_rate", "sequence_accuracy"]


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
