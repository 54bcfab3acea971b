"""rnnbook.data.cue_recall: layout of the sequences, seeding, errors."""

from __future__ import annotations

import pytest
import torch

from rnnbook.data import cue_recall_batch, cue_recall_vocab_size


def test_layout():
    tok, L, tp = cue_recall_batch(20, 4, 5, 9, 0.2, seed=0)
    assert tok.shape == (12, 20) and cue_recall_vocab_size(4) == 8
    for b in range(20):
        n = int(L[b])
        assert 8 <= n <= 12 and int(tp[b]) == n - 1
        assert tok[0, b] < 4 and tok[n - 1, b] == tok[0, b] and tok[n - 2, b] == 7
        assert set(tok[1: n - 2, b].tolist()) <= {4, 5, 6}
    assert torch.equal(cue_recall_batch(20, 4, 5, 9, 0.2, seed=0)[0], tok)


def test_rejections():
    with pytest.raises(ValueError, match="max_lag must be >= min_lag"):
        cue_recall_batch(2, 4, 10, 5)
    with pytest.raises(ValueError, match="p_distract must"):
        cue_recall_batch(2, p_distract=1.0)
    with pytest.raises(ValueError, match="n_cues must"):
        cue_recall_vocab_size(1)
