"""A joint image-sentence embedding for retrieval, after Karpathy & Fei-Fei (2015).

Images and sentences are mapped into one space of size D and compared there.

*Image side.* The CNN's last feature map is read as a set of regions (one per cell of
the map) plus the whole-image vector; each is projected to D:
:math:`v_i = W_m r_i + b_m`.

*Sentence side.* A bidirectional RNN reads the words (Eq. (10.4)-(10.5)), with f = ReLU:

.. math::

    e_t &= f(W_e w_t + b_e), \\\\
    h^f_t &= f(e_t + W_f h^f_{t-1} + b_f), \\qquad
    h^b_t = f(e_t + W_b h^b_{t+1} + b_b), \\\\
    s_t &= f\\big(W_d (h^f_t + h^b_t) + b_d\\big),

where :math:`w_t` is the word vector of word t, so every :math:`s_t` carries the word
and its context on both sides.

*Score.* Each word is matched to the region that fits it best, and the matches are
summed (Eq. (10.6)):

.. math:: S_{kl} = \\sum_{t \\in g_l} \\max_{i \\in g_k} v_i^\\top s_t .

*Loss.* A max-margin ranking loss pushes the true pairs (k, k) of a batch above every
other pairing by a margin of 1, in both directions (Eq. (10.7)):

.. math::

    \\mathcal{C} = \\sum_k \\Big[\\sum_l \\max(0, S_{kl} - S_{kk} + 1)
    + \\sum_l \\max(0, S_{lk} - S_{kk} + 1)\\Big].
"""

from __future__ import annotations

import torch
from torch import nn

from .image_encoder import ImageEncoder
from ..validation import check_instance, check_int

__all__ = ["SentenceBRNN", "JointEmbedding", "ranking_loss"]


class SentenceBRNN(nn.Module):
    """The bidirectional RNN over words of Eq. (10.4)-(10.5).

    Parameters
    ----------
    vocab_size : int
        V (id 0 is padding).
    embedding_size : int
        Size of the word vectors :math:`w_t`.
    hidden_size : int
        H, the size of :math:`e_t`, :math:`h^f_t`, :math:`h^b_t`.
    output_size : int
        D, the size of :math:`s_t` (the joint space).

    Shapes
    ------
    tokens: (T, B) int64, time-major, padded with 0 after the last word; output: s of
    shape (T, B, D) and the mask of real words (T, B).
    """

    def __init__(self, vocab_size: int, embedding_size: int = 32, hidden_size: int = 64,
                 output_size: int = 64) -> None:
        super().__init__()
        for name, v in (("vocab_size", vocab_size), ("embedding_size", embedding_size),
                        ("hidden_size", hidden_size), ("output_size", output_size)):
            check_int(name, v, minimum=1)
        self.words = nn.Embedding(vocab_size, embedding_size, padding_idx=0)  # w_t
        self.W_e = nn.Linear(embedding_size, hidden_size)
        self.W_f = nn.Linear(hidden_size, hidden_size)  # with b_f
        self.W_b = nn.Linear(hidden_size, hidden_size)  # with b_b
        self.W_d = nn.Linear(hidden_size, output_size)
        self.hidden_size = hidden_size

    def forward(self, tokens: torch.Tensor):
        if tokens.dim() != 2:
            raise ValueError(f"tokens must have shape (T, B); got {tuple(tokens.shape)}")
        T, B = tokens.shape
        mask = (tokens != 0).to(torch.float32)  # (T, B)
        e = torch.relu(self.W_e(self.words(tokens)))  # e_t: (T, B, H)
        h = e.new_zeros(B, self.hidden_size)
        forward = []
        for t in range(T):
            # h^f_t = f(e_t + W_f h^f_{t-1} + b_f)
            h = torch.relu(e[t] + self.W_f(h))
            forward.append(h)
        h = e.new_zeros(B, self.hidden_size)
        backward = [None] * T
        for t in reversed(range(T)):
            # h^b_t = f(e_t + W_b h^b_{t+1} + b_b); padding keeps h^b at 0 until the last word
            h = torch.relu(e[t] + self.W_b(h)) * mask[t, :, None]
            backward[t] = h
        # s_t = f(W_d (h^f_t + h^b_t) + b_d)
        s = torch.relu(self.W_d(torch.stack(forward) + torch.stack(backward)))  # (T, B, D)
        return s * mask[..., None], mask


class JointEmbedding(nn.Module):
    """Image regions and sentence words in one space, scored by Eq. (10.6).

    Parameters
    ----------
    vocab_size : int
        V.
    size : int
        D, the size of the joint space.
    image_size, image_channels, encoder_channels, features
        Passed to :class:`~rnnbook.nn.image_encoder.ImageEncoder`; its feature-map cells are
        the regions, its image vector one more region.
    embedding_size, hidden_size
        Passed to :class:`SentenceBRNN`.

    Shapes
    ------
    images: (N, c, S, S) -> regions v (N, R + 1, D); tokens (T, M) -> words s (T, M, D);
    :meth:`scores`: (N, M), S[k, l] the score of image k with sentence l.
    """

    def __init__(self, vocab_size: int, *, size: int = 64, image_size: int = 24,
                 image_channels: int = 1, encoder_channels: int = 16, features: int = 64,
                 embedding_size: int = 32, hidden_size: int = 64) -> None:
        super().__init__()
        self.encoder = ImageEncoder(image_size, image_channels, encoder_channels, features)
        self.region_proj = nn.Linear(self.encoder.out_channels, size)  # W_m for the cells
        self.image_proj = nn.Linear(features, size)  # W_m for the whole image
        self.sentence = SentenceBRNN(vocab_size, embedding_size, hidden_size, size)

    def embed_images(self, images: torch.Tensor) -> torch.Tensor:
        """Region vectors :math:`v_i` of each image, shape (N, R + 1, D)."""
        cells, whole = self.encoder.regions_and_vector(images)  # (N, R, C), (N, F)
        return torch.cat([self.region_proj(cells), self.image_proj(whole)[:, None]], dim=1)

    def embed_sentences(self, tokens: torch.Tensor):
        """Word vectors :math:`s_t` and the word mask, shapes (T, M, D) and (T, M)."""
        return self.sentence(tokens)

    @staticmethod
    def score(v: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
        """Eq. (10.6): S[k, l] = sum over words t of l of max over regions i of k of v_i.s_t.

        Padded words have s_t = 0 and add nothing. Shapes: v (N, R, D), s (T, M, D) ->
        (N, M).
        """
        dots = torch.einsum("nrd,tmd->nmtr", v, s)  # (N, M, T, R)
        return dots.amax(dim=3).sum(dim=2)  # (N, M)

    def scores(self, images: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
        """All image-sentence scores, (N, M)."""
        s, _ = self.embed_sentences(tokens)
        return self.score(self.embed_images(images), s)


def ranking_loss(scores: torch.Tensor, margin: float = 1.0) -> torch.Tensor:
    """The bidirectional max-margin ranking loss of Eq. (10.7), averaged over the batch.

    ``scores[k, l]`` scores image k with sentence l; the true pairs are on the diagonal.

    Shapes
    ------
    scores: (B, B); output: scalar.
    """
    check_instance("scores", scores, torch.Tensor)
    if scores.dim() != 2 or scores.shape[0] != scores.shape[1]:
        raise ValueError(f"scores must be a square matrix (B, B); got {tuple(scores.shape)}")
    if not margin > 0:
        raise ValueError(f"margin must be positive; got {margin!r}")
    true = scores.diagonal()  # S_kk: (B,)
    off = 1.0 - torch.eye(len(true), device=scores.device)  # leave out l = k
    rank_sentences = torch.relu(scores - true[:, None] + margin) * off  # image k vs sentence l
    rank_images = torch.relu(scores - true[None, :] + margin) * off  # sentence k vs image l
    return (rank_sentences.sum() + rank_images.sum()) / len(true)
