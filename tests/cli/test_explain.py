"""`govdsl explain` shows a language code's severity as a word (item 1)."""

from __future__ import annotations

from govdsl.cli.explain import explain_code
from govdsl.codes import LANGUAGE_CODES


def test_explain_language_code_shows_severity_word():
    text = explain_code("REF001")
    assert "Severity: error" in text
    assert "Severity: 3" not in text


def test_every_language_code_explains_with_a_severity_word():
    for code, entry in LANGUAGE_CODES.items():
        assert f"Severity: {entry.severity.label}\n" in explain_code(code)


def test_explain_from_the_command_line(capsys):
    from govdsl.cli.main import main

    assert main(["explain", "src009"]) == 0
    out = capsys.readouterr().out
    assert "Severity: warning" in out
