"""Time the NumPy CTC (loss + gradient) against torch.nn.functional.ctc_loss (forward +
backward through log_softmax) on the CPU, interleaved in one process.

    python benchmarks/ctc_speed.py [--threads 1] [--repeats 15] [--dtype float32]

Default size: T=200, C=28, target length U=20, batch B=32. Prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from rnnbook.scratch import ctc_batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--T", type=int, default=200)
    parser.add_argument("--C", type=int, default=28)
    parser.add_argument("--U", type=int, default=20)
    parser.add_argument("--B", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    acts = rng.normal(size=(args.T, args.B, args.C)).astype(args.dtype)
    targets = rng.integers(1, args.C, size=(args.B, args.U))
    acts_t = torch.tensor(acts, requires_grad=True)
    targets_t = torch.tensor(targets)
    t_len, u_len = torch.full((args.B,), args.T), torch.full((args.B,), args.U)

    def run_numpy() -> None:
        m = acts.max(axis=-1, keepdims=True)
        lp = acts - m - np.log(np.exp(acts - m).sum(axis=-1, keepdims=True))
        ctc_batch(lp, targets)

    def run_torch() -> None:
        acts_t.grad = None
        loss = torch.nn.functional.ctc_loss(acts_t.log_softmax(-1), targets_t, t_len, u_len, reduction="sum")
        loss.backward()

    times: dict = {"numpy": [], "torch": []}
    run_numpy(), run_torch()  # warm up
    for _ in range(args.repeats):
        for name, fn in (("numpy", run_numpy), ("torch", run_torch)):
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    ms = {k: 1e3 * float(np.median(v)) for k, v in times.items()}
    print(f"T={args.T} C={args.C} U={args.U} B={args.B} {args.dtype}, torch threads={args.threads}")
    print(f"NumPy CTC loss+grad: {ms['numpy']:.2f} ms; torch ctc_loss fwd+bwd: {ms['torch']:.2f} ms; "
          f"ratio {ms['numpy'] / ms['torch']:.2f}")


if __name__ == "__main__":
    main()
