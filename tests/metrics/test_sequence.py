"""rnnbook.metrics.sequence: edit distance, character error rate, sequence accuracy."""

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
