"""Tests for rnnbook.train.fit: it learns, stops early, clips, repeats with a seed."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.train import History, fit, to_device


def linear_task(seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(128, 3, generator=g)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5]])
    return x, y


def mse(model, batch):
    x, y = batch
    return ((model(x) - y) ** 2).mean()


def test_fit_learns_a_linear_map():
    x, y = linear_task()
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    h = fit(model, mse, [(x, y)], steps=300, lr=0.05, progress=False,
            evaluate=lambda m: float(mse(m, (x, y))), eval_every=100)
    assert isinstance(h, History)
    assert len(h.losses) == 300 and h.steps[-1] == 300
    assert h.losses[-1] < 1e-3 < h.losses[0]
    assert h.eval_steps == [100, 200, 300]
    assert h.final_eval < 1e-3 and h.model is model
    # a convex problem: every evaluation improves on the one before
    assert all(a > b for a, b in zip(h.eval_values, h.eval_values[1:]))
    assert h.best_eval == h.final_eval
    assert not h.stopped_early and h.seconds > 0


def test_fit_stops_early_at_the_target():
    x, y = linear_task()
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    h = fit(model, mse, [(x, y)], steps=5000, lr=0.05, progress=False,
            evaluate=lambda m: float(mse(m, (x, y))), eval_every=10, target=0.01)
    assert h.stopped_early
    assert h.final_eval <= 0.01
    assert len(h.losses) < 5000 and len(h.losses) % 10 == 0


def test_fit_target_in_max_mode():
    x, y = linear_task()
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    h = fit(model, mse, [(x, y)], steps=2000, lr=0.05, progress=False,
            evaluate=lambda m: -float(mse(m, (x, y))), eval_every=10, target=-0.01, mode="max")
    assert h.stopped_early and h.final_eval >= -0.01


@pytest.mark.slow
def test_fit_is_repeatable_with_a_seed():
    x, y = linear_task()

    def run():
        torch.manual_seed(1)
        model = torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.Dropout(0.5), torch.nn.Linear(8, 1))
        return fit(model, mse, [(x, y)], steps=20, progress=False, seed=7).losses

    assert run() == run()


def test_fit_clips_the_gradient_norm():
    x, y = linear_task()
    norms = []

    class Spy(torch.optim.SGD):
        def step(self, closure=None):
            grads = [p.grad for group in self.param_groups for p in group["params"]]
            norms.append(float(torch.linalg.vector_norm(torch.stack([g.norm() for g in grads]))))
            return super().step(closure)

    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    fit(model, lambda m, b: 1e4 * mse(m, b), [(x, y)], steps=5, clip=0.5,
        optimizer=Spy(model.parameters(), lr=1e-6), progress=False)
    assert max(norms) <= 0.5 + 1e-5


def test_fit_takes_a_generator_of_batches():
    x, y = linear_task()

    def batches():
        while True:
            yield x[:32], y[:32]

    torch.manual_seed(0)
    h = fit(torch.nn.Linear(3, 1), mse, batches(), steps=10, progress=False)
    assert len(h.losses) == 10


def test_fit_rejects_bad_arguments():
    model = torch.nn.Linear(3, 1)
    with pytest.raises(ValueError, match="steps must be an integer >= 1"):
        fit(model, mse, [], steps=0)
    with pytest.raises(ValueError, match="target needs an evaluate"):
        fit(model, mse, [], steps=1, target=0.1)
    with pytest.raises(ValueError, match="mode must be"):
        fit(model, mse, [], steps=1, mode="best")
    with pytest.raises(ValueError, match="clip must be positive"):
        fit(model, mse, [], steps=1, clip=0)


def test_fit_rejects_a_non_scalar_loss():
    x, y = linear_task()
    with pytest.raises(ValueError, match="scalar"):
        fit(torch.nn.Linear(3, 1), lambda m, b: (m(b[0]) - b[1]) ** 2, [(x, y)], steps=1, progress=False)


def test_to_device_moves_nested_batches():
    batch = {"x": torch.zeros(2), "pair": (torch.ones(1), 3)}
    moved = to_device(batch, torch.device("cpu"))
    assert moved["pair"][1] == 3 and moved["x"].device.type == "cpu"


def test_fit_builds_the_model_from_a_factory_after_seeding():
    x, y = linear_task()
    first = fit(lambda: torch.nn.Linear(3, 1), mse, [(x, y)], steps=1, seed=3, progress=False)
    torch.manual_seed(123)  # the global generator's state before the call does not matter
    second = fit(lambda: torch.nn.Linear(3, 1), mse, [(x, y)], steps=1, seed=3, progress=False)
    assert isinstance(first.model, torch.nn.Linear)
    assert torch.equal(first.model.weight, second.model.weight)
    other = fit(lambda: torch.nn.Linear(3, 1), mse, [(x, y)], steps=1, seed=4, progress=False)
    assert not torch.equal(first.model.weight, other.model.weight)


def test_fit_stops_on_a_non_finite_loss():
    x, y = linear_task()
    calls = []

    def diverging(model, batch):  # finite for three steps, then infinite
        calls.append(1)
        return mse(model, batch) * (float("inf") if len(calls) > 3 else 1.0)

    with pytest.raises(FloatingPointError, match="the training loss is inf at step 4"):
        fit(torch.nn.Linear(3, 1), diverging, [(x, y)], steps=10, progress=False)


def test_fit_accepts_numpy_integers():
    x, y = linear_task()
    h = fit(torch.nn.Linear(3, 1), mse, [(x, y)], steps=np.int64(3), eval_every=np.int64(2),
            progress=False)
    assert len(h.losses) == 3


@pytest.mark.parametrize("kwargs, exc, match", [
    (dict(steps=0), ValueError, "steps must be an integer >= 1; got 0"),
    (dict(steps=True), ValueError, "steps must be an integer >= 1; got True"),
    (dict(steps=5, lr=float("nan")), ValueError, "lr must be a positive finite number; got nan"),
    (dict(steps=5, target=float("nan"), evaluate=lambda m: 0.0), ValueError, "target must be a finite number"),
    (dict(steps=5, clip=-1.0), ValueError, r"clip \(or None\) must be a positive finite number; got -1.0"),
    (dict(steps=5, evaluate=3), TypeError, "evaluate must be callable or None; got int"),
])
def test_fit_rejects_bad_arguments(kwargs, exc, match):
    x, y = linear_task()
    with pytest.raises(exc, match=match):
        fit(torch.nn.Linear(3, 1), mse, [(x, y)], progress=False, **kwargs)


def test_fit_rejects_a_model_that_is_not_one():
    x, y = linear_task()
    with pytest.raises(TypeError, match="model must be a torch.nn.Module or a function that builds one; got str"):
        fit("lstm", mse, [(x, y)], steps=1, progress=False)
    with pytest.raises(TypeError, match="the model factory must return a torch.nn.Module; got int"):
        fit(lambda: 3, mse, [(x, y)], steps=1, progress=False)


def test_fit_says_when_an_iterator_runs_out():
    x, y = linear_task()
    with pytest.raises(ValueError, match="batches ran out after 2 batches and cannot start again"):
        fit(torch.nn.Linear(3, 1), mse, iter([(x, y), (x, y)]), steps=5, progress=False)
    with pytest.raises(ValueError, match="batches must yield at least one batch; got an empty iterable"):
        fit(torch.nn.Linear(3, 1), mse, iter([]), steps=5, progress=False)
