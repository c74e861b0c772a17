"""A `Document` as an Excel workbook (openpyxl): one sheet per table, then an About sheet.

Each sheet has a bold, frozen header row with a filter, sensible column
widths and wrapped text. Dates are real dates. A cell a spreadsheet could take
for a formula gets a leading single quote and is stored as text, as in the
CSV export. The file is deterministic: the workbook's created and modified
dates are the as-of date and every part of the zip has the same fixed time,
so the same model gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from govdsl import __version__
from govdsl.export.csv_format import defuse
from govdsl.analysis.wording import long_date
from govdsl.export.tables import Cell, Document, Table

MAX_CELL = 32_767  # Excel's limit on the characters in a cell
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMAT = "d mmmm yyyy"  # 1 April 2025, as in the Markdown
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold
_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\']")

_HEADER_FONT = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose every member has the same time and permissions, so output does not vary by run."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            info.compress_type = self.compression
            info.external_attr = 0o644 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl streams each worksheet to a temporary file and adds it with `write`,
        # which would stamp the file's own time: add its bytes with `writestr` instead.
        with open(filename, "rb") as handle:
            self.writestr(arcname or filename, handle.read(), compress_type, compresslevel)


def _sheet_title(title: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARACTERS.sub(" ", title).strip()[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _put(ws, row: int, column: int, value: Cell):
    """Write one cell: dates as dates, text always as text (never a formula)."""
    target = ws.cell(row=row, column=column)
    if isinstance(value, dt.date):
        target.value = value
        target.number_format = DATE_FORMAT
    else:
        text = defuse(value or "")
        if len(text) > MAX_CELL:
            text = text[: MAX_CELL - 1] + "…"
        target.value = text
        target.data_type = "s"
    target.alignment = _WRAP
    return target


def _width(value: Cell) -> int:
    if isinstance(value, dt.date):
        return len(long_date(value))
    return max((len(line) for line in (value or "").split("\n")), default=0)


def _sheet(wb: Workbook, table: Table, taken: set[str]):
    ws = wb.create_sheet(_sheet_title(table.title, taken))
    widths = [_width(c) for c in table.columns]
    for column, name in enumerate(table.columns, start=1):
        _put(ws, 1, column, name).font = _HEADER_FONT
    for r, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(ws, r, column, value)
            widths[column - 1] = max(widths[column - 1], _width(value))
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    ws.freeze_panes = "A2"
    if table.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"


def _about(wb: Workbook, document: Document, taken: set[str]):
    rows = (
        ("Document", document.title),
        ("System", " and ".join(document.systems) or "Not named"),
        ("In force on", document.as_of),
        ("Version", "Publication version" if document.public else "Full version (not for publication)"),
        ("About", document.description),
        ("Sheets", "; ".join(t.title for t in document.tables)),
    )
    _sheet(wb, Table("About", ("Item", "Detail"), rows), taken)


def write(document: Document) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for table in document.tables:
        _sheet(wb, table, taken)
    _about(wb, document, taken)
    moment = dt.datetime.combine(document.as_of, dt.time())
    properties = wb.properties
    properties.created = properties.modified = moment
    properties.creator = properties.lastModifiedBy = f"govdsl {__version__}"
    properties.title = document.title
    properties.subject = " and ".join(document.systems)
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return buffer.getvalue()
