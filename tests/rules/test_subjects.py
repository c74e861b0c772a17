"""Findings carry their subjects: every finding a rule makes names the entities it is about.

For every rule module, each finding from every rule fixture (and from the
examples of each rule's documentation) has at least one subject, each subject
names an entity declared in the model, and its role is the kind of that entity.
"""

from __future__ import annotations

import pytest

from govdsl import load, load_text
from govdsl.check.engine import ROLES, check_compilation
from govdsl.check.registry import all_rules
from govdsl.config import Config
from tests.rules.harness import AS_OF, FIXTURES, fixture_as_of

MODULES = sorted({rule.__module__ for rule in all_rules()})
RULE_MODULE = {rule.code: rule.__module__ for rule in all_rules()}


def _compilations():
    """(compilation, as_of) for every rule fixture and every rule's documented Example."""
    for path in sorted(FIXTURES.glob("*.gov")):
        yield load([path]), fixture_as_of(path.read_text(encoding="utf-8"))
    for rule in all_rules():
        yield load_text(rule.doc().gov_block("Example"), f"{rule.code}.gov"), AS_OF


@pytest.fixture(scope="module")
def findings_by_module():
    found: dict[str, list] = {module: [] for module in MODULES}
    for compilation, as_of in _compilations():
        for d in check_compilation(compilation, Config(), as_of):
            if d.code in RULE_MODULE:
                found[RULE_MODULE[d.code]].append((d, compilation.model))
    return found


@pytest.mark.parametrize("module", MODULES, ids=[m.rsplit(".", 1)[-1] for m in MODULES])
def test_every_finding_names_its_subjects(findings_by_module, module):
    findings = findings_by_module[module]
    assert findings, f"no finding from {module} was checked"
    codes = {rule.code for rule in all_rules() if rule.__module__ == module}
    assert {d.code for d, _ in findings} == codes  # every rule of the module was seen firing
    for d, model in findings:
        assert d.subjects, f"{d.code} at {d.span} names no subject"
        for subject in d.subjects:
            entity = model.entity(subject.id)
            assert entity is not None, f"{d.code}: subject `{subject.id}` is not declared"
            assert subject.role == ROLES[type(entity)]
        assert len({s.id for s in d.subjects}) == len(d.subjects)  # each named once


def test_language_diagnostics_about_a_name_name_it():
    text = (
        'organisation icb "ICB" { kind: icb }\n'
        'person ann "Ann" {}\n'
        'person ann "Ann again" {}\n'
        'board b "Board" { parent: icb  seat: icb as chair  seat: an as voting_member }\n'
    )
    found = {d.code: d for d in load_text(text, "names.gov").diagnostics}
    assert [(s.id, s.role) for s in found["DCL002"].subjects] == [("ann", "person")]
    assert [(s.id, s.role) for s in found["REF002"].subjects] == [("icb", "organisation")]
    assert [(s.id, s.role) for s in found["REF001"].subjects] == [("an", "undeclared")]
    (edit,) = found["REF001"].fix.edits
    assert edit.text == "ann" and text[edit.span.start : edit.span.end] == "an"

