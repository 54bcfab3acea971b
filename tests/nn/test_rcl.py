"""Tests for rnnbook.nn.rcl: the recurrent convolutional layer and local response normalisation."""

from __future__ import annotations

import pytest
import torch

from rnnbook.nn.rcl import RecurrentConvLayer, local_response_norm


@pytest.mark.parametrize("size", [1, 3, 5, 13])
def test_local_response_norm_matches_pytorch(size):
    f = torch.randn(2, 16, 5, 4, dtype=torch.float64)
    ours = local_response_norm(f, size, alpha=0.5, beta=0.75)
    ref = torch.nn.LocalResponseNorm(size, alpha=0.5, beta=0.75, k=1.0)(f)
    torch.testing.assert_close(ours, ref)


def test_rcl_unfolds_the_equations_by_hand():
    torch.manual_seed(0)
    layer = RecurrentConvLayer(2, 4, kernel_size=3, steps=3, lrn=True).double()
    u = torch.randn(1, 2, 5, 5, dtype=torch.float64)
    states = layer.states(u)
    out = states[-1]
    assert len(states) == 4 and out.shape == (1, 4, 5, 5)
    ff = torch.nn.functional.conv2d(u, layer.feedforward.weight, layer.feedforward.bias, padding=1)
    g = lambda z: local_response_norm(torch.relu(z), layer.lrn_size, layer.alpha, layer.beta)
    x = g(ff)
    torch.testing.assert_close(states[0], x)
    for t in range(1, 4):
        x = g(ff + torch.nn.functional.conv2d(x, layer.recurrent.weight, padding=1))
        torch.testing.assert_close(states[t], x)
    torch.testing.assert_close(out, x)


def test_rcl_with_zero_steps_is_a_plain_convolution():
    layer = RecurrentConvLayer(1, 3, steps=0, lrn=False)
    assert layer.recurrent is None
    u = torch.randn(2, 1, 6, 6)
    expected = torch.relu(layer.feedforward(u))
    torch.testing.assert_close(layer(u), expected)


def test_receptive_field_grows_with_steps():
    """A pixel's influence spreads one kernel radius further with each recurrent step."""
    torch.manual_seed(0)
    u = torch.zeros(1, 1, 15, 15)
    u[0, 0, 7, 7] = 1.0
    reach = []
    for T in range(4):
        layer = RecurrentConvLayer(1, 2, steps=T, lrn=False)
        with torch.no_grad():
            layer.feedforward.weight.fill_(0.1)
            layer.feedforward.bias.zero_()
            if layer.recurrent is not None:
                layer.recurrent.weight.fill_(0.1)
            out = layer(u)[0].abs().sum(0)
        rows = torch.nonzero(out.sum(1) > 0).flatten()
        reach.append(int(rows.max() - 7))
    assert reach == [1, 2, 3, 4]


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="kernel_size must be odd"):
        RecurrentConvLayer(1, 2, kernel_size=2)
    with pytest.raises(ValueError, match="steps must be an integer >= 0"):
        RecurrentConvLayer(1, 2, steps=-1)
    with pytest.raises(ValueError, match=r"u must have shape \(B, C=1"):
        RecurrentConvLayer(1, 2)(torch.zeros(2, 3, 4, 4))
    with pytest.raises(TypeError, match="batch_norm must be a bool"):
        RecurrentConvLayer(1, 2, batch_norm=1)
    with pytest.raises(ValueError, match="f must have shape"):
        local_response_norm(torch.zeros(3, 4), 3)


def test_unfolded_paths_have_every_depth_once():
    from rnnbook.nn.rcl import unfolded_paths

    paths = unfolded_paths(3)
    assert [len(p) - 1 for p in paths] == [1, 2, 3, 4]
    assert paths[0] == ["u", "x(3)"] and paths[-1] == ["u", "x(0)", "x(1)", "x(2)", "x(3)"]
    assert all(p[-1] == "x(3)" for p in paths)
    assert unfolded_paths(0) == [["u", "x(0)"]]


def test_batch_norm_has_one_normaliser_per_step_and_reuses_the_last():
    torch.manual_seed(0)
    layer = RecurrentConvLayer(2, 4, steps=2, lrn=False, batch_norm=True).double()
    assert len(layer.batch_norms) == 3
    u = torch.randn(6, 2, 5, 5, dtype=torch.float64)
    states = layer.states(u)
    out = states[-1]
    # in training mode each step's pre-activation is normalised over the minibatch
    ff = layer.feedforward(u)
    bn = lambda z: (z - z.mean((0, 2, 3), keepdim=True)) / torch.sqrt(
        z.var((0, 2, 3), unbiased=False, keepdim=True) + 1e-5)
    x = torch.relu(bn(ff))
    torch.testing.assert_close(states[0], x)
    for t in (1, 2):
        x = torch.relu(bn(ff + layer.recurrent(x)))
        torch.testing.assert_close(states[t], x)
    # unfolded beyond T (evaluation mode) the normaliser of step T is reused
    layer.eval()
    layer.steps = 4
    states = layer.states(u)
    assert len(states) == 5
    z4 = ff + layer.recurrent(states[3])
    torch.testing.assert_close(states[4], torch.relu(layer.batch_norms[2](z4)))
