"""Recurrent networks in NumPy with hand-written gradients (BPTT, RTRL, CTC).

Every class and function here is checked against central finite differences and against
PyTorch with copied weights (see ``tests/scratch``).

Equation numbers in the docstrings of the recurrent layers refer to the chapters: (3.1)
the vanilla RNN, (3.2) the output layer, (3.3)-(3.4) BPTT, (3.5)-(3.6) RTRL; (5.1)-(5.6)
the LSTM, (5.7) its carousel and (5.8) its peepholes; (6.1)-(6.5) the GRU, (6.3) and (6.4) being its two
conventions; (7.1) bidirectional and (7.2) stacked layers; the linear scan of chapter 15.
"""

from .base import RecurrentLayer
from .bidirectional import Bidirectional
from .ctc import ctc_backward, ctc_extend, ctc_forward, ctc_grad, ctc_loss
from .ctc_batch import ctc_batch
from .ctc_decode import ctc_beam_search, ctc_collapse, ctc_greedy_decode
from .ctc_lexicon import ctc_lexicon_decode, lexicon_prefixes
from .costs import bptt_macs, bptt_stored, forward_macs, rtrl_macs
from .evolution import centered_ranks, ESResult, evolution_strategy, flatten, unflatten
from .gradcheck import check_layer_gradients, numerical_gradient, relative_error
from .gradient_flow import (
    gradient_norm_by_lag,
    jacobian_product_norms,
    orthogonal,
    scale_to_spectral_radius,
    scaled_identity,
    spectral_radius,
    tanh_jacobians,
    weight_gradient_by_lag,
)
from .gru import GRU
from .lstm import LSTM
from .objective import sequence_cross_entropy
from .optim import Adam, clip_grad_norm, global_norm, SGD
from .output import Linear, log_softmax, mse_loss, softmax, softmax_cross_entropy
from .rnn import RNN
from .rtrl import RTRL, rtrl
from .recall_training import clipping_run, es_against_bptt, ESComparison, recall_accuracy, train_recall
from .scan import linear_scan, linear_scan_backward, linear_scan_loop, scan_rounds
from .stacked import Stacked
from .truncated import truncated_bptt

__all__ = [
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
    "weight_gradient_by_lag",
    "forward_macs",
    "bptt_macs",
    "rtrl_macs",
    "bptt_stored",
    "recall_accuracy",
    "train_recall",
    "ESComparison",
    "es_against_bptt",
    "clipping_run",
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
    "linear_scan",
    "linear_scan_loop",
    "linear_scan_backward",
    "scan_rounds",
]
