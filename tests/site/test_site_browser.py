"""The handbook in a real headless Chromium: pages load cleanly and pass axe-core.

Debian's `chromium` and axe-core (from the npm registry) are needed. `.ci/run`
installs both, and in CI (`CI` set) a missing one fails these tests; on a
developer's machine they are skipped with a message saying what to install.
Set GOVDSL_CHROMIUM to use another Chromium, or GOVDSL_AXE to name axe.min.js.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from site_browser import Browser, find_chromium
from site_helpers import AS_OF, HANDBOOK, HOSTILE, REPO, compile_fixture

from govdsl import load
from govdsl.site import build_site

IN_CI = bool(os.environ.get("CI"))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_RUN = """
axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); })};
  });
})
""" % json.dumps(AXE_TAGS)
BLOCKING = ("serious", "critical")


def _missing(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (.ci/run installs it, so in CI this is an error)")
    pytest.skip(reason)


def _axe_path() -> Path | None:
    explicit = os.environ.get("GOVDSL_AXE")
    candidates = [Path(explicit)] if explicit else []
    candidates += [REPO / ".ci" / "node_modules" / "axe-core" / "axe.min.js", REPO / "node_modules" / "axe-core" / "axe.min.js"]
    return next((c for c in candidates if c.is_file()), None)


@pytest.fixture(scope="module")
def axe() -> str:
    path = _axe_path()
    if path is None and shutil.which("npm") and not os.environ.get("GOVDSL_AXE"):
        subprocess.run(
            ["npm", "install", "--prefix", str(REPO / ".ci"), "--no-audit", "--no-fund", "--silent", "axe-core@4"],
            capture_output=True,
            timeout=300,
            check=False,
        )
        path = _axe_path()
    if path is None:
        _missing("axe-core is not installed and npm could not install it: run `npm install --prefix .ci axe-core`")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = find_chromium()
    if executable is None:
        _missing("no Chromium found: install Debian's chromium (`apt-get install chromium`) to run the browser tests")
    instance = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    yield instance
    instance.close()


@pytest.fixture
def tab(browser):
    page = browser.tab()
    yield page
    browser.call("Target.closeTarget", {"targetId": page.target})


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass


@contextmanager
def serve(folder: Path):
    """The folder over HTTP on 127.0.0.1, on a free port, for as long as the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _sample(folder: Path) -> set[str]:
    """The pages axe checks in a large site: the top-level pages, and in each folder the
    first two and the largest (every page comes from the same few templates)."""
    chosen = {p.name for p in folder.glob("*.html")}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        pages = sorted(sub.glob("*.html"))
        largest = sorted(pages, key=lambda p: (-p.stat().st_size, p.name))[:1]
        chosen |= {p.relative_to(folder).as_posix() for p in pages[:2] + largest}
    return chosen


def _check_every_page(tab, folder: Path, axe_source: str, report_file: Path, sample: bool = False) -> dict[str, list]:
    """Load each page: no console errors, no failed loads, no dialogs; axe finds nothing serious.

    axe runs on every page, or with `sample` on the pages `_sample` picks.
    """
    report: dict[str, list] = {}
    errors: dict[str, list] = {}
    audited = _sample(folder) if sample else None
    with serve(folder) as base:
        for page in sorted(folder.rglob("*.html")):
            path = page.relative_to(folder).as_posix()
            tab.goto(base + path)
            if tab.errors():
                errors[path] = tab.errors()
            if audited is None or path in audited:
                tab.evaluate(axe_source)
                report[path] = tab.evaluate(AXE_RUN, await_promise=True)
    report_file.write_text(json.dumps(report, indent=1, sort_keys=True), encoding="utf-8")
    assert errors == {}, json.dumps(errors, indent=1)
    serious = {p: [v for v in found if v["impact"] in BLOCKING] for p, found in report.items()}
    serious = {p: found for p, found in serious.items() if found}
    assert serious == {}, json.dumps(serious, indent=1)
    return report


def _summary(report: dict[str, list]) -> str:
    counts: dict[str, int] = {}
    for found in report.values():
        for v in found:
            counts[f"{v['id']} ({v['impact']})"] = counts.get(f"{v['id']} ({v['impact']})", 0) + 1
    return f"axe-core on {len(report)} pages: " + (", ".join(f"{k}: {n}" for k, n in sorted(counts.items())) or "no violations")


@pytest.mark.parametrize("public", [False, True], ids=["working", "public"])
def test_handbook_pages_load_cleanly_and_pass_axe(tab, axe, tmp_path, public):
    folder = tmp_path / "handbook"
    build_site(compile_fixture(HANDBOOK), folder, public=public, as_of=AS_OF)
    report = _check_every_page(tab, folder, axe, tmp_path / "axe.json")
    print(_summary(report))
    with serve(folder) as base:
        tab.viewport(1280)
        tab.goto(base + "index.html")
        shot = tab.screenshot(tmp_path / "index.png")
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000


def test_hostile_names_run_nothing_in_the_browser(tab, axe, tmp_path):
    folder = tmp_path / "hostile"
    build_site(compile_fixture(HOSTILE), folder, as_of=AS_OF)
    _check_every_page(tab, folder, axe, tmp_path / "axe.json")  # a dialog from alert() would be an error
    with serve(folder) as base:
        for path in ("index.html", "people/mallory.html", "forums/b.html"):
            tab.goto(base + path)
            assert tab.evaluate("document.querySelectorAll('img, iframe, [onerror], [onclick], [onload]').length") == 0
            assert tab.evaluate("document.scripts.length") == (2 if path == "index.html" else 0)


def test_keyboard_skip_link_and_visible_focus(tab, tmp_path):
    folder = tmp_path / "handbook"
    build_site(compile_fixture(HANDBOOK), folder, as_of=AS_OF)
    with serve(folder) as base:
        tab.goto(base + "forums/icb_board.html")
        tab.press("Tab", "Tab", 9)
        assert tab.evaluate("document.activeElement.className") == "skip-link"
        focused = tab.evaluate("getComputedStyle(document.activeElement).backgroundColor")
        assert focused == "rgb(255, 235, 59)"  # the yellow focus style
        assert tab.evaluate("document.activeElement.getBoundingClientRect().left") >= 0  # on screen when focused
        tab.press("Enter", "Enter", 13)
        assert tab.evaluate("document.activeElement.id") == "main"


def test_search_finds_pages_offline(tab, tmp_path):
    folder = tmp_path / "handbook"
    build_site(compile_fixture(HANDBOOK), folder, as_of=AS_OF)
    tab.goto((folder / "index.html").as_uri())  # straight from the disk, as someone offline would
    assert tab.errors() == []
    assert tab.evaluate("document.getElementById('search').hidden") is False
    tab.evaluate(
        "var i = document.getElementById('search-input'); i.value = 'audit risk'; i.dispatchEvent(new Event('input'))"
    )
    links = tab.evaluate("Array.from(document.querySelectorAll('#search-results a')).map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [["Audit and Risk Committee", "forums/audit.html"]]
    assert tab.evaluate("document.getElementById('search-status').textContent") == "1 match."
    tab.goto((folder / "forums" / "audit.html").as_uri())
    assert tab.errors() == []


def test_pages_fit_a_phone_screen(tab, tmp_path):
    folder = tmp_path / "handbook"
    build_site(compile_fixture(HANDBOOK), folder, as_of=AS_OF)
    with serve(folder) as base:
        tab.viewport(360, 740)
        try:
            for path in ("index.html", "forums/icb_board.html", "people/karen_blythe.html", "scheme-of-delegation.html"):
                tab.goto(base + path)
                overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
        finally:
            tab.viewport(1280)


def _examples() -> list[Path]:
    folder = REPO / "examples"
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.is_dir() and p.name not in ("broken", "shared") and any(p.rglob("*.gov"))
    )


@pytest.mark.parametrize("example", _examples(), ids=lambda p: p.name)
def test_example_handbooks_load_cleanly_and_pass_axe(tab, axe, tmp_path, example):
    compilation = load([example], allow_outside_root=True)  # the examples share ../shared/national.gov
    if compilation.errors:  # the examples' own tests report these; a handbook needs a clean model
        pytest.skip(f"examples/{example.name} has language errors, so it has no handbook")
    folder = tmp_path / example.name
    build_site(compilation, folder, public=True, as_of=AS_OF)
    report = _check_every_page(tab, folder, axe, tmp_path / "axe.json", sample=True)
    print(example.name, _summary(report))
    with serve(folder) as base:
        tab.goto(base + "index.html")
        assert tab.screenshot(tmp_path / "index.png").startswith(b"\x89PNG")
