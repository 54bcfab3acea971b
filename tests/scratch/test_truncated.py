"""Tests of rnnbook.scratch.truncated: TBPTT(k1, k2)."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.scratch import GRU, LSTM, RNN, truncated_bptt


@pytest.mark.parametrize("cls", [RNN, LSTM, GRU])
@pytest.mark.parametrize("k1,k2", [(9, 9), (2, 9), (3, 12), (1, 9)])
def test_equals_bptt_when_truncation_covers_the_sequence(cls, k1, k2, rng):
    layer = cls(3, 4, seed=0)
    x = rng.standard_normal((9, 2, 3))
    d = rng.standard_normal((9, 2, 4))
    _, cache = layer.forward(x)
    _, full = layer.backward(d, cache)
    grads = truncated_bptt(layer, x, d, k1, k2)
    for k in full:
        np.testing.assert_allclose(grads[k], full[k], atol=1e-12)


def test_truncation_cuts_long_dependencies(rng):
    layer = RNN(2, 3, seed=0)
    x = rng.standard_normal((10, 1, 2))
    d = np.zeros((10, 1, 3))
    d[-1] = 1.0  # only the last step has an error
    # With k2 = 1, only the last step's input can get credit: the same as BPTT over x_T
    # alone from the true h_{T-1}.
    grads = truncated_bptt(layer, x, d, 1, 1)
    _, cache = layer.forward(x)
    _, last = layer.forward(x[-1:], **layer.state_at(cache, 9))
    _, expected = layer.backward(d[-1:], last)
    for k in grads:
        np.testing.assert_allclose(grads[k], expected[k], atol=1e-14)
    _, full = layer.backward(d, cache)
    assert np.abs(full["weight_hh_l0"] - grads["weight_hh_l0"]).max() > 1e-6


def test_matches_segment_sum_for_a_short_window(rng):
    layer = LSTM(2, 3, seed=1)
    x = rng.standard_normal((6, 2, 2))
    d = rng.standard_normal((6, 2, 3))
    grads = truncated_bptt(layer, x, d, 2, 3)
    _, cache = layer.forward(x)
    expected = layer.zero_grads()
    for end, start, prev in [(2, 0, 0), (4, 1, 2), (6, 3, 4)]:
        _, c = layer.forward(x[start:end], **layer.state_at(cache, start))
        dd = np.zeros((end - start, 2, 3))
        dd[prev - start :] = d[prev:end]
        g = layer.backward(dd, c)[1]
        for k in expected:
            expected[k] += g[k]
    for k in grads:
        np.testing.assert_allclose(grads[k], expected[k], atol=1e-14)


def test_errors():
    layer = RNN(2, 3)
    x, d = np.zeros((4, 1, 2)), np.zeros((4, 1, 3))
    with pytest.raises(ValueError, match="k2 must be at least k1=3"):
        truncated_bptt(layer, x, d, 3, 2)
    with pytest.raises(ValueError, match="k1 must be an integer >= 1; got 0"):
        truncated_bptt(layer, x, d, 0, 2)
    with pytest.raises(ValueError, match=r"d_output must have shape \(T=4, B=1, H=3\)"):
        truncated_bptt(layer, x, d[:3], 1, 2)
    with pytest.raises(TypeError, match="layer must be an RNN, LSTM or GRU"):
        truncated_bptt("rnn", x, d, 1, 2)
