"""rnnbook: the companion package of the textbook *Recurrent Neural Networks*.

Subpackages follow the book:

- :mod:`rnnbook.scratch`: NumPy networks with hand-written gradients (BPTT, RTRL, CTC).
- :mod:`rnnbook.nn`: PyTorch modules written out gate by gate.
- :mod:`rnnbook.classic`: Hopfield networks, BAM, Elman and Jordan networks, and others.
- :mod:`rnnbook.data`: synthetic tasks and loaders of bundled real data (offline).
- :mod:`rnnbook.train`, :mod:`rnnbook.metrics`, :mod:`rnnbook.plot`: training loop,
  metrics and figure helpers.
"""

from .utils import as_rng, get_device, markdown_table, sci, set_seed, show_source

__version__ = "0.1.0"

__all__ = ["__version__", "as_rng", "get_device", "markdown_table", "sci", "set_seed", "show_source"]
