"""rnnbook.classic.extraction: automata read out of (stand-ins for) networks."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic import DFA, agreement, all_strings, extract_consistent_dfa, extract_dfa

EVEN_ONES = DFA(np.array([[0, 1], [1, 0]]), np.array([True, False]))


def test_extract_from_an_exact_automaton():
    # a "network" whose states are corners of the cube: parity in unit 0 (1 = even)
    def step(h, k):
        return h if k == 0 else 1.0 - h
    d = extract_dfa(step, lambda h: h[:, 0] > 0.5, np.array([1.0, 0.0]), "01", levels=2)
    assert d.n_states == 2 and d.minimize().equivalent(EVEN_ONES)[0]


def test_all_strings_and_agreement():
    assert all_strings("01", 2) == ["", "0", "1", "00", "01", "10", "11"]
    even = DFA(np.array([[0, 1], [1, 0]]), np.array([True, False]))
    assert agreement(even, lambda ss: [s.count("1") % 2 == 0 for s in ss], 6) == 1.0
    assert agreement(even, lambda ss: [True] * len(ss), 3) == 8 / 15
    with pytest.raises(ValueError, match="one verdict per string"):
        agreement(even, lambda ss: [True], 3)
    with pytest.raises(TypeError, match="dfa must be a DFA"):
        agreement("x", lambda ss: ss, 2)


def test_extract_consistent_dfa_picks_the_coarsest_grid():
    def step(h, k):
        return h if k == 0 else 1.0 - h

    def classify(ss):
        return [s.count("1") % 2 == 0 for s in ss]

    d, q, a = extract_consistent_dfa(step, lambda h: h[:, 0] > 0.5, np.array([0.9, 0.1]), classify)
    assert q == 2 and a == 1.0 and d.n_states == 2
    with pytest.raises(ValueError, match="levels must"):
        extract_consistent_dfa(step, lambda h: h[:, 0] > 0.5, np.array([0.9, 0.1]), classify, levels=())


def test_rejections():
    with pytest.raises(ValueError, match="levels must"):
        extract_dfa(lambda h, k: h, lambda h: h[:, 0] > 0.5, np.ones(2), levels=1)
    with pytest.raises(ValueError, match="max_states"):
        extract_dfa(lambda h, k: np.random.default_rng(int(h.sum() * 1e6)).random(h.shape),
                    lambda h: h[:, 0] > 0.5, np.full(6, 0.5), levels=4, max_states=5)
