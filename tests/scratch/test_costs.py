"""Tests of rnnbook.scratch.costs: counted multiply-adds match the products the code performs."""

import numpy as np
import pytest

from rnnbook.scratch import RNN, Linear, sequence_cross_entropy
from rnnbook.scratch.costs import bptt_macs, bptt_stored, forward_macs, rtrl_macs


@pytest.fixture
def count_dot(monkeypatch):
    """Count the multiply-adds of every np.dot call (the products RNN and Linear perform)."""
    counter = {"macs": 0}
    real_dot = np.dot

    def dot(a, b, out=None):
        a, b = np.asarray(a), np.asarray(b)
        counter["macs"] += a.size * (b.shape[-1] if b.ndim > 1 else 1)
        return real_dot(a, b) if out is None else real_dot(a, b, out=out)

    monkeypatch.setattr(np, "dot", dot)
    return counter


def test_forward_and_bptt_counts_match_the_code(count_dot):
    T, B, D, H, C = 5, 3, 2, 4, 3
    rnn, out = RNN(D, H, seed=0), Linear(H, C, seed=1)
    x = np.random.default_rng(0).standard_normal((T, B, D))
    out.forward(rnn.forward(x)[0])
    assert count_dot["macs"] == forward_macs(T, B, D, H, C)
    count_dot["macs"] = 0
    labels = np.zeros((T, B), dtype=np.int64)
    sequence_cross_entropy(rnn, out, x, labels)
    assert count_dot["macs"] == forward_macs(T, B, D, H, C) + bptt_macs(T, B, D, H, C)


def test_hand_worked_counts():
    # the evolution-strategy network of chapter 3: D = 1, H = 8, C = 2; a step of BPTT costs 3 forward passes
    assert forward_macs(20, 64, 1, 8, 2) == 20 * 64 * 88
    assert (forward_macs(20, 64, 1, 8, 2) + bptt_macs(20, 64, 1, 8, 2)) == 3 * forward_macs(20, 64, 1, 8, 2)
    # RTRL, one step of one sequence, H = 2, D = 1: M = 2 + 4 + 2 = 8 parameters
    assert rtrl_macs(1, 1, 1, 2) == 2 * 3 + 4 * 8 + 2 * 8
    assert rtrl_macs(10, 4, 2, 64) > 1000 * bptt_macs(10, 4, 2, 64)


def test_stored_matches_the_cache():
    rnn = RNN(3, 5, seed=0)
    x = np.zeros((7, 2, 3))
    _, cache = rnn.forward(x)
    assert cache["x"].size + cache["h"].size == bptt_stored(7, 2, 3, 5) == 7 * 2 * 8 + 2 * 5


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "3"])
def test_rejects_bad_sizes(bad):
    with pytest.raises(ValueError, match="T must be an integer >= 1"):
        forward_macs(bad, 1, 1, 1)
    with pytest.raises(ValueError, match="H must be an integer >= 1"):
        bptt_stored(1, 1, 1, bad)
    with pytest.raises(ValueError, match="B must be an integer >= 1"):
        rtrl_macs(1, bad, 1, 1)


def test_rejects_negative_classes():
    with pytest.raises(ValueError, match="C"):
        bptt_macs(1, 1, 1, 1, -1)
