"""Reading a finite automaton out of a trained recurrent network (Giles et al. 1992).

:func:`extract_dfa` splits each hidden unit's range :math:`[0, 1]` into ``levels`` equal
intervals, so that the hidden space becomes a grid of cells; starting from the initial
state, it feeds every symbol to a representative state of each cell reached so far and
records which cell the next state falls in. The cells reached are the states, the recorded
moves the transitions, and the network's own read-out on each representative decides which
states accept. :func:`extract_consistent_dfa` picks the coarsest grid whose minimised
automaton reproduces the network's verdicts on all short strings.
"""

from __future__ import annotations

import itertools
from typing import Callable, Sequence

import numpy as np

from ..validation import check_positive_int
from .automata import DFA

__all__ = ["extract_dfa", "all_strings", "agreement", "extract_consistent_dfa"]


def extract_dfa(
    step: Callable[[np.ndarray, int], np.ndarray],
    accept: Callable[[np.ndarray], np.ndarray],
    h0: np.ndarray,
    alphabet: str = "01",
    *,
    levels: int = 3,
    max_states: int = 2000,
) -> DFA:
    """Extract a DFA from a recurrent network by quantising its hidden states (Giles et al. 1992).

    Each hidden unit's value in :math:`[0, 1]` is cut into ``levels`` equal intervals; a
    hidden vector's cell is the tuple of its units' interval numbers. Starting from the
    cell of ``h0``, every symbol is applied to the first hidden vector that reached each
    cell (breadth-first), and the cell of the result becomes the transition's target.

    Parameters
    ----------
    step : callable
        ``step(h, k)`` returns the next hidden states for symbol number ``k`` (shape (N, H)
        in and out).
    accept : callable
        ``accept(h)`` returns a bool array (N,): does the network accept in state ``h``?
    h0 : numpy.ndarray
        The initial hidden state, shape (H,), values in [0, 1].
    alphabet : str
        Symbols numbered 0..K-1 in this order.
    levels : int
        Intervals per hidden unit (q in Giles et al.).
    max_states : int
        Give up (``ValueError``) if the search reaches more cells than this.

    Returns
    -------
    DFA
        The unminimised automaton; call :meth:`rnnbook.classic.automata.DFA.minimize` on it.

    Shapes
    ------
    h0 : (H,); ``step`` maps (N, H) to (N, H); ``accept`` maps (N, H) to (N,).
    """
    levels = check_positive_int("levels", levels, minimum=2)
    max_states = check_positive_int("max_states", max_states)
    if not isinstance(alphabet, str) or len(alphabet) < 1:
        raise ValueError(f"alphabet must be a non-empty str; got {alphabet!r}")
    h0 = np.asarray(h0, dtype=np.float64)
    if h0.ndim != 1:
        raise ValueError(f"h0 must have shape (H,); got {h0.shape}")

    def cell(h: np.ndarray) -> tuple:
        return tuple(np.minimum((np.clip(h, 0.0, 1.0) * levels).astype(int), levels - 1).tolist())

    reps = [h0]
    index = {cell(h0): 0}
    rows = []
    frontier = 0
    while frontier < len(reps):
        h = reps[frontier][None, :]  # (1, H)
        row = []
        for k in range(len(alphabet)):
            nxt = np.asarray(step(h, k), dtype=np.float64)[0]  # (H,)
            c = cell(nxt)
            if c not in index:
                if len(reps) >= max_states:
                    raise ValueError(f"extraction reached more than max_states={max_states} cells; use fewer levels")
                index[c] = len(reps)
                reps.append(nxt)
            row.append(index[c])
        rows.append(row)
        frontier += 1
    acc = np.asarray(accept(np.stack(reps)), dtype=bool).reshape(-1)
    return DFA(np.array(rows, dtype=np.int64), acc, 0, alphabet)


def all_strings(alphabet: str, max_length: int) -> list:
    """Every string over ``alphabet`` of length 0 to ``max_length``, shortest first."""
    n = check_positive_int("max_length", max_length, minimum=0)
    if not isinstance(alphabet, str) or not alphabet:
        raise ValueError(f"alphabet must be a non-empty str; got {alphabet!r}")
    return ["".join(p) for L in range(n + 1) for p in itertools.product(alphabet, repeat=L)]


def agreement(dfa: DFA, classify: Callable[[list], np.ndarray], max_length: int) -> float:
    """Share of all strings up to ``max_length`` on which ``dfa`` and ``classify`` agree.

    ``classify(strings)`` returns a bool array (one verdict per string): for example a
    trained network's accept/reject decisions, or another language's membership test.
    """
    if not isinstance(dfa, DFA):
        raise TypeError(f"dfa must be a DFA; got {type(dfa).__name__}")
    strings = all_strings(dfa.alphabet, max_length)
    verdict = np.asarray(classify(strings), dtype=bool).reshape(-1)
    if verdict.shape != (len(strings),):
        raise ValueError(f"classify must return one verdict per string ({len(strings)}); got {verdict.shape}")
    return float(np.mean(verdict == np.array([dfa.accepts(s) for s in strings])))


def extract_consistent_dfa(
    step: Callable[[np.ndarray, int], np.ndarray],
    accept: Callable[[np.ndarray], np.ndarray],
    h0: np.ndarray,
    classify: Callable[[list], np.ndarray],
    alphabet: str = "01",
    *,
    levels: Sequence[int] = (2, 3, 4, 5),
    max_length: int = 10,
    max_states: int = 2000,
) -> tuple:
    """Extract and minimise at the coarsest quantisation that reproduces the network.

    Tries each number of ``levels`` in turn with :func:`extract_dfa`, minimises, and measures
    the :func:`agreement` of the automaton with the network's own verdicts ``classify`` on
    all strings up to ``max_length``. Returns the first automaton that agrees everywhere, or
    else the one that agrees most. The target language is never consulted.

    Returns
    -------
    (DFA, int, float)
        The minimal automaton, the number of levels used and its agreement with the network.
    """
    levels = [check_positive_int("levels", q, minimum=2) for q in levels]
    if not levels:
        raise ValueError("levels must hold at least one integer >= 2")
    best = None
    for q in levels:
        try:
            d = extract_dfa(step, accept, h0, alphabet, levels=q, max_states=max_states).minimize()
        except ValueError:  # too many cells at this resolution
            continue
        a = agreement(d, classify, max_length)
        if best is None or a > best[2]:
            best = (d, q, a)
        if a == 1.0:
            break
    if best is None:
        raise ValueError(f"no quantisation in levels={levels} stayed within max_states={max_states}")
    return best
