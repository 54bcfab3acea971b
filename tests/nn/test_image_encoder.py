"""rnnbook.nn.image_encoder: the captioner's CNN and its pretraining classifier."""

from __future__ import annotations

import pytest
import torch

from rnnbook.nn import ImageEncoder, pretraining_classifier


def test_encoder_shapes_and_errors():
    enc = ImageEncoder(image_size=24, channels=4, features=10, grid=2)
    x = torch.rand(3, 1, 24, 24)
    assert enc(x).shape == (3, 10)
    regions, vec = enc.regions_and_vector(x)
    assert regions.shape == (3, 4, 8) and vec.shape == (3, 10)
    with pytest.raises(ValueError, match=r"image must have shape \(B, channels=1, height=24, width=24\); got \(3, 1, 20, 20\)"):
        enc(torch.rand(3, 1, 20, 20))
    with pytest.raises(ValueError, match="image_size must be a multiple of 4; got 10"):
        ImageEncoder(image_size=10)
    with pytest.raises(TypeError, match="image must be a torch.Tensor; got ndarray"):
        enc(x.numpy())
    with pytest.raises(ValueError, match="grid must be an integer"):
        ImageEncoder(image_size=8, grid=3)


def test_pretraining_classifier_shares_the_convolutions():
    enc = ImageEncoder(image_size=8, channels=2, features=4)
    clf = pretraining_classifier(enc, n_classes=10)
    assert clf(torch.rand(2, 1, 8, 8)).shape == (2, 10)
    assert clf[0] is enc.conv
    with pytest.raises(ValueError, match="n_classes"):
        pretraining_classifier(enc, n_classes=1)


def test_pretraining_classifier_needs_an_encoder():
    with pytest.raises(TypeError, match="encoder must be a .*ImageEncoder; got str"):
        pretraining_classifier("x")
