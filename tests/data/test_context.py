"""The centred-window majority task and its causal ceiling."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from rnnbook.data.context import causal_bayes_accuracy, window_majority


def test_labels_by_hand():
    x, y = window_majority(3, 20, k=2, seed=0)
    bits = x[:, :, 0]
    assert x.shape == (20, 3, 1) and y.shape == (20, 3)
    for b in range(3):
        for t in range(20):
            window = [bits[s, b] for s in range(t - 2, t + 3) if 0 <= s < 20]
            assert y[t, b] == int(sum(window) > 2)


def test_ceiling_by_enumeration():
    """Enumerate all 2^(2k+1) windows; the best causal rule guesses from the seen bits."""
    for k in (1, 2, 3):
        correct = 0
        seen_groups: dict = {}
        for w in itertools.product([0, 1], repeat=2 * k + 1):
            seen_groups.setdefault(w[: k + 1], []).append(int(sum(w) > k))
        for labels in seen_groups.values():
            correct += max(labels.count(0), labels.count(1))
        assert abs(causal_bayes_accuracy(k) - correct / 2 ** (2 * k + 1)) < 1e-12
    assert causal_bayes_accuracy(2) == 0.8125


def test_seeded_and_errors():
    a, b = window_majority(2, 10, seed=1), window_majority(2, 10, seed=1)
    np.testing.assert_array_equal(a[0], b[0])
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        window_majority(2, 10, k=0)
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        causal_bayes_accuracy(0)


def test_delayed_ceiling_by_enumeration():
    """A reader delayed by d steps sees the first k + 1 + d bits of the window."""
    for k in (1, 2, 3):
        for d in range(k + 2):
            seen_groups: dict = {}
            for w in itertools.product([0, 1], repeat=2 * k + 1):
                seen_groups.setdefault(w[: min(k + 1 + d, 2 * k + 1)], []).append(int(sum(w) > k))
            correct = sum(max(v.count(0), v.count(1)) for v in seen_groups.values())
            assert abs(causal_bayes_accuracy(k, d) - correct / 2 ** (2 * k + 1)) < 1e-12
    assert causal_bayes_accuracy(2, 1) == 0.8125 and causal_bayes_accuracy(2, 2) == 1.0
    with pytest.raises(ValueError, match="delay must be an integer >= 0"):
        causal_bayes_accuracy(2, -1)
    with pytest.raises(ValueError, match="delay must be an integer >= 0"):
        causal_bayes_accuracy(2, True)
