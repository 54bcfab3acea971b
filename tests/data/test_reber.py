"""rnnbook.data.reber: strings are valid, the checker rejects, targets are right."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data import (
    REBER_SYMBOLS,
    embedded_reber_string,
    encode_reber,
    is_reber,
    reber_string,
    reber_strings,
    reber_targets,
)


def test_generated_strings_are_valid():
    for s in reber_strings(300, seed=0):
        assert is_reber(s)
        assert s[1] == s[-2]
    for k in range(50):
        assert is_reber(reber_string(k), embedded=False)
    assert is_reber(embedded_reber_string(3))


@pytest.mark.parametrize("s", ["BTBTXSEPE", "BTBTXSE", "BTBXSETE", "BTBTSSXXTVVPE", "TBTXSETE", ""])
def test_invalid_strings_are_rejected(s):
    assert not is_reber(s)


def test_known_strings():
    assert is_reber("BTSSXXTVVE", embedded=False)
    assert is_reber("BPVVE", embedded=False)
    assert not is_reber("BPVVE")
    assert is_reber("BPBPVVEPE")


def test_targets_by_hand():
    t = reber_targets("BPBTXSEPE")
    sym = lambda row: "".join(c for c, v in zip(REBER_SYMBOLS, row) if v)  # noqa: E731
    assert [sym(r) for r in t] == ["TP", "B", "TP", "SX", "SX", "E", "P", "E", ""]
    assert t.shape == (9, 7)


def test_targets_contain_the_next_symbol():
    for s in reber_strings(100, seed=1):
        t = reber_targets(s)
        for k in range(len(s) - 1):
            assert t[k, REBER_SYMBOLS.index(s[k + 1])] == 1.0


def test_encode():
    strings = ["BTBPVVETE", "BPBTXSEPE", "BTBTSXSETE"]
    x, y, mask = encode_reber(strings)
    assert x.shape == (10, 3, 7) and y.shape == (10, 3, 7) and mask.shape == (10, 3)
    assert np.all(x.sum(-1)[:9] == 1) and x[9, 0].sum() == 0
    assert mask[:, 0].sum() == 8 and mask[:, 2].sum() == 9


def test_errors():
    with pytest.raises(ValueError, match="s must be a string of the embedded Reber grammar"):
        reber_targets("BTE")
    with pytest.raises(TypeError, match="s must be a str"):
        is_reber(3)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        reber_strings(0)


def test_reber_batches_are_fresh_and_seeded():
    from rnnbook.data import reber_batches

    a, b = reber_batches(5, seed=3), reber_batches(5, seed=3)
    first, again = next(a), next(b)
    assert all(torch_equal(u, v) for u, v in zip(first, again))
    x, targets, mask = first
    assert x.shape[1:] == (5, 7) and targets.shape == x.shape and mask.shape == x.shape[:2]
    second = next(a)
    assert not all(torch_equal(u, v) for u, v in zip(first, second))  # a new draw each time
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        next(reber_batches(0))


def torch_equal(u, v):
    return u.shape == v.shape and bool((u == v).all())
