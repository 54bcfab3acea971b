"""Tests for rnnbook.nn.rcl: the recurrent convolutional layer, the RCNN, parameter counts."""

from __future__ import annotations

import pytest
import torch

from rnnbook.nn.rcl import (
    RCNN,
    RecurrentConvLayer,
    local_response_norm,
    rcnn_parameter_count,
    width_for_parameter_count,
)


def n_params(module):
    return sum(p.numel() for p in module.parameters())


@pytest.mark.parametrize("K, millions", [(96, 0.67), (128, 1.19), (160, 1.86)])
def test_parameter_counts_of_the_papers_cifar10_networks(K, millions):
    count = rcnn_parameter_count(K)
    assert round(count / 1e6, 2) == millions
    assert count == n_params(RCNN(in_channels=3, n_classes=10, channels=K, steps=3))


def test_parameter_count_does_not_depend_on_steps_and_matches_a_cnn():
    assert n_params(RCNN(channels=8, steps=1)) == n_params(RCNN(channels=8, steps=5))
    assert rcnn_parameter_count(8, recurrent=False) == n_params(RCNN(channels=8, steps=0))
    # by hand: first conv (25*3+1)*8, four convs (9*64+8), softmax 9*10
    assert rcnn_parameter_count(8, recurrent=False) == 608 + 4 * 584 + 90


def test_width_for_parameter_count_matches_an_rcnn():
    target = rcnn_parameter_count(16, in_channels=1)
    K = width_for_parameter_count(target, in_channels=1)
    here = rcnn_parameter_count(K, in_channels=1, recurrent=False)
    for other in (K - 1, K + 1):
        assert abs(here - target) <= abs(rcnn_parameter_count(other, in_channels=1, recurrent=False) - target)
    assert abs(here - target) / target < 0.1


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
    out, states = layer(u, return_states=True)
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


def test_rcnn_shapes_and_gradient_flow():
    torch.manual_seed(0)
    net = RCNN(in_channels=1, n_classes=10, channels=8, steps=2)
    x = torch.rand(3, 1, 12, 12)
    y = net(x)
    assert y.shape == (3, 10) and net.features(x).shape == (3, 8)
    y.sum().backward()
    assert all(p.grad is not None for p in net.parameters())


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="kernel_size must be odd"):
        RecurrentConvLayer(1, 2, kernel_size=2)
    with pytest.raises(ValueError, match="steps must be an integer >= 0"):
        RecurrentConvLayer(1, 2, steps=-1)
    with pytest.raises(ValueError, match=r"u must have shape \(B, C=1"):
        RecurrentConvLayer(1, 2)(torch.zeros(2, 3, 4, 4))
    with pytest.raises(ValueError, match=r"image must have shape"):
        RCNN(in_channels=1, channels=4)(torch.zeros(2, 3, 8, 8))
    with pytest.raises(ValueError, match="dropout"):
        RCNN(dropout=1.5)
    with pytest.raises(ValueError, match="channels must be an integer"):
        rcnn_parameter_count(0)
    with pytest.raises(ValueError, match="f must have shape"):
        local_response_norm(torch.zeros(3, 4), 3)


def test_unfolded_paths_have_every_depth_once():
    from rnnbook.nn.rcl import unfolded_paths

    paths = unfolded_paths(3)
    assert [len(p) - 1 for p in paths] == [1, 2, 3, 4]
    assert paths[0] == ["u", "x(3)"] and paths[-1] == ["u", "x(0)", "x(1)", "x(2)", "x(3)"]
    assert all(p[-1] == "x(3)" for p in paths)
    assert unfolded_paths(0) == [["u", "x(0)"]]


def test_rcnn_with_two_rcls_counts_and_runs():
    model = RCNN(1, 10, channels=8, steps=3, n_rcl=2, dropout=0.5)
    assert n_params(model) == rcnn_parameter_count(8, in_channels=1, n_rcl=2)
    model.eval()
    x = torch.randn(3, 1, 24, 24)
    torch.testing.assert_close(model(x), model(x))  # no dropout in evaluation mode
    model.train()
    torch.manual_seed(0)
    a = model.features(x)
    torch.manual_seed(1)
    assert not torch.equal(a, model.features(x))  # dropout between the RCLs in training
    with pytest.raises(ValueError, match="n_rcl"):
        RCNN(1, 10, channels=8, n_rcl=0)
