"""rnnbook.nn.models: shapes, parameter counts, matched budgets, errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.nn import (
    LSTM,
    CharLM,
    RecurrentNet,
    hidden_size_for_budget,
    make_recurrent,
    recurrent_parameter_count,
)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_parameter_count_matches_torch(kind):
    net = RecurrentNet(kind, 3, 7, 2)
    assert sum(p.numel() for p in net.parameters()) == recurrent_parameter_count(kind, 3, 7, 2)


def test_parameter_count_by_hand():
    # LSTM, D=2, H=3: 4 * (3*2 + 3*3 + 2*3) = 84; read-out to 1: 3 + 1
    assert recurrent_parameter_count("lstm", 2, 3, 1) == 88


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_hidden_size_for_budget_is_the_largest_that_fits(kind):
    H = hidden_size_for_budget(kind, 10, 5000, output_size=10)
    assert recurrent_parameter_count(kind, 10, H, 10) <= 5000 < recurrent_parameter_count(kind, 10, H + 1, 10)


def test_budget_too_small():
    with pytest.raises(ValueError, match="budget must allow"):
        hidden_size_for_budget("lstm", 100, 10)


def test_shapes_and_lengths():
    net = RecurrentNet("gru", 3, 5)
    x = torch.randn(8, 4, 3)
    assert net(x).shape == (4, 1)
    lengths = torch.tensor([8, 3, 1, 5])
    y = net(x, lengths)
    # the read-out at length l equals running only the first l steps
    assert torch.allclose(y[1], net(x[:3, 1:2])[0], atol=1e-6)
    assert RecurrentNet("lstm", 3, 5, 2, readout="all")(x).shape == (8, 4, 2)
    assert RecurrentNet("rnn", 3, 5, 2)(x).shape == (4, 2)


@pytest.mark.parametrize("C", [1, 3])
def test_output_shape_does_not_depend_on_the_number_of_outputs(C):
    # one output is not squeezed away: (B, C) and (T, B, C) for every C, C = 1 included
    x = torch.randn(7, 5, 2)
    assert RecurrentNet("lstm", 2, 4, C)(x).shape == (5, C)
    assert RecurrentNet("lstm", 2, 4, C)(x, torch.tensor([7, 1, 3, 7, 2])).shape == (5, C)
    assert RecurrentNet("rnn", 2, 4, C, readout="all")(x).shape == (7, 5, C)
    assert RecurrentNet("gru", 2, 4)(x).shape == (5, 1)  # the default output_size is 1


def test_trained_builtin_loads_into_gate_by_gate_lstm():
    net = RecurrentNet("lstm", 2, 4)
    mine = LSTM(2, 4)
    mine.load_state_dict(net.rnn.state_dict())
    x = torch.randn(6, 3, 2)
    assert torch.allclose(mine(x)[0], net.hidden(x), atol=1e-6)


def test_charlm():
    lm = CharLM("lstm", 11, 6)
    x = torch.randint(0, 11, (9, 2))
    logits, state = lm(x)
    assert logits.shape == (9, 2, 11)
    logits2, _ = lm(x[5:], None)
    assert logits2.shape == (4, 2, 11)
    with pytest.raises(TypeError, match="integer"):
        lm(torch.zeros(9, 2))


def test_errors():
    with pytest.raises(ValueError, match="kind must be one of"):
        make_recurrent("elman", 2, 3)
    with pytest.raises(ValueError, match="readout must be"):
        RecurrentNet("rnn", 2, 3, readout="first")
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=2\)"):
        RecurrentNet("rnn", 2, 3)(torch.zeros(4, 3, 5))
    with pytest.raises(ValueError, match="lengths must have shape"):
        RecurrentNet("rnn", 2, 3)(torch.zeros(4, 3, 2), torch.tensor([5, 1, 1]))
    with pytest.raises(ValueError, match="hidden_size must be an integer >= 1"):
        make_recurrent("lstm", 2, 0)


def test_relu_kind_is_an_unsquashed_rnn():
    net = RecurrentNet("relu", 2, 4, readout="all")
    assert net.rnn.nonlinearity == "relu"
    assert sum(p.numel() for p in net.parameters()) == recurrent_parameter_count("relu", 2, 4, 1)
    assert (net.hidden(torch.randn(5, 3, 2)) >= 0).all()


def test_forget_bias():
    layer = make_recurrent("lstm", 3, 4, num_layers=2, forget_bias=1.0)
    for k in range(2):
        total = getattr(layer, f"bias_ih_l{k}") + getattr(layer, f"bias_hh_l{k}")
        assert torch.equal(total[4:8], torch.ones(4))
    lm = CharLM("lstm", 6, 4, forget_bias=1.0)
    assert torch.equal((lm.rnn.bias_ih_l0 + lm.rnn.bias_hh_l0)[4:8], torch.ones(4))
    with pytest.raises(ValueError, match="forget_bias applies to kind='lstm' only"):
        make_recurrent("gru", 3, 4, forget_bias=1.0)
    with pytest.raises(TypeError, match="forget_bias must be a number"):
        RecurrentNet("lstm", 3, 4, forget_bias="1")


def test_sizes_accept_numpy_integers_and_refuse_bools():
    assert make_recurrent("lstm", np.int64(3), np.int32(4)).hidden_size == 4
    with pytest.raises(ValueError, match="hidden_size must be an integer >= 1; got True"):
        make_recurrent("gru", 3, True)


def test_bidirectional_layers_with_dropout_and_the_forget_bias_in_both_directions():
    layer = make_recurrent("lstm", 3, 4, 2, forget_bias=1.0, bidirectional=True, dropout=0.1)
    assert layer.bidirectional and layer.dropout == 0.1
    for name in ("bias_ih_l0", "bias_ih_l0_reverse", "bias_ih_l1_reverse"):
        assert torch.all(getattr(layer, name)[4:8] == 1.0)
    assert make_recurrent("gru", 3, 4, 1, dropout=0.5).dropout == 0.0   # one layer: no dropout
    with pytest.raises(ValueError, match=r"dropout must be a finite number >= 0.0 and <= 1.0; got 1.5"):
        make_recurrent("rnn", 3, 4, 2, dropout=1.5)
    with pytest.raises(ValueError, match=r"dropout must be a number in \[0, 1\); got 1.0"):
        make_recurrent("rnn", 3, 4, 1, dropout=1.0)
    with pytest.raises(TypeError, match="bidirectional must be True or False; got 1"):
        make_recurrent("rnn", 3, 4, bidirectional=1)
