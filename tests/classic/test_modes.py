"""Tests of rnnbook.classic.modes: shapes, weight sharing and a learnable task for each mode."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from rnnbook.classic.modes import EncoderDecoder, ManyToManyAligned, ManyToOne, OneToMany
from rnnbook.data.toy import majority_batch
from rnnbook.train import fit


def test_shapes():
    torch.manual_seed(0)
    assert OneToMany(3, 8, 2, T=7)(torch.zeros(5, 3)).shape == (7, 5, 2)
    x = torch.randn(6, 5, 3)
    assert ManyToOne(3, 8, 2)(x).shape == (5, 2)
    assert ManyToManyAligned(3, 8, 2)(x).shape == (6, 5, 2)
    assert EncoderDecoder(3, 8, 2, n_out_steps=4)(x).shape == (4, 5, 2)


def test_parameter_count_does_not_grow_with_the_sequence():
    model = ManyToManyAligned(3, 8, 2)
    n_params = sum(p.numel() for p in model.parameters())
    assert n_params == (8 * 3 + 8 * 8 + 2 * 8) + (2 * 8 + 2)  # weights + biases
    assert model(torch.randn(50, 1, 3)).shape == (50, 1, 2)


def test_aligned_output_does_not_see_the_future():
    torch.manual_seed(0)
    model = ManyToManyAligned(2, 6, 1)
    x = torch.randn(5, 1, 2)
    x2 = x.clone()
    x2[3:] += 1.0
    torch.testing.assert_close(model(x)[:3], model(x2)[:3])


def test_validation():
    with pytest.raises(ValueError, match=r"x must have shape \(B, D=3\); got \(4, 5, 3\)"):
        OneToMany(3, 8, 2, T=4)(torch.zeros(4, 5, 3))
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=3\)"):
        ManyToOne(3, 8, 2)(torch.zeros(5, 3))
    with pytest.raises(ValueError, match="n_out_steps must be an integer >= 1; got 0"):
        EncoderDecoder(3, 8, 2, n_out_steps=0)


def test_many_to_one_learns_majority(one_thread):
    rng = np.random.default_rng(0)
    batches = (majority_batch(64, seed=rng) for _ in iter(int, 1))
    torch.manual_seed(0)
    model = ManyToOne(1, 16, 2)
    fit(model, lambda m, b: F.cross_entropy(m(b[0]), b[1]), batches, steps=300, lr=0.01,
        seed=0, progress=False, device="cpu")
    x, y = majority_batch(500, seed=1)
    with torch.no_grad():
        accuracy = (model(x).argmax(1) == y).float().mean().item()
    assert accuracy > 0.95
