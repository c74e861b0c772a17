"""Explicit limits: hostile inputs get a diagnostic, never a crash or a hang."""

from __future__ import annotations

import pytest

from govdsl import load_text
from govdsl.fmt import FormatError, format_source
from govdsl.syntax.parser import MAX_NESTING


@pytest.mark.parametrize(
    "text",
    [
        'person p "P" { ' + "a: { " * 5000 + "}" * 5000 + " }",
        'person p "P" { a: ' + "[" * 5000 + "]" * 5000 + " }",
    ],
)
def test_deep_nesting_is_refused_with_a_diagnostic(text):
    compilation = load_text(text)
    assert [d.code for d in compilation.diagnostics] == ["SYN005"]
    with pytest.raises(FormatError):
        format_source(text)


def test_nesting_at_the_limit_is_fine():
    depth = MAX_NESTING - 1
    text = 'person p "P" { a: ' + "[" * depth + "x" + "]" * depth + " }"
    assert "SYN005" not in {d.code for d in load_text(text).diagnostics}


def test_very_long_names_and_lines():
    name = "a" * 100_000
    compilation = load_text(f'person {name} "{"x" * 100_000}" {{}}\nperson b "B" {{ employer: {name}x }}\n')
    assert [d.code for d in compilation.diagnostics] == ["REF001"]
