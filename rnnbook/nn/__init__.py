"""PyTorch modules of the book, written out so that each equation is visible."""

from .adding_runs import adding_mse, AddingRun, select_rate, train_adding
from .attention import AdditiveAttention
from .captioner import caption_loss, Captioner
from .closed_loop import closed_loop, series_batches
from .compressor import compress_sequences, hierarchy_predict, next_token_loss, unpredicted_mask
from .contenders import (
    parameter_count,
    SequenceModel,
    state_bytes,
    TODAY_KINDS,
    width_for_budget,
)
from .ctc import ctc_loss
from .ctrnn import ContinuousTimeRNN
from .early_stopping import KeepBest
from .ensemble import KINDS as ENSEMBLE_KINDS, RecurrentEnsemble
from .embedding import JointEmbedding, ranking_loss, SentenceBRNN
from .gated_feedback import stack_width_for_budget, stacked_parameter_count, StackedRNN
from .gru import GRU, gru_step, GRUCell
from .image_encoder import ImageEncoder, pretraining_classifier
from .labeller import SequenceLabeller
from .losses import next_symbols_loss
from .lru import LRU
from .lstm import LSTM, lstm_step, LSTMCell, set_forget_bias
from .memory_runs import memory_success, MemoryRuns, success_by_lag
from .mingru import MinGRU
from .models import (
    CharLM,
    hidden_size_for_budget,
    make_recurrent,
    RECURRENT_KINDS,
    recurrent_parameter_count,
    RecurrentNet,
)
from .mtrnn import MTRNN
from .ntm import NTM
from .ntm_addressing import (
    address,
    circular_shift,
    content_weights,
    interpolate,
    read_memory,
    sharpen,
    write_memory,
)
from .rcl import local_response_norm, RecurrentConvLayer, unfolded_paths
from .rcnn import RCNN, rcnn_parameter_count, width_for_parameter_count
from .rcnn_baselines import (
    BASELINE_NAMES,
    ConvStack,
    deep_cnn,
    predict_labels,
    rcnn_and_baselines,
    train_classifier,
)
from .recursive import RecursiveNet
from .sampling import sample_text
from .scan import linear_scan
from .second_order import acceptor_verdicts, FirstOrderRNN, SecondOrderRNN, train_acceptor
from .seq2seq import Seq2Seq, seq2seq_loss, seq2seq_parameter_count
from .transformer import CausalTransformer, sinusoidal_positions
from .vanilla import rnn_step

__all__ = [
    "SequenceLabeller",
    "ctc_loss",
    "LSTM",
    "LSTMCell",
    "lstm_step",
    "rnn_step",
    "set_forget_bias",
    "GRU",
    "GRUCell",
    "gru_step",
    "RECURRENT_KINDS",
    "make_recurrent",
    "recurrent_parameter_count",
    "hidden_size_for_budget",
    "RecurrentNet",
    "CharLM",
    "RecurrentConvLayer",
    "RCNN",
    "local_response_norm",
    "rcnn_parameter_count",
    "width_for_parameter_count",
    "unfolded_paths",
    "BASELINE_NAMES",
    "ConvStack",
    "deep_cnn",
    "rcnn_and_baselines",
    "train_classifier",
    "predict_labels",
    "ImageEncoder",
    "pretraining_classifier",
    "Captioner",
    "caption_loss",
    "SentenceBRNN",
    "JointEmbedding",
    "ranking_loss",
    "AddingRun",
    "adding_mse",
    "train_adding",
    "select_rate",
    "next_symbols_loss",
    "linear_scan",
    "MinGRU",
    "LRU",
    "CausalTransformer",
    "sinusoidal_positions",
    "TODAY_KINDS",
    "SequenceModel",
    "width_for_budget",
    "parameter_count",
    "state_bytes",
    "closed_loop",
    "series_batches",
    "ContinuousTimeRNN",
    "MTRNN",
    "AdditiveAttention",
    "Seq2Seq",
    "seq2seq_loss",
    "seq2seq_parameter_count",
    "NTM",
    "content_weights",
    "interpolate",
    "circular_shift",
    "sharpen",
    "address",
    "read_memory",
    "write_memory",
    "KeepBest",
    "sample_text",
    "SecondOrderRNN",
    "FirstOrderRNN",
    "train_acceptor",
    "acceptor_verdicts",
    "RecursiveNet",
    "next_token_loss",
    "unpredicted_mask",
    "compress_sequences",
    "hierarchy_predict",
    "StackedRNN",
    "stacked_parameter_count",
    "stack_width_for_budget",
    "ENSEMBLE_KINDS",
    "RecurrentEnsemble",
    "memory_success",
    "MemoryRuns",
    "success_by_lag",
]
