"""Tests for rnnbook.nn.captioner: encoder, decoders, teacher forcing, decoding."""

from __future__ import annotations

import pytest
import torch

from rnnbook.data.scenes import Vocabulary, make_scenes, scene_batches
from rnnbook.nn import Captioner, ImageEncoder, caption_loss
from rnnbook.train import fit


@pytest.fixture(scope="module")
def scenes():
    s = make_scenes(40, "train", seed=0)
    return s, Vocabulary(c for refs in s.captions for c in refs)


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
def test_teacher_forcing_scores_match_step_by_step(cell, scenes):
    s, vocab = scenes
    torch.manual_seed(0)
    model = Captioner(len(vocab), kind=cell, hidden_size=8, embedding_size=6, features=5)
    images = torch.as_tensor(s.images[:3])
    tokens = torch.as_tensor(vocab.encode_batch([c[0] for c in s.captions[:3]]))
    scores = model(images, tokens)
    assert scores.shape == (tokens.shape[0], 3, len(vocab))
    # by hand: the image bias enters at t = 1 only (Eq. (10.2))
    b_v = model.image_to_hidden(model.image_norm(model.encoder(images)))
    state = model.initial_state(3, images.device)
    for t in range(tokens.shape[0]):
        y, state = model.step(tokens[t], state, b_v if t == 0 else None)
        torch.testing.assert_close(scores[t], y)


def test_vanilla_step_is_the_multimodal_rnn_equation(scenes):
    _, vocab = scenes
    torch.manual_seed(1)
    model = Captioner(len(vocab), kind="rnn", hidden_size=4, embedding_size=3, features=5)
    word = torch.tensor([5, 6])
    h = torch.rand(2, 4)
    b_v = torch.rand(2, 4)
    y, (h_new,) = model.step(word, (h,), b_v)
    x = model.embedding(word)
    expected = torch.relu(x @ model.weight_ih.T + h @ model.weight_hh.T + model.bias_ih + b_v)
    torch.testing.assert_close(h_new, expected)
    torch.testing.assert_close(y, model.output(expected))


def test_lstm_step_matches_torch_lstmcell(scenes):
    _, vocab = scenes
    torch.manual_seed(2)
    model = Captioner(len(vocab), kind="lstm", hidden_size=5, embedding_size=3, features=4)
    ref = torch.nn.LSTMCell(3, 5)
    with torch.no_grad():
        ref.weight_ih.copy_(model.weight_ih)
        ref.weight_hh.copy_(model.weight_hh)
        ref.bias_ih.copy_(model.bias_ih)
        ref.bias_hh.zero_()
    word = torch.tensor([4, 7, 9])
    h, c = torch.rand(3, 5), torch.rand(3, 5)
    _, (h1, c1) = model.step(word, (h, c), None)
    h2, c2 = ref(model.embedding(word), (h, c))
    torch.testing.assert_close(h1, h2)
    torch.testing.assert_close(c1, c2)


def test_image_every_step_adds_the_bias_at_every_step(scenes):
    s, vocab = scenes
    torch.manual_seed(0)
    model = Captioner(len(vocab), kind="rnn", hidden_size=6, features=5, image_every_step=True)
    images = torch.as_tensor(s.images[:2])
    tokens = torch.as_tensor(vocab.encode_batch([c[0] for c in s.captions[:2]]))
    b_v = model.image_bias(images)
    state = model.initial_state(2, images.device)
    scores = model(images, tokens)
    for t in range(tokens.shape[0]):
        y, state = model.step(tokens[t], state, b_v)
        torch.testing.assert_close(scores[t], y)


def test_training_learns_and_beam_of_one_is_greedy(scenes):
    s, vocab = scenes
    torch.manual_seed(0)
    model = Captioner(len(vocab), kind="lstm", hidden_size=16, embedding_size=8, features=8,
                      encoder_channels=4)
    images = torch.as_tensor(s.images[:4])
    tokens = torch.as_tensor(vocab.encode_batch([c[0] for c in s.captions[:4]]))
    with torch.no_grad():
        before = float(caption_loss(model, images, tokens))
    fit(model, lambda m, b: caption_loss(m, *b), [(images, tokens)], steps=40, lr=1e-2,
        progress=False)
    model.eval()
    with torch.no_grad():
        after = float(caption_loss(model, images, tokens))
    assert after < 0.5 * before
    greedy = model.greedy(images)
    for k in range(4):
        assert model.beam_search(images[k], beam=1) == greedy[k]


@pytest.mark.slow
def test_beam_search_finds_a_caption_at_least_as_probable_as_greedy(scenes):
    s, vocab = scenes
    torch.manual_seed(3)
    model = Captioner(len(vocab), kind="rnn", hidden_size=16, features=8).eval()

    @torch.no_grad()
    def log_prob(image, ids):
        tokens = torch.tensor([vocab.START] + ids + [vocab.END])[:, None]
        logp = torch.log_softmax(model(image[None], tokens[:-1]), dim=-1)[:, 0]
        return float(logp.gather(1, tokens[1:]).sum())

    for k in range(5):
        image = torch.as_tensor(s.images[k])
        g = model.greedy(image[None], max_length=30)[0]
        b = model.beam_search(image, beam=4, max_length=30)
        assert log_prob(image, b) >= log_prob(image, g) - 1e-5


def test_captioner_errors(scenes):
    _, vocab = scenes
    with pytest.raises(ValueError, match="kind must be one of 'rnn', 'lstm'"):
        Captioner(len(vocab), kind="gru")
    with pytest.raises(TypeError, match="encoder must be an ImageEncoder"):
        Captioner(len(vocab), encoder=torch.nn.Linear(2, 2))
    model = Captioner(len(vocab), hidden_size=4)
    with pytest.raises(ValueError, match=r"tokens must have shape \(T, B=2\)"):
        model(torch.rand(2, 1, 24, 24), torch.zeros(5, 3, dtype=torch.long))
    with pytest.raises(ValueError, match="beam must be an integer >= 1"):
        model.beam_search(torch.rand(1, 24, 24), beam=0)
    with pytest.raises(ValueError, match="max_length must be an integer >= 1; got 0"):
        model.beam_search(torch.rand(1, 24, 24), max_length=0)
    with pytest.raises(ValueError, match="max_length must be an integer >= 1; got 0"):
        model.greedy(torch.rand(1, 1, 24, 24), max_length=0)


def test_scene_batches_shapes(scenes):
    s, vocab = scenes
    images, tokens = next(scene_batches(s, vocab, 5, seed=0))
    assert images.shape == (5, 1, 24, 24) and tokens.shape[1] == 5
    assert bool((tokens[0] == vocab.START).all())


def test_lstm_step_with_image_bias_matches_the_books_lstm_cell(scenes):
    """Captioner.step calls rnnbook.nn.lstm_step: with b_v added to the input projection it
    equals rnnbook.nn.LSTMCell whose input bias is b_h + b_v."""
    from rnnbook.nn.lstm import LSTMCell

    _, vocab = scenes
    torch.manual_seed(3)
    model = Captioner(len(vocab), kind="lstm", hidden_size=5, embedding_size=3, features=4)
    word = torch.tensor([4, 7])
    h, c = torch.rand(2, 5), torch.rand(2, 5)
    b_v = torch.rand(1, 20)  # one image, both rows
    _, (h1, c1) = model.step(word, (h, c), b_v.expand(2, -1))
    cell = LSTMCell(3, 5)
    with torch.no_grad():
        cell.weight_ih.copy_(model.weight_ih)
        cell.weight_hh.copy_(model.weight_hh)
        cell.bias_ih.copy_(model.bias_ih + b_v[0])
        cell.bias_hh.zero_()
    h2, c2 = cell(model.embedding(word), (h, c))
    torch.testing.assert_close(h1, h2)
    torch.testing.assert_close(c1, c2)


def test_image_vector_is_standardised_over_the_batch(scenes):
    """b_v = W_hi (v - mean) / sqrt(var + eps), statistics over the minibatch in training
    and running statistics in evaluation; normalize_image=False gives W_hi v."""
    s, vocab = scenes
    torch.manual_seed(4)
    model = Captioner(len(vocab), kind="lstm", hidden_size=4, features=5)
    images = torch.as_tensor(s.images[:6])
    v = model.encoder(images)
    z = (v - v.mean(0)) / torch.sqrt(v.var(0, unbiased=False) + 1e-5)
    torch.testing.assert_close(model.image_bias(images), model.image_to_hidden(z))
    model.eval()
    running = (v - model.image_norm.running_mean) / torch.sqrt(model.image_norm.running_var + 1e-5)
    torch.testing.assert_close(model.image_bias(images), model.image_to_hidden(running))
    raw = Captioner(len(vocab), kind="rnn", hidden_size=4, features=5, normalize_image=False)
    torch.testing.assert_close(raw.image_bias(images), raw.image_to_hidden(raw.encoder(images)))


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
def test_image_as_state_sets_the_initial_state_only(cell, scenes):
    s, vocab = scenes
    torch.manual_seed(5)
    H = 6
    model = Captioner(len(vocab), kind=cell, hidden_size=H, embedding_size=4, features=5,
                      image_as_state=True).eval()
    images = torch.as_tensor(s.images[:3])
    tokens = torch.as_tensor(vocab.encode_batch([c[0] for c in s.captions[:3]]))
    b_v = model.image_bias(images)
    assert b_v.shape == (3, 2 * H if cell == "lstm" else H)
    scores = model(images, tokens)
    if cell == "lstm":  # c_0 = b_v[:, H:], h_0 = tanh(b_v[:, :H]), then torch's own LSTMCell
        ref = torch.nn.LSTMCell(4, H)
        with torch.no_grad():
            ref.weight_ih.copy_(model.weight_ih)
            ref.weight_hh.copy_(model.weight_hh)
            ref.bias_ih.copy_(model.bias_ih)
            ref.bias_hh.zero_()
        h, c = torch.tanh(b_v[:, :H]), b_v[:, H:]
        for t in range(tokens.shape[0]):
            h, c = ref(model.embedding(tokens[t]), (h, c))
            torch.testing.assert_close(scores[t], model.output(h))
    else:  # h_0 = f(b_v), no image term at any step
        h = torch.relu(b_v)
        for t in range(tokens.shape[0]):
            x = model.embedding(tokens[t])
            h = torch.relu(x @ model.weight_ih.T + model.bias_ih + h @ model.weight_hh.T)
            torch.testing.assert_close(scores[t], model.output(h))
    greedy = model.greedy(images)
    for k in range(3):
        assert model.beam_search(images[k], beam=1) == greedy[k]


def test_image_as_state_and_every_step_exclude_each_other(scenes):
    _, vocab = scenes
    with pytest.raises(ValueError, match="image_as_state and image_every_step exclude each other"):
        Captioner(len(vocab), image_as_state=True, image_every_step=True)


def test_generation_uses_running_statistics_in_any_mode(scenes):
    s, vocab = scenes
    torch.manual_seed(6)
    model = Captioner(len(vocab), kind="lstm", hidden_size=6, features=5, image_as_state=True)
    image = torch.as_tensor(s.images[0])
    assert model.training
    caption = model.beam_search(image, beam=2)  # one image in training mode: no error
    assert model.greedy(image[None]) == [model.eval().beam_search(image, beam=1)]
    assert isinstance(caption, list)
    model.train()
    with pytest.raises(ValueError, match="images must hold at least 2 images in training mode"):
        model(image[None], torch.ones(3, 1, dtype=torch.long))
