"""rnnbook.data.text: the Python documentation corpus."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.data import char_batches, load_python_docs


def test_corpus_split_and_codes():
    c = load_python_docs()
    assert len(c.train) > 300_000 and len(c.valid) > 30_000
    assert len(c.valid) == pytest.approx(0.1 * (len(c.train) + len(c.valid)), abs=1)
    assert c.vocab_size == len(c.chars) and c.train.max() < c.vocab_size
    assert c.decode(c.encode("for x in y:\n")) == "for x in y:\n"
    assert np.array_equal(load_python_docs().valid, c.valid)  # fixed split


def test_batches_are_shifted_windows():
    c = load_python_docs(max_chars=5000)
    x, y = next(char_batches(c.train, 4, 16, seed=0))
    assert tuple(x.shape) == (16, 4)
    assert np.array_equal(x[1:].numpy(), y[:-1].numpy())


def test_errors():
    c = load_python_docs(max_chars=1000)
    with pytest.raises(ValueError, match="corpus's characters"):
        c.encode("\x00")
    with pytest.raises(ValueError, match="valid_fraction"):
        load_python_docs(valid_fraction=1.5)
    with pytest.raises(ValueError, match="codes must be 1-D"):
        next(char_batches(c.train[:5], 2, 16))


def test_decode_refuses_codes_out_of_range_and_non_integers():
    corpus = load_python_docs(max_chars=2000)
    V = corpus.vocab_size
    with pytest.raises(ValueError, match=rf"codes must hold codes in \[0, {V}\); got values from -1"):
        corpus.decode([-1])
    with pytest.raises(TypeError, match="codes must hold integer codes; got dtype float64"):
        corpus.decode([1.5])
    assert corpus.decode(torch.from_numpy(corpus.encode("The"))) == "The"
