import numpy as np
import pytest
import torch

from rnnbook.scratch import linear_scan, linear_scan_backward, linear_scan_loop, scan_rounds


def _data(T=37, shape=(3, 2), seed=0):
    rng = np.random.default_rng(seed)
    a = rng.uniform(-1.0, 1.0, (T,) + shape)
    b = rng.normal(size=(T,) + shape)
    h0 = rng.normal(size=shape)
    return a, b, h0


@pytest.mark.parametrize("T", [1, 2, 3, 8, 37, 64, 100])
def test_scan_matches_loop(T):
    a, b, h0 = _data(T)
    np.testing.assert_allclose(linear_scan(a, b, h0), linear_scan_loop(a, b, h0), atol=1e-12)
    np.testing.assert_allclose(linear_scan(a, b), linear_scan_loop(a, b), atol=1e-12)


def test_scan_long_sequence_float64():
    rng = np.random.default_rng(1)
    a = rng.uniform(0.9, 1.0, (10_000, 4))
    b = rng.normal(size=(10_000, 4))
    assert np.abs(linear_scan(a, b) - linear_scan_loop(a, b)).max() < 1e-10


def test_hand_worked_example():
    # h1 = 2*1 + 1 = 3, h2 = 0.5*3 + 2 = 3.5, h3 = 0*3.5 + 4 = 4
    a = np.array([2.0, 0.5, 0.0])
    b = np.array([1.0, 2.0, 4.0])
    np.testing.assert_allclose(linear_scan(a, b, np.array(1.0)), [3.0, 3.5, 4.0])


def test_rounds():
    assert [scan_rounds(T) for T in (1, 2, 3, 4, 5, 1024, 1025)] == [0, 1, 2, 2, 3, 10, 11]
    with pytest.raises(ValueError, match="T must be an integer >= 1"):
        scan_rounds(0)
    with pytest.raises(ValueError, match="T must be"):
        scan_rounds(True)


def test_inputs_not_modified():
    a, b, h0 = _data()
    a0, b0 = a.copy(), b.copy()
    linear_scan(a, b, h0)
    np.testing.assert_array_equal(a, a0)
    np.testing.assert_array_equal(b, b0)


def test_backward_central_differences():
    a, b, h0 = _data(T=9, shape=(2,))
    w = np.random.default_rng(3).normal(size=a.shape)  # L = sum(w * h)
    h = linear_scan(a, b, h0)
    ga, gb, gh0 = linear_scan_backward(a, h, w, h0)
    eps = 1e-6
    for arr, grad in ((a, ga), (b, gb), (h0, gh0)):
        num = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            old = arr[idx]
            arr[idx] = old + eps
            lp = float((w * linear_scan(a, b, h0)).sum())
            arr[idx] = old - eps
            lm = float((w * linear_scan(a, b, h0)).sum())
            arr[idx] = old
            num[idx] = (lp - lm) / (2 * eps)
        np.testing.assert_allclose(grad, num, atol=1e-8)


def test_backward_matches_autograd():
    a, b, h0 = _data(T=50)
    w = np.random.default_rng(4).normal(size=a.shape)
    ta, tb, th0 = (torch.tensor(v, requires_grad=True) for v in (a, b, h0))
    prev, hs = th0, []
    for t in range(a.shape[0]):
        prev = ta[t] * prev + tb[t]
        hs.append(prev)
    (torch.stack(hs) * torch.tensor(w)).sum().backward()
    ga, gb, gh0 = linear_scan_backward(a, linear_scan(a, b, h0), w, h0)
    np.testing.assert_allclose(ga, ta.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(gb, tb.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(gh0, th0.grad.numpy(), atol=1e-10)
    # without h0 the gradient of a_1 is zero (h_0 = 0)
    ga0, _, _ = linear_scan_backward(a, linear_scan(a, b), w)
    np.testing.assert_array_equal(ga0[0], 0.0)


def test_rejections():
    a, b, h0 = _data()
    with pytest.raises(TypeError, match="a must be a numpy.ndarray"):
        linear_scan(a.tolist(), b)
    with pytest.raises(ValueError, match=r"a and b must have the same shape"):
        linear_scan(a, b[:-1])
    with pytest.raises(ValueError, match=r"h0 must have the trailing shape of a, \(3, 2\); got \(2,\)"):
        linear_scan(a, b, h0[0])
    with pytest.raises(TypeError, match="b must hold floating-point numbers"):
        linear_scan(a, b.astype(int))
    with pytest.raises(ValueError, match=r"a must have shape \(T, ...\) with T >= 1"):
        linear_scan(np.zeros(()), np.zeros(()))
    with pytest.raises(TypeError, match="h0 must be a numpy.ndarray or None"):
        linear_scan(a, b, 1.0)
    with pytest.raises(ValueError, match="a and b must have the same shape"):
        linear_scan_backward(a, b, b[:-1])
