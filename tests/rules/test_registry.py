"""Every rule is well formed, documented, and its documented examples are true."""

from __future__ import annotations

import json
import re

import pytest

from govdsl.check.registry import CATEGORIES, RULES, SECTIONS, all_rules
from govdsl.cli.explain import rules_json

from tests.rules.harness import FIXTURES, check_text, codes, language_errors

RULE_CLASSES = all_rules()
IDS = [r.code for r in RULE_CLASSES]


def test_codes_and_names_are_unique_and_well_formed():
    assert len({r.code for r in RULE_CLASSES}) == len(RULE_CLASSES)
    assert len({r.name for r in RULE_CLASSES}) == len(RULE_CLASSES)
    for rule in RULE_CLASSES:
        assert re.fullmatch(r"[A-Z]{2,4}\d{3}", rule.code)
        assert rule.category() in CATEGORIES
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.name)
        assert not rule.name.startswith(("disallow", "no-", "banned")), "names read as 'allow <name>'"


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=IDS)
def test_docstring_has_the_four_sections(rule):
    doc = rule.doc()
    for section, body in zip(SECTIONS, (doc.what, doc.why, doc.example, doc.use_instead)):
        assert body.strip(), f"{rule.code} lacks '{section}'"
    assert doc.gov_block("Example"), f"{rule.code}: Example needs a ```gov block"
    assert doc.gov_block("Use instead"), f"{rule.code}: Use instead needs a ```gov block"


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=IDS)
def test_documented_example_triggers_the_rule(rule):
    example = rule.doc().gov_block("Example")
    assert language_errors(example) == [], "the Example must be a valid model"
    assert rule.code in codes(check_text(example))


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=IDS)
def test_documented_fix_does_not_trigger_the_rule(rule):
    fixed = rule.doc().gov_block("Use instead")
    assert language_errors(fixed) == [], "the Use instead must be a valid model"
    assert rule.code not in codes(check_text(fixed))


@pytest.mark.parametrize("rule", RULE_CLASSES, ids=IDS)
def test_every_rule_has_a_fixture(rule):
    assert list(FIXTURES.glob(f"{rule.code}_*.gov")), f"add tests/rules/fixtures/{rule.code}_<case>.gov"


def test_rules_json_lists_every_rule_with_its_documentation():
    data = json.loads(rules_json(RULE_CLASSES))
    assert data["format_version"] == 1
    assert [r["code"] for r in data["rules"]] == IDS
    for entry in data["rules"]:
        assert entry["what_it_does"] and entry["why"] and entry["example"] and entry["use_instead"]
        assert entry["documentation"].startswith(f"# {entry['code']}")


def test_registry_is_the_single_source():
    assert set(RULES) == set(IDS)
