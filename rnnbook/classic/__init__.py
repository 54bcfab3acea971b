"""Classic recurrent networks and the baselines beside them.

Hopfield networks and BAM, Elman and Jordan networks and the four sequence modes (chapters
1-2); count and AR baselines (chapter 6); echo state networks and the continuous-time RNN
(chapters 11-12); finite automata and their extraction from a trained network (chapter 13).
"""

from .automata import DFA
from .autoregressive import ARModel, fit_ar, fit_ar_windows, select_ar_order
from .bam import BAM
from .capacity import (
    ALPHA_C,
    bootstrap_crossing,
    capacity_curve,
    CapacityResult,
    crossing_load,
    crosstalk_bit_error,
    rs_critical_load,
    rs_overlap,
)
from .ctrnn import CTRNN, euler_errors, sigmoid
from .elman import ElmanNetwork
from .esn import EchoStateNetwork, largest_singular_value, spectral_radius
from .extraction import agreement, all_strings, extract_consistent_dfa, extract_dfa
from .hopfield import corrupt, hebbian_weights, HopfieldNetwork, overlap, projection_weights
from .hopfield_updates import hebbian_fields, sign_update, synchronous_recall
from .jordan import JordanNetwork, jordan_xor_solution
from .teacher_forcing import circle_sequences, free_running_loss, run_free, teacher_forcing_loss
from .temporal_xor import error_by_position, next_bit_errors, phase_errors, train_on_xor_stream, xor_loss
from .modes import EncoderDecoder, ManyToManyAligned, ManyToOne, OneToMany
from .ngram import KneserNeyLM, ngram_bits_per_character

__all__ = [
    "BAM",
    "ALPHA_C",
    "CapacityResult",
    "capacity_curve",
    "crosstalk_bit_error",
    "crossing_load",
    "bootstrap_crossing",
    "rs_critical_load",
    "rs_overlap",
    "ElmanNetwork",
    "JordanNetwork",
    "jordan_xor_solution",
    "error_by_position",
    "next_bit_errors",
    "phase_errors",
    "train_on_xor_stream",
    "xor_loss",
    "circle_sequences",
    "free_running_loss",
    "run_free",
    "teacher_forcing_loss",
    "HopfieldNetwork",
    "corrupt",
    "hebbian_fields",
    "hebbian_weights",
    "sign_update",
    "synchronous_recall",
    "overlap",
    "projection_weights",
    "EncoderDecoder",
    "ManyToManyAligned",
    "ManyToOne",
    "OneToMany",
    "EchoStateNetwork",
    "spectral_radius",
    "largest_singular_value",
    "CTRNN",
    "euler_errors",
    "sigmoid",
    "ARModel",
    "fit_ar",
    "fit_ar_windows",
    "select_ar_order",
    "KneserNeyLM",
    "ngram_bits_per_character",
    "DFA",
    "extract_dfa",
    "all_strings",
    "agreement",
    "extract_consistent_dfa",
]
