"""A diagnostic as people read it: what is wrong, where, the line with a caret, notes and hint.

Like the best compilers' output. The command line prints it (cli/output.py),
and the generated docs show what the command line prints for each code
(docgen.py), so it lives below both. Built as rich `Text`, never as markup.
"""

from __future__ import annotations

from rich.text import Text

from govdsl.diagnostics import Diagnostic, Severity
from govdsl.source import SourceFile, Span

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def _clean(text: str) -> str:
    """User text made inert for a terminal: no control characters."""
    return "".join(ch if ch.isprintable() or ch == " " else "\N{REPLACEMENT CHARACTER}" for ch in text)


def location(span: Span, sources: dict) -> tuple[str, object, object]:
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
    style = SEVERITY_STYLE[diagnostic.severity]
    lines = [
        Text.assemble(
            (f"{diagnostic.severity.label}[{diagnostic.code}]", style), ": ", (_clean(diagnostic.message), "bold")
        )
    ]
    gutter = 2
    if diagnostic.span is not None:
        file, start, _ = location(diagnostic.span, sources)
        gutter = max(2, len(str(start.line))) if start else 2
        where = f"{file}:{start.line}:{start.column}" if start else file
        lines.append(Text.assemble((f"{' ' * gutter}-->", "blue"), " ", _clean(where)))
        lines.extend(_excerpt(diagnostic.span, sources, gutter))
    for related in diagnostic.related:
        file, start, _ = location(related.span, sources)
        where = f"{file}:{start.line}:{start.column}" if start else file
        lines.append(
            Text.assemble(
                (f"{' ' * gutter} =", "blue"), " ", ("note", "bold"), f": {_clean(related.message)} ({_clean(where)})"
            )
        )
    if diagnostic.hint:
        lines.append(Text.assemble((f"{' ' * gutter} =", "blue"), " ", ("hint", "bold green"), f": {_clean(diagnostic.hint)}"))
    return Text("\n").join(lines)
