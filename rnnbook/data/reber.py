"""The (embedded) Reber grammar: strings, a validity check and next-symbol targets.

The Reber grammar (Reber, 1967) is a small finite-state automaton whose strings start with
``B`` and end with ``E``; from each state two symbols are legal, each chosen with
probability 1/2. The *embedded* grammar (Fahlman, 1991; Hochreiter & Schmidhuber, 1997)
wraps a Reber string between two copies of the same symbol, ``T`` or ``P``::

    B T <Reber string> T E        or        B P <Reber string> P E

Predicting the penultimate symbol needs the second symbol, seen many steps before:
a long-range dependency that a network must carry across the whole inner string.

The standard task is to predict, at every step, the *set* of legal next symbols
(:func:`reber_targets`); a string is learned when the prediction is right at every step.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_int

__all__ = [
    "REBER_SYMBOLS",
    "reber_string",
    "embedded_reber_string",
    "reber_strings",
    "is_reber",
    "reber_targets",
    "encode_reber",
    "reber_batches",
]

#: The seven symbols, in the order of the one-hot code.
REBER_SYMBOLS = "BTPSXVE"

# Reber automaton after the initial B: state -> ((symbol, next state), (symbol, next state)).
# State 6 is final (only E follows).
_TRANSITIONS = {
    1: (("T", 2), ("P", 3)),
    2: (("S", 2), ("X", 4)),
    3: (("T", 3), ("V", 5)),
    4: (("X", 3), ("S", 6)),
    5: (("P", 4), ("V", 6)),
}


def reber_string(seed: SeedLike = 0) -> str:
    """Draw one string of the Reber grammar, for example ``"BTSSXXTVVE"``."""
    rng = as_rng(seed)
    out, state = ["B"], 1
    while state != 6:
        symbol, state = _TRANSITIONS[state][int(rng.integers(2))]
        out.append(symbol)
    out.append("E")
    return "".join(out)


def embedded_reber_string(seed: SeedLike = 0) -> str:
    """Draw one string of the embedded Reber grammar, for example ``"BTBPVVETE"``."""
    rng = as_rng(seed)
    wrap = "TP"[int(rng.integers(2))]
    return "B" + wrap + reber_string(rng) + wrap + "E"


def reber_strings(n: int, *, embedded: bool = True, seed: SeedLike = 0) -> list:
    """Draw ``n`` strings of the (embedded) Reber grammar."""
    check_int("n", n, minimum=1)
    rng = as_rng(seed)
    draw = embedded_reber_string if embedded else reber_string
    return [draw(rng) for _ in range(n)]


def _inner_sets(s: str) -> list:
    """Legal next-symbol sets after each symbol of a Reber string, or None if invalid."""
    if len(s) < 2 or s[0] != "B":
        return None
    sets, state = [], 1
    for symbol in s[1:]:
        if state == 6:
            sets.append({"E"})
            return sets + [set()] if symbol == "E" else None
        sets.append({sym for sym, _ in _TRANSITIONS[state]})
        moves = dict(_TRANSITIONS[state])
        if symbol not in moves:
            return None
        state = moves[symbol]
    return None  # ran out before E


def reber_targets(s: str, *, embedded: bool = True) -> np.ndarray:
    """Legal next symbols after each symbol of ``s``, as a multi-hot array.

    Row ``t`` marks (with 1.0) every symbol that may legally follow ``s[:t+1]``; the row
    after the final ``E`` is all zeros. In the embedded grammar the row after the inner
    ``E`` holds a single symbol, the copy of ``s[1]``: the long-range prediction.

    Shapes
    ------
    output : (len(s), 7), columns in the order of :data:`REBER_SYMBOLS`.

    Raises
    ------
    ValueError
        If ``s`` is not a string of the grammar.
    """
    if not is_reber(s, embedded=embedded):
        raise ValueError(f"s must be a string of the {'embedded ' if embedded else ''}Reber grammar; got {s!r}")
    if embedded:
        inner = _inner_sets(s[2:-2])
        sets = [{"T", "P"}, {"B"}] + inner[:-1] + [{s[1]}, {"E"}, set()]
    else:
        sets = _inner_sets(s)
    out = np.zeros((len(s), len(REBER_SYMBOLS)), dtype=np.float32)
    for t, legal in enumerate(sets):
        for sym in legal:
            out[t, REBER_SYMBOLS.index(sym)] = 1.0
    return out


def is_reber(s: str, *, embedded: bool = True) -> bool:
    """Whether ``s`` belongs to the (embedded) Reber grammar."""
    if not isinstance(s, str):
        raise TypeError(f"s must be a str; got {type(s).__name__}")
    if embedded:
        if len(s) < 4 or s[0] != "B" or s[1] not in "TP" or s[-2] != s[1] or s[-1] != "E":
            return False
        s = s[2:-2]
    return _inner_sets(s) is not None


def encode_reber(strings: list, *, embedded: bool = True) -> tuple:
    """One-hot inputs, multi-hot next-symbol targets and a mask for a batch of strings.

    Shorter strings are padded at the end; the mask is 1 at real steps except the last
    (after the final ``E`` nothing is predicted).

    Returns
    -------
    x, targets, mask : numpy.ndarray of float32

    Shapes
    ------
    x : (T, B, 7) with T the longest string; targets : (T, B, 7); mask : (T, B).
    """
    if not strings:
        raise ValueError("strings must be a non-empty list of Reber strings; got an empty list")
    T, B = max(len(s) for s in strings), len(strings)
    x = np.zeros((T, B, len(REBER_SYMBOLS)), dtype=np.float32)
    targets = np.zeros_like(x)
    mask = np.zeros((T, B), dtype=np.float32)
    for b, s in enumerate(strings):
        targets[: len(s), b] = reber_targets(s, embedded=embedded)
        x[np.arange(len(s)), b, [REBER_SYMBOLS.index(c) for c in s]] = 1.0
        mask[: len(s) - 1, b] = 1.0
    return x, targets, mask


def reber_batches(batch_size: int, *, embedded: bool = True, seed: SeedLike = 0) -> Iterator[list]:
    """Yield fresh batches ``[x, targets, mask]`` of (embedded) Reber strings as tensors, forever.

    Meant as the ``batches`` argument of :func:`rnnbook.train.fit`: every step draws new
    strings from one generator seeded by ``seed`` (see :func:`encode_reber` for the
    encoding).

    Shapes
    ------
    x, targets : (T, batch_size, 7) with T the longest string of the batch;
    mask : (T, batch_size).
    """
    import torch

    check_int("batch_size", batch_size, minimum=1)
    rng = as_rng(seed)

    def stream() -> Iterator:  # the checks above run at the call, not at the first batch
        while True:
            strings = reber_strings(int(batch_size), embedded=embedded, seed=rng)
            yield [torch.from_numpy(a) for a in encode_reber(strings, embedded=embedded)]

    return stream()
