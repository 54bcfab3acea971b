"""An image captioner after Karpathy & Fei-Fei (2015): a CNN encoder and a multimodal RNN.

The encoder turns the image into a vector :math:`\\mathrm{CNN}(I)`. The decoder is a
recurrent network over words that sees the image once, at the first step, as an extra
bias (Eq. (10.1)-(10.3)):

.. math::

    b_v &= W_{hi}\\, \\mathrm{CNN}(I), \\\\
    h_t &= f\\big(W_{xh} x_t + W_{hh} h_{t-1} + b_h + \\mathbb{1}(t = 1) \\odot b_v\\big), \\\\
    y_t &= \\mathrm{softmax}(W_{hy} h_t + b_y),

where :math:`x_1` is the embedding of ``<start>`` and :math:`x_t` for t > 1 the embedding
of the previous word: the true one in training (teacher forcing), the model's own choice
when generating. The LSTM decoder adds the same :math:`b_v` (one block per gate) to its
gate pre-activations at the first step; or, with ``image_as_state=True``, the image sets
its initial state instead, :math:`[a_0; c_0] = W_{hi}\\, \\mathrm{CNN}(I) + b_i` and
:math:`h_0 = \\tanh(a_0)`, after which every step sees words only. In either form the
image vector is first standardised over the minibatch (running statistics when
evaluating), so that :math:`W_{hi}` sees how an image differs from the average image:
an unstandardised ReLU feature vector is mostly the same for every image, which turns
:math:`W_{hi}` into a fast-moving bias that drives the LSTM's first-step gates into
saturation. Decoding is greedy or by beam search.

The module is a little over 300 lines because the decoder and its two decoding methods
(greedy and beam search) are one class that is read together; the encoder is in
:mod:`rnnbook.nn.image_encoder`.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import torch
from torch import nn

from .image_encoder import ImageEncoder
from .lstm import lstm_step
from .vanilla import rnn_step
from ..validation import check_choice, check_int

__all__ = ["Captioner", "caption_loss"]


class Captioner(nn.Module):
    """CNN encoder and multimodal RNN decoder (vanilla or LSTM), Eq. (10.1)-(10.3).

    Parameters
    ----------
    vocab_size : int
        V, the number of tokens (with ``<pad>`` = 0, ``<start>`` = 1, ``<end>`` = 2, as
        :class:`rnnbook.data.scenes.Vocabulary` numbers them).
    kind : str
        One of "rnn", "lstm".
        The decoder. ``"rnn"`` is the paper's multimodal RNN with f = ReLU (or tanh, by
        ``nonlinearity``); ``"lstm"`` uses PyTorch's gate order i, f, g, o.
    hidden_size : int
        H.
    embedding_size : int
        Size of the word vectors :math:`x_t`.
    image_size, image_channels, encoder_channels, features
        Passed to :class:`~rnnbook.nn.image_encoder.ImageEncoder`.
    nonlinearity : str
        One of "relu", "tanh".
        f of the vanilla decoder.
    encoder : rnnbook.nn.image_encoder.ImageEncoder, optional
        Use this (for example pretrained, see :func:`~rnnbook.nn.image_encoder.pretraining_classifier`) instead of
        a new encoder; the encoder arguments above are then ignored.
    image_every_step : bool
        Add :math:`b_v` at every step instead of the first only (as the m-RNN of Mao et
        al. 2015 does), a departure from Eq. (10.2): the decoder need not carry what it
        saw in its state.
    image_as_state : bool
        Feed the image once through the initial state instead of a bias at t = 1:
        h_0 = f(b_v) for the vanilla decoder; [a_0; c_0] = b_v (B, 2H), h_0 = tanh(a_0)
        for the LSTM. Excludes ``image_every_step``.
    normalize_image : bool
        Standardise CNN(I) over the minibatch before W_hi (``BatchNorm1d`` without a
        learned scale and shift; running statistics in evaluation mode).

    Shapes
    ------
    images: (B, image_channels, image_size, image_size); tokens: (T, B) int64,
    time-major; scores from :meth:`forward`: (T, B, V).
    """

    START, END, PAD = 1, 2, 0

    def __init__(
        self,
        vocab_size: int,
        *,
        kind: str = "lstm",
        hidden_size: int = 96,
        embedding_size: int = 32,
        image_size: int = 24,
        image_channels: int = 1,
        encoder_channels: int = 16,
        features: int = 64,
        nonlinearity: str = "relu",
        encoder: Optional[ImageEncoder] = None,
        image_every_step: bool = False,
        image_as_state: bool = False,
        normalize_image: bool = True,
    ) -> None:
        super().__init__()
        check_choice("kind", kind, ("rnn", "lstm"))
        check_choice("nonlinearity", nonlinearity, ("relu", "tanh"))
        for name, v in (("vocab_size", vocab_size), ("hidden_size", hidden_size),
                        ("embedding_size", embedding_size)):
            check_int(name, v, minimum=4 if name == "vocab_size" else 1)
        self.kind, self.hidden_size, self.vocab_size = kind, hidden_size, vocab_size
        if image_as_state and image_every_step:
            raise ValueError("image_as_state and image_every_step exclude each other; got both True")
        self.image_every_step, self.image_as_state = bool(image_every_step), bool(image_as_state)
        self.nonlinearity = nonlinearity
        self.f = torch.relu if nonlinearity == "relu" else torch.tanh
        gates = 4 if kind == "lstm" else 1
        H = hidden_size
        if encoder is None:
            encoder = ImageEncoder(image_size, image_channels, encoder_channels, features)
        elif not isinstance(encoder, ImageEncoder):
            raise TypeError(f"encoder must be an ImageEncoder or None; got {type(encoder).__name__}")
        self.encoder = encoder
        features = encoder.features
        self.embedding = nn.Embedding(vocab_size, embedding_size, padding_idx=self.PAD)
        # the image vector standardised over the minibatch (running statistics when
        # evaluating), so that W_hi sees how an image differs from the average image
        self.image_norm = nn.BatchNorm1d(features, affine=False) if normalize_image else nn.Identity()
        # W_hi: image vector -> one bias per gate (b_v), used at t = 1 only; or -> the
        # initial state, h_0 (and c_0 for the LSTM)
        n_image = (2 * H if kind == "lstm" else H) if self.image_as_state else gates * H
        self.image_to_hidden = nn.Linear(features, n_image)
        # W_xh, W_hh, b_h, laid out as PyTorch's weight_ih / weight_hh / bias_ih
        self.weight_ih = nn.Parameter(torch.empty(gates * H, embedding_size))
        self.weight_hh = nn.Parameter(torch.empty(gates * H, H))
        self.bias_ih = nn.Parameter(torch.zeros(gates * H))
        self.output = nn.Linear(H, vocab_size)  # W_hy, b_y
        bound = H**-0.5
        nn.init.uniform_(self.weight_ih, -bound, bound)
        if kind == "lstm":
            nn.init.uniform_(self.weight_hh, -bound, bound)
            with torch.no_grad():
                self.bias_ih[H : 2 * H].fill_(1.0)  # forget gate bias 1: remember by default
        else:
            nn.init.eye_(self.weight_hh)  # a ReLU RNN starts as an identity map (Le et al. 2015)
            with torch.no_grad():
                self.weight_hh.mul_(0.5)

    def initial_state(
        self, batch_size: int, device: torch.device, image_bias: Optional[torch.Tensor] = None
    ) -> Tuple[torch.Tensor, ...]:
        """h_0 = 0 (and c_0 = 0 for the LSTM), each (B, H).

        With ``image_as_state=True`` and ``image_bias`` given, the image sets the state
        instead: h_0 = f(b_v) for the vanilla decoder; c_0 = b_v[:, H:] and
        h_0 = tanh(b_v[:, :H]) for the LSTM (b_v of shape (B, 2H)).
        """
        if self.image_as_state and image_bias is not None:
            if self.kind == "rnn":
                return (self.f(image_bias),)
            H = self.hidden_size
            return torch.tanh(image_bias[:, :H]), image_bias[:, H:]
        h = torch.zeros(batch_size, self.hidden_size, device=device)
        return (h, torch.zeros_like(h)) if self.kind == "lstm" else (h,)

    def _image_at(self, t: int, b_v: torch.Tensor) -> Optional[torch.Tensor]:
        """The image term of step t (0-based): b_v at the first step or at every step,
        ``None`` when the image is in the initial state or the step is a later one."""
        if self.image_every_step or (t == 0 and not self.image_as_state):
            return b_v
        return None

    def step(
        self, word: torch.Tensor, state: Tuple[torch.Tensor, ...], image_bias: Optional[torch.Tensor]
    ) -> Tuple[torch.Tensor, Tuple[torch.Tensor, ...]]:
        """One decoder step: word ids (B,) and the state -> scores (B, V) and the new state.

        ``image_bias`` is :math:`b_v` (B, gates * H) at the first step and ``None`` after
        (always ``None`` with ``image_as_state``).
        """
        x = self.embedding(word)  # x_t: (B, E)
        xw = x @ self.weight_ih.T + self.bias_ih  # W_xh x_t + b_h: (B, gates * H)
        if image_bias is not None:
            xw = xw + image_bias  # + b_v (at t = 1, or at every step)
        if self.kind == "rnn":  # the vanilla step, Eq. (10.2) (its b_h is in xw)
            h = rnn_step(xw, state[0], self.weight_hh, None, self.nonlinearity)
            new_state: Tuple[torch.Tensor, ...] = (h,)
        else:  # the book's LSTM step, Eqs. (5.1)-(5.6), with b_v in the input projection
            h, c, _ = lstm_step(xw, state[0], state[1], self.weight_hh, None)
            new_state = (h, c)
        return self.output(h), new_state  # Eq. (10.3) before the softmax: (B, V)

    def image_bias(self, images: torch.Tensor, generating: bool = False) -> torch.Tensor:
        """b_v = W_hi CNN(I) + b_i (CNN(I) standardised), shape (B, gates * H); (B, H) or
        (B, 2H) with ``image_as_state``.

        In training mode the image vector is standardised with the minibatch's statistics
        (so the batch needs at least 2 images); ``generating=True`` uses the running
        statistics whatever the mode, as :meth:`greedy` and :meth:`beam_search` do.
        """
        v = self.encoder(images)  # CNN(I): (B, F)
        norm = self.image_norm
        if isinstance(norm, nn.BatchNorm1d):
            if generating or not self.training:
                v = nn.functional.batch_norm(v, norm.running_mean, norm.running_var,
                                             training=False, eps=norm.eps)
            elif v.shape[0] < 2:
                raise ValueError(
                    "images must hold at least 2 images in training mode (the image vector is "
                    f"standardised over the minibatch); got {v.shape[0]}"
                )
            else:
                v = norm(v)
        return self.image_to_hidden(v)

    def forward(self, images: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
        """Teacher forcing: scores for every next word given the true previous words.

        ``tokens`` are the inputs :math:`x_1, \\dots, x_T` (``<start>`` first); the
        result at step t scores word t + 1. The inputs are all known in advance, but the
        steps still run one after the other (a loop over t), since :math:`h_t` needs
        :math:`h_{t-1}`.

        Shapes
        ------
        images: (B, c, S, S); tokens: (T, B); output: (T, B, V).
        """
        if tokens.dim() != 2 or tokens.shape[1] != images.shape[0]:
            raise ValueError(
                f"tokens must have shape (T, B={images.shape[0]}); got {tuple(tokens.shape)}"
            )
        b_v = self.image_bias(images)  # (B, gates * H)
        state = self.initial_state(images.shape[0], images.device, b_v)
        scores = []
        for t in range(tokens.shape[0]):
            y, state = self.step(tokens[t], state, self._image_at(t, b_v))
            scores.append(y)
        return torch.stack(scores)  # (T, B, V)

    @torch.no_grad()
    def greedy(self, images: torch.Tensor, max_length: int = 16) -> List[List[int]]:
        """Generate by taking the most probable word at every step, until ``<end>``.

        Returns one list of word ids per image (without ``<start>`` and ``<end>``).
        """
        check_int("max_length", max_length, minimum=1)
        B = images.shape[0]
        b_v = self.image_bias(images, generating=True)
        state = self.initial_state(B, images.device, b_v)
        word = torch.full((B,), self.START, dtype=torch.long, device=images.device)
        out: List[List[int]] = [[] for _ in range(B)]
        done = torch.zeros(B, dtype=torch.bool, device=images.device)
        for t in range(max_length):
            y, state = self.step(word, state, self._image_at(t, b_v))
            word = y.argmax(dim=1)  # (B,)
            for b in torch.nonzero(~done & (word != self.END)).flatten().tolist():
                out[b].append(int(word[b]))
            done |= word == self.END
            if bool(done.all()):
                break
        return out

    @torch.no_grad()
    def beam_search(self, image: torch.Tensor, beam: int = 3, max_length: int = 16) -> List[int]:
        """The most probable caption of one image found by beam search.

        Keeps the ``beam`` partial sentences of highest total log-probability; a
        sentence that emits ``<end>`` is finished. Returns the finished sentence of
        highest log-probability (word ids, without ``<start>`` and ``<end>``). With
        ``beam=1`` this is greedy decoding.

        Shapes
        ------
        image: (c, S, S) or (1, c, S, S).
        """
        check_int("beam", beam, minimum=1)
        check_int("max_length", max_length, minimum=1)
        if image.dim() == 3:
            image = image.unsqueeze(0)
        if image.dim() != 4 or image.shape[0] != 1:
            raise ValueError(f"image must have shape (c, S, S) or (1, c, S, S); got {tuple(image.shape)}")
        b_v = self.image_bias(image, generating=True)  # (1, gates * H)
        state = self.initial_state(1, image.device, b_v)
        words = torch.full((1,), self.START, dtype=torch.long, device=image.device)
        scores = torch.zeros(1, device=image.device)  # log-probability of each live sentence
        prefixes: List[List[int]] = [[]]
        finished: List[Tuple[float, List[int]]] = []
        for t in range(max_length):
            image_in = self._image_at(t, b_v)
            y, state = self.step(words, state, image_in.expand(len(words), -1) if image_in is not None else None)
            logp = scores[:, None] + torch.log_softmax(y, dim=1)  # (live, V)
            top = torch.topk(logp.flatten(), min(beam, logp.numel()))
            rows = top.indices // self.vocab_size
            cols = top.indices % self.vocab_size
            keep = []
            for s, r, c in zip(top.values.tolist(), rows.tolist(), cols.tolist()):
                if c == self.END:
                    finished.append((s, prefixes[r]))
                else:
                    keep.append((s, r, c))
            # stop once the best finished sentence beats every live one
            if not keep or (finished and max(f[0] for f in finished) >= keep[0][0]):
                break
            idx = torch.tensor([r for _, r, _ in keep], device=image.device)
            state = tuple(s[idx] for s in state)
            words = torch.tensor([c for _, _, c in keep], device=image.device)
            scores = torch.tensor([s for s, _, _ in keep], device=image.device)
            prefixes = [prefixes[r] + [c] for _, r, c in keep]
        if not finished:  # ran out of length: take the best live sentence
            finished = [(float(scores[0]), prefixes[0])]
        return max(finished, key=lambda f: f[0])[1]


def caption_loss(model: Captioner, images: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of every next word under teacher forcing (padding ignored).

    Shapes
    ------
    images: (B, c, S, S); tokens: (T, B), each column ``<start>`` w_1 ... w_n ``<end>``
    then ``<pad>``.
    """
    scores = model(images, tokens[:-1])  # predict tokens[1:]: (T-1, B, V)
    return nn.functional.cross_entropy(
        scores.reshape(-1, scores.shape[-1]), tokens[1:].reshape(-1), ignore_index=model.PAD
    )
