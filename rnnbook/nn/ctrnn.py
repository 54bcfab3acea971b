"""Beer's continuous-time recurrent network in PyTorch, trained by BPTT through Euler steps.

The same model as :class:`rnnbook.classic.ctrnn.CTRNN` (Eq. (12.1)), integrated by
forward Euler (Eq. (12.2)) in differentiable operations, so that autograd backpropagates
through the solver: the unrolled Euler steps are an ordinary recurrent network in time,
and training it is backpropagation through time. The time constants are learned too, as
tau = exp(log_tau) so that they stay positive. A linear readout maps the firing rates
sigma(y + theta) to outputs.
"""

from __future__ import annotations

from typing import Optional

import torch
from torch import nn

from ..classic.ctrnn import CTRNN
from ..validation import check_positive_int

__all__ = ["ContinuousTimeRNN"]


class ContinuousTimeRNN(nn.Module):
    """A CTRNN, Eq. (12.1), integrated by Euler, Eq. (12.2), with a linear readout.

    Parameters
    ----------
    n_units : int
        N, the number of units.
    n_inputs : int
        D; the external input of Eq. (12.1) is I = W_in u (0: an autonomous network).
    n_outputs : int
        C; outputs are W_out sigma(y + theta) + b_out.
    dt : float
        The Euler step.
    tau : float
        Initial time constant of every unit.

    Shapes
    ------
    y0 : (B, N); u : (n_steps, B, D); trajectory : (n_steps + 1, B, N);
    outputs : (n_steps + 1, B, C).
    """

    def __init__(self, n_units: int, n_inputs: int = 0, n_outputs: int = 1, *,
                 dt: float = 0.1, tau: float = 1.0) -> None:
        super().__init__()
        self.n_units = check_positive_int("n_units", n_units)
        self.n_inputs = check_positive_int("n_inputs", n_inputs, minimum=0)
        self.n_outputs = check_positive_int("n_outputs", n_outputs)
        for name, value in (("dt", dt), ("tau", tau)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise ValueError(f"{name} must be a positive number; got {value!r}")
        self.dt = float(dt)
        N = self.n_units
        self.W = nn.Parameter(torch.randn(N, N) / N**0.5)  # W[i, j]: from unit j to unit i
        self.theta = nn.Parameter(torch.zeros(N))
        self.log_tau = nn.Parameter(torch.full((N,), float(tau)).log())
        self.W_in = nn.Parameter(torch.randn(N, self.n_inputs) / max(self.n_inputs, 1) ** 0.5)
        self.readout = nn.Linear(N, self.n_outputs)

    @property
    def tau(self) -> torch.Tensor:
        """The time constants, exp(log_tau), shape (N,)."""
        return self.log_tau.exp()

    def derivative(self, y: torch.Tensor, I: Optional[torch.Tensor] = None) -> torch.Tensor:
        """dy/dt of Eq. (12.1). Shapes: y (B, N), I (B, N) or None -> (B, N)."""
        drive = torch.sigmoid(y + self.theta) @ self.W.T  # (B, N): sum_j W[i, j] sigma(y_j + theta_j)
        if I is not None:
            drive = drive + I
        return (-y + drive) / self.tau

    def forward(self, y0: torch.Tensor, u: Optional[torch.Tensor] = None,
                n_steps: Optional[int] = None) -> torch.Tensor:
        """Euler trajectory from ``y0``, driven by ``u`` (or ``n_steps`` steps without input).

        Shapes
        ------
        y0 : (B, N); u : (n_steps, B, D); output : (n_steps + 1, B, N).
        """
        if not isinstance(y0, torch.Tensor) or y0.dim() != 2 or y0.shape[1] != self.n_units:
            shape = tuple(y0.shape) if isinstance(y0, torch.Tensor) else type(y0).__name__
            raise ValueError(f"y0 must be a tensor of shape (B, N={self.n_units}); got {shape}")
        if u is None:
            if self.n_inputs:
                raise ValueError(f"u is required: the network has n_inputs={self.n_inputs}")
            n_steps = check_positive_int("n_steps", n_steps)
        else:
            if not isinstance(u, torch.Tensor) or u.dim() != 3 or u.shape[1:] != (y0.shape[0], self.n_inputs):
                shape = tuple(u.shape) if isinstance(u, torch.Tensor) else type(u).__name__
                raise ValueError(
                    f"u must have shape (n_steps, B={y0.shape[0]}, D={self.n_inputs}); got {shape}"
                )
            n_steps = u.shape[0]
        y, out = y0, [y0]
        for k in range(n_steps):
            I = None if u is None else u[k] @ self.W_in.T  # (B, N)
            # Eq. (12.2): y <- y + dt * dy/dt
            y = y + self.dt * self.derivative(y, I)
            out.append(y)
        return torch.stack(out)  # (n_steps + 1, B, N)

    def outputs(self, trajectory: torch.Tensor) -> torch.Tensor:
        """The readout W_out sigma(y + theta) + b_out of each state. Shapes: (..., N) -> (..., C)."""
        return self.readout(torch.sigmoid(trajectory + self.theta))

    def to_numpy(self) -> CTRNN:
        """The same network as a NumPy :class:`rnnbook.classic.ctrnn.CTRNN` (float64)."""
        with torch.no_grad():
            return CTRNN(self.W.double().numpy().copy(), self.theta.double().numpy().copy(),
                         self.tau.double().numpy().copy())
