"""rnnbook.metrics.captioning: BLEU, retrieval ranks, recall@k, caption positives."""

from __future__ import annotations

import numpy as np
import pytest

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
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
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
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        retrieval_summary(retrieval_ranks(S, own), ks=(0,))


def test_ranks_must_be_one_based_whole_numbers():
    from rnnbook.metrics import median_rank, recall_at_k, retrieval_summary

    for bad in ([0, 1], [1, -3], [1.5, 2], [1, float("nan")]):
        with pytest.raises(ValueError, match="ranks must be whole numbers >= 1"):
            recall_at_k(bad, 1)
        with pytest.raises(ValueError, match="ranks must be whole numbers >= 1"):
            median_rank(bad)
    with pytest.raises(TypeError, match="ranks must be numbers"):
        recall_at_k(["a", "b"], 1)
    with pytest.raises(ValueError, match="ranks must not be empty"):
        retrieval_summary([])
    assert recall_at_k(np.array([1.0, 3.0]), 2) == 50.0


def test_bleu_refuses_tokenizers_that_need_the_network():
    from rnnbook.metrics import bleu_scores

    with pytest.raises(ValueError, match="tokenize must be one of '13a', 'none', 'intl', 'char'; got 'spm'"):
        bleu_scores(["a b"], [["a b"]], tokenize="spm")
    with pytest.raises(ValueError, match=r"max_order must be an integer in \[1, 4\]; got 5"):
        bleu_scores(["a b"], [["a b"]], max_order=5)
