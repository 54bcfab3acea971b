"""The image encoder of the captioner (chapter 10) and the classifier that pretrains it.

Karpathy & Fei-Fei (2015) encode an image with a CNN pretrained on ImageNet; here a small
CNN is pretrained to name a single digit on the canvas (:func:`pretraining_classifier`)
and then feeds the caption decoder (:class:`~rnnbook.nn.captioner.Captioner`) and the alignment
model (:mod:`rnnbook.nn.embedding`).
"""

from __future__ import annotations

import torch
from torch import nn

from ..validation import check_instance, check_int, check_tensor

__all__ = ["ImageEncoder", "pretraining_classifier"]


class ImageEncoder(nn.Module):
    """A small CNN: two blocks of 3 x 3 convolution, ReLU and 2 x 2 max pooling; the maps
    are max-pooled onto a coarse ``grid`` x ``grid`` grid of regions, which keeps *what*
    is *where*, and a linear layer with ReLU turns the regions into one image vector.

    Parameters
    ----------
    image_size : int
        Side of the (square) input, divisible by 4.
    in_channels : int
        Channels of the input.
    channels : int
        Feature maps of the first block (the second has twice as many).
    features : int
        F, the size of the image vector :math:`\\mathrm{CNN}(I)`.
    grid : int
        Side of the grid of regions (at most image_size / 4).

    Shapes
    ------
    input: (B, in_channels, image_size, image_size); output: (B, F).
    :meth:`regions_and_vector` returns the regions as a set of vectors,
    (B, R, 2 * channels) with R = grid^2, and the image vector.
    """

    def __init__(self, image_size: int = 24, in_channels: int = 1, channels: int = 16,
                 features: int = 64, grid: int = 2) -> None:
        super().__init__()
        image_size = check_int("image_size", image_size, minimum=4)
        if image_size % 4:
            raise ValueError(f"image_size must be a multiple of 4; got {image_size!r}")
        in_channels, channels, features = (check_int(name, v, minimum=1) for name, v in (
            ("in_channels", in_channels), ("channels", channels), ("features", features)))
        self.image_size, self.in_channels = image_size, in_channels
        self.conv = nn.Sequential(
            nn.Conv2d(in_channels, channels, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(channels, 2 * channels, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        grid = check_int("grid", grid, minimum=1, maximum=image_size // 4)
        self.out_channels = 2 * channels
        self.regions = nn.AdaptiveMaxPool2d(grid)
        self.project = nn.Linear(2 * channels * grid * grid, features)
        self.features = features

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        """The image vector CNN(I), (B, F)."""
        return self.regions_and_vector(image)[1]

    def regions_and_vector(self, image: torch.Tensor) -> tuple:
        """The regions as a set of vectors, (B, R, 2 * channels), and CNN(I), (B, F)."""
        S, c = self.image_size, self.in_channels
        check_tensor("image", image, (("B", None), ("channels", c), ("height", S), ("width", S)),
                     floating=True)
        maps = self.regions(self.conv(image))  # (B, 2c, grid, grid)
        vector = torch.relu(self.project(maps.flatten(1)))  # CNN(I): (B, F)
        return maps.flatten(2).transpose(1, 2), vector  # (B, R, 2c), (B, F)


def pretraining_classifier(encoder: ImageEncoder, n_classes: int = 10) -> nn.Sequential:
    """A classifier on top of the encoder's convolutions, to pretrain them.

    Karpathy & Fei-Fei start from a CNN trained to classify ImageNet images and only then
    learn to caption. This is the same step in small: the encoder's convolutional blocks,
    global max pooling and a linear layer, trained to name a single handwritten digit
    wherever it lies on the canvas. The returned module *shares* the encoder's
    convolution layers, so training it trains them.

    Shapes
    ------
    input: (B, in_channels, S, S); output: class scores (B, n_classes).
    """
    check_instance("encoder", encoder, ImageEncoder)
    check_int("n_classes", n_classes, minimum=2)
    return nn.Sequential(
        encoder.conv,  # shared, not copied
        nn.AdaptiveMaxPool2d(1),  # (B, 2c, 1, 1)
        nn.Flatten(),  # (B, 2c)
        nn.Linear(encoder.out_channels, n_classes),
    )
