"""Sphinx additions of the book (loaded through ``sphinx.local_extensions`` in _config.yml).

- Bibliography labels in author-year form ("Cho et al., 2014"), to match the author-year
  citations in the text, instead of pybtex's numbers.
- Clean pages: each script is included once (sphinx-thebe's configuration script is
  registered twice by the Jupyter Book build, which makes the browser report a
  redeclared constant on every page), and the colour mode has a valid default (light), so
  that pydata-sphinx-theme does not log an error on a reader's first visit.
- Alternative text for figures: an image inside a captioned figure whose ``alt`` is empty
  or only its file name (what myst-nb gives the figures that code cells draw) gets the
  caption's text, which says what the figure shows.
"""

from __future__ import annotations

import re
from collections import Counter

from docutils import nodes
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


def _last_name(person) -> str:
    parts = person.prelast_names + person.last_names
    text = " ".join(str(p) for p in parts)
    return re.sub(r"[{}]", "", text)


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels "Last, year", "Last and Other, year" or "Last et al., year"; a, b, ... on clashes."""

    def format_labels(self, sorted_entries):
        labels = [self._label(entry) for entry in sorted_entries]
        counts = Counter(labels)
        seen: Counter = Counter()
        for label in labels:
            if counts[label] > 1:
                suffix = "abcdefghijklmnopqrstuvwxyz"[seen[label]]
                seen[label] += 1
                yield label + suffix
            else:
                yield label

    @staticmethod
    def _label(entry) -> str:
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        year = entry.fields.get("year", "n.d.")
        if not persons:
            key = entry.fields.get("key") or entry.fields.get("organization") or entry.key
            return f"{key}, {year}"
        names = [_last_name(p) for p in persons]
        if len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        return f"{who}, {year}"


class AuthorYearStyle(PlainStyle):
    """pybtex's plain style with author-year labels."""

    default_label_style = "rnnbook_authoryear"


register_plugin("pybtex.style.labels", "rnnbook_authoryear", AuthorYearLabelStyle)
register_plugin("pybtex.style.formatting", "rnnbook_authoryear", AuthorYearStyle)

_FILE_NAME = re.compile(r"(^|/)[\w.-]+\.(png|jpe?g|svg|gif|pdf)$", re.IGNORECASE)


class FigureAltText(SphinxPostTransform):
    """Give every image in a captioned figure an ``alt`` that describes it."""

    default_priority = 900

    def run(self, **kwargs) -> None:
        for figure in self.document.findall(nodes.figure):
            captions = list(figure.findall(nodes.caption))
            if not captions:
                continue
            text = " ".join(captions[0].astext().split())
            for image in figure.findall(nodes.image):
                alt = image.get("alt", "")
                if not alt or _FILE_NAME.search(alt) or alt == image.get("uri"):
                    image["alt"] = text


def _script_key(script) -> tuple:
    # An inline script is registered with filename None by some extensions and '' by
    # others: both mean "no file".
    attributes = getattr(script, "attributes", None) or {}
    filename = getattr(script, "filename", script) or ""
    return (str(filename), tuple(sorted(attributes.items())))


def clean_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop repeated scripts from a page and give the theme a valid default colour mode."""
    scripts = context.get("script_files")
    if scripts:
        seen, unique = set(), []
        for script in scripts:
            key = _script_key(script)
            if key not in seen:
                seen.add(key)
                unique.append(script)
        context["script_files"] = unique
    if not context.get("default_mode"):
        context["default_mode"] = "light"


def setup(app: Sphinx) -> dict:
    app.add_post_transform(FigureAltText)
    app.connect("html-page-context", clean_page_context, priority=1000)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
