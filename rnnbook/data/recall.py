"""Associative recall: read key-value pairs, then answer the value of a queried key (chapter 15).

A sequence shows ``n_pairs`` pairs, one per step: at step :math:`i` the input is the
one-hot code of a key :math:`k_i` (out of ``n_keys``, all distinct) next to the one-hot
code of its value :math:`v_i` (out of ``n_values``, repetitions allowed). The last step
shows a query key :math:`q`, one of the :math:`k_i`, and no value; the target is the
value that was paired with :math:`q`. A model that has not learned to look the key up is
right with probability ``1 / n_values`` (chance). Because values repeat, a model that
ignores the query can do better than chance: :func:`most_frequent_value` answers the value
shown most often in the sequence, the best guess when the key is not read.

The task isolates retrieval by content: attention does it in one step (the query matches
the stored key), a recurrent network must have written every pair into its fixed-size
state before it knows which one will be asked for. It is the associative-recall probe of
Arora et al. (2023), with the key and its value presented together at one step.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from ..utils import SeedLike, as_rng, check_positive_int

__all__ = ["associative_recall", "most_frequent_value", "recall_batches"]


def associative_recall(
    batch_size: int, n_pairs: int, n_keys: int, n_values: int, seed: SeedLike = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``batch_size`` associative-recall sequences of ``n_pairs + 1`` steps.

    Parameters
    ----------
    batch_size : int
        Number of sequences, B.
    n_pairs : int
        P, key-value pairs per sequence; at most ``n_keys`` (keys are distinct).
    n_keys, n_values : int
        Sizes of the key and value alphabets; each input has ``n_keys + n_values``
        features (key one-hot, then value one-hot).
    seed : int, numpy.random.Generator or None

    Returns
    -------
    x : numpy.ndarray of float32
        Inputs, time-major.
    y : numpy.ndarray of int64
        The queried key's value, an index in ``0 .. n_values-1``.

    Shapes
    ------
    x : (P + 1, B, n_keys + n_values); y : (B,).
    """
    n = check_positive_int("batch_size", batch_size)
    n_pairs = check_positive_int("n_pairs", n_pairs)
    n_keys = check_positive_int("n_keys", n_keys)
    n_values = check_positive_int("n_values", n_values)
    if n_pairs > n_keys:
        raise ValueError(f"n_pairs must be at most n_keys={n_keys} (keys are distinct); got {n_pairs}")
    rng = as_rng(seed)
    keys = np.argsort(rng.random((n, n_keys)), axis=1)[:, :n_pairs]  # distinct keys, (n, P)
    values = rng.integers(0, n_values, size=(n, n_pairs))  # (n, P)
    which = rng.integers(0, n_pairs, size=n)  # the queried pair
    rows = np.arange(n)
    x = np.zeros((n_pairs + 1, n, n_keys + n_values), dtype=np.float32)
    steps = np.arange(n_pairs)[:, None]  # (P, 1)
    x[steps, rows[None, :], keys.T] = 1.0  # key one-hot
    x[steps, rows[None, :], n_keys + values.T] = 1.0  # value one-hot
    x[n_pairs, rows, keys[rows, which]] = 1.0  # the query: a key, no value
    return x, values[rows, which].astype(np.int64)


def recall_batches(
    batch_size: int, n_pairs: int, n_keys: int, n_values: int, seed: SeedLike = 0
) -> Iterator[tuple]:
    """Yield fresh ``(x, y)`` batches of :func:`associative_recall` as torch tensors, forever.

    Shapes
    ------
    x : (P + 1, batch_size, n_keys + n_values) float32; y : (batch_size,) int64.
    """
    import torch

    check_positive_int("batch_size", batch_size)
    rng = as_rng(seed)
    associative_recall(1, n_pairs, n_keys, n_values, seed=0)  # validate the sizes now

    def stream() -> Iterator:  # the checks above run at the call, not at the first batch
        while True:
            x, y = associative_recall(batch_size, n_pairs, n_keys, n_values, seed=rng)
            yield torch.from_numpy(x), torch.from_numpy(y)

    return stream()


def most_frequent_value(x: np.ndarray, n_keys: int) -> np.ndarray:
    """The key-blind baseline: answer the value shown most often in each sequence.

    It ignores the keys and the query, so it measures what a model can score on
    :func:`associative_recall` without any key-value lookup. Ties go to the smallest value
    index, so the answer is deterministic.

    Parameters
    ----------
    x : numpy.ndarray
        Inputs from :func:`associative_recall`: one-hot keys, then one-hot values.
    n_keys : int
        Size of the key alphabet, the number of features before the values.

    Returns
    -------
    numpy.ndarray of int64
        The answer for each sequence, a value index in ``0 .. n_values-1``.

    Shapes
    ------
    x : (P + 1, B, n_keys + n_values); returns (B,).
    """
    n_keys = check_positive_int("n_keys", n_keys)
    x = np.asarray(x.detach().cpu() if hasattr(x, "detach") else x)
    if x.ndim != 3 or x.shape[0] < 2 or x.shape[2] <= n_keys:
        raise ValueError(
            f"x must have shape (P + 1, B, n_keys + n_values) with P >= 1 and "
            f"n_keys={n_keys} < n_keys + n_values; got {x.shape}"
        )
    counts = x[:-1, :, n_keys:].sum(axis=0)  # how often each value was shown, (B, n_values)
    return counts.argmax(axis=1).astype(np.int64)
