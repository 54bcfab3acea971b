"""Recurrent networks in NumPy with hand-written gradients (BPTT, RTRL, CTC).

Every class and function here is checked against central finite differences and against
PyTorch with copied weights (see ``tests/scratch``).

Equation numbers in the docstrings of the recurrent layers refer to the chapters: (3.1)
the vanilla RNN, (3.2) the output layer, (3.3)-(3.4) BPTT, (3.5)-(3.6) RTRL; (5.1)-(5.6)
the LSTM, (5.7) its carousel and (5.8) its peepholes; (6.1)-(6.5) the GRU, (6.3) and (6.4) being its two
conventions; (7.1) bidirectional and (7.2) stacked layers.
"""

__all__: list = []

# Recurrent layers with hand-written BPTT, and gradient checking (issue 3).
from .base import RecurrentLayer  # noqa: E402
from .bidirectional import Bidirectional  # noqa: E402
from .gradcheck import check_layer_gradients, numerical_gradient, relative_error  # noqa: E402
from .gru import GRU  # noqa: E402
from .lstm import LSTM  # noqa: E402
from .optim import SGD, Adam, clip_grad_norm, global_norm  # noqa: E402
from .output import Linear, log_softmax, mse_loss, softmax, softmax_cross_entropy  # noqa: E402
from .objective import sequence_cross_entropy  # noqa: E402
from .rnn import RNN  # noqa: E402
from .rtrl import RTRL, rtrl  # noqa: E402
from .stacked import Stacked  # noqa: E402
from .truncated import truncated_bptt  # noqa: E402

__all__ += [
    "RecurrentLayer",
    "RNN",
    "LSTM",
    "GRU",
    "Bidirectional",
    "Stacked",
    "Linear",
    "softmax",
    "log_softmax",
    "softmax_cross_entropy",
    "mse_loss",
    "sequence_cross_entropy",
    "SGD",
    "Adam",
    "clip_grad_norm",
    "global_norm",
    "truncated_bptt",
    "RTRL",
    "rtrl",
    "check_layer_gradients",
    "numerical_gradient",
    "relative_error",
]

# Evolution strategy and gradient-flow measurements (chapters 3 and 4).
from .evolution import ESResult, centered_ranks, evolution_strategy, flatten, unflatten  # noqa: E402
from .gradient_flow import (  # noqa: E402
    gradient_norm_by_lag,
    jacobian_product_norms,
    orthogonal,
    scale_to_spectral_radius,
    scaled_identity,
    spectral_radius,
    tanh_jacobians,
)

__all__ += [
    "ESResult",
    "centered_ranks",
    "evolution_strategy",
    "flatten",
    "unflatten",
    "gradient_norm_by_lag",
    "jacobian_product_norms",
    "orthogonal",
    "scale_to_spectral_radius",
    "scaled_identity",
    "spectral_radius",
    "tanh_jacobians",
]

# Connectionist temporal classification (chapter 8).
from .ctc import ctc_backward, ctc_extend, ctc_forward, ctc_grad, ctc_loss  # noqa: E402
from .ctc_batch import ctc_batch  # noqa: E402
from .ctc_decode import ctc_beam_search, ctc_collapse, ctc_greedy_decode  # noqa: E402
from .ctc_lexicon import ctc_lexicon_decode, lexicon_prefixes  # noqa: E402

__all__ += [
    "ctc_extend",
    "ctc_forward",
    "ctc_backward",
    "ctc_loss",
    "ctc_grad",
    "ctc_batch",
    "ctc_collapse",
    "ctc_greedy_decode",
    "ctc_beam_search",
    "ctc_lexicon_decode",
    "lexicon_prefixes",
]

# The linear recurrence and its parallel scan (chapter 15).
from .scan import linear_scan, linear_scan_backward, linear_scan_loop, scan_rounds  # noqa: E402

__all__ += ["linear_scan", "linear_scan_loop", "linear_scan_backward", "scan_rounds"]
