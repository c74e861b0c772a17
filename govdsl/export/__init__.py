"""Exports: the documents a board secretariat keeps, built from the model.

    >>> import datetime as dt
    >>> from govdsl import load
    >>> from govdsl.export import export
    >>> text = export(load(["examples/northmoor"]).model, "sord", "md", dt.date(2025, 4, 1))

`export(model, kind, fmt, as_of, public)` gives `str` for `md` and `csv` and
`bytes` for `xlsx`. The kinds are `sord` (the scheme of reservation and
delegation), `interests` (the register of interests), `membership` (who sits
where, with each forum's quorum and decision rule) and `tor` (terms of
reference summaries). `tables.py` builds the tables; `markdown.py`,
`csv_format.py` and `xlsx.py` each write one format. See docs/exports.md.
"""

from __future__ import annotations

import datetime as dt

from govdsl.export import csv_format, markdown
from govdsl.export.tables import KINDS, Document, build
from govdsl.model.types import Model

FORMATS = ("md", "csv", "xlsx")


def write(document: Document, fmt: str) -> str | bytes:
    """A built document in one format."""
    if fmt == "md":
        return markdown.write(document)
    if fmt == "csv":
        return csv_format.write(document)
    if fmt == "xlsx":
        from govdsl.export import xlsx  # openpyxl is only needed for spreadsheets

        return xlsx.write(document)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def export(model: Model, kind: str, fmt: str, as_of: dt.date, public: bool = False) -> str | bytes:
    """The `kind` document for the arrangements in force on `as_of`, in format `fmt`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return write(build(model, kind, as_of, public), fmt)


__all__ = ["FORMATS", "KINDS", "Document", "build", "export", "write"]
