"""rnnbook.nn.compressor: what goes up, compression, the system's prediction, errors."""

from __future__ import annotations

import pytest
import torch

from rnnbook.nn import CharLM, compress_sequences, hierarchy_predict, next_token_loss, unpredicted_mask


class Fixed(torch.nn.Module):
    """A 'language model' that always predicts token `guess`."""

    def __init__(self, guess: int, vocab: int) -> None:
        super().__init__()
        self.guess, self.vocab = guess, vocab

    def forward(self, x, state=None):
        logits = torch.zeros(*x.shape, self.vocab)
        logits[..., self.guess] = 1.0
        return logits, None


def test_unpredicted_mask_and_compression():
    tok = torch.tensor([[1, 2], [0, 0], [0, 3], [2, 0]])  # (T=4, B=2)
    L = torch.tensor([4, 3])
    m = unpredicted_mask(Fixed(0, 4), tok, L)
    assert m[:, 0].tolist() == [True, False, False, True] and m[:, 1].tolist() == [True, False, True, False]
    short, n, pos = compress_sequences(tok, m, eos=9)
    assert n.tolist() == [3, 3] and short[:, 0].tolist() == [1, 2, 9] and short[:, 1].tolist() == [2, 3, 9]
    assert pos[:, 0].tolist() == [0, 3, -1]


def test_hierarchy_trusts_the_lower_level_when_the_higher_expects_no_surprise():
    tok = torch.tensor([[1], [0], [2]])
    L, at = torch.tensor([3]), torch.tensor([2])
    assert hierarchy_predict(Fixed(0, 4), Fixed(3, 4), tok, L, at, eos=3).tolist() == [0]
    assert hierarchy_predict(Fixed(0, 4), Fixed(2, 4), tok, L, at, eos=3).tolist() == [2]


def test_next_token_loss_ignores_padding():
    torch.manual_seed(0)
    lm = CharLM("rnn", 5, 4)
    tok = torch.randint(5, (6, 3))
    a = next_token_loss(lm, tok, torch.tensor([3, 3, 3]))
    b = next_token_loss(lm, tok[:3], torch.tensor([3, 3, 3]))
    assert torch.allclose(a, b)


def test_rejections():
    tok = torch.zeros(4, 2, dtype=torch.int64)
    with pytest.raises(ValueError, match="lengths must"):
        unpredicted_mask(Fixed(0, 2), tok, torch.tensor([5, 1]))
    with pytest.raises(ValueError, match="tokens must"):
        next_token_loss(Fixed(0, 2), torch.zeros(4), torch.tensor([1]))
    with pytest.raises(TypeError, match="mask must be a bool"):
        compress_sequences(tok, torch.ones(4, 2))
    with pytest.raises(ValueError, match="at least one token"):
        compress_sequences(tok, torch.zeros(4, 2, dtype=torch.bool))
    with pytest.raises(ValueError, match="at must"):
        hierarchy_predict(Fixed(0, 2), Fixed(0, 3), tok, torch.tensor([4, 4]), torch.tensor([0, 1]), eos=2)


def test_compress_needs_tensors():
    with pytest.raises(TypeError, match="tokens must be a .*Tensor; got list"):
        compress_sequences([], [])
