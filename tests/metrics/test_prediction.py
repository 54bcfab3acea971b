"""rnnbook.metrics.prediction: bits per character, MSE against a baseline, accuracy."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.metrics import accuracy, bits_per_character, mse, mse_vs_baseline


def test_bits_per_character_by_hand():
    import numpy as np
    import torch

    # uniform over 4 characters: 2 bits each
    assert bits_per_character(np.zeros((3, 4)), np.array([0, 1, 3])) == pytest.approx(2.0)
    # equals PyTorch's cross-entropy in nats divided by ln 2
    logits, targets = torch.randn(5, 2, 7), torch.randint(0, 7, (5, 2))
    nats = torch.nn.functional.cross_entropy(logits.reshape(-1, 7), targets.reshape(-1)).item()
    assert bits_per_character(logits, targets) == pytest.approx(nats / np.log(2), rel=1e-6)
    # a confident correct model scores near 0
    assert bits_per_character(np.array([[50.0, 0.0]]), np.array([0])) < 1e-10


def test_mse_and_baseline():
    assert mse([1.0, 2.0], [1.0, 4.0]) == 2.0
    m, b, r = mse_vs_baseline([1.0, 2.0], [1.0, 4.0], [0.0, 0.0])
    assert (m, b, r) == (2.0, 8.5, 2.0 / 8.5)
    assert accuracy([1, 2, 3, 4], [1, 2, 0, 4]) == 0.75


def test_new_metric_errors():
    import numpy as np

    with pytest.raises(ValueError, match=r"logits must have shape targets.shape \+ \(V,\)"):
        bits_per_character(np.zeros((3, 4)), np.zeros(2, dtype=int))
    with pytest.raises(ValueError, match="integer codes in 0..3"):
        bits_per_character(np.zeros((2, 4)), np.array([0, 4]))
    with pytest.raises(ValueError, match="same shape"):
        mse([1.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="baseline must not be perfect"):
        mse_vs_baseline([1.0], [1.0], [1.0])
    with pytest.raises(ValueError, match="same shape"):
        accuracy([1], [1, 2])


def test_accuracy_refuses_scores_where_labels_go():
    with pytest.raises(TypeError, match="prediction must hold labels .* not scores; got dtype float64"):
        accuracy([0.9, 0.2], [1, 0])
    with pytest.raises(TypeError, match="target must hold labels"):
        accuracy([1, 0], np.array([1.0, 0.0]))
    assert accuracy(np.array([True, False]), np.array([True, True])) == 0.5


def test_mse_refuses_what_is_not_finite_numbers():
    with pytest.raises(TypeError, match="prediction must hold numbers; got NoneType"):
        mse(None, None)
    with pytest.raises(ValueError, match="target must hold finite values only"):
        mse([1.0, 2.0], [1.0, float("nan")])
    with pytest.raises(TypeError, match="baseline must hold numbers"):
        mse_vs_baseline([1.0], [1.0], ["a"])
