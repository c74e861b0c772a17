"""A `Document` as CSV: RFC 4180 (the `csv` module), UTF-8, a header row first.

A document of several tables (the membership matrix and its quorum table)
is written as one file: the second table follows a blank row, with its own
header row. Dates are ISO 8601 (`2025-04-01`), which spreadsheets read as
dates. Any cell a spreadsheet could take for a formula is made text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from govdsl.export.tables import Cell, Document

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """Text a spreadsheet will never run: a leading `=`, `+`, `-`, `@`, tab or
    carriage return gets a single quote in front (OWASP's advice for CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Cell) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return defuse(value or "")


def write(document: Document) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, table in enumerate(document.tables):
        if index:
            writer.writerow([])
        writer.writerow([defuse(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([cell(value) for value in row])
    return buffer.getvalue()
