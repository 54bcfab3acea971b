"""Small helpers shared by the whole package: randomness, devices, showing code and numbers.

The input checks live in :mod:`rnnbook.validation`; the four most used are re-exported here.

Randomness always comes in through an argument (``seed`` or ``rng``) and is normalised by
:func:`as_rng`; nothing in ``rnnbook`` reads or sets hidden global state, except
:func:`set_seed`, which exists to seed the global generators of NumPy, Python and PyTorch
in one call at the top of a notebook.
"""

from __future__ import annotations

import inspect
import random
import textwrap
from typing import Any, Optional, Union

import numpy as np

# the four most used input checks, importable from here as before (documented in rnnbook.validation)
from .validation import check_array, check_dtype, check_positive_float, check_positive_int  # noqa: F401

__all__ = [
    "SeedLike",
    "as_rng",
    "set_seed",
    "get_device",
    "show_source",
    "SourceCode",
    "sci",
    "markdown_table",
]

SeedLike = Union[int, np.random.Generator, None]


def as_rng(seed: SeedLike = None) -> np.random.Generator:
    """Return a NumPy ``Generator`` from a seed, an existing generator or ``None``.

    Parameters
    ----------
    seed : int, numpy.random.Generator or None
        An integer seeds a new PCG64 generator; a generator is returned unchanged (so
        that callers can share one stream); ``None`` gives a generator seeded from the
        operating system (not reproducible; the book always passes a seed).
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool)):
        if seed is not None and seed < 0:
            raise ValueError(f"seed must be a non-negative integer; got {seed}")
        return np.random.default_rng(seed)
    raise TypeError(
        f"seed must be an int, a numpy.random.Generator or None; got {type(seed).__name__}"
    )


def set_seed(seed: int) -> None:
    """Seed Python's ``random``, NumPy's global generator and PyTorch (CPU and CUDA)."""
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer; got {seed!r}")
    random.seed(int(seed))
    np.random.seed(int(seed) % 2**32)
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a dependency
        return
    torch.manual_seed(int(seed))


def get_device(device: Any = None) -> "Any":
    """Return ``device`` as a ``torch.device``; ``None`` picks CUDA when present, else CPU."""
    import torch

    if device is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


class SourceCode:
    """Source code that displays itself highlighted: HTML in Jupyter and the web book, a
    fenced Markdown code block where HTML cannot go (the book's PDF edition)."""

    def __init__(self, source: str, language: str = "python") -> None:
        self.data = source
        self.language = language

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        from IPython.display import Code

        fenced = f"```{self.language}\n{self.data.rstrip()}\n```\n"
        return {
            "text/html": Code(self.data, language=self.language)._repr_html_(),
            "text/markdown": fenced,
            "text/plain": self.data,
        }


def show_source(obj: Any) -> SourceCode:
    """Display the source code of a function, class or method of ``rnnbook``.

    The chapters teach from the package's own code; this shows it (syntax-highlighted in
    Jupyter, in the rendered book and in its PDF edition) so that nothing is pasted twice.
    It needs IPython, which Jupyter brings.
    """
    try:
        source = inspect.getsource(obj)
    except (TypeError, OSError) as exc:
        raise TypeError(f"cannot show the source of {obj!r}: {exc}") from exc
    return SourceCode(textwrap.dedent(source))


def sci(value: Any, digits: int = 1) -> Any:
    """Return ``value`` in scientific notation as inline math, for gluing into prose.

    ``sci(3.2e-5)`` is ``$3.2 \\times 10^{-5}$`` (rendered 3.2 x 10^-5), where Python's own
    format would print ``3.2e-05``. The result is an IPython ``Markdown`` object: glue it
    with ``glue(name, sci(x), display=False)`` and paste it with ``{glue:md}`name:myst```.

    Parameters
    ----------
    value : float
        A finite number.
    digits : int
        Digits after the decimal point of the mantissa (0 gives ``$3 \\times 10^{-5}$``).
    """
    from IPython.display import Markdown

    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"value must be a real number; got {type(value).__name__}")
    digits = check_positive_int("digits", digits, minimum=0)
    if not np.isfinite(value):
        raise ValueError(f"value must be finite; got {value!r}")
    if value == 0:
        return Markdown("$0$")
    mantissa, exponent = f"{float(value):.{digits}e}".split("e")
    exponent = int(exponent)
    if exponent == 0:
        return Markdown(f"${mantissa}$")
    if digits == 0 and mantissa in ("1", "-1"):
        return Markdown(f"${mantissa[:-1]}10^{{{exponent}}}$")
    return Markdown(f"${mantissa} \\times 10^{{{exponent}}}$")


def markdown_table(frame: Any, digits: Optional[int] = None) -> Any:
    """Return a pandas ``DataFrame`` as a Markdown table, for a numbered, captioned table.

    Glue the result, ``glue(name, markdown_table(df, digits=1), display=False)``, and paste
    it inside a ``{table}`` directive with ``{glue:md}`` (format ``myst``): the book then
    numbers and captions it like any other table. The index becomes the first column(s),
    a MultiIndex one column per level; MultiIndex column names are joined with commas
    ("test accuracy, mean"); NaN shows as a dash.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    digits : int, optional
        Digits after the decimal point for floating-point cells (thousands separated);
        ``None`` prints them as they are.
    """
    from IPython.display import Markdown

    if not all(hasattr(frame, a) for a in ("columns", "index", "itertuples")):
        raise TypeError(f"frame must be a pandas DataFrame; got {type(frame).__name__}")
    if digits is not None:
        digits = check_positive_int("digits", digits, minimum=0)

    def cell(value: Any) -> str:
        if isinstance(value, (float, np.floating)):
            if np.isnan(value):
                return "–"
            return f"{value:,.{digits}f}" if digits is not None else str(value)
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            return f"{int(value):,}" if abs(int(value)) >= 10_000 else str(int(value))
        return str(value).replace("|", "\\|")

    index_names = [n if n is not None else "" for n in frame.index.names]
    columns = [", ".join(map(str, c)) if isinstance(c, tuple) else c for c in frame.columns]
    header = [str(h).replace("|", "\\|") for h in index_names + columns]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for key, *values in frame.itertuples(index=True, name=None):
        keys = list(key) if isinstance(key, tuple) else [key]
        lines.append("| " + " | ".join(cell(v) for v in keys + values) + " |")
    return Markdown("\n".join(lines) + "\n")
