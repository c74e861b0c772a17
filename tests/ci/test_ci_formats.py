"""CI reports: SARIF validates against the official schema; GitHub annotations are well formed."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

def _schema_path() -> Path:
    """The SARIF 2.1.0 schema kept in `shared/schemas/` beside the checkout (or above a worktree of it)."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "schemas" / "sarif-schema-2.1.0.json"
        if candidate.exists():
            return candidate
    return Path("/work/shared/schemas/sarif-schema-2.1.0.json")


SCHEMA_PATH = _schema_path()

MODEL = textwrap.dedent(
    """\
    system s "S" { population: 2m }
    place p "P" {
      within: s
      population: 560k
    }
    place q "Q" {
      within: nowhere
    }
    """
)
CLEAN_WITH_WARNING = 'system s "S" { population: 2m }\nplace p "P" {\n  within: s\n  population: 560k\n}\n'


def run(tmp_path, text, *args):
    path = tmp_path / "model.gov"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "govdsl", "check", *args, "model.gov"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


@pytest.fixture(scope="module")
def schema():
    if not SCHEMA_PATH.exists():
        pytest.skip(f"the SARIF schema is not at {SCHEMA_PATH}")
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [MODEL, CLEAN_WITH_WARNING, 'place p "P" {\n  within s\n'])
def test_sarif_validates(tmp_path, schema, text):
    result = run(tmp_path, text, "--format", "sarif")
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    run_ = document["runs"][0]
    assert run_["tool"]["driver"]["name"] == "govdsl"
    for item in run_["results"]:
        rule = run_["tool"]["driver"]["rules"][item["ruleIndex"]]
        assert rule["id"] == item["ruleId"]
        assert item["partialFingerprints"]["govdslFingerprint/v1"]
        assert item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "model.gov"


def test_sarif_rule_help_and_related_locations(tmp_path, schema):
    result = run(tmp_path, CLEAN_WITH_WARNING, "--format", "sarif")
    run_ = json.loads(result.stdout)["runs"][0]
    rule = run_["tool"]["driver"]["rules"][0]
    assert rule["id"] == "SUB001" and "Why is this bad?" in rule["help"]["markdown"]
    result = run(tmp_path, 'person p "P" {}\nperson p "Q" {}\n', "--format", "sarif")
    item = json.loads(result.stdout)["runs"][0]["results"][0]
    assert item["ruleId"] == "DCL002" and item["relatedLocations"][0]["message"]["text"] == "first declared here"


def test_fingerprints_survive_lines_moving(tmp_path):
    first = json.loads(run(tmp_path, CLEAN_WITH_WARNING, "--format", "sarif").stdout)
    moved = json.loads(run(tmp_path, "\n\n# a new comment\n" + CLEAN_WITH_WARNING, "--format", "sarif").stdout)
    fp = lambda doc: [r["partialFingerprints"] for r in doc["runs"][0]["results"]]  # noqa: E731
    assert fp(first) == fp(moved)
    assert first["runs"][0]["results"][0]["locations"] != moved["runs"][0]["results"][0]["locations"]


def test_github_annotations(tmp_path):
    result = run(tmp_path, MODEL, "--format", "github")
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines[0].startswith("::error file=model.gov,line=7,col=11,")
    assert "title=REF001::" in lines[0] and "%0A" in lines[0] and "\n" not in lines[0]
    warning = run(tmp_path, CLEAN_WITH_WARNING, "--format", "github").stdout
    assert warning.startswith("::warning file=model.gov,line=2,")


def test_github_escapes_properties_and_data():
    from govdsl.cli.ci_formats import _escape_data, _escape_property

    assert _escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert _escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
