"""The RCNN of Liang & Hu (2015): recurrent convolutional layers stacked into a classifier.

The RCNN stacks a plain convolution, max pooling, two RCLs, max pooling, two more RCLs,
global max pooling and a softmax layer. With K feature maps in the five convolutional
layers, :func:`rcnn_parameter_count` gives the parameter counts of the paper's CIFAR-10
table (0.67M, 1.19M and 1.86M for K = 96, 128 and 160). With ``steps=0`` every RCL is a
plain convolution and the RCNN is a CNN with the same number of layers
(:mod:`rnnbook.nn.rcnn_baselines` builds it and the other baselines).
"""

from __future__ import annotations

import math

import torch
from torch import nn

from ..validation import check_positive_int
from .rcl import RecurrentConvLayer

__all__ = ["RCNN", "rcnn_parameter_count", "width_for_parameter_count"]


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
    batch_norm : bool
        Batch normalisation before every ReLU, one per layer and step (see
        :class:`~rnnbook.nn.rcl.RecurrentConvLayer`); adds 2K parameters per layer and step,
        which :func:`rcnn_parameter_count` (the paper's layout) leaves out.
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
        batch_norm: bool = False,
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
        self.stem = RecurrentConvLayer(in_channels, K, first_kernel, steps=0, lrn=lrn,
                                       batch_norm=batch_norm)
        self.rcl = nn.ModuleList(
            [RecurrentConvLayer(K, K, kernel_size, steps=steps, lrn=lrn, batch_norm=batch_norm)
             for _ in range(n_rcl)]
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
