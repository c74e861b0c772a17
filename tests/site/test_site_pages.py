"""The handbook (`govdsl site`): pages, links, publication version, inert names, determinism, writing."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from site_helpers import AS_OF, HANDBOOK, HOSTILE, compile_fixture, read_page

from govdsl import load, load_text
from govdsl.model.public import publishable
from govdsl.site import MARKER, SiteError, build_site, render_site, write_tree
from govdsl.site.pages import slug
from govdsl.site.svg import UnsafeSvg, inline_svg


@functools.cache
def site(path: Path = HANDBOOK, public: bool = False) -> dict[str, bytes]:
    return render_site(compile_fixture(path), public=public, as_of=AS_OF)


def pages(files: dict[str, bytes]):
    return {path: read_page(data) for path, data in files.items() if path.endswith(".html")}


def test_the_fixtures_have_no_language_errors():
    assert compile_fixture(HANDBOOK).errors == ()
    assert compile_fixture(HOSTILE).errors == ()


# -- what is there -------------------------------------------------------------------------------------
def test_a_page_for_every_organisation_forum_and_person():
    model = compile_fixture().model
    files = site()
    for folder, group in (("organisations", model.organisations), ("forums", model.forums), ("people", model.people)):
        for entity in group:
            assert f"{folder}/{slug(entity.id)}.html" in files, entity.id
    for path in ("index.html", "scheme-of-delegation.html", "register-of-interests.html", "findings.html"):
        assert path in files
    assert set(p for p in files if not p.endswith(".html")) == {"assets/handbook.css", "assets/search.js", MARKER}


def test_forum_page_has_members_quorum_delegations_interests_and_findings():
    page = site()["forums/icb_board.html"].decode()
    assert "Partner member nominated by NHS trusts and foundation trusts" in page
    assert "6 including the chair or vice-chair, 1 clinician, 2 non-executive members" in page
    assert "Simple majority; the chair has a casting vote" in page
    assert "£10,000,000" in page and "The body&#39;s own scheme of reservation and delegation" in page
    assert "Employed as chief executive" in page  # a member's interest
    joint = site()["forums/mh_joint.html"].decode()
    assert "GOV004" in joint  # the joint committee has no chair
    collaborative = site()["forums/acute_collaborative.html"].decode()
    assert "ACC002" in collaborative


def test_every_organisation_and_forum_page_has_a_described_diagram():
    for path, reader in pages(site()).items():
        if not path.startswith(("forums/", "organisations/")):
            continue
        svgs = reader.find("svg")
        assert len(svgs) == 1, path
        svg = svgs[0]
        assert svg.attrs["role"] == "img"
        titles = [e for e in reader.find("title") if e.attrs.get("id") == svg.attrs["aria-labelledby"]]
        assert titles and titles[0].text.strip(), path
        described = [e for e in reader.elements if e.attrs.get("id") == svg.attrs["aria-describedby"]]
        assert described and described[0].tag == "figcaption" and len(described[0].text.split()) > 5, path


def test_index_lists_tiers_documents_and_a_findings_summary():
    index = site()["index.html"].decode()
    for text in ("North Northmoor", "Scheme of reservation and delegation", "Register of interests", "Findings summary"):
        assert text in index
    assert 'id="search-data"' in index


# -- dates and reasons --------------------------------------------------------------------------------------
def facts(data: bytes) -> dict[str, str]:
    """A page's summary, term by term, as the reader sees it."""
    reader = read_page(data)
    terms = [e.text.strip() for e in reader.find("dt")]
    values = [" ".join(e.text.split()) for e in reader.find("dd")]
    return dict(zip(terms, values))


def test_forum_page_says_when_it_was_established_and_when_it_closes():
    joint = facts(site()["forums/mh_joint.html"])
    assert joint["Established"] == "1 April 2024" and joint["Closing date"] == "31 March 2026"
    board = facts(site()["forums/icb_board.html"])
    assert board["Established"] == "1 July 2022" and "Closing date" not in board
    audit = facts(site()["forums/audit.html"])
    assert "Established" not in audit and "Closing date" not in audit  # no dates recorded: none shown


def test_a_forum_not_in_being_has_no_page():
    later = render_site(compile_fixture(), as_of=dt.date(2026, 4, 1))
    assert "forums/mh_joint.html" not in later and "forums/icb_board.html" in later


def test_person_page_shows_posts_with_their_dates_and_former_posts_as_former():
    karen = facts(site()["people/karen_blythe.html"])
    assert karen["Posts"] == "Chief executive, Northmoor Council (since 1 September 2020)"
    assert karen["Former posts"] == "Director of adult social services, Northmoor Council (5 January 2015 to 31 August 2020)"
    assert facts(site()["people/mark_odum.html"])["Posts"] == "Chief executive, NHS Northmoor ICB (since 1 April 2023)"
    priya = facts(site()["people/priya_shah.html"])
    assert priya["Posts"] == "Director of finance, NHS Northmoor ICB" and "Former posts" not in priya
    # As of a day in the earlier post, it is the current one and the later post is not yet held.
    earlier = facts(render_site(compile_fixture(), as_of=dt.date(2019, 6, 1))["people/karen_blythe.html"])
    assert earlier["Posts"] == "Director of adult social services, Northmoor Council (5 January 2015 to 31 August 2020)"
    assert "Former posts" not in earlier and "Chief executive" not in str(earlier)


def test_register_on_the_site_gives_the_dates_of_posts():
    register = "".join(read_page(site()["register-of-interests.html"]).text)
    assert "Chief executive, NHS Northmoor ICB (since 1 April 2023)" in register
    assert "Director of adult social services" not in register  # a former post is not a role held now


def test_forum_page_shows_the_reason_for_a_decision_and_reserved_functions():
    place = read_page(site()["forums/north_place.html"])
    headers = [" ".join(e.text.split()) for e in place.find("th") if e.attrs.get("scope") == "col"]
    assert "Reason" in headers
    assert "The contract serves North Northmoor only" in "".join(place.text)
    board = "".join(read_page(site()["forums/icb_board.html"]).text)
    assert "Reason: Agreed with every partner for the whole system" in board  # reserved to it
    hospitals = "".join(read_page(site()["organisations/northmoor_hospitals.html"]).text)
    assert "Reason: The trust runs the elective hub for the whole system" in hospitals  # delegated to it


def test_no_reason_column_when_no_reason_is_recorded():
    model = compile_fixture().model
    model = model.replace(
        decisions=tuple(attrs.evolve(d, reason=None) for d in model.decisions),
        functions=tuple(attrs.evolve(f, reason=None) for f in model.functions),
    )
    files = render_site(model, as_of=AS_OF)
    for path in ("forums/north_place.html", "forums/icb_board.html"):
        page = read_page(files[path])
        headers = [" ".join(e.text.split()) for e in page.find("th") if e.attrs.get("scope") == "col"]
        assert "Reason" not in headers and "Reason:" not in "".join(page.text), path
    reserved = [e for e in read_page(files["forums/icb_board.html"]).find("caption") if e.attrs.get("id") == "reserved"]
    assert reserved  # the reserved functions are still listed, without a column of dashes


# -- links -----------------------------------------------------------------------------------------------
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset")


@pytest.mark.parametrize("source", [HANDBOOK, HOSTILE], ids=["handbook", "hostile"])
def test_every_link_leads_to_a_file_and_anchor_in_the_site(source):
    files = site(source)
    readers = pages(files)
    ids = {path: {e.attrs["id"] for e in r.elements if e.attrs.get("id")} for path, r in readers.items()}
    for path, reader in readers.items():
        for element in reader.elements:
            for name in ("href", "src"):
                value = element.attrs.get(name)
                if value is None or value == "data:,":
                    continue
                target, _, fragment = value.partition("#")
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
                assert resolved in files, f"{path}: {value}"
                if fragment:
                    assert fragment in ids[resolved], f"{path}: {value}"


@pytest.mark.parametrize("public", [False, True])
def test_no_page_refers_to_anything_outside_the_site(public):
    for path, data in site(public=public).items():
        text = data.decode("utf-8")
        assert "http://" not in text and "https://" not in text, path
    for path, reader in pages(site(public=public)).items():
        for element in reader.elements:
            for name in URL_ATTRIBUTES:
                value = element.attrs.get(name)
                if element.tag == "link" and element.attrs.get("rel") == "icon" and name == "href":
                    assert value == "data:,"  # no icon, and no request for /favicon.ico
                elif value is not None:
                    assert re.fullmatch(r"(\.\./)?[a-z0-9_./-]*(#[a-z0-9_-]+)?", value), f"{path}: {name}={value}"
    css = site()["assets/handbook.css"].decode()
    assert "@import" not in css and "url(" not in css


# -- hostile names -------------------------------------------------------------------------------------------
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "body", "a", "header", "div", "p", "strong", "nav", "ul", "li", "main",
    "h1", "h2", "h3", "section", "dl", "dt", "dd", "span", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "footer", "script", "figure", "figcaption", "form", "label", "input", "code",
    "svg", "g", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text", "tspan",
}  # fmt: skip


def test_hostile_names_are_inert_text():
    files = site(HOSTILE)
    for path, reader in pages(files).items():
        for element in reader.elements:
            assert element.tag in ALLOWED_TAGS, f"{path}: <{element.tag}> from line {element.line}"
            for name, value in element.attrs.items():
                assert not name.startswith("on"), f"{path}: {name}"
                assert "javascript:" not in (value or "").lower(), f"{path}: {name}={value}"
            if element.tag == "script":
                assert element.attrs in ({"src": "assets/search.js"}, {"type": "application/json", "id": "search-data"})
        data = files[path].decode()
        assert "\u202e" not in data  # the right-to-left override is shown as a replacement character
    mallory = files["people/mallory.html"].decode()
    assert "&lt;img src=x onerror=alert(1)&gt; Mallory" in mallory
    index = read_page(files["index.html"])
    (data,) = [e for e in index.find("script") if e.attrs.get("type") == "application/json"]
    assert "<" not in data.text and "</script" not in data.text.lower()
    text = "".join(read_page(files["forums/b.html"]).text)
    assert "<b onclick=alert(6)>Board</b>" in text  # shown as written, as text
    assert "{{ 7*7 }} {% raw %}" in "".join(read_page(files["people/mallory.html"]).text)  # not a template


def test_hostile_reasons_dates_and_former_posts_are_inert_text():
    files = site(HOSTILE)
    board = files["forums/b.html"].decode()
    assert "&lt;/td&gt;&lt;script&gt;alert(13)&lt;/script&gt; \N{REPLACEMENT CHARACTER}right-to-left" in board
    assert "&lt;script&gt;alert(11)&lt;/script&gt; {{ 6*6 }}" in board  # shown as written, not run as a template
    text = "".join(read_page(files["forums/b.html"]).text)
    assert "</td><script>alert(13)</script>" in text  # the decision's reason, shown as written
    assert facts(files["forums/b.html"])["Established"] == "1 January 2020"
    mallory = files["people/mallory.html"].decode()
    assert "&lt;i onmouseover=alert(10)&gt;Former&lt;/i&gt; trustee" in mallory
    assert 'Reason: &lt;a href=&#34;javascript:alert(12)&#34;&gt;why&lt;/a&gt;' in mallory
    assert facts(files["people/mallory.html"])["Former posts"].endswith("(1 January 2010 to 31 December 2019)")


def test_svg_is_reduced_to_drawing_elements():
    hostile = b"""<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- a comment -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="10pt"
  viewBox="0 0 10 10" onload="alert(1)">
<script>alert(2)</script>
<g id="node1" class="node" style="background:url(http://x)"><title>n0</title>
<a xlink:href="javascript:alert(3)" xlink:title="tip"><text x="1" y="2" fill="url(#x)">&lt;b&gt;name&lt;/b&gt;</text></a>
<foreignObject><div>html</div></foreignObject>
<image xlink:href="http://example.org/x.png"/>
<polygon points="0,0 1,1" fill="#ffffff" stroke="black" transform="rotate(0) translate(4 5)"/>
</g></svg>"""
    out = inline_svg(hostile, label_id="d-title", label='<script>"x"</script>', described_by="d-words")
    for bad in ("<?xml", "<!DOCTYPE", "<!--", "script>", "onload", "javascript", "foreignObject", "image", "http",
                "style", "url(", "xlink", "<title>n0", 'id="node1"', "<a"):  # fmt: skip
        assert bad not in out.replace("&lt;script&gt;", ""), bad
    assert out.startswith('<svg height="10pt" viewBox="0 0 10 10" width="10pt" class="diagram" role="img"')
    assert '<title id="d-title">&lt;script&gt;"x"&lt;/script&gt;</title>' in out
    assert "&lt;b&gt;name&lt;/b&gt;" in out and 'points="0,0 1,1"' in out
    with pytest.raises(UnsafeSvg):
        inline_svg(b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', label_id="t", label="x")
    with pytest.raises(UnsafeSvg):
        inline_svg(b"<html/>", label_id="t", label="x")


# -- publication version ----------------------------------------------------------------------------------------
def test_public_version_leaves_out_indirect_and_private_interests_and_contacts():
    model = compile_fixture().model
    withheld = [i for p in model.people for i in p.interests if not publishable(i)]
    assert withheld
    working = b"".join(site(public=False).values()).decode()
    public = b"".join(site(public=True).values()).decode()
    for text in ("Spouse is a consultant anaesthetist", "Trustee of a local hospice charity", "priya.shah@example.nhs.uk"):
        assert text in working
        assert text not in public
    assert "Publication version" in public and "Working version" not in public


def test_public_version_of_hostile_model_hides_private_interests_and_their_findings():
    working = b"".join(site(HOSTILE).values()).decode()
    public = b"".join(site(HOSTILE, public=True).values()).decode()
    assert "Spouse is a director of the trust" in working
    for text in ("Spouse is a director of the trust", "&lt;svg onload=alert(5)&gt;"):
        assert text not in public


# -- determinism and file names --------------------------------------------------------------------------------------
def test_the_same_model_gives_byte_identical_sites(tmp_path):
    first = render_site(compile_fixture(), as_of=AS_OF)
    second = render_site(load([HANDBOOK]), as_of=AS_OF)
    assert first == second
    build_site(compile_fixture(), tmp_path / "a", as_of=AS_OF)
    build_site(compile_fixture(), tmp_path / "b", as_of=AS_OF)
    tree = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    other = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert tree == other and len(tree) == len(first)


def test_file_names_are_safe_and_distinct():
    assert slug("commissioning.Community_Services") == "commissioning-community_services"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("...") == "entity"
    text = """
organisation a_b "One" { kind: other }
organisation A_b "Two" { kind: other }
"""
    compilation = load_text(text)
    if compilation.errors:  # ids may be case-insensitive in the language: then nothing to tell apart
        pytest.skip("the language does not allow ids differing only in case")
    files = render_site(compilation.model, as_of=AS_OF)
    names = [p for p in files if p.startswith("organisations/")]
    assert len(names) == 2 and all(re.fullmatch(r"organisations/[a-z0-9_-]+\.html", n) for n in names)


def test_a_bare_model_builds_without_findings():
    files = render_site(compile_fixture().model, as_of=AS_OF)
    assert "The governance checks were not run" in files["findings.html"].decode()


# -- writing ------------------------------------------------------------------------------------------------------
def test_an_existing_handbook_is_replaced_and_other_folders_are_refused(tmp_path):
    out = tmp_path / "handbook"
    build_site(compile_fixture(), out, as_of=AS_OF)
    (out / "stale.html").write_text("old")
    build_site(compile_fixture(), out, as_of=AS_OF)
    assert not (out / "stale.html").exists() and (out / "index.html").exists()
    other = tmp_path / "documents"
    other.mkdir()
    (other / "precious.docx").write_text("keep me")
    with pytest.raises(SiteError):
        build_site(compile_fixture(), other, as_of=AS_OF)
    assert (other / "precious.docx").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents", "handbook"]


def test_a_failed_build_leaves_the_old_handbook_in_place(tmp_path, monkeypatch):
    out = tmp_path / "handbook"
    write_tree(out, {"index.html": b"old", MARKER: b""})
    original = Path.write_bytes

    def failing(self, data):
        if self.name == "second.html":
            raise OSError(28, "No space left on device")
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(SiteError, match="No space left"):
        write_tree(out, {"index.html": b"new", "second.html": b"x", MARKER: b""})
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handbook"]  # no temporary folder left behind


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "govdsl", *args], capture_output=True, text=True, cwd=cwd)


def test_site_command(tmp_path):
    out = tmp_path / "handbook"
    result = _run("site", str(HANDBOOK), "-o", str(out), "--as-of", AS_OF.isoformat(), "--public")
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    assert _run("site", str(HANDBOOK)).returncode == 2  # -o is required
    broken = tmp_path / "broken.gov"
    broken.write_text('organisation x "X" { kind: nonsense }\n')
    result = _run("site", str(broken), "-o", str(tmp_path / "nothing"))
    assert result.returncode == 1 and not (tmp_path / "nothing").exists()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "file.txt").write_text("x")
    assert _run("site", str(HANDBOOK), "-o", str(busy)).returncode == 2


# -- accessibility, as far as the HTML shows it -------------------------------------------------------------------------
@pytest.mark.parametrize("public", [False, True])
def test_pages_have_landmarks_one_h1_a_skip_link_and_headed_tables(public):
    for path, reader in pages(site(public=public)).items():
        assert reader.find("html")[0].attrs.get("lang") == "en-GB"
        assert len(reader.find("h1")) == 1, path
        for landmark in ("header", "nav", "main", "footer"):
            assert len(reader.find(landmark)) == 1, (path, landmark)
        first_link = reader.find("a")[0]
        assert first_link.attrs["href"] == "#main" and "skip" in first_link.attrs["class"]
        assert reader.find("main")[0].attrs["id"] == "main"
        ids = [e.attrs["id"] for e in reader.elements if e.attrs.get("id")]
        assert len(ids) == len(set(ids)), path
        tables = reader.find("table")
        assert len(reader.find("caption")) == len(tables), path
        for th in reader.find("th"):
            assert th.attrs.get("scope") in ("col", "row"), path
        for link in reader.find("a"):
            assert link.text.strip(), f"{path}: a link with no text"
