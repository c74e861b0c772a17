"""The rule engine: configuration, suppressions and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from govdsl.check.registry import rule_categories
from govdsl.config import Config, find_config, load_config
from govdsl.diagnostics import Severity

from tests.rules.harness import check_text, codes

BIG_PLACE = textwrap.dedent(
    """\
    system s "S" { population: 2m }
    place p "P" {
      within: s
      population: 560k
    }
    """
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# -- configuration -------------------------------------------------------------------------


def test_defaults_select_everything():
    config = Config()
    assert config.enabled("SUB001", "SUB")
    assert config.severity_for("SUB001", Severity.WARNING) is Severity.WARNING


def test_ignore_by_code_and_by_category():
    assert codes(check_text(BIG_PLACE, Config(ignore=("SUB001",)))) == []
    assert codes(check_text(BIG_PLACE, Config(ignore=("SUB",)))) == []
    assert codes(check_text(BIG_PLACE, Config(select=("COI",)))) == []


def test_severity_override():
    found = check_text(BIG_PLACE, Config(severity=(("SUB001", Severity.ERROR),)))
    assert [d.severity for d in found] == [Severity.ERROR]


def test_thresholds_change_the_bands(tmp_path):
    path = write(tmp_path, "govdsl.toml", "[thresholds]\nplace_population = [250000, 600000]\n")
    config, problems = load_config(path, rule_categories())
    assert problems == ()
    assert codes(check_text(BIG_PLACE, config)) == []


def test_config_read_from_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.govdsl.rules]\nignore = ["SUB001"]\n')
    (tmp_path / "sub").mkdir()
    found = find_config(tmp_path / "sub")
    assert found == tmp_path / "pyproject.toml"
    config, problems = load_config(found, rule_categories())
    assert problems == () and config.ignore == ("SUB001",)


def test_pyproject_without_govdsl_section_is_not_a_config(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None


@pytest.mark.parametrize(
    "text",
    [
        "[rules]\nselect = [\"SUB01\"]\n",
        "[rules]\nignore = \"SUB001\"\n",
        "[rules]\nseverity = { SUB001 = \"fatal\" }\n",
        "[rules]\nselcet = [\"ALL\"]\n",
        "[thresholds]\nplace_population = [500000, 250000]\n",
        "[thresholds]\nplace_populaton = [250000, 500000]\n",
        "[colours]\n",
        "not toml at all = = =\n",
    ],
)
def test_config_mistakes_are_diagnostics(tmp_path, text):
    path = write(tmp_path, "govdsl.toml", text)
    _, problems = load_config(path, rule_categories())
    assert [p.code for p in problems][:1] == ["CFG001"]


# -- suppressions ---------------------------------------------------------------------------


def test_suppression_above_a_declaration_covers_its_block():
    text = BIG_PLACE.replace('place p "P" {', '# govdsl: allow SUB001 because agreed by the partners\nplace p "P" {')
    assert codes(check_text(text)) == []


def test_suppression_at_end_of_line_covers_that_line():
    text = 'system s "S" { population: 2m }\nplace p "P" { within: s population: 560k } # govdsl: allow SUB001 because merged borough\n'
    assert codes(check_text(text)) == []


def test_suppression_of_another_line_does_not_apply():
    text = '# govdsl: allow SUB001 because merged\nsystem s "S" { population: 2m }\nplace p "P" { within: s population: 560k }\n'
    assert codes(check_text(text)) == ["SUB001", "SUP002"]


def test_suppression_without_reason_is_reported():
    text = BIG_PLACE.replace('place p "P" {', '# govdsl: allow SUB001\nplace p "P" {')
    assert codes(check_text(text)) == ["SUP001"]


def test_unused_suppression_is_reported():
    text = '# govdsl: allow SUB001 because no longer needed\nsystem s "S" { population: 2m }\n'
    assert codes(check_text(text)) == ["SUP002"]


def test_suppression_of_ignored_rule_is_not_reported_as_unused():
    text = '# govdsl: allow SUB001 because no longer needed\nsystem s "S" { population: 2m }\n'
    assert codes(check_text(text, Config(ignore=("SUB001",)))) == []


@pytest.mark.parametrize("comment", ["# govdsl: allow SUB999 because x", "# govdsl: alow SUB001 because x", "# govdsl:"])
def test_malformed_suppressions_are_reported(comment):
    text = comment + "\nsystem s \"S\" { population: 2m }\n"
    assert "SUP003" in codes(check_text(text))


def test_language_errors_stop_the_rules():
    text = BIG_PLACE + "place q \"Q\" { within: nowhere }\n"
    assert codes(check_text(text)) == ["REF001"]


# -- command line ----------------------------------------------------------------------------


def run(*args, cwd=None):
    result = subprocess.run([sys.executable, "-m", "govdsl", *args], capture_output=True, text=True, cwd=cwd)
    return result.returncode, result.stdout, result.stderr


def test_fail_on_sets_the_exit_threshold(tmp_path):
    path = write(tmp_path, "m.gov", BIG_PLACE)
    assert run("check", str(path))[0] == 0  # a warning alone does not fail
    assert run("check", "--fail-on", "warning", str(path))[0] == 1


def test_check_reads_the_nearest_config(tmp_path):
    write(tmp_path, "govdsl.toml", "[rules]\nignore = [\"SUB001\"]\n")
    path = write(tmp_path, "m.gov", BIG_PLACE)
    code, out, _ = run("check", "--fail-on", "warning", "--format", "json", str(path))
    assert code == 0 and json.loads(out)["warning_count"] == 0


def test_bad_config_exits_2(tmp_path):
    write(tmp_path, "govdsl.toml", "[rules]\nselect = [\"NOPE\"]\n")
    path = write(tmp_path, "m.gov", BIG_PLACE)
    code, out, err = run("check", str(path))
    assert code == 2 and "CFG001" in out and "Traceback" not in err


def test_bad_as_of_is_a_usage_error(tmp_path):
    path = write(tmp_path, "m.gov", BIG_PLACE)
    code, _, err = run("check", "--as-of", "2026-13-01", str(path))
    assert code == 2 and "not a date" in err


def test_rules_and_explain_commands():
    code, out, _ = run("rules", "--format", "json")
    assert code == 0 and any(r["code"] == "SUB001" for r in json.loads(out)["rules"])
    code, out, _ = run("explain", "sub001")
    assert code == 0 and "## Why is this bad?" in out
    code, _, err = run("explain", "XYZ999")
    assert code == 2 and "not a rule" in err


# -- project root ------------------------------------------------------------------------------


def test_project_root_lets_sibling_models_share_a_file(tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "national.gov").write_text('organisation nhse "NHS England" { kind: nhs_england }\n', encoding="utf-8")
    model = tmp_path / "north"
    model.mkdir()
    (model / "m.gov").write_text('include "../shared/national.gov"\norganisation icb "ICB" { kind: icb accountable_to: nhse }\n', encoding="utf-8")
    code, out, _ = run("check", "--format", "json", str(model))
    assert code == 1 and "SRC008" in out
    (model / "govdsl.toml").write_text('[project]\nroot = ".."\n', encoding="utf-8")
    code, out, _ = run("check", "--format", "json", "--no-rules", str(model))
    assert code == 0, out
    (model / "govdsl.toml").write_text('[project]\nroot = "../nowhere"\n', encoding="utf-8")
    code, out, _ = run("check", str(model))
    assert code == 2 and "CFG001" in out


def test_a_missing_config_file_is_a_diagnostic_for_every_command(tmp_path):
    path = write(tmp_path, "m.gov", BIG_PLACE)
    for args in (("check",), ("whatif", "--remove", "p"), ("query",)):
        extra = ("who sits on p",) if args[0] == "query" else ()
        code, out, err = run(*args, str(path), *extra, "--config", str(tmp_path / "nope.toml"))
        assert code == 2, args
        assert ("CFG001" in out + err or "does not exist" in err) and "Traceback" not in err
