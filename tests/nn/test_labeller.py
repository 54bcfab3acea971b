"""The stacked, bidirectional sequence labeller: shapes, merge modes, causality, packing."""

from __future__ import annotations

import pytest
import torch

from rnnbook.nn.labeller import SequenceLabeller


@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn"])
@pytest.mark.parametrize(
    "bidirectional,merge",
    [(False, "concat"), (True, "concat"), (True, "sum"), (True, "mean"), (True, "mul")],
)
def test_shapes(cell, bidirectional, merge):
    torch.manual_seed(0)
    m = SequenceLabeller(3, 5, 7, kind=cell, num_layers=2, bidirectional=bidirectional, merge=merge)
    x = torch.randn(9, 4, 3)
    assert m(x).shape == (9, 4, 7)
    lp = m.log_probs(x)
    torch.testing.assert_close(lp.exp().sum(-1), torch.ones(9, 4))
    assert m.head.in_features == (10 if bidirectional and merge == "concat" else 5)


def test_unidirectional_is_causal_and_bidirectional_is_not():
    torch.manual_seed(0)
    x = torch.randn(8, 2, 3)
    x2 = x.clone()
    x2[6:] += 1.0  # change the future only
    uni = SequenceLabeller(3, 4, 2, num_layers=2)
    bi = SequenceLabeller(3, 4, 2, num_layers=2, bidirectional=True)
    torch.testing.assert_close(uni(x)[:6], uni(x2)[:6])
    assert not torch.allclose(bi(x)[:6], bi(x2)[:6])


def test_sum_merge_adds_the_two_directions():
    torch.manual_seed(0)
    m = SequenceLabeller(3, 4, 2, bidirectional=True, merge="sum")
    x = torch.randn(5, 2, 3)
    h, _ = m.rnn(x)
    torch.testing.assert_close(m(x), m.head(h[..., :4] + h[..., 4:]))


def test_lengths_pack_away_the_padding():
    torch.manual_seed(0)
    m = SequenceLabeller(3, 4, 2, bidirectional=True)
    short = torch.randn(5, 1, 3)
    padded = torch.cat([short, torch.randn(3, 1, 3)])  # (8, 1, 3)
    out = m(padded, lengths=torch.tensor([5]))
    torch.testing.assert_close(out[:5], m(short))


def test_bad_arguments():
    with pytest.raises(ValueError, match="kind must be one of"):
        SequenceLabeller(3, 4, 2, kind="tcn")
    with pytest.raises(ValueError, match="merge must be one of"):
        SequenceLabeller(3, 4, 2, merge="avg")
    with pytest.raises(ValueError, match="hidden_size must be an integer >= 1"):
        SequenceLabeller(3, 0, 2)
    m = SequenceLabeller(3, 4, 2)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=3\); got \(5, 2, 4\)"):
        m(torch.randn(5, 2, 4))


@pytest.mark.parametrize("merge,combine", [("mean", lambda f, b: (f + b) / 2), ("mul", lambda f, b: f * b)])
def test_mean_and_mul_merges(merge, combine):
    torch.manual_seed(0)
    m = SequenceLabeller(3, 4, 2, bidirectional=True, merge=merge)
    x = torch.randn(5, 2, 3)
    h, _ = m.rnn(x)
    torch.testing.assert_close(m(x), m.head(combine(h[..., :4], h[..., 4:])))


def test_unknown_merge_is_rejected():
    with pytest.raises(ValueError, match="merge must be one of"):
        SequenceLabeller(3, 4, 2, bidirectional=True, merge="max")
