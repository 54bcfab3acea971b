"""rnnbook.data.timescales: the fast echo and the slow latch, by hand."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data import two_timescale_batch


def test_targets_follow_the_definition():
    x, y, mask = two_timescale_batch(16, 60, delay=2, p_switch=0.1, seed=0)
    assert x.shape == (60, 16, 2) and y.shape == (60, 16, 2) and mask.shape == (60, 16)
    assert not mask[:2].any() and mask[2:].all()
    assert np.array_equal(y[2:, :, 0].numpy(), x[:-2, :, 0].numpy())
    level = np.zeros(16)
    for t in range(60):
        p = x[t, :, 1].numpy()
        level = np.where(p > 0, 1, np.where(p < 0, 0, level))
        if t >= 2:
            assert np.array_equal(y[t, :, 1].numpy(), level)
    assert (x[:, :, 1] != 0).any()


def test_rejections():
    with pytest.raises(ValueError, match="T must be an integer >= 3; got 2"):
        two_timescale_batch(2, 2, delay=2)
    with pytest.raises(ValueError, match="p_switch must"):
        two_timescale_batch(2, 10, p_switch=0.0)
