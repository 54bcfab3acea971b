"""Tests of rnnbook.bench (tiny sizes: the benchmark's plumbing, not its timings)."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook import bench


def test_time_lstm_small():
    timing = bench.time_lstm(T=3, B=2, D=2, H=4, repeats=3, warmup=1)
    assert timing.ratios.shape == (3,)
    assert np.all(timing.scratch > 0) and np.all(timing.torch > 0)
    assert timing.median_ratio == np.median(timing.scratch / timing.torch)


def test_time_rtrl_gradients_agree():
    rows = bench.time_rtrl(hidden_sizes=(2, 3), T=4, B=2, D=2, repeats=1)
    assert [r["H"] for r in rows] == [2, 3]
    assert all(r["max_abs_diff"] < 1e-12 for r in rows)


def test_main_prints_threads_and_ratio(capsys, monkeypatch):
    time_lstm, time_rtrl = bench.time_lstm, bench.time_rtrl
    monkeypatch.setattr(bench, "time_lstm", lambda repeats: time_lstm(T=2, B=1, D=2, H=2, repeats=repeats, warmup=0))
    monkeypatch.setattr(bench, "time_rtrl", lambda: time_rtrl(hidden_sizes=(2,), T=2, B=1, D=2, repeats=1))
    result = bench.main(["--repeats", "2"])
    out = capsys.readouterr().out
    assert "torch_threads=" in out and "median ratio scratch/torch" in out and "RTRL/BPTT" in out
    assert set(result) == {"threads", "lstm", "rtrl"}


def test_sizes_are_checked_before_anything_runs():
    from rnnbook.bench import time_lstm, time_rtrl

    with pytest.raises(ValueError, match="H must be an integer >= 1; got 0"):
        time_lstm(H=0)
    with pytest.raises(ValueError, match="warmup must be an integer >= 0; got -1"):
        time_lstm(warmup=-1)
    with pytest.raises(ValueError, match=r"hidden_sizes\[k\] must be an integer >= 1; got 2.5"):
        time_rtrl([4, 2.5])
