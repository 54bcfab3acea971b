import pytest
import torch

from rnnbook.nn import MinGRU


def test_parallel_equals_sequential_and_step():
    torch.manual_seed(0)
    layer = MinGRU(3, 5).double()
    x = torch.randn(20, 4, 3, dtype=torch.float64)
    h0 = torch.randn(4, 5, dtype=torch.float64)
    par = layer(x, h0, mode="parallel")
    seq = layer(x, h0, mode="sequential")
    assert par.shape == (20, 4, 5)
    torch.testing.assert_close(par, seq, atol=1e-12, rtol=0)
    # Eq. (15.4) by hand for the first step
    z = torch.sigmoid(x[0] @ layer.gate.weight.T + layer.gate.bias)
    cand = x[0] @ layer.candidate.weight.T + layer.candidate.bias
    torch.testing.assert_close(par[0], (1 - z) * h0 + z * cand)


def test_parameter_count_and_gradients():
    layer = MinGRU(3, 5)
    assert sum(p.numel() for p in layer.parameters()) == 2 * (5 * 3 + 5)
    x = torch.randn(6, 2, 3)
    layer(x).sum().backward()
    assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in layer.parameters())


def test_rejections():
    layer = MinGRU(3, 5)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=3\); got \(4, 2, 2\)"):
        layer(torch.zeros(4, 2, 2))
    with pytest.raises(ValueError, match=r"h0 must have shape \(B=2, H=5\)"):
        layer(torch.zeros(4, 2, 3), torch.zeros(5))
    with pytest.raises(ValueError, match="mode must be 'parallel' or 'sequential'"):
        layer(torch.zeros(4, 2, 3), mode="fast")
    with pytest.raises(ValueError, match="hidden_size must be an integer >= 1"):
        MinGRU(3, 0)
