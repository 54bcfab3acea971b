"""Bidirectional associative memory (Kosko, 1988): recall one pattern of a pair from the other.

Two layers of +-1 units, x (N units) and y (M units), are joined by one weight matrix W
used in both directions. Pairs (x^k, y^k) are stored by the Hebbian outer-product rule

    W = sum_k y^k x^k^T ,                                                     Eq. (1.8)

and recall bounces between the layers,

    y <- sgn(W x),    x <- sgn(W^T y),                                        Eq. (1.9)

until neither changes. Every pass lowers or keeps the energy E(x, y) = -y^T W x, so the
bouncing ends in a stable pair (a unit whose input is exactly zero keeps its value).
"""

from __future__ import annotations

from typing import Optional, Tuple

import numpy as np

from .hopfield_updates import check_bipolar
from ..validation import check_int

__all__ = ["BAM"]


def _sign_keep(field: np.ndarray, old: np.ndarray) -> np.ndarray:
    """sgn(field), keeping the old value where the field is exactly zero."""
    return np.where(field > 0, 1.0, np.where(field < 0, -1.0, old))


class BAM:
    """A bidirectional associative memory storing pairs of +-1 patterns.

    Parameters
    ----------
    weights : numpy.ndarray
        W, mapping the x layer to the y layer (Eq. 1.8 gives such weights).

    Shapes
    ------
    weights: (M, N); an x state: (N,) or (B, N); a y state: (M,) or (B, M).
    """

    def __init__(self, weights: np.ndarray) -> None:
        if not isinstance(weights, np.ndarray):
            raise TypeError(f"weights must be a numpy.ndarray; got {type(weights).__name__}")
        if weights.ndim != 2 or 0 in weights.shape:
            raise ValueError(f"weights must have shape (M, N); got {tuple(weights.shape)}")
        self.weights = weights.astype(np.float64)

    @classmethod
    def from_pairs(cls, xs: np.ndarray, ys: np.ndarray) -> "BAM":
        """Store the pairs (xs[k], ys[k]) with Eq. (1.8).

        Shapes
        ------
        xs: (P, N) of +-1; ys: (P, M) of +-1.
        """
        x = np.atleast_2d(check_bipolar("xs", xs))  # (P, N)
        y = np.atleast_2d(check_bipolar("ys", ys))  # (P, M)
        if x.shape[0] != y.shape[0]:
            raise ValueError(f"xs and ys must hold the same number of patterns P; got {x.shape[0]} and {y.shape[0]}")
        return cls(y.T @ x)  # (M, N)

    @property
    def shape(self) -> Tuple[int, int]:
        """The sizes (M, N) of the y and x layers."""
        return self.weights.shape

    def energy(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """E(x, y) = -y^T W x, for one pair or a batch.

        Shapes
        ------
        x: (N,) or (B, N); y: (M,) or (B, M); returns () or (B,).
        """
        m, n = self.shape
        x = check_bipolar("x", x, n)
        y = check_bipolar("y", y, m)
        return -np.einsum("...m,mn,...n->...", y, self.weights, x)

    def recall(
        self,
        x: Optional[np.ndarray] = None,
        y: Optional[np.ndarray] = None,
        *,
        max_passes: int = 20,
    ) -> Tuple[np.ndarray, np.ndarray]:
        """Bounce between the layers with Eq. (1.9) until the pair is stable.

        Give ``x`` to recall its partner y (the first half-step computes y from x), or
        ``y`` to recall x; giving both starts from the pair and computes y first.

        Parameters
        ----------
        x, y : numpy.ndarray, optional
            Start state of either layer (or both), +-1.
        max_passes : int
            Bound on the number of round trips.

        Returns
        -------
        x, y : numpy.ndarray
            The stable pair reached.

        Shapes
        ------
        x: (N,) or (B, N); y: (M,) or (B, M); the outputs match the inputs' batch shape.
        """
        m, n = self.shape
        if x is None and y is None:
            raise ValueError("recall needs a start state: give x, y or both")
        check_int("max_passes", max_passes, minimum=1)
        w = self.weights
        if x is not None:
            x = check_bipolar("x", x, n).copy()
            y = np.ones(x.shape[:-1] + (m,)) if y is None else check_bipolar("y", y, m).copy()
            first_y = True
        else:
            y = check_bipolar("y", y, m).copy()
            x = np.ones(y.shape[:-1] + (n,))
            first_y = False
        if x.shape[:-1] != y.shape[:-1]:
            raise ValueError(f"x and y must have the same batch shape; got {x.shape[:-1]} and {y.shape[:-1]}")
        for _ in range(max_passes):
            if first_y:
                new_y = _sign_keep(x @ w.T, y)  # y <- sgn(W x), (..., M)
                new_x = _sign_keep(new_y @ w, x)  # x <- sgn(W^T y), (..., N)
            else:
                new_x = _sign_keep(y @ w, x)
                new_y = _sign_keep(new_x @ w.T, y)
            done = np.array_equal(new_x, x) and np.array_equal(new_y, y)
            x, y = new_x, new_y
            first_y = True  # after the first round trip both layers hold real states
            if done:
                break
        return x, y
