"""Tests of rnnbook.nn.memory_runs: success rates over seeds on remember-the-bit."""

import numpy as np
import pytest

from rnnbook.nn.memory_runs import memory_success


@pytest.mark.slow
def test_short_lag_is_learned_and_repeats():
    kw = dict(steps=100, batch_size=32, n_val=200, check_every=25, hidden_size=8)
    r = memory_success(["tanh", "lstm", "tanh"], [0, 0, 1], 2, snapshot_steps=(0, 25), forget_bias=3.0, **kw)
    assert r.best_accuracy.shape == r.steps_to_target.shape == r.solved.shape == (3,)
    assert r.solved.all() and r.success_rate("tanh") == 1.0
    assert set(r.snapshots) == {0, 25} and np.all(r.steps_to_target % 25 == 0)
    again = memory_success(["tanh", "lstm", "tanh"], [0, 0, 1], 2, forget_bias=3.0, **kw)
    np.testing.assert_array_equal(r.steps_to_target, again.steps_to_target)
    np.testing.assert_array_equal(r.best_accuracy, again.best_accuracy)


def test_unsolved_members_report_the_budget():
    r = memory_success(["tanh"], [0], 3, steps=10, check_every=5, n_val=100, target=1.0, noise=3.0)
    assert not r.solved[0] and r.steps_to_target[0] == 10


@pytest.mark.parametrize("kwargs, match", [
    ({"lag": 0}, "lag must be an integer >= 1"),
    ({"lag": 2, "target": 1.5}, "target must be an accuracy in"),
    ({"lag": 2, "snapshot_steps": (30,), "check_every": 20, "steps": 100}, "snapshot_steps must be multiples"),
])
def test_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        memory_success(["tanh"], [0], **kwargs)


def test_success_rate_rejects_unknown_kind():
    r = memory_success(["tanh"], [0], 1, steps=5, check_every=5, n_val=10)
    with pytest.raises(ValueError, match="kind must be one of"):
        r.success_rate("lstm")


def test_success_by_lag_and_scratch_member_agree_with_the_ensemble():
    import torch

    from rnnbook.nn.memory_runs import success_by_lag

    runs = success_by_lag(["tanh", "irnn"], [0, 1], [1, 2], steps=10, check_every=5, n_val=20,
                          snapshot_steps=(0, 5))
    assert set(runs) == {"tanh", "irnn"} and set(runs["tanh"]) == {1, 2}
    r = runs["irnn"][2]
    x = np.random.default_rng(0).standard_normal((3, 4, 1))
    for step in (None, 0):
        rnn, out = r.scratch_member(1, step)
        model = r.model
        if step is not None:
            model = type(model)(["irnn", "irnn"], [0, 1], hidden_size=16)
            model.load_state_dict(r.snapshots[step])
        xt = torch.from_numpy(x).float()[:, None].expand(-1, 2, -1, -1)
        expected = model(xt)[1].detach().numpy()
        np.testing.assert_allclose(out.forward(rnn.forward(x)[0][-1])[0], expected, atol=1e-5)
    with pytest.raises(ValueError, match="step must be one of the snapshot steps"):
        r.scratch_member(0, 7)
    with pytest.raises(ValueError, match="kinds, seeds and lags"):
        success_by_lag([], [0], [1])
