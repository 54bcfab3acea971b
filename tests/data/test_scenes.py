"""Tests for rnnbook.data.scenes: the grammar, the scenes, the vocabulary."""

from __future__ import annotations

import numpy as np
import pytest

from rnnbook.data.scenes import DIGIT_WORDS, Vocabulary, describe, make_scenes


def test_describe_hand_worked():
    refs = describe(8, 1, "horizontal")
    assert refs[0] == "an eight is to the left of a one"
    assert refs[1] == "a one is to the right of an eight"
    assert len(refs) == 5 and len(set(refs)) == 5
    assert describe(2, 3, "vertical")[0] == "a two is above a three"
    with pytest.raises(ValueError, match="layout must be one of"):
        describe(1, 2, "diagonal")
    with pytest.raises(ValueError, match="first must be a digit"):
        describe(10, 2, "vertical")


def test_scenes_match_their_captions():
    s = make_scenes(60, "validation", seed=3)
    assert s.images.shape == (60, 1, 24, 24) and s.images.dtype == np.float32
    assert len(s) == 60 and all(len(c) == 5 for c in s.captions)
    for k in range(60):
        first, second = s.digits[k]
        assert first != second
        layout = ("horizontal", "vertical")[s.layouts[k]]
        assert s.captions[k] == describe(int(first), int(second), layout)
        img = s.images[k, 0]
        # ink lies in the two halves the layout names, and in each of them
        halves = (img[:, :12], img[:, 12:]) if layout == "horizontal" else (img[:12], img[12:])
        assert halves[0].sum() > 0 and halves[1].sum() > 0
    again = make_scenes(60, "validation", seed=3)
    np.testing.assert_array_equal(s.images, again.images)


def test_scene_errors():
    with pytest.raises(ValueError, match="size must be an integer >= 20"):
        make_scenes(3, size=16)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        make_scenes(0)


def test_vocabulary_round_trip():
    v = Vocabulary(["a one is above a two", "an eight on the left"])
    assert v.itos[:4] == ["<pad>", "<start>", "<end>", "<unk>"]
    assert len(v) == 4 + 10
    ids = v.encode("a two is above an eight")
    assert ids[0] == v.START and ids[-1] == v.END
    assert v.decode(ids) == "a two is above an eight"
    assert v.decode(v.encode("a zebra")) == "a <unk>"
    batch = v.encode_batch(["a one", "a one is above a two"])
    assert batch.shape == (8, 2) and batch[4, 0] == v.PAD and batch[3, 0] == v.END
    with pytest.raises(ValueError, match="T must be at least 8"):
        v.encode_batch(["a one is above a two"], T=5)
    with pytest.raises(ValueError, match="T must be an integer >= 1; got 2.5"):
        v.encode_batch(["a one"], T=2.5)
    with pytest.raises(ValueError, match="ids must lie in"):
        v.decode([99])
    with pytest.raises(ValueError, match="at least one word"):
        Vocabulary([""])


def test_full_vocabulary_of_the_grammar():
    s = make_scenes(400, "train", seed=0)
    v = Vocabulary(c for refs in s.captions for c in refs)
    assert set(DIGIT_WORDS) <= set(v.words) and len(v.words) == 26


def test_guess_captions_are_grammatical_and_seeded():
    from rnnbook.data.scenes import guess_captions

    grammar = {r for i in range(10) for j in range(10) if i != j
               for lay in ("horizontal", "vertical") for r in describe(i, j, lay)}
    guesses = guess_captions(300, seed=4)
    assert len(guesses) == 300 and set(guesses) <= grammar
    assert len(set(guesses)) > 100  # digits, layout and wording vary
    assert guesses == guess_captions(300, seed=4)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        guess_captions(0)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        guess_captions(True)
