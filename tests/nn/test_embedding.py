"""Tests for rnnbook.nn.embedding: the sentence BRNN, the region-word score, the ranking loss."""

from __future__ import annotations

import pytest
import torch

from rnnbook.data.scenes import Vocabulary, make_scenes
from rnnbook.nn.embedding import JointEmbedding, SentenceBRNN, ranking_loss
from rnnbook.train import fit


@pytest.fixture(scope="module")
def scenes():
    s = make_scenes(40, "train", seed=0)
    return s, Vocabulary(c for refs in s.captions for c in refs)


def test_sentence_brnn_ignores_padding(scenes):
    _, vocab = scenes
    torch.manual_seed(0)
    brnn = SentenceBRNN(len(vocab), 5, 6, 7)
    short = torch.as_tensor(vocab.encode_batch(["a one is above a two"]))
    padded = torch.as_tensor(vocab.encode_batch(["a one is above a two"], T=15))
    s1, m1 = brnn(short)
    s2, m2 = brnn(padded)
    torch.testing.assert_close(s2[: len(s1)], s1)
    assert float(s2[len(s1):].detach().abs().sum()) == 0.0 and float(m2.sum()) == float(m1.sum())


def test_score_is_sum_over_words_of_best_region():
    v = torch.tensor([[[1.0, 0.0], [0.0, 2.0]]])  # one image, two regions
    s = torch.tensor([[[1.0, 1.0]], [[3.0, 0.0]], [[0.0, 0.0]]])  # three words, one sentence
    # word 1: max(1, 2) = 2; word 2: max(3, 0) = 3; padding: 0
    assert float(JointEmbedding.score(v, s)) == 5.0


def test_ranking_loss_by_hand():
    S = torch.tensor([[3.0, 2.5], [0.0, 1.0]])
    # image 0: sentence 1 within the margin: 2.5 - 3 + 1 = 0.5; image 1: 0 - 1 + 1 = 0
    # sentence 0: image 1 gives 0 - 3 + 1 < 0; sentence 1: image 0 gives 2.5 - 1 + 1 = 2.5
    assert float(ranking_loss(S)) == pytest.approx((0.5 + 0.0 + 0.0 + 2.5) / 2)
    with pytest.raises(ValueError, match="square"):
        ranking_loss(torch.zeros(2, 3))


def test_joint_embedding_learns_to_rank(scenes):
    s, vocab = scenes
    torch.manual_seed(0)
    model = JointEmbedding(len(vocab), size=16, encoder_channels=4, features=8, hidden_size=16)
    images = torch.as_tensor(s.images[:8])
    tokens = torch.as_tensor(vocab.encode_batch([c[0] for c in s.captions[:8]]))
    with torch.no_grad():
        before = float(ranking_loss(model.scores(images, tokens)))
    fit(model, lambda m, b: ranking_loss(m.scores(*b)), [(images, tokens)], steps=40,
        lr=1e-2, progress=False)
    with torch.no_grad():
        S = model.scores(images, tokens)
    assert float(ranking_loss(S)) < 0.5 * before


def test_ranking_loss_needs_a_tensor():
    from rnnbook.nn import ranking_loss

    with pytest.raises(TypeError, match="scores must be a .*Tensor; got list"):
        ranking_loss([[1.0]])
