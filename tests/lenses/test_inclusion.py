"""The inclusion lens: stakeholder classes, how they sit, who is affected, and the report.

Small models are written inline and their expected results worked out by
hand (in the comments); assertions are on data (levels, classes, table
cells, severities and subjects), never on message text.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

import govdsl
from govdsl.analysis.facts import Facts
from govdsl.analysis.dates import as_of
from govdsl.lenses import FocusError, assess
from govdsl.lenses.inclusion import (
    ABSENT,
    CLASSES,
    NON_VOTING,
    PARTNER,
    VOTING,
    affected_classes,
    labelled_collaborative,
    organisation_class,
    presence,
    seat_class,
)
from govdsl.lenses.report import render

from tests.lenses.models import ONE_PLACE

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = ("northmoor", "riverbank", "greater_fens")
AS_OF = dt.date(2026, 11, 24)

MODEL = ONE_PLACE + """organisation practice "Test Surgery" { kind: gp_practice part_of: pcn }
organisation pcn "Test PCN" { kind: primary_care_network serves: east }
organisation charity "Test Voluntary Action" { kind: vcse }
organisation healthwatch "Healthwatch Test" { kind: healthwatch footprint: [council] }
organisation university "Test University" { kind: university }

person ann "Ann" { post: chief_executive at icb }
person bob "Bob" { post: chief_executive at council }
person cat "Cat" { post: chief_executive at trust }
person dev "Dr Dev" { post: gp_partner at practice }
person eve "Eve" { post: chief_officer at charity }
person fay "Fay" { post: chief_officer at healthwatch }
person gus "Gus" { expertise: [lived_experience] }
person hal "Hal" { independent: yes }
person ivy "Dr Ivy" {
  post: medical_director at icb
  post: salaried_gp at practice
  employer: [icb]
}

# East's partnership: commissioners, local government and primary care vote; the
# VCSE only takes part; the trust and Healthwatch have no seat.
place_partnership east_partnership "East Partnership" {
  model: joint_committee
  parent: [icb, council]
  serves: east
  partners: [icb, council, pcn, university]
  decision: consensus
  quorum: 3
  seat: ann as chair for icb
  seat: bob as voting_member for council
  seat: dev as voting_member
  seat: eve as participant for charity
}

function community.east "Community services in East" {
  held_by: icb
  scope: east
}

delegation east_delegation "Community services to East" {
  from: icb
  to: east_partnership
  functions: [community.east]
  reports_to: [icb]
}

decision east_contract "Community contract" {
  forum: east_partnership
  affects: [trust]
  functions: [community.east]
}

# A system committee where everyone votes; nothing is recorded as affected.
committee quality "Quality Committee" {
  parent: icb
  seat: ann as chair
  seat: ivy as executive_medical
  seat: gus as voting_member
  seat: hal as voting_member
  seat: fay as observer for healthwatch
}
"""


@pytest.fixture(scope="module")
def model():
    compilation = govdsl.load_text(textwrap.dedent(MODEL), "inclusion.gov")
    assert not compilation.errors, compilation.diagnostics
    return compilation.model


def _forum(model, id):
    return model.entity(id)


# -- classes --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "organisation, cls",
    [
        ("icb", "commissioner"),
        ("council", "local_government"),
        ("trust", "nhs_provider"),
        ("practice", "primary_care"),
        ("pcn", "primary_care"),
        ("charity", "vcse"),
        ("healthwatch", "public_voice"),
        ("university", "other"),
    ],
)
def test_organisation_classes(model, organisation, cls):
    assert organisation_class(model.entity(organisation)) == cls


def test_seat_attribution_order(model):
    seats = {s.person: s for s in _forum(model, "quality").seats}
    seats |= {s.person: s for s in _forum(model, "east_partnership").seats}
    # `for` wins; a GP post counts for primary care; an ICB executive who is also a GP sits for the ICB.
    assert (seat_class(model, seats["ann"]).cls, seat_class(model, seats["ann"]).how) == ("commissioner", "for")
    assert (seat_class(model, seats["dev"]).cls, seat_class(model, seats["dev"]).how) == ("primary_care", "GP post")
    assert (seat_class(model, seats["ivy"]).cls, seat_class(model, seats["ivy"]).how) == ("commissioner", "employer")
    # No organisation: lived experience is public voice; otherwise unattributed.
    assert (seat_class(model, seats["gus"]).cls, seat_class(model, seats["gus"]).how) == ("public_voice", "lived experience")
    assert seat_class(model, seats["hal"]).cls is None


# -- presence ---------------------------------------------------------------------------------------------


def test_presence_voting_participant_partner_absent(model):
    found = presence(model, _forum(model, "east_partnership"))
    assert {c: found.level(c) for c in CLASSES} == {
        "nhs_provider": ABSENT,  # the trust has no seat and is not a partner
        "primary_care": VOTING,  # dev, through his GP post (the PCN is also a partner)
        "commissioner": VOTING,
        "local_government": VOTING,
        "vcse": NON_VOTING,  # eve is a participant
        "public_voice": ABSENT,
        "other": PARTNER,  # the university is a partner with no member
    }
    assert found.classes["commissioner"].voting == ("ann",)
    assert found.classes["vcse"].non_voting == ("eve",)


def test_presence_counts_unattributed_members_apart(model):
    found = presence(model, _forum(model, "quality"))
    assert found.unattributed == ("hal",)
    assert found.level("public_voice") == VOTING  # gus votes; fay only observes
    assert found.classes["public_voice"].non_voting == ("fay",)
    assert found.classes["commissioner"].voting == ("ann", "ivy")


# -- affected ---------------------------------------------------------------------------------------------


def test_affected_by_decisions_and_function_scope(model):
    affected = affected_classes(model, _forum(model, "east_partnership"))
    # the decision affects the trust; the function scoped to East concerns the council and Healthwatch of its footprint
    assert {c: sorted(orgs) for c, orgs in affected.items()} == {
        "nhs_provider": ["trust"],
        "local_government": ["council"],
        "public_voice": ["healthwatch"],
    }
    assert affected_classes(model, _forum(model, "quality")) == {}


def test_affected_by_a_pooled_fund_it_governs():
    text = MODEL + textwrap.dedent(
        """
        pooled_fund pool "Pool" {
          host: council
          contribution: icb £10m
          contribution: charity £1m
          governed_by: quality
        }
        """
    )
    model = govdsl.load_text(textwrap.dedent(text), "pool.gov").model
    affected = affected_classes(model, model.entity("quality"))
    assert sorted(affected) == ["commissioner", "local_government", "vcse"]


def test_labelled_collaborative(model):
    assert labelled_collaborative(_forum(model, "east_partnership"))
    assert not labelled_collaborative(_forum(model, "quality"))


def test_the_tier_a_forum_covers(model):
    facts = Facts(model, model)
    assert facts.footprint_tier("east_partnership") == "east"
    assert facts.footprint_tier("quality") == "sys"


# -- the report -------------------------------------------------------------------------------------------


def _section(report, subject):
    return next(s for s in report.sections if s.subject_id == subject)


def test_report_tables_and_findings(model):
    report = assess(model, "inclusion")
    assert report.lens == "inclusion"
    east = _section(report, "east")
    row = next(r for r in east.table.rows if r[0] == "east_partnership")
    assert row == ("east_partnership", None, "1 V", "1 V", "1 V", "1 N", None, "partner")
    # Hand-checked: NHS providers affected and absent (warning); the public voice affected and absent
    # (warning); the VCSE only a participant in a place partnership (warning, CG002-style).
    assert [(f.severity, f.subject_id) for f in east.findings] == [("warning", "east_partnership")] * 3
    system = _section(report, "sys")
    assert system.findings == ()  # nothing affected, nothing labelled collaborative
    overview = report.sections[0]
    assert overview.title == "Overview by tier"
    assert [r[0] for r in overview.table.rows] == ["sys", "east"]


def test_participant_with_a_vote_is_not_flagged(model):
    text = MODEL.replace("seat: eve as participant for charity", "seat: eve as voting_member for charity")
    changed = govdsl.load_text(textwrap.dedent(text), "voting.gov").model
    east = _section(assess(changed, "inclusion"), "east")
    assert len([f for f in east.findings if f.severity == "warning"]) == 2


def test_focus(model):
    assert [s.subject_id for s in assess(model, "inclusion", "east").sections] == ["east"]
    only = assess(model, "inclusion", "quality")
    assert [r[0] for r in only.sections[0].table.rows] == ["quality", "(all forums here)"]
    assert len(assess(model, "inclusion", "eve").sections) == 1
    with pytest.raises(FocusError):
        assess(model, "inclusion", "community.east")


def test_every_format_renders(model):
    report = assess(model, "inclusion")
    data = json.loads(render(report, "json"))
    assert data["lens"] == "inclusion" and data["warning_count"] == 3
    assert render(report, "html").startswith("<!DOCTYPE html>")
    assert "east_partnership" in render(report, "text")


# -- the bundled examples -----------------------------------------------------------------------------------


def _example(name):
    compilation = govdsl.load([REPO / "examples" / name, REPO / "examples" / "shared"])
    return as_of(compilation.model, AS_OF)


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_run_and_are_deterministic(name):
    first = assess(_example(name), "inclusion")
    second = assess(_example(name), "inclusion")
    assert first == second
    for fmt in ("text", "json", "html"):
        assert render(first, fmt) == render(second, fmt)
    assert first.sections


def test_northmoor_results():
    """Hand-checked against the example's files."""
    model = _example("northmoor")
    central = presence(model, model.entity("nm_central_alliance"))
    assert central.level("vcse") == NON_VOTING  # dan_oyelaran, participant
    assert central.level("public_voice") == NON_VOTING  # bev_lund, observer
    assert central.level("primary_care") == VOTING  # the chair, a GP partner
    icp = presence(model, model.entity("nm_icp"))
    assert icp.level("vcse") == VOTING and icp.level("public_voice") == VOTING  # co-opted members vote
    assert icp.level("nhs_provider") == ABSENT
    # The joint commissioning committee's BCF schemes decision affects the community trust and the VCSE alliance.
    jcc = affected_classes(model, model.entity("nm_joint_commissioning"))
    assert sorted(jcc) == ["commissioner", "local_government", "nhs_provider", "vcse"]
    report = assess(model, "inclusion")
    warned = sorted({f.subject_id for f in report.findings if f.severity == "warning"})
    assert warned == [
        "nm_central_alliance",
        "nm_hwb",
        "nm_joint_commissioning",
        "nm_mh_collaborative",
        "nm_north_committee",
        "nm_south_committee",
    ]


def test_riverbank_icp_co_opted_members_do_not_vote():
    model = _example("riverbank")
    icp = presence(model, model.entity("rb_icp"))
    assert icp.level("vcse") == NON_VOTING and icp.level("public_voice") == NON_VOTING
    assert icp.classes["local_government"].voting and icp.classes["commissioner"].voting
    report = assess(model, "inclusion")
    assert ("warning", "rb_icp") in {(f.severity, f.subject_id) for f in report.findings}


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_the_command(run_cli, fmt):
    status, out, err = run_cli(
        "assess", REPO / "examples" / "northmoor", REPO / "examples" / "shared", "--lens", "inclusion", "--format", fmt,
        "--as-of", AS_OF.isoformat(),
    )
    assert status == 0, err
    if fmt == "json":
        assert json.loads(out)["lens"] == "inclusion"
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
    else:
        assert out.strip()
