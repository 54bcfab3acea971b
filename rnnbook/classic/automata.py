"""Deterministic finite automata: running, counting, sampling, minimisation, equivalence.

A DFA over an alphabet :math:`\\Sigma` of :math:`K` symbols is a transition table
:math:`\\delta : Q \\times \\Sigma \\to Q`, a start state and a set of accepting states.
:meth:`DFA.minimize` runs Hopcroft's partition refinement; two minimal DFAs accept the same
language exactly when they are isomorphic, which :meth:`DFA.equivalent` checks directly by
a breadth-first search of the product automaton (it also returns a shortest string on
which they differ). Automata are read out of trained networks by
:mod:`rnnbook.classic.extraction`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..validation import check_positive_int

__all__ = ["DFA"]


@dataclass(frozen=True, eq=False)
class DFA:
    """A deterministic finite automaton with a complete transition table.

    Parameters
    ----------
    transitions : numpy.ndarray of int
        ``transitions[q, k]`` is the state reached from state ``q`` on symbol
        ``alphabet[k]``.
    accepting : numpy.ndarray of bool
        Which states accept.
    start : int
        The start state.
    alphabet : str
        The symbols, in the order of the columns of ``transitions``.

    Shapes
    ------
    transitions : (S, K) integers in [0, S); accepting : (S,).
    """

    transitions: np.ndarray
    accepting: np.ndarray
    start: int = 0
    alphabet: str = "01"

    def __post_init__(self) -> None:
        if not isinstance(self.alphabet, str) or len(self.alphabet) < 1 or len(set(self.alphabet)) != len(self.alphabet):
            raise ValueError(f"alphabet must be a non-empty str of distinct symbols; got {self.alphabet!r}")
        t = np.asarray(self.transitions)
        K = len(self.alphabet)
        if t.ndim != 2 or t.shape[1] != K or t.shape[0] < 1 or not np.issubdtype(t.dtype, np.integer):
            raise ValueError(f"transitions must be an integer array of shape (S, K={K}); got {t.shape} {t.dtype}")
        S = t.shape[0]
        if t.min() < 0 or t.max() >= S:
            raise ValueError(f"transitions must hold states in [0, {S}); got values in [{t.min()}, {t.max()}]")
        a = np.asarray(self.accepting)
        if a.shape != (S,) or a.dtype != bool:
            raise ValueError(f"accepting must be a bool array of shape (S={S},); got {a.shape} {a.dtype}")
        if isinstance(self.start, bool) or not isinstance(self.start, (int, np.integer)) or not 0 <= self.start < S:
            raise ValueError(f"start must be a state in [0, {S}); got {self.start!r}")
        object.__setattr__(self, "transitions", t.astype(np.int64))
        object.__setattr__(self, "start", int(self.start))

    @property
    def n_states(self) -> int:
        """Number of states S."""
        return self.transitions.shape[0]

    def run(self, s: str) -> int:
        """The state reached after reading ``s`` from the start state."""
        if not isinstance(s, str):
            raise TypeError(f"s must be a str; got {type(s).__name__}")
        q = self.start
        for c in s:
            k = self.alphabet.find(c)
            if k < 0:
                raise ValueError(f"s must contain only symbols of {self.alphabet!r}; got {c!r}")
            q = int(self.transitions[q, k])
        return q

    def accepts(self, s: str) -> bool:
        """Whether the automaton accepts the string ``s``."""
        return bool(self.accepting[self.run(s)])

    def reachable(self) -> "DFA":
        """The same automaton without the states that cannot be reached from the start."""
        seen, queue = [self.start], deque([self.start])
        index = {self.start: 0}
        while queue:
            q = queue.popleft()
            for r in self.transitions[q]:
                if int(r) not in index:
                    index[int(r)] = len(seen)
                    seen.append(int(r))
                    queue.append(int(r))
        t = np.array([[index[int(r)] for r in self.transitions[q]] for q in seen], dtype=np.int64)
        return DFA(t, self.accepting[seen].copy(), 0, self.alphabet)

    def minimize(self) -> "DFA":
        """The minimal DFA of the same language (Hopcroft's algorithm).

        Unreachable states are dropped; then the partition {accepting, rejecting} is refined
        until no block is split by any symbol: two states stay together only if every
        string leads both to acceptance or both to rejection. The blocks are the states of
        the result, numbered in breadth-first order from the start (so equal languages give
        equal tables).
        """
        d = self.reachable()
        S, K = d.transitions.shape
        inverse = [[[] for _ in range(S)] for _ in range(K)]  # inverse[k][r]: states q with d(q, k) = r
        for q in range(S):
            for k in range(K):
                inverse[k][d.transitions[q, k]].append(q)
        acc = frozenset(np.flatnonzero(d.accepting).tolist())
        rej = frozenset(range(S)) - acc
        blocks = [b for b in (acc, rej) if b]
        work = [min(blocks, key=len)] if len(blocks) == 2 else []
        while work:
            splitter = work.pop()
            for k in range(K):
                pre = {q for r in splitter for q in inverse[k][r]}  # states moving into the splitter on k
                if not pre:
                    continue
                new_blocks = []
                for b in blocks:
                    inside, outside = b & pre, b - pre
                    if inside and outside:
                        new_blocks += [inside, outside]
                        if b in work:
                            work.remove(b)
                            work += [inside, outside]
                        else:
                            work.append(min(inside, outside, key=len))
                    else:
                        new_blocks.append(b)
                blocks = new_blocks
        block_of = np.empty(S, dtype=np.int64)
        for i, b in enumerate(blocks):
            block_of[list(b)] = i
        t = np.array([[block_of[d.transitions[min(b), k]] for k in range(K)] for b in blocks], dtype=np.int64)
        a = np.array([d.accepting[min(b)] for b in blocks], dtype=bool)
        return DFA(t, a, int(block_of[0]), self.alphabet).reachable()

    def equivalent(self, other: "DFA") -> tuple:
        """Whether ``other`` accepts the same language, and a shortest string where they differ.

        Breadth-first search over pairs of states reachable together from the two start
        states; a pair with one accepting and one rejecting state is a counterexample.

        Returns
        -------
        (bool, str or None)
            ``(True, None)`` when the languages are equal, else ``(False, witness)``.
        """
        if not isinstance(other, DFA):
            raise TypeError(f"other must be a DFA; got {type(other).__name__}")
        if set(other.alphabet) != set(self.alphabet):
            raise ValueError(f"other must have the alphabet {self.alphabet!r}; got {other.alphabet!r}")
        cols = [other.alphabet.index(c) for c in self.alphabet]
        start = (self.start, other.start)
        seen, queue = {start: ""}, deque([start])
        while queue:
            p, q = queue.popleft()
            if self.accepting[p] != other.accepting[q]:
                return False, seen[(p, q)]
            for k, c in enumerate(self.alphabet):
                nxt = (int(self.transitions[p, k]), int(other.transitions[q, cols[k]]))
                if nxt not in seen:
                    seen[nxt] = seen[(p, q)] + c
                    queue.append(nxt)
        return True, None

    def count_strings(self, length: int, accepted: bool = True) -> int:
        """Number of strings of exactly ``length`` symbols that are (or are not) accepted."""
        n = check_positive_int("length", length, minimum=0)
        ways = self.accepting.astype(object) if accepted else (~self.accepting).astype(object)
        for _ in range(n):  # ways[q]: strings of the remaining length leading from q to the goal
            ways = np.array([sum(ways[r] for r in self.transitions[q]) for q in range(self.n_states)], dtype=object)
        return int(ways[self.start])

    def sample(self, length: int, accepted: bool, rng: np.random.Generator) -> Optional[str]:
        """One string of ``length`` symbols drawn uniformly from the accepted (or rejected) ones.

        Counts the completions from every state, then walks from the start choosing each
        symbol with probability proportional to its number of completions. Returns ``None``
        when no string of that length is in the class.
        """
        n = check_positive_int("length", length, minimum=0)
        goal = self.accepting if accepted else ~self.accepting
        ways = [goal.astype(object)]  # ways[m][q]: strings of length m from q to the goal
        for _ in range(n):
            prev = ways[-1]
            ways.append(np.array([sum(prev[r] for r in self.transitions[q]) for q in range(self.n_states)], dtype=object))
        if ways[n][self.start] == 0:
            return None
        q, out = self.start, []
        for m in range(n, 0, -1):
            w = np.array([float(ways[m - 1][r]) for r in self.transitions[q]])
            k = int(rng.choice(len(w), p=w / w.sum()))
            out.append(self.alphabet[k])
            q = int(self.transitions[q, k])
        return "".join(out)
