"""Tests of rnnbook.classic.temporal_xor: scoring by phase and position, training on one stream."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.classic.elman import ElmanNetwork
from rnnbook.classic.jordan import JordanNetwork, jordan_xor_solution
from rnnbook.classic.temporal_xor import (
    error_by_position, next_bit_errors, phase_errors, train_on_xor_stream, xor_loss,
)
from rnnbook.data.xor import xor_stream


def test_phase_errors_picks_the_predictions_of_the_third_bit():
    errors = np.array([0.3, 0.0, 0.2, 0.3, 0.0, 0.2, 0.3])  # predictions made on inputs 0..6
    assert phase_errors(errors) == (0.0, pytest.approx(0.26))
    # a stream that starts at the second bit of a triplet: inputs 0, 3, 6 are the b's
    assert phase_errors(errors, phase=1) == (pytest.approx(0.3), pytest.approx(0.1))


def test_error_by_position_is_the_rms_over_stretches():
    errors = np.array([9.0, 1.0, 0.0, 4.0, 1.0, 1.0, 16.0, 0.0])
    np.testing.assert_allclose(error_by_position(errors, window=3), np.sqrt([6.5, 1.0, 0.5]))
    np.testing.assert_allclose(error_by_position(errors, window=3, start=1), np.sqrt([1.0, 0.5, 10.0]))


def test_next_bit_errors_of_a_network_that_says_one_half():
    net = ElmanNetwork(1, 3, 1)
    with torch.no_grad():
        net.W_hy.zero_()
    bits = xor_stream(5, seed=0)
    errors = next_bit_errors(net, bits)
    assert errors.shape == (14,) and net.training
    np.testing.assert_allclose(errors, 0.25)


def test_the_hand_set_jordan_network_solves_the_task():
    net = jordan_xor_solution()
    bits = xor_stream(400, seed=3)
    third, other = phase_errors(next_bit_errors(net, bits, torch.full((1, 1), 0.5)))
    assert third < 1e-4  # the bit a was carried in the output's small deviation
    expected_other = 0.25 + (torch.sigmoid(torch.tensor(0.4)).item() - 0.5) ** 2 / 2
    assert other == pytest.approx(expected_other, abs=0.01)


def test_training_on_the_stream_runs_and_is_repeatable(one_thread):
    bits = xor_stream(50, seed=0)
    runs = [train_on_xor_stream(lambda: JordanNetwork(1, 3, 1), bits, steps=3, T=8, batch_size=4,
                                seed=2, progress=False) for _ in range(2)]
    assert runs[0].losses == runs[1].losses and len(runs[0].losses) == 3
    x = torch.zeros(5, 2, 1)
    assert xor_loss(runs[0].model, (x, x)).dim() == 0
    with pytest.raises(ValueError, match=r"y must have the shape of the logits model\(x\)\[0\], \(5, 2, 1\); got \(5, 2\)"):
        xor_loss(runs[0].model, (x, x[..., 0]))


def test_validation():
    with pytest.raises(ValueError, match="phase must be 0, 1 or 2; got 3"):
        phase_errors(np.zeros(6), phase=3)
    with pytest.raises(ValueError, match=r"errors must be a 1-D array of at least 3 steps; got shape \(2,\)"):
        phase_errors(np.zeros(2))
    with pytest.raises(ValueError, match=r"at least start \+ window = 14 steps; got shape \(13,\)"):
        error_by_position(np.zeros(13), window=12, start=2)
    with pytest.raises(ValueError, match="window must be an integer >= 1; got 0"):
        error_by_position(np.zeros(13), window=0)
    with pytest.raises(ValueError, match=r"bits must be a 1-D numpy array of at least 2 bits; got list"):
        next_bit_errors(ElmanNetwork(1, 2, 1), [0, 1, 1])
    with pytest.raises(ValueError, match="seed must be an integer >= 0; got -1"):
        train_on_xor_stream(lambda: ElmanNetwork(1, 2, 1), xor_stream(5), steps=1, seed=-1)
