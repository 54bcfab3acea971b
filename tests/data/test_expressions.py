"""rnnbook.data.expressions: random trees, values, prefix order, flattening."""

from __future__ import annotations

import pytest

from rnnbook.data import evaluate_expression, expression_dataset, flatten_trees, prefix_tokens, random_expression


def test_evaluate_by_hand():
    assert evaluate_expression(("+", 3, ("*", 4, 2)), 10) == 1
    assert evaluate_expression(("-", 2, 4), 5) == 3
    assert evaluate_expression(7, 10) == 7


def test_random_trees_and_dataset():
    t = random_expression(5, 5, "+*", seed=0)
    assert t == random_expression(5, 5, "+*", seed=0)
    trees, y = expression_dataset(50, [1, 3], 5, seed=1)
    assert len(trees) == 50 and y.shape == (50,) and y.max() < 5
    assert all(evaluate_expression(a, 5) == b for a, b in zip(trees, y))


def test_prefix_and_flatten():
    tok, L = prefix_tokens([("+", 3, ("*", 4, 2)), 1], 10)
    assert tok[:, 0].tolist() == [10, 3, 12, 4, 2] and L.tolist() == [5, 1]
    n = flatten_trees([("+", 3, ("*", 4, 2)), 1], 10)
    assert n["root"].tolist() == [4, 5] and n["height"].tolist() == [0, 0, 0, 1, 2, 0]
    assert n["op"].tolist() == [-1, -1, -1, 2, 0, -1] and n["leaf"].tolist() == [3, 4, 2, -1, -1, 1]
    assert n["left"][4] == 0 and n["right"][4] == 3


def test_rejections():
    with pytest.raises(ValueError, match="ops must"):
        random_expression(3, 10, "/")
    with pytest.raises(ValueError, match="n_leaves must"):
        random_expression(0)
    with pytest.raises(ValueError, match="leaves must be digits"):
        evaluate_expression(("+", 3, 12), 10)
    with pytest.raises(ValueError, match="tree must be"):
        evaluate_expression(("/", 3, 2), 10)
    with pytest.raises(ValueError, match="modulus must"):
        evaluate_expression(1, 1)
    with pytest.raises(ValueError, match="trees must be"):
        flatten_trees([])
