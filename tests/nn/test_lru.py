import pytest
import torch

from rnnbook.nn import LRU
from rnnbook.nn.scan import linear_scan_loop


def test_decays_in_range_and_stable():
    torch.manual_seed(0)
    layer = LRU(2, 50, r_min=0.6, r_max=0.95)
    lam = layer.decay()
    assert lam.min() >= 0.6 - 1e-6 and lam.max() <= 0.95 + 1e-6
    with torch.no_grad():
        layer.nu.uniform_(-8, 3)  # any parameter value gives a decay in [0, 1)
    lam = layer.decay()
    assert (lam > 0).all() and (lam < 1).all()


def test_states_match_loop_and_step():
    torch.manual_seed(1)
    layer = LRU(3, 4).double()
    x = torch.randn(15, 2, 3, dtype=torch.float64)
    lam = layer.decay()
    b = torch.sqrt(1 - lam**2) * layer.input(x)
    torch.testing.assert_close(layer.states(x), linear_scan_loop(lam.expand_as(b), b), atol=1e-12, rtol=0)
    y, h = layer(x), torch.zeros(2, 4, dtype=torch.float64)
    for t in range(15):
        y_t, h = layer.step(x[t], h)
        torch.testing.assert_close(y_t, y[t], atol=1e-12, rtol=0)


def test_parameter_count():
    layer = LRU(3, 4)
    assert sum(p.numel() for p in layer.parameters()) == 2 * 4 * 3 + 4 * 4 + 2 * 4


def test_rejections():
    with pytest.raises(ValueError, match="r_min and r_max must satisfy"):
        LRU(2, 3, r_min=0.9, r_max=0.5)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=2\)"):
        LRU(2, 3)(torch.zeros(4, 2))
    with pytest.raises(ValueError, match=r"h0 must have shape \(B=2, H=3\)"):
        LRU(2, 3)(torch.zeros(4, 2, 2), torch.zeros(2, 2))
