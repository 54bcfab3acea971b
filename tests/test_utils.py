"""Tests for rnnbook.utils: seeds, devices, showing source and numbers."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from rnnbook.utils import as_rng, get_device, set_seed, show_source


def test_as_rng_from_int_repeats():
    assert as_rng(3).integers(0, 1000, 5).tolist() == as_rng(3).integers(0, 1000, 5).tolist()


def test_as_rng_passes_a_generator_through():
    rng = np.random.default_rng(0)
    assert as_rng(rng) is rng


@pytest.mark.parametrize("bad", [1.5, "7", True])
def test_as_rng_rejects_other_types(bad):
    with pytest.raises(TypeError, match="seed must be an int"):
        as_rng(bad)


def test_as_rng_rejects_negative_seed():
    with pytest.raises(ValueError, match="non-negative"):
        as_rng(-1)


def test_set_seed_seeds_python_numpy_and_torch():
    set_seed(5)
    first = (random.random(), np.random.rand(), torch.rand(1).item())
    set_seed(5)
    assert (random.random(), np.random.rand(), torch.rand(1).item()) == first


def test_set_seed_rejects_bad_seed():
    with pytest.raises(ValueError, match="non-negative integer"):
        set_seed(-3)


def test_get_device_defaults_to_an_available_device():
    device = get_device()
    assert device.type == ("cuda" if torch.cuda.is_available() else "cpu")
    assert get_device("cpu") == torch.device("cpu")


def test_show_source_shows_the_code():
    code = show_source(as_rng)
    assert "def as_rng" in code.data
    with pytest.raises(TypeError, match="cannot show the source"):
        show_source(len)


def test_sci_typesets_powers_of_ten():
    from rnnbook.utils import sci

    assert sci(3.24e-5).data == r"$3.2 \times 10^{-5}$"
    assert sci(3.24e-5, 0).data == r"$3 \times 10^{-5}$"
    assert sci(1.2e-16, 0).data == r"$10^{-16}$"
    assert sci(-1e4, 0).data == r"$-10^{4}$"
    assert sci(2.5).data == "$2.5$"
    assert sci(0.0).data == "$0$"


@pytest.mark.parametrize("bad, exc, match", [
    ("1e-3", TypeError, "value must be a real number; got str"),
    (True, TypeError, "value must be a real number; got bool"),
    (float("nan"), ValueError, "value must be finite"),
])
def test_sci_rejects_bad_values(bad, exc, match):
    from rnnbook.utils import sci

    with pytest.raises(exc, match=match):
        sci(bad)


def test_sci_rejects_bad_digits():
    from rnnbook.utils import sci

    with pytest.raises(ValueError, match="digits must be an integer >= 0; got -1"):
        sci(1.0, -1)


def test_show_source_offers_html_and_a_markdown_code_block():
    bundle = show_source(as_rng)._repr_mimebundle_()
    assert "def as_rng" in bundle["text/plain"]
    assert bundle["text/markdown"].startswith("```python\ndef as_rng")
    assert bundle["text/markdown"].rstrip().endswith("```")
    assert "<pre" in bundle["text/html"] and "as_rng" in bundle["text/html"]
    assert "text/latex" not in bundle  # a LaTeX verbatim inside math breaks the PDF


def test_markdown_table_lays_out_index_columns_and_numbers():
    import pandas as pd

    from rnnbook.utils import markdown_table

    frame = pd.DataFrame({"score": [1.234, float("nan")], "n|m": [12345, 2]},
                         index=pd.MultiIndex.from_tuples([("a", "x"), ("b", "y")], names=["cell", "feed"]))
    text = markdown_table(frame, digits=1).data
    assert text.splitlines() == [
        r"| cell | feed | score | n\|m |",
        "| --- | --- | --- | --- |",
        "| a | x | 1.2 | 12,345 |",
        "| b | y | – | 2 |",
    ]


def test_markdown_table_rejects_what_is_not_a_frame():
    from rnnbook.utils import markdown_table

    with pytest.raises(TypeError, match="frame must be a pandas DataFrame; got list"):
        markdown_table([[1, 2]])
    import pandas as pd
    with pytest.raises(ValueError, match="digits must be an integer >= 0; got -2"):
        markdown_table(pd.DataFrame({"a": [1.0]}), digits=-2)
