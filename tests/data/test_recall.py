import numpy as np
import pytest

from rnnbook.data import associative_recall, most_frequent_value, recall_batches


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


def test_most_frequent_value():
    x, y = associative_recall(500, 6, 12, 6, seed=3)
    guess = most_frequent_value(x, 12)
    values = x[:-1, :, 12:].argmax(-1)  # (P, B)
    for j in range(500):
        counts = np.bincount(values[:, j], minlength=6)
        assert guess[j] == np.flatnonzero(counts == counts.max())[0]  # a mode, the smallest
    # with one pair the only value shown is the answer; with distinct values it is the first
    x1, y1 = associative_recall(50, 1, 4, 3, seed=0)
    np.testing.assert_array_equal(most_frequent_value(x1, 4), y1)
    # key-blind: it beats chance (values repeat) but not a lookup
    assert 1 / 6 < float((guess == y).mean()) < 0.6


def test_most_frequent_value_rejections():
    x, _ = associative_recall(4, 3, 5, 4, seed=0)
    with pytest.raises(ValueError, match=r"x must have shape \(P \+ 1, B, n_keys \+ n_values\).*got \(4, 9\)"):
        most_frequent_value(x[0], 5)
    with pytest.raises(ValueError, match="n_keys=9 < n_keys"):
        most_frequent_value(x, 9)
    with pytest.raises(ValueError, match="n_keys must be an integer >= 1"):
        most_frequent_value(x, True)
