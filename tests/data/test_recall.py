import numpy as np
import pytest

from rnnbook.data import associative_recall, recall_batches


def test_layout_and_answer():
    x, y = associative_recall(200, 4, 10, 6, seed=0)
    assert x.shape == (5, 200, 16) and y.shape == (200,)
    np.testing.assert_array_equal(x[:-1, :, :10].sum(-1), 1.0)  # one key per pair step
    np.testing.assert_array_equal(x[:-1, :, 10:].sum(-1), 1.0)  # one value per pair step
    np.testing.assert_array_equal(x[-1].sum(-1), 1.0)  # the query: a key only
    keys, values, query = x[:-1, :, :10].argmax(-1), x[:-1, :, 10:].argmax(-1), x[-1].argmax(-1)
    for j in range(200):
        assert len(set(keys[:, j])) == 4  # distinct keys
        (pos,) = np.nonzero(keys[:, j] == query[j])
        assert len(pos) == 1 and values[pos[0], j] == y[j]
    x2, _ = associative_recall(200, 4, 10, 6, seed=0)
    np.testing.assert_array_equal(x, x2)


def test_batches():
    x, y = next(recall_batches(8, 3, 5, 4, seed=1))
    assert tuple(x.shape) == (4, 8, 9) and tuple(y.shape) == (8,)


def test_rejections():
    with pytest.raises(ValueError, match="n_pairs must be at most n_keys=3"):
        associative_recall(2, 4, 3, 2)
    with pytest.raises(ValueError, match="n_values must be an integer >= 1"):
        associative_recall(2, 1, 3, 0)
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1; got 0"):
        associative_recall(0, 1, 3, 2)
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        next(recall_batches(True, 1, 3, 2))
