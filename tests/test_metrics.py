"""Metrics: edit distance, character error rate, sequence accuracy."""

from __future__ import annotations

import itertools

import pytest

from rnnbook.metrics import character_error_rate, edit_distance, sequence_accuracy


@pytest.mark.parametrize(
    "a,b,d",
    [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0),
     ([1, 2, 3], [1, 3], 1), ([1, 2], [2, 1], 2), ("flaw", "lawn", 2)],
)
def test_edit_distance_by_hand(a, b, d):
    assert edit_distance(a, b) == d
    assert edit_distance(b, a) == d


def test_edit_distance_against_brute_force():
    """Over all short strings on {0, 1}: the distance is a metric and bounded by lengths."""
    words = [w for n in range(4) for w in itertools.product([0, 1], repeat=n)]
    for a, b in itertools.product(words, repeat=2):
        d = edit_distance(a, b)
        assert abs(len(a) - len(b)) <= d <= max(len(a), len(b))
        assert (d == 0) == (a == b)


def test_cer_and_sequence_accuracy():
    refs = [[1, 2, 3], [4, 5], [6]]
    hyps = [[1, 2, 3], [4], [7, 8]]
    assert character_error_rate(refs, hyps) == (0 + 1 + 2) / 6
    assert sequence_accuracy(refs, hyps) == 1 / 3


def test_errors():
    with pytest.raises(ValueError, match="same length; got 2 and 1"):
        character_error_rate([[1], [2]], [[1]])
    with pytest.raises(ValueError, match="must not be empty"):
        sequence_accuracy([], [])
    with pytest.raises(ValueError, match="at least one label"):
        character_error_rate([[]], [[1]])


# Bits per character, MSE against a baseline, accuracy (chapters 5 and 6).
from rnnbook.metrics import accuracy, bits_per_character, mse, mse_vs_baseline  # noqa: E402


def test_bits_per_character_by_hand():
    import numpy as np
    import torch

    # uniform over 4 characters: 2 bits each
    assert bits_per_character(np.zeros((3, 4)), np.array([0, 1, 3])) == pytest.approx(2.0)
    # equals PyTorch's cross-entropy in nats divided by ln 2
    logits, targets = torch.randn(5, 2, 7), torch.randint(0, 7, (5, 2))
    nats = torch.nn.functional.cross_entropy(logits.reshape(-1, 7), targets.reshape(-1)).item()
    assert bits_per_character(logits, targets) == pytest.approx(nats / np.log(2), rel=1e-6)
    # a confident correct model scores near 0
    assert bits_per_character(np.array([[50.0, 0.0]]), np.array([0])) < 1e-10


def test_mse_and_baseline():
    assert mse([1.0, 2.0], [1.0, 4.0]) == 2.0
    m, b, r = mse_vs_baseline([1.0, 2.0], [1.0, 4.0], [0.0, 0.0])
    assert (m, b, r) == (2.0, 8.5, 2.0 / 8.5)
    assert accuracy([1, 2, 3, 4], [1, 2, 0, 4]) == 0.75


def test_new_metric_errors():
    import numpy as np

    with pytest.raises(ValueError, match=r"logits must have shape targets.shape \+ \(V,\)"):
        bits_per_character(np.zeros((3, 4)), np.zeros(2, dtype=int))
    with pytest.raises(ValueError, match="integer codes in 0..3"):
        bits_per_character(np.zeros((2, 4)), np.array([0, 4]))
    with pytest.raises(ValueError, match="same shape"):
        mse([1.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="baseline must not be perfect"):
        mse_vs_baseline([1.0], [1.0], [1.0])
    with pytest.raises(ValueError, match="same shape"):
        accuracy([1], [1, 2])


# --- captioning and retrieval metrics (chapter 10) ---------------------------------------

def test_bleu_scores_are_sacrebleus():
    import sacrebleu

    from rnnbook.metrics import bleu_scores

    hyps = ["a one is above a two", "a three is to the left of a four"]
    refs = [["a one is above a two", "a two is below a one"],
            ["a four is to the right of a three", "a three on the left and a four on the right"]]
    scores = bleu_scores(hyps, refs)
    assert list(scores) == ["BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4"]
    expected = sacrebleu.corpus_bleu(hyps, [list(r) for r in zip(*refs)]).score
    assert scores["BLEU-4"] == pytest.approx(expected)
    assert scores["BLEU-1"] >= scores["BLEU-2"] >= scores["BLEU-3"] >= scores["BLEU-4"]
    assert bleu_scores(["a one is above a two"], [["a one is above a two"]])["BLEU-4"] == pytest.approx(100.0)
    # unigram precision by hand: every word of "a two a two" is in the reference, clipped
    # counts: "a" twice (reference has it twice), "two" once of twice -> 3/4; no brevity
    # penalty (4 words against a 4-word reference)
    assert bleu_scores(["a two a two"], [["a one a two"]], max_order=1)["BLEU-1"] == pytest.approx(75.0)


def test_bleu_scores_errors():
    from rnnbook.metrics import bleu_scores

    with pytest.raises(ValueError, match="same length"):
        bleu_scores(["a"], [["a"], ["b"]])
    with pytest.raises(ValueError, match="same number"):
        bleu_scores(["a", "b"], [["a"], ["b", "c"]])
    with pytest.raises(ValueError, match="max_order"):
        bleu_scores(["a"], [["a"]], max_order=5)


def test_retrieval_ranks_recall_and_median_by_hand():
    from rnnbook.metrics import median_rank, recall_at_k, retrieval_ranks
    import numpy as np

    scores = np.array([[0.9, 0.1, 0.5, 0.3],
                       [0.2, 0.8, 0.9, 0.1],
                       [0.4, 0.3, 0.2, 0.1]])
    # query 0: item 0 is first; query 1: items {0, 3} -> best is item 0 at rank 3;
    # query 2: item 3 is last, rank 4
    ranks = retrieval_ranks(scores, [[0], [0, 3], [3]])
    assert ranks.tolist() == [1, 3, 4]
    assert recall_at_k(ranks, 1) == pytest.approx(100 / 3)
    assert recall_at_k(ranks, 3) == pytest.approx(200 / 3)
    assert median_rank(ranks) == 3.0
    # a tie counts against the query
    assert retrieval_ranks(np.array([[1.0, 1.0]]), [[1]]).tolist() == [2]
    with pytest.raises(ValueError, match="positives must have one entry per query"):
        retrieval_ranks(scores, [[0]])
    with pytest.raises(ValueError, match=r"positives\[0\] must hold indices"):
        retrieval_ranks(scores, [[7], [0], [0]])
    with pytest.raises(ValueError, match="k must be a positive integer"):
        recall_at_k(ranks, 0)


def test_caption_positives_credit_identical_text():
    from rnnbook.metrics import caption_positives

    captions = [["a b", "c"], ["a b", "c"], ["d"]]  # scenes 0 and 1 share their captions
    sentences = ["a b", "c", "a b", "c", "d"]
    annotation, search = caption_positives(captions, sentences)
    assert [p.tolist() for p in annotation] == [[0, 1, 2, 3], [0, 1, 2, 3], [4]]
    assert [p.tolist() for p in search] == [[0, 1], [0, 1], [0, 1], [0, 1], [2]]
    with pytest.raises(ValueError, match="sentence 2 has none"):
        caption_positives(captions, ["a b", "d", "zzz"])
    with pytest.raises(ValueError, match="image 0 has none"):
        caption_positives(captions, ["d"])
    with pytest.raises(ValueError, match="must not be empty"):
        caption_positives([], sentences)
    with pytest.raises(TypeError, match="sentences must be strings"):
        caption_positives(captions, [3])


def test_perfect_scorer_ceiling_of_both_protocols():
    from rnnbook.metrics import (
        caption_positives, perfect_scores, recall_at_k, retrieval_ranks, retrieval_summary,
    )

    captions = [["a b", "c"], ["a b", "c"], ["d", "e"]]
    sentences = [s for refs in captions for s in refs]
    S = perfect_scores(captions, sentences)
    assert S.shape == (3, 6) and S.sum() == 10
    annotation, search = caption_positives(captions, sentences)
    # text-judged protocol: a perfect scorer is always first
    assert retrieval_summary(retrieval_ranks(S, annotation)) == {
        "R@1": 100.0, "R@5": 100.0, "R@10": 100.0, "Med r": 1.0}
    assert recall_at_k(retrieval_ranks(S.T, search), 1) == 100.0
    # own-captions-only protocol, ties against: scenes 0 and 1 tie with each other's captions
    own = [[0, 1], [2, 3], [4, 5]]
    assert retrieval_ranks(S, own).tolist() == [3, 3, 1]
    owner = [0, 0, 1, 1, 2, 2]
    assert retrieval_ranks(S.T, [[k] for k in owner]).tolist() == [2, 2, 2, 2, 1, 1]
    with pytest.raises(ValueError, match="k must be a positive integer"):
        retrieval_summary(retrieval_ranks(S, own), ks=(0,))
