"""A `Document` as GitHub-flavoured Markdown, for board papers and handbooks.

Every cell is escaped so that nothing a user wrote can break a table or
become markup: `|` and the Markdown punctuation are backslash-escaped, `<`
and `>` become entities (no HTML gets through), and a line break inside a
cell becomes `<br>`.
"""

from __future__ import annotations

import datetime as dt
import re

from govdsl.analysis.wording import long_date
from govdsl.export.tables import Cell, Document, Table

_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
        "~": "\\~",
        "<": "&lt;",
        ">": "&gt;",
    }
)
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # `&amp;` would otherwise show as `&`
EMPTY = "—"


def escape(text: str) -> str:
    """Text made literal in Markdown, on one line (line breaks become `<br>`)."""
    text = _ENTITY.sub("&amp;", text).translate(_ESCAPES)
    return "<br>".join(line.strip() for line in text.split("\n"))


def inline(text: str) -> str:
    """Text for a heading or paragraph: literal, with line breaks as spaces."""
    return escape(" ".join(text.split()))


def cell(value: Cell) -> str:
    if isinstance(value, dt.date):
        return long_date(value)
    if not value:
        return EMPTY
    return escape(value)


def _grid(columns, rows) -> list[str]:
    lines = ["| " + " | ".join(escape(c) for c in columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(cell(value) for value in row) + " |")
    return lines


def _table(table: Table, rows=None) -> list[str]:
    rows = table.rows if rows is None else rows
    if not rows:
        return [table.empty]
    if table.group_column is not None and table.sections:
        drop = table.columns.index(table.group_column)
        columns = table.columns[:drop] + table.columns[drop + 1 :]
        rows = [row[:drop] + row[drop + 1 :] for row in rows]
        return _grid(columns, rows)
    return _grid(table.columns, rows)


def _records(table: Table, level: str) -> list[str]:
    """Each row as its own section: the first cell as heading, the rest as a two-column table."""
    if not table.rows:
        return [table.empty, ""]
    out = []
    for row in table.rows:
        out += [f"{level} {inline(row[0] or EMPTY)}", ""]
        out += _grid(("Item", "Detail"), list(zip(table.columns[1:], row[1:])))
        out.append("")
    return out


def _body(table: Table, level: str) -> list[str]:
    if table.records:
        return _records(table, level)
    if table.sections:
        out = []
        for section in table.sections:
            out += [f"{level} {inline(section.heading)}", ""]
            out += _table(table, table.rows[section.start : section.stop])
            out.append("")
        return out
    return _table(table) + [""]


def write(document: Document) -> str:
    systems = " and ".join(document.systems) or "System not named"
    header = f"**{inline(systems)}** · In force on {long_date(document.as_of)}"
    if document.public:
        header += " · Publication version"
    lines = [f"# {inline(document.title)}", "", header, "", inline(document.description), ""]
    several = len(document.tables) > 1
    for table in document.tables:
        if several:
            lines += [f"## {inline(table.title)}", ""]
        lines += _body(table, "###" if several else "##")
    return "\n".join(lines).rstrip("\n") + "\n"
