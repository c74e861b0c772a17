"""The Ostrom lens: each design principle present, partial, missing or not modelled.

A complete small system is written inline, with every principle's evidence
worked out by hand; each test takes one piece of evidence away and checks
the rating moves as expected. Assertions are on ratings and cited entities,
never on message text.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

import govdsl
from govdsl.analysis.dates import as_of
from govdsl.lenses import FocusError, assess
from govdsl.lenses.ostrom import MISSING, NOT_MODELLED, PARTIAL, PRESENT, principles, systems
from govdsl.lenses.report import render

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = ("northmoor", "riverbank", "greater_fens")
AS_OF = dt.date(2026, 11, 24)

# One system, one place; NHS England delegates to the ICB, the ICB board to a
# place committee, each reporting back; an arbiter and a route; the place
# committee sets its own terms; the one decision's affected organisation sits.
FULL = """
system sys "Test System" {
  population: 1m
  footprint: [council]
  icb: icb
  arbiter: region
  dispute_resolution: "Consensus first, then the ICB chair and council leader, then NHS England"
}

place east "East" {
  within: sys
  population: 300k
  footprint: [council]
}

organisation nhse "NHS England" { kind: nhs_england }
organisation region "NHS England - Region" { kind: nhs_england_region part_of: nhse }
organisation icb "Test ICB" { kind: icb serves: sys accountable_to: nhse }
organisation council "Test Council" { kind: unitary_council serves: sys }
organisation trust "Test Hospitals NHS Trust" { kind: nhs_trust serves: sys }

person ann "Ann" { post: chair at icb independent: yes }
person bob "Bob" { post: chief_executive at council }
person cat "Cat" { post: chief_executive at trust }

board icb_board "ICB Board" {
  parent: icb
  seat: ann as chair
}

committee east_committee "East Place Committee" {
  parent: icb_board
  role: place
  serves: east
  terms: {
    purpose: "Commissions community services for East"
    self_determined: yes
  }
  seat: ann as chair
  seat: bob as voting_member for council
  seat: cat as voting_member for trust
  reports_to: [icb_board]
}

function primary_medical "Primary medical services" { held_by: nhse }
function community.east "Community services in East" { held_by: icb scope: east }

delegation from_nhse "Primary care to the ICB" {
  from: nhse
  to: icb
  functions: [primary_medical]
  reports_to: [region]
}

delegation to_east "Community services to East" {
  from: icb_board
  to: east_committee
  functions: [community.east]
  reports_to: [icb_board]
  review: 2027-03-31
  conditions: "Within budget"
}

decision east_contract "Community contract" {
  forum: east_committee
  affects: [trust]
  functions: [community.east]
}
"""


def _load(text):
    compilation = govdsl.load_text(textwrap.dedent(text), "ostrom.gov")
    assert not compilation.errors, compilation.diagnostics
    return compilation.model


def _ratings(text):
    model = _load(text)
    (scope,) = systems(model)
    return {p.number: p.rating for p in principles(model, scope)}, {p.number: p for p in principles(model, scope)}


def test_the_full_model_has_every_principle_the_model_can_show():
    ratings, found = _ratings(FULL)
    assert ratings == {
        1: PRESENT,
        2: PRESENT,
        3: PRESENT,
        4: PRESENT,
        5: NOT_MODELLED,  # no construct for escalation ladders
        6: PRESENT,
        7: PRESENT,
        8: PRESENT,  # national, system and place layers complete; neighbourhood absent (no such tier)
    }
    nested = found[8]
    assert nested.evidence[0].found == "3 of 3"
    chain = next(e for e in nested.evidence if e.label.startswith("longest chain"))
    assert chain.entities == ("nhse", "icb", "east_committee")
    monitoring = found[4]
    assert monitoring.evidence[0].entities == ("from_nhse", "to_east")  # the region is part of NHS England
    assert found[7].evidence[0].entities == ("east_committee",)


def test_graduated_sanctions_are_never_claimed():
    _, found = _ratings(FULL)
    sanctions = found[5]
    assert sanctions.rating == NOT_MODELLED
    assert sanctions.missing  # says where the evidence must come from
    assert sanctions.evidence[0].entities == ("to_east",)  # related evidence only: conditions attached


def test_boundaries_partial_when_a_tier_has_no_population():
    ratings, found = _ratings(FULL.replace("  population: 300k\n", ""))
    assert ratings[1] == PARTIAL
    assert any(e.gap and e.entities == ("east",) for e in found[1].evidence)


def test_congruence_missing_when_a_place_function_is_decided_at_system_level():
    text = FULL.replace("  to: east_committee\n", "  to: icb_board\n").replace("  forum: east_committee\n", "  forum: icb_board\n")
    ratings, _ = _ratings(text)
    assert ratings[2] == MISSING


def test_congruence_partial_when_the_reason_is_recorded():
    text = FULL.replace("  to: east_committee\n", "  to: icb_board\n").replace("  forum: east_committee\n", "  forum: icb_board\n")
    text = text.replace('  conditions: "Within budget"\n', '  conditions: "Within budget"\n  reason: "Too small to split"\n')
    ratings, _ = _ratings(text)
    assert ratings[2] == PARTIAL


def test_congruence_partial_when_the_reason_is_recorded_on_the_function_or_a_decision():
    text = FULL.replace("  to: east_committee\n", "  to: icb_board\n").replace("  forum: east_committee\n", "  forum: icb_board\n")
    on_function = text.replace(" scope: east }", ' scope: east  reason: "Too small to split" }')
    assert on_function != text
    ratings, found = _ratings(on_function)
    assert ratings[2] == PARTIAL
    assert any("with a reason recorded (on the function, a delegation or a decision)" in m for m in found[2].missing)
    on_decision = text.replace("  forum: icb_board\n", '  forum: icb_board\n  reason: "Urgent"\n', 1)
    assert on_decision != text
    assert _ratings(on_decision)[0][2] == PARTIAL  # the decision lists the scoped function


def test_congruence_not_modelled_without_scoped_functions():
    ratings, _ = _ratings(FULL.replace(" scope: east }", " }"))
    assert ratings[2] == NOT_MODELLED


def test_collective_choice_partial_when_one_of_two_affected_has_no_part():
    # Affected: the trust (the decision) and the council (East's footprint, for the scoped function).
    ratings, found = _ratings(FULL.replace("  seat: cat as voting_member for trust\n", ""))
    assert ratings[3] == PARTIAL
    gap = next(e for e in found[3].evidence if e.gap)
    assert gap.entities == ("trust on east_committee",)


def test_collective_choice_missing_when_no_affected_organisation_has_a_part():
    text = FULL.replace("  seat: cat as voting_member for trust\n", "").replace("  seat: bob as voting_member for council\n", "")
    ratings, found = _ratings(text)
    assert ratings[3] == MISSING
    gap = next(e for e in found[3].evidence if e.gap)
    assert gap.entities == ("trust on east_committee", "council on east_committee")


def test_collective_choice_counts_a_partner_member_for_the_sector():
    text = FULL.replace("  seat: cat as voting_member for trust\n", "  seat: cat as partner_member_trusts\n")
    ratings, _ = _ratings(text)
    assert ratings[3] == PRESENT


def test_collective_choice_not_modelled_without_anything_affected():
    text = FULL.replace("  affects: [trust]\n", "").replace(" scope: east }", " }")
    ratings, _ = _ratings(text)
    assert ratings[3] == NOT_MODELLED


def test_monitoring_missing_when_no_delegation_reports_back_and_no_forum_has_a_line():
    text = (
        FULL.replace("  reports_to: [region]\n", "")
        .replace("  reports_to: [icb_board]\n  review", "  review")
        .replace("  reports_to: [icb_board]\n}", "}")
        .replace(" accountable_to: nhse", "")
    )
    ratings, found = _ratings(text)
    assert ratings[4] == MISSING
    assert ratings[8] == MISSING  # no layer has reporting, so none is complete


def test_monitoring_partial_when_a_delegation_reports_elsewhere():
    ratings, found = _ratings(FULL.replace("  reports_to: [region]\n", "  reports_to: [council]\n"))
    assert ratings[4] == PARTIAL
    assert any(e.gap and e.entities == ("from_nhse",) for e in found[4].evidence)


@pytest.mark.parametrize(
    "remove, rating",
    [
        ("  arbiter: region\n", PARTIAL),
        ('  dispute_resolution: "Consensus first, then the ICB chair and council leader, then NHS England"\n', PARTIAL),
    ],
)
def test_conflict_resolution_partial_with_one_of_the_two(remove, rating):
    ratings, _ = _ratings(FULL.replace(remove, ""))
    assert ratings[6] == rating


def test_conflict_resolution_missing_with_neither():
    text = FULL.replace("  arbiter: region\n", "").replace(
        '  dispute_resolution: "Consensus first, then the ICB chair and council leader, then NHS England"\n', ""
    )
    ratings, _ = _ratings(text)
    assert ratings[6] == MISSING


@pytest.mark.parametrize("word, rating", [("yes", PRESENT), ("no", MISSING)])
def test_right_to_organise_follows_self_determined(word, rating):
    ratings, _ = _ratings(FULL.replace("self_determined: yes", f"self_determined: {word}"))
    assert ratings[7] == rating


def test_right_to_organise_missing_when_not_stated():
    ratings, found = _ratings(FULL.replace("    self_determined: yes\n", ""))
    assert ratings[7] == MISSING
    assert any(e.gap and e.entities == ("east_committee",) for e in found[7].evidence)


def test_nested_partial_with_two_complete_layers():
    # Without the delegation to the place, only the national and system layers are complete.
    text = FULL.replace("  to: east_committee\n", "  to: icb_board\n").replace("  forum: east_committee\n", "  forum: icb_board\n")
    ratings, found = _ratings(text)
    assert ratings[8] == PARTIAL
    assert found[8].evidence[0].found == "2 of 3"


def test_a_model_without_a_system_is_assessed_as_a_whole():
    model = _load(
        """
        organisation icb "ICB" { kind: icb }
        board b "Board" { parent: icb }
        """
    )
    (scope,) = systems(model)
    assert scope.system is None
    ratings = {p.number: p.rating for p in principles(model, scope)}
    assert ratings[6] == NOT_MODELLED
    assert ratings[1] == MISSING  # the one forum declares no members
    report = assess(model, "ostrom")
    json.loads(render(report, "json"))


def test_report_sections_and_focus():
    model = _load(FULL)
    report = assess(model, "ostrom")
    assert [s.subject_id for s in report.sections] == ["sys"] * 9  # overview and eight principles
    overview = report.sections[0].table
    assert [row[1] for row in overview.rows] == [
        PRESENT, PRESENT, PRESENT, PRESENT, NOT_MODELLED, PRESENT, PRESENT, PRESENT,
    ]
    assert [(f.severity, f.subject_id) for f in report.findings] == [("info", "sys")]  # graduated sanctions
    assert assess(model, "ostrom", "east_committee").sections == report.sections
    with pytest.raises(FocusError):
        assess(model, "ostrom", "community.east")


def test_missing_is_a_warning():
    text = FULL.replace("  arbiter: region\n", "").replace(
        '  dispute_resolution: "Consensus first, then the ICB chair and council leader, then NHS England"\n', ""
    )
    report = assess(_load(text), "ostrom")
    assert ("warning", "sys") in {(f.severity, f.subject_id) for f in report.findings}


# -- the bundled examples -----------------------------------------------------------------------------------


def _example(name):
    compilation = govdsl.load([REPO / "examples" / name, REPO / "examples" / "shared"])
    return as_of(compilation.model, AS_OF)


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_run_and_are_deterministic(name):
    first = assess(_example(name), "ostrom")
    second = assess(_example(name), "ostrom")
    assert first == second
    for fmt in ("text", "json", "html"):
        assert render(first, fmt) == render(second, fmt)
    # every example declares an arbiter, a route, and delegations that report back
    overview = dict((row[0], row[1]) for row in first.sections[0].table.rows)
    assert overview["5. Graduated sanctions"] == NOT_MODELLED
    assert overview["6. Conflict-resolution mechanisms"] == PRESENT
    assert overview["4. Monitoring"] == PRESENT


def test_greater_fens_has_four_nested_layers_of_delegation():
    """The example's design: NHS England → ICB → sub-system committee → place committee."""
    model = _example("greater_fens")
    (scope,) = [s for s in systems(model) if s.id == "greater_fens"]
    nested = principles(model, scope)[7]
    assert nested.rating == PRESENT
    chain = next(e for e in nested.evidence if e.label.startswith("longest chain"))
    assert len(chain.entities) == 4
    assert chain.entities[0] == "nhse"


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_the_command(run_cli, fmt):
    status, out, err = run_cli(
        "assess", REPO / "examples" / "northmoor", REPO / "examples" / "shared", "--lens", "ostrom", "--format", fmt,
        "--as-of", AS_OF.isoformat(),
    )
    assert status == 0, err
    if fmt == "json":
        assert json.loads(out)["lens"] == "ostrom"
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
    else:
        assert out.strip()
