"""Tests of rnnbook.scratch.rtrl: real-time recurrent learning."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.scratch import GRU, RNN, RTRL, rtrl


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_rtrl_equals_bptt(nonlinearity, rng):
    layer = RNN(3, 5, nonlinearity=nonlinearity, seed=2)
    x = rng.standard_normal((8, 3, 3))
    h0 = rng.standard_normal((3, 5))
    d = rng.standard_normal((8, 3, 5))
    out, cache = layer.forward(x, h0)
    _, bptt = layer.backward(d, cache)
    out_rtrl, grads = rtrl(layer, x, d, h0)
    np.testing.assert_allclose(out_rtrl, out, atol=1e-14)
    assert set(grads) == set(bptt)
    for k in bptt:
        np.testing.assert_allclose(grads[k], bptt[k], atol=1e-12)


def test_sensitivity_is_the_jacobian(rng):
    """P_t[b, k, i, j] = dh_t[b, k] / dW_hh[i, j], checked by central differences."""
    layer = RNN(2, 3, seed=0)
    x = rng.standard_normal((4, 1, 2))
    learner = RTRL(layer, 1)
    for t in range(4):
        learner.step(x[t])
    W = layer.params["weight_hh_l0"]
    eps = 1e-6
    for i, j in [(0, 1), (2, 2)]:
        W[i, j] += eps
        hp = layer.forward(x)[0][-1, 0]
        W[i, j] -= 2 * eps
        hm = layer.forward(x)[0][-1, 0]
        W[i, j] += eps
        np.testing.assert_allclose(learner.sensitivities["weight_hh_l0"][0, :, i, j], (hp - hm) / (2 * eps), atol=1e-8)


def test_errors():
    with pytest.raises(TypeError, match="layer must be a rnnbook.scratch.RNN; got GRU"):
        RTRL(GRU(2, 3), 1)
    learner = RTRL(RNN(2, 3), 2)
    with pytest.raises(ValueError, match=r"x_t must have shape \(B=2, D=2\); got \(1, 2\)"):
        learner.step(np.zeros((1, 2)))
    with pytest.raises(ValueError, match=r"d_output must have shape \(T=4, B=1, H=3\)"):
        rtrl(RNN(2, 3), np.zeros((4, 1, 2)), np.zeros((4, 1, 2)))
