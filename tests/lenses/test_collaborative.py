"""The collaborative-governance lens: Ansell and Gash's conditions, forum by forum.

Inline models with hand-checked results: who is in scope, inclusion and
participation, ground rules, transparency, power imbalance (with and without
the power lens), and the chair (independent or from the dominant sector).
Assertions are on statuses, levels and severities, never on message text.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

import govdsl
from govdsl.analysis.dates import as_of
from govdsl.lenses import LENSES, assess
from govdsl.lenses.collaborative import (
    HIGH,
    LOW,
    MET,
    MODERATE,
    NOT_MET,
    PARTLY,
    assess_forum,
    imbalance,
    in_scope,
)
from govdsl.lenses.report import render

from tests.lenses.models import ONE_PLACE

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = ("northmoor", "riverbank", "greater_fens")
AS_OF = dt.date(2026, 11, 24)

BASE = ONE_PLACE + """organisation practice "Test Surgery" { kind: gp_practice }
organisation charity "Test Voluntary Action" { kind: vcse }
organisation healthwatch "Healthwatch Test" { kind: healthwatch footprint: [council] }

person ann "Ann" { post: chief_executive at icb }
person bob "Cllr Bob" { post: councillor at council }
person bea "Bea" { post: director_of_adult_social_services at council }
person ben "Ben" { post: director_of_public_health at council }
person cat "Cat" { post: chief_executive at trust }
person dev "Dr Dev" { post: gp_partner at practice }
person eve "Eve" { post: chief_officer at charity }
person fay "Fay" { post: chief_officer at healthwatch }
person hal "Hal" { independent: yes }

board icb_board "ICB Board" {
  parent: icb
  seat: ann as chief_executive
  seat: bob as partner_member_local_authority for council
}

committee finance "Finance Committee" {
  parent: icb_board
  seat: ann as chair and chief_executive
  seat: bob as partner_member_local_authority for council
}
"""

# A joint committee where local government holds 3 of 4 votes under a simple
# majority: the council decides alone (Banzhaf 1 for local government), so
# power is unequal; chaired by a councillor, i.e. from the dominant sector.
JOINT = """
joint_committee east_jc "East Joint Committee" {
  parent: [icb_board, council]
  serves: east
  terms: {
    purpose: "Exercises community health and social care functions for East jointly"
    meets_in_public: yes
    papers_published: yes
  }
  quorum: 3
  decision: simple_majority
  seat: CHAIR
  seat: bea as voting_member for council
  seat: ben as voting_member for council
  seat: ann as voting_member for icb
  seat: fay as participant for healthwatch
}
"""

# A place partnership with consensus: everyone can block, so voting power is
# equal between sectors although the NHS holds 3 of 5 seats.
PARTNERSHIP = """
place_partnership east_partnership "East Partnership" {
  model: joint_committee
  parent: [icb_board, council]
  serves: east
  partners: [icb, council, trust, charity]
  terms: {
    purpose: "Plans health and care for East together"
    meets_in_public: no
    papers_published: no
  }
  quorum: 3
  decision: consensus
  seat: ann as chair for icb
  seat: bob as voting_member for council
  seat: cat as voting_member for trust
  seat: dev as voting_member for practice
  seat: eve as participant for charity
}
"""


def _load(text):
    compilation = govdsl.load_text(textwrap.dedent(text), "collaborative.gov")
    assert not compilation.errors, compilation.diagnostics
    return compilation.model


def _conditions(model, forum_id):
    result = assess_forum(model, model.entity(forum_id))
    return {c.code if c.code != "—" else "roles": c for c in result.conditions}, result


# -- scope -------------------------------------------------------------------------------------------------


def test_scope_leaves_out_unitary_boards_and_their_committees():
    model = _load(BASE + JOINT.replace("CHAIR", "bob as chair and councillor for council") + PARTNERSHIP)
    assert not in_scope(model, model.entity("icb_board"))  # partner members act for the system, not as delegates
    assert not in_scope(model, model.entity("finance"))
    assert in_scope(model, model.entity("east_jc"))
    assert in_scope(model, model.entity("east_partnership"))
    report = assess(model, "collaborative")
    assert [s.subject_id for s in report.sections[1:]] == ["east_jc", "east_partnership"]


def test_a_place_committee_with_members_from_several_sectors_is_in_scope():
    model = _load(
        BASE
        + """
        committee east_committee "East Place Committee" {
          parent: icb_board
          role: place
          seat: ann as chair
          seat: bea as voting_member for council
        }
        committee east_nhs_only "East NHS Group" {
          parent: icb_board
          role: place
          seat: ann as chair
        }
        """
    )
    assert in_scope(model, model.entity("east_committee"))
    assert not in_scope(model, model.entity("east_nhs_only"))


# -- power and leadership -------------------------------------------------------------------------------------


def test_chair_from_the_dominant_sector():
    model = _load(BASE + JOINT.replace("CHAIR", "bob as chair and councillor for council"))
    conditions, result = _conditions(model, "east_jc")
    assert result.power.level == HIGH
    assert result.power.dominant == "local_government"
    assert result.power.method == "voting power"
    assert conditions["CG005"].status == NOT_MET
    assert conditions["CG006"].status == NOT_MET
    # Two bodies own it, so unequal power is not "by design": both are warnings.
    assert [(f.severity, f.subject_id) for f in result.findings if f.message.startswith(("CG005", "CG006"))] == [
        ("warning", "east_jc"),
        ("warning", "east_jc"),
    ]


def test_independent_chair():
    # The independent chair sits for no organisation; 3 council votes of 5 still carry any motion alone.
    model = _load(BASE + JOINT.replace("CHAIR", "hal as chair\n  seat: bob as voting_member for council"))
    conditions, result = _conditions(model, "east_jc")
    assert result.power.level == HIGH
    assert conditions["CG006"].status == MET
    assert not [f for f in result.findings if f.message.startswith("CG006")]


def test_chair_from_the_weaker_sector():
    # 3 council votes of 5: local government carries any motion alone; the chair sits for the trust.
    model = _load(BASE + JOINT.replace("CHAIR", "cat as chair for trust\n  seat: bob as voting_member for council"))
    conditions, result = _conditions(model, "east_jc")
    assert result.power.level == HIGH and result.power.dominant == "local_government"
    assert conditions["CG006"].status == PARTLY


def test_consensus_balances_power_between_sectors():
    model = _load(BASE + PARTNERSHIP)
    conditions, result = _conditions(model, "east_partnership")
    # NHS 3 of 4 votes (75%) but every sector can block: seats unequal, power balanced.
    assert result.power.level == MODERATE
    assert conditions["CG005"].status == PARTLY
    assert conditions["CG006"].status == MET  # no chair finding without unequal power


def test_without_the_power_lens_seat_shares_are_used(monkeypatch):
    monkeypatch.setitem(LENSES, "power", "govdsl.lenses._no_such_power_lens")
    model = _load(BASE + PARTNERSHIP)
    power = imbalance(model, model.entity("east_partnership"))
    assert power.method == "seat share"
    assert power.level == HIGH  # 3 of 4 voting seats are NHS
    assert power.dominant == "nhs"
    assert assess(model, "collaborative").sections


def test_balanced_when_no_sector_dominates():
    model = _load(BASE + JOINT.replace("CHAIR", "cat as chair for trust"))
    # 2 local government, 2 NHS (trust and ICB) under a simple majority: neither side carries a vote alone.
    power = imbalance(model, model.entity("east_jc"))
    assert power.level == LOW


# -- inclusion, participation, ground rules, transparency, roles ---------------------------------------------------


def test_inclusion_and_participation_at_a_place_partnership():
    model = _load(BASE + PARTNERSHIP)
    conditions, result = _conditions(model, "east_partnership")
    # expected at a place partnership: the NHS, primary care, local government, VCSE, public voice;
    # the public voice has no seat.
    assert conditions["CG001"].status == PARTLY
    assert conditions["CG001"].gap == "no seat: the public voice"
    # the VCSE takes part only without a vote, in a forum labelled collaborative
    assert conditions["CG002"].status == NOT_MET
    warnings = [f for f in result.findings if f.severity == "warning"]
    assert [f.message[:5] for f in warnings] == ["CG001", "CG002", "CG004"]


def test_participation_met_when_the_vcse_votes():
    model = _load(BASE + PARTNERSHIP.replace("eve as participant", "eve as voting_member"))
    conditions, _ = _conditions(model, "east_partnership")
    assert conditions["CG002"].status == MET


def test_ground_rules_and_transparency():
    model = _load(BASE + PARTNERSHIP)
    conditions, _ = _conditions(model, "east_partnership")
    assert conditions["CG003"].status == MET
    assert conditions["CG004"].status == NOT_MET  # meets in private, papers not published
    model = _load(BASE + JOINT.replace("CHAIR", "hal as chair").replace("  quorum: 3\n", "").replace("    papers_published: yes\n", ""))
    conditions, _ = _conditions(model, "east_jc")
    assert conditions["CG003"].status == PARTLY
    assert conditions["CG003"].gap == "no quorum"
    assert conditions["CG004"].status == PARTLY


def test_roles_name_partners_without_a_member():
    model = _load(BASE + PARTNERSHIP)
    conditions, _ = _conditions(model, "east_partnership")
    # all four partners have a member (icb, council, trust through `for`, charity) — nothing missing
    assert conditions["roles"].status == MET
    model = _load(BASE + PARTNERSHIP.replace("partners: [icb, council, trust, charity]", "partners: [icb, council, trust, charity, healthwatch]"))
    conditions, _ = _conditions(model, "east_partnership")
    assert conditions["roles"].status == PARTLY
    assert "`healthwatch`" in conditions["roles"].gap


def test_no_chair():
    model = _load(BASE + JOINT.replace("seat: CHAIR\n", ""))
    conditions, result = _conditions(model, "east_jc")
    assert conditions["CG006"].status == NOT_MET
    assert conditions["roles"].status == PARTLY


def test_report_renders_in_every_format():
    model = _load(BASE + JOINT.replace("CHAIR", "bob as chair and councillor for council") + PARTNERSHIP)
    report = assess(model, "collaborative")
    data = json.loads(render(report, "json"))
    assert data["lens"] == "collaborative"
    overview = data["sections"][0]
    assert [row[0] for row in overview["table"]["rows"]] == ["east_jc", "east_partnership"]
    assert render(report, "html").startswith("<!DOCTYPE html>")
    assert assess(model, "collaborative", "east").sections[1:] == report.sections[1:]


# -- the bundled examples -----------------------------------------------------------------------------------


def _example(name):
    compilation = govdsl.load([REPO / "examples" / name, REPO / "examples" / "shared"])
    return as_of(compilation.model, AS_OF)


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_run_and_are_deterministic(name):
    first = assess(_example(name), "collaborative")
    second = assess(_example(name), "collaborative")
    assert first == second
    for fmt in ("text", "json", "html"):
        assert render(first, fmt) == render(second, fmt)
    assert len(first.sections) > 1


def test_northmoor_results():
    """Hand-checked against the example's files."""
    model = _example("northmoor")
    # The ICP decides by consensus: power balanced; its co-opted VCSE and Healthwatch members vote.
    conditions, result = _conditions(model, "nm_icp")
    assert result.power.level in (LOW, MODERATE)
    assert conditions["CG002"].status == MET  # the co-opted VCSE and Healthwatch members vote
    # The mental health collaborative: only the NHS votes, the VCSE alliance attends; chaired by the lead provider.
    conditions, result = _conditions(model, "nm_mh_collaborative")
    assert result.power.level == HIGH and result.power.dominant == "nhs"
    assert conditions["CG002"].status == NOT_MET
    assert conditions["CG006"].status == NOT_MET
    # The South place committee is chaired by an independent non-executive.
    conditions, _ = _conditions(model, "nm_south_committee")
    assert conditions["CG006"].status == MET
    assert not in_scope(model, model.entity("nm_icb_board"))


def test_riverbank_brindley_joint_committee():
    """Brindley: 3 council and 2 ICB votes under a simple majority, chaired by a councillor."""
    model = _example("riverbank")
    conditions, result = _conditions(model, "rb_brindley_jc")
    assert result.power.level == HIGH and result.power.dominant == "local_government"
    assert conditions["CG006"].status == NOT_MET


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_the_command(run_cli, fmt):
    status, out, err = run_cli(
        "assess", REPO / "examples" / "northmoor", REPO / "examples" / "shared", "--lens", "collaborative", "--format", fmt,
        "--as-of", AS_OF.isoformat(),
    )
    assert status == 0, err
    if fmt == "json":
        assert json.loads(out)["lens"] == "collaborative"
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
    else:
        assert out.strip()
