"""The continuous-time recurrent neural network (CTRNN) of Beer (1995), in NumPy.

Each unit i has a state y_i, a time constant tau_i, a bias theta_i and an external input
I_i; its firing rate is sigma(y_i + theta_i) with sigma the logistic function, and

    tau_i dy_i/dt = -y_i + sum_j W[i, j] sigma(y_j + theta_j) + I_i,          Eq. (12.1)

where W[i, j] is the weight from unit j to unit i. Forward Euler with step dt,

    y(t + dt) = y(t) + (dt / tau) * (-y(t) + W sigma(y(t) + theta) + I(t)),   Eq. (12.2)

has a local error O(dt^2) per step and a global error O(dt) at a fixed time: halving dt
halves the error (a first-order method). With dt = tau the old state cancels and
Eq. (12.2) becomes the discrete recurrent network y_{t+1} = W sigma(y_t + theta) + I_t,
Eq. (12.3). :mod:`rnnbook.nn.ctrnn` is the same model in PyTorch, for training.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..validation import check_array, check_instance

__all__ = ["CTRNN", "sigmoid", "euler_errors"]


def sigmoid(v: np.ndarray) -> np.ndarray:
    """The logistic function 1 / (1 + exp(-v)), element-wise."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(v, dtype=np.float64)))  # no overflow


class CTRNN:
    """Beer's continuous-time recurrent network, Eq. (12.1), with Euler integration.

    Parameters
    ----------
    W : numpy.ndarray
        Weights, W[i, j] from unit j to unit i.
    theta : numpy.ndarray
        Biases.
    tau : numpy.ndarray or float
        Positive time constants (a number gives every unit the same).

    Shapes
    ------
    W : (N, N); theta : (N,); tau : (N,) or scalar; y and I : (N,).
    """

    def __init__(self, W: np.ndarray, theta: np.ndarray, tau: Any) -> None:
        if not isinstance(W, np.ndarray):
            raise TypeError(f"W must be a numpy.ndarray; got {type(W).__name__}")
        if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] == 0:
            raise ValueError(f"W must have shape (N, N); got {W.shape}")
        N = W.shape[0]
        self.W = W.astype(np.float64)
        self.theta = check_array("theta", np.asarray(theta, dtype=np.float64), (("N", N),))
        tau = np.broadcast_to(np.asarray(tau, dtype=np.float64), (N,)).copy() if np.ndim(tau) == 0 else tau
        tau = check_array("tau", np.asarray(tau, dtype=np.float64), (("N", N),))
        if not np.all(tau > 0):
            raise ValueError(f"tau must be positive; got min {tau.min()!r}")
        self.tau = tau
        self.n_units = N

    def _vector(self, name: str, v: Any) -> np.ndarray:
        v = np.asarray(v, dtype=np.float64)
        if v.shape != (self.n_units,):
            raise ValueError(f"{name} must have shape (N={self.n_units},); got {v.shape}")
        return v

    def derivative(self, y: np.ndarray, I: Any = None) -> np.ndarray:
        """dy/dt of Eq. (12.1) at state ``y`` with input ``I`` (zeros if None).

        Shapes
        ------
        y, I : (N,); output : (N,).
        """
        y = self._vector("y", y)
        I = np.zeros(self.n_units) if I is None else self._vector("I", I)
        # Eq. (12.1): tau dy/dt = -y + W sigma(y + theta) + I
        return (-y + self.W @ sigmoid(y + self.theta) + I) / self.tau

    def simulate(self, y0: np.ndarray, I: np.ndarray, dt: float) -> np.ndarray:
        """Forward Euler, Eq. (12.2), over the n_steps rows of ``I`` (input held over each step).

        Returns the trajectory y(0), y(dt), ..., y(n_steps dt).

        Shapes
        ------
        y0 : (N,); I : (n_steps, N); output : (n_steps + 1, N).
        """
        y = self._vector("y0", y0)
        I = check_array("I", np.asarray(I, dtype=np.float64), (("n_steps", None), ("N", self.n_units)))
        if isinstance(dt, bool) or not isinstance(dt, (int, float, np.integer, np.floating)) or not dt > 0:
            raise ValueError(f"dt must be a positive number; got {dt!r}")
        out = np.empty((len(I) + 1, self.n_units))
        out[0] = y
        for k in range(len(I)):
            # Eq. (12.2): y <- y + dt * dy/dt
            y = y + dt * self.derivative(y, I[k])
            out[k + 1] = y
        return out


def euler_errors(
    net: CTRNN, y0: np.ndarray, I: np.ndarray, t_end: float, dts: Sequence[float]
) -> np.ndarray:
    """Error of Euler's y(t_end) against a reference solution, for each step in ``dts``.

    The reference is SciPy's ``scipy.integrate.solve_ivp`` with the 8th-order method DOP853 at
    tolerances rtol = 1e-12, atol = 1e-12; the input ``I`` is held constant. Each dt must
    divide ``t_end`` into a whole number of steps.

    Returns
    -------
    numpy.ndarray
        For each dt, the largest absolute difference over the units between Euler's
        y(t_end) and the reference y(t_end).

    Shapes
    ------
    y0, I : (N,); dts : (K,); output : (K,).
    """
    from scipy.integrate import solve_ivp

    check_instance("net", net, CTRNN)
    y0 = net._vector("y0", y0)
    I = net._vector("I", I)
    if not t_end > 0:
        raise ValueError(f"t_end must be positive; got {t_end!r}")
    ref = solve_ivp(lambda t, y: net.derivative(y, I), (0.0, t_end), y0, method="DOP853",
                    rtol=1e-12, atol=1e-12).y[:, -1]
    errors = []
    for dt in dts:
        steps = t_end / dt
        if not dt > 0 or abs(steps - round(steps)) > 1e-9:
            raise ValueError(f"each dt must be positive and divide t_end={t_end}; got {dt!r}")
        traj = net.simulate(y0, np.tile(I, (int(round(steps)), 1)), dt)
        errors.append(np.abs(traj[-1] - ref).max())
    return np.asarray(errors)
