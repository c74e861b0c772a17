"""Configuration files: every malformed setting is a CFG001 that names the file and the setting."""

from __future__ import annotations

import textwrap

import pytest

from govdsl.check.registry import rule_categories
from govdsl.config import Config, Thresholds, find_config, load_config
from govdsl.diagnostics import Severity


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(path):
    config, problems = load_config(path, rule_categories())
    assert all(p.code == "CFG001" and p.message.startswith(f"{path}: ") for p in problems)
    return config, [p.message.removeprefix(f"{path}: ") for p in problems]


def test_find_config_skips_a_broken_pyproject_and_keeps_looking_up(tmp_path):
    outer = write(tmp_path, "govdsl.toml", "[rules]\n")
    inner = tmp_path / "project"
    inner.mkdir()
    write(inner, "pyproject.toml", "[tool.govdsl\n")  # not valid TOML
    assert find_config(inner) == outer


def test_a_file_that_is_not_utf8_cannot_be_read(tmp_path):
    path = tmp_path / "govdsl.toml"
    path.write_bytes(b"[rules]\nselect = [\"\xff\"]\n")
    config, problems = load(path)
    assert len(problems) == 1 and problems[0].startswith("could not be read (")
    assert config == Config(path=str(path))


def test_project_must_be_a_table(tmp_path):
    config, problems = load(write(tmp_path, "govdsl.toml", 'project = "x"\n'))
    assert problems == ["`project` must be a table"]
    assert config.project_root is None


def test_project_settings_are_checked(tmp_path):
    path = write(
        tmp_path,
        "govdsl.toml",
        """\
        [project]
        root = 3
        name = "x"
        """,
    )
    config, problems = load(path)
    assert problems == ['`project.root` must be a folder, such as ".."', "unknown setting `project.name`"]
    assert config.project_root is None
    hint = load_config(path, rule_categories())[1][1].hint
    assert hint == "The only setting in [project] is `root`."


def test_project_root_must_name_a_folder(tmp_path):
    config, problems = load(write(tmp_path, "govdsl.toml", '[project]\nroot = "missing"\n'))
    assert problems == ["`project.root` names `missing`, which is not a folder"]
    assert config.project_root is None


def test_project_root_is_resolved_from_the_config_file(tmp_path):
    (tmp_path / "models").mkdir()
    config, problems = load(write(tmp_path, "govdsl.toml", '[project]\nroot = "models"\n'))
    assert problems == []
    assert config.project_root == str((tmp_path / "models").resolve())


def test_rules_must_be_a_table(tmp_path):
    config, problems = load(write(tmp_path, "govdsl.toml", "rules = 3\n"))
    assert problems == ["`rules` must be a table"]
    assert config.select == ("ALL",)


def test_a_severity_for_an_unknown_code_is_reported_and_ignored(tmp_path):
    config, problems = load(write(tmp_path, "govdsl.toml", '[rules.severity]\nSUB999 = "error"\nSUB001 = "error"\n'))
    assert problems == ["`SUB999` in `rules.severity` is not a rule code"]
    assert config.severity == (("SUB001", Severity.ERROR),)


@pytest.mark.parametrize("value, expected", [("0.25", 0.25), ("0", 0.0)])
def test_band_tolerance_is_a_fraction(tmp_path, value, expected):
    config, problems = load(write(tmp_path, "govdsl.toml", f"[thresholds]\nband_tolerance = {value}\n"))
    assert problems == []
    assert config.thresholds.band_tolerance == expected


@pytest.mark.parametrize("value", ["1", "1.5", "-0.1", '"ten"'])
def test_band_tolerance_outside_zero_to_one_is_refused(tmp_path, value):
    config, problems = load(write(tmp_path, "govdsl.toml", f"[thresholds]\nband_tolerance = {value}\n"))
    assert problems == ["`band_tolerance` must be a fraction between 0 and 1, such as 0.1"]
    assert config.thresholds.band_tolerance == Thresholds().band_tolerance


def test_day_counts_are_whole_numbers(tmp_path):
    config, problems = load(write(tmp_path, "govdsl.toml", "[thresholds]\ndeclaration_days = 14\nexpiry_warning_days = -1\n"))
    assert problems == ["`expiry_warning_days` must be a whole number"]
    assert config.thresholds.declaration_days == 14
    assert config.thresholds.expiry_warning_days == Thresholds().expiry_warning_days
