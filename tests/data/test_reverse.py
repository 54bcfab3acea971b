import itertools

import pytest
import torch

from rnnbook.data.reverse import EOS, reverse_batch, reverse_batches, sequence_accuracy


def test_layout_and_seed():
    source, target = reverse_batch(4, 6, seed=0)
    assert source.shape == (6, 4) and target.shape == (7, 4)
    assert torch.equal(target[:6], source.flip(0)) and torch.all(target[6] == EOS)
    assert int(source.max()) <= 9 and int(source.min()) >= 0
    assert torch.equal(reverse_batch(4, 6, seed=0)[0], source)


def test_stream_lengths():
    lengths = {s.shape[0] for s, _ in itertools.islice(reverse_batches(2, 3, 5, seed=0), 60)}
    assert lengths == {3, 4, 5}


def test_sequence_accuracy():
    target = torch.tensor([[1, 2, 3], [4, 5, 6]])
    predicted = target.clone()
    predicted[1, 2] = 0
    assert sequence_accuracy(predicted, target) == pytest.approx(2 / 3)


def test_rejections():
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1; got 0"):
        reverse_batch(0, 3)
    with pytest.raises(ValueError, match="max_length must be >= min_length=4; got 2"):
        next(reverse_batches(2, 4, 2))
    with pytest.raises(ValueError, match="same shape"):
        sequence_accuracy(torch.zeros(2, 3), torch.zeros(3, 3))
