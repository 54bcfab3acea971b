import pytest
import torch

from rnnbook.data.copy_task import copy_batch
from rnnbook.nn.ntm import NTM


@pytest.mark.slow
@pytest.mark.parametrize("controller", ["lstm", "feedforward"])
def test_shapes_and_weightings(controller):
    torch.manual_seed(0)
    model = NTM(5, 4, hidden_size=8, slots=6, width=3, controller=controller)
    x, y, mask = copy_batch(2, 3, bits=4, seed=0)
    out, w = model(x, record=True)
    assert out.shape == (7, 2, 4)
    assert w["read"].shape == w["write"].shape == (7, 2, 6)
    assert torch.allclose(w["read"].sum(2), torch.ones(7, 2), atol=1e-5)
    assert torch.allclose(w["write"].sum(2), torch.ones(7, 2), atol=1e-5)
    assert torch.equal(model(x), out)
    out.sum().backward()
    assert all(p.grad is not None for p in model.parameters())


def test_output_is_causal():
    torch.manual_seed(1)
    model = NTM(5, 4, hidden_size=8, slots=6, width=3).eval()
    x, _, _ = copy_batch(2, 3, bits=4, seed=1)
    x2 = x.clone()
    x2[4:] = 1 - x2[4:]
    with torch.no_grad():
        a, b = model(x), model(x2)
    assert torch.allclose(a[:4], b[:4]) and not torch.allclose(a[4:], b[4:])


def test_gradients_float64():
    torch.manual_seed(2)
    model = NTM(3, 2, hidden_size=4, slots=4, width=2, controller="feedforward").double()
    x = torch.rand(3, 1, 3, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda inp: model(inp), (x,))


def test_rejections():
    with pytest.raises(ValueError, match="controller must be 'lstm' or 'feedforward'; got 'gru'"):
        NTM(5, 4, controller="gru")
    with pytest.raises(ValueError, match="shifts must be odd and at most slots=4; got 2"):
        NTM(5, 4, slots=4, shifts=2)
    with pytest.raises(ValueError, match="slots must be an integer >= 2; got 1"):
        NTM(5, 4, slots=1)
    model = NTM(5, 4, hidden_size=4, slots=4, width=2)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=5\); got \(3, 2, 4\)"):
        model(torch.zeros(3, 2, 4))
    with pytest.raises(TypeError, match="x must be a torch.Tensor"):
        model([[0.0] * 5])
