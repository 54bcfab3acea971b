"""Tests of rnnbook.classic.hopfield: storage rules, energy descent, recall, validation."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.classic.hopfield import HopfieldNetwork, corrupt, hebbian_weights, overlap, projection_weights
from rnnbook.classic.hopfield_updates import check_bipolar, hebbian_fields, sign_update, synchronous_recall
from rnnbook.data import bipolar_digits


def random_patterns(p, n, seed=0):
    return np.random.default_rng(seed).choice([-1.0, 1.0], size=(p, n))


def test_hebbian_weights_by_hand():
    # two patterns of three units: w_ij = (1/3) sum_mu xi_i xi_j, zero diagonal
    xi = np.array([[1.0, -1.0, 1.0], [1.0, 1.0, -1.0]])
    w = hebbian_weights(xi)
    expected = np.array([[0, 0, 0], [0, 0, -2], [0, -2, 0]]) / 3
    np.testing.assert_allclose(w, expected)


def test_readme_usage():
    patterns = bipolar_digits(n_per_class=1, seed=0)[:3]
    net = HopfieldNetwork.from_patterns(patterns)
    assert net.n_units == 64
    np.testing.assert_allclose(net.weights, net.weights.T)


def test_random_patterns_at_low_load_are_stable_and_recalled():
    xi = random_patterns(5, 200)
    net = HopfieldNetwork.from_patterns(xi)
    assert net.is_stable(xi).all()
    noisy = corrupt(xi, 30, seed=1)
    np.testing.assert_array_equal(net.recall(noisy, seed=2), xi)


def test_energy_never_increases_under_asynchronous_updates():
    rng = np.random.default_rng(3)
    w = rng.normal(size=(40, 40))
    w = (w + w.T) / 2
    np.fill_diagonal(w, 0)
    net = HopfieldNetwork(w, thresholds=rng.normal(size=40))
    start = rng.choice([-1.0, 1.0], size=(6, 40))
    final, energies = net.recall_with_energies(start, seed=4)
    assert energies.shape[1] == 6
    assert np.all(np.diff(energies, axis=0) <= 1e-12)
    assert net.is_stable(final).all()
    np.testing.assert_allclose(energies[-1], net.energy(final))


def test_energy_formula_by_hand():
    w = np.array([[0.0, 1.0], [1.0, 0.0]])
    net = HopfieldNetwork(w, thresholds=np.array([0.5, 0.0]))
    # E = -1/2 (2 w_12 s1 s2) + theta . s = -(1)(1)(-1) + 0.5 = 1.5
    assert net.energy(np.array([1.0, -1.0])) == pytest.approx(1.5)


def test_projection_rule_stores_correlated_digits_that_hebb_does_not():
    digits = bipolar_digits(1, seed=0)[:5]
    assert HopfieldNetwork.from_patterns(digits, rule="projection").is_stable(digits).all()
    assert not HopfieldNetwork.from_patterns(digits, rule="hebb").is_stable(digits).all()


def test_projection_weights_project_onto_the_patterns():
    xi = random_patterns(4, 30, seed=5)
    w = projection_weights(xi)
    np.testing.assert_allclose(w, w.T)
    assert np.all(np.diag(w) == 0)
    # W xi = xi - diag(W_full) xi: every pattern's field has the pattern's sign
    assert np.all(xi * (xi @ w) > 0)


def test_synchronous_can_two_cycle_and_asynchronous_cannot():
    w = np.array([[0.0, -1.0], [-1.0, 0.0]])
    net = HopfieldNetwork(w)
    start = np.array([1.0, 1.0])
    sync = net.recall(start, synchronous=True, max_sweeps=5)
    assert not net.is_stable(sync)  # oscillates between (1, 1) and (-1, -1)
    assert net.is_stable(net.recall(start, seed=0))


def test_corrupt_flips_exactly_n_units():
    x = np.ones((3, 20))
    y = corrupt(x, 7, seed=0)
    assert np.all((y == -1).sum(axis=1) == 7)
    assert np.all(x == 1)  # the input is not modified


def test_overlap():
    a = np.array([1.0, 1.0, -1.0, -1.0])
    assert overlap(a, a) == 1.0
    assert overlap(a, -a) == -1.0
    assert overlap(a, np.array([1.0, 1.0, 1.0, 1.0])) == 0.0


def test_validation_messages():
    with pytest.raises(ValueError, match=r"patterns must be bipolar.*0.5"):
        hebbian_weights(np.array([[1.0, 0.5, -1.0]]))
    with pytest.raises(ValueError, match=r"weights must be symmetric"):
        HopfieldNetwork(np.array([[0.0, 1.0], [0.0, 0.0]]))
    with pytest.raises(ValueError, match=r"weights must have a zero diagonal"):
        HopfieldNetwork(np.eye(3))
    with pytest.raises(ValueError, match=r"square matrix of shape \(N, N\); got \(2, 3\)"):
        HopfieldNetwork(np.zeros((2, 3)))
    with pytest.raises(TypeError, match="weights must be a numpy.ndarray"):
        HopfieldNetwork([[0.0]])
    net = HopfieldNetwork(np.zeros((4, 4)))
    with pytest.raises(ValueError, match=r"state must have shape \(N=4,\) or \(B, N=4\); got \(5,\)"):
        net.recall(np.ones(5))
    with pytest.raises(ValueError, match=r"thresholds must have shape \(N=4,\)"):
        HopfieldNetwork(np.zeros((4, 4)), thresholds=np.zeros(3))
    with pytest.raises(ValueError, match="rule must be 'hebb' or 'projection'"):
        HopfieldNetwork.from_patterns(np.ones((1, 4)), rule="oja")
    with pytest.raises(ValueError, match="linearly independent"):
        projection_weights(np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"n_flips must be an integer in \[0, 4\]"):
        corrupt(np.ones(4), 5)
    with pytest.raises(ValueError, match="max_sweeps must be an integer >= 1"):
        net.recall(np.ones(4), max_sweeps=0)
    with pytest.raises(TypeError, match="x must be a numpy.ndarray"):
        check_bipolar("x", [1, -1])


def test_float_ties_count_as_ties_and_recall_ends():
    # P even: N u_i can be exactly zero; through float weights it may come out as +-1e-16
    xi = random_patterns(60, 300, seed=1)
    exact = hebbian_fields(xi, xi)
    rounded = xi @ hebbian_weights(xi)
    ties = exact == 0
    assert ties.any() and np.any(rounded[ties] != 0)
    net = HopfieldNetwork.from_patterns(xi)
    assert np.abs(rounded[ties]).max() < net.tie < 1.0 / 300
    final = net.recall(xi, max_sweeps=100, seed=0)
    assert net.is_stable(final).all()


def test_synchronous_recall_equals_the_network_method():
    xi = random_patterns(8, 80, seed=2)
    net = HopfieldNetwork.from_patterns(xi)
    noisy = corrupt(xi, 15, seed=3)
    final, _ = synchronous_recall(lambda s: hebbian_fields(xi, s), noisy, max_sweeps=50)
    np.testing.assert_array_equal(final, net.recall(noisy, synchronous=True))
