"""`govdsl test`: the .govtest format, every assertion form passing and failing, malformed lines, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path

import pytest

import govdsl
from govdsl.assertions import FORMS, Subject, check, check_text, parse_assertion, parse_text

HERE = Path(__file__).resolve().parent
MODEL = HERE.parent / "query" / "fenmoor.gov"  # the query tests' model
EXAMPLES = HERE.parent.parent / "examples"
ON = dt.date(2026, 7, 1)

CLEAN = """
organisation nhse "NHS England" { kind: nhs_england }
"""


@pytest.fixture(scope="module")
def subject():
    compilation = govdsl.load([MODEL])
    assert not compilation.errors, compilation.errors
    return Subject(compilation, as_of=ON)


def outcome(subject, line: str) -> bool:
    test_file = parse_text(line)
    assert not test_file.problems, test_file.problems
    (assertion,) = test_file.assertions
    result = check(assertion, subject)
    assert result.message  # every result says what was found
    return result.passed


# -- the format -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("form, example", FORMS)
def test_every_documented_example_parses(form, example):
    assert parse_assertion(example.removeprefix("expect ")) is not None


def test_comments_blank_lines_and_headers():
    test_file = parse_text(
        textwrap.dedent(
            """\
            # a comment
            as-of: 2026-04-01

            model: system.gov ../shared
            expect audit is quorate   # a trailing comment
            EXPECT The Audit Committee Is Quorate.
            """
        ),
        "folder/x.govtest",
    )
    assert test_file.problems == ()
    assert test_file.as_of == dt.date(2026, 4, 1)
    assert test_file.model == ("system.gov", "../shared")
    assert test_file.model_paths() == [str(Path("folder/system.gov")), str(Path("folder/../shared"))]
    assert [(a.line, a.form) for a in test_file.assertions] == [(5, "quorate"), (6, "quorate")]


def test_without_a_model_header_the_model_is_the_files_folder():
    assert parse_text("expect no errors", "a/b/c.govtest").model_paths() == [str(Path("a/b"))]


@pytest.mark.parametrize(
    "text, line",
    [
        ("expect audit is marvellous", 1),
        ("# fine\naudit is quorate", 2),  # no `expect`
        ("expect north_committee decides community.north up to lots", 1),
        ("expect place fen_north has population roughly 300k", 1),
        ("as-of: tomorrow", 1),
        ("as-of: 2026-01-01\nas-of: 2026-02-01", 2),
        ("model:", 1),
    ],
)
def test_malformed_lines_are_problems_with_their_line_and_a_hint(text, line):
    test_file = parse_text(text, "x.govtest")
    (problem,) = test_file.problems
    assert (problem.path, problem.line) == ("x.govtest", line)
    assert problem.hint


def test_unknown_forms_hint_lists_every_form():
    (problem,) = parse_text("expect audit is marvellous").problems
    for form, _ in FORMS:
        assert form in problem.hint


# -- each form, passing and failing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, passed",
    [
        ("expect north_committee decides community.north up to £18m", True),
        ("expect north_committee decides community.north up to £5m", False),
        ("expect the Fen North Place Committee decides community services for Fen North up to £18,000,000", True),
        ("expect north_committee decides community services", True),  # the one it holds
        ("expect south_committee decides community.north for fen_north", False),
        ("expect north_committee decides commissioning.primary_medical for marsh up to £2m", True),
        ("expect fenmoor_icb decides acute with no limit", True),
        ("expect icb_board decides acute", True),  # a board decides for its organisation
        ("expect dev decides acute with no limit", False),
        ("expect dev decides acute up to £1.2m", True),
        ("expect hwb decides acute", False),
        ("expect north_committee does not decide community.south", True),
        ("expect north_committee does not decide community.north", False),
        ("expect south_committee does not decide community.north for fen_north", True),
    ],
)
def test_decides(subject, line, passed):
    assert outcome(subject, line) is passed


@pytest.mark.parametrize(
    "line, passed",
    [
        ("expect icb_board stays quorate without its chair", True),  # the vice-chair is there
        ("expect audit stays quorate without its chair", False),  # 2 independent members are needed
        ("expect audit stays quorate without cara", False),
        ("expect north_committee stays quorate without bill", True),
        ("expect north_committee stays quorate without bill and gwen", False),
        ("expect icb_board stays quorate without fen_hospitals", True),  # an organisation's members
        ("expect audit stays quorate without lee", False),  # lee holds no seat there
        ("expect audit is quorate", True),
    ],
)
def test_quorum(subject, line, passed):
    assert outcome(subject, line) is passed


def test_a_forum_that_can_never_be_quorate_fails():
    compilation = govdsl.load_text('committee c "C" { quorum: 3  seat: p as chair }\nperson p "P" { }\n')
    results, _ = check_text("expect c is quorate\nexpect c stays quorate without p", compilation, ON)
    assert [r.passed for r in results] == [False, False]


@pytest.mark.parametrize(
    "line, passed",
    [
        ("expect no acute trust holds a veto at the ICP", False),  # double majority: the trust is half the NHS bloc
        ("expect no acute trust holds a veto at the HWB", True),
        ("expect nobody holds a veto at the hwb", True),
        ("expect fenmoor_council holds a veto at icp", True),
        ("expect fenmoor_council holds a veto at hwb", False),
        ("expect no council holds a veto at icp", False),
        ("expect no spaceship holds a veto at icp", False),  # not a kind govdsl knows
        ("expect local government holds a veto at icp", True),
        ("expect ada holds a veto at icp", True),
    ],
)
def test_veto(subject, line, passed):
    assert outcome(subject, line) is passed


@pytest.mark.parametrize(
    "line, passed",
    [
        ("expect audit is accountable to NHS England", True),
        ("expect north_committee is accountable to icb_board", True),
        ("expect hwb is accountable to nhse", False),
        ("expect hwb is accountable to fenmoor_council", True),
    ],
)
def test_accountable(subject, line, passed):
    assert outcome(subject, line) is passed


@pytest.mark.parametrize(
    "line, passed",
    [
        ("expect bill steps out of decision north_contract", True),
        ("expect gwen steps out of decision pcn_funding", False),  # she must, but it is not recorded
        ("expect gwen must step out of decision pcn_funding", True),
        ("expect gwen must step out of decision north_contract", False),  # declared and participates
        ("expect lee must step out of decision pcn_funding", False),
    ],
)
def test_step_out(subject, line, passed):
    assert outcome(subject, line) is passed


@pytest.mark.parametrize(
    "line, passed",
    [
        ("expect cara sits on audit as chair", True),
        ("expect cara sits on audit as vice chair", False),
        ("expect dev sits on audit", True),
        ("expect dev sits on audit as a voting member", False),
        ("expect lee sits on audit", False),
    ],
)
def test_sits_on(subject, line, passed):
    assert outcome(subject, line) is passed


@pytest.mark.parametrize(
    "line, passed",
    [
        ("expect place fen_north has population between 250k and 500k", True),
        ("expect place fen_north has population between 400k and 500k", False),
        ("expect system fenmoor has a population of at least 1m", True),
        ("expect place fenmoor has population of at least 1m", False),  # a system, not a place
        ("expect fen_south has a population under 500k", True),
        ("expect fen_south has a population over 500k", False),
    ],
)
def test_population(subject, line, passed):
    assert outcome(subject, line) is passed


@pytest.mark.parametrize(
    "line, passed",
    [
        ("expect no errors", False),
        ("expect no findings GOV004", False),
        ("expect no findings COI003", True),
        ("expect finding GOV002 about audit", True),
        ("expect finding GOV002 about north_committee", False),
        ("expect finding COI003", False),
    ],
)
def test_findings(subject, line, passed):
    assert outcome(subject, line) is passed


def test_no_errors_on_a_clean_model():
    results, _ = check_text("expect no errors\nexpect no warnings\nexpect no findings", govdsl.load_text(CLEAN), ON)
    assert [r.passed for r in results] == [True, True, True]


def test_an_unknown_name_fails_with_a_suggestion(subject):
    test_file = parse_text("expect audt is quorate")
    result = check(test_file.assertions[0], subject)
    assert not result.passed and "`audit`" in result.message


def test_the_date_matters(subject):
    compilation = subject.compilation
    text = "expect south_committee decides community.south up to £25m"
    assert check_text(text, compilation, dt.date(2026, 7, 1))[0][0].passed
    assert not check_text(text, compilation, dt.date(2026, 3, 1))[0][0].passed  # the delegation starts in April


# -- the command line ---------------------------------------------------------------------------------------


def _folder(tmp_path: Path, assertions: str) -> Path:
    shutil.copy(MODEL, tmp_path / "fenmoor.gov")
    (tmp_path / "fenmoor.govtest").write_text("as-of: 2026-07-01\n" + textwrap.dedent(assertions), encoding="utf-8")
    return tmp_path


def test_cli_all_pass_exit_0(run_cli, tmp_path):
    folder = _folder(tmp_path, "expect audit is quorate\nexpect bill steps out of decision north_contract\n")
    status, out, err = run_cli("test", folder)
    assert status == 0, out + err
    assert out.rstrip().splitlines()[-1] == "2 passed, 0 failed"


def test_cli_a_failure_exit_1(run_cli, tmp_path):
    folder = _folder(tmp_path, "expect audit is quorate\nexpect audit stays quorate without its chair\n")
    status, out, _ = run_cli("test", folder)
    assert status == 1
    assert out.rstrip().splitlines()[-1] == "1 passed, 1 failed"
    assert "FAIL" in out and "line 3" in out


def test_cli_malformed_line_exit_2_with_file_and_line(run_cli, tmp_path):
    folder = _folder(tmp_path, "expect audit is quorate\nexpect audit is splendid\n")
    status, out, err = run_cli("test", folder / "fenmoor.govtest")
    assert status == 2
    assert "fenmoor.govtest:3" in err and "expect PARTY decides FUNCTION" in err
    assert out.rstrip().splitlines()[-1] == "1 passed, 0 failed"


def test_cli_no_govtest_files_or_not_a_govtest_file_exit_2(run_cli, tmp_path):
    shutil.copy(MODEL, tmp_path / "fenmoor.gov")
    assert run_cli("test", tmp_path)[0] == 2
    assert run_cli("test", tmp_path / "fenmoor.gov")[0] == 2
    assert run_cli("test", tmp_path / "missing")[0] == 2


def test_cli_json(run_cli, tmp_path):
    folder = _folder(tmp_path, "expect audit is quorate\nexpect audit stays quorate without cara\n")
    status, out, _ = run_cli("test", folder, "--format", "json")
    assert status == 1
    data = json.loads(out)
    assert (data["format_version"], data["passed"], data["failed"]) == (1, 1, 1)
    results = data["files"][0]["results"]
    assert [(r["line"], r["passed"]) for r in results] == [(2, True), (3, False)]
    assert data["files"][0]["as_of"] == "2026-07-01"


def test_cli_as_of_option_wins_over_the_header(run_cli, tmp_path):
    folder = _folder(tmp_path, "expect south_committee decides community.south\n")
    assert run_cli("test", folder)[0] == 0
    assert run_cli("test", folder, "--as-of", "2026-03-01")[0] == 1


def test_cli_model_header(run_cli, tmp_path):
    (tmp_path / "model").mkdir()
    shutil.copy(MODEL, tmp_path / "model" / "fenmoor.gov")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "a.govtest").write_text("model: ../model\nexpect audit is quorate\n", encoding="utf-8")
    status, out, err = run_cli("test", tmp_path / "tests")
    assert status == 0, out + err


def test_cli_model_with_errors_fails_every_assertion(run_cli, tmp_path):
    (tmp_path / "bad.gov").write_text('committee x "X" { parent: nobody }\n', encoding="utf-8")
    (tmp_path / "bad.govtest").write_text("expect x is quorate\nexpect no errors\n", encoding="utf-8")
    status, out, _ = run_cli("test", tmp_path)
    assert status == 1
    assert "NOT RUN" in out and out.rstrip().splitlines()[-1] == "0 passed, 2 failed"


BUNDLED = ("northmoor", "riverbank", "greater_fens")


@pytest.mark.parametrize("system", BUNDLED)
def test_bundled_examples_pass(run_cli, system):
    folder = EXAMPLES / system
    if not folder.is_dir():
        pytest.skip(f"the {system} example is not there")
    test_file = folder / f"{system}.govtest"
    assert test_file.is_file(), f"add {test_file.relative_to(EXAMPLES.parent)}"
    parsed = parse_text(test_file.read_text(encoding="utf-8"))
    assert 5 <= len(parsed.assertions) <= 10 and not parsed.problems
    forms = {a.form for a in parsed.assertions}
    assert {"quorate_without", "decides"} <= forms
    status, out, err = run_cli("test", folder)
    assert status == 0, out + err
    assert out.rstrip().splitlines()[-1] == f"{len(parsed.assertions)} passed, 0 failed"
