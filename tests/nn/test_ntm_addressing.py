import pytest
import torch

from rnnbook.nn.ntm_addressing import (
    address,
    circular_shift,
    content_weights,
    interpolate,
    read_memory,
    sharpen,
    write_memory,
)

D = torch.float64


def _rand(*shape, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(*shape, generator=g, dtype=torch.float64)


def _probs(B, N, seed=0):
    w = _rand(B, N, seed=seed)
    return w / w.sum(1, keepdim=True)


def test_content_weights_match_equation_and_sum_to_one():
    memory, key, beta = _rand(2, 5, 3, seed=1) - 0.5, _rand(2, 3, seed=2) - 0.5, _rand(2, 1, seed=3) * 5
    w = content_weights(memory, key, beta)
    assert torch.allclose(w.sum(1), torch.ones(2, dtype=D))
    for b in range(2):
        cos = torch.stack([torch.dot(memory[b, i], key[b]) / (memory[b, i].norm() * key[b].norm())
                            for i in range(5)])
        expected = torch.exp(beta[b] * cos) / torch.exp(beta[b] * cos).sum()
        assert torch.allclose(w[b], expected, atol=1e-7)


def test_content_weights_find_the_matching_slot():
    memory = torch.eye(4).unsqueeze(0)
    w = content_weights(memory, torch.tensor([[0.0, 0.0, 2.0, 0.0]]), torch.tensor([[50.0]]))
    assert int(w.argmax()) == 2 and float(w[0, 2]) > 0.99


def test_interpolate_is_convex_combination():
    wc, wp, g = _probs(3, 6, 1), _probs(3, 6, 2), _rand(3, 1, seed=3)
    w = interpolate(wc, wp, g)
    assert torch.allclose(w, g * wc + (1 - g) * wp)
    assert torch.allclose(w.sum(1), torch.ones(3, dtype=D))
    assert torch.allclose(interpolate(wc, wp, torch.ones(3, 1, dtype=D)), wc)
    assert torch.allclose(interpolate(wc, wp, torch.zeros(3, 1, dtype=D)), wp)


def test_shift_is_circular_convolution():
    w, s = _probs(2, 7, 1), _probs(2, 3, 2)
    out = circular_shift(w, s)
    N = 7
    for b in range(2):
        for i in range(N):
            # offsets -1, 0, +1 are s[:, 0], s[:, 1], s[:, 2]
            expected = sum(w[b, (i - k) % N] * s[b, k + 1] for k in (-1, 0, 1))
            assert torch.isclose(out[b, i], expected)
    assert torch.allclose(out.sum(1), torch.ones(2, dtype=D))


def test_one_hot_shift_rotates_forward_and_wraps():
    w = torch.zeros(1, 5)
    w[0, 4] = 1.0
    out = circular_shift(w, torch.tensor([[0.0, 0.0, 1.0]]))
    assert int(out.argmax()) == 0  # slot 4 moves to slot 0
    out = circular_shift(w, torch.tensor([[1.0, 0.0, 0.0]]))
    assert int(out.argmax()) == 3


def test_sharpen_sums_to_one_and_sharpens():
    w = torch.tensor([[0.5, 0.3, 0.2]], dtype=D)
    out = sharpen(w, torch.tensor([[2.0]], dtype=D))
    expected = w ** 2 / (w ** 2).sum()
    assert torch.allclose(out, expected, atol=1e-6)
    assert torch.allclose(sharpen(w, torch.ones(1, 1, dtype=D)), w, atol=1e-6)
    assert float(out.max()) > float(w.max())


def test_address_chains_the_four_steps():
    memory, wp = _rand(2, 6, 4, seed=1), _probs(2, 6, 2)
    key, beta, g, s, gamma = _rand(2, 4, seed=3), _rand(2, 1, seed=4), _rand(2, 1, seed=5), _probs(2, 3, 6), 1 + _rand(2, 1, seed=7)
    w = address(memory, wp, key, beta, g, s, gamma)
    expected = sharpen(circular_shift(interpolate(content_weights(memory, key, beta), wp, g), s), gamma)
    assert torch.allclose(w, expected) and torch.allclose(w.sum(1), torch.ones(2, dtype=D))


def test_read_and_write_match_equations():
    memory, w = _rand(2, 4, 3, seed=1), _probs(2, 4, 2)
    r = read_memory(memory, w)
    assert torch.allclose(r[1], (w[1].unsqueeze(1) * memory[1]).sum(0))
    e, a = _rand(2, 3, seed=3), _rand(2, 3, seed=4)
    new = write_memory(memory, w, e, a)
    for b in range(2):
        for i in range(4):
            assert torch.allclose(new[b, i], memory[b, i] * (1 - w[b, i] * e[b]) + w[b, i] * a[b])


def test_full_erase_then_add_on_one_hot_replaces_the_slot():
    memory = _rand(1, 4, 3, seed=1)
    w = torch.tensor([[0.0, 1.0, 0.0, 0.0]], dtype=D)
    a = torch.tensor([[7.0, 8.0, 9.0]], dtype=D)
    new = write_memory(memory, w, torch.ones(1, 3, dtype=D), a)
    assert torch.allclose(new[0, 1], a[0]) and torch.allclose(new[0, [0, 2, 3]], memory[0, [0, 2, 3]])


def test_addressing_gradients():
    memory = (_rand(1, 4, 3, seed=1) - 0.5).requires_grad_()
    args = [_probs(1, 4, 2), _rand(1, 3, seed=3) - 0.5, _rand(1, 1, seed=4) * 3, _rand(1, 1, seed=5),
            _probs(1, 3, 6), 1 + _rand(1, 1, seed=7)]
    args = [a.requires_grad_() for a in args]
    assert torch.autograd.gradcheck(address, (memory, *args))
    e, a = _rand(1, 3, seed=8).requires_grad_(), _rand(1, 3, seed=9).requires_grad_()
    assert torch.autograd.gradcheck(write_memory, (memory, args[0], e, a))


def test_rejections():
    with pytest.raises(ValueError, match=r"memory must have shape \(B, N, M\); got \(5, 3\)"):
        content_weights(torch.zeros(5, 3), torch.zeros(1, 3), torch.ones(1, 1, dtype=D))
    with pytest.raises(ValueError, match="key must have shape"):
        content_weights(torch.zeros(1, 5, 3), torch.zeros(1, 4), torch.ones(1, 1, dtype=D))
    with pytest.raises(ValueError, match="odd number of offsets"):
        circular_shift(torch.zeros(1, 5), torch.zeros(1, 2))
    with pytest.raises(ValueError, match="batch sizes differ"):
        sharpen(torch.zeros(2, 5), torch.ones(3, 1, dtype=D))
    with pytest.raises(TypeError, match="w must be a torch.Tensor"):
        read_memory(torch.zeros(1, 5, 3), [0.2] * 5)
    with pytest.raises(ValueError, match=r"erase must have shape \(B=1, M=3\)"):
        write_memory(torch.zeros(1, 5, 3), torch.zeros(1, 5), torch.zeros(1, 4), torch.zeros(1, 3))
    with pytest.raises(ValueError, match="w_prev must have shape"):
        interpolate(torch.zeros(1, 5), torch.zeros(1, 4), torch.ones(1, 1, dtype=D))
