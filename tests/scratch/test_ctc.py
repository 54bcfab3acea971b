"""CTC from scratch: PyTorch parity, brute-force enumeration, finite differences, input checks."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch

from rnnbook.scratch import (
    ctc_backward,
    ctc_batch,
    ctc_beam_search,
    ctc_collapse,
    ctc_extend,
    ctc_forward,
    ctc_grad,
    ctc_greedy_decode,
    ctc_loss,
    log_softmax,
)


def torch_ctc(a: np.ndarray, target, blank: int = 0) -> tuple:
    """Loss and gradient w.r.t. the activations ``a`` (T, C), through log_softmax."""
    x = torch.tensor(a, dtype=torch.float64, requires_grad=True)
    lp = x.log_softmax(-1)[:, None, :]  # (T, 1, C)
    tgt = torch.tensor([list(target)] if len(target) else [[blank + 1 if blank == 0 else 0]])
    loss = torch.nn.functional.ctc_loss(
        lp, tgt, torch.tensor([a.shape[0]]), torch.tensor([len(target)]), blank=blank, reduction="sum"
    )
    loss.backward()
    return loss.item(), x.grad.numpy()


def min_length(target) -> int:
    """Fewest steps that can emit ``target``: one per label, plus a blank between repeats."""
    return len(target) + sum(1 for a, b in zip(target, target[1:]) if a == b)


def random_cases(seed: int, n: int):
    rng = np.random.default_rng(seed)
    for _ in range(n):
        C = int(rng.integers(2, 7))
        blank = int(rng.integers(0, C))
        labels = [k for k in range(C) if k != blank]
        U = int(rng.integers(0, 6))
        target = [int(v) for v in rng.choice(labels, size=U)]
        if U >= 2 and rng.random() < 0.5:
            target[1] = target[0]  # make sure repeats are common
        T = max(min_length(target), 1) + int(rng.integers(0, 8))
        yield rng.normal(size=(T, C)) * 2.0, target, blank


@pytest.mark.parametrize("case", range(40))
def test_loss_and_grad_match_torch(case):
    a, target, blank = list(random_cases(case, 1))[0]
    lp = log_softmax(a)
    ref_loss, ref_grad = torch_ctc(a, target, blank)
    assert abs(ctc_loss(lp, target, blank) - ref_loss) < 1e-8
    np.testing.assert_allclose(ctc_grad(lp, target, blank), ref_grad, atol=1e-8, rtol=0)


@pytest.mark.parametrize(
    "target", [[], [1], [1, 1], [2, 1, 2], [1, 1, 1], [3, 2, 2, 1], [1, 2, 3, 4]]
)
def test_minimum_length_matches_torch(target):
    rng = np.random.default_rng(len(target))
    T = max(min_length(target), 1)
    a = rng.normal(size=(T, 5))
    ref_loss, ref_grad = torch_ctc(a, target)
    assert abs(ctc_loss(log_softmax(a), target) - ref_loss) < 1e-8
    np.testing.assert_allclose(ctc_grad(log_softmax(a), target), ref_grad, atol=1e-8, rtol=0)
    # one step fewer and no path is left
    if T > 1:
        assert ctc_loss(log_softmax(a[:-1]), target) == np.inf


def brute_force_log_prob(lp: np.ndarray, target, blank: int) -> float:
    T, C = lp.shape
    total = 0.0
    for path in itertools.product(range(C), repeat=T):
        if ctc_collapse(path, blank) == list(target):
            total += np.exp(sum(lp[t, k] for t, k in enumerate(path)))
    return np.log(total) if total > 0 else -np.inf


@pytest.mark.parametrize(
    "T,C,target,blank",
    [(1, 2, [], 0), (3, 3, [1], 0), (4, 3, [1, 1], 0), (5, 3, [1, 2], 0), (5, 4, [3, 1, 3], 2),
     (6, 3, [2, 2, 1], 0), (4, 3, [0, 1], 2), (2, 3, [1, 1], 0)],
)
def test_equals_brute_force_enumeration(T, C, target, blank):
    rng = np.random.default_rng(T * 10 + C)
    lp = log_softmax(rng.normal(size=(T, C)))
    assert abs(-ctc_loss(lp, target, blank) - brute_force_log_prob(lp, target, blank)) < 1e-12 or (
        ctc_loss(lp, target, blank) == np.inf and brute_force_log_prob(lp, target, blank) == -np.inf
    )


def test_alpha_beta_products_sum_to_p_at_every_step():
    rng = np.random.default_rng(0)
    lp = log_softmax(rng.normal(size=(12, 4)))
    target = [1, 2, 2, 3]
    log_p = -ctc_loss(lp, target)
    la, lb = ctc_forward(lp, target), ctc_backward(lp, target)
    per_step = np.logaddexp.reduce(la + lb, axis=1)  # (T,)
    np.testing.assert_allclose(per_step, log_p, atol=1e-12)
    assert la.shape == lb.shape == (12, 9)


def test_grad_against_central_differences():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(7, 4))
    target = [1, 3, 3]
    g = ctc_grad(log_softmax(a), target)
    num = np.zeros_like(a)
    eps = 1e-6
    for idx in np.ndindex(*a.shape):
        ap, am = a.copy(), a.copy()
        ap[idx] += eps
        am[idx] -= eps
        num[idx] = (ctc_loss(log_softmax(ap), target) - ctc_loss(log_softmax(am), target)) / (2 * eps)
    np.testing.assert_allclose(g, num, atol=1e-8, rtol=0)


def test_long_sequence_stays_finite_and_matches_torch():
    rng = np.random.default_rng(2)
    a = rng.normal(size=(2000, 6)) * 3.0
    target = [int(v) for v in rng.integers(1, 6, size=300)]
    lp = log_softmax(a)
    loss, grad = ctc_loss(lp, target), ctc_grad(lp, target)
    assert np.isfinite(loss) and loss > 745  # p(z|x) < 1e-323: probabilities would underflow
    assert np.isfinite(grad).all()
    ref_loss, ref_grad = torch_ctc(a, target)
    assert abs(loss - ref_loss) < 1e-8 * max(1.0, abs(ref_loss))
    np.testing.assert_allclose(grad, ref_grad, atol=1e-8, rtol=0)


def test_no_alignment_gives_inf_and_zero_gradient():
    lp = log_softmax(np.zeros((3, 3)))
    assert ctc_loss(lp, [1, 1, 2]) == np.inf  # needs 4 steps
    assert ctc_loss(lp, [1, 2, 1, 2]) == np.inf
    assert (ctc_grad(lp, [1, 1, 2]) == 0).all()


def test_extend_and_skip():
    ext, skip = ctc_extend([1, 1, 2], blank=0)
    assert ext.tolist() == [0, 1, 0, 1, 0, 2, 0]
    assert skip.tolist() == [False, False, False, False, False, True, False]


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda lp: ctc_loss(lp, [1, 0, 2]), "must not contain the blank"),
        (lambda lp: ctc_loss(lp, [1, 5]), r"labels must lie in \[0, C=4\)"),
        (lambda lp: ctc_loss(lp, [-1]), r"labels must lie in \[0, C=4\)"),
        (lambda lp: ctc_loss(lp[None], [1]), r"log_probs must have shape \(T, C\)"),
        (lambda lp: ctc_loss(lp + 0.5, [1]), "normalised log-probabilities"),
        (lambda lp: ctc_loss(np.exp(lp), [1]), "normalised log-probabilities"),
        (lambda lp: ctc_grad(lp, [1], blank=4), r"blank must be a class index in \[0, C=4\)"),
        (lambda lp: ctc_greedy_decode(lp[:, :, None]), r"scores must have shape \(T, C\)"),
        (lambda lp: ctc_beam_search(lp, 0), "beam_width must be an integer >= 1"),
        (lambda lp: ctc_batch(lp, [[1]]), r"log_probs must have shape \(T, B, C\)"),
        (lambda lp: ctc_batch(lp[:, None], [[1], [2]]), "targets must hold B=1 sequences"),
        (lambda lp: ctc_batch(lp[:, None], [[1]], input_lengths=[9]), r"input_lengths must be B=1 lengths"),
    ],
)
def test_bad_input_raises_clear_errors(call, match):
    lp = log_softmax(np.random.default_rng(0).normal(size=(5, 4)))
    with pytest.raises(ValueError, match=match):
        call(lp)


def test_nan_input_is_rejected():
    lp = log_softmax(np.zeros((3, 3)))
    lp[1, 1] = np.nan
    with pytest.raises(ValueError, match="nan"):
        ctc_loss(lp, [1])


def test_normalisation_check_tolerates_float32_and_six_digit_probabilities():
    rng = np.random.default_rng(3)
    a = rng.normal(size=(40, 28)) * 3
    lp = log_softmax(a)
    target = [1, 5, 5, 9]
    exact = ctc_loss(lp, target)
    # float32 log_softmax output (as torch returns it)
    lp32 = torch.tensor(a, dtype=torch.float32).log_softmax(-1).numpy()
    assert abs(ctc_loss(lp32, target) - exact) < 1e-3
    # probabilities published to 6 digits, then their logarithm
    p6 = np.round(np.exp(lp), 6)
    with np.errstate(divide="ignore"):
        assert abs(ctc_loss(np.log(p6), target) - exact) < 1e-3 * exact   # accepted; tiny values rounded
    # log-probabilities rounded to 6 digits
    assert abs(ctc_loss(np.round(lp, 6), target) - exact) < 1e-3


def test_normalisation_check_still_rejects_logits():
    a = np.random.default_rng(4).normal(size=(6, 5))
    with pytest.raises(ValueError, match="normalised log-probabilities.*log_softmax"):
        ctc_loss(a, [1, 2])
