"""Benchmarks of the from-scratch networks, runnable as ``python -m rnnbook.bench``.

Two measurements:

1. The NumPy LSTM of :mod:`rnnbook.scratch` (forward plus hand-written backward) against
   ``torch.nn.LSTM`` (forward plus autograd backward) on the CPU, float32, with the same
   weights and data; the two are timed alternately in one process and the median of the
   per-pair ratios is reported, with the thread counts.
2. The cost of RTRL against BPTT for a vanilla RNN as the hidden size H grows (RTRL's
   sensitivity update is :math:`O(H^4)` per step, BPTT's backward :math:`O(H^2)`).

The functions return their measurements; only :func:`main` prints.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from .scratch.lstm import LSTM
from .scratch.rnn import RNN
from .scratch.rtrl import rtrl
from .validation import check_int, check_positive_int

__all__ = ["LSTMTiming", "thread_counts", "time_lstm", "time_rtrl", "main"]


@dataclass(frozen=True)
class LSTMTiming:
    """Result of :func:`time_lstm` (times in seconds, per forward+backward pass)."""

    scratch: np.ndarray
    torch: np.ndarray
    ratios: np.ndarray

    @property
    def median_ratio(self) -> float:
        """Median over the interleaved pairs of scratch time / torch time."""
        return float(np.median(self.ratios))


def thread_counts() -> dict:
    """CPU count, PyTorch's intra-op threads and NumPy's BLAS threads (when known)."""
    import torch

    counts = {"cpu_count": os.cpu_count(), "torch_threads": torch.get_num_threads()}
    try:
        from threadpoolctl import threadpool_info

        blas = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        counts["numpy_blas_threads"] = blas[0]["num_threads"] if blas else None
        counts["numpy_blas"] = blas[0].get("internal_api") if blas else None
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        counts["numpy_blas_threads"] = None
    return counts


def time_lstm(
    T: int = 100,
    B: int = 32,
    D: int = 32,
    H: int = 128,
    *,
    repeats: int = 20,
    warmup: int = 3,
    seed: int = 0,
) -> LSTMTiming:
    """Time scratch LSTM fwd+bwd against ``torch.nn.LSTM`` fwd+autograd bwd, float32.

    Each repeat runs the scratch version, then the torch version, on the same input and
    the same upstream gradient :math:`\\partial L/\\partial h_t`; both compute the gradients
    of all weights and of the input.

    Shapes
    ------
    Input (T, B, D); hidden size H.
    """
    import torch

    T, B, D, H = (check_positive_int(name, v) for name, v in (("T", T), ("B", B), ("D", D), ("H", H)))
    repeats, warmup = check_positive_int("repeats", repeats), check_int("warmup", warmup, minimum=0)
    torch.manual_seed(seed)
    module = torch.nn.LSTM(D, H)  # float32, time-major
    layer = LSTM.from_torch(module)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((T, B, D)).astype(np.float32)
    d_out = rng.standard_normal((T, B, H)).astype(np.float32)
    xt = torch.tensor(x, requires_grad=True)
    d_out_t = torch.tensor(d_out)

    def run_scratch() -> None:
        _, cache = layer.forward(x)
        layer.backward(d_out, cache)

    def run_torch() -> None:
        module.zero_grad(set_to_none=True)
        xt.grad = None
        out, _ = module(xt)
        out.backward(d_out_t)

    for _ in range(warmup):
        run_scratch()
        run_torch()
    s, t = np.empty(repeats), np.empty(repeats)
    for k in range(repeats):
        t0 = time.perf_counter()
        run_scratch()
        t1 = time.perf_counter()
        run_torch()
        t2 = time.perf_counter()
        s[k], t[k] = t1 - t0, t2 - t1
    return LSTMTiming(scratch=s, torch=t, ratios=s / t)


def time_rtrl(
    hidden_sizes: Sequence[int] = (4, 8, 16, 32, 64),
    *,
    T: int = 20,
    B: int = 4,
    D: int = 4,
    repeats: int = 5,
    seed: int = 0,
) -> list:
    """Time RTRL and BPTT (forward + backward) on a tanh RNN for each hidden size.

    Returns a list of dicts with keys ``H``, ``bptt`` and ``rtrl`` (seconds per sequence,
    the fastest of ``repeats`` runs: the one least disturbed by other load on the machine)
    and ``max_abs_diff`` (between the two gradients, a sanity check).

    Shapes
    ------
    Input (T, B, D).
    """
    hidden_sizes = [check_positive_int("hidden_sizes[k]", H) for H in hidden_sizes]
    T, B, D = (check_positive_int(name, v) for name, v in (("T", T), ("B", B), ("D", D)))
    repeats = check_positive_int("repeats", repeats)
    rng = np.random.default_rng(seed)
    rows = []
    for H in hidden_sizes:
        layer = RNN(D, H, seed=rng)
        x = rng.standard_normal((T, B, D))
        d_out = rng.standard_normal((T, B, H))
        tb, tr = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            _, cache = layer.forward(x)
            _, g_bptt = layer.backward(d_out, cache)
            t1 = time.perf_counter()
            _, g_rtrl = rtrl(layer, x, d_out)
            t2 = time.perf_counter()
            tb.append(t1 - t0)
            tr.append(t2 - t1)
        diff = max(float(np.abs(g_bptt[k] - g_rtrl[k]).max()) for k in g_bptt)
        rows.append({"H": H, "bptt": min(tb), "rtrl": min(tr), "max_abs_diff": diff})
    return rows


def main(argv: Optional[Sequence[str]] = None) -> dict:
    """Run both benchmarks and print the results (the command-line entry point)."""
    parser = argparse.ArgumentParser(
        prog="python -m rnnbook.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--repeats", type=int, default=20, help="timed LSTM pairs (default 20)")
    parser.add_argument(
        "--threads", type=int, default=None, help="threads for both torch and NumPy's BLAS"
    )
    parser.add_argument("--skip-rtrl", action="store_true", help="only the LSTM benchmark")
    args = parser.parse_args(argv)
    import torch

    if args.threads is not None:
        torch.set_num_threads(args.threads)
        try:
            from threadpoolctl import threadpool_limits

            threadpool_limits(args.threads)  # NumPy's BLAS, for the rest of the process
        except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
            pass
    counts = thread_counts()
    print("threads:", ", ".join(f"{k}={v}" for k, v in counts.items()))
    if hasattr(os, "getloadavg"):  # other work on the machine distorts every timing
        print("load average (1 min) before the run: %.1f" % os.getloadavg()[0])
    timing = time_lstm(repeats=args.repeats)
    print(
        "LSTM fwd+bwd, float32, T=100 B=32 D=32 H=128: "
        f"scratch {1e3 * np.median(timing.scratch):.1f} ms, "
        f"torch {1e3 * np.median(timing.torch):.1f} ms "
        f"(medians of {args.repeats} interleaved pairs)"
    )
    print(f"median ratio scratch/torch: {timing.median_ratio:.2f}x")
    result = {"threads": counts, "lstm": timing}
    if not args.skip_rtrl:
        rows = time_rtrl()
        print("RTRL vs BPTT, tanh RNN, float64, T=20 B=4 D=4 (seconds per sequence, best of 5):")
        print(f"{'H':>5} {'BPTT':>10} {'RTRL':>10} {'RTRL/BPTT':>10}")
        for r in rows:
            ratio = r["rtrl"] / r["bptt"]
            print(f"{r['H']:>5} {r['bptt']:>10.2e} {r['rtrl']:>10.2e} {ratio:>10.1f}")
        result["rtrl"] = rows
    return result


if __name__ == "__main__":  # pragma: no cover
    main()
