"""Checks of the rendered HTML book, as a reader's browser sees it.

They need the built book (the README's build command writes ``_build/html``) and skip,
saying so, where it is missing; `.ci/run` runs them after the build. The static checks
read the HTML files; the browser checks open every page in headless Chromium (Debian's
``chromium`` and ``chromium-driver`` packages, driven by Selenium) with the network
unreachable, and skip with a clear message where there is no Chromium.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SKIP_DIRS = {"_static", "_sources", "_images", "_sphinx_design_static", "_panels_static"}


def _pages() -> list:
    if not (HTML / "index.html").is_file():
        return []
    return sorted(
        p for p in HTML.rglob("*.html")
        if not SKIP_DIRS.intersection(p.relative_to(HTML).parts)
    )


PAGES = _pages()
needs_build = pytest.mark.skipif(
    not PAGES, reason="no built book in _build/html: run the README's build command first"
)


class _Page(HTMLParser):
    """Collects what the checks need from one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set = set()
        self.links: list = []
        self.images: list = []
        self.stderr_blocks = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img":
            self.images.append(a)
        classes = (a.get("class") or "").split()
        if "stderr" in classes or "output_stderr" in classes:
            self.stderr_blocks += 1


_parsed: dict = {}


def _parse(path: Path) -> _Page:
    if path not in _parsed:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        _parsed[path] = page
    return _parsed[path]


def _name(path: Path) -> str:
    return str(path.relative_to(HTML))


@needs_build
@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_no_stderr_in_page(page):
    assert _parse(page).stderr_blocks == 0, f"{_name(page)} shows stderr output"


@needs_build
@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_internal_links_resolve(page):
    broken = []
    for href in _parse(page).links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
            continue
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            # The PDF edition is copied beside the HTML only where it was built (.ci/run)
            if target.suffix == ".pdf" and not (ROOT / "_build" / "latex" / target.name).is_file():
                continue
            broken.append(href)
            continue
        if parts.fragment and target.suffix == ".html":
            if unquote(parts.fragment) not in _parse(target).ids:
                broken.append(href)
    assert not broken, f"{_name(page)}: broken internal links {broken}"


_FILE_NAME = re.compile(r"(^|/)[\w.-]+\.(png|jpe?g|svg|gif)$", re.IGNORECASE)


@needs_build
@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_every_figure_has_alt_text(page):
    bad = [
        img.get("src") for img in _parse(page).images
        if "_images/" in (img.get("src") or "")
        and (not (img.get("alt") or "").strip() or _FILE_NAME.search(img.get("alt") or ""))
    ]
    assert not bad, f"{_name(page)}: images without a descriptive alt text: {bad}"


# Browser checks ---------------------------------------------------------------------

def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    binary, driver = _chromium(), shutil.which("chromedriver")
    if not binary or not driver:
        pytest.skip("no Chromium here (apt-get install chromium chromium-driver); "
                    "browser checks of the rendered book skipped")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--allow-file-access-from-files",
                # The network is unreachable: any request for something outside the book fails.
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=driver)
    drv = webdriver.Chrome(options=options, service=service)
    drv.set_script_timeout(60)
    yield drv
    drv.quit()


_TYPESET = """
const done = arguments[arguments.length - 1];
const report = () => {
  const maths = Array.from(document.querySelectorAll('.math'));
  const raw = maths.filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 60));
  done({n: maths.length, raw: raw, mathjax: typeof window.MathJax !== 'undefined'});
};
if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
  MathJax.startup.promise.then(report, report);
} else if (document.querySelector('.math')) {
  setTimeout(report, 3000);
} else {
  report();
}
"""


@needs_build
@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_page_in_browser_offline(browser, page):
    browser.get(page.as_uri())
    result = browser.execute_async_script(_TYPESET)
    assert not result["raw"], (
        f"{_name(page)}: {len(result['raw'])} of {result['n']} formulas left as raw TeX "
        f"(MathJax loaded: {result['mathjax']}), e.g. {result['raw'][:3]}"
    )
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, f"{_name(page)}: console errors {errors}"
