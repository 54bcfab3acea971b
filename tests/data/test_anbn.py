"""rnnbook.data.anbn: the languages, near misses, prediction targets and acceptance."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data import (
    NEXT_SYMBOLS,
    accepts_by_prediction,
    anbn,
    anbn_dataset,
    anbn_next_sets,
    anbn_prediction_batch,
    encode_strings,
    is_anbn,
    near_misses,
)


def test_membership():
    assert anbn(3) == "aaabbb" and anbn(2, 3) == "aabbcc"
    assert is_anbn("aabb") and not is_anbn("aab") and not is_anbn("") and not is_anbn("abab")
    assert is_anbn("abc", 3) and not is_anbn("aabbc", 3)


@pytest.mark.parametrize("k", [2, 3])
def test_near_misses_are_negative(k):
    for n in range(1, 12):
        for s in near_misses(n, k, seed=n):
            assert not is_anbn(s, k)


def test_dataset_is_balanced():
    strings, labels, ns = anbn_dataset(range(1, 6), seed=0)
    assert len(strings) == len(labels) == len(ns)
    assert labels.sum() == len(labels) / 2
    assert all(is_anbn(s) == bool(l) for s, l in zip(strings, labels))


def test_next_sets_by_hand():
    t = anbn_next_sets(2)
    sym = lambda row: "".join(c for c, v in zip(NEXT_SYMBOLS, row) if v)  # noqa: E731
    assert [sym(r) for r in t] == ["ab", "ab", "b", "$"]
    assert [sym(r) for r in anbn_next_sets(2, 3)] == ["ab", "ab", "b", "c", "c", "$"]


def test_prediction_batch():
    x, y, mask = anbn_prediction_batch([1, 3])
    assert x.shape == (6, 2, 3) and y.shape == (6, 2, 4) and mask.shape == (6, 2)
    assert mask[:, 0].sum() == 2 and mask[:, 1].sum() == 6


def test_perfect_predictor_accepts_exactly_the_language():
    strings, labels, _ = anbn_dataset(range(1, 8), seed=1)
    x, _ = encode_strings(strings)
    probs = np.zeros((x.shape[0], len(strings), 4))
    for b, s in enumerate(strings):  # the ideal predictor: reads the prefix and counts
        for t in range(len(s)):
            p = s[: t + 1]
            na, nb = p.count("a"), p.count("b")
            if p == "a" * na:
                probs[t, b, [0, 1]] = 1
            elif p == "a" * na + "b" * nb and nb < na:
                probs[t, b, 1] = 1
            elif p == "a" * na + "b" * nb and nb == na:
                probs[t, b, 3] = 1
    assert np.array_equal(accepts_by_prediction(probs, strings), labels == 1)


def test_errors():
    with pytest.raises(ValueError, match="k must be 2"):
        anbn(2, 4)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        anbn(0)
    with pytest.raises(ValueError, match="must use only the symbols"):
        encode_strings(["abd"])
    with pytest.raises(ValueError, match=r"probs must have shape \(T, B=1, 4\)"):
        accepts_by_prediction(np.zeros((2, 2, 4)), ["ab"])
