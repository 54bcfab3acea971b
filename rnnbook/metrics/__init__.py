"""Metrics used across the book, one module per kind of task.

- :mod:`~rnnbook.metrics.sequence`: edit distance, character error rate, sequence accuracy.
- :mod:`~rnnbook.metrics.captioning`: BLEU, retrieval ranks, recall@k, median rank.
- :mod:`~rnnbook.metrics.prediction`: bits per character, MSE, accuracy.
"""

from .captioning import (bleu_scores, caption_positives, median_rank, perfect_scores, recall_at_k,
                         retrieval_ranks, retrieval_summary)
from .prediction import accuracy, bits_per_character, mse, mse_vs_baseline
from .sequence import character_error_rate, edit_distance, sequence_accuracy

__all__ = [
    "edit_distance",
    "character_error_rate",
    "sequence_accuracy",
    "bleu_scores",
    "retrieval_ranks",
    "recall_at_k",
    "median_rank",
    "caption_positives",
    "perfect_scores",
    "retrieval_summary",
    "bits_per_character",
    "mse",
    "mse_vs_baseline",
    "accuracy",
]
