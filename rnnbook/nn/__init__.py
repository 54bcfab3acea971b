"""PyTorch modules of the book, written out so that each equation is visible."""

__all__: list = []

# Sequence labelling: a stacked, bidirectional labeller and the PyTorch CTC path (chapters 7 and 8).
from .ctc import ctc_loss  # noqa: E402
from .labeller import SequenceLabeller  # noqa: E402

__all__ += ["SequenceLabeller", "ctc_loss"]

# Gated cells written gate by gate, and small sequence models (chapters 5 and 6).
from .gru import GRU, GRUCell, gru_step  # noqa: E402
from .lstm import LSTM, LSTMCell, lstm_step  # noqa: E402
from .models import (  # noqa: E402
    RECURRENT_KINDS,
    CharLM,
    RecurrentNet,
    hidden_size_for_budget,
    make_recurrent,
    recurrent_parameter_count,
)

__all__ += ["LSTM", "LSTMCell", "lstm_step", "GRU", "GRUCell", "gru_step"]
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

__all__ += ["RecurrentConvLayer", "RCNN", "local_response_norm", "rcnn_parameter_count",
            "width_for_parameter_count", "unfolded_paths"]
__all__ += ["ImageEncoder", "pretraining_classifier", "Captioner", "caption_loss",
            "SentenceBRNN", "JointEmbedding", "ranking_loss"]

# Losses (chapters 5 and 6).
from .losses import next_symbols_loss  # noqa: E402

__all__ += ["next_symbols_loss"]

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
