"""Showing diagnostics: as text for people (like the best compilers) or JSON for tools.

This module and the language server are the only places that turn character
offsets into lines and columns.
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape

from govdsl import __version__
from govdsl.diagnostics import Diagnostic, Severity
from govdsl.source import SourceFile, Span

JSON_FORMAT_VERSION = 1

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def _safe(text: str) -> str:
    """User text made inert for a terminal: no control characters, no rich markup."""
    cleaned = "".join(ch if ch.isprintable() or ch == " " else "\N{REPLACEMENT CHARACTER}" for ch in text)
    return escape(cleaned)


def _location(span: Span, sources: dict) -> tuple[str, object, object]:
    source: SourceFile | None = sources.get(span.file)
    if source is None:
        return span.file, None, None
    return span.file, source.position(span.start), source.position(max(span.end, span.start))


def _excerpt(span: Span, sources: dict, gutter: int, label: str = "") -> list[str]:
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
    lines = [
        f"[blue]{pad} |[/]",
        f"[blue]{str(start.line).rjust(gutter)} |[/] {_safe(shown)}",
        f"[blue]{pad} |[/] [bold]{caret}[/]" + (f" [dim]{_safe(label)}[/]" if label else ""),
    ]
    return lines


def format_text(diagnostic: Diagnostic, sources: dict) -> str:
    """One diagnostic as rich markup: header, location, source line with caret, hint, notes."""
    style = _STYLE[diagnostic.severity]
    header = f"[{style}]{diagnostic.severity.label}[{diagnostic.code}][/]: [bold]{_safe(diagnostic.message)}[/]"
    lines = [header]
    gutter = 2
    if diagnostic.span is not None:
        file, start, _ = _location(diagnostic.span, sources)
        gutter = max(2, len(str(start.line))) if start else 2
        where = f"{file}:{start.line}:{start.column}" if start else file
        lines.append(f"[blue]{' ' * gutter}-->[/] {_safe(where)}")
        lines.extend(_excerpt(diagnostic.span, sources, gutter))
    for related in diagnostic.related:
        file, start, _ = _location(related.span, sources)
        where = f"{file}:{start.line}:{start.column}" if start else file
        lines.append(f"[blue]{' ' * gutter} =[/] [bold]note[/]: {_safe(related.message)} ({_safe(where)})")
    if diagnostic.hint:
        lines.append(f"[blue]{' ' * gutter} =[/] [bold green]hint[/]: {_safe(diagnostic.hint)}")
    return "\n".join(lines)


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
