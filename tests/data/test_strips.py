"""Digit strips: seeded, split by digit image, labels match the digits laid down."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.data.strips import (
    DigitStrips, collate_strips, digit_lexicon, digit_pool, digit_strips, strip_batches,
)


def test_pools_are_disjoint_and_cover_the_digits():
    pools = {k: digit_pool(k)[0].reshape(-1, 64) for k in ("train", "validation", "test")}
    assert sum(len(p) for p in pools.values()) == 1797
    rows = {k: {r.tobytes() for r in p} for k, p in pools.items()}
    # the bundled set holds a few exact duplicates; only they may appear in two pools
    assert len(rows["train"] & rows["test"]) <= 5
    assert len(rows["validation"] & rows["test"]) <= 5


def test_seeded_and_shaped():
    a = digit_strips(20, "test", seed=3)
    b = digit_strips(20, "test", seed=3)
    c = digit_strips(20, "test", seed=4)
    assert all(np.array_equal(x, y) for x, y in zip(a.images, b.images))
    assert not all(x.shape == y.shape and np.array_equal(x, y) for x, y in zip(a.images, c.images))
    for im, z in zip(a.images, a.labels):
        assert im.shape[0] == 8 and 3 <= len(z) <= 6
        assert im.min() >= 0 and im.max() <= 1
        assert im.shape[1] >= 8 * len(z) - 2 * (len(z) - 1)


def test_strip_is_made_of_its_labelled_digits():
    """With no gap and no margin a strip is exactly its digits side by side."""
    s = digit_strips(5, "validation", gap=(0, 0), margin=(0, 0), min_digits=2, max_digits=2, seed=0)
    pool_x, pool_y = digit_pool("validation")
    for im, z in zip(s.images, s.labels):
        assert im.shape == (8, 16)
        for k in range(2):
            block = im[:, 8 * k : 8 * (k + 1)]
            match = [i for i in range(len(pool_x)) if np.array_equal(pool_x[i], block)]
            assert match and pool_y[match[0]] == z[k]


def test_collate_is_time_major():
    s = digit_strips(4, "train", seed=1)
    x, widths, targets, lengths = collate_strips(s)
    assert x.shape == (widths.max(), 4, 8) and x.dtype == np.float32
    for b in range(4):
        np.testing.assert_array_equal(x[: widths[b], b].T, s.images[b])
        assert (x[widths[b] :, b] == 0).all()
        np.testing.assert_array_equal(targets[b, : lengths[b]], s.labels[b])
        assert (targets[b, lengths[b] :] == -1).all()


def test_batches_repeat_with_the_seed():
    g1, g2 = strip_batches(3, seed=5), strip_batches(3, seed=5)
    for _ in range(3):
        a, b = next(g1), next(g2)
        assert all(isinstance(t, torch.Tensor) for t in a)
        assert a[0].dtype == torch.float32 and a[2].dtype == torch.int64
        assert torch.equal(a[0], b[0]) and torch.equal(a[2], b[2])


def test_bad_arguments():
    with pytest.raises(ValueError, match="split must be one of"):
        digit_strips(2, "dev")
    with pytest.raises(ValueError, match="min_digits <= max_digits"):
        digit_strips(2, min_digits=4, max_digits=3)
    with pytest.raises(ValueError, match="gap must be"):
        digit_strips(2, gap=(3, 1))
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        digit_strips(0)
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        next(strip_batches(0))


def test_jitter_shifts_digits_by_at_most_one_row():
    s = digit_strips(20, "validation", gap=(0, 0), margin=(0, 0), min_digits=1, max_digits=1,
                     jitter=1, seed=0)
    pool_x, pool_y = digit_pool("validation")
    shifted = 0
    for im, z in zip(s.images, s.labels):
        candidates = [i for i in range(len(pool_x)) if pool_y[i] == z[0]]
        found = None
        for i in candidates:
            for dy in (-1, 0, 1):
                d = np.zeros_like(pool_x[i])
                d[max(dy, 0): 8 + min(dy, 0)] = pool_x[i][max(-dy, 0): 8 - max(dy, 0)]
                if np.array_equal(d, im):
                    found = dy
                    break
            if found is not None:
                break
        assert found is not None
        shifted += found != 0
    assert shifted > 0
    with pytest.raises(ValueError, match=r"jitter must be an integer in \[0, 3\]"):
        digit_strips(2, jitter=5)


def test_bounds_cover_exactly_the_ink_of_each_digit():
    s = digit_strips(30, "test", seed=2)
    for im, z, bounds in zip(s.images, s.labels, s.bounds):
        assert bounds.shape == (len(z), 2)
        assert (bounds[:, 0] < bounds[:, 1]).all() and (np.diff(bounds[:, 0]) > 0).all()
        assert bounds.min() >= 0 and bounds.max() <= im.shape[1]
        inked = im.max(axis=0) > 0                          # (W,)
        covered = np.zeros_like(inked)
        for start, end in bounds:
            covered[start:end] = True
            assert inked[start] and inked[end - 1]          # first and last columns carry ink
        assert not (inked & ~covered).any()                 # no ink outside the digits


def test_strips_built_by_hand_have_no_bounds():
    a = digit_strips(5, seed=7)
    assert DigitStrips(a.images, a.labels).bounds is None
    assert len(DigitStrips(a.images, a.labels)) == 5


def test_lexicon_strips_spell_words_of_the_lexicon():
    lexicon = digit_lexicon(10, 4, 6, seed=1)
    assert len({tuple(w) for w in lexicon}) == 10
    assert all(4 <= len(w) <= 6 and w.min() >= 0 and w.max() <= 9 for w in lexicon)
    s = digit_strips(25, "validation", lexicon=lexicon, seed=0)
    words = {tuple(w) for w in lexicon}
    assert all(tuple(z) in words for z in s.labels)
    with pytest.raises(ValueError, match="lexicon must be a non-empty list"):
        digit_strips(2, lexicon=[[1, 12]])
    with pytest.raises(ValueError, match="n must not exceed the 10 strings"):
        digit_lexicon(11, 1, 1)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        digit_lexicon(0)


def test_collate_needs_strips():
    with pytest.raises(TypeError, match="strips must be a .*DigitStrips; got list"):
        collate_strips([])
