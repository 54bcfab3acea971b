"""rnnbook.classic.automata: DFAs, counting and sampling, Hopcroft minimisation, equivalence."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from rnnbook.classic import DFA


def parity_dfa_redundant() -> DFA:
    # even number of 1s, written with 4 states (two copies of each parity) and one unreachable
    t = np.array([[1, 2], [0, 3], [3, 0], [2, 1], [0, 0]])
    return DFA(t, np.array([True, True, False, False, True]), 0, "01")


def test_run_and_accepts():
    d = parity_dfa_redundant()
    assert d.accepts("") and d.accepts("11") and not d.accepts("010")
    assert d.run("1") == 2


def test_minimize_merges_equivalent_states():
    m = parity_dfa_redundant().minimize()
    assert m.n_states == 2
    for L in range(7):
        for s in map("".join, itertools.product("01", repeat=L)):
            assert m.accepts(s) == (s.count("1") % 2 == 0)


def test_minimize_keeps_a_minimal_dfa_and_is_canonical():
    d = DFA(np.array([[0, 1], [2, 0], [1, 2]]), np.array([True, False, False]))  # binary numbers mod 3
    m = d.minimize()
    assert m.n_states == 3 and m.equivalent(d)[0]
    perm = DFA(np.array([[1, 0], [0, 2], [2, 1]]), np.array([False, False, True]), start=2)  # relabelled
    assert np.array_equal(perm.minimize().transitions, m.transitions)


def test_equivalence_gives_shortest_counterexample():
    even = DFA(np.array([[0, 1], [1, 0]]), np.array([True, False]))
    all_ = DFA(np.array([[0, 0]]), np.array([True]))
    ok, witness = even.equivalent(all_)
    assert not ok and witness == "1"
    assert even.equivalent(parity_dfa_redundant()) == (True, None)


def test_counting_and_uniform_sampling():
    even = DFA(np.array([[0, 1], [1, 0]]), np.array([True, False]))
    assert even.count_strings(5) == 16 and even.count_strings(5, accepted=False) == 16
    rng = np.random.default_rng(0)
    samples = [even.sample(4, True, rng) for _ in range(800)]
    assert all(s.count("1") % 2 == 0 and len(s) == 4 for s in samples)
    counts = np.array([samples.count(s) for s in set(samples)])
    assert len(counts) == 8 and counts.min() > 60  # all 8 strings, roughly uniformly
    ones = DFA(np.array([[1, 0], [1, 1]]), np.array([True, False]))
    assert ones.sample(3, True, rng) == "111"
    assert DFA(np.array([[0, 0]]), np.array([True])).sample(3, False, rng) is None


def test_rejections():
    with pytest.raises(ValueError, match="transitions must"):
        DFA(np.array([[0, 2]]), np.array([True]))
    with pytest.raises(ValueError, match="accepting must"):
        DFA(np.array([[0, 0]]), np.array([1]))
    with pytest.raises(ValueError, match="start must"):
        DFA(np.array([[0, 0]]), np.array([True]), start=True)
    with pytest.raises(ValueError, match="alphabet must"):
        DFA(np.array([[0, 0]]), np.array([True]), alphabet="00")
    d = parity_dfa_redundant()
    with pytest.raises(ValueError, match="only symbols"):
        d.accepts("012")
    with pytest.raises(TypeError, match="s must be a str"):
        d.accepts(101)
    with pytest.raises(TypeError, match="other must be a DFA"):
        d.equivalent("01")
    with pytest.raises(ValueError, match="length must"):
        d.count_strings(-1)

