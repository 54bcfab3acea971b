"""Tests of rnnbook.nn.ensemble: members are independent networks that match their references."""

import numpy as np
import pytest
import torch

from rnnbook.nn.ensemble import KINDS, RecurrentEnsemble
from rnnbook.scratch import RNN


def _inputs(T=5, S=2, B=3, D=1, seed=0):
    return torch.from_numpy(np.random.default_rng(seed).standard_normal((T, S, B, D))).float()


def test_shapes_and_kinds():
    m = RecurrentEnsemble(list(KINDS), range(len(KINDS)), hidden_size=4, n_classes=3)
    assert m(_inputs(S=len(KINDS))).shape == (len(KINDS), 3, 3)
    assert m.rnn_w_hh.shape == (4, 4, 4) and m.lstm_w_hh.shape == (1, 16, 4)


def test_initialisations():
    m = RecurrentEnsemble(["tanh", "orthogonal", "irnn", "lstm"], [0, 0, 0, 0], hidden_size=6, forget_bias=3.0)
    w = m.rnn_w_hh.detach().double().numpy()
    assert np.all(np.abs(w[0]) <= 1 / np.sqrt(6))
    np.testing.assert_allclose(w[1] @ w[1].T, np.eye(6), atol=1e-6)
    np.testing.assert_array_equal(w[2], np.eye(6))
    np.testing.assert_array_equal(m.rnn_b[2].detach().numpy(), 0.0)
    f = m.lstm_b[0, 6:12].detach().numpy()
    assert np.all(f > 3.0 - 2 / np.sqrt(6)) and np.all(f < 3.0 + 2 / np.sqrt(6))


def test_vanilla_member_matches_scratch_rnn():
    m = RecurrentEnsemble(["tanh", "irnn"], [3, 4], hidden_size=5).double()
    x = _inputs(T=6, S=2, B=4).double()
    logits = m(x).detach().numpy()
    for member, nonlinearity in ((0, "tanh"), (1, "relu")):
        rnn = RNN(1, 5, nonlinearity=nonlinearity, seed=0)
        for k, v in m.member_rnn_weights(member).items():
            rnn.params[k][...] = v
        h = rnn.forward(x[:, member].numpy())[0][-1]
        W, b = m.out_w[member].detach().numpy(), m.out_b[member].detach().numpy()
        np.testing.assert_allclose(logits[member], h @ W.T + b, atol=1e-12)


def test_lstm_member_matches_torch_lstm():
    m = RecurrentEnsemble(["lstm", "tanh"], [1, 2], hidden_size=3).double()
    ref = torch.nn.LSTM(1, 3).double()
    with torch.no_grad():
        ref.weight_ih_l0.copy_(m.lstm_w_ih[0])
        ref.weight_hh_l0.copy_(m.lstm_w_hh[0])
        ref.bias_ih_l0.copy_(m.lstm_b[0])
        ref.bias_hh_l0.zero_()
    x = _inputs(T=7, S=2, B=2).double()
    h = ref(x[:, 0])[0][-1]
    expected = h @ m.out_w[0].T + m.out_b[0]
    torch.testing.assert_close(m(x)[0], expected)


def test_leaky_member_follows_its_rates():
    rates = np.full(4, 0.25)
    m = RecurrentEnsemble(["leaky"], [0], hidden_size=4, leak_rates=rates).double()
    x = _inputs(T=3, S=1, B=2).double()
    h = torch.zeros(2, 4, dtype=torch.float64)
    for t in range(3):
        a = x[t, 0] @ m.rnn_w_ih[0].T + m.rnn_b[0] + h @ m.rnn_w_hh[0].T
        h = 0.75 * h + 0.25 * torch.tanh(a)
    torch.testing.assert_close(m(x)[0], h @ m.out_w[0].T + m.out_b[0])


def test_members_are_independent():
    m = RecurrentEnsemble(["tanh", "lstm", "tanh"], [0, 1, 2], hidden_size=4)
    x = _inputs(T=4, S=3, B=2)
    loss = m(x)[0].sum()  # member 0 only
    loss.backward()
    assert m.rnn_w_hh.grad[1].abs().sum() == 0 and m.out_w.grad[1:].abs().sum() == 0
    assert m.lstm_w_hh.grad.abs().sum() == 0 and m.rnn_w_hh.grad[0].abs().sum() > 0


def test_same_seed_same_start():
    a = RecurrentEnsemble(["tanh", "tanh"], [5, 5], hidden_size=4)
    torch.testing.assert_close(a.rnn_w_hh[0], a.rnn_w_hh[1])
    torch.testing.assert_close(a.out_w[0], a.out_w[1])


@pytest.mark.parametrize("kwargs, error, match", [
    ({"kinds": [], "seeds": []}, ValueError, "kinds must name at least one member"),
    ({"kinds": ["gru"], "seeds": [0]}, ValueError, "kinds must be among"),
    ({"kinds": ["tanh"], "seeds": [0, 1]}, ValueError, "seeds must have one entry per member, len 1; got 2"),
    ({"kinds": ["tanh"], "seeds": [0.5]}, TypeError, "seeds must be integers"),
    ({"kinds": ["tanh"], "seeds": [0], "hidden_size": 0}, ValueError, "hidden_size must be an integer >= 1"),
    ({"kinds": ["leaky"], "seeds": [0], "hidden_size": 2, "leak_rates": [0.5, 0.0]}, ValueError, "leak_rates must be 2 numbers"),
])
def test_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        RecurrentEnsemble(**kwargs)


def test_rejects_bad_input_and_member():
    m = RecurrentEnsemble(["tanh", "lstm"], [0, 1], hidden_size=4)
    with pytest.raises(ValueError, match=r"x must have shape \(T, S=2, B, D=1\); got \(4, 3, 2, 1\)"):
        m(torch.zeros(4, 3, 2, 1))
    with pytest.raises(TypeError, match="x must be a torch.Tensor"):
        m(np.zeros((4, 2, 2, 1)))
    with pytest.raises(ValueError, match="member must be an index in"):
        m.member_rnn_weights(2)
    with pytest.raises(ValueError, match="not a vanilla RNN"):
        m.member_rnn_weights(1)
