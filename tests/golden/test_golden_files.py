"""The golden-file helper never writes a missing file and passes."""

from __future__ import annotations

import pytest

from tests import golden_files


def test_a_missing_golden_file_fails_and_is_not_written(tmp_path, monkeypatch):
    monkeypatch.setattr(golden_files, "UPDATE", False)
    missing = tmp_path / "view.dot"
    with pytest.raises(pytest.fail.Exception, match="no golden file"):
        golden_files.assert_golden(missing, "digraph {}\n")
    assert not missing.exists()


def test_a_changed_output_fails_with_a_diff(tmp_path, monkeypatch):
    monkeypatch.setattr(golden_files, "UPDATE", False)
    kept = tmp_path / "report.txt"
    kept.write_text("line one\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match=r"\+line two"):
        golden_files.assert_golden(kept, "line two\n")
    assert kept.read_text(encoding="utf-8") == "line one\n"


def test_the_update_flag_writes_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(golden_files, "UPDATE", True)
    written = tmp_path / "report.txt"
    golden_files.assert_golden(written, "new text\n")
    assert written.read_bytes() == b"new text\n"
