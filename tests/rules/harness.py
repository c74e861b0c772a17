"""Run the checks on a snippet or a fixture file, for rule tests."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from govdsl import load, load_text
from govdsl.check.engine import check_compilation
from govdsl.config import Config

# The date rule tests are checked as of, so that they never change with the calendar.
AS_OF = dt.date(2026, 11, 24)

FIXTURES = Path(__file__).parent / "fixtures"
_EXPECT = re.compile(r"^#\s*expect:\s*(.+)$", re.MULTILINE)
_AS_OF = re.compile(r"^#\s*as-of:\s*(\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)


def check_text(text: str, config: Config | None = None, as_of: dt.date = AS_OF):
    compilation = load_text(text, "snippet.gov")
    return check_compilation(compilation, config or Config(), as_of)


def codes(diagnostics) -> list[str]:
    return sorted(d.code for d in diagnostics)


def language_errors(text: str):
    return [d for d in load_text(text, "snippet.gov").diagnostics]


def expected_codes(text: str) -> list[str]:
    found = []
    for line in _EXPECT.findall(text):
        found.extend(c.strip() for c in line.split(",") if c.strip())
    return sorted(found)


def fixture_as_of(text: str) -> dt.date:
    match = _AS_OF.search(text)
    return dt.date.fromisoformat(match.group(1)) if match else AS_OF


def check_path(path: Path, as_of: dt.date = AS_OF, config: Config | None = None):
    return check_compilation(load([path]), config or Config(), as_of)
