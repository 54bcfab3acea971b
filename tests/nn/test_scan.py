import pytest
import torch

from rnnbook.nn.scan import linear_scan, linear_scan_loop


def _data(T=33, shape=(4, 3), seed=0):
    g = torch.Generator().manual_seed(seed)
    a = torch.rand((T,) + shape, generator=g, dtype=torch.float64) * 2 - 1
    b = torch.randn((T,) + shape, generator=g, dtype=torch.float64)
    h0 = torch.randn(shape, generator=g, dtype=torch.float64)
    return a, b, h0


@pytest.mark.parametrize("T", [1, 2, 5, 33, 64])
def test_matches_loop(T):
    a, b, h0 = _data(T)
    torch.testing.assert_close(linear_scan(a, b, h0), linear_scan_loop(a, b, h0), atol=1e-12, rtol=0)
    torch.testing.assert_close(linear_scan(a, b), linear_scan_loop(a, b), atol=1e-12, rtol=0)


def test_hand_backward_matches_autograd_of_loop():
    a, b, h0 = (v.requires_grad_() for v in _data(40))
    w = torch.randn(a.shape, dtype=torch.float64)
    (linear_scan(a, b, h0) * w).sum().backward()
    grads = [v.grad.clone() for v in (a, b, h0)]
    for v in (a, b, h0):
        v.grad = None
    (linear_scan_loop(a, b, h0) * w).sum().backward()
    for g, v in zip(grads, (a, b, h0)):
        torch.testing.assert_close(g, v.grad, atol=1e-10, rtol=0)


def test_gradcheck_central_differences():
    a, b, h0 = (v[:, :2, :2].contiguous().requires_grad_() if v.dim() == 3 else v[:2, :2].contiguous().requires_grad_()
                for v in _data(7))
    assert torch.autograd.gradcheck(linear_scan, (a, b, h0))
    assert torch.autograd.gradcheck(lambda a, b: linear_scan(a, b), (a, b))


def test_rejections():
    a, b, h0 = _data()
    with pytest.raises(TypeError, match="a must be a torch.Tensor"):
        linear_scan(a.numpy(), b)
    with pytest.raises(ValueError, match="a and b must have the same shape"):
        linear_scan(a, b[1:])
    with pytest.raises(ValueError, match=r"h0 must have the trailing shape of a, \(4, 3\); got \(3,\)"):
        linear_scan(a, b, h0[0])
    with pytest.raises(TypeError, match="b must be a floating-point tensor"):
        linear_scan(a, b.long())
