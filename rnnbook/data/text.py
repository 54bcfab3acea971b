"""A character corpus built offline from Python's own documentation (``pydoc_data.topics``).

The standard library ships the text of the language reference's help topics (what
``help("for")`` shows) in ``pydoc_data.topics``: about 460,000 characters of English
prose and code, available on every Python installation with no download. Topics are
joined in sorted order, characters outside printable ASCII are mapped to ``?``, and the
first 90 % becomes the training text, the last 10 % the validation text (a fixed split).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_array, check_codes, check_int

__all__ = ["CharCorpus", "load_python_docs", "char_batches"]

_ALLOWED = set(string.printable) - set("\r\x0b\x0c")


@dataclass(frozen=True)
class CharCorpus:
    """A character corpus with a fixed train/validation split and its code.

    Attributes
    ----------
    train, valid : numpy.ndarray
        Character codes (int64) of the training and validation text, shapes (N_train,)
        and (N_valid,).
    chars : str
        The vocabulary: ``chars[k]`` is the character of code ``k``.
    """

    train: np.ndarray
    valid: np.ndarray
    chars: str

    @property
    def vocab_size(self) -> int:
        """V, the number of distinct characters."""
        return len(self.chars)

    def encode(self, text: str) -> np.ndarray:
        """Codes of ``text``; characters outside the vocabulary raise ``ValueError``."""
        index = {c: k for k, c in enumerate(self.chars)}
        bad = sorted(set(text) - set(index))
        if bad:
            raise ValueError(f"text must use only the corpus's characters; got {bad!r}")
        return np.asarray([index[c] for c in text], dtype=np.int64)

    def decode(self, codes) -> str:
        """Text of a sequence of codes (integers in [0, V)); anything else is refused."""
        codes = check_codes("codes", list(codes) if not hasattr(codes, "shape") else codes,
                            len(self.chars))
        return "".join(self.chars[k] for k in codes.reshape(-1))


def load_python_docs(valid_fraction: float = 0.1, max_chars: int | None = None) -> CharCorpus:
    """Load the Python documentation corpus.

    Parameters
    ----------
    valid_fraction : float
        Share of the (possibly truncated) text kept for validation, at the end.
    max_chars : int, optional
        Use only the first ``max_chars`` characters (for quick experiments).

    Returns
    -------
    CharCorpus
    """
    from pydoc_data.topics import topics

    if not 0.0 < valid_fraction < 1.0:
        raise ValueError(f"valid_fraction must be in (0, 1); got {valid_fraction!r}")
    text = "".join(topics[key] for key in sorted(topics))
    text = "".join(c if c in _ALLOWED else "?" for c in text)
    if max_chars is not None:
        if not isinstance(max_chars, int) or max_chars < 100:
            raise ValueError(f"max_chars must be an integer >= 100 or None; got {max_chars!r}")
        text = text[:max_chars]
    chars = "".join(sorted(set(text)))
    index = {c: k for k, c in enumerate(chars)}
    codes = np.asarray([index[c] for c in text], dtype=np.int64)
    split = int(round(len(codes) * (1.0 - valid_fraction)))
    return CharCorpus(train=codes[:split], valid=codes[split:], chars=chars)


def char_batches(codes: np.ndarray, batch_size: int, T: int, seed: SeedLike = 0) -> Iterator[tuple]:
    """Endless random windows of a code array as ``(x, y)`` torch tensors.

    ``y`` is ``x`` shifted by one character: the targets of next-character prediction.
    The arguments are checked at the call, before the first batch.

    Shapes
    ------
    codes : (N,) integer codes; x, y : (T, batch_size), int64.
    """
    import torch

    batch_size, T = check_int("batch_size", batch_size, minimum=1), check_int("T", T, minimum=1)
    check_array("codes", codes, (("N", None),))
    if codes.dtype.kind not in "iu":
        raise TypeError(f"codes must hold integer codes; got dtype {codes.dtype}")
    if len(codes) < T + 2:
        raise ValueError(f"codes must be 1-D with more than T+1={T + 1} entries; got shape {codes.shape}")
    rng = as_rng(seed)
    offsets = np.arange(T + 1)

    def stream() -> Iterator:
        while True:
            starts = rng.integers(0, len(codes) - T - 1, size=batch_size)
            window = codes[starts[None, :] + offsets[:, None]]  # (T+1, B)
            yield torch.from_numpy(window[:-1]), torch.from_numpy(window[1:])

    return stream()
