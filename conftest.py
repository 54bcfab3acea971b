"""pytest configuration shared by the unit tests and the notebook runs (nbval).

nbval turns every cell of a notebook into its own test item, so ``--durations`` lists
cells. The summary below adds one line per chapter: the total time its cells took, which
is what the book's 90-second budget per chapter is about.
"""

from __future__ import annotations

import os
from collections import defaultdict

# Notebooks and tests draw figures without a screen.
os.environ.setdefault("MPLBACKEND", "Agg")

_notebook_seconds: dict = defaultdict(float)


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        _notebook_seconds[path] += report.duration


def pytest_terminal_summary(terminalreporter):
    if not _notebook_seconds:
        return
    terminalreporter.section("seconds per notebook (budget: 90 s each, 900 s in all)")
    for path, seconds in sorted(_notebook_seconds.items()):
        flag = "  OVER BUDGET" if seconds > 90 else ""
        terminalreporter.write_line(f"{seconds:7.1f} s  {path}{flag}")
    total = sum(_notebook_seconds.values())
    terminalreporter.write_line(f"{total:7.1f} s  all notebooks")
