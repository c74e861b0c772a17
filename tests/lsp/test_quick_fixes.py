"""Quick fixes come from the fix a diagnostic carries, never from reading its text."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import attrs

from govdsl.diagnostics import Edit, Fix
from govdsl.lsp.analysis import Project

FIXTURES = Path(__file__).resolve().parent.parent / "rules" / "fixtures"
AS_OF = dt.date(2026, 11, 24)


def project_with(tmp_path: Path, fixture: str | None = None, text: str | None = None) -> tuple[Project, Path]:
    path = tmp_path / "model.gov"
    if fixture:
        shutil.copy(FIXTURES / fixture, path)
    else:
        path.write_text(text, encoding="utf-8")
    project = Project(tmp_path)
    project.compile(as_of=AS_OF)
    return project, path


def applied(path: Path, edits) -> str:
    text = path.read_text(encoding="utf-8")
    for span, new in sorted(edits, key=lambda e: e[0].start, reverse=True):
        text = text[: span.start] + new + text[span.end :]
    return text


def about(diagnostics, code, person):
    return [d for d in diagnostics if d.code == code and any(s.id == person for s in d.subjects)]


def test_a_nil_return_is_added_to_the_person_the_finding_is_about(tmp_path):
    project, path = project_with(tmp_path, "COI001_missing_entry.gov")
    (finding,) = about(project.diagnostics, "COI001", "lena_frost")
    assert finding.fix.add_attribute == ("lena_frost", f"no_interests: {AS_OF.isoformat()}")
    (title, edits), = project.quick_fixes(finding)
    assert "lena_frost" in title
    path.write_text(applied(path, edits), encoding="utf-8")
    project.compile(as_of=AS_OF)
    assert not about(project.diagnostics, "COI001", "lena_frost")
    assert about(project.diagnostics, "COI001", "sam_patel")  # the other finding is untouched


def test_an_undeclared_interest_is_declared_in_the_organisation_the_finding_names(tmp_path):
    project, path = project_with(tmp_path, "COI006_undeclared_post.gov")
    (finding,) = about(project.diagnostics, "COI006", "amir_shah")
    assert [(s.id, s.role) for s in finding.subjects][:2] == [("amir_shah", "person"), ("northmoor_council", "organisation")]
    (title, edits), = project.quick_fixes(finding)
    text = applied(path, edits)
    assert f"interest: non_financial_professional in northmoor_council declared {AS_OF.isoformat()}" in text
    path.write_text(text, encoding="utf-8")
    project.compile(as_of=AS_OF)
    assert not about(project.diagnostics, "COI006", "amir_shah")


def test_the_fix_is_read_not_the_hint(tmp_path):
    project, _ = project_with(tmp_path, "COI001_missing_entry.gov")
    (finding,) = about(project.diagnostics, "COI001", "lena_frost")
    assert project.quick_fixes(attrs.evolve(finding, fix=None)) == []
    other = Fix("Change to `sam_patel`", (Edit(finding.span, "sam_patel"),))
    moved = attrs.evolve(finding, message="a message naming `nobody`", hint="Did you mean `nobody`?", fix=other)
    assert project.quick_fixes(moved) == [("Change to `sam_patel`", ((finding.span, "sam_patel"),))]


def test_a_misspelt_include_word_is_mended_without_losing_the_path(tmp_path):
    (tmp_path / "shared.gov").write_text('organisation icb "ICB" { kind: icb }\n', encoding="utf-8")
    project, path = project_with(tmp_path, text='inclde "shared.gov"\n')
    (problem,) = [d for d in project.diagnostics if d.code == "SYN003"]
    (_, edits), = project.quick_fixes(problem)
    assert applied(path, edits) == 'include "shared.gov"\n'


def test_a_misspelt_code_in_a_suppression_is_mended_in_place(tmp_path):
    text = (
        'organisation icb "ICB" { kind: icb }\n'
        "# govdsl: allow GOV00X because the committees are being set up\n"
        'person p "P" {}\n'
    )
    project, path = project_with(tmp_path, text=text)
    (problem,) = [d for d in project.diagnostics if d.code == "SUP003"]
    (title, edits), = project.quick_fixes(problem)
    fixed = applied(path, edits)
    assert fixed.splitlines()[1].startswith("# govdsl: allow GOV00") and "GOV00X" not in fixed
    assert fixed.splitlines()[0] == text.splitlines()[0] and fixed.splitlines()[2] == text.splitlines()[2]
