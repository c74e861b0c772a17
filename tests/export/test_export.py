"""Exports: golden Markdown and CSV, spreadsheets that open, inert hostile text, --public, the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import attrs
import openpyxl
import pytest

import govdsl

from govdsl import load
from govdsl.export import FORMATS, KINDS, build, export
from govdsl.export.tables import decision_words, quorum_words, sord_section
from govdsl.model.types import DecisionRule, Quorum, QuorumRequirement
from tests.golden_files import assert_golden

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
AS_OF = dt.date(2025, 6, 1)
MODEL = load([FIXTURES / "northmoor.gov"]).model
HOSTILE = load([FIXTURES / "hostile.gov"]).model

EXPECTED_SHEETS = {
    "sord": ["Scheme of delegation", "About"],
    "interests": ["Register of interests", "About"],
    "membership": ["Membership", "Quorum and decisions", "About"],
    "tor": ["Terms of reference", "About"],
}


def test_the_fixtures_are_clean():
    assert load([FIXTURES / "northmoor.gov"]).diagnostics == ()
    assert load([FIXTURES / "hostile.gov"]).diagnostics == ()


# -- golden files ------------------------------------------------------------------------------------
def _golden(name: str, produced: bytes) -> None:
    assert_golden(GOLDEN / name, produced)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_golden_text_outputs(kind, fmt):
    _golden(f"{kind}.{fmt}", export(MODEL, kind, fmt, AS_OF).encode("utf-8"))


def test_golden_public_register():
    _golden("interests.public.md", export(MODEL, "interests", "md", AS_OF, public=True).encode("utf-8"))


# -- what the documents say ------------------------------------------------------------------------------
def _rows(kind, model=MODEL, on=AS_OF, public=False):
    return build(model, kind, on, public).tables[0].rows


def test_sord_sections():
    sections = {d.id: sord_section(MODEL, d) for d in MODEL.delegations}
    assert sections == {
        "d_finance": "B",
        "d_north": "B",
        "d_write_offs": "C",
        "d_mh": "D",
        "d_elective": "D",
        "d_nhse": "E",
        "d_future": "E",
    }
    refs = [row[0] for row in _rows("sord")]
    assert refs == ["A1", "A2", "B1", "B2", "C1", "D1", "D2", "E1", "E2"]


def test_sord_leaves_out_what_nhs_england_keeps_to_itself():
    """The scheme is the system's: NHS England's reservations to its own board, and its own
    internal delegations, belong in NHS England's scheme; what it delegates to the system is E."""
    extra = (FIXTURES / "northmoor.gov").read_text(encoding="utf-8") + (
        'board nhse_board "NHS England Board" {\n  parent: nhse\n}\n'
        'committee nhse_cttee "NHS England Commissioning Committee" {\n  parent: nhse_board\n}\n'
        'function nhse.constitutions "Approving ICB constitutions" {\n  held_by: nhse\n  reserved_to: nhse_board\n}\n'
        'function nhse.specialised "Commissioning specialised services" {\n  held_by: nhse\n}\n'
        'delegation d_nhse_internal "Within NHS England" {\n  from: nhse_board\n  to: nhse_cttee\n'
        '  functions: [nhse.specialised]\n  basis: scheme_of_delegation\n  effective: 2024-04-01\n}\n'
    )
    compilation = govdsl.load_text(extra, "northmoor.gov")
    assert [d.code for d in compilation.errors] == []
    rows = _rows("sord", compilation.model)
    assert not any("Approving ICB constitutions" in row[2] for row in rows)
    assert not any("specialised" in row[2] for row in rows)
    assert [row[0] for row in rows] == ["A1", "A2", "B1", "B2", "C1", "D1", "D2", "E1", "E2"]


def test_sord_cells():
    by_ref = {row[0]: row for row in _rows("sord")}
    b2 = by_ref["B2"]
    assert b2[2] == "Commission community services"
    assert b2[4] == "North Northmoor Place Committee"
    assert b2[6] == "No"
    assert b2[7] == "£18,000,000"
    assert b2[9] == "Finance and Performance Committee; NHS Northmoor ICB Board"
    assert b2[10] == "The body's own scheme of reservation and delegation"
    assert (b2[11], b2[12]) == (dt.date(2024, 4, 1), dt.date(2027, 3, 31))
    assert by_ref["E1"][7] == "No limit set"
    assert by_ref["E1"][6] == "Yes"
    assert by_ref["A1"][4] == "NHS Northmoor ICB Board"


def test_as_of_date_decides_what_is_in_force():
    later = [row[0] for row in _rows("sord", on=dt.date(2026, 5, 1))]
    assert later.count("E3") == 1  # dental services from April 2026
    earlier = build(MODEL, "membership", dt.date(2024, 6, 1)).tables[0]
    ann = next(row for row in earlier.rows if row[0] == "Dr Ann Hale")
    assert ann[earlier.columns.index("Audit and Risk Committee")] == "Voting member"
    now = build(MODEL, "membership", AS_OF).tables[0]
    ann = next(row for row in now.rows if row[0] == "Dr Ann Hale")
    assert ann[now.columns.index("Audit and Risk Committee")] == ""


def test_quorum_and_decision_rules_in_words():
    quorum = Quorum(6, (QuorumRequirement(1, ("chair", "vice_chair")), QuorumRequirement(1, ("clinician",))))
    assert quorum_words(quorum) == "6 including the chair or vice-chair, 1 clinician"
    assert quorum_words(Quorum(3, (QuorumRequirement(2, ("non_executive",)),))) == "3 including 2 non-executive members"
    assert quorum_words(None) == "Not set"
    assert decision_words(DecisionRule("simple_majority", casting_vote=True)) == "Simple majority; the chair has a casting vote"
    assert decision_words(DecisionRule("double_majority", blocs=("nhs", "local_government"))) == (
        "Double majority of NHS and local government"
    )


def test_documents_use_labels_not_identifiers():
    for kind in KINDS:
        for fmt in ("md", "csv"):
            text = export(MODEL, kind, fmt, AS_OF)
            for word in ("non_financial", "exclude_from", "scheme_of_delegation", "partner_member", "_"):
                assert word not in text, (kind, fmt, word)


def test_nil_returns_and_missing_declarations():
    rows = {row[0]: row for row in _rows("interests")}
    assert rows["Dr Ann Hale"][2:4] == ("Nil return", "No interests to declare")
    assert rows["Dr Ann Hale"][7] == dt.date(2024, 4, 1)
    assert rows["Mark Odum"][3] == "No declaration recorded"


# -- dates and reasons ------------------------------------------------------------------------------------
def _record(kind, first, model=MODEL, on=AS_OF):
    """The row whose first cell is `first`, as a dict by column."""
    table = build(model, kind, on).tables[0]
    (row,) = [r for r in table.rows if r[0] == first]
    return dict(zip(table.columns, row))


def test_tor_says_when_a_forum_was_established_and_when_it_closes():
    joint = _record("tor", "Northmoor Mental Health Joint Committee")
    assert (joint["Established"], joint["Closing date"]) == (dt.date(2024, 4, 1), dt.date(2026, 3, 31))
    board = _record("tor", "NHS Northmoor ICB Board")
    assert (board["Established"], board["Closing date"]) == (dt.date(2022, 7, 1), None)
    audit = _record("tor", "Audit and Risk Committee")
    assert (audit["Established"], audit["Closing date"]) == (None, None)
    text = export(MODEL, "tor", "md", AS_OF)
    assert "| Established | 1 April 2024 |\n| Closing date | 31 March 2026 |" in text
    assert "| Established | — |\n| Closing date | — |" in text  # no dates recorded: nothing invented
    assert "2024-04-01,2026-03-31," in export(MODEL, "tor", "csv", AS_OF)


def test_tor_leaves_out_a_forum_that_has_closed_or_is_not_yet_established():
    assert "Northmoor Mental Health Joint Committee" not in export(MODEL, "tor", "md", dt.date(2026, 4, 1))
    assert "North Northmoor Place Committee" not in export(MODEL, "tor", "md", dt.date(2024, 3, 31))


def test_register_roles_give_the_dates_of_posts():
    roles = {row[0]: row[1] for row in _rows("interests")}
    assert roles["Mark Odum"].endswith("Chief executive, NHS Northmoor ICB (since 1 April 2023)")
    assert roles["Karen Blythe"].endswith("Chief executive, Northmoor Council (1 September 2020 to 31 December 2025)")
    assert roles["Priya Shah"].endswith("Director of finance, NHS Northmoor ICB")  # no dates recorded: none shown
    assert "since" not in roles["Priya Shah"] and "(" not in roles["Lena Frost"]
    # A former post is not a role held on the day; it is shown again as of a day it was held.
    assert "Clinical director" not in roles["Dr Tom Reyes"]
    earlier = {row[0]: row[1] for row in _rows("interests", on=dt.date(2021, 1, 1))}
    assert earlier["Dr Tom Reyes"].endswith("Clinical director, Moorside PCN (1 April 2016 to 30 June 2022)")
    # The scheme of delegation names a person's posts without their dates.
    c1 = {row[0]: row for row in _rows("sord")}["C1"]
    assert c1[4] == "Priya Shah (Director of finance, NHS Northmoor ICB)"


def test_sord_shows_the_reason_recorded_for_a_function_or_a_delegation():
    by_ref = {row[0]: row for row in _rows("sord")}
    assert by_ref["A1"][8] == "Reason: Agreed with every partner for the whole system"  # the function's
    assert by_ref["D2"][8] == "Reason: The trust runs the elective hub for the whole system"  # the delegation's
    assert by_ref["A2"][8] == "" and by_ref["B1"][8] == "Within the approved financial plan"
    unreasoned = MODEL.replace(
        functions=tuple(attrs.evolve(f, reason=None) for f in MODEL.functions),
        delegations=tuple(attrs.evolve(d, reason=None) for d in MODEL.delegations),
    )
    for fmt in ("md", "csv"):
        assert "Reason" not in export(unreasoned, "sord", fmt, AS_OF)


def test_sord_puts_a_reason_after_the_conditions_and_each_distinct_reason_once():
    text = (FIXTURES / "northmoor.gov").read_text(encoding="utf-8")
    text = text.replace(
        '  conditions: "Within the approved financial plan"\n',
        '  conditions: "Within the approved financial plan."\n  reason: "Contracts are let for the whole system"\n',
    ).replace('  source: "SFI 8.4"\n', '  source: "SFI 8.4"\n  reason: "One contracts team serves the system"\n')
    text = text.replace(
        '  basis: lead_provider_contract\n', '  basis: lead_provider_contract\n  conditions: "Within the contract"\n'
    ).replace(
        'function commissioning.elective_recovery "Deliver the elective recovery programme" {\n',
        'function commissioning.elective_recovery "Deliver the elective recovery programme" {\n'
        '  reason: "The trust runs the elective hub for the whole system"\n',
    )
    compilation = govdsl.load_text(text, "northmoor.gov")
    assert compilation.diagnostics == ()
    by_ref = {row[0]: row for row in _rows("sord", compilation.model)}
    assert by_ref["B1"][8] == (
        "Within the approved financial plan. Reason: Contracts are let for the whole system; "
        "One contracts team serves the system"
    )
    assert by_ref["D2"][8] == "Within the contract. Reason: The trust runs the elective hub for the whole system"


def test_xlsx_dates_of_a_forum_are_dates(tmp_path):
    path = tmp_path / "tor.xlsx"
    path.write_bytes(export(MODEL, "tor", "xlsx", AS_OF))
    ws = openpyxl.load_workbook(path)["Terms of reference"]
    header = [c.value for c in ws[1]]
    joint = next(row for row in ws.iter_rows(min_row=2) if row[0].value == "Northmoor Mental Health Joint Committee")
    established, closing = joint[header.index("Established")], joint[header.index("Closing date")]
    assert (established.value, closing.value) == (dt.datetime(2024, 4, 1), dt.datetime(2026, 3, 31))
    assert established.number_format == closing.number_format == "d mmmm yyyy"


# -- the publication version ----------------------------------------------------------------------------
def test_public_register_leaves_out_indirect_and_private_interests():
    full = _rows("interests")
    public = _rows("interests", public=True)
    assert any(row[2] == "Indirect" for row in full)
    assert any(row[4] == "Trustee of a local hospice charity" for row in full)
    assert not any(row[2] == "Indirect" for row in public)
    assert not any(row[4] == "Trustee of a local hospice charity" for row in public)
    # Priya Shah declared only an indirect interest: she is not shown as having declared nothing.
    priya = [row for row in public if row[0] == "Priya Shah"]
    assert [row[3] for row in priya] == ["No interests for publication"]
    # Lena Frost's professional interest is still published.
    assert any(row[0] == "Lena Frost" and row[2] == "Non-financial professional" for row in public)


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_public_text_never_holds_withheld_details(fmt):
    text = export(MODEL, "interests", fmt, AS_OF, public=True)
    for secret in ("anaesthetist", "hospice", "priya.shah@example.nhs.uk", "spouse"):
        assert secret not in text


def test_contact_details_are_never_exported():
    for kind in KINDS:
        for fmt in ("md", "csv"):
            assert "priya.shah@example.nhs.uk" not in export(MODEL, kind, fmt, AS_OF)


# -- spreadsheets ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_opens_with_sheets_and_header(kind, tmp_path):
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(export(MODEL, kind, "xlsx", AS_OF))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == EXPECTED_SHEETS[kind]
    document = build(MODEL, kind, AS_OF)
    for table, ws in zip(document.tables, wb.worksheets):
        assert tuple(c.value for c in ws[1]) == table.columns
        assert all(c.font.b for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.max_row == len(table.rows) + 1
        assert ws.column_dimensions["A"].width >= 8
    about = {row[0]: row[1] for row in wb["About"].iter_rows(min_row=2, values_only=True)}
    assert about["System"] == "Northmoor ICS"
    assert about["In force on"] == dt.datetime(2025, 6, 1)


def test_xlsx_dates_are_dates(tmp_path):
    path = tmp_path / "sord.xlsx"
    path.write_bytes(export(MODEL, "sord", "xlsx", AS_OF))
    ws = openpyxl.load_workbook(path)["Scheme of delegation"]
    effective = ws.cell(row=4, column=12)  # B1, Effective
    assert effective.value == dt.datetime(2023, 4, 1)
    assert effective.number_format == "d mmmm yyyy"


# -- determinism ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_two_runs_are_byte_identical(kind, fmt):
    assert export(MODEL, kind, fmt, AS_OF) == export(MODEL, kind, fmt, AS_OF)


def test_xlsx_does_not_carry_the_time_it_was_made():
    first = export(MODEL, "membership", "xlsx", AS_OF)
    time.sleep(2.1)  # zip times have two-second resolution
    assert export(MODEL, "membership", "xlsx", AS_OF) == first


# -- hostile text ----------------------------------------------------------------------------------------
HOSTILE_AS_OF = dt.date(2025, 1, 1)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_is_inert_in_markdown(kind):
    text = export(HOSTILE, kind, "md", HOSTILE_AS_OF)
    assert not BIDI.search(text)
    assert "<" not in text.replace("<br>", "")
    assert ">" not in text.replace("<br>", "")
    assert "](" not in text.replace("\\](", "")  # no live links
    assert "`" not in text.replace("\\`", "")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("| ") and i + 1 < len(lines) and lines[i + 1].startswith("| ---"):
            width = len(_UNESCAPED_PIPE.findall(line))
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                assert len(_UNESCAPED_PIPE.findall(lines[j])) == width, lines[j]
                j += 1


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_is_inert_in_csv(kind):
    text = export(HOSTILE, kind, "csv", HOSTILE_AS_OF)
    assert not BIDI.search(text)
    blocks = text.split("\r\n\r\n")
    for block in blocks:
        rows = list(csv.reader(io.StringIO(block, newline="")))
        width = len(rows[0])
        for row in rows:
            assert len(row) == width
            for value in row:
                assert not value.startswith(FORMULA_STARTS), value


def test_csv_cells_that_look_like_formulas_get_a_quote():
    rows = list(csv.reader(io.StringIO(export(HOSTILE, "interests", "csv", HOSTILE_AS_OF), newline="")))
    cells = {value for row in rows for value in row}
    assert "'-2+3 Tabby" in cells
    assert "'+SUM(A1:A2) \"quoted\" Trust" in cells
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    matrix = list(csv.reader(io.StringIO(export(HOSTILE, "membership", "csv", HOSTILE_AS_OF), newline="")))
    assert matrix[0][1] == "'-Board\nwith a new line"  # headers too


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_is_inert_in_xlsx(kind, tmp_path):
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(export(HOSTILE, kind, "xlsx", HOSTILE_AS_OF))
    wb = openpyxl.load_workbook(path)
    seen = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    seen.append(c.value)
                    assert not c.value.startswith(FORMULA_STARTS), c.value
                    assert not BIDI.search(c.value)
    assert any(v[:2] in ("'=", "'+", "'-", "'@") for v in seen)  # the protection was needed, and given


def test_hostile_names_keep_their_meaning():
    rows = _rows("interests", model=HOSTILE, on=HOSTILE_AS_OF)
    names = {row[0] for row in rows}
    assert "<script>alert(1)</script> Mallory" in names  # kept, and escaped only by each writer
    assert "Ann \N{REPLACEMENT CHARACTER}evil\N{REPLACEMENT CHARACTER} Hale" in names


def test_hostile_reasons_are_inert_in_every_format(tmp_path):
    md = export(HOSTILE, "sord", "md", HOSTILE_AS_OF)
    assert (
        "Reason: =2+2 &lt;b&gt;why&lt;/b&gt; \\| \\`tick\\` \\[here\\](javascript:alert(1))<br>"
        "second \N{REPLACEMENT CHARACTER}line\N{REPLACEMENT CHARACTER} \\*bold\\*"
    ) in md
    assert "-1 then =2. Reason: @SUM(1+1) \\| &lt;i&gt;delegated&lt;/i&gt;" in md
    rows = list(csv.reader(io.StringIO(export(HOSTILE, "sord", "csv", HOSTILE_AS_OF), newline="")))
    conditions = [row[8] for row in rows[1:]]
    assert conditions == [
        (
            "Reason: =2+2 <b>why</b> | `tick` [here](javascript:alert(1))\nsecond \N{REPLACEMENT CHARACTER}line"
            "\N{REPLACEMENT CHARACTER} *bold*"
        ),
        "'-1 then =2. Reason: @SUM(1+1) | <i>delegated</i>",
    ]
    path = tmp_path / "sord.xlsx"
    path.write_bytes(export(HOSTILE, "sord", "xlsx", HOSTILE_AS_OF))
    ws = openpyxl.load_workbook(path)["Scheme of delegation"]
    assert ws.cell(row=2, column=9).value.startswith("Reason: =2+2 <b>why</b>")
    assert ws.cell(row=2, column=9).data_type == "s"


def test_hostile_public_register():
    public = export(HOSTILE, "interests", "csv", HOSTILE_AS_OF, public=True)
    assert "Spouse works there" not in public
    assert "@SUM" not in public


# -- the command line -----------------------------------------------------------------------------------
def _govdsl(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "govdsl", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_cli_markdown_to_stdout_matches_the_api():
    result = _govdsl("export", "sord", FIXTURES / "northmoor.gov", "--as-of", "2025-06-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout == export(MODEL, "sord", "md", AS_OF)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_a_file(fmt, tmp_path):
    target = tmp_path / f"out.{fmt}"
    result = _govdsl("export", "membership", FIXTURES / "northmoor.gov", "--as-of", "2025-06-01", "-o", target)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == (
        data if isinstance(data := export(MODEL, "membership", fmt, AS_OF), bytes) else data.encode("utf-8")
    )


def test_cli_format_overrides_the_file_name(tmp_path):
    target = tmp_path / "register.txt"
    result = _govdsl("export", "interests", FIXTURES / "northmoor.gov", "--format", "csv", "--public", "--as-of", "2025-06-01", "-o", target)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("Name,Roles,Interest type")
    assert "anaesthetist" not in target.read_text(encoding="utf-8")


def test_cli_language_errors_exit_1_and_write_nothing(tmp_path):
    broken = tmp_path / "broken.gov"
    broken.write_text('person ann "Ann" { post: chiar at nowhere }\n', encoding="utf-8")
    target = tmp_path / "out.md"
    result = _govdsl("export", "sord", broken, "-o", target)
    assert result.returncode == 1
    assert "VAL003" in result.stderr or "REF001" in result.stderr
    assert not target.exists()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("export", "sord", "does-not-exist.gov"),
        ("export", "nonsense", "x.gov"),
        ("export", "sord", "FIXTURE", "--as-of", "2025-02-30"),
        ("export", "sord", "FIXTURE", "--format", "pdf"),
        ("export", "sord", "FIXTURE", "--format", "xlsx"),
        ("export", "sord", "FIXTURE", "--format", "xlsx", "-o", "-"),
        ("export", "sord", "FIXTURE", "-o", "DIRECTORY"),
        ("export",),
    ],
)
def test_cli_usage_and_io_problems_exit_2_without_a_traceback(args, tmp_path):
    args = [
        FIXTURES / "northmoor.gov" if a == "FIXTURE" else tmp_path if a == "DIRECTORY" else a for a in args
    ]
    result = _govdsl(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert result.stdout == ""


def test_cli_replaces_a_file_only_when_the_export_succeeds(tmp_path):
    target = tmp_path / "sord.md"
    target.write_text("previous version\n", encoding="utf-8")
    broken = tmp_path / "broken.gov"
    broken.write_text("organisation x {\n", encoding="utf-8")
    result = _govdsl("export", "sord", broken, "-o", target)
    assert result.returncode == 1
    assert target.read_text(encoding="utf-8") == "previous version\n"
