import itertools

import pytest
import torch

from rnnbook.data.copy_task import copy_batch, copy_batches, copy_loss, wrong_bits


def test_layout():
    x, y, mask = copy_batch(3, 4, bits=5, seed=0)
    assert x.shape == (9, 3, 6) and y.shape == (9, 3, 5) and mask.shape == (9,)
    assert torch.equal(x[:4, :, :5], y[5:])  # recall in the same order
    assert torch.all(x[4, :, 5] == 1) and torch.all(x[4, :, :5] == 0)  # the delimiter
    assert torch.all(x[:4, :, 5] == 0) and torch.all(x[5:] == 0)
    assert torch.equal(mask, torch.tensor([False] * 5 + [True] * 4))
    assert torch.all(y[:5] == 0)


def test_seeded():
    a, b = copy_batch(2, 3, seed=7), copy_batch(2, 3, seed=7)
    assert all(torch.equal(u, v) for u, v in zip(a, b))
    assert not torch.equal(copy_batch(2, 3, seed=8)[0], a[0])


def test_stream_lengths():
    lengths = {b[2].sum().item() for b in itertools.islice(copy_batches(2, 2, 4, bits=3, seed=0), 50)}
    assert lengths == {2, 3, 4}


def test_wrong_bits():
    x, y, mask = copy_batch(2, 3, bits=4, seed=0)
    logits = 2 * y - 1  # perfect
    assert torch.equal(wrong_bits(logits, y, mask), torch.zeros(2))
    logits[5, 1, :3] *= -1  # three bits wrong in sequence 1
    logits[0, 0, :] = 5.0  # outside the recall phase: not scored
    assert torch.equal(wrong_bits(logits, y, mask), torch.tensor([0.0, 3.0]))


def test_rejections():
    with pytest.raises(ValueError, match="length must be an integer >= 1; got 0"):
        copy_batch(2, 0)
    with pytest.raises(ValueError, match="bits must be an integer >= 1; got True"):
        copy_batch(2, 3, bits=True)
    with pytest.raises(ValueError, match="max_length must be >= min_length=5; got 3"):
        next(copy_batches(2, 5, 3))
    with pytest.raises(ValueError, match="mask must have shape"):
        wrong_bits(torch.zeros(3, 1, 2), torch.zeros(3, 1, 2), torch.zeros(2, dtype=torch.bool))


def test_copy_loss_scores_only_recall():
    x, y, mask = copy_batch(2, 3, bits=4, seed=0)
    perfect = (2 * y - 1) * 50
    perfect[:4] = 9.0  # not scored
    assert float(copy_loss(lambda inp: perfect, (x, y, mask))) < 1e-6
    assert float(copy_loss(lambda inp: torch.zeros_like(y), (x, y, mask))) == pytest.approx(0.693147, abs=1e-5)
    with pytest.raises(ValueError, match=r"model\(x\) must return logits of shape \(7, 2, 4\)"):
        copy_loss(lambda inp: torch.zeros(7, 2, 5), (x, y, mask))
