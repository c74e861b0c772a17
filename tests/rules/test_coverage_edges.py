"""Edge cases of the rules that the fixtures and per-rule tests do not reach.

Each test asserts what the rule reports (codes, messages, severities,
related locations) for one seldom-taken path.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from govdsl.config import Config
from govdsl.diagnostics import Severity
from tests.rules.harness import AS_OF, FIXTURES, check_text, codes


def run(text: str, select: str, as_of: dt.date = AS_OF):
    return check_text(textwrap.dedent(text), Config(select=(select,)), as_of)


# -- dates -------------------------------------------------------------------------------------------
EXPIRING = """
organisation icb "ICB" { kind: icb }
board icb_board "Board" { parent: icb }
committee quality "Quality" { parent: icb_board }
function f "F" { held_by: icb }
delegation d "D" {
  from: icb_board
  to: quality
  functions: [f]
  effective: EFFECTIVE
  expires: EXPIRES
  review: 2030-01-01
}
"""


def test_expiry_tomorrow_is_worded_tomorrow():
    text = EXPIRING.replace("EFFECTIVE", "2024-04-01").replace("EXPIRES", "2026-11-25")
    found = run(text, "TIME")
    assert codes(found) == ["TIME001"]
    assert found[0].severity == Severity.INFO
    assert "expires on 2026-11-25, tomorrow" in found[0].message


def test_expiry_before_its_own_start_is_a_language_error_not_an_ending():
    text = EXPIRING.replace("EFFECTIVE", "2027-01-01").replace("EXPIRES", "2026-12-01")
    assert codes(run(text, "TIME")) == ["VAL005"]


# -- accountability ----------------------------------------------------------------------------------
def test_organisation_accountable_to_itself_is_named_by_its_kind():
    found = run(
        """
        organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
        organisation vcse_alliance "Northmoor VCSE Alliance" {
          kind: vcse
          accountable_to: [vcse_alliance]
        }
        """,
        "ACC001",
    )
    assert codes(found) == ["ACC001"]
    assert found[0].message == (
        "voluntary, community or social enterprise organisation `vcse_alliance` is made accountable to itself: "
        "`vcse_alliance` is accountable to `vcse_alliance`"
    )
    assert [r.message for r in found[0].related] == ["`vcse_alliance` is accountable to `vcse_alliance`"]


def test_lines_to_two_non_statutory_bodies_are_both_named():
    found = run(
        """
        organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
        organisation a_org "A" { kind: vcse }
        organisation b_org "B" { kind: vcse }
        board icb_board "ICB Board" { parent: northmoor_icb }
        place_partnership p "P" {
          model: lead_provider_contract
          accountable_to: [a_org, b_org]
        }
        """,
        "ACC002",
    )
    assert codes(found) == ["ACC002"]
    assert "its lines lead only to `a_org` and `b_org`, and from there to no statutory body" in found[0].message
    assert [r.message for r in found[0].related] == [
        "`p` is accountable to `a_org`, which leads to no statutory body",
        "`p` is accountable to `b_org`, which leads to no statutory body",
    ]



# -- composition -------------------------------------------------------------------------------------
def test_partnership_missing_only_the_icb_does_not_point_at_the_footprint():
    text = (FIXTURES / "STAT004_council_missing.gov").read_text(encoding="utf-8")
    text = text.replace("seat: ann_hale as chair for northmoor_icb", "seat: cllr_bell as chair for northmoor_council")
    found = run(text, "STAT004")
    assert codes(found) == ["STAT004"]
    assert found[0].message == "integrated care partnership `northmoor_icp` has no member for `northmoor_icb`"
    assert [r.message for r in found[0].related] == ["`northmoor_icb` is declared here"]


# -- conflicts ---------------------------------------------------------------------------------------
def test_two_voting_seats_on_one_forum_name_it_once():
    found = run(
        """
        organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
        person ann_hale "Dr Ann Hale" {}
        board icb_board "NHS Northmoor ICB Board" {
          parent: northmoor_icb
          seat: ann_hale as chair
          seat: ann_hale as voting_member from 2025-04-01 to 2026-12-31
        }
        """,
        "COI001",
    )
    assert codes(found) == ["COI001"]
    assert found[0].message == (
        "`ann_hale` has a voting seat on board `icb_board` but no entry in the register of interests"
    )
    assert [r.message for r in found[0].related] == ["voting seat on board `icb_board`"] * 2


def test_partner_member_employed_by_the_affected_organisation():
    found = run(
        """
        organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
        organisation moorside_practice "Moorside Medical Practice" { kind: gp_practice }
        person ann_hale "Dr Ann Hale" { no_interests: 2024-04-01 }
        person jo_kent "Dr Jo Kent" {
          post: governor
          employer: moorside_practice
          no_interests: 2024-04-01
        }
        board icb_board "NHS Northmoor ICB Board" {
          parent: northmoor_icb
          quorum: 2 including [chair]
          decision: simple_majority with casting_vote
          seat: ann_hale as chair
          seat: jo_kent as partner_member_primary_care
        }
        decision practice_funding "Practice funding" {
          forum: icb_board
          date: 2025-05-29
          affects: [moorside_practice]
        }
        """,
        "COI005",
    )
    assert codes(found) == ["COI005"]
    assert found[0].severity == Severity.WARNING
    assert found[0].message == (
        "partner member `jo_kent` takes part in decision `practice_funding` of board `icb_board`, "
        "which affects their own organisation `moorside_practice`"
    )
    # the post with no organisation (`governor`) links them to nothing; the employer does
    assert [r.message for r in found[0].related] == [
        "`jo_kent`'s seat as a partner member",
        "`jo_kent` is employed by `moorside_practice`",
    ]


# -- delegation --------------------------------------------------------------------------------------
PEOPLE_AS_PARTIES = """
organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
person ann_hale "Dr Ann Hale" { no_interests: 2024-04-01 }
person bob_eze "Bob Eze" { no_interests: 2024-04-01 }
board icb_board "ICB Board" { parent: northmoor_icb }
function f "F" { held_by: northmoor_icb }
delegation d "D" {
  from: FROM
  to: TO
  functions: [f]
  basis: BASIS
  reports_to: [icb_board]
}
"""


def people_as_parties(delegator: str, delegate: str, basis: str) -> str:
    return PEOPLE_AS_PARTIES.replace("FROM", delegator).replace("TO", delegate).replace("BASIS", basis)


def test_lead_provider_contract_with_a_person_is_unfit():
    found = run(people_as_parties("icb_board", "ann_hale", "lead_provider_contract"), "DEL007")
    assert codes(found) == ["DEL007"]
    assert found[0].message == (
        "delegation `d` is made under `lead_provider_contract` (lead-provider contract), but a lead-provider "
        "contract is held by a provider, and `ann_hale` (a person) is not one"
    )


def test_basis_is_not_judged_when_a_party_acts_for_no_organisation():
    # A person with no employer or post acts for no organisation, so whether the basis fits
    # cannot be told: the rule says nothing rather than guess.
    assert codes(run(people_as_parties("ann_hale", "bob_eze", "lga_s101"), "DEL007")) == []
    assert codes(run(people_as_parties("ann_hale", "bob_eze", "s75_agreement"), "DEL007")) == []
    assert codes(run(people_as_parties("icb_board", "bob_eze", "scheme_of_delegation"), "DEL007")) == []


def test_a_person_is_not_a_council_made_delegate():
    assert codes(run(people_as_parties("icb_board", "bob_eze", "s65z5_delegation"), "DEL003")) == []


# -- subsidiarity ------------------------------------------------------------------------------------
def test_population_under_a_thousand_is_written_in_full():
    found = run(
        """
        organisation northmoor_icb "NHS Northmoor ICB" {
          kind: icb
          serves: northmoor
        }
        system northmoor "Northmoor" { population: 1.02m }
        place north "North Northmoor" {
          within: northmoor
          population: 800
        }
        """,
        "SUB001",
    )
    assert codes(found) == ["SUB001"]
    assert found[0].severity == Severity.WARNING
    assert found[0].message == "place `north` has 800 people, below the usual 250k–500k for a place"
