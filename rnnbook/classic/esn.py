"""The echo state network (Jaeger, 2001; Jaeger and Haas, 2004): only the readout is learned.

A fixed, random recurrent layer, the **reservoir**, is driven by the input u_t,

    x_t = (1 - a) x_{t-1} + a tanh(W_in u_t + W_hh x_{t-1} + b),             Eq. (11.1)

with leak rate a in (0, 1] (a = 1: no leak). Only the linear readout

    y_t = W_out [1; u_t; x_t]                                                 Eq. (11.2)

is trained, by ridge regression on the states collected while the reservoir is driven by
the training input (after a washout that forgets the arbitrary initial state):

    W_out = Y^T Z (Z^T Z + lambda I)^{-1}.                                    Eq. (11.3)

W_hh is sparse and random, rescaled so that its spectral radius rho(W_hh) is exactly the
requested value; W_in and b are dense and uniform in [-input_scale, input_scale] and
[-bias_scale, bias_scale].
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..utils import SeedLike, as_rng
from ..validation import check_positive_int

__all__ = ["EchoStateNetwork", "spectral_radius", "largest_singular_value"]


def spectral_radius(W: np.ndarray) -> float:
    """rho(W): the largest absolute value of the eigenvalues of the square matrix ``W``."""
    W = _square("W", W)
    return float(np.max(np.abs(np.linalg.eigvals(W))))


def largest_singular_value(W: np.ndarray) -> float:
    """sigma_max(W) = ||W||_2, the largest factor by which ``W`` stretches a vector."""
    W = _square("W", W)
    return float(np.linalg.norm(W, 2))


def _square(name: str, W: np.ndarray) -> np.ndarray:
    if not isinstance(W, np.ndarray):
        raise TypeError(f"{name} must be a numpy.ndarray; got {type(W).__name__}")
    if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] == 0:
        raise ValueError(f"{name} must be a square matrix of shape (N, N); got {W.shape}")
    return W.astype(np.float64)


def _nonneg(name: str, value: float, *, positive: bool = False, upper: Optional[float] = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number; got {type(value).__name__}")
    value = float(value)
    bad = (value <= 0 if positive else value < 0) or (upper is not None and value > upper)
    if bad or not np.isfinite(value):
        rng = ">= 0" if not positive else "> 0"
        rng += f" and <= {upper}" if upper is not None else ""
        raise ValueError(f"{name} must be {rng}; got {value!r}")
    return value


class EchoStateNetwork:
    """An echo state network: a fixed random reservoir and a ridge-regression readout.

    Parameters
    ----------
    n_inputs, n_reservoir, n_outputs : int
        D, the number of reservoir units N, and the number of outputs C.
    spectral_radius : float
        rho(W_hh) after rescaling (> 0); the reservoir matrix is scaled to exactly this.
    leak : float
        Leak rate a in (0, 1] of Eq. (11.1).
    input_scale : float
        W_in is uniform in [-input_scale, input_scale].
    ridge : float
        The ridge penalty lambda of Eq. (11.3) (>= 0).
    density : float
        Fraction of non-zero entries of W_hh, in (0, 1].
    seed : int, numpy.random.Generator or None
        Draws W_hh, W_in and b.
    bias_scale : float
        b is uniform in [-bias_scale, bias_scale] (0: no bias).
    reservoir : numpy.ndarray, optional
        A reservoir matrix of your own (N, N), used instead of a random one (still
        rescaled to ``spectral_radius``; it must have non-zero eigenvalues).

    Attributes
    ----------
    W_hh, W_in, b : numpy.ndarray
        The fixed weights, shapes (N, N), (N, D), (N,).
    W_out : numpy.ndarray or None
        The readout, shape (C, 1 + D + N), set by :meth:`fit`.

    Shapes
    ------
    u : (T, D); states : (T, N); y and predictions : (T, C).
    """

    def __init__(
        self,
        n_inputs: int,
        n_reservoir: int,
        n_outputs: int,
        *,
        spectral_radius: float,
        leak: float = 1.0,
        input_scale: float = 1.0,
        ridge: float = 1e-8,
        density: float = 0.1,
        seed: SeedLike = 0,
        bias_scale: float = 0.0,
        reservoir: Optional[np.ndarray] = None,
    ) -> None:
        self.n_inputs = check_positive_int("n_inputs", n_inputs)
        self.n_reservoir = check_positive_int("n_reservoir", n_reservoir)
        self.n_outputs = check_positive_int("n_outputs", n_outputs)
        rho = _nonneg("spectral_radius", spectral_radius, positive=True)
        self.leak = _nonneg("leak", leak, positive=True, upper=1.0)
        self.input_scale = _nonneg("input_scale", input_scale)
        self.ridge = _nonneg("ridge", ridge)
        density = _nonneg("density", density, positive=True, upper=1.0)
        bias_scale = _nonneg("bias_scale", bias_scale)
        rng = as_rng(seed)
        N, D = self.n_reservoir, self.n_inputs
        if reservoir is None:
            W = rng.uniform(-1.0, 1.0, (N, N)) * (rng.random((N, N)) < density)
        else:
            W = _square("reservoir", reservoir)
            if W.shape[0] != N:
                raise ValueError(f"reservoir must have shape (N={N}, N={N}); got {W.shape}")
        current = float(np.max(np.abs(np.linalg.eigvals(W))))
        if current < 1e-12:
            raise ValueError("the reservoir matrix has spectral radius 0 and cannot be rescaled")
        self.W_hh = W * (rho / current)  # rho(W_hh) = spectral_radius
        self.W_in = rng.uniform(-self.input_scale, self.input_scale, (N, D))
        self.b = rng.uniform(-bias_scale, bias_scale, N)
        self.W_out: Optional[np.ndarray] = None

    # ----------------------------------------------------------------- the reservoir
    def _check_u(self, u: np.ndarray, name: str = "u") -> np.ndarray:
        if not isinstance(u, np.ndarray):
            raise TypeError(f"{name} must be a numpy.ndarray; got {type(u).__name__}")
        if u.ndim != 2 or u.shape[1] != self.n_inputs or u.shape[0] == 0:
            raise ValueError(f"{name} must have shape (T, D={self.n_inputs}) with T >= 1; got {u.shape}")
        return u.astype(np.float64)

    def _check_x0(self, x0: Optional[np.ndarray]) -> np.ndarray:
        if x0 is None:
            return np.zeros(self.n_reservoir)
        x0 = np.asarray(x0, dtype=np.float64)
        if x0.shape != (self.n_reservoir,):
            raise ValueError(f"x0 must have shape (N={self.n_reservoir},); got {x0.shape}")
        return x0

    def step(self, x: np.ndarray, u_t: np.ndarray) -> np.ndarray:
        """One reservoir update, Eq. (11.1). Shapes: x (N,), u_t (D,) -> (N,)."""
        # Eq. (11.1): x_t = (1 - a) x_{t-1} + a tanh(W_in u_t + W_hh x_{t-1} + b)
        pre = self.W_in @ u_t + self.W_hh @ x + self.b
        return (1.0 - self.leak) * x + self.leak * np.tanh(pre)

    def states(self, u: np.ndarray, x0: Optional[np.ndarray] = None) -> np.ndarray:
        """Drive the reservoir with ``u`` from ``x0`` (zeros by default); return x_1 ... x_T.

        Shapes
        ------
        u : (T, D); x0 : (N,); output : (T, N).
        """
        u = self._check_u(u)
        x = self._check_x0(x0)
        out = np.empty((len(u), self.n_reservoir))
        for t in range(len(u)):
            x = self.step(x, u[t])
            out[t] = x
        return out

    def _features(self, u: np.ndarray, X: np.ndarray) -> np.ndarray:
        return np.hstack([np.ones((len(u), 1)), u, X])  # (T, 1 + D + N): [1; u_t; x_t]

    # ----------------------------------------------------------------- the readout
    def fit(self, u: np.ndarray, y: np.ndarray, washout: int = 100) -> "EchoStateNetwork":
        """Train the readout by ridge regression, Eq. (11.3); the reservoir is untouched.

        The reservoir runs from the zero state through all of ``u``; the first ``washout``
        steps are dropped before the regression.

        Shapes
        ------
        u : (T, D); y : (T, C), the target at each step.
        """
        u = self._check_u(u)
        if not isinstance(y, np.ndarray):
            raise TypeError(f"y must be a numpy.ndarray; got {type(y).__name__}")
        if y.shape != (len(u), self.n_outputs):
            raise ValueError(f"y must have shape (T={len(u)}, C={self.n_outputs}); got {y.shape}")
        washout = check_positive_int("washout", washout, minimum=0)
        if washout >= len(u):
            raise ValueError(f"washout must be smaller than T={len(u)}; got {washout}")
        Z = self._features(u, self.states(u))[washout:]  # (T - washout, 1 + D + N)
        Y = y[washout:].astype(np.float64)  # (T - washout, C)
        # Eq. (11.3): W_out = Y^T Z (Z^T Z + lambda I)^{-1}, solved without the inverse
        A = Z.T @ Z + self.ridge * np.eye(Z.shape[1])
        self.W_out = np.linalg.solve(A, Z.T @ Y).T  # (C, 1 + D + N)
        return self

    def _readout(self) -> np.ndarray:
        if self.W_out is None:
            raise RuntimeError("the readout is not trained yet; call fit(u, y) first")
        return self.W_out

    def predict(self, u: np.ndarray, x0: Optional[np.ndarray] = None) -> np.ndarray:
        """Outputs y_t of Eq. (11.2) while the reservoir is driven by ``u`` (open loop).

        Shapes
        ------
        u : (T, D); x0 : (N,); output : (T, C).
        """
        W_out = self._readout()
        u = self._check_u(u)
        return self._features(u, self.states(u, x0)) @ W_out.T

    def generate(self, n: int, warmup: np.ndarray, x0: Optional[np.ndarray] = None) -> np.ndarray:
        """Run in closed loop: after ``warmup`` (teacher-forced), each output is the next input.

        The reservoir is driven by ``warmup`` u_1 ... u_T0; its last output y_T0 (the
        prediction of u_{T0+1}) is fed back as the next input, and so on. Needs C = D
        (a one-step-ahead predictor of its own input).

        Returns
        -------
        numpy.ndarray
            The n free-running outputs: predictions of u_{T0+1}, ..., u_{T0+n}.

        Shapes
        ------
        warmup : (T0, D); x0 : (N,); output : (n, C).
        """
        W_out = self._readout()
        n = check_positive_int("n", n)
        if self.n_outputs != self.n_inputs:
            raise ValueError(
                f"closed-loop generation needs n_outputs == n_inputs; got {self.n_outputs} and {self.n_inputs}"
            )
        warmup = self._check_u(warmup, "warmup")
        x = self._check_x0(x0)
        for t in range(len(warmup)):
            x = self.step(x, warmup[t])
        u_t = warmup[-1]
        out = np.empty((n, self.n_outputs))
        for k in range(n):
            y_t = W_out @ np.concatenate(([1.0], u_t, x))  # Eq. (11.2)
            out[k] = y_t
            x = self.step(x, y_t)  # the output becomes the next input
            u_t = y_t
        return out
