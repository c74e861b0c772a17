"""Snippet helpers for tests of the language core: compile a snippet, list its codes and positions, check marked spans."""

from __future__ import annotations

import textwrap

import govdsl
from govdsl.source import SourceFile
from govdsl.syntax import nodes, parse

O = "organisation o { kind: icb }\n"
P = "person p {}\n"


def compile_text(text: str) -> govdsl.Compilation:
    return govdsl.load_text(textwrap.dedent(text), "case.gov")


def codes(text: str) -> list[str]:
    """The codes of a snippet's diagnostics, in the order they are reported."""
    return [d.code for d in compile_text(text).diagnostics]


def where(compilation: govdsl.Compilation, diagnostic) -> tuple[int, int]:
    position = compilation.sources[diagnostic.span.file].position(diagnostic.span.start)
    return position.line, position.column


def found(text: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of every diagnostic of a snippet."""
    compilation = compile_text(text)
    return [(d.code, *where(compilation, d)) for d in compilation.diagnostics]


def syntax(text: str):
    """(code, line, column) of the syntax errors, and the names declared."""
    source = SourceFile("t.gov", text)
    result = parse(source)
    located = [(d.code, source.position(d.span.start).line, source.position(d.span.start).column) for d in result.diagnostics]
    names = [i.name.text for i in result.document.items if isinstance(i, nodes.Declaration)]
    return located, names, result


def only(text: str):
    """The one diagnostic of a snippet."""
    compilation = compile_text(text)
    assert len(compilation.diagnostics) == 1, [(d.code, d.message) for d in compilation.diagnostics]
    return compilation.diagnostics[0]


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Text with «guillemets» around what diagnostics must point at: (text, spans)."""
    out, spans, i = [], [], 0
    position = 0
    while i < len(marked):
        if marked[i] == "«":
            start = position
            j = marked.index("»", i)
            out.append(marked[i + 1 : j])
            position += j - i - 1
            spans.append((start, position))
            i = j + 1
        else:
            out.append(marked[i])
            position += 1
            i += 1
    return "".join(out), spans


def check(marked: str, expected_codes: list[str]):
    """The diagnostics of a marked snippet are exactly `expected_codes`, at the marks, in order."""
    text, spans = unmark(marked)
    compilation = govdsl.load_text(text, "case.gov")
    actual = [(d.code, d.span.start, d.span.end) for d in compilation.diagnostics]
    expected = [(code, start, end) for code, (start, end) in zip(expected_codes, spans, strict=True)]
    shown = [(c, text[s:e]) for c, s, e in actual]
    assert actual == expected, shown
    return compilation
