"""Showing a `LensReport`: as text for a terminal, JSON for tools, or one HTML page.

Every lens report is shown by these three functions, so lenses never format
output themselves. Report text can contain user text (forum and organisation
names), so every string is cleaned (`govdsl.text.clean`) and then made inert
for its output: rich `Text` objects (never markup) in a terminal, and
`html.escape` for every string on the HTML page.

The JSON is versioned (`format_version`); within a version fields are only
ever added. Numbers in tables stay numbers (shares and indices as decimals).
"""

from __future__ import annotations

import html
import io
import json
import re
from decimal import Decimal

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from govdsl import __version__
from govdsl.lenses import Cell, LensReport, Section, Table
from govdsl.text import clean

JSON_FORMAT_VERSION = 1
FORMATS = ("text", "json", "html")

_SEVERITY_STYLE = {"warning": "bold yellow", "info": "bold cyan"}
_SEVERITY_LABEL = {"warning": "Warning", "info": "Note"}


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return "—"
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    return clean(str(cell))


# -- text ------------------------------------------------------------------------------------------


def print_text(report: LensReport, console: Console) -> None:
    """The report on a terminal (or any rich console)."""
    console.print(Text(clean(report.title), style="bold"))
    for line in report.summary:
        console.print(Text(clean(line)))
    for section in report.sections:
        console.print()
        console.rule(Text(clean(section.title), style="bold"), align="left")
        if section.intro:
            console.print(Text(clean(section.intro)))
        if section.table is not None and section.table.rows:
            console.print(_rich_table(section.table))
        for finding in section.findings:
            label = Text(f"{finding.severity}: ", style=_SEVERITY_STYLE.get(finding.severity, "bold"))
            console.print(label + Text(clean(finding.message)))
    counts = _counts(report)
    console.print()
    console.print(Text(f"{counts['warning']} warning(s), {counts['info']} note(s).", style="dim"))


def _rich_table(table: Table) -> RichTable:
    rich = RichTable(show_edge=False, pad_edge=False, header_style="bold")
    for i, column in enumerate(table.columns):
        numeric = table.numeric(i)
        rich.add_column(Text(clean(column)), justify="right" if numeric else "left", no_wrap=numeric, overflow="fold")
    for row in table.rows:
        rich.add_row(*(Text(_cell_text(cell)) for cell in row))
    return rich


def to_text(report: LensReport, width: int = 100) -> str:
    """The report as plain text (no colour), for a file."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, highlight=False, force_terminal=False, emoji=False)
    print_text(report, console)
    return buffer.getvalue()


# -- JSON -------------------------------------------------------------------------------------------


def _json_cell(cell: Cell):
    if isinstance(cell, Decimal):
        return float(cell)
    if isinstance(cell, str):
        return clean(cell)
    return cell


def _counts(report: LensReport) -> dict[str, int]:
    counts = {"warning": 0, "info": 0}
    for finding in report.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts


def _section_json(section: Section) -> dict:
    table = None
    if section.table is not None:
        table = {
            "columns": [clean(c) for c in section.table.columns],
            "rows": [[_json_cell(cell) for cell in row] for row in section.table.rows],
        }
    return {
        "title": clean(section.title),
        "subject_id": _json_cell(section.subject_id),
        "intro": clean(section.intro),
        "table": table,
        "findings": [
            {"severity": f.severity, "subject_id": _json_cell(f.subject_id), "message": clean(f.message)}
            for f in section.findings
        ],
    }


def to_data(report: LensReport) -> dict:
    """The report as plain data, as the JSON output holds it."""
    counts = _counts(report)
    return {
        "format_version": JSON_FORMAT_VERSION,
        "govdsl_version": __version__,
        "lens": clean(report.lens),
        "title": clean(report.title),
        "summary": [clean(line) for line in report.summary],
        "warning_count": counts["warning"],
        "info_count": counts["info"],
        "sections": [_section_json(s) for s in report.sections],
    }


def to_json(report: LensReport) -> str:
    return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"


# -- HTML -------------------------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
       color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
a { color: #004b9b; }
a:focus, a:hover { outline: 3px solid #ffbf47; outline-offset: 1px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #ffbf47; color: #000; padding: .5rem; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; }
h2 { font-size: 1.3rem; border-top: 2px solid #d8d8d8; padding-top: 1rem; margin-top: 2rem; }
.lens { color: #4a4a4a; margin-top: 0; }
table { border-collapse: collapse; margin: .75rem 0; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: .3rem .75rem .3rem 0; text-align: left; vertical-align: top; }
th { border-bottom-width: 2px; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
ul.findings { list-style: none; padding-left: 0; }
ul.findings li { border-left: 5px solid #1d70b8; padding: .25rem .75rem; margin: .4rem 0; background: #f3f7fb; }
ul.findings li.warning { border-left-color: #b35900; background: #fff7ed; }
.severity { font-weight: 700; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em;
       background: #f3f2f1; padding: 0 .2em; }
footer { color: #4a4a4a; font-size: .85rem; margin-top: 3rem; }
"""

_CODE = re.compile(r"`([^`]+)`")


def _e(text: str) -> str:
    """User text for HTML: cleaned, escaped, and `names in backticks` shown as code."""
    return _CODE.sub(r"<code>\1</code>", html.escape(clean(text), quote=True))


def _html_table(table: Table, caption: str) -> list[str]:
    numeric = [table.numeric(i) for i in range(len(table.columns))]
    out = ["<table>", f"<caption>{_e(caption)}</caption>", "<thead><tr>"]
    for column, is_number in zip(table.columns, numeric):
        css = ' class="num"' if is_number else ""
        out.append(f'<th scope="col"{css}>{_e(column)}</th>')
    out.append("</tr></thead>")
    out.append("<tbody>")
    for row in table.rows:
        cells = []
        for i, (cell, is_number) in enumerate(zip(row, numeric)):
            css = ' class="num"' if is_number else ""
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            cells.append(f"<{tag}{scope}{css}>{_e(_cell_text(cell))}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def to_html(report: LensReport) -> str:
    """One self-contained, accessible HTML page (no scripts, no external files)."""
    title = _e(report.title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="govdsl {html.escape(__version__)}">',
        f"<title>{html.escape(clean(report.title))}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#content">Skip to the report</a>',
        '<main id="content">',
        f"<h1>{title}</h1>",
        f'<p class="lens">Lens: {_e(report.lens)}</p>',
    ]
    for line in report.summary:
        out.append(f"<p>{_e(line)}</p>")
    if len(report.sections) > 1:
        out.append('<nav aria-label="Sections"><h2>Contents</h2><ol>')
        for number, section in enumerate(report.sections, 1):
            out.append(f'<li><a href="#section-{number}">{_e(section.title)}</a></li>')
        out.append("</ol></nav>")
    for number, section in enumerate(report.sections, 1):
        out.append(f'<section aria-labelledby="section-{number}">')
        out.append(f'<h2 id="section-{number}">{_e(section.title)}</h2>')
        if section.intro:
            out.append(f"<p>{_e(section.intro)}</p>")
        if section.table is not None and section.table.rows:
            out.extend(_html_table(section.table, section.title))
        if section.findings:
            out.append('<ul class="findings">')
            for finding in section.findings:
                severity = finding.severity if finding.severity in _SEVERITY_LABEL else "info"
                out.append(
                    f'<li class="{severity}"><span class="severity">{_SEVERITY_LABEL[severity]}:</span> '
                    f"{_e(finding.message)}</li>"
                )
            out.append("</ul>")
        out.append("</section>")
    counts = _counts(report)
    out.append(
        f"<footer><p>{counts['warning']} warning(s), {counts['info']} note(s). "
        f"Made by govdsl {html.escape(__version__)}.</p></footer>"
    )
    out.extend(["</main>", "</body>", "</html>", ""])
    return "\n".join(out)


def render(report: LensReport, fmt: str) -> str:
    """The report in one of FORMATS (text is plain, without colour)."""
    if fmt == "json":
        return to_json(report)
    if fmt == "html":
        return to_html(report)
    if fmt == "text":
        return to_text(report)
    raise ValueError(f"unknown format {fmt!r}")
