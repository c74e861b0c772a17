"""Showing diagnostics: as text for people (like the best compilers) or JSON for tools.

A diagnostic as text is made by `govdsl.diagnostic_text.format_text` (the
generated docs show the same text); this module prints it with a summary, or
writes JSON. These two modules and the language server are the only places
that turn character offsets into lines and columns.
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text

from govdsl import __version__
from govdsl.diagnostic_text import SEVERITY_STYLE, format_text, location
from govdsl.diagnostics import Diagnostic, Severity
from govdsl.source import Span

JSON_FORMAT_VERSION = 1

def terminal(*, stderr: bool = False, no_color: bool = False) -> Console:
    """A console for the command line: no emoji codes, no guessing at highlights.

    Rich itself honours NO_COLOR and FORCE_COLOR in the environment; `no_color`
    is `--no-color`. Emoji replacement is off because `:100:` in a location or
    `:x:` in a user's text must print as written.
    """
    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False, no_color=no_color or None)


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
            parts.append(f"[{SEVERITY_STYLE[severity]}]{n} {word}{'' if n == 1 else 's'}[/]")
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
    file, start, end = location(span, sources)
    result = {"filename": file}
    if start is not None:
        result["start"] = {"line": start.line, "column": start.column, "offset": span.start}
        result["end"] = {"line": end.line, "column": end.column, "offset": span.end}
    return result


def _fix_json(fix, sources: dict) -> dict | None:
    if fix is None:
        return None
    add = None
    if fix.add_attribute is not None:
        add = {"to": fix.add_attribute[0], "attribute": fix.add_attribute[1]}
    return {
        "title": fix.title,
        "edits": [{"range": _range(e.span, sources), "text": e.text} for e in fix.edits],
        "add_attribute": add,
    }


def diagnostic_json(diagnostic: Diagnostic, sources: dict) -> dict:
    return {
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "range": _range(diagnostic.span, sources),
        "related": [{"message": r.message, "range": _range(r.span, sources)} for r in diagnostic.related],
        "subjects": [{"id": s.id, "role": s.role} for s in diagnostic.subjects],
        "fix": _fix_json(diagnostic.fix, sources),
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
