"""CTC decoding: the collapsing map, best path and prefix beam search, by hand and by brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from rnnbook.scratch import ctc_beam_search, ctc_collapse, ctc_greedy_decode, ctc_loss, log_softmax



def test_collapse_and_greedy_hand_worked():
    assert ctc_collapse([1, 1, 0, 2, 0, 0, 2]) == [1, 2, 2]
    assert ctc_collapse([0, 0, 0]) == []
    assert ctc_collapse([3, 3, 1, 1], blank=1) == [3]
    # argmax path: 1 1 0 2 2 -> [1, 2]
    p = np.array([[0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.1, 0.2, 0.7], [0.3, 0.1, 0.6]])
    assert ctc_greedy_decode(np.log(p)) == [1, 2]


def test_beam_search_beats_best_path_on_the_classic_example():
    """Two steps, y(-) = 0.6, y(a) = 0.4: best path is "--" (0.36), but "a" has
    p(a) = 0.4*0.6 + 0.6*0.4 + 0.4*0.4 = 0.64, so beam search answers [1]."""
    lp = np.log(np.array([[0.6, 0.4], [0.6, 0.4]]))
    assert ctc_greedy_decode(lp) == []
    assert ctc_beam_search(lp, beam_width=2) == [1]
    assert abs(np.exp(-ctc_loss(lp, [1])) - 0.64) < 1e-12
    assert ctc_beam_search(lp, beam_width=2, rescore=False) == [1]


@pytest.mark.parametrize("seed", range(25))
def test_beam_search_never_less_probable_than_greedy(seed):
    rng = np.random.default_rng(100 + seed)
    T, C = int(rng.integers(2, 12)), int(rng.integers(2, 5))
    lp = log_softmax(rng.normal(size=(T, C)) * rng.uniform(0.3, 3.0))
    greedy = ctc_greedy_decode(lp)
    for width in (1, 3):
        beam = ctc_beam_search(lp, beam_width=width, prune=np.log(1e-3))
        assert ctc_loss(lp, beam) <= ctc_loss(lp, greedy) + 1e-12


def test_beam_search_wide_beam_finds_the_most_probable_labelling():
    rng = np.random.default_rng(7)
    lp = log_softmax(rng.normal(size=(4, 3)))
    best = min(
        (ctc_loss(lp, list(z)), list(z))
        for U in range(5)
        for z in itertools.product([1, 2], repeat=U)
    )[1]
    assert ctc_beam_search(lp, beam_width=50) == best


def test_decoders_accept_logits_log_probs_and_probabilities():
    rng = np.random.default_rng(5)
    a = rng.normal(size=(12, 4)) * 2
    lp = log_softmax(a)
    assert ctc_greedy_decode(a) == ctc_greedy_decode(lp) == ctc_greedy_decode(np.exp(lp))
    assert ctc_beam_search(a, 4) == ctc_beam_search(lp, 4) == ctc_beam_search(a + 7.0, 4)
    assert ctc_greedy_decode(lp.astype(np.float32)) == ctc_greedy_decode(lp)


def test_decoders_reject_bad_scores():
    with pytest.raises(ValueError, match=r"scores must have shape \(T, C\)"):
        ctc_beam_search(np.zeros((3, 2, 2)), 2)
    bad = np.zeros((3, 3))
    bad[1, 1] = np.nan
    with pytest.raises(ValueError, match="nan"):
        ctc_greedy_decode(bad)
    with pytest.raises(TypeError, match="float array"):
        ctc_greedy_decode(np.zeros((3, 3), dtype=int))
    with pytest.raises(ValueError, match="beam_width must be an integer >= 1"):
        ctc_beam_search(np.zeros((3, 3)), True)
