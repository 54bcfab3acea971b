"""rnnbook.classic.ngram: Kneser-Ney probabilities sum to one, hand-worked cases, errors."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic import KneserNeyLM, ngram_bits_per_character
from rnnbook.classic.ngram import _keys

RNG = np.random.default_rng(0)
TEXT = RNG.integers(0, 5, size=400)


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_distribution_sums_to_one_in_every_context(order):
    model = KneserNeyLM(TEXT, 6, order)  # code 5 never occurs: it still gets mass
    for ctx in ([0, 1, 2], [4, 4, 4], [5, 5, 5]):
        probs = [model.probabilities(np.r_[ctx, w], start=3)[0] for w in range(6)]
        assert np.isclose(sum(probs), 1.0)
        assert min(probs) > 0


def test_unigram_by_hand():
    # the highest order counts occurrences: codes 0, 0, 1 with V = 3 give c(0) = 2, c(1) = 1
    model = KneserNeyLM(np.array([0, 0, 1]), 3, 1, discounts=[0.5])
    p = model.probabilities(np.array([0, 1, 2]), start=0)
    # (max(c - D, 0) + D * N1+ * 1/V) / total, with N1+ = 2 seen types and total 3
    assert np.allclose(p, [(1.5 + 1 / 3) / 3, (0.5 + 1 / 3) / 3, (1 / 3) / 3])


def test_keys_are_base_v_digits():
    assert _keys(np.array([1, 2, 3]), 2, 10).tolist() == [12, 23]


def test_higher_orders_help_on_structured_text():
    text = np.tile(np.arange(7), 60)  # period 7: a bigram predicts it exactly
    bpc = ngram_bits_per_character(text[:300], text[300:], 7, orders=(1, 2, 3))
    assert bpc[1] > 2.5 and bpc[2] < 0.5 and bpc[3] < 0.5


def test_unseen_context_falls_back_to_lower_order():
    model = KneserNeyLM(np.array([0, 1, 0, 1, 0, 1]), 3, 2, discounts=[0.5, 0.5])
    # lower order: continuation counts from the bigrams (0, 1) and (1, 0): one each, total 2.
    # context 2 was never seen, so the bigram model passes p_1(0) through unchanged.
    p1 = (0.5 + 0.5 * 2 / 3) / 2
    assert np.isclose(model.probabilities(np.array([2, 0]))[0], p1)
    # a seen context mixes: after 1, the bigram (1, 0) was seen twice out of two
    assert np.isclose(model.probabilities(np.array([1, 0]))[0], (1.5 + 0.5 * 1 * p1) / 2)


def test_errors():
    with pytest.raises(ValueError, match="order must be an integer"):
        KneserNeyLM(TEXT, 5, 0)
    with pytest.raises(ValueError, match="order must be an integer"):
        KneserNeyLM(TEXT, 5, True)
    with pytest.raises(ValueError, match=r"codes must hold codes in \[0, 3\]"):
        KneserNeyLM(TEXT, 4, 2)
    with pytest.raises(ValueError, match="codes must be a 1-D array"):
        KneserNeyLM(TEXT.reshape(20, 20), 5, 2)
    with pytest.raises(ValueError, match="discounts must be 2 numbers"):
        KneserNeyLM(TEXT, 5, 2, discounts=[0.5])
    with pytest.raises(ValueError, match="start must be an integer"):
        KneserNeyLM(TEXT, 5, 3).probabilities(TEXT, start=1)
    with pytest.raises(ValueError, match="orders must hold"):
        ngram_bits_per_character(TEXT, TEXT, 5, orders=())
