"""Lexicon-constrained CTC decoding: always a word, the exact optimum with a wide beam, clear errors."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.scratch import ctc_lexicon_decode, ctc_loss, lexicon_prefixes, log_softmax


def test_prefixes_of_a_lexicon():
    words, prefixes = lexicon_prefixes([[1, 2], [1, 3, 3], [1, 2]])
    assert words == [(1, 2), (1, 3, 3)]
    assert prefixes == {(), (1,), (1, 2), (1, 3), (1, 3, 3)}


@pytest.mark.parametrize("seed", range(10))
def test_wide_beam_finds_the_most_probable_word(seed):
    rng = np.random.default_rng(seed)
    C, T = 5, 9
    lexicon = [list(rng.integers(1, C, size=rng.integers(1, 4))) for _ in range(6)]
    scores = rng.normal(size=(T, C)) * 2                     # logits: normalised inside
    lp = log_softmax(scores)
    best = min(lexicon, key=lambda w: ctc_loss(lp, w))
    found = ctc_lexicon_decode(scores, lexicon, beam_width=50)
    assert found in lexicon
    assert np.isclose(ctc_loss(lp, found), ctc_loss(lp, best))


def test_lexicon_overrides_the_best_path():
    # the best path reads 1 2 1, which is not a word; the lexicon knows 1 2 and 2 1
    p = np.array([[0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.2, 0.7, 0.1]])
    assert ctc_lexicon_decode(np.log(p), [[1, 2], [2, 1]], beam_width=4) == [1, 2]


def test_narrow_beam_still_returns_a_word():
    rng = np.random.default_rng(0)
    lexicon = [[1, 1, 1, 1], [2]]
    scores = rng.normal(size=(8, 3))
    assert ctc_lexicon_decode(scores, lexicon, beam_width=1) in lexicon


def test_prebuilt_prefixes_give_the_same_answer():
    rng = np.random.default_rng(1)
    lexicon = [[1, 2, 3], [3, 2, 1], [2, 2]]
    scores = rng.normal(size=(10, 4))
    assert ctc_lexicon_decode(scores, lexicon_prefixes(lexicon)) == ctc_lexicon_decode(scores, lexicon)


@pytest.mark.parametrize(
    "lexicon,kwargs,match",
    [
        ([], {}, "lexicon must hold at least one word"),
        ([[1], []], {}, "lexicon entry 1 must be a non-empty"),
        ([[1, 0]], {}, "other than the blank 0"),
        ([[1, 4]], {}, r"classes in \[0, C=3\)"),
        ([[1]], {"beam_width": 0}, "beam_width must be an integer >= 1"),
        ([[1]], {"blank": 3}, r"blank must be a class index in \[0, C=3\)"),
    ],
)
def test_bad_input(lexicon, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ctc_lexicon_decode(np.zeros((4, 3)), lexicon, **kwargs)
