"""Tests of rnnbook.classic.teacher_forcing: the circle data, the two losses, the free run."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.classic.jordan import JordanNetwork
from rnnbook.classic.teacher_forcing import (
    circle_sequences, free_running_loss, run_free, teacher_forcing_loss,
)


def make_rotation_net(period=8.0):
    """A Jordan network set by hand to rotate its (fed-back) output by 2 pi / period.

    With tanh hidden units kept in their linear range (scale eps), y_t = R s_t exactly up
    to O(eps^2): W_sh = eps R, W_hy = I / eps.
    """
    eps, w = 1e-4, 2 * np.pi / period
    rot = torch.tensor([[np.cos(w), np.sin(w)], [-np.sin(w), np.cos(w)]], dtype=torch.float64)
    net = JordanNetwork(1, 2, 2, nonlinearity="tanh", output_activation="identity").double()
    with torch.no_grad():
        net.W_xh.zero_()
        net.W_sh.copy_(eps * rot)
        net.W_hy.copy_(torch.eye(2, dtype=torch.float64) / eps)
        net.b_h.zero_()
        net.b_y.zero_()
    return net


def test_circle_sequences_turn_once_per_period():
    u = circle_sequences(3, 16, period=8, seed=0)
    assert u.shape == (17, 3, 2) and u.dtype == torch.float32
    torch.testing.assert_close(u.norm(dim=-1), torch.ones(17, 3))
    torch.testing.assert_close(u[8], u[0], atol=1e-5, rtol=0)
    assert not torch.allclose(u[4], u[0], atol=0.1)
    torch.testing.assert_close(circle_sequences(3, 4, seed=0), circle_sequences(3, 4, seed=0))


def test_a_rotation_generates_the_circle_free_and_forced():
    net = make_rotation_net(period=8.0)
    u = circle_sequences(5, 40, period=8, seed=1).double()
    assert teacher_forcing_loss(net, u).item() < 1e-6
    assert free_running_loss(net, u).item() < 1e-6
    errors = run_free(net, u)
    assert errors.shape == (40,) and errors.max() < 1e-6


def test_teacher_forcing_feeds_the_targets_and_cuts_the_gradient_through_time():
    torch.manual_seed(0)
    net = JordanNetwork(1, 4, 2, nonlinearity="tanh", output_activation="identity").double()
    u = circle_sequences(3, 6, seed=2).double()
    x = torch.zeros(6, 3, 1, dtype=torch.float64)
    y, h = net(x, u[0], teacher=u[1:])
    # every step is the feed-forward network applied to the true previous point
    prev = u[:-1]  # (T, B, 2)
    h_direct = torch.tanh(prev @ net.W_sh.T + net.b_h)
    torch.testing.assert_close(h, h_direct)
    torch.testing.assert_close(y, h_direct @ net.W_hy.T + net.b_y)
    # free running differs once the outputs differ from the targets
    y_free, _ = net(x, u[0])
    torch.testing.assert_close(y_free[0], y[0])
    assert not torch.allclose(y_free[1:], y[1:])


def test_validation():
    net = JordanNetwork(1, 3, 2, nonlinearity="tanh", output_activation="identity")
    with pytest.raises(ValueError, match=r"u must be a tensor of shape \(T \+ 1, B, C=2\) with T >= 1; got \(1, 4, 2\)"):
        teacher_forcing_loss(net, torch.zeros(1, 4, 2))
    with pytest.raises(TypeError, match="model must be a JordanNetwork with output_activation='identity'"):
        free_running_loss(JordanNetwork(1, 3, 2), torch.zeros(3, 4, 2))
    with pytest.raises(ValueError, match="T must be an integer >= 1; got 0"):
        circle_sequences(2, 0)
    with pytest.raises(ValueError, match="period must be a number greater than 1; got 1"):
        circle_sequences(2, 3, period=1)
    with pytest.raises(ValueError, match=r"teacher must be a tensor of shape \(T=3, B=4, C=2\); got \(3, 4, 1\)"):
        net(torch.zeros(3, 4, 1), teacher=torch.zeros(3, 4, 1))
