"""The JSON and SARIF reports carry each finding's subjects and fix, and validate against their schemas."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from govdsl.check.engine import ROLES
from govdsl.cli.main import main
from tests.ci.test_ci_formats import SCHEMA_PATH

REPORT_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schemas" / "check-report-v1.schema.json"
FIXTURES = Path(__file__).resolve().parents[1] / "rules" / "fixtures"
# A model with governance findings (COI001 about two people and their committee) and a misspelt
# name whose fix is the name meant.
FINDINGS = FIXTURES / "COI001_missing_entry.gov"
MISSPELT = 'system north "N" { population: 2m }\nplace p "P" {\n  within: nort\n  population: 300k\n}\n'


def report(capsys, *args) -> dict:
    main(["check", "--as-of", "2026-11-24", *args])
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def sarif_schema():
    if not SCHEMA_PATH.exists():
        pytest.skip(f"the SARIF schema is not at {SCHEMA_PATH}")
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report_schema():
    return json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))


def test_the_report_schema_knows_every_role(report_schema):
    assert set(report_schema["$defs"]["subject"]["properties"]["role"]["enum"]) == set(ROLES.values()) | {"undeclared"}


def test_json_findings_name_their_subjects(capsys, report_schema):
    data = report(capsys, "--format", "json", str(FINDINGS))
    jsonschema.validate(data, report_schema)
    findings = [d for d in data["diagnostics"] if d["code"] == "COI001"]
    assert len(findings) == 2
    assert [s for s in findings[0]["subjects"] if s["role"] == "person"]
    assert {"id": "finance", "role": "forum"} in findings[0]["subjects"]
    lena = next(d for d in findings if d["subjects"][0]["id"] == "lena_frost")
    assert lena["fix"]["add_attribute"] == {"to": "lena_frost", "attribute": "no_interests: 2026-11-24"}


def test_json_gives_the_undeclared_name_and_the_fix(tmp_path, capsys, report_schema):
    path = tmp_path / "model.gov"
    path.write_text(MISSPELT, encoding="utf-8")
    data = report(capsys, "--format", "json", str(path))
    jsonschema.validate(data, report_schema)
    (problem,) = [d for d in data["diagnostics"] if d["code"] == "REF001"]
    assert problem["subjects"] == [{"id": "nort", "role": "undeclared"}]
    (edit,) = problem["fix"]["edits"]
    assert edit["text"] == "north" and edit["range"] == problem["range"]


def test_sarif_results_carry_subjects_as_logical_locations(capsys, sarif_schema):
    document = report(capsys, "--format", "sarif", str(FINDINGS))
    jsonschema.validate(document, sarif_schema)
    results = [r for r in document["runs"][0]["results"] if r["ruleId"] == "COI001"]
    assert len(results) == 2
    for result in results:
        (location,) = result["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"].endswith("COI001_missing_entry.gov")
        logical = location["logicalLocations"]
        assert logical[0]["kind"] == "person" and {"name": "finance", "fullyQualifiedName": "finance", "kind": "forum"} in logical
        assert result["properties"]["subjects"] == [{"id": x["name"], "role": x["kind"]} for x in logical]


def test_sarif_gives_a_did_you_mean_as_a_fix(tmp_path, capsys, sarif_schema):
    path = tmp_path / "model.gov"
    path.write_text(MISSPELT, encoding="utf-8")
    document = report(capsys, "--format", "sarif", str(path))
    jsonschema.validate(document, sarif_schema)
    (result,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "REF001"]
    (fix,) = result["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    start = MISSPELT.index("nort\n")
    assert replacement == {"deletedRegion": {"charOffset": start, "charLength": 4}, "insertedContent": {"text": "north"}}
    assert result["locations"][0]["logicalLocations"] == [{"name": "nort", "fullyQualifiedName": "nort", "kind": "undeclared"}]
