"""Tests of rnnbook.scratch.gradcheck."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.scratch import numerical_gradient, relative_error


def test_numerical_gradient_of_a_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    original = x.copy()
    grad = numerical_gradient(lambda: float(np.sum(x**3) + x[0, 1] * x[1, 0]), x)
    expected = 3 * original**2
    expected[0, 1] += original[1, 0]
    expected[1, 0] += original[0, 1]
    np.testing.assert_allclose(grad, expected, rtol=1e-8)
    np.testing.assert_array_equal(x, original)  # restored exactly


def test_numerical_gradient_accepts_f_of_x():
    x = np.array([0.3, -1.2, 2.0])
    grad = numerical_gradient(lambda v: float(np.sum(np.sin(v))), x)
    np.testing.assert_allclose(grad, np.cos(x), rtol=1e-8)


def test_relative_error():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.2])) == pytest.approx(0.2 / 2.2)
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.zeros(2), np.zeros(3))


def test_numerical_gradient_errors():
    with pytest.raises(TypeError, match="floating"):
        numerical_gradient(lambda: 0.0, np.zeros(3, dtype=int))
    with pytest.raises(ValueError, match="contiguous"):
        numerical_gradient(lambda: 0.0, np.zeros((3, 4)).T)
    with pytest.raises(ValueError, match="eps must be positive"):
        numerical_gradient(lambda: 0.0, np.zeros(3), eps=0.0)
