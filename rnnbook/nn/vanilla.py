"""The vanilla (Elman) recurrent step in PyTorch, the one the captioner's plain decoder runs.

.. math:: h_t = f(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh}), \\qquad f = \\tanh \\text{ or ReLU}

(Eq. (3.1) of the book with PyTorch's two bias vectors). As in :func:`~rnnbook.nn.lstm.lstm_step`
and :func:`~rnnbook.nn.gru.gru_step`, the input projection ``xw`` is computed by the caller,
once for a whole sequence or with extra terms added (the captioner adds the image's bias
:math:`b_v` to it at the first step), and the step adds the recurrent part.
"""

from __future__ import annotations

from typing import Optional

import torch

from ..validation import check_choice, check_instance

__all__ = ["rnn_step"]

_NONLINEARITIES = {"tanh": torch.tanh, "relu": torch.relu}


def rnn_step(
    xw: torch.Tensor,
    h: torch.Tensor,
    weight_hh: torch.Tensor,
    bias_hh: Optional[torch.Tensor] = None,
    nonlinearity: str = "tanh",
) -> torch.Tensor:
    """One step of a vanilla RNN, given the input projection ``xw`` = :math:`W_{ih} x_t + b_{ih}`.

    Computes what ``torch.nn.RNNCell`` computes: ``f(xw + h @ weight_hh.T + bias_hh)``.

    Shapes
    ------
    xw : (B, H); h : (B, H); weight_hh : (H, H); bias_hh : (H,) or None. Returns h_t, (B, H).
    """
    for name, value in (("xw", xw), ("h", h), ("weight_hh", weight_hh)):
        check_instance(name, value, torch.Tensor)
    f = _NONLINEARITIES[check_choice("nonlinearity", nonlinearity, tuple(_NONLINEARITIES))]
    if xw.shape != h.shape or weight_hh.shape != (h.shape[-1], h.shape[-1]):
        raise ValueError(f"xw and h must have shape (B, H) and weight_hh (H, H); got {tuple(xw.shape)}, "
                         f"{tuple(h.shape)} and {tuple(weight_hh.shape)}")
    pre = xw + h @ weight_hh.T
    if bias_hh is not None:
        pre = pre + bias_hh
    return f(pre)
