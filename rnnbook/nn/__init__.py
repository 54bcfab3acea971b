"""PyTorch modules of the book, written out so that each equation is visible."""

__all__: list = []

# Sequence labelling: a stacked, bidirectional labeller and the PyTorch CTC path (chapters 7 and 8).
from .ctc import ctc_loss  # noqa: E402
from .labeller import SequenceLabeller  # noqa: E402

__all__ += ["SequenceLabeller", "ctc_loss"]

# Gated cells written gate by gate, and small sequence models (chapters 5 and 6).
from .gru import GRU, GRUCell, gru_step  # noqa: E402
from .lstm import LSTM, LSTMCell, lstm_step, set_forget_bias  # noqa: E402
from .models import (  # noqa: E402
    RECURRENT_KINDS,
    CharLM,
    RecurrentNet,
    hidden_size_for_budget,
    make_recurrent,
    recurrent_parameter_count,
)

__all__ += ["LSTM", "LSTMCell", "lstm_step", "set_forget_bias", "GRU", "GRUCell", "gru_step"]
__all__ += [
    "RECURRENT_KINDS",
    "make_recurrent",
    "recurrent_parameter_count",
    "hidden_size_for_budget",
    "RecurrentNet",
    "CharLM",
]

# Convolution and recurrence: the recurrent convolutional layer, captioning, retrieval (chapters 9 and 10).
from .captioner import Captioner, ImageEncoder, caption_loss, pretraining_classifier  # noqa: E402
from .embedding import JointEmbedding, SentenceBRNN, ranking_loss  # noqa: E402
from .rcl import (  # noqa: E402
    RCNN,
    RecurrentConvLayer,
    local_response_norm,
    rcnn_parameter_count,
    unfolded_paths,
    width_for_parameter_count,
)

from .rcnn_baselines import (  # noqa: E402
    BASELINE_NAMES,
    ConvStack,
    deep_cnn,
    predict_labels,
    rcnn_and_baselines,
    train_classifier,
)

__all__ += ["RecurrentConvLayer", "RCNN", "local_response_norm", "rcnn_parameter_count",
            "width_for_parameter_count", "unfolded_paths"]
__all__ += ["BASELINE_NAMES", "ConvStack", "deep_cnn", "rcnn_and_baselines", "train_classifier",
            "predict_labels"]
__all__ += ["ImageEncoder", "pretraining_classifier", "Captioner", "caption_loss",
            "SentenceBRNN", "JointEmbedding", "ranking_loss"]

# The adding problem with separate validation and test streams (chapter 5).
from .adding_runs import AddingRun, adding_mse, select_rate, train_adding  # noqa: E402

__all__ += ["AddingRun", "adding_mse", "train_adding", "select_rate"]

# Losses (chapters 5 and 6).
from .losses import next_symbols_loss  # noqa: E402

__all__ += ["next_symbols_loss"]

# Recurrence today: the parallel scan, minGRU, a linear recurrent unit, a causal transformer (chapter 15).
from .contenders import (  # noqa: E402
    TODAY_KINDS,
    SequenceModel,
    parameter_count,
    sample_sequence,
    state_bytes,
    width_for_budget,
)
from .lru import LRU  # noqa: E402
from .mingru import MinGRU  # noqa: E402
from .scan import linear_scan  # noqa: E402
from .transformer import CausalTransformer, sinusoidal_positions  # noqa: E402

__all__ += ["linear_scan", "MinGRU", "LRU", "CausalTransformer", "sinusoidal_positions"]
__all__ += ["TODAY_KINDS", "SequenceModel", "width_for_budget", "parameter_count", "state_bytes", "sample_sequence"]
# Free-running predictors, continuous time and multiple timescales (chapters 11 and 12).
from .closed_loop import closed_loop, series_batches  # noqa: E402
from .ctrnn import ContinuousTimeRNN  # noqa: E402
from .mtrnn import MTRNN  # noqa: E402

__all__ += ["closed_loop", "series_batches", "ContinuousTimeRNN", "MTRNN"]
# Memory: an encoder-decoder with additive attention and a neural Turing machine (chapter 14).
from .attention import AdditiveAttention  # noqa: E402
from .ntm import NTM  # noqa: E402
from .ntm_addressing import (  # noqa: E402
    address,
    circular_shift,
    content_weights,
    interpolate,
    read_memory,
    sharpen,
    write_memory,
)
from .seq2seq import Seq2Seq, seq2seq_loss, seq2seq_parameter_count  # noqa: E402

__all__ += ["AdditiveAttention", "Seq2Seq", "seq2seq_loss", "seq2seq_parameter_count", "NTM"]
__all__ += ["content_weights", "interpolate", "circular_shift", "sharpen", "address",
            "read_memory", "write_memory"]
# Early stopping on a validation split (chapter 6).
from .early_stopping import KeepBest  # noqa: E402
from .sampling import sample_text  # noqa: E402

__all__ += ["KeepBest", "sample_text"]
# Second-order recurrent networks (chapter 13).
from .second_order import FirstOrderRNN, SecondOrderRNN, acceptor_verdicts, train_acceptor  # noqa: E402

__all__ += ["SecondOrderRNN", "FirstOrderRNN", "train_acceptor", "acceptor_verdicts"]

# Recursive networks over trees (chapter 13).
from .recursive import RecursiveNet  # noqa: E402

__all__ += ["RecursiveNet"]

# The neural history compressor (chapter 13).
from .compressor import compress_sequences, hierarchy_predict, next_token_loss, unpredicted_mask  # noqa: E402

__all__ += ["next_token_loss", "unpredicted_mask", "compress_sequences", "hierarchy_predict"]

# Stacked RNNs, plain and with gated feedback (chapter 13).
from .gated_feedback import StackedRNN, stack_width_for_budget, stacked_parameter_count  # noqa: E402

__all__ += ["StackedRNN", "stacked_parameter_count", "stack_width_for_budget"]
