"""rnnbook.nn.LSTM / LSTMCell: equal to torch.nn.LSTM / LSTMCell with copied weights."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import rnnbook.scratch
from rnnbook.nn import LSTM, LSTMCell


@pytest.mark.parametrize("num_layers", [1, 2])
def test_lstm_equals_torch_forward_and_backward(num_layers):
    torch.manual_seed(0)
    ref = torch.nn.LSTM(3, 5, num_layers=num_layers).double()
    mine = LSTM(3, 5, num_layers=num_layers).double()
    mine.load_state_dict(ref.state_dict())
    x = torch.randn(7, 4, 3, dtype=torch.double)
    h0 = torch.randn(num_layers, 4, 5, dtype=torch.double)
    c0 = torch.randn(num_layers, 4, 5, dtype=torch.double)
    out_r, (h_r, c_r) = ref(x, (h0, c0))
    out_m, (h_m, c_m) = mine(x, (h0, c0))
    assert torch.allclose(out_r, out_m, atol=1e-12)
    assert torch.allclose(h_r, h_m, atol=1e-12) and torch.allclose(c_r, c_m, atol=1e-12)
    w = torch.randn_like(out_r)
    g_r = torch.autograd.grad((out_r * w).sum(), list(ref.parameters()))
    g_m = torch.autograd.grad((out_m * w).sum(), list(mine.parameters()))
    for a, b in zip(g_r, g_m):
        assert torch.allclose(a, b, atol=1e-10)


def test_state_dict_moves_both_ways():
    mine = LSTM(2, 3)
    ref = torch.nn.LSTM(2, 3)
    ref.load_state_dict(mine.state_dict())
    x = torch.randn(5, 2, 2)
    assert torch.allclose(ref(x)[0], mine(x)[0], atol=1e-6)


def test_cell_equals_torch_cell():
    torch.manual_seed(1)
    ref = torch.nn.LSTMCell(4, 6)
    mine = LSTMCell(4, 6)
    mine.load_state_dict(ref.state_dict())
    x, h, c = torch.randn(3, 4), torch.randn(3, 6), torch.randn(3, 6)
    for a, b in zip(ref(x, (h, c)), mine(x, (h, c))):
        assert torch.allclose(a, b, atol=1e-6)
    (h1, c1), gates = mine.step_with_gates(x, (h, c))
    assert set(gates) == {"i", "f", "g", "o"}
    # Eq. (5.5) and (5.6) by hand from the returned gates
    assert torch.allclose(c1, gates["f"] * c + gates["i"] * gates["g"], atol=1e-6)
    assert torch.allclose(h1, gates["o"] * torch.tanh(c1), atol=1e-6)


def test_gates_are_recorded_and_consistent():
    mine = LSTM(2, 3).double()
    x = torch.randn(6, 2, 2, dtype=torch.double)
    rec = mine.gates(x)
    assert set(rec) == {"i", "f", "g", "o", "c", "h"}
    assert all(v.shape == (6, 2, 3) for v in rec.values())
    assert torch.allclose(rec["h"], mine(x)[0])
    for key in "ifo":
        assert ((rec[key] > 0) & (rec[key] < 1)).all()


def test_peephole_matches_scratch_lstm():
    scratch = rnnbook.scratch.LSTM(3, 4, peephole=True, seed=0)
    mine = LSTM(3, 4, peephole=True).double()
    mine.load_state_dict({k: torch.tensor(v) for k, v in scratch.params.items()})
    x = np.random.default_rng(1).standard_normal((5, 2, 3))
    out_s, _ = scratch.forward(x)
    with torch.no_grad():
        out_m, _ = mine(torch.tensor(x))
    assert np.abs(out_s - out_m.numpy()).max() < 1e-12


def test_peephole_changes_the_output():
    torch.manual_seed(0)
    plain, peep = LSTM(2, 3), LSTM(2, 3, peephole=True)
    peep.load_state_dict(plain.state_dict(), strict=False)
    x = torch.randn(4, 1, 2)
    assert not torch.allclose(plain(x)[0], peep(x)[0])


def test_errors():
    mine = LSTM(3, 4)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=3\); got \(5, 2, 2\)"):
        mine(torch.zeros(5, 2, 2))
    with pytest.raises(ValueError, match="h0 must have shape"):
        mine(torch.zeros(5, 2, 3), (torch.zeros(1, 3, 4), torch.zeros(1, 2, 4)))
    with pytest.raises(ValueError, match="T=0"):
        mine(torch.zeros(0, 2, 3))
    with pytest.raises(TypeError, match="torch.Tensor"):
        mine(np.zeros((5, 2, 3)))
    with pytest.raises(ValueError, match="num_layers"):
        LSTM(3, 4, num_layers=0)


def test_set_forget_bias_sets_b_f_in_every_layer():
    from rnnbook.nn import set_forget_bias

    for layer in (torch.nn.LSTM(3, 5, num_layers=2), LSTM(3, 5, num_layers=2), torch.nn.LSTMCell(3, 5)):
        out = set_forget_bias(layer, 1.0)
        assert out is layer
        for name, p in layer.named_parameters():
            if name.startswith("bias_ih"):
                b_f = p[5:10] + dict(layer.named_parameters())[name.replace("ih", "hh")][5:10]
                assert torch.allclose(b_f, torch.ones(5))
                assert not torch.allclose(p[:5], torch.ones(5))  # other gates untouched


def test_set_forget_bias_errors():
    from rnnbook.nn import set_forget_bias

    with pytest.raises(ValueError, match="lstm must be an LSTM layer with biases"):
        set_forget_bias(torch.nn.Linear(3, 4))
    with pytest.raises(ValueError, match="lstm must be an LSTM layer with biases"):
        set_forget_bias(torch.nn.LSTM(3, 4, bias=False))
    with pytest.raises(TypeError, match="value must be a real number"):
        set_forget_bias(torch.nn.LSTM(3, 4), True)


def test_bad_states_and_sizes_are_refused_clearly():
    cell = LSTMCell(3, 4)
    with pytest.raises(TypeError, match=r"state must be a pair \(h, c\) of tensors .* got a tensor of shape \(2, 4\)"):
        cell(torch.zeros(2, 3), torch.zeros(2, 4))
    with pytest.raises(ValueError, match=r"c must have shape \(B=2, H=4\); got \(2, 5\)"):
        cell(torch.zeros(2, 3), (torch.zeros(2, 4), torch.zeros(2, 5)))
    with pytest.raises(TypeError, match="x must have a floating-point dtype"):
        cell(torch.zeros(2, 3, dtype=torch.long))
    with pytest.raises(ValueError, match="hidden_size must be an integer >= 1; got 0"):
        LSTM(3, 0)
    with pytest.raises(ValueError, match="input_size must be an integer >= 1; got None"):
        LSTMCell(None, 4)
    assert LSTM(np.int64(3), np.int64(4))(torch.zeros(2, 1, 3))[0].shape == (2, 1, 4)


def test_step_functions_refuse_wrong_types_and_sizes():
    from rnnbook.nn import gru_step, lstm_step, set_forget_bias

    h = torch.zeros(2, 3)
    with pytest.raises(TypeError, match="xw must be a .*Tensor; got NoneType"):
        lstm_step(None, h, h, torch.zeros(12, 3), None)
    with pytest.raises(ValueError, match=r"xw must have shape \(B, 4H\), h and c \(B, H\) and weight_hh \(4H, H\)"):
        lstm_step(torch.zeros(2, 9), h, h, torch.zeros(12, 3), None)
    with pytest.raises(ValueError, match=r"xw must have shape \(B, 3H\)"):
        gru_step(torch.zeros(2, 9), h, torch.zeros(12, 3), None)
    with pytest.raises(TypeError, match="lstm must be a torch.nn.LSTM or rnnbook.nn.LSTM; got str"):
        set_forget_bias("x")
