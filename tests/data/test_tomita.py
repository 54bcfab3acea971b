"""rnnbook.data.tomita: the seven languages, their DFAs, the balanced sampler, the encoding."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch

from rnnbook.data import encode_binary, tomita_accepts, tomita_dataset, tomita_dfa

MINIMAL_STATES = {1: 2, 2: 3, 3: 5, 4: 4, 5: 4, 6: 3, 7: 5}


def test_hand_examples():
    assert tomita_accepts(1, "111") and not tomita_accepts(1, "101")
    assert tomita_accepts(2, "1010") and not tomita_accepts(2, "1001")
    assert tomita_accepts(3, "100") and not tomita_accepts(3, "10") and not tomita_accepts(3, "1000")
    assert tomita_accepts(3, "1100") and tomita_accepts(3, "0111") and not tomita_accepts(3, "11101")
    assert tomita_accepts(4, "1001") and not tomita_accepts(4, "10001")
    assert tomita_accepts(5, "0110") and not tomita_accepts(5, "011")
    assert tomita_accepts(6, "00001") and tomita_accepts(6, "000") and not tomita_accepts(6, "01001")
    assert tomita_accepts(7, "0011001") and not tomita_accepts(7, "10101")
    assert all(tomita_accepts(k, "") for k in range(1, 8))


@pytest.mark.parametrize("k", range(1, 8))
def test_dfa_matches_definition_and_is_minimal(k):
    d = tomita_dfa(k)
    for L in range(11):
        for s in map("".join, itertools.product("01", repeat=L)):
            assert d.accepts(s) == tomita_accepts(k, s), s
    assert d.n_states == d.minimize().n_states == MINIMAL_STATES[k]


def test_dataset_is_balanced_labelled_and_seeded():
    s, y = tomita_dataset(2, range(0, 9), 50, seed=0)
    assert len(s) == 100 and y.sum() == 50
    assert all(tomita_accepts(2, a) == bool(b) for a, b in zip(s, y))
    assert all(len(a) <= 8 for a in s)
    assert tomita_dataset(2, range(0, 9), 50, seed=0)[0] == s
    assert tomita_dataset(2, range(0, 9), 50, seed=1)[0] != s


def test_encode_binary():
    x, L = encode_binary(["10", "", "011"])
    assert x.shape == (3, 3, 2) and L.tolist() == [2, 0, 3]
    assert torch.equal(x[:, 0], torch.tensor([[0.0, 1], [1, 0], [0, 0]]))
    assert x[:, 1].sum() == 0


def test_rejections():
    with pytest.raises(ValueError, match="k must be a Tomita grammar"):
        tomita_accepts(8, "0")
    with pytest.raises(ValueError, match="k must be a Tomita grammar"):
        tomita_accepts(True, "0")
    with pytest.raises(ValueError, match="only '0' and '1'"):
        tomita_accepts(1, "012")
    with pytest.raises(TypeError, match="s must be a str"):
        tomita_accepts(1, 101)
    with pytest.raises(ValueError, match="n_per_class must"):
        tomita_dataset(1, [3], 0)
    with pytest.raises(ValueError, match="no positive string"):
        tomita_dataset(2, [1, 3], 5, seed=0)
    with pytest.raises(ValueError, match="strings must be"):
        encode_binary([])
    assert np.int64(3) and tomita_accepts(np.int64(4), "00")
