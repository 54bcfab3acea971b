"""The book's own rules, checked: notebooks are stored clean and every page is in the TOC."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"


def notebooks() -> list:
    return sorted(
        p for p in BOOK.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts and "_build" not in p.parts
    )


def toc_files() -> list:
    """Every ``file:`` (and the ``root``) of ``_toc.yml``, as paths without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return [str(Path(f).with_suffix("")) for f in found]


def stored_outputs(path: Path) -> list:
    cells = json.loads(path.read_text())["cells"]
    return [
        k
        for k, cell in enumerate(cells)
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def test_there_are_notebooks():
    assert notebooks(), "book/ holds no notebook"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    dirty = stored_outputs(path)
    assert not dirty, f"{path.name}: cells {dirty} are stored with outputs or execution counts"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_notebook_is_in_the_toc(path):
    rel = str(path.relative_to(ROOT).with_suffix(""))
    assert rel in toc_files(), f"{rel} is under book/ but missing from _toc.yml"


def test_every_toc_entry_exists():
    for entry in toc_files():
        candidates = [ROOT / (entry + suffix) for suffix in (".md", ".ipynb")]
        assert any(c.exists() for c in candidates), f"_toc.yml lists {entry}, which does not exist"


def test_the_checks_catch_a_bad_notebook(tmp_path):
    """The output check is not vacuous: a notebook with an output is reported."""
    nb = {
        "cells": [
            {"cell_type": "code", "source": "1", "metadata": {}, "execution_count": 1,
             "outputs": [{"output_type": "execute_result", "data": {"text/plain": "1"},
                          "metadata": {}, "execution_count": 1}]}
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }
    path = tmp_path / "dirty.ipynb"
    path.write_text(json.dumps(nb))
    assert stored_outputs(path) == [0]


def readme_command(marker: str) -> str:
    text = (ROOT / "README.md").read_text()
    match = re.search(rf"<!-- {marker} -->\s*```(?:bash|sh)?\n(.+?)\n```", text, re.S)
    assert match, f"README.md has no command marked <!-- {marker} -->"
    return match.group(1).strip()


def test_readme_commands_install_and_run():
    build = readme_command("build-command")
    test = readme_command("test-command")
    assert "pip install -r requirements.txt" in build and "jupyter-book build" in build
    assert "pip install -r requirements.txt" in test and "pytest" in test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "test-command" in ci, ".ci/run must run the README's test command"
    assert "-W -n --keep-going" in ci


def test_requirements_are_pinned():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-e"):
            continue
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line), f"not pinned exactly: {line}"


def _pins(path: Path) -> dict:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.lower()] = version
    return pins


def test_binder_pins_agree_with_requirements():
    binder = _pins(ROOT / "binder" / "requirements.txt")
    book = _pins(ROOT / "requirements.txt")
    assert binder, "binder/requirements.txt pins nothing"
    for name, version in binder.items():
        assert book.get(name) == version, f"binder pins {name}=={version}, requirements.txt {book.get(name)}"
    # repo2docker brings its own notebook server: pinning one here breaks the Binder image
    assert not {"jupyterlab", "notebook", "jupyter-book"} & set(binder)


def test_every_chapter_can_install_itself_on_colab():
    """The first code cell installs rnnbook when the notebook runs on Colab."""
    chapters = [p for p in notebooks() if re.match(r"\d\d_", p.name)]
    assert chapters
    for path in chapters:
        cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
        first = "".join(cells[0]["source"])
        assert "google.colab" in first and "rnnbook" in first, f"{path.name}: no Colab set-up cell first"
