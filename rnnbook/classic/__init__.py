"""Classic recurrent networks: Hopfield networks, BAM, Elman and Jordan networks, ..."""

__all__: list = []

# Associative memories, Elman and Jordan networks, the four sequence modes.
from .bam import BAM  # noqa: E402
from .capacity import ALPHA_C, CapacityResult, capacity_curve, crosstalk_bit_error  # noqa: E402
from .elman import ElmanNetwork  # noqa: E402
from .hopfield import HopfieldNetwork, corrupt, hebbian_weights, overlap, projection_weights  # noqa: E402
from .jordan import JordanNetwork  # noqa: E402
from .modes import EncoderDecoder, ManyToManyAligned, ManyToOne, OneToMany  # noqa: E402

__all__ += ["BAM", "ALPHA_C", "CapacityResult", "capacity_curve", "crosstalk_bit_error"]
__all__ += ["ElmanNetwork", "JordanNetwork"]
__all__ += ["HopfieldNetwork", "corrupt", "hebbian_weights", "overlap", "projection_weights"]
__all__ += ["EncoderDecoder", "ManyToManyAligned", "ManyToOne", "OneToMany"]

# Reservoir computing and continuous time (chapters 11 and 12).
from .ctrnn import CTRNN, euler_errors, sigmoid  # noqa: E402
from .esn import EchoStateNetwork, largest_singular_value, spectral_radius  # noqa: E402

__all__ += ["EchoStateNetwork", "spectral_radius", "largest_singular_value"]
__all__ += ["CTRNN", "euler_errors", "sigmoid"]
# Count and linear baselines: Kneser-Ney character n-grams, AR(p) forecasts (chapter 6).
from .autoregressive import ARModel, fit_ar, select_ar_order  # noqa: E402
from .ngram import KneserNeyLM, ngram_bits_per_character  # noqa: E402

__all__ += ["ARModel", "fit_ar", "select_ar_order", "KneserNeyLM", "ngram_bits_per_character"]
# Finite automata: minimisation, equivalence and extraction from a network (chapter 13).
from .automata import DFA  # noqa: E402
from .extraction import agreement, all_strings, extract_consistent_dfa, extract_dfa  # noqa: E402

__all__ += ["DFA", "extract_dfa", "all_strings", "agreement", "extract_consistent_dfa"]
