"""rnnbook.nn.adding_runs: disjoint streams, early stopping on validation, equal rate search."""

from __future__ import annotations

import math

import pytest
import torch

from rnnbook.data import adding_problem
from rnnbook.nn import AddingRun, adding_mse, select_rate, train_adding
from rnnbook.nn.adding_runs import _TEST_SEED, _VALIDATION_SEED


@pytest.fixture(autouse=True)
def one_thread():
    """Tiny models: one thread is fastest, and avoids spinning threads on a busy machine."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def test_run_fields_and_test_score_of_kept_weights():
    run = train_adding("lstm", 6, steps=30, eval_every=10, n_val=32, n_test=64, hidden_size=8, progress=False)
    assert isinstance(run, AddingRun)
    assert run.kind == "lstm" and run.T == 6 and run.steps == 30 and run.sequences == 30 * 32
    assert run.val_mse == pytest.approx(min(run.history.eval_values))
    x, y = (torch.from_numpy(a) for a in adding_problem(64, 6, seed=_TEST_SEED + 6))
    with torch.no_grad():
        assert adding_mse(run.model, x, y).item() == pytest.approx(run.test_mse, rel=1e-6)
    assert 0.0 <= run.test_wrong <= 1.0 and not run.solved


def test_adding_mse_compares_the_one_column_with_the_targets():
    x, y = (torch.from_numpy(a) for a in adding_problem(5, 4, seed=1))
    prediction = torch.arange(5.0).reshape(5, 1)
    model = lambda _: prediction  # noqa: E731
    assert adding_mse(model, x, y).item() == pytest.approx(((prediction[:, 0] - y) ** 2).mean().item())
    assert adding_mse(model, x, prediction[:, 0]).item() == 0.0


@pytest.mark.parametrize("shape", [(5,), (1, 5), (5, 2), (5, 5)])
def test_adding_mse_refuses_predictions_of_another_shape(shape):
    # (B,) against (B,) would be fine numerically, but the model's contract is (B, 1);
    # (B, 1) against (B,) would broadcast to (B, B) without this check
    x, y = (torch.from_numpy(a) for a in adding_problem(5, 4, seed=1))
    with pytest.raises(ValueError, match=r"model\(x\) must return predictions of shape \(B=5, 1\)"):
        adding_mse(lambda _: torch.zeros(shape), x, y)


def test_adding_mse_refuses_targets_of_another_shape():
    x, y = (torch.from_numpy(a) for a in adding_problem(5, 4, seed=1))
    model = lambda _: torch.zeros(5, 1)  # noqa: E731
    with pytest.raises(ValueError, match=r"y must have shape \(B=5\); got \(5, 1\)"):
        adding_mse(model, x, y[:, None])
    with pytest.raises(ValueError, match=r"y must have shape \(B=5\); got \(4,\)"):
        adding_mse(model, x, y[:4])
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=2\)"):
        adding_mse(model, x[..., :1], y)
    with pytest.raises(TypeError, match="y must be a torch.Tensor"):
        adding_mse(model, x, y.numpy())


def test_validation_and_test_streams_differ():
    xv, _ = adding_problem(8, 10, seed=_VALIDATION_SEED + 10)
    xt, _ = adding_problem(8, 10, seed=_TEST_SEED + 10)
    xtrain, _ = adding_problem(8, 10, seed=0)
    assert not (xv == xt).all() and not (xv == xtrain).all()


def test_stops_at_target_and_repeats():
    kw = dict(steps=300, lr=2e-2, eval_every=10, target=0.05, n_val=64, n_test=64, hidden_size=8, progress=False)
    a, b = train_adding("lstm", 3, **kw), train_adding("lstm", 3, **kw)
    assert a.solved and a.steps < 300 and a.val_mse <= 0.05
    assert a.test_mse == b.test_mse and a.steps == b.steps


def test_forget_bias_only_for_lstm():
    run = train_adding("lstm", 4, steps=1, lr=1e-9, n_val=4, n_test=4, progress=False, forget_bias=2.0)
    H = run.model.hidden_size
    b = run.model.rnn.bias_ih_l0[H : 2 * H] + run.model.rnn.bias_hh_l0[H : 2 * H]
    assert torch.allclose(b, torch.full((H,), 2.0), atol=1e-6)
    train_adding("rnn", 4, steps=1, n_val=4, n_test=4, progress=False, forget_bias=2.0)  # ignored


def test_select_rate_uses_validation_only():
    best, runs = select_rate("rnn", 3, [1e-9, 1e-2], steps=40, eval_every=20, n_val=64, n_test=64,
                             hidden_size=8, progress=False)
    assert [r.lr for r in runs] == [1e-9, 1e-2]
    assert best is min(runs, key=lambda r: r.val_mse) and best.lr == 1e-2


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"kind": "elman"}, "kind must be one of"),
        ({"T": 1}, "T must be an integer >= 2"),
        ({"steps": 0}, "steps must be an integer >= 1"),
        ({"steps": True}, "steps must be an integer >= 1"),
        ({"lr": 0.0}, "lr must be a positive finite number"),
        ({"target": math.nan}, "target must be a positive finite number"),
        ({"batch_size": 2.5}, "batch_size must be an integer >= 1"),
        ({"tolerance": -1.0}, "tolerance must be a positive finite number"),
    ],
)
def test_errors(kwargs, match):
    args = {"kind": "rnn", "T": 4, "steps": 1, **kwargs}
    with pytest.raises(ValueError, match=match):
        train_adding(args.pop("kind"), args.pop("T"), progress=False, **args)


def test_select_rate_needs_rates():
    with pytest.raises(ValueError, match="rates must hold at least one"):
        select_rate("rnn", 4, [], steps=1)
