"""Tests for rnnbook.nn.rcnn_baselines: the feed-forward baselines of the RCNN and their training."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.nn.rcnn import RCNN, rcnn_parameter_count
from rnnbook.nn.rcnn_baselines import (
    BASELINE_NAMES,
    ConvStack,
    deep_cnn,
    predict_labels,
    rcnn_and_baselines,
    train_classifier,
)


def n_params(module):
    return sum(p.numel() for p in module.parameters())


def test_conv_stack_has_depth_untied_layers():
    stack = ConvStack(2, 4, depth=3, lrn=False)
    assert len(stack.layers) == 3
    assert all(layer.recurrent is None for layer in stack.layers)
    # by hand: (9*2*4 + 4) + 2 * (9*4*4 + 4)
    assert n_params(stack) == 76 + 2 * 148
    assert stack(torch.randn(5, 2, 7, 7)).shape == (5, 4, 7, 7)


def test_conv_stack_rejects_zero_depth():
    with pytest.raises(ValueError, match="depth"):
        ConvStack(1, 4, depth=0)


@pytest.mark.parametrize("n_rcl", [2, 4])
def test_deep_cnn_is_as_deep_as_the_unfolded_rcnn(n_rcl):
    model = deep_cnn(1, 10, channels=6, depth=4, n_rcl=n_rcl)
    convs = [m for m in model.modules() if isinstance(m, torch.nn.Conv2d)]
    assert len(convs) == 1 + 4 * n_rcl  # first conv + (T + 1) per replaced RCL, T = 3
    # untied: the count of a plain CNN with 4 n_rcl layers
    assert n_params(model) == rcnn_parameter_count(6, in_channels=1, recurrent=False, n_rcl=4 * n_rcl)
    assert model(torch.randn(2, 1, 24, 24)).shape == (2, 10)


def test_rcnn_and_baselines_budgets():
    models = rcnn_and_baselines(8, 3, n_rcl=2, dropout=0.1)
    assert tuple(models) == BASELINE_NAMES
    rcnn, same, wide, deep = (models[k] for k in BASELINE_NAMES)
    assert n_params(rcnn) == rcnn_parameter_count(8, in_channels=1, n_rcl=2)
    assert n_params(same) == rcnn_parameter_count(8, in_channels=1, n_rcl=2, recurrent=False)
    assert abs(n_params(wide) - n_params(rcnn)) / n_params(rcnn) < 0.1
    assert wide.classifier.in_features > 8
    assert n_params(deep) == rcnn_parameter_count(8, in_channels=1, n_rcl=8, recurrent=False)
    assert all(m.dropout.p == 0.1 for m in models.values())


def test_rcnn_and_baselines_are_seeded():
    a = rcnn_and_baselines(4, 2, seed=3)["RCNN"]
    b = rcnn_and_baselines(4, 2, seed=3)["RCNN"]
    c = rcnn_and_baselines(4, 2, seed=4)["RCNN"]
    torch.testing.assert_close(a.stem.feedforward.weight, b.stem.feedforward.weight)
    assert not torch.equal(a.stem.feedforward.weight, c.stem.feedforward.weight)


@pytest.mark.parametrize("kwargs, match", [
    (dict(channels=0), "channels"), (dict(channels=4, steps=0), "steps"),
    (dict(channels=4, seed=-1), "seed"), (dict(channels=4, seed=True), "seed"),
])
def test_rcnn_and_baselines_rejects_bad_arguments(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        rcnn_and_baselines(**kwargs)


def test_predict_labels_and_its_rejections():
    model = RCNN(1, 10, channels=4, steps=1, n_rcl=2, dropout=0.5)
    model.train()
    images = np.random.default_rng(0).random((7, 1, 12, 12))
    labels = predict_labels(model, images, batch_size=3)
    assert labels.shape == (7,) and labels.dtype == np.int64
    assert model.training  # the mode is restored
    np.testing.assert_array_equal(labels, predict_labels(model, images))
    with pytest.raises(ValueError, match="images must have shape"):
        predict_labels(model, images[:, 0])


@pytest.mark.slow
def test_train_classifier_returns_history_and_accuracies():
    rng = np.random.default_rng(0)
    x = rng.random((40, 1, 12, 12)).astype(np.float32)
    y = rng.integers(0, 10, 40)
    model = RCNN(1, 10, channels=4, steps=1, n_rcl=2)
    history, train_acc, test_acc = train_classifier(model, (x, y), (x[:10], y[:10]), steps=3,
                                                    batch_size=8, progress=False)
    assert len(history.losses) == 3
    assert 0.0 <= train_acc <= 1.0 and 0.0 <= test_acc <= 1.0
    with pytest.raises(ValueError, match="train must be"):
        train_classifier(model, (x, y[:5]), (x, y), steps=1, progress=False)
    with pytest.raises(ValueError, match="test must be"):
        train_classifier(model, (x, y), (x[:, 0], y), steps=1, progress=False)
    with pytest.raises(ValueError, match="steps"):
        train_classifier(model, (x, y), (x, y), steps=0, progress=False)
    with pytest.raises(ValueError, match="warmup must be smaller than steps"):
        train_classifier(model, (x, y), (x, y), steps=3, warmup=3, progress=False)
    with pytest.raises(TypeError, match="cosine must be a bool"):
        train_classifier(model, (x, y), (x, y), steps=3, cosine=1, progress=False)


def test_warmup_and_cosine_schedule_of_the_learning_rate():
    from rnnbook.nn.rcnn_baselines import _WarmupCosineAdam

    w = torch.nn.Parameter(torch.zeros(2))
    opt = _WarmupCosineAdam([w], lr=1.0, total=10, warmup=4)
    rates = []
    for _ in range(10):
        rates.append(opt.param_groups[0]["lr"])
        w.grad = torch.ones(2)
        opt.step()
    assert rates[:4] == pytest.approx([0.25, 0.5, 0.75, 1.0])
    assert all(a >= b for a, b in zip(rates[3:], rates[4:]))
    assert opt.param_groups[0]["lr"] == pytest.approx(0.0, abs=1e-12)


def test_batch_norm_reaches_the_deep_cnn():
    models = rcnn_and_baselines(4, 2, n_rcl=2, batch_norm=True)
    for model in models.values():
        layers = [m for m in model.modules() if hasattr(m, "batch_norms")]
        assert layers and all(m.batch_norms is not None for m in layers)
