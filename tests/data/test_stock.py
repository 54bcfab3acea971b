import numpy as np
import pytest

from rnnbook.data import load_stock


def test_windows_and_baseline():
    s = load_stock(window=20)
    assert s.close.shape == (1047,)
    n_returns = 1046
    assert len(s.y_train) + len(s.y_test) + 20 == n_returns
    assert s.x_train.shape == (20, len(s.y_train), 1) and s.x_test.shape == (20, len(s.y_test), 1)
    assert len(s.dates_test) == len(s.y_test)
    # the targets are standardised log returns: undo and compare with the prices
    r = np.diff(np.log(s.close))
    np.testing.assert_allclose(s.y_test * s.std + s.mean, r[-len(s.y_test):], atol=1e-6)
    # the next window starts one day later
    np.testing.assert_array_equal(s.x_test[1:, 0, 0], s.x_test[:-1, 1, 0])
    np.testing.assert_allclose(s.random_walk_test * s.std + s.mean, 0.0, atol=1e-7)
    assert abs(s.y_train.mean()) < 0.05 and abs(s.y_train.std() - 1) < 0.05  # the first window is not a target


def test_rejections():
    with pytest.raises(ValueError, match="train_fraction must be in"):
        load_stock(train_fraction=1.0)
    with pytest.raises(ValueError, match="window must be an integer in"):
        load_stock(window=0)
