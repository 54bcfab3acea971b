"""Checks of the PDF edition, read back with ``pdftotext`` (Debian's poppler-utils).

They need ``_build/latex/book.pdf`` (the README's PDF command writes it) and skip, saying
so, where it is missing; `.ci/run` builds the PDF and runs them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "_build" / "latex" / "book.pdf"
LOG = ROOT / "_build" / "latex" / "book.log"

pytestmark = pytest.mark.skipif(
    not PDF.is_file(), reason="no _build/latex/book.pdf: run the README's PDF command first"
)


def _pdftotext(*args: str) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(PDF), "-"],
                         check=True, capture_output=True, text=True)
    return out.stdout


@pytest.fixture(scope="module")
def text() -> str:
    return _pdftotext("-layout")


def _chapter_titles() -> list:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    titles = []
    for part in toc["parts"]:
        if not part.get("numbered"):
            continue
        for chapter in part["chapters"]:
            path = ROOT / (chapter["file"] + ".ipynb")
            first = next(c for c in __import__("json").loads(path.read_text())["cells"]
                         if c["cell_type"] == "markdown")
            title = next(line for line in "".join(first["source"]).splitlines()
                         if line.startswith("# "))[2:].strip()
            titles.append(title)
    return titles


def test_latex_reported_no_errors():
    log = LOG.read_text(errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("! ")]
    assert not errors, f"LaTeX errors: {errors[:5]}"


def test_every_chapter_title_is_in_the_pdf(text):
    flat = " ".join(text.split())
    missing = [t for t in _chapter_titles() if " ".join(t.split()) not in flat]
    assert not missing, f"chapters missing from the PDF: {missing}"


def test_no_unresolved_references_or_raw_markup(text):
    assert "??" not in text, "unresolved cross-references (??) in the PDF"
    # The API reference at the end quotes MyST syntax in docstrings on purpose: cut the
    # text at its chapter opening (its title in capitals), or at its first running header
    api = re.search(r"^\s*THE RNNBOOK API\s*$", text, re.M) or re.search(r"Chapter \d+\. The rnnbook API", text)
    chapters = text[: api.start()] if api else text
    for raw in ("{glue:", "{numref}", "{cite:", "{eq}", "```", "<div", "$$"):
        assert raw not in chapters, f"raw markup {raw!r} in the PDF's chapters"


def test_the_pdf_is_a_whole_book(text):
    pages = text.count("\f") + 1
    assert pages >= 100, f"only {pages} pages"
    # numbered equations and figures of every chapter made it through
    figures = set(re.findall(r"Fig(?:\.|ure) (\d+)\.\d+", text))
    assert len(figures) >= 10, f"figures found only in chapters {sorted(figures)}"
    equations = set(re.findall(r"\((\d+)\.\d+\)", text))
    assert len(equations) >= 10, f"numbered equations found only in chapters {sorted(equations)}"
    assert "Bibliography" in text
