"""The recurrent convolutional layer (RCL) and the RCNN of Liang & Hu (2015).

A recurrent convolutional layer keeps a state of K feature maps. At every step it adds a
feed-forward convolution of its (static) input to a recurrent convolution of its own
previous state, then applies a ReLU and local response normalisation (LRN). Unfolded for
T steps, with the same two kernels at every step, it becomes a feed-forward network whose
paths from input to output have depth 1 to T + 1 (in convolutions), while its parameter
count stays that of two convolutions.

The RCNN stacks a plain convolution, max pooling, two RCLs, max pooling, two more RCLs,
global max pooling and a softmax layer. With K feature maps in the five convolutional
layers, :func:`rcnn_parameter_count` gives the parameter counts of the paper's CIFAR-10
table (0.67M, 1.19M and 1.86M for K = 96, 128 and 160).

Setting ``steps=0`` removes the recurrent convolution: the layer is an ordinary
convolution with ReLU and LRN, and the RCNN is a CNN with the same number of layers
(:mod:`rnnbook.nn.rcnn_baselines` builds it and the other baselines).
"""

from __future__ import annotations

import math
from typing import Optional

import torch
from torch import nn

from ..utils import check_positive_int

__all__ = [
    "local_response_norm",
    "RecurrentConvLayer",
    "RCNN",
    "rcnn_parameter_count",
    "width_for_parameter_count",
    "unfolded_paths",
]


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
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ValueError(f"size must be a positive integer; got {size!r}")
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

    Shapes
    ------
    input: (B, in_channels, height, width); output: (B, K, height, width); with
    ``return_states=True`` also the list of the T + 1 states x(0), ..., x(T), each
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

    def norm(self, f: torch.Tensor) -> torch.Tensor:
        """g of Eq. (9.3), or the identity when the layer has no LRN."""
        if not self.lrn:
            return f
        return local_response_norm(f, self.lrn_size, self.alpha, self.beta)

    def forward(self, u: torch.Tensor, return_states: bool = False):
        if u.dim() != 4 or u.shape[1] != self.in_channels:
            raise ValueError(
                f"u must have shape (B, C={self.in_channels}, height, width); got {tuple(u.shape)}"
            )
        drive = self.feedforward(u)  # (w^f)^T u + b, computed once: (B, K, h, w)
        # x(0): the feed-forward path alone
        x = self.norm(torch.relu(drive))
        states = [x]
        for _ in range(self.steps):
            # z(t) = (w^f)^T u + (w^r)^T x(t-1) + b ;  x(t) = g(relu(z(t)))
            x = self.norm(torch.relu(drive + self.recurrent(x)))
            states.append(x)
        return (x, states) if return_states else x


class RCNN(nn.Module):
    """The recurrent convolutional network of Liang & Hu (2015) (CIFAR-10 layout).

    conv (``first_kernel`` x ``first_kernel``, K maps, ReLU, LRN) -> max pool ->
    RCL -> RCL -> max pool -> RCL -> RCL -> global max pool -> linear (softmax in the
    loss), with dropout after every RCL but the last and before the linear layer.
    ``n_rcl`` other than four puts the first half of the RCLs (rounded up) before the
    second pooling and the rest after it: with ``n_rcl=2``, conv -> pool -> RCL -> pool
    -> RCL. Pooling windows are ``pool_size`` wide with stride 2. With
    ``steps=0`` every RCL is a plain convolution: a CNN with the same number of layers
    (1 + ``n_rcl`` convolutional layers) and about half the parameters.

    Parameters
    ----------
    in_channels : int
        Channels of the input image (3 for CIFAR-10, 1 for grey images).
    n_classes : int
        C, the number of classes.
    channels : int
        K, the feature maps of all five convolutional layers.
    steps : int
        T of every RCL.
    first_kernel, kernel_size : int
        Kernel sides of the first convolution and of the RCLs.
    pool_size : int
        Side of the max-pooling windows (stride 2, padding ``pool_size // 2``).
    dropout : float
        Dropout probability after every RCL but the last and before the classifier
        (0 switches it off; it acts only in training mode).
    lrn : bool
        Local response normalisation after every convolution.
    n_rcl : int
        Number of RCLs (the paper's four).

    Shapes
    ------
    input: (B, in_channels, height, width); output: class scores (B, C).
    """

    def __init__(
        self,
        in_channels: int = 3,
        n_classes: int = 10,
        channels: int = 96,
        steps: int = 3,
        *,
        first_kernel: int = 5,
        kernel_size: int = 3,
        pool_size: int = 3,
        dropout: float = 0.0,
        lrn: bool = True,
        n_rcl: int = 4,
    ) -> None:
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("n_classes", n_classes, minimum=2)
        check_positive_int("channels", channels)
        check_positive_int("pool_size", pool_size)
        check_positive_int("n_rcl", n_rcl)
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must lie in [0, 1); got {dropout!r}")
        self.in_channels, self.steps = in_channels, steps
        K = channels
        self.stem = RecurrentConvLayer(in_channels, K, first_kernel, steps=0, lrn=lrn)
        self.rcl = nn.ModuleList(
            [RecurrentConvLayer(K, K, kernel_size, steps=steps, lrn=lrn) for _ in range(n_rcl)]
        )
        self.split = (n_rcl + 1) // 2  # RCLs before the second pooling
        self.pool = nn.MaxPool2d(pool_size, stride=2, padding=pool_size // 2)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(K, n_classes)

    def features(self, image: torch.Tensor) -> torch.Tensor:
        """The image representation after global max pooling, shape (B, K)."""
        if image.dim() != 4 or image.shape[1] != self.in_channels:
            raise ValueError(
                f"image must have shape (B, C={self.in_channels}, height, width); "
                f"got {tuple(image.shape)}"
            )
        h = self.pool(self.stem(image))  # (B, K, H/2, W/2)
        for i, layer in enumerate(self.rcl):
            h = layer(h)
            if i < len(self.rcl) - 1:
                h = self.dropout(h)
            if i == self.split - 1:
                h = self.pool(h)  # (B, K, H/4, W/4)
        return h.amax(dim=(2, 3))  # global max pooling: (B, K)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.dropout(self.features(image)))  # (B, C)


def rcnn_parameter_count(
    channels: int,
    *,
    in_channels: int = 3,
    n_classes: int = 10,
    recurrent: bool = True,
    first_kernel: int = 5,
    kernel_size: int = 3,
    n_rcl: int = 4,
) -> int:
    """Number of trainable parameters of an RCNN with K = ``channels``, from its layout.

    .. math::

        P(K) = \\underbrace{(s_1^2 c + 1) K}_{\\text{first conv}}
        + n_{\\text{RCL}} \\underbrace{\\big(s^2 K^2 [1 + r] + K\\big)}_{\\text{each RCL}}
        + \\underbrace{(K + 1) C}_{\\text{softmax}}

    with c input channels, :math:`s_1` and s the kernel sides, r = 1 when the layers are
    recurrent (a second s x s x K x K kernel, shared by all steps) and 0 otherwise. The
    count does not depend on T: unfolding adds depth, not weights. For the paper's
    CIFAR-10 networks (c = 3, C = 10) it gives 0.67M, 1.19M and 1.86M for K = 96, 128,
    160. It agrees with ``sum(p.numel() for p in RCNN(...).parameters())``.
    """
    for name, value in (("channels", channels), ("in_channels", in_channels),
                        ("n_classes", n_classes), ("first_kernel", first_kernel),
                        ("kernel_size", kernel_size)):
        check_positive_int(name, value)
    check_positive_int("n_rcl", n_rcl, minimum=0)
    K = channels
    first = (first_kernel**2 * in_channels + 1) * K
    per_rcl = kernel_size**2 * K * K * (2 if recurrent else 1) + K
    return first + n_rcl * per_rcl + (K + 1) * n_classes


def width_for_parameter_count(
    target: int,
    *,
    in_channels: int = 3,
    n_classes: int = 10,
    recurrent: bool = False,
    first_kernel: int = 5,
    kernel_size: int = 3,
    n_rcl: int = 4,
) -> int:
    """The number of feature maps K whose network has the parameter count nearest ``target``.

    Used to build a feed-forward CNN with about as many parameters as a given RCNN: the
    count is quadratic in K, so the positive root is computed and its neighbours compared.
    """
    check_positive_int("target", target)
    kw = dict(in_channels=in_channels, n_classes=n_classes, recurrent=recurrent,
              first_kernel=first_kernel, kernel_size=kernel_size, n_rcl=n_rcl)
    # P(K) = a K^2 + b K + n_classes
    a = n_rcl * kernel_size**2 * (2 if recurrent else 1)
    b = first_kernel**2 * in_channels + 1 + n_rcl + n_classes
    c = n_classes - target
    root = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a) if a > 0 else -c / b
    candidates = [k for k in (math.floor(root), math.ceil(root)) if k >= 1] or [1]
    return min(candidates, key=lambda k: abs(rcnn_parameter_count(k, **kw) - target))


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
