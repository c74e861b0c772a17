"""Showing diagnostics: as text for people (like the best compilers) or JSON for tools.

This module and the language server are the only places that turn character
offsets into lines and columns.
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text

from govdsl import __version__
from govdsl.diagnostics import Diagnostic, Severity
from govdsl.source import SourceFile, Span

JSON_FORMAT_VERSION = 1

def terminal(*, stderr: bool = False, no_color: bool = False) -> Console:
    """A console for the command line: no emoji codes, no guessing at highlights.

    Rich itself honours NO_COLOR and FORCE_COLOR in the environment; `no_color`
    is `--no-color`. Emoji replacement is off because `:100:` in a location or
    `:x:` in a user's text must print as written.
    """
    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False, no_color=no_color or None)


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def _clean(text: str) -> str:
    """User text made inert for a terminal: no control characters."""
    return "".join(ch if ch.isprintable() or ch == " " else "\N{REPLACEMENT CHARACTER}" for ch in text)


def _location(span: Span, sources: dict) -> tuple[str, object, object]:
    source: SourceFile | None = sources.get(span.file)
    if source is None:
        return span.file, None, None
    return span.file, source.position(span.start), source.position(max(span.end, span.start))


def _excerpt(span: Span, sources: dict, gutter: int, label: str = "") -> list[Text]:
    source = sources.get(span.file)
    if source is None:
        return []
    start = source.position(span.start)
    end = source.position(max(span.end - 1, span.start)) if span.end > span.start else start
    text = source.line_text(start.line)
    shown = text.expandtabs(1)
    width = (end.column - start.column + 1) if end.line == start.line else max(len(text) - start.column + 1, 1)
    caret = " " * (start.column - 1) + "^" * max(width, 1)
    pad = " " * gutter
    caret_line = Text.assemble((f"{pad} |", "blue"), " ", (caret, "bold"))
    if label:
        caret_line.append_text(Text.assemble(" ", (_clean(label), "dim")))
    return [
        Text(f"{pad} |", style="blue"),
        Text.assemble((f"{str(start.line).rjust(gutter)} |", "blue"), " ", _clean(shown)),
        caret_line,
    ]


def format_text(diagnostic: Diagnostic, sources: dict) -> Text:
    """One diagnostic for people: header, location, source line with caret, hint, notes.

    Built as rich Text, never as markup, so nothing the user wrote (a title with
    `[bold]` in it, `:100:` in a location, `:x:` in a quoted line) can be read
    as markup or turned into an emoji, whatever the console's settings.
    """
    style = _STYLE[diagnostic.severity]
    lines = [
        Text.assemble(
            (f"{diagnostic.severity.label}[{diagnostic.code}]", style), ": ", (_clean(diagnostic.message), "bold")
        )
    ]
    gutter = 2
    if diagnostic.span is not None:
        file, start, _ = _location(diagnostic.span, sources)
        gutter = max(2, len(str(start.line))) if start else 2
        where = f"{file}:{start.line}:{start.column}" if start else file
        lines.append(Text.assemble((f"{' ' * gutter}-->", "blue"), " ", _clean(where)))
        lines.extend(_excerpt(diagnostic.span, sources, gutter))
    for related in diagnostic.related:
        file, start, _ = _location(related.span, sources)
        where = f"{file}:{start.line}:{start.column}" if start else file
        lines.append(
            Text.assemble(
                (f"{' ' * gutter} =", "blue"), " ", ("note", "bold"), f": {_clean(related.message)} ({_clean(where)})"
            )
        )
    if diagnostic.hint:
        lines.append(Text.assemble((f"{' ' * gutter} =", "blue"), " ", ("hint", "bold green"), f": {_clean(diagnostic.hint)}"))
    return Text("\n").join(lines)


def summary(diagnostics, file_count: int) -> str:
    counts = {s: 0 for s in Severity}
    for d in diagnostics:
        counts[d.severity] += 1
    files = f"{file_count} file" + ("" if file_count == 1 else "s")
    if not diagnostics:
        return f"[bold green]No problems found[/] in {files}."
    parts = []
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note")):
        n = counts[severity]
        if n:
            parts.append(f"[{_STYLE[severity]}]{n} {word}{'' if n == 1 else 's'}[/]")
    if file_count == 0:
        return ", ".join(parts) + "; no files were read."
    return ", ".join(parts) + f" in {files}."


def print_text(console: Console, diagnostics, sources: dict, file_count: int) -> None:
    for diagnostic in diagnostics:
        console.print(format_text(diagnostic, sources), highlight=False, soft_wrap=True)
        console.print()
    console.print(summary(diagnostics, file_count), highlight=False)


def _range(span: Span | None, sources: dict):
    if span is None:
        return None
    file, start, end = _location(span, sources)
    result = {"filename": file}
    if start is not None:
        result["start"] = {"line": start.line, "column": start.column, "offset": span.start}
        result["end"] = {"line": end.line, "column": end.column, "offset": span.end}
    return result


def diagnostic_json(diagnostic: Diagnostic, sources: dict) -> dict:
    return {
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "range": _range(diagnostic.span, sources),
        "related": [{"message": r.message, "range": _range(r.span, sources)} for r in diagnostic.related],
    }


def to_json(diagnostics, sources: dict, files) -> str:
    """The stable JSON report of `govdsl check --format json` (see docs/cli.md)."""
    counts = {s.label: 0 for s in Severity}
    for d in diagnostics:
        counts[d.severity.label] += 1
    report = {
        "format_version": JSON_FORMAT_VERSION,
        "govdsl_version": __version__,
        "valid": counts["error"] == 0,
        "error_count": counts["error"],
        "warning_count": counts["warning"],
        "info_count": counts["info"],
        "files": sorted(files),
        "diagnostics": [diagnostic_json(d, sources) for d in diagnostics],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
