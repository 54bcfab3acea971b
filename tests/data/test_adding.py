"""rnnbook.data.adding: shapes, markers, targets, baseline."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data import ADDING_BASELINE_MSE, adding_batches, adding_problem


def test_shapes_dtype_and_markers():
    x, y = adding_problem(50, 20, seed=0)
    assert x.shape == (20, 50, 2) and y.shape == (50,)
    assert x.dtype == np.float32 and y.dtype == np.float32
    markers = x[:, :, 1]
    assert np.all(markers.sum(0) == 2)
    assert np.all(markers[:10].sum(0) == 1) and np.all(markers[10:].sum(0) == 1)
    assert np.allclose(y, (x[:, :, 0] * markers).sum(0), atol=1e-6)
    assert 0.0 <= x[:, :, 0].min() and x[:, :, 0].max() <= 1.0


def test_seeded():
    a, b = adding_problem(3, 10, seed=5), adding_problem(3, 10, seed=5)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_constant_one_scores_the_baseline():
    _, y = adding_problem(200_000, 4, seed=1)
    assert ADDING_BASELINE_MSE == pytest.approx(1 / 6)
    assert np.mean((y - 1.0) ** 2) == pytest.approx(ADDING_BASELINE_MSE, rel=0.02)


def test_batches():
    x, y = next(adding_batches(8, 12, seed=0))
    assert tuple(x.shape) == (12, 8, 2) and tuple(y.shape) == (8,)


def test_errors():
    with pytest.raises(ValueError, match="T must be an integer >= 2"):
        adding_problem(3, 1)
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        adding_problem(0, 10)


def test_one_number_mse_is_half_the_baseline():
    from rnnbook.data import ADDING_ONE_NUMBER_MSE

    x, y = adding_problem(200_000, 6, seed=2)
    second = (x[3:, :, 0] * x[3:, :, 1]).sum(0)  # the marked number of the second half
    assert ADDING_ONE_NUMBER_MSE == pytest.approx(ADDING_BASELINE_MSE / 2)
    assert np.mean((y - second - 0.5) ** 2) == pytest.approx(ADDING_ONE_NUMBER_MSE, rel=0.02)


def test_batches_check_their_arguments_at_the_call():
    from rnnbook.data import adding_batches, strip_batches

    with pytest.raises(ValueError, match="batch_size must be an integer >= 1; got 0"):
        adding_batches(0, 10)        # no next(): the error comes before the first batch
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        strip_batches(0)
