"""Tests of rnnbook.scratch.recall_training: the experiments of chapter 3."""

import numpy as np
import pytest

from rnnbook.scratch import RNN, Linear
from rnnbook.scratch.recall_training import es_against_bptt, recall_accuracy, train_recall


def test_recall_accuracy_counts_masked_steps():
    rnn, out = RNN(1, 3, seed=0), Linear(3, 2, seed=1)
    out.params["weight"][...] = 0.0
    out.params["bias"][...] = [1.0, 0.0]  # always predicts class 0
    x = np.zeros((4, 2, 1))
    labels = np.array([[0, 1], [0, 0], [1, 1], [0, 1]])
    mask = np.array([[True, True], [False, False], [True, False], [True, True]])
    assert recall_accuracy(rnn, out, x, labels, mask) == pytest.approx(2 / 5)


def test_train_recall_learns_with_full_bptt_and_repeats():
    a = train_recall(None, lag=1, T=8, steps=60, n_val=100)
    assert a > 0.9
    assert a == train_recall(None, lag=1, T=8, steps=60, n_val=100)


def test_train_recall_truncation_below_lag_falls_short_of_full_bptt():
    assert train_recall(2, lag=4, T=12, steps=60, n_val=200) < 0.8
    assert train_recall(None, lag=4, T=12, steps=60, n_val=200) > 0.95


def test_es_against_bptt_counts_its_budget():
    c = es_against_bptt(budget=200, T=6, n_train=16)
    assert c.step_cost == 3.0  # D = 1, H = 8, C = 2: (88 + 176) / 88
    assert c.n_params == 8 * 1 + 8 * 8 + 8 + 8 + 2 * 8 + 2
    assert len(c.bptt_losses) == 66 and c.bptt_evaluations[-1] == 198.0
    assert c.es.n_evaluations <= 200
    es_to, bptt_to = c.evaluations_to(10.0)
    assert es_to == 1.0 and bptt_to == 3.0
    assert c.evaluations_to(-1.0) == (float("inf"), float("inf"))


@pytest.mark.parametrize("kwargs, match", [
    ({"k": 0}, "k \\(or None\\) must be an integer >= 1"),
    ({"k": None, "lag": 0}, "lag must be an integer >= 1"),
    ({"k": 2, "steps": 1.5}, "steps must be an integer >= 1"),
])
def test_train_recall_rejects(kwargs, match):
    k = kwargs.pop("k")
    with pytest.raises(ValueError, match=match):
        train_recall(k, **kwargs)


def test_es_against_bptt_rejects():
    with pytest.raises(ValueError, match="budget must be an integer >= 1"):
        es_against_bptt(budget=0)


def test_clipping_run_bounds_nothing_but_the_step():
    from rnnbook.scratch.recall_training import clipping_run

    raw, n_raw = clipping_run(None, steps=5, T=10, hidden_size=8)
    clipped, n_clip = clipping_run(1.0, steps=5, T=10, hidden_size=8)
    assert raw.shape == n_raw.shape == (5,)
    assert raw[0] == clipped[0] and n_raw[0] == n_clip[0]  # same start, same first batch
    with pytest.raises(ValueError, match="clip must be a positive number or None; got 0"):
        clipping_run(0)
