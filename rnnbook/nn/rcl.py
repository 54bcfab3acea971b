"""The recurrent convolutional layer (RCL) of Liang & Hu (2015).

A recurrent convolutional layer keeps a state of K feature maps. At every step it adds a
feed-forward convolution of its (static) input to a recurrent convolution of its own
previous state, then applies a ReLU and local response normalisation (LRN). Unfolded for
T steps, with the same two kernels at every step, it becomes a feed-forward network whose
paths from input to output have depth 1 to T + 1 (in convolutions), while its parameter
count stays that of two convolutions. Setting ``steps=0`` removes the recurrent
convolution: the layer is an ordinary convolution with ReLU and LRN.

The whole network built from RCLs, and its parameter count, are in :mod:`rnnbook.nn.rcnn`.
"""

from __future__ import annotations

from typing import Optional

import torch
from torch import nn

from ..validation import check_positive_int, check_tensor

__all__ = ["local_response_norm", "RecurrentConvLayer", "unfolded_paths"]


def local_response_norm(f: torch.Tensor, size: int, alpha: float = 1e-3, beta: float = 0.75) -> torch.Tensor:
    """Local response normalisation across feature maps (Eq. (9.3)).

    .. math::

        g(f_{ijk}) = f_{ijk} \\Big/ \\Big(1 + \\frac{\\alpha}{N}
        \\sum_{k'=k - \\lfloor N/2 \\rfloor}^{k + \\lfloor N/2 \\rfloor} f_{ijk'}^2\\Big)^{\\beta},

    with maps outside 0..K-1 counted as zero. For odd N this is
    ``torch.nn.LocalResponseNorm(N, alpha, beta, k=1)``, computed with a cumulative sum
    over the maps instead of a pooling, which is many times faster on a CPU.

    Shapes
    ------
    f: (B, K, height, width); output: the same.
    """
    if f.dim() != 4:
        raise ValueError(f"f must have shape (B, K, height, width); got {tuple(f.shape)}")
    size = check_positive_int("size", size)
    half = size // 2
    sq = torch.nn.functional.pad(f * f, (0, 0, 0, 0, half + 1, half))  # (B, K+2h+1, h, w)
    csum = sq.cumsum(dim=1)
    K = f.shape[1]
    window = csum[:, 2 * half + 1 : 2 * half + 1 + K] - csum[:, :K]  # sum over k-h..k+h: (B, K, h, w)
    return f / (1.0 + alpha / size * window).pow(beta)


class RecurrentConvLayer(nn.Module):
    """One recurrent convolutional layer, unfolded for ``steps`` iterations (Eq. (9.1)-(9.3)).

    For unit k at position (i, j), with input patch :math:`u^{(i,j)}` (the same at every
    step: the input image does not change) and state patch :math:`x^{(i,j)}(t-1)`,

    .. math::

        z_{ijk}(t) &= (w_k^{f})^\\top u^{(i,j)} + (w_k^{r})^\\top x^{(i,j)}(t-1) + b_k,
        \\qquad t = 1, \\dots, T, \\\\
        x_{ijk}(t) &= g\\big(\\max(0, z_{ijk}(t))\\big),

    with :math:`x(0) = g(\\max(0, (w^f)^\\top u + b))` (no recurrent input at t = 0) and
    :math:`g` local response normalisation across N neighbouring feature maps,

    .. math::

        g(f_{ijk}) = f_{ijk} \\Big/ \\Big(1 + \\frac{\\alpha}{N}
        \\sum_{k'=\\max(0, k - N/2)}^{\\min(K-1, k + N/2)} f_{ijk'}^2\\Big)^{\\beta}.

    The output is :math:`x(T)`.

    Parameters
    ----------
    in_channels : int
        Feature maps of the input.
    out_channels : int
        K, the feature maps of the layer (and of its state).
    kernel_size : int
        Side of both the feed-forward and the recurrent kernel (odd; "same" padding).
    steps : int
        T, the number of recurrent iterations; 0 gives a plain convolutional layer (no
        recurrent kernel at all).
    lrn : bool
        Apply local response normalisation (the paper does); otherwise g is the identity.
    lrn_size : int, optional
        N; the paper's choice K/8 + 1 when omitted.
    alpha, beta : float
        LRN constants (the paper's 0.001 and 0.75).
    batch_norm : bool
        Normalise :math:`z(t)` over the minibatch before the ReLU, with its own
        ``BatchNorm2d`` (statistics, scale and shift) for each step t = 0..T, as later
        recurrent convolutional networks do (Liao & Poggio, 2016); not in Liang & Hu's
        layer. Unfolded beyond its T steps, the layer reuses the normaliser of step T.

    Shapes
    ------
    input: (B, in_channels, height, width); output: (B, K, height, width);
    :meth:`states` gives the list of the T + 1 states x(0), ..., x(T), each
    (B, K, height, width).
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: int = 3,
        steps: int = 3,
        *,
        lrn: bool = True,
        lrn_size: Optional[int] = None,
        alpha: float = 1e-3,
        beta: float = 0.75,
        batch_norm: bool = False,
    ) -> None:
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("out_channels", out_channels)
        check_positive_int("kernel_size", kernel_size)
        if kernel_size % 2 == 0:
            raise ValueError(f"kernel_size must be odd (same padding); got {kernel_size}")
        check_positive_int("steps", steps, minimum=0)
        self.in_channels, self.out_channels, self.steps = in_channels, out_channels, steps
        pad = kernel_size // 2
        # w^f and b: the feed-forward kernel and the bias (one bias per feature map)
        self.feedforward = nn.Conv2d(in_channels, out_channels, kernel_size, padding=pad)
        # w^r: the recurrent kernel, shared by all T steps (absent when T = 0)
        self.recurrent = (
            nn.Conv2d(out_channels, out_channels, kernel_size, padding=pad, bias=False)
            if steps > 0
            else None
        )
        self.reset_parameters()
        self.lrn = lrn
        self.lrn_size = lrn_size if lrn_size is not None else out_channels // 8 + 1
        check_positive_int("lrn_size", self.lrn_size)
        self.alpha, self.beta = alpha, beta
        if not isinstance(batch_norm, bool):
            raise TypeError(f"batch_norm must be a bool; got {type(batch_norm).__name__}")
        # one normaliser per step t = 0..T (statistics differ from step to step)
        self.batch_norms = (
            nn.ModuleList([nn.BatchNorm2d(out_channels) for _ in range(steps + 1)])
            if batch_norm
            else None
        )

    def reset_parameters(self) -> None:
        """He initialisation of both kernels, zero bias.

        PyTorch's default initialisation of ``Conv2d`` shrinks the activations by about
        a factor of three per layer under ReLU; after five layers and global max pooling
        the class scores barely depend on the image and training stalls for hundreds of
        steps. He initialisation keeps the variance per layer. The recurrent kernel is
        scaled down by 1/2 so that the unfolded steps start close to the feed-forward
        response instead of amplifying it.
        """
        nn.init.kaiming_normal_(self.feedforward.weight, nonlinearity="relu")
        nn.init.zeros_(self.feedforward.bias)
        if self.recurrent is not None:
            nn.init.kaiming_normal_(self.recurrent.weight, nonlinearity="relu")
            with torch.no_grad():
                self.recurrent.weight.mul_(0.5)

    def pre(self, z: torch.Tensor, t: int) -> torch.Tensor:
        """The batch normalisation of z(t) when the layer has it, else z(t) unchanged."""
        if self.batch_norms is None:
            return z
        return self.batch_norms[min(t, len(self.batch_norms) - 1)](z)

    def norm(self, f: torch.Tensor) -> torch.Tensor:
        """g of Eq. (9.3), or the identity when the layer has no LRN."""
        if not self.lrn:
            return f
        return local_response_norm(f, self.lrn_size, self.alpha, self.beta)

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        """x(T), the state after the last recurrent step, (B, K, height, width)."""
        return self.states(u)[-1]

    def states(self, u: torch.Tensor) -> list:
        """The T + 1 states x(0), ..., x(T), each (B, K, height, width)."""
        check_tensor("u", u, (("B", None), ("C", self.in_channels), ("height", None), ("width", None)),
                     floating=True)
        drive = self.feedforward(u)  # (w^f)^T u + b, computed once: (B, K, h, w)
        # x(0): the feed-forward path alone
        x = self.norm(torch.relu(self.pre(drive, 0)))
        states = [x]
        for t in range(1, self.steps + 1):
            # z(t) = (w^f)^T u + (w^r)^T x(t-1) + b ;  x(t) = g(relu(z(t)))
            x = self.norm(torch.relu(self.pre(drive + self.recurrent(x), t)))
            states.append(x)
        return states


def unfolded_paths(steps: int) -> list:
    """Every path from the input u to the output x(T) of an RCL unfolded for T steps.

    The feed-forward kernel enters at each step t = 0..T; from x(t) the state is passed
    on by T - t recurrent convolutions. So there is exactly one path per depth
    d = 1, ..., T + 1 (depth counted in convolutions), and the layer behaves like an
    ensemble of feed-forward networks of all these depths with shared weights.

    Returns
    -------
    list of list of str
        Paths as node names ``"u"``, ``"x(0)"``, ..., ``"x(T)"``, shortest first: the
        path of depth d has d + 1 nodes.
    """
    check_positive_int("steps", steps, minimum=0)
    paths = []
    for start in range(steps, -1, -1):  # enter at x(start), shortest path first
        paths.append(["u"] + [f"x({t})" for t in range(start, steps + 1)])
    return paths
