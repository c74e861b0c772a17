"""The language server's answers, without a client (analysis.Project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govdsl.lsp.analysis import Project
from govdsl.lsp.convert import to_offset, to_position
from govdsl.source import SourceFile

MODEL = Path(__file__).resolve().parents[1] / "render"


@pytest.fixture()
def project(tmp_path):
    for name in ("model.gov", "national.gov"):
        (tmp_path / name).write_text((MODEL / name).read_text(encoding="utf-8"), encoding="utf-8")
    p = Project(tmp_path)
    p.compile()
    return p


def source_of(project, name):
    return next(s for path, s in project.compilation.sources.items() if path.endswith(name))


def offset_of(source, text, nth=0):
    index = -1
    for _ in range(nth + 1):
        index = source.text.index(text, index + 1)
    return index


def test_positions_use_utf16():
    source = SourceFile("x", 'person a "😀 x" {}\n')
    assert to_position(source, source.text.index("x\"")) == (0, 13)
    assert to_offset(source, 0, 13) == source.text.index('x"')


def test_definition_references_and_hover(project):
    source = source_of(project, "model.gov")
    name, _ = project.name_at(source, offset_of(source, "bill as voting_member"))
    assert name == "bill"
    assert project.definition("bill").start == source.text.index('bill "Bill Trust"')
    spans = project.references("bill")
    assert len(spans) >= 4  # declaration, two seats, the decision's excluded list
    hover = project.hover("north_committee")
    assert "Fen North Place Committee" in hover and "Chair: Ada Chair" in hover and "£18m" in hover


def test_references_cross_files(project):
    spans = project.references("nhse_east")
    assert {Path(s.file).name for s in spans} == {"model.gov", "national.gov"}


def test_rename_validates_and_collects_every_use(project):
    edits = project.rename("bill", "william")
    assert sum(len(v) for v in edits.values()) == len(project.references("bill"))
    assert "not a valid name" in project.rename("bill", "two words")
    assert "already used" in project.rename("bill", "ada")


def test_completion_in_context(project):
    source = source_of(project, "model.gov")
    seat = offset_of(source, "seat: ada") + len("seat: ")
    names = {label for label, kind, _ in project.completions(source, seat)}
    assert {"ada", "bill"} <= names and "fen_hospitals" not in names
    capacity = source.text.index("as chair", seat) + len("as ")
    assert "vice_chair" in {label for label, _, _ in project.completions(source, capacity)}
    kind = offset_of(source, "kind: unitary_council") + len("kind: ")
    assert "foundation_trust" in {label for label, _, _ in project.completions(source, kind)}
    inside_board = source.text.index("  quorum: 2") + 2
    keys = {label.strip() for label, kind, _ in project.completions(source, inside_board)}
    assert {"seat:", "quorum:", "terms:"} <= keys
    assert "place" in {label for label, _, _ in project.completions(source, 0)}


def test_symbols_formatting_and_fixes(tmp_path):
    (tmp_path / "m.gov").write_text('person ann_hale "Ann" {}\nboard b "B" { parent: x seat: ann_hal as chair }\norganisation x "X" { kind: icb }\n', encoding="utf-8")
    project = Project(tmp_path)
    project.compile()
    source = source_of(project, "m.gov")
    assert [s[0] for s in project.document_symbols(source)] == ["ann_hale", "b", "x"]
    assert [s[0] for s in project.workspace_symbols("ann")] == ["ann_hale"]
    assert project.formatted(source).startswith('person ann_hale "Ann" {}\n\nboard b "B" {\n')
    problem = next(d for d in project.diagnostics if d.code == "REF001")
    (title, ((span, text),)), = project.quick_fixes(problem)
    assert text == "ann_hale" and source.text[span.start : span.end] == "ann_hal"


def test_overlay_and_parse_cache(project, tmp_path):
    path = (tmp_path / "model.gov").resolve()
    national = (tmp_path / "national.gov").resolve()
    national_parse = project.parse_cache.result(national)
    model_parse = project.parse_cache.result(path)
    project.overlays[path] = path.read_text(encoding="utf-8").replace("population: 300k", "population: 900k")
    project.compile()
    assert "SUB001" in {d.code for d in project.diagnostics}
    assert project.parse_cache.result(national) is national_parse, "the unchanged file was parsed again"
    edited = project.parse_cache.result(path)
    assert edited is not model_parse
    # only the declaration edited was parsed again: the others are the very same objects
    reused = set(map(id, model_parse.document.items)) & set(map(id, edited.document.items))
    assert 0 < len(reused) < len(edited.document.items)
