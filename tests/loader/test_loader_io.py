"""Files and includes: SRC006 exits 2 (item 15), an empty included folder (item 16),
undeclared names point at a failed include (item 17), and the summary when no file
was read (item 19)."""

from __future__ import annotations

import os

import pytest

import govdsl
import govdsl.loader
from govdsl.cli.main import main
from govdsl.cli.output import summary
from govdsl.diagnostics import Diagnostic, Severity
from govdsl.loader import IO_CODES


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(relative: str, text: str = ""):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


# -- item 15 ---------------------------------------------------------------------------------
def test_src006_is_an_input_that_could_not_be_read():
    assert "SRC006" in IO_CODES


def test_a_file_too_large_exits_2(project, monkeypatch, capsys):
    project("big.gov", "person p {}\n" * 10)
    monkeypatch.setattr(govdsl.loader, "MAX_FILE_BYTES", 20)
    compilation = govdsl.load(["big.gov"])
    assert [d.code for d in compilation.diagnostics] == ["SRC006"]
    assert compilation.io_failed
    assert main(["check", "--no-rules", "big.gov"]) == 2
    assert "SRC006" in capsys.readouterr().out


# -- item 16 ---------------------------------------------------------------------------------
def test_including_an_empty_folder_is_a_warning_at_the_include(project):
    project("main.gov", 'include "places"\nperson p {}\n')
    os.mkdir("places")
    project("places/readme.txt", "not a .gov file")
    compilation = govdsl.load(["main.gov"])
    (d,) = compilation.diagnostics
    assert (d.code, d.severity) == ("SRC005", Severity.WARNING)
    assert compilation.sources["main.gov"].text[d.span.start : d.span.end] == '"places"'
    assert not compilation.io_failed  # a warning: the model is read
    assert main(["check", "--no-rules", "main.gov"]) == 0


def test_a_folder_given_on_the_command_line_with_no_files_is_still_an_error(project):
    os.mkdir("empty")
    compilation = govdsl.load(["empty"])
    (d,) = compilation.diagnostics
    assert (d.code, d.severity) == ("SRC005", Severity.ERROR)
    assert compilation.io_failed


def test_including_a_folder_with_files_says_nothing(project):
    project("main.gov", 'include "places"\n')
    project("places/a.gov", "person a {}\n")
    assert govdsl.load(["main.gov"]).diagnostics == ()


# -- item 17 ---------------------------------------------------------------------------------
def test_undeclared_names_point_at_the_include_that_failed(project):
    project("main.gov", 'include "shared/nationl.gov"\n')
    project("a_board.gov", "board b { parent: nhs_england }\n")
    project("shared/national.gov", 'organisation nhs_england "NHS England" { kind: nhs_england }\n')
    compilation = govdsl.load(["a_board.gov", "main.gov"])
    ref, src = compilation.diagnostics
    assert (ref.code, src.code) == ("REF001", "SRC007")
    (note,) = ref.related
    assert note.span == src.span
    assert "shared/nationl.gov" in note.message


def test_no_note_when_every_include_was_read(project):
    project("main.gov", 'include "other.gov"\nboard b { parent: nobody }\n')
    project("other.gov", "person p {}\n")
    (d,) = govdsl.load(["main.gov"]).diagnostics
    assert d.code == "REF001" and d.related == ()


def test_an_empty_included_folder_is_noted_too(project):
    project("main.gov", 'include "places"\nboard b { parent: nobody }\n')
    os.mkdir("places")
    ref = next(d for d in govdsl.load(["main.gov"]).diagnostics if d.code == "REF001")
    assert len(ref.related) == 1 and "places" in ref.related[0].message


def test_includes_nested_too_deep_have_a_hint(project, monkeypatch):
    monkeypatch.setattr(govdsl.loader, "MAX_INCLUDE_DEPTH", 2)
    project("a.gov", 'include "b.gov"\n')
    project("b.gov", 'include "c.gov"\n')
    project("c.gov", "person c {}\n")
    (d,) = govdsl.load(["a.gov"]).diagnostics
    assert d.code == "SRC010" and d.hint


# -- item 19 ---------------------------------------------------------------------------------
def test_summary_when_no_file_was_read():
    d = Diagnostic("SRC001", Severity.ERROR, "`x.gov` does not exist", None)
    assert summary([d], 0) == "[bold red]1 error[/]; no files were read."
    assert summary([d], 1).endswith(" in 1 file.")
    assert summary([d, d], 2).endswith(" in 2 files.")


def test_missing_path_from_the_command_line(project, capsys):
    assert main(["check", "--no-rules", "missing.gov"]) == 2
    out = capsys.readouterr().out
    assert "1 error; no files were read." in out
    assert "in 0 files" not in out
