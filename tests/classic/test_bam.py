"""Tests of rnnbook.classic.bam: storage, recall both ways, energy, validation."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic.bam import BAM
from rnnbook.classic.hopfield import corrupt


def pairs(p=3, n=60, m=20, seed=0):
    rng = np.random.default_rng(seed)
    return rng.choice([-1.0, 1.0], size=(p, n)), rng.choice([-1.0, 1.0], size=(p, m))


def test_weights_by_hand():
    x = np.array([[1.0, -1.0]])
    y = np.array([[1.0, 1.0, -1.0]])
    np.testing.assert_array_equal(BAM.from_pairs(x, y).weights, [[1, -1], [1, -1], [-1, 1]])


def test_recall_in_both_directions():
    xs, ys = pairs()
    bam = BAM.from_pairs(xs, ys)
    assert bam.shape == (20, 60)
    x, y = bam.recall(x=xs)
    np.testing.assert_array_equal(y, ys)
    np.testing.assert_array_equal(x, xs)
    x, y = bam.recall(y=ys)
    np.testing.assert_array_equal(x, xs)
    x, y = bam.recall(x=corrupt(xs, 8, seed=1))
    np.testing.assert_array_equal(y, ys)
    np.testing.assert_array_equal(x, xs)


def test_single_pair_and_energy_of_a_stored_pair_is_lower_than_a_noisy_one():
    xs, ys = pairs(p=2)
    bam = BAM.from_pairs(xs, ys)
    x, y = bam.recall(x=xs[0])
    assert x.shape == (60,) and y.shape == (20,)
    assert bam.energy(xs[0], ys[0]) < bam.energy(corrupt(xs[0], 10, seed=2), ys[0])


def test_validation():
    xs, ys = pairs()
    with pytest.raises(ValueError, match="same number of patterns P; got 3 and 2"):
        BAM.from_pairs(xs, ys[:2])
    with pytest.raises(ValueError, match="ys must be bipolar"):
        BAM.from_pairs(xs, ys * 0.5)
    bam = BAM.from_pairs(xs, ys)
    with pytest.raises(ValueError, match="needs a start state"):
        bam.recall()
    with pytest.raises(ValueError, match=r"x must have shape \(N=60,\) or \(B, N=60\); got \(3, 59\)"):
        bam.recall(x=xs[:, :59])
    with pytest.raises(ValueError, match="same batch shape"):
        bam.recall(x=xs, y=ys[:2])
    with pytest.raises(ValueError, match=r"weights must have shape \(M, N\)"):
        BAM(np.zeros(3))
