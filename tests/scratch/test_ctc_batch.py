"""CTC on a padded batch: equal to the single-sequence functions and to PyTorch."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.scratch import ctc_batch, ctc_grad, ctc_loss, log_softmax



def test_batch_matches_single_and_torch_with_ragged_lengths():
    rng = np.random.default_rng(3)
    T, B, C = 15, 6, 5
    a = rng.normal(size=(T, B, C))
    lp = log_softmax(a)
    t_len = np.array([15, 9, 4, 12, 1, 15])
    targets = [[1, 2, 2], [4], [3, 3], [], [], [1, 2, 3, 4, 1, 2]]
    losses, grad = ctc_batch(lp, targets, input_lengths=t_len)
    for b in range(B):
        assert abs(losses[b] - ctc_loss(lp[: t_len[b], b], targets[b])) < 1e-10
        np.testing.assert_allclose(grad[: t_len[b], b], ctc_grad(lp[: t_len[b], b], targets[b]), atol=1e-10)
        assert (grad[t_len[b] :, b] == 0).all()
    # PyTorch on the same padded batch
    x = torch.tensor(a, requires_grad=True)
    padded = torch.tensor([z + [1] * (6 - len(z)) for z in targets])
    ref = torch.nn.functional.ctc_loss(
        x.log_softmax(-1), padded, torch.tensor(t_len), torch.tensor([len(z) for z in targets]),
        reduction="none",
    )
    ref.sum().backward()
    np.testing.assert_allclose(losses, ref.detach().numpy(), atol=1e-8)
    np.testing.assert_allclose(grad, x.grad.numpy(), atol=1e-8)
    # the padded-array form gives the same
    arr = np.array([z + [0] * (6 - len(z)) for z in targets])
    losses2, _ = ctc_batch(lp, arr, t_len, [len(z) for z in targets])
    np.testing.assert_allclose(losses2, losses)


def test_batch_float32_close_to_float64():
    rng = np.random.default_rng(4)
    lp = log_softmax(rng.normal(size=(30, 4, 6)))
    targets = rng.integers(1, 6, size=(4, 5))
    l64, g64 = ctc_batch(lp, targets)
    l32, g32 = ctc_batch(lp.astype(np.float32), targets)
    assert g32.dtype == np.float32
    np.testing.assert_allclose(l32, l64, rtol=1e-5)
    np.testing.assert_allclose(g32, g64, atol=1e-5)


def test_batch_refuses_bad_input():
    log_probs = np.log(np.full((4, 2, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"input_lengths must be B=2 lengths in \[1, T=4\]; got \[5, 4\]"):
        ctc_batch(log_probs, [[1], [2]], input_lengths=[5, 4])
    with pytest.raises(ValueError, match="targets must hold B=2 sequences; got 1"):
        ctc_batch(log_probs, [[1]])
