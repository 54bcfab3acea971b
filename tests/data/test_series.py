"""rnnbook.data.series: sunspot windows, train statistics, split."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data import load_sunspots, make_windows


def test_make_windows_by_hand():
    x, y = make_windows(np.arange(6.0), 3)
    assert x.shape == (3, 3, 1)
    assert x[:, 0, 0].tolist() == [0, 1, 2] and y.tolist() == [3, 4, 5]


def test_sunspots():
    s = load_sunspots(window=12)
    assert s.x_train.shape == (12, len(s.y_train), 1)
    assert s.x_test.shape == (12, len(s.y_test), 1)
    assert len(s.y_test) == len(s.years_test) and s.years_test[-1] == 2008
    # standardised with training statistics: training targets have mean ~0
    assert abs(float(np.mean(s.y_train))) < 0.2
    # windows are consecutive: the target of one is the last input of the next
    assert s.y_test[0] == s.x_test[-1, 1, 0]


def test_errors():
    with pytest.raises(ValueError, match="window must be an integer"):
        make_windows(np.arange(5.0), 5)
    with pytest.raises(ValueError, match="series must be 1-D"):
        make_windows(np.zeros((3, 3)), 1)


def test_validation_split():
    s = load_sunspots(window=12, valid_fraction=0.2)
    plain = load_sunspots(window=12)
    assert s.n_fit < s.n_train == plain.n_train
    assert len(s.y_train) == s.n_fit - 12 and len(s.y_valid) == s.n_train - s.n_fit
    assert len(s.y_train) + len(s.y_valid) == len(plain.y_train)
    assert np.array_equal(s.y_test, plain.y_test) and s.mean == plain.mean
    # the first validation target follows the last training target in the series
    assert np.isclose(s.y_valid[0], s.series[s.n_fit]) and np.isclose(s.y_train[-1], s.series[s.n_fit - 1])
    assert plain.x_valid.shape == (12, 0, 1)
    with pytest.raises(ValueError, match="valid_fraction must be in"):
        load_sunspots(valid_fraction=1.0)
