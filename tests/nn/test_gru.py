"""rnnbook.nn.GRU / GRUCell: PyTorch's convention equals torch.nn.GRU; Cho's equals scratch."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import rnnbook.scratch
from rnnbook.nn import GRU, GRUCell


@pytest.mark.parametrize("num_layers", [1, 2])
def test_gru_equals_torch(num_layers):
    torch.manual_seed(0)
    ref = torch.nn.GRU(3, 5, num_layers=num_layers).double()
    mine = GRU(3, 5, num_layers=num_layers).double()
    mine.load_state_dict(ref.state_dict())
    x = torch.randn(7, 4, 3, dtype=torch.double)
    h0 = torch.randn(num_layers, 4, 5, dtype=torch.double)
    out_r, h_r = ref(x, h0)
    out_m, h_m = mine(x, h0)
    assert torch.allclose(out_r, out_m, atol=1e-12) and torch.allclose(h_r, h_m, atol=1e-12)
    w = torch.randn_like(out_r)
    g_r = torch.autograd.grad((out_r * w).sum(), list(ref.parameters()))
    g_m = torch.autograd.grad((out_m * w).sum(), list(mine.parameters()))
    for a, b in zip(g_r, g_m):
        assert torch.allclose(a, b, atol=1e-10)


@pytest.mark.parametrize("reset_after", [True, False])
def test_gru_matches_scratch_in_both_conventions(reset_after):
    torch.manual_seed(0)
    ref = torch.nn.GRU(3, 4).double()
    scratch = rnnbook.scratch.GRU.from_torch(ref, reset_after=reset_after)
    mine = GRU(3, 4, reset_after=reset_after).double()
    mine.load_state_dict(ref.state_dict())
    x = np.random.default_rng(0).standard_normal((6, 2, 3))
    with torch.no_grad():
        out_m = mine(torch.tensor(x))[0].numpy()
    assert np.abs(out_m - scratch.forward(x)[0]).max() < 1e-12


def test_the_two_conventions_differ():
    torch.manual_seed(0)
    a = GRU(3, 4, reset_after=True)
    b = GRU(3, 4, reset_after=False)
    b.load_state_dict(a.state_dict())
    x = torch.randn(6, 2, 3)
    assert (a(x)[0] - b(x)[0]).abs().max() > 1e-3


def test_cell_equals_torch_cell_and_gates():
    torch.manual_seed(1)
    ref = torch.nn.GRUCell(4, 6)
    mine = GRUCell(4, 6)
    mine.load_state_dict(ref.state_dict())
    x, h = torch.randn(3, 4), torch.randn(3, 6)
    assert torch.allclose(ref(x, h), mine(x, h), atol=1e-6)
    h1, gates = mine.step_with_gates(x, h)
    # Eq. (6.5) by hand
    assert torch.allclose(h1, (1 - gates["z"]) * gates["n"] + gates["z"] * h, atol=1e-6)


def test_gates_record():
    mine = GRU(2, 3)
    x = torch.randn(5, 2, 2)
    rec = mine.gates(x)
    assert set(rec) == {"r", "z", "n", "h"}
    assert torch.allclose(rec["h"], mine(x)[0])


def test_errors():
    mine = GRU(3, 4)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=3\); got \(5, 2\)"):
        mine(torch.zeros(5, 2))
    with pytest.raises(ValueError, match="h0 must have shape"):
        mine(torch.zeros(5, 2, 3), torch.zeros(2, 2, 4))
    with pytest.raises(ValueError, match=r"x must have shape \(B, D=3\)"):
        GRUCell(3, 4)(torch.zeros(2, 5))


def test_bad_states_and_sizes_are_refused_clearly():
    with pytest.raises(ValueError, match="hidden_size must be an integer >= 1; got 0"):
        GRU(3, 0)
    with pytest.raises(ValueError, match=r"h must have shape \(B=2, H=4\); got \(3, 4\)"):
        GRUCell(3, 4)(torch.zeros(2, 3), torch.zeros(3, 4))
    with pytest.raises(ValueError, match=r"h0 must have shape \(num_layers=1, B=2, H=4\)"):
        GRU(3, 4)(torch.zeros(5, 2, 3), torch.zeros(2, 4))
