"""Golden tests of the diagnostic TEXT people read.

Each `cases/NAME.gov` is checked as `govdsl check --no-rules NAME.gov` would
check it from inside `cases/`, and the report is compared with
`cases/NAME.txt`. The text is rendered in-process with the CLI's own
`print_text`, on a rich Console with no colour and a fixed width, so it is the
same on every machine; one test runs the real command line to show that the
two agree.

To accept new output after a deliberate change of wording:

    GOVDSL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden

and review the diff of the `.txt` files like any other change.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

import govdsl
from govdsl.cli.output import print_text
from tests.golden_files import UPDATE, assert_golden

CASES = Path(__file__).with_name("cases")
NAMES = sorted(p.stem for p in CASES.glob("*.gov"))


def report(name: str) -> str:
    """The text `govdsl check --no-rules NAME.gov` prints, run from inside cases/."""
    cwd = os.getcwd()
    os.chdir(CASES)
    try:
        compilation = govdsl.load([f"{name}.gov"])
    finally:
        os.chdir(cwd)
    buffer = io.StringIO()
    console = Console(
        file=buffer, no_color=True, width=200, force_terminal=False, highlight=False, soft_wrap=True, emoji=False
    )
    print_text(console, compilation.diagnostics, compilation.sources, len(compilation.sources))
    return buffer.getvalue()


def test_there_are_cases():
    assert len(NAMES) >= 7
    assert sorted(p.stem for p in CASES.glob("*.txt")) == NAMES or UPDATE


@pytest.mark.parametrize("name", NAMES)
def test_golden(name):
    actual = report(name)
    assert_golden(CASES / f"{name}.txt", actual)


@pytest.mark.parametrize("name", NAMES)
def test_golden_output_is_inert(name):
    text = report(name)
    assert "\x1b" not in text and "\x07" not in text
    assert text.endswith("\n")


def test_the_command_line_prints_the_same_text(run_cli):
    name = "unknown_name"
    status, out, err = run_cli("check", "--no-rules", f"{name}.gov", cwd=CASES)
    assert status == 1
    assert err == ""
    assert out == (CASES / f"{name}.txt").read_text(encoding="utf-8")
