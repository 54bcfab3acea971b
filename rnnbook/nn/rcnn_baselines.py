"""Feed-forward baselines for the RCNN, and one training-and-scoring routine for all of them.

Liang & Hu (2015) argue that recurrence inside a convolutional layer helps for two
reasons that a fair experiment must separate: the RCL has more weights than a plain
convolution (its recurrent kernel), and unfolded it is deeper. So the RCNN is compared
with three convolutional networks of the same layout (first convolution, pooling, four
blocks, pooling, global max pooling, softmax):

* **same layers**: every RCL a plain convolution (``RCNN(steps=0)``), five convolutional
  layers, about half the RCNN's parameters;
* **same parameters**: plain convolutions with as many maps as brings the parameter count
  closest to the RCNN's (:func:`~rnnbook.nn.rcnn.width_for_parameter_count`);
* **same depth as unfolded**: every RCL replaced by T + 1 plain convolutions with *untied*
  weights (:class:`ConvStack`), as deep as the longest path through the unfolded RCL.
"""

from __future__ import annotations

from typing import Dict, Tuple

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ..data.digits_images import image_batches
from ..metrics import accuracy
from ..train import History, fit
from ..validation import check_positive_int
from .rcl import RecurrentConvLayer
from .rcnn import RCNN, rcnn_parameter_count, width_for_parameter_count

__all__ = ["BASELINE_NAMES", "ConvStack", "deep_cnn", "rcnn_and_baselines", "train_classifier", "predict_labels"]

#: The names of the four networks :func:`rcnn_and_baselines` builds, in order.
BASELINE_NAMES = ("RCNN", "CNN, same layers", "CNN, same parameters", "CNN, unfolded depth")


class ConvStack(nn.Module):
    """``depth`` plain convolutional layers (convolution, ReLU, LRN), each with its own weights.

    The untied counterpart of an RCL unfolded for ``depth - 1`` steps: the same number of
    convolutions on its longest path, ``depth`` times the weights of one layer instead of
    two. With ``batch_norm=True`` each layer normalises before its ReLU, as the RCL it
    replaces does at each step.

    Shapes
    ------
    input: (B, in_channels, height, width); output: (B, out_channels, height, width).
    """

    def __init__(self, in_channels: int, out_channels: int, depth: int, kernel_size: int = 3,
                 *, lrn: bool = True, batch_norm: bool = False) -> None:
        super().__init__()
        check_positive_int("depth", depth)
        self.layers = nn.ModuleList(
            [RecurrentConvLayer(in_channels if d == 0 else out_channels, out_channels,
                                kernel_size, steps=0, lrn=lrn, batch_norm=batch_norm)
             for d in range(depth)]
        )

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            u = layer(u)
        return u


def deep_cnn(in_channels: int = 3, n_classes: int = 10, channels: int = 96, depth: int = 4,
             **kwargs) -> RCNN:
    """An RCNN whose RCLs are each replaced by a :class:`ConvStack` of ``depth`` layers.

    With ``depth = T + 1`` and :math:`n_{\\text{RCL}}` RCLs (``n_rcl``, four by default)
    the network has :math:`1 + n_{\\text{RCL}} (T + 1)` convolutional layers, as many as the
    longest path through the RCNN unfolded for T steps, and the parameter count
    :math:`(s_1^2 c + 1) K + n_{\\text{RCL}} (T + 1) (s^2 K^2 + K) + (K + 1) C` (Eq. (9.4)
    with untied kernels). Further keyword arguments go to :class:`~rnnbook.nn.rcnn.RCNN`.

    Shapes
    ------
    input: (B, in_channels, height, width); output: class scores (B, n_classes).
    """
    check_positive_int("depth", depth)
    model = RCNN(in_channels, n_classes, channels, steps=0, **kwargs)
    kernel = model.rcl[0].feedforward.kernel_size[0]
    model.rcl = nn.ModuleList(
        [ConvStack(channels, channels, depth, kernel, lrn=model.stem.lrn,
                   batch_norm=model.stem.batch_norms is not None) for _ in model.rcl]
    )
    return model


def rcnn_and_baselines(channels: int, steps: int = 3, *, in_channels: int = 1,
                       n_classes: int = 10, seed: int = 0, **kwargs) -> Dict[str, nn.Module]:
    """The RCNN-K with T = ``steps`` and its three feed-forward baselines, freshly initialised.

    Returns a dict with the keys ``BASELINE_NAMES``: the RCNN, the CNN with the same layers
    (K maps), the CNN with about the RCNN's parameters (wider) and the CNN with each RCL
    replaced by T + 1 untied convolutions (K maps). Each network is initialised after
    ``torch.manual_seed(seed)``; further keyword arguments (``dropout``, ``lrn``, ...) go to
    every network.

    Shapes
    ------
    Every network maps (B, in_channels, height, width) to class scores (B, n_classes).
    """
    check_positive_int("channels", channels)
    check_positive_int("steps", steps)
    check_positive_int("seed", seed, minimum=0)
    layout = dict(in_channels=in_channels, n_classes=n_classes, n_rcl=kwargs.get("n_rcl", 4))
    for name in ("first_kernel", "kernel_size"):
        if name in kwargs:
            layout[name] = kwargs[name]
    target = rcnn_parameter_count(channels, **layout)
    wide = width_for_parameter_count(target, **layout)
    builders = (
        lambda: RCNN(in_channels, n_classes, channels, steps, **kwargs),
        lambda: RCNN(in_channels, n_classes, channels, 0, **kwargs),
        lambda: RCNN(in_channels, n_classes, wide, 0, **kwargs),
        lambda: deep_cnn(in_channels, n_classes, channels, steps + 1, **kwargs),
    )
    models = {}
    for name, build in zip(BASELINE_NAMES, builders):
        torch.manual_seed(seed)
        models[name] = build()
    return models


class _WarmupCosineAdam(torch.optim.Adam):
    """Adam whose learning rate rises linearly for ``warmup`` steps, then falls to zero along
    a half cosine at step ``total`` (each call of ``step`` advances the schedule)."""

    def __init__(self, params, lr: float, total: int, warmup: int) -> None:
        super().__init__(params, lr=lr)
        self.peak, self.total, self.warmup, self.count = lr, total, warmup, 0
        self._set(0)

    def factor(self, t: int) -> float:
        if t < self.warmup:
            return (t + 1) / self.warmup
        return 0.5 * (1.0 + math.cos(math.pi * (t - self.warmup) / max(1, self.total - self.warmup)))

    def _set(self, t: int) -> None:
        for group in self.param_groups:
            group["lr"] = self.peak * self.factor(t)

    def step(self, closure=None):
        loss = super().step(closure)
        self.count += 1
        self._set(min(self.count, self.total))
        return loss


def _classification_loss(model: nn.Module, batch: Tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
    images, labels = batch
    return F.cross_entropy(model(images), labels)


def predict_labels(model: nn.Module, images: np.ndarray, batch_size: int = 500) -> np.ndarray:
    """The class of highest score for each image, in evaluation mode (no dropout).

    Shapes
    ------
    images: (n, c, height, width) -> labels (n,) int64.
    """
    images = np.asarray(images, dtype=np.float32)
    if images.ndim != 4:
        raise ValueError(f"images must have shape (n, c, height, width); got {images.shape}")
    check_positive_int("batch_size", batch_size)
    was_training = model.training
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(images), batch_size):
            out.append(model(torch.from_numpy(images[i : i + batch_size])).argmax(1).numpy())
    model.train(was_training)
    return np.concatenate(out)


def train_classifier(model: nn.Module, train: Tuple[np.ndarray, np.ndarray],
                     test: Tuple[np.ndarray, np.ndarray], *, steps: int, batch_size: int = 32,
                     lr: float = 3e-3, warmup: int = 0, cosine: bool = False,
                     seed: int = 0, n_score: int = 1000,
                     desc: str = "training", progress: bool = True) -> Tuple[History, float, float]:
    """Train an image classifier with cross-entropy and Adam, then score it on both sets.

    Every contender gets the same budget: ``steps`` Adam steps with learning rate ``lr``
    on minibatches of ``batch_size`` images drawn by ``seed`` (the same minibatches for
    every model with the same seed), through :func:`rnnbook.train.fit`. With ``warmup`` the
    learning rate rises linearly from ``lr / warmup`` to ``lr`` over the first ``warmup``
    steps (large early steps can silence ReLUs of a deep stack for good); with ``cosine`` it
    then falls to zero along a half cosine by the last step, so that training ends with
    steps too small to move the weights: the losses level off at what the budget reaches.

    Returns
    -------
    history : rnnbook.train.History
    train_accuracy, test_accuracy : float
        Shares of correctly classified images, measured without dropout: on the first
        ``n_score`` training images (all of them if there are fewer) and on the whole test
        set.

    Shapes
    ------
    train and test: (images (n, c, height, width), labels (n,)).
    """
    check_positive_int("steps", steps)
    check_positive_int("seed", seed, minimum=0)
    check_positive_int("n_score", n_score)
    check_positive_int("warmup", warmup, minimum=0)
    if warmup >= steps:
        raise ValueError(f"warmup must be smaller than steps={steps}; got {warmup}")
    if not isinstance(cosine, bool):
        raise TypeError(f"cosine must be a bool; got {type(cosine).__name__}")
    for name, (x, y) in (("train", train), ("test", test)):
        if np.ndim(x) != 4 or len(x) != len(y):
            raise ValueError(f"{name} must be (images (n, c, h, w), labels (n,)); "
                             f"got shapes {np.shape(x)} and {np.shape(y)}")
    batches = image_batches(train[0], train[1], batch_size, seed=seed)
    optimizer = None
    if warmup or cosine:
        optimizer = _WarmupCosineAdam(model.parameters(), lr, steps if cosine else 10**12, warmup)
    history = fit(model, _classification_loss, batches, steps=steps, lr=lr, seed=seed,
                  optimizer=optimizer, desc=desc, progress=progress)
    train_acc = accuracy(predict_labels(model, train[0][:n_score]), np.asarray(train[1][:n_score]))
    test_acc = accuracy(predict_labels(model, test[0]), np.asarray(test[1]))
    return history, train_acc, test_acc
