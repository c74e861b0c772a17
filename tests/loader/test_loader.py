"""Loading files and folders, following includes; every problem is a diagnostic, never an exception."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

import govdsl
import govdsl.loader
from govdsl.diagnostics import Severity


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder to write .gov files in, made the working folder so paths show relative."""
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)

    def write(name: str, text: str = "", data: bytes | None = None) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    write.root = root
    return write


def codes(compilation) -> list[str]:
    return sorted(d.code for d in compilation.diagnostics)


def ids(compilation) -> set[str]:
    return {e.id for e in compilation.model.entities}


def located(compilation, diagnostic) -> tuple[str, int, int]:
    span = diagnostic.span
    p = compilation.sources[span.file].position(span.start)
    return span.file, p.line, p.column


# -- files and folders ------------------------------------------------------------------------------


def test_one_file(project):
    project("main.gov", "organisation o { kind: icb }\n")
    compilation = govdsl.load(["main.gov"])
    assert codes(compilation) == []
    assert ids(compilation) == {"o"}
    assert list(compilation.sources) == ["main.gov"]
    assert compilation.model.files == ("main.gov",)


def test_a_folder_is_searched_recursively_in_sorted_order(project):
    project("model/b.gov", "person b {}")
    project("model/a.gov", "person a {}")
    project("model/places/deep/c.gov", "person c {}")
    project("model/notes.txt", "this is not read")
    project("model/places/readme.md", "# not read")
    compilation = govdsl.load(["model"])
    assert codes(compilation) == []
    assert [p.id for p in compilation.model.people] == ["a", "b", "c"]
    assert sorted(compilation.sources) == sorted(
        [os.path.join("model", "a.gov"), os.path.join("model", "b.gov"), os.path.join("model", "places", "deep", "c.gov")]
    )


def test_names_are_shared_across_files(project):
    project("a.gov", "board b { parent: o }")
    project("b.gov", "organisation o { kind: icb }")
    compilation = govdsl.load(["a.gov", "b.gov"])
    assert codes(compilation) == []
    assert compilation.model.entity("b").parents == ("o",)


def test_a_file_given_twice_is_read_once(project):
    project("a.gov", "person a {}")
    compilation = govdsl.load(["a.gov", "a.gov", "."])
    assert codes(compilation) == []
    assert len(compilation.model.people) == 1


def test_duplicate_across_files_points_at_the_other_file(project):
    project("a.gov", "person p {}")
    project("b.gov", "\n\nperson p {}")
    compilation = govdsl.load(["a.gov", "b.gov"])
    (d,) = compilation.diagnostics
    assert d.code == "DCL002"
    assert located(compilation, d) == ("b.gov", 3, 8)
    (related,) = d.related
    assert related.span.file == "a.gov"


# -- includes ---------------------------------------------------------------------------------------------


def test_include_is_relative_to_the_including_file(project):
    project("main.gov", 'include "systems/north.gov"\nperson m {}')
    project("systems/north.gov", 'include "../shared/national.gov"\nperson n {}')
    project("shared/national.gov", "organisation nhse { kind: nhs_england }")
    compilation = govdsl.load(["main.gov"])
    assert codes(compilation) == []
    assert ids(compilation) == {"m", "n", "nhse"}


@pytest.mark.parametrize("keyword", ["include", "import"])
def test_include_and_its_synonym_import(project, keyword):
    project("main.gov", f'{keyword} "other.gov"\nboard b {{ parent: o }}')
    project("other.gov", "organisation o { kind: icb }")
    compilation = govdsl.load(["main.gov"])
    assert codes(compilation) == []
    assert ids(compilation) == {"b", "o"}


def test_include_a_folder(project):
    project("main.gov", 'include "places"\ninclude "places/"')
    project("places/a.gov", "person a {}")
    project("places/sub/b.gov", "person b {}")
    project("places/ignored.txt", "person x {}")
    compilation = govdsl.load(["main.gov"])
    assert codes(compilation) == []
    assert ids(compilation) == {"a", "b"}


def test_a_file_included_twice_is_read_once(project):
    project("main.gov", 'include "b.gov"\ninclude "c.gov"')
    project("b.gov", 'include "d.gov"')
    project("c.gov", 'include "./d.gov"')
    project("d.gov", "person d {}")
    compilation = govdsl.load(["main.gov"])
    assert codes(compilation) == []
    assert len(compilation.model.people) == 1


def test_missing_include_with_did_you_mean(project):
    project("main.gov", 'include "shared/nationl.gov"\n')
    project("shared/national.gov", "person n {}")
    compilation = govdsl.load(["main.gov"])
    (d,) = compilation.diagnostics
    assert d.code == "SRC007"
    assert d.severity is Severity.ERROR
    assert located(compilation, d) == ("main.gov", 1, 9)  # the quoted path
    assert "shared/national.gov" in d.hint
    assert not compilation.io_failed


def test_missing_include_without_a_close_name(project):
    project("main.gov", 'include "zzz.gov"\n')
    project("national.gov", "person n {}")
    (d,) = govdsl.load(["main.gov"]).diagnostics
    assert d.code == "SRC007"
    assert "Did you mean" not in (d.hint or "")


def test_include_cycle_is_one_warning(project):
    project("a.gov", 'include "b.gov"\nperson a {}')
    project("b.gov", 'include "a.gov"\nperson b {}')
    for given in (["a.gov"], ["a.gov", "b.gov"], ["."]):
        compilation = govdsl.load(given)
        assert codes(compilation) == ["SRC009"], given
        (d,) = compilation.diagnostics
        assert d.severity is Severity.WARNING
        assert ids(compilation) == {"a", "b"}
        assert not compilation.errors


def test_three_file_cycle_and_self_include(project):
    project("a.gov", 'include "b.gov"')
    project("b.gov", 'include "c.gov"')
    project("c.gov", 'include "a.gov"\ninclude "c.gov"')
    compilation = govdsl.load(["a.gov"])
    assert codes(compilation) == ["SRC009", "SRC009"]  # the circle a-b-c, and c including itself
    assert all(d.span.file == "c.gov" for d in compilation.diagnostics)


def test_include_outside_the_project_folder(project):
    project("proj/main.gov", 'include "../outside.gov"\nboard b { parent: o }')
    project("outside.gov", "organisation o { kind: icb }")
    compilation = govdsl.load(["proj/main.gov"])
    assert codes(compilation) == ["REF001", "SRC008"]
    src008 = next(d for d in compilation.diagnostics if d.code == "SRC008")
    assert located(compilation, src008) == (os.path.join("proj", "main.gov"), 1, 9)
    allowed = govdsl.load(["proj/main.gov"], allow_outside_root=True)
    assert codes(allowed) == []
    assert ids(allowed) == {"b", "o"}


def test_symlink_leaving_the_project_folder_is_outside(project):
    outside = project("elsewhere/shared.gov", "person s {}")
    project("proj/main.gov", 'include "link.gov"')
    try:
        (project.root / "proj" / "link.gov").symlink_to(outside)
    except OSError:
        pytest.skip("symbolic links are not available")
    assert codes(govdsl.load(["proj/main.gov"])) == ["SRC008"]


def test_the_project_folder_is_the_common_folder_of_the_paths_given(project):
    project("a/main.gov", 'include "../b/other.gov"')
    project("b/other.gov", "person o {}")
    assert codes(govdsl.load(["a/main.gov"])) == ["SRC008"]
    assert codes(govdsl.load(["a/main.gov", "b"])) == []


def test_include_depth_limit(project, monkeypatch):
    monkeypatch.setattr(govdsl.loader, "MAX_INCLUDE_DEPTH", 3)
    for i in range(6):
        project(f"f{i}.gov", f'include "f{i + 1}.gov"\nperson p{i} {{}}')
    project("f6.gov", "person p6 {}")
    compilation = govdsl.load(["f0.gov"])
    assert codes(compilation) == ["SRC010"]
    assert ids(compilation) == {"p0", "p1", "p2"}
    (d,) = compilation.diagnostics
    assert d.span.file == "f2.gov"


def test_default_include_depth_is_enough_for_a_long_chain(project):
    for i in range(20):
        project(f"f{i}.gov", f'include "f{i + 1}.gov"')
    project("f20.gov", "person last {}")
    compilation = govdsl.load(["f0.gov"])
    assert codes(compilation) == []
    assert ids(compilation) == {"last"}


def test_misspelt_include_keyword(project):
    project("main.gov", 'inclde "other.gov"\nperson p {}')
    project("other.gov", "person o {}")
    compilation = govdsl.load(["main.gov"])
    (d,) = compilation.diagnostics
    assert d.code == "SYN003"
    assert "`include`" in d.hint
    assert ids(compilation) == {"p"}


def test_errors_in_included_files_name_those_files(project):
    project("main.gov", 'include "sub/bad.gov"\n')
    project("sub/bad.gov", "\nperson p { contact: 5 }\nperson q {")
    compilation = govdsl.load(["main.gov"])
    assert [located(compilation, d)[:2] for d in compilation.diagnostics] == [
        (os.path.join("sub", "bad.gov"), 2),
        (os.path.join("sub", "bad.gov"), 3),
    ]
    assert codes(compilation) == ["SYN004", "VAL001"]


# -- paths and files that cannot be read -------------------------------------------------------------------


def test_no_paths(project):
    compilation = govdsl.load([])
    assert codes(compilation) == ["SRC005"]
    assert compilation.diagnostics[0].span is None
    assert compilation.io_failed


def test_missing_path_with_did_you_mean(project):
    project("northmoor.gov", "person p {}")
    compilation = govdsl.load(["northmor.gov"])
    (d,) = compilation.diagnostics
    assert d.code == "SRC001"
    assert d.span is None
    assert "northmoor.gov" in d.hint
    assert compilation.io_failed


def test_missing_path_in_a_missing_folder(project):
    assert codes(govdsl.load(["nowhere/at/all.gov"])) == ["SRC001"]


def test_one_missing_path_does_not_stop_the_others(project):
    project("a.gov", "person a {}")
    compilation = govdsl.load(["missing.gov", "a.gov"])
    assert codes(compilation) == ["SRC001"]
    assert ids(compilation) == {"a"}


def test_empty_folder(project):
    (project.root / "empty").mkdir()
    project("notes/readme.txt", "nothing here")
    assert codes(govdsl.load(["empty"])) == ["SRC005"]
    assert codes(govdsl.load(["notes"])) == ["SRC005"]


def test_a_link_to_a_folder_where_a_file_is_expected(project):
    (project.root / "folder").mkdir()
    try:
        (project.root / "model").mkdir()
        (project.root / "model" / "looks_like_a_file.gov").symlink_to(project.root / "folder", target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links are not available")
    compilation = govdsl.load(["model"])
    assert codes(compilation) == ["SRC002"]
    assert compilation.io_failed


def test_a_broken_link(project):
    try:
        (project.root / "broken.gov").symlink_to(project.root / "gone.gov")
    except OSError:
        pytest.skip("symbolic links are not available")
    assert codes(govdsl.load(["."])) == ["SRC002"]


def test_a_folder_named_like_a_file_is_searched(project):
    project("odd.gov/inner.gov", "person p {}")
    compilation = govdsl.load(["odd.gov"])
    assert codes(compilation) == []
    assert ids(compilation) == {"p"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(project):
    path = project("secret.gov", "person p {}")
    path.chmod(0)
    try:
        compilation = govdsl.load(["secret.gov"])
    finally:
        path.chmod(0o644)
    assert codes(compilation) == ["SRC002"]
    assert compilation.io_failed


def test_binary_file(project):
    project("word.gov", data=b"PK\x03\x04\x00\x00binary\x00\xff")
    compilation = govdsl.load(["word.gov"])
    assert codes(compilation) == ["SRC003"]
    assert compilation.io_failed
    assert compilation.sources == {}


def test_binary_file_reached_by_include_points_at_the_include(project):
    project("main.gov", '\ninclude "pic.gov"')
    project("pic.gov", data=b"\x89PNG\r\n\x1a\n\x00\x00")
    compilation = govdsl.load(["main.gov"])
    (d,) = compilation.diagnostics
    assert d.code == "SRC003"
    assert located(compilation, d) == ("main.gov", 2, 9)


def test_non_utf8_file_says_where(project):
    project("ansi.gov", data="organisation o {\n  kind: icb\n  x: £18m\n}\n".encode("cp1252"))
    compilation = govdsl.load(["ansi.gov"])
    (d,) = compilation.diagnostics
    assert d.code == "SRC004"
    assert "line 3, column 6" in d.message
    assert compilation.io_failed


def test_non_utf8_column_counts_characters(project):
    project("mixed.gov", data='person p { contact: "Zoë '.encode("utf-8") + b"\xa3" + b'5" }\n')
    (d,) = govdsl.load(["mixed.gov"]).diagnostics
    assert "line 1, column 26" in d.message


def test_byte_order_mark_is_accepted(project):
    project("bom.gov", data="\ufefforganisation o { kind: icb }\n".encode("utf-8"))
    compilation = govdsl.load(["bom.gov"])
    assert codes(compilation) == []
    assert compilation.sources["bom.gov"].text.startswith("organisation")
    assert compilation.model.entity("o").span.start == len("organisation ")


def test_empty_file_is_a_valid_empty_model(project):
    project("empty.gov", "")
    compilation = govdsl.load(["empty.gov"])
    assert codes(compilation) == []
    assert list(compilation.sources) == ["empty.gov"]


def test_file_over_the_size_limit(project, monkeypatch):
    monkeypatch.setattr(govdsl.loader, "MAX_FILE_BYTES", 100)
    project("small.gov", "person a {}\n")
    project("big.gov", "# padding\n" * 20 + "person b {}\n")
    compilation = govdsl.load(["."])
    assert codes(compilation) == ["SRC006"]
    assert ids(compilation) == {"a"}


def test_too_many_files(project, monkeypatch):
    monkeypatch.setattr(govdsl.loader, "MAX_FILES", 3)
    for i in range(5):
        project(f"f{i}.gov", f"person p{i} {{}}")
    compilation = govdsl.load(["."])
    assert "SRC006" in codes(compilation)
    assert len(compilation.model.people) == 3


def test_a_file_outside_the_working_folder_shows_its_full_path(tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    other = tmp_path / "there" / "x.gov"
    other.parent.mkdir()
    other.write_text("person p { contact: 5 }", encoding="utf-8")
    (d,) = govdsl.load([other]).diagnostics
    assert Path(d.span.file).is_absolute()
