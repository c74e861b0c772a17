"""Diagrams: every view in every format, stable output, inert hostile names."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from govdsl import load, load_text
from govdsl.analysis.dates import as_of
from govdsl.render import FORMATS, VIEWS, FocusError, render, view_graph
from govdsl.render.layout import engines
from govdsl.render.style import NODE_STYLES, contrast
from tests.golden_files import assert_golden

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
MODEL = as_of(load([HERE / "model.gov"]).model, dt.date(2026, 11, 24))
HAS_SYSTEM_DOT = any(name == "graphviz" for name, _ in engines())


def test_the_test_model_is_clean():
    assert load([HERE / "model.gov"]).diagnostics == ()


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_golden_text_outputs(view, fmt):
    produced = render(MODEL, view, fmt).decode("utf-8")
    golden = GOLDEN / f"{view}.{'mmd' if fmt == 'mermaid' else 'dot'}"
    assert_golden(golden, produced)


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_svg_parses_as_xml_and_is_deterministic(view):
    first = render(MODEL, view, "svg")
    assert first == render(MODEL, view, "svg")
    root = ET.fromstring(first)
    assert root.tag.endswith("svg")


def test_png_is_a_png():
    assert render(MODEL, "structure", "png").startswith(b"\x89PNG")


@pytest.mark.skipif(HAS_SYSTEM_DOT, reason="a system Graphviz is installed, so PDF works")
def test_pdf_without_system_graphviz_is_a_clear_message():
    from govdsl.render import LayoutError

    with pytest.raises(LayoutError, match="PDF needs the Graphviz"):
        render(MODEL, "structure", "pdf")


def test_every_format_is_known():
    assert set(FORMATS) == {"dot", "svg", "png", "pdf", "mermaid"}


def test_views_show_what_they_are_about():
    structure = view_graph(MODEL, "structure")
    assert {c.id for c in structure.clusters} == {"fenmoor", "fen_north"}
    north = next(n for n in structure.nodes if n.id == "north_committee")
    assert north.cluster == "fen_north"
    delegation = view_graph(MODEL, "delegation")
    edge = next(e for e in delegation.edges if e.style == "delegates")
    assert (edge.source, edge.target) == ("icb_board", "north_committee")
    assert "£18m" in edge.label and "scheme of delegation" in edge.label
    board = next(n for n in delegation.nodes if n.id == "icb_board")
    assert "reserved: Approving the constitution" in board.detail
    conflicts = view_graph(MODEL, "conflicts")
    assert any(e.style == "interest" and e.source == "bill" for e in conflicts.edges)
    assert any(e.source == "bill" and e.label == "stepped out" for e in conflicts.edges)
    accountability = view_graph(MODEL, "accountability")
    kinds = {(e.source, e.target, e.style) for e in accountability.edges}
    assert ("north_committee", "icb_board", "reports_to") in kinds
    assert ("icp", "icb_board", "advises") in kinds
    assert ("nhse_east", "fenmoor_icb", "arbiter") in kinds
    membership = view_graph(MODEL, "membership")
    assert ("ada", "icb_board", "chair") in {(e.source, e.target, e.label) for e in membership.edges}


def test_focus_and_depth():
    focused = view_graph(MODEL, "structure", focus="fen_north", depth=0)
    assert {n.id for n in focused.nodes} == {"north_committee"}
    wider = view_graph(MODEL, "structure", focus="fen_north", depth=1)
    assert "icb_board" in {n.id for n in wider.nodes}
    shallow = view_graph(MODEL, "structure", depth=0)
    assert "fen_north" not in {c.id for c in shallow.clusters}
    with pytest.raises(FocusError):
        view_graph(MODEL, "structure", focus="nowhere")


def test_node_colours_have_enough_contrast():
    for name, style in NODE_STYLES.items():
        assert contrast(style.fill, style.font) >= 4.5, name


HOSTILE = '''
organisation evil "Evil \\" ] } --> <script>alert(1)</script> <b>&amp; |x| # \\\\N \u202E gnp.exe =cmd|' /C calc'!A0" {
  kind: icb
}
person mallory "Mal ‮gnp.exe‬ ́combining ltr <img src=x onerror=alert(1)> ] ; ) \\" \\\\G" {
  post: chair at evil
}
board b "<<TABLE><TR><TD>html</TD></TR></TABLE>>" {
  parent: evil
  seat: mallory as chair
}
'''


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_hostile_names_are_inert(view):
    compilation = load_text(HOSTILE)
    assert compilation.errors == ()
    model = compilation.model
    dot = render(model, view, "dot").decode()
    # The only HTML-like label is govdsl's own key; every name is a quoted string.
    assert dot.count("=<") == dot.count("label=<<TABLE BORDER=\"1\" CELLBORDER=\"0\"")
    assert "\u202e" not in dot
    assert "\\N" not in dot.replace("\\\\N", "")  # a backslash from a name is doubled, never a substitution
    mermaid = render(model, view, "mermaid").decode()
    assert "<script>" not in mermaid and "<img" not in mermaid and '\\"' not in mermaid
    for line in mermaid.splitlines():
        if '["' in line:
            inner = line.split('["', 1)[1].rsplit('"]', 1)[0]
            assert '"' not in inner
    svg = render(model, view, "svg")
    root = ET.fromstring(svg)
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert not any(el.tag.endswith(("img", "foreignObject")) for el in root.iter())


def run(*args):
    return subprocess.run([sys.executable, "-m", "govdsl", *args], capture_output=True, text=True)


def test_render_command(tmp_path):
    out = tmp_path / "structure.svg"
    result = run("render", str(HERE / "model.gov"), "--view", "structure", "--format", "svg", "-o", str(out), "--as-of", "2026-11-24")
    assert result.returncode == 0, result.stderr
    ET.fromstring(out.read_bytes())
    result = run("render", str(HERE / "model.gov"), "--view", "delegation", "--format", "mermaid", "--as-of", "2026-11-24")
    assert result.returncode == 0 and result.stdout.startswith("---\ntitle: Delegation")


def test_render_command_errors_are_clear(tmp_path):
    bad = tmp_path / "bad.gov"
    bad.write_text('place p "P" { within: nowhere }\n', encoding="utf-8")
    result = run("render", str(bad), "--format", "dot")
    assert result.returncode == 1 and "REF001" in result.stderr and "Traceback" not in result.stderr
    result = run("render", str(HERE / "model.gov"), "--format", "svg")
    assert result.returncode == 2 and "needs -o" in result.stderr
    result = run("render", str(HERE / "model.gov"), "--format", "dot", "--focus", "fen_nort")
    assert result.returncode == 2 and "fen_north" in result.stderr
    assert not (tmp_path / "out.svg").exists()
