"""Tests for rnnbook.nn.rcnn: the RCNN and its parameter count."""

from __future__ import annotations

import pytest
import torch

import rnnbook.nn
from rnnbook.nn.rcnn import RCNN, rcnn_parameter_count, width_for_parameter_count


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


def test_rcnn_shapes_and_gradient_flow():
    torch.manual_seed(0)
    net = RCNN(in_channels=1, n_classes=10, channels=8, steps=2)
    x = torch.rand(3, 1, 12, 12)
    y = net(x)
    assert y.shape == (3, 10) and net.features(x).shape == (3, 8)
    y.sum().backward()
    assert all(p.grad is not None for p in net.parameters())


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



def test_rcnn_errors_name_the_argument():
    with pytest.raises(ValueError, match=r"image must have shape"):
        RCNN(in_channels=1, channels=4)(torch.zeros(2, 3, 8, 8))
    with pytest.raises(ValueError, match="dropout"):
        RCNN(dropout=1.5)
    with pytest.raises(ValueError, match="channels must be an integer"):
        rcnn_parameter_count(0)
    with pytest.raises(ValueError, match="target must be an integer"):
        width_for_parameter_count(0)


def test_batch_norm_adds_two_parameters_per_map_layer_and_step():
    plain = RCNN(1, 10, channels=8, steps=3, n_rcl=2)
    normed = RCNN(1, 10, channels=8, steps=3, n_rcl=2, batch_norm=True)
    # stem: one step; each RCL: T + 1 = 4 steps; 2 K = 16 parameters each
    assert n_params(normed) - n_params(plain) == 16 * (1 + 2 * 4)
    assert normed(torch.randn(4, 1, 16, 16)).shape == (4, 10)


def test_public_names_stay_importable_from_rnnbook_nn():
    for name in ("RCNN", "rcnn_parameter_count", "width_for_parameter_count",
                 "RecurrentConvLayer", "local_response_norm", "unfolded_paths"):
        assert name in rnnbook.nn.__all__ and hasattr(rnnbook.nn, name)
