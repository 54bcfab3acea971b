"""Random arithmetic expression trees: data for recursive networks and their sequential rivals.

An expression is a binary tree whose leaves are digits :math:`0, \\dots, m-1` and whose
inner nodes are operators applied modulo :math:`m` (``"+"``, ``"-"``, ``"*"``). A tree is
written as nested tuples, ``("+", 3, ("*", 4, 2))`` for :math:`3 + 4 \\cdot 2`; its value
modulo :math:`m` is the label. :func:`flatten_trees` turns a batch of trees into arrays
that a recursive network processes level by level, and :func:`prefix_tokens` writes each
tree in prefix (Polish) order, ``+ 3 * 4 2``, for a sequential network.
"""

from __future__ import annotations

from typing import Sequence, Union

import numpy as np
import torch

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["OPERATORS", "random_expression", "evaluate_expression", "expression_dataset",
           "prefix_tokens", "flatten_trees"]

#: The operators and their codes (a node with code c >= 0 is operator OPERATORS[c]).
OPERATORS = "+-*"

Tree = Union[int, tuple]


def _check_modulus(modulus: int) -> int:
    return check_positive_int("modulus", modulus, minimum=2)


def random_expression(n_leaves: int, modulus: int = 10, ops: str = "+*", seed: SeedLike = 0) -> Tree:
    """A random expression with ``n_leaves`` digit leaves and random binary shape.

    The leaves are split at a uniformly chosen point between the left and right subtrees,
    recursively; leaves are uniform digits in ``[0, modulus)`` and operators uniform over
    ``ops``.
    """
    n = check_positive_int("n_leaves", n_leaves)
    m = _check_modulus(modulus)
    if not isinstance(ops, str) or not ops or any(o not in OPERATORS for o in ops):
        raise ValueError(f"ops must be a non-empty str of operators from {OPERATORS!r}; got {ops!r}")
    rng = as_rng(seed)

    def grow(n: int) -> Tree:
        if n == 1:
            return int(rng.integers(m))
        left = int(rng.integers(1, n))
        return (ops[int(rng.integers(len(ops)))], grow(left), grow(n - left))

    return grow(n)


def evaluate_expression(tree: Tree, modulus: int = 10) -> int:
    """The value of ``tree`` modulo ``modulus``."""
    m = _check_modulus(modulus)
    if isinstance(tree, (int, np.integer)) and not isinstance(tree, bool):
        if not 0 <= tree < m:
            raise ValueError(f"tree leaves must be digits in [0, {m}); got {tree!r}")
        return int(tree)
    if not (isinstance(tree, tuple) and len(tree) == 3 and tree[0] in tuple(OPERATORS)):
        raise ValueError(f"tree must be a digit or a tuple (op, left, right) with op in {OPERATORS!r}; got {tree!r}")
    a, b = evaluate_expression(tree[1], m), evaluate_expression(tree[2], m)
    return {"+": a + b, "-": a - b, "*": a * b}[tree[0]] % m


def expression_dataset(n: int, leaves: Sequence[int], modulus: int = 10, ops: str = "+*",
                       seed: SeedLike = 0) -> tuple:
    """``n`` random expressions with a number of leaves drawn uniformly from ``leaves``.

    Returns
    -------
    trees : list
        The expressions (nested tuples).
    values : numpy.ndarray of int64
        Their values modulo ``modulus``, shape (n,).
    """
    n = check_positive_int("n", n)
    sizes = [check_positive_int("leaves", s) for s in list(leaves)]
    if not sizes:
        raise ValueError("leaves must be a non-empty sequence of positive integers")
    rng = as_rng(seed)
    trees = [random_expression(int(rng.choice(sizes)), modulus, ops, rng) for _ in range(n)]
    return trees, np.array([evaluate_expression(t, modulus) for t in trees], dtype=np.int64)


def prefix_tokens(trees: Sequence[Tree], modulus: int = 10) -> tuple:
    """The trees in prefix order as integer tokens, time-major and padded.

    Digits are tokens ``0..modulus-1``; operator ``OPERATORS[c]`` is token ``modulus + c``.

    Returns
    -------
    tokens : torch.Tensor of int64
        Padded with token 0 past each expression's end.
    lengths : torch.Tensor of int64

    Shapes
    ------
    tokens : (T, B) with T the longest expression; lengths : (B,).
    """
    m = _check_modulus(modulus)

    def walk(t: Tree, out: list) -> list:
        if isinstance(t, tuple):
            out.append(m + OPERATORS.index(t[0]))
            walk(t[1], out)
            walk(t[2], out)
        else:
            out.append(int(t))
        return out

    for t in trees:
        evaluate_expression(t, m)  # validates
    seqs = [walk(t, []) for t in trees]
    T = max(len(s) for s in seqs)
    tokens = torch.zeros(T, len(seqs), dtype=torch.int64)
    for b, s in enumerate(seqs):
        tokens[: len(s), b] = torch.tensor(s)
    return tokens, torch.tensor([len(s) for s in seqs], dtype=torch.int64)


def flatten_trees(trees: Sequence[Tree], modulus: int = 10) -> dict:
    """A batch of trees as flat node arrays, children before parents.

    Returns a dict of int64 tensors over the N nodes of all trees: ``leaf`` (the digit, or
    -1 for an operator node), ``op`` (the operator's code, or -1 for a leaf), ``left`` and
    ``right`` (child node indices, -1 for leaves), ``height`` (0 for leaves) and ``root``
    (the node index of each tree's root).

    Shapes
    ------
    leaf, op, left, right, height : (N,); root : (B,).
    """
    m = _check_modulus(modulus)
    if isinstance(trees, tuple) or len(trees) == 0:
        raise ValueError("trees must be a non-empty list of expression trees")
    leaf, op, left, right, height, root = [], [], [], [], [], []

    def add(t: Tree) -> tuple:
        if isinstance(t, tuple):
            li, lh = add(t[1])
            ri, rh = add(t[2])
            leaf.append(-1), op.append(OPERATORS.index(t[0])), left.append(li), right.append(ri)
            height.append(1 + max(lh, rh))
        else:
            leaf.append(int(t)), op.append(-1), left.append(-1), right.append(-1), height.append(0)
        return len(leaf) - 1, height[-1]

    for t in trees:
        evaluate_expression(t, m)  # validates
        root.append(add(t)[0])
    as_t = lambda v: torch.tensor(v, dtype=torch.int64)  # noqa: E731
    return {"leaf": as_t(leaf), "op": as_t(op), "left": as_t(left), "right": as_t(right),
            "height": as_t(height), "root": as_t(root)}
