"""Shared helpers for the tests of ``rnnbook.scratch``: comparison with PyTorch autograd."""

from __future__ import annotations

import numpy as np
import pytest
import torch


def _torch_run(module, x, w, state=None):
    """Run ``module`` on ``x``, backpropagate ``sum(w * output)``; return NumPy results."""
    xt = torch.tensor(x, requires_grad=True)
    module.zero_grad()
    if state is None:
        out, _ = module(xt)
    else:
        out, _ = module(xt, state)
    (out * torch.tensor(w)).sum().backward()
    grads = {k: p.grad.numpy().copy() for k, p in module.named_parameters()}
    return out.detach().numpy(), xt.grad.numpy(), grads


@pytest.fixture
def torch_run():
    """``torch_run(module, x, w, state=None) -> (output, dx, grads)`` with NumPy arrays."""
    return _torch_run


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
