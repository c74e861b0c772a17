"""The shared facts rules ask of a model: bodies, committees, seats, tiers, ranks and sectors."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import attrs
import pytest

import govdsl
from govdsl.analysis.dates import as_of
from govdsl.analysis.facts import NATIONAL_RANK, Facts

FULL = Path(__file__).parent.parent / "model" / "full.gov"
ON = dt.date(2024, 1, 1)


def facts_of(text: str) -> Facts:
    compilation = govdsl.load_text(textwrap.dedent(text), "case.gov")
    assert compilation.diagnostics == ()
    return Facts(compilation.model, compilation.model)


@pytest.fixture(scope="module")
def full() -> Facts:
    compilation = govdsl.load_text(FULL.read_text(encoding="utf-8"), "full.gov")
    return Facts(compilation.model, compilation.model)


def test_the_organisations_a_party_acts_for(full):
    assert full.acts_for("northmoor_icb") == ("northmoor_icb",)  # an organisation acts for itself
    assert full.acts_for("audit") == ("northmoor_icb",)  # a committee, for the body above its board
    # a person, for their employer, then the organisations of their posts
    assert full.acts_for("hugh_marsh") == ("northmoor_hospitals", "moor_hospice", "northmoor_icb")
    assert Facts(as_of(full.history, ON), full.history).acts_for("hugh_marsh") == ("northmoor_hospitals",)  # the other posts ended
    assert full.acts_for("north") == ()  # a tier is no body
    assert full.acts_for("nobody") == ()


def test_icbs_and_their_committees(full):
    assert [o.id for o in full.icbs] == ["northmoor_icb"]
    assert [f.id for f in full.committees_of("icb_board")] == ["audit"]
    assert full.committees_of("audit_risk") == []


def test_descendants_lists_a_forum_with_two_parents_once():
    facts = facts_of(
        """\
        organisation o { kind: icb }
        board b { parent: o }
        committee c { parent: b }
        joint_committee j { parent: [b, c] }
        """
    )
    assert [f.id for f in facts.descendants("o")] == ["b", "c", "j"]


def test_chairs_and_voting_members(full):
    board = full.model.entity("icb_board")
    assert [s.person for s in Facts.chairs(board)] == ["ann_hale"]
    assert [s.person for s in Facts.voting(board)] == ["ann_hale", "hugh_marsh", "karen_blythe"]  # not the participant


def test_seats_and_interests_of_the_wrong_kind_of_entity_are_empty(full):
    assert full.seats_on("ann_hale", ON) == []  # a person has no seats of its own
    assert full.interests_on("icb_board", ON) == []  # a forum has no register of interests
    assert [i.organisation for i in full.interests_on("hugh_marsh", ON)][:1] == ["northmoor_hospitals"]


def test_tier_of(full):
    assert full.tier_of("nobody") is None
    assert full.tier_of("moorside") == "moorside"  # a tier is its own tier
    assert full.tier_of("hugh_marsh") == "northmoor"  # a person, through their employer
    assert full.tier_of("karen_blythe") is None  # no employer, no tier
    assert full.tier_of("to_director") is None  # a delegation works at no tier


def test_tier_of_a_person_whose_employers_have_no_tier_is_unknown():
    facts = facts_of(
        """\
        organisation hospice { kind: vcse }
        person p { employer: hospice }
        """
    )
    assert facts.tier_of("p") is None
    assert facts.rank_of("p") is None


def test_a_board_of_nhs_england_decides_nationally():
    facts = facts_of(
        """\
        organisation nhse { kind: nhs_england }
        board b { parent: nhse }
        committee c { parent: b }
        """
    )
    assert facts.rank_of("b") == NATIONAL_RANK
    assert facts.rank_of("c") == NATIONAL_RANK


def test_delegations_from(full):
    assert [d.id for d in full.delegations_from["icb_board"]] == ["community_to_north", "to_director"]
    assert full.delegations_from.get("audit") is None


def test_sector_of_a_person_with_no_organisation_is_unknown():
    facts = facts_of("person p {}\n")
    assert facts.sector_of_person(facts.model.entity("p")) is None


def test_sector_skips_an_organisation_no_longer_in_the_model(full):
    hugh = full.model.entity("hugh_marsh")
    seat = next(s for s in full.model.entity("icb_board").seats if s.person == "hugh_marsh")
    gone = attrs.evolve(seat, representing="closed_trust")
    assert full.sector_of_person(hugh, gone) == "nhs"  # falls back to his employer


def test_a_seat_for_an_unknown_person_has_no_personal_qualities(full):
    seat = next(s for s in full.model.entity("icb_board").seats if s.person == "hugh_marsh")
    ghost = attrs.evolve(seat, person="ghost")
    assert full.has_quality(ghost, "member")
    assert not full.has_quality(ghost, "clinician")
    assert not full.has_quality(ghost, "independent")


def test_a_person_on_a_date_holds_only_the_posts_of_that_day():
    facts = facts_of(
        """\
        organisation o { kind: icb }
        person p { post: chair at o from 2020-01-01 to 2022-12-31  post: director at o }
        """
    )
    assert [post.role for post in facts.person_on("p", dt.date(2023, 1, 1)).posts] == ["director"]
    assert facts.person_on("p", dt.date(2021, 1, 1)) is facts.model.entity("p")  # every post held: the same person
    assert len(facts.person_on("p", None).posts) == 2  # no date: as the model has them
    assert facts.person_on("o", ON) is None and facts.person_on("nobody", ON) is None


def test_lines_functions_and_decisions_by_party(full):
    assert [(line.kind, line.target) for line in full.lines_from["audit"]] == [("reports_to", "icb_board")]
    assert full.lines_from.get("nobody") is None
    assert [f.id for f in full.functions_held_by["northmoor_icb"]] == ["commissioning.community_services", "accounts.annual"]
    assert [d.id for d in full.decisions_of["icb_board"]] == ["acute_contract_2025"]
    assert [d.id for d in full.decisions_exercising["commissioning.community_services"]] == ["acute_contract_2025"]


def test_the_systems_that_name_an_icb():
    facts = facts_of(
        """\
        organisation icb { kind: icb }
        system one "One" { icb: icb }
        system two "Two" { icb: icb }
        """
    )
    assert [t.id for t in facts.systems_of_icb["icb"]] == ["one", "two"]
    assert facts.system_of_icb["icb"].id == "one"  # the first declared
