"""The seven Tomita grammars: regular languages over "0"/"1", the classic test of automaton learning.

Tomita (1982) posed seven small regular languages as targets for learning finite automata
from examples; Giles et al. (1992) trained second-order recurrent networks on them and
extracted automata from the trained networks, and much later extraction work (for
example Weiss, Goldberg & Yahav 2018) uses the same seven. All contain the empty string.

=====  ============================================================  ==============
k      language                                                      minimal DFA
=====  ============================================================  ==============
1      ``1*``: no 0 at all                                           2 states
2      ``(10)*``: "10" repeated                                      3 states
3      no odd-length run of 1s followed immediately by an            5 states
       odd-length run of 0s (runs taken whole)
4      no three consecutive 0s (no "000")                            4 states
5      an even number of 0s and an even number of 1s                 4 states
6      (number of 0s - number of 1s) divisible by 3                  3 states
7      ``0*1*0*1*``                                                  5 states
=====  ============================================================  ==============

The state counts include the rejecting sink ("dead" state) where there is one.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import torch

from ..classic.automata import DFA
from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["TOMITA_ALPHABET", "tomita_accepts", "tomita_dfa", "tomita_dataset", "encode_binary"]

#: The alphabet; its order fixes the one-hot code (symbol "0" is index 0).
TOMITA_ALPHABET = "01"

# Hand-built complete DFAs (row q: next state on "0", on "1"); start 0. Their languages
# are checked against tomita_accepts on every string up to length 12 in the tests.
_TABLES = {
    1: ([[1, 0], [1, 1]], [1, 0]),
    2: ([[2, 1], [0, 2], [2, 2]], [1, 0, 0]),
    # 0: even run of 1s (or in 0s after one), 1: odd run of 1s, 2: odd 0s after odd 1s,
    # 3: even 0s after odd 1s, 4: dead
    3: ([[0, 1], [2, 0], [3, 4], [2, 1], [4, 4]], [1, 1, 0, 1, 0]),
    4: ([[1, 0], [2, 0], [3, 0], [3, 3]], [1, 1, 1, 0]),
    5: ([[1, 2], [0, 3], [3, 0], [2, 1]], [1, 0, 0, 0]),
    6: ([[1, 2], [2, 0], [0, 1]], [1, 0, 0]),
    7: ([[0, 1], [2, 1], [2, 3], [4, 3], [4, 4]], [1, 1, 1, 1, 0]),
}


def _check_k(k: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= 7:
        raise ValueError(f"k must be a Tomita grammar number in 1..7; got {k!r}")
    return int(k)


def _check_string(s: str) -> str:
    if not isinstance(s, str):
        raise TypeError(f"s must be a str; got {type(s).__name__}")
    if s.strip("01"):
        raise ValueError(f"s must contain only '0' and '1'; got {s!r}")
    return s


def tomita_accepts(k: int, s: str) -> bool:
    """Whether the string ``s`` over "0"/"1" is in Tomita grammar ``k``.

    The languages (Tomita 1982; as used by Giles et al. 1992):

    1. ``1*``: strings of 1s only (the empty string included);
    2. ``(10)*``: zero or more copies of "10";
    3. strings with no odd-length run of 1s that is immediately followed by an odd-length
       run of 0s (runs are maximal: "10" and "1000" are rejected, "100" is accepted);
    4. strings without three consecutive 0s;
    5. strings with an even number of 0s and an even number of 1s;
    6. strings whose numbers of 0s and of 1s differ by a multiple of 3;
    7. ``0*1*0*1*``.

    Written from the definitions (run lengths, counts, regular expressions), independently
    of the automata of :func:`tomita_dfa`, so that each checks the other.
    """
    k = _check_k(k)
    s = _check_string(s)
    if k == 1:
        return "0" not in s
    if k == 2:
        return re.fullmatch(r"(10)*", s) is not None
    if k == 3:
        runs = [(m.group()[0], len(m.group())) for m in re.finditer(r"0+|1+", s)]
        return not any(a[0] == "1" and a[1] % 2 and b[0] == "0" and b[1] % 2
                       for a, b in zip(runs, runs[1:]))
    if k == 4:
        return "000" not in s
    if k == 5:
        return s.count("0") % 2 == 0 and s.count("1") % 2 == 0
    if k == 6:
        return (s.count("0") - s.count("1")) % 3 == 0
    return re.fullmatch(r"0*1*0*1*", s) is not None


def tomita_dfa(k: int) -> DFA:
    """The minimal DFA of Tomita grammar ``k`` (start state 0, alphabet "01")."""
    k = _check_k(k)
    t, a = _TABLES[k]
    return DFA(np.array(t, dtype=np.int64), np.array(a, dtype=bool), 0, TOMITA_ALPHABET)


def tomita_dataset(k: int, lengths: Sequence[int], n_per_class: int, seed: SeedLike = 0) -> tuple:
    """A balanced, seeded sample of labelled strings of Tomita grammar ``k``.

    ``n_per_class`` positive and ``n_per_class`` negative strings. For each string a length
    is drawn uniformly from those lengths in ``lengths`` at which its class is not empty
    (grammar 2 has no positive string of odd length, for instance), then the string is drawn
    uniformly from all strings of that length in the class (by counting paths in the
    grammar's DFA), with replacement: where a class has few strings (grammar 1 has one
    positive string per length) they repeat.

    Returns
    -------
    strings : list of str
        Positives first, then negatives.
    labels : numpy.ndarray of int64
        1 for strings in the language, 0 otherwise.

    Shapes
    ------
    labels : (2 n_per_class,).
    """
    k = _check_k(k)
    n = check_positive_int("n_per_class", n_per_class)
    lens = [check_positive_int("lengths", L, minimum=0) for L in np.atleast_1d(np.asarray(lengths)).tolist()] \
        if not isinstance(lengths, (str, bytes)) else None
    if not lens:
        raise ValueError(f"lengths must be a non-empty sequence of integers >= 0; got {lengths!r}")
    rng = as_rng(seed)
    dfa = tomita_dfa(k)
    strings, labels = [], []
    for accepted in (True, False):
        usable = [L for L in lens if dfa.count_strings(L, accepted) > 0]
        if not usable:
            raise ValueError(f"lengths {lens} hold no {'positive' if accepted else 'negative'} string of grammar {k}")
        for L in rng.choice(usable, size=n):
            strings.append(dfa.sample(int(L), accepted, rng))
            labels.append(int(accepted))
    return strings, np.array(labels, dtype=np.int64)


def encode_binary(strings: Sequence[str]) -> tuple:
    """One-hot code strings over "0"/"1", time-major, padded with zeros.

    Returns
    -------
    x : torch.Tensor
        ``x[t, b]`` is the one-hot code of symbol ``t`` of string ``b`` (zeros past its end).
    lengths : torch.Tensor of int64
        The length of each string (0 for the empty string).

    Shapes
    ------
    x : (T, B, 2) with T the longest length (at least 1); lengths : (B,).
    """
    if isinstance(strings, str) or len(strings) == 0:
        raise ValueError("strings must be a non-empty sequence of str")
    for s in strings:
        _check_string(s)
    T = max(1, max(len(s) for s in strings))
    x = torch.zeros(T, len(strings), 2)
    for b, s in enumerate(strings):
        if s:
            idx = torch.tensor([int(c) for c in s])
            x[torch.arange(len(s)), b, idx] = 1.0
    return x, torch.tensor([len(s) for s in strings], dtype=torch.int64)
