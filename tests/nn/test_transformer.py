import pytest
import torch

from rnnbook.nn import CausalTransformer, sinusoidal_positions


def test_causal_and_cache_equal_full_pass():
    torch.manual_seed(0)
    model = CausalTransformer(3, 8, 2, n_layers=2, n_heads=2).double().eval()
    x = torch.randn(12, 2, 3, dtype=torch.float64)
    y = model(x)
    assert y.shape == (12, 2, 2)
    x2 = x.clone()
    x2[7:] += 1.0  # changing the future does not change the past
    torch.testing.assert_close(model(x2)[:7], y[:7])
    cache: list = []
    for t in range(12):
        torch.testing.assert_close(model.step(x[t], cache), y[t], atol=1e-10, rtol=0)
    k, v = cache[0]
    assert k.shape == (2, 2, 12, 4) and v.shape == (2, 2, 12, 4)
    stored = sum(t.numel() * t.element_size() for c in cache for t in c)
    assert stored == model.cache_bytes(12, batch_size=2, dtype=torch.float64)


def test_positions():
    pe = sinusoidal_positions(5, 6)
    assert pe.shape == (5, 6)
    torch.testing.assert_close(pe[0], torch.tensor([0.0, 1.0, 0.0, 1.0, 0.0, 1.0]))
    torch.testing.assert_close(sinusoidal_positions(2, 6, start=3), pe[3:5])


def test_rejections():
    with pytest.raises(ValueError, match="d_model must be a multiple of n_heads=2; got 7"):
        CausalTransformer(3, 7, 2)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=3\)"):
        CausalTransformer(3, 8, 2)(torch.zeros(4, 2, 5))
    with pytest.raises(ValueError, match="n_layers must be an integer >= 1"):
        CausalTransformer(3, 8, 2, n_layers=0)
    with pytest.raises(ValueError, match="t must be an integer >= 0"):
        CausalTransformer(3, 8, 2).cache_bytes(-1)


def test_positions_refuse_negative_sizes():
    from rnnbook.nn import sinusoidal_positions

    with pytest.raises(ValueError, match="T must be an integer >= 1; got -1"):
        sinusoidal_positions(-1, 4)
    with pytest.raises(ValueError, match="start must be an integer >= 0; got -2"):
        sinusoidal_positions(3, 4, start=-2)
