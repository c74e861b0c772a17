"""Nothing a user wrote, and no location, is read as rich markup or turned into an emoji.

Rich replaces `:100:` with 💯 and `:x:` with ❌ and reads `[bold]` as a style
unless told not to; a location on line 100 once printed as `file.gov💯16`.
These tests run the real command line (a subprocess), once plain and once
with colour forced, so the console the user gets is the one tested.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.golden_files import assert_golden

GOLDEN = Path(__file__).with_name("golden")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COLOUR = {"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"}  # as a colour terminal would be


def _padded(lines: dict[int, str]) -> str:
    """A file with the given text on the given (1-based) lines and blank lines between."""
    last = max(lines)
    return "\n".join(lines.get(n, "") for n in range(1, last + 1)) + "\n"


MODEL = _padded(
    {
        1: "# Mistakes on lines 100 and 1000, in declarations whose titles look like markup.",
        2: 'organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }',
        100: 'organisation bold_trust "[bold]Trust[/bold] :x: :100:" { kind: nhs_trust rank: 1 }',
        1000: 'person lena "Lena [red]Frost[/] :smile:" { post: chair at bold_trsut }',
    }
)


@pytest.fixture
def model(tmp_path):
    (tmp_path / "file.gov").write_text(MODEL, encoding="utf-8")
    return tmp_path


def test_locations_on_lines_100_and_1000_and_markup_in_titles_print_as_written(run_cli, model):
    status, out, err = run_cli("check", "--no-rules", "file.gov", cwd=model)
    assert status == 1 and err == ""
    assert "file.gov:100:" in out and "file.gov:1000:" in out
    assert_golden(GOLDEN / "inert_locations.txt", out)


def test_forced_colour_changes_only_the_colour(run_cli, model):
    """With FORCE_COLOR the same text arrives, wrapped in colour codes and nothing else."""
    _, plain, _ = run_cli("check", "--no-rules", "file.gov", cwd=model)
    status, coloured, err = run_cli("check", "--no-rules", "file.gov", cwd=model, env=COLOUR)
    assert status == 1 and err == ""
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == plain


def test_whatif_prints_titles_as_written(run_cli, model):
    clean = model / "clean.gov"
    clean.write_text(
        'organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }\n'
        'board icb_board "[bold]Board[/] :x:" { parent: northmoor_icb seat: lena as chair }\n'
        'person lena "Lena [red]Frost[/] :100:" { post: chair at northmoor_icb }\n',
        encoding="utf-8",
    )
    status, out, err = run_cli("whatif", "clean.gov", "--remove", "lena", "--as-of", "2026-11-24", cwd=model, env=COLOUR)
    assert "Traceback" not in err
    shown = ANSI.sub("", out)
    assert "Lena [red]Frost[/] :100:" in shown
    assert "💯" not in out and "❌" not in out
