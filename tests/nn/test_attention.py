import pytest
import torch

from rnnbook.nn.attention import AdditiveAttention


def test_matches_equation_and_sums_to_one():
    torch.manual_seed(0)
    att = AdditiveAttention(3, 4, 5).double()
    query, keys = torch.randn(2, 3, dtype=torch.float64), torch.randn(6, 2, 4, dtype=torch.float64)
    context, weights = att(query, keys)
    assert context.shape == (2, 4) and weights.shape == (2, 6)
    assert torch.allclose(weights.sum(1), torch.ones(2, dtype=torch.float64))
    W, U, b, v = att.W.weight, att.U.weight, att.U.bias, att.v.weight[0]
    for n in range(2):
        e = torch.stack([v @ torch.tanh(W @ query[n] + U @ keys[j, n] + b) for j in range(6)])
        alpha = torch.softmax(e, 0)
        assert torch.allclose(weights[n], alpha)
        assert torch.allclose(context[n], (alpha.unsqueeze(1) * keys[:, n]).sum(0))


def test_precomputed_projection_gives_the_same():
    torch.manual_seed(1)
    att = AdditiveAttention(3, 4, 5)
    query, keys = torch.randn(2, 3), torch.randn(6, 2, 4)
    a = att(query, keys)
    b = att(query, keys, att.project_keys(keys))
    assert torch.allclose(a[0], b[0]) and torch.allclose(a[1], b[1])


def test_gradients():
    torch.manual_seed(2)
    att = AdditiveAttention(2, 3, 4).double()
    query = torch.randn(1, 2, dtype=torch.float64, requires_grad=True)
    keys = torch.randn(3, 1, 3, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda q, k: att(q, k)[0], (query, keys))


def test_rejections():
    with pytest.raises(ValueError, match="attention_size must be an integer >= 1"):
        AdditiveAttention(3, 4, 0)
    att = AdditiveAttention(3, 4, 5)
    with pytest.raises(ValueError, match=r"query must have shape \(B, 3\); got \(2, 4\)"):
        att(torch.zeros(2, 4), torch.zeros(5, 2, 4))
    with pytest.raises(ValueError, match=r"keys must have shape \(T, B, 4\); got \(5, 2, 3\)"):
        att(torch.zeros(2, 3), torch.zeros(5, 2, 3))
    with pytest.raises(ValueError, match="keys must have batch size 2"):
        att(torch.zeros(2, 3), torch.zeros(5, 1, 4))
    with pytest.raises(TypeError, match="query must be a torch.Tensor"):
        att([0.0] * 3, torch.zeros(5, 1, 4))
