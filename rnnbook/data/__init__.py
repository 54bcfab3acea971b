"""Data for the book, offline: synthetic tasks and loaders of data bundled with packages."""

from .adding import ADDING_BASELINE_MSE, adding_batches, ADDING_ONE_NUMBER_MSE, adding_problem
from .anbn import (
    accepts_by_prediction,
    anbn,
    ANBN_ALPHABET,
    anbn_dataset,
    anbn_next_sets,
    anbn_prediction_batch,
    encode_strings,
    is_anbn,
    near_misses,
    NEXT_SYMBOLS,
)
from .context import causal_bayes_accuracy, window_majority
from .copy_task import copy_batch, copy_batches, copy_loss, wrong_bits
from .cue_recall import cue_recall_batch, cue_recall_vocab_size
from .digits import binarize, bipolar_digits, labelled_bipolar_digits, load_digits_images
from .digits_images import cluttered_digits, digit_split, image_batches
from .expressions import (
    evaluate_expression,
    expression_dataset,
    flatten_trees,
    OPERATORS,
    prefix_tokens,
    random_expression,
)
from .lags import bits_to_labels, delayed_recall, remember_bit
from .mackey_glass import mackey_glass
from .movements import MOVEMENT_ORDERS, movement_sequences, primitive, PRIMITIVES
from .reber import (
    embedded_reber_string,
    encode_reber,
    is_reber,
    reber_batches,
    reber_string,
    reber_strings,
    REBER_SYMBOLS,
    reber_targets,
)
from .parity_count import parity_count
from .recall import associative_recall, most_frequent_value, recall_batches
from .reverse import DIGITS, EOS, reverse_batch, reverse_batches, sequence_accuracy
from .scenes import describe, guess_captions, make_scenes, scene_batches, Scenes, Vocabulary
from .series import load_sunspots, make_windows, SeriesWindows
from .stock import load_stock, StockWindows
from .strips import (
    collate_strips,
    digit_lexicon,
    digit_pool,
    digit_strips,
    DigitStrips,
    strip_batches,
)
from .text import char_batches, CharCorpus, load_python_docs
from .timescales import two_timescale_batch
from .tomita import encode_binary, tomita_accepts, TOMITA_ALPHABET, tomita_dataset, tomita_dfa
from .toy import delayed_echo_batch, majority_batch, reversal_batch, sine_from_class
from .xor import xor_prediction_batch, xor_stream, xor_windows

__all__ = [
    "bits_to_labels",
    "delayed_recall",
    "remember_bit",
    "binarize",
    "bipolar_digits",
    "labelled_bipolar_digits",
    "load_digits_images",
    "delayed_echo_batch",
    "majority_batch",
    "reversal_batch",
    "sine_from_class",
    "xor_prediction_batch",
    "xor_stream",
    "xor_windows",
    "causal_bayes_accuracy",
    "window_majority",
    "parity_count",
    "DigitStrips",
    "collate_strips",
    "digit_lexicon",
    "digit_pool",
    "digit_strips",
    "strip_batches",
    "ADDING_BASELINE_MSE",
    "ADDING_ONE_NUMBER_MSE",
    "adding_problem",
    "adding_batches",
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
    "REBER_SYMBOLS",
    "reber_string",
    "embedded_reber_string",
    "reber_strings",
    "is_reber",
    "reber_targets",
    "encode_reber",
    "reber_batches",
    "SeriesWindows",
    "load_sunspots",
    "make_windows",
    "CharCorpus",
    "load_python_docs",
    "char_batches",
    "cluttered_digits",
    "digit_split",
    "image_batches",
    "Scenes",
    "Vocabulary",
    "describe",
    "guess_captions",
    "make_scenes",
    "scene_batches",
    "associative_recall",
    "most_frequent_value",
    "recall_batches",
    "StockWindows",
    "load_stock",
    "mackey_glass",
    "MOVEMENT_ORDERS",
    "PRIMITIVES",
    "movement_sequences",
    "primitive",
    "copy_batch",
    "copy_batches",
    "copy_loss",
    "wrong_bits",
    "DIGITS",
    "EOS",
    "reverse_batch",
    "reverse_batches",
    "sequence_accuracy",
    "TOMITA_ALPHABET",
    "tomita_accepts",
    "tomita_dfa",
    "tomita_dataset",
    "encode_binary",
    "OPERATORS",
    "random_expression",
    "evaluate_expression",
    "expression_dataset",
    "prefix_tokens",
    "flatten_trees",
    "cue_recall_batch",
    "cue_recall_vocab_size",
    "two_timescale_batch",
]
