"""Data for the book, offline: synthetic tasks and loaders of data bundled with packages."""

__all__: list = []

# Tasks with a controlled time lag (chapters 3 and 4).
from .lags import bits_to_labels, delayed_recall, remember_bit  # noqa: E402

__all__ += ["bits_to_labels", "delayed_recall", "remember_bit"]

# Handwritten digits (scikit-learn's bundled set), Elman's temporal XOR, sequence-mode toys.
from .digits import binarize, bipolar_digits, load_digits_images  # noqa: E402
from .toy import delayed_echo_batch, majority_batch, reversal_batch, sine_from_class  # noqa: E402
from .xor import xor_prediction_batch, xor_stream  # noqa: E402

__all__ += ["binarize", "bipolar_digits", "load_digits_images"]
__all__ += ["delayed_echo_batch", "majority_batch", "reversal_batch", "sine_from_class"]
__all__ += ["xor_prediction_batch", "xor_stream"]

# Handwritten digit strips for CTC, and a task decided by future context (chapters 7 and 8).
from .context import causal_bayes_accuracy, window_majority  # noqa: E402
from .strips import DigitStrips, collate_strips, digit_lexicon, digit_pool, digit_strips, strip_batches  # noqa: E402

__all__ += ["causal_bayes_accuracy", "window_majority"]
__all__ += ["DigitStrips", "collate_strips", "digit_lexicon", "digit_pool", "digit_strips", "strip_batches"]

# Long time lags, grammars, counting, text and series (chapters 5 and 6).
from .adding import ADDING_BASELINE_MSE, ADDING_ONE_NUMBER_MSE, adding_batches, adding_problem  # noqa: E402
from .anbn import (  # noqa: E402
    ANBN_ALPHABET,
    NEXT_SYMBOLS,
    accepts_by_prediction,
    anbn,
    anbn_dataset,
    anbn_next_sets,
    anbn_prediction_batch,
    encode_strings,
    is_anbn,
    near_misses,
)
from .reber import (  # noqa: E402
    REBER_SYMBOLS,
    embedded_reber_string,
    encode_reber,
    is_reber,
    reber_batches,
    reber_string,
    reber_strings,
    reber_targets,
)
from .series import SeriesWindows, load_sunspots, make_windows  # noqa: E402
from .text import CharCorpus, char_batches, load_python_docs  # noqa: E402

__all__ += ["ADDING_BASELINE_MSE", "ADDING_ONE_NUMBER_MSE", "adding_problem", "adding_batches"]
__all__ += [
    "ANBN_ALPHABET",
    "NEXT_SYMBOLS",
    "anbn",
    "is_anbn",
    "near_misses",
    "anbn_dataset",
    "encode_strings",
    "anbn_next_sets",
    "anbn_prediction_batch",
    "accepts_by_prediction",
]
__all__ += [
    "REBER_SYMBOLS",
    "reber_string",
    "embedded_reber_string",
    "reber_strings",
    "is_reber",
    "reber_targets",
    "encode_reber",
    "reber_batches",
]
__all__ += ["SeriesWindows", "load_sunspots", "make_windows"]
__all__ += ["CharCorpus", "load_python_docs", "char_batches"]

# Images for convolutional networks and captioned scenes (chapters 9 and 10).
from .digits_images import cluttered_digits, digit_split, image_batches  # noqa: E402
from .scenes import Scenes, Vocabulary, describe, guess_captions, make_scenes, scene_batches  # noqa: E402

__all__ += ["cluttered_digits", "digit_split", "image_batches"]
__all__ += ["Scenes", "Vocabulary", "describe", "guess_captions", "make_scenes", "scene_batches"]

# Associative recall (chapter 15).
from .recall import associative_recall, recall_batches  # noqa: E402

__all__ += ["associative_recall", "recall_batches"]

# Google's daily share prices from matplotlib's sample data (chapter 15).
from .stock import StockWindows, load_stock  # noqa: E402

__all__ += ["StockWindows", "load_stock"]

# A chaotic series and movement-like sequences (chapters 11 and 12).
from .mackey_glass import mackey_glass  # noqa: E402
from .movements import MOVEMENT_ORDERS, PRIMITIVES, movement_sequences, primitive  # noqa: E402

__all__ += ["mackey_glass", "MOVEMENT_ORDERS", "PRIMITIVES", "movement_sequences", "primitive"]
# Reversing digit strings and the copy task (chapter 14).
from .copy_task import copy_batch, copy_batches, copy_loss, wrong_bits  # noqa: E402
from .reverse import DIGITS, EOS, reverse_batch, reverse_batches, sequence_accuracy  # noqa: E402

__all__ += ["copy_batch", "copy_batches", "copy_loss", "wrong_bits"]
__all__ += ["DIGITS", "EOS", "reverse_batch", "reverse_batches", "sequence_accuracy"]

# The Tomita grammars (chapter 13).
from .tomita import TOMITA_ALPHABET, encode_binary, tomita_accepts, tomita_dataset, tomita_dfa  # noqa: E402

__all__ += ["TOMITA_ALPHABET", "tomita_accepts", "tomita_dfa", "tomita_dataset", "encode_binary"]

# Arithmetic expression trees (chapter 13).
from .expressions import (  # noqa: E402
    OPERATORS,
    evaluate_expression,
    expression_dataset,
    flatten_trees,
    prefix_tokens,
    random_expression,
)

__all__ += ["OPERATORS", "random_expression", "evaluate_expression", "expression_dataset",
            "prefix_tokens", "flatten_trees"]

# Mostly predictable sequences with one long lag, for the history compressor (chapter 13).
from .cue_recall import cue_recall_batch, cue_recall_vocab_size  # noqa: E402

__all__ += ["cue_recall_batch", "cue_recall_vocab_size"]

# A task with two timescales, for gated-feedback networks (chapter 13).
from .timescales import two_timescale_batch  # noqa: E402

__all__ += ["two_timescale_batch"]
