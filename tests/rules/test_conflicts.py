"""Conflict-of-interest rules (COI001-COI006): behaviour beyond the fixtures.

The well-run system fixture is silent; each test breaks one thing in it and
checks that exactly the rule for that thing speaks. Only the COI rules run
here, so the tests do not depend on the other categories.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from govdsl.config import Config, Thresholds
from govdsl.diagnostics import Severity

from tests.rules.harness import FIXTURES, check_text, codes

COI = Config(select=("COI",))
WELL_RUN = (FIXTURES / "COI003_well_run_system.gov").read_text(encoding="utf-8")


def coi(text: str, config: Config = COI, as_of: dt.date | None = None):
    return check_text(textwrap.dedent(text), config, as_of) if as_of else check_text(textwrap.dedent(text), config)


def broken(old: str, new: str) -> str:
    assert old in WELL_RUN, old
    return WELL_RUN.replace(old, new, 1)


# -- the well-run system and one fault at a time ----------------------------------------------
def test_well_run_system_is_silent():
    assert codes(coi(WELL_RUN)) == []


def test_missing_register_entry():
    found = coi(broken("  no_interests: 2022-07-01\n}\nperson mark_odum", "}\nperson mark_odum"))
    assert codes(found) == ["COI001"]
    assert "`ann_hale`" in found[0].message and "board `icb_board`" in found[0].message


def test_late_declaration():
    found = coi(broken("from 2024-02-01 declared 2024-02-20", "from 2024-02-01 declared 2024-04-20"))
    assert codes(found) == ["COI002"]
    assert "79 days after it began on 2024-02-01" in found[0].message


def test_agreed_exclusion_not_followed_is_conflicted_and_structural():
    found = coi(broken("  excluded: [hugh_marsh]\n", ""))
    assert codes(found) == ["COI003", "COI005"]
    coi003 = next(d for d in found if d.code == "COI003")
    assert "agreed action was not followed" in coi003.message
    assert {r.message for r in coi003.related} == {
        "`hugh_marsh`'s interest is declared here",
        "`hugh_marsh`'s voting seat",
    }


def test_losing_the_only_other_clinician_makes_the_committee_inquorate():
    found = coi(broken("  seat: tom_reyes as voting_member from 2022-07-01\n", ""))
    assert codes(found) == ["COI004"]
    assert "`jo_kent`" in found[0].message
    assert "Escalate the decision to `icb_board`" in found[0].hint


def test_undeclared_post_while_stepping_out_is_a_warning():
    text = broken(
        """  interest: financial in northmoor_hospitals from 2019-01-01 declared 2022-07-01 {
    description: "Employed as chief executive"
    action: exclude_from_decision
  }""",
        "  no_interests: 2022-07-01",
    )
    found = coi(text)
    assert codes(found) == ["COI006"]
    assert found[0].severity is Severity.WARNING


def test_undeclared_post_while_taking_part_is_an_error():
    text = broken(
        """  interest: financial in northmoor_hospitals from 2019-01-01 declared 2022-07-01 {
    description: "Employed as chief executive"
    action: exclude_from_decision
  }""",
        "  no_interests: 2022-07-01",
    )
    found = coi(text.replace("  excluded: [hugh_marsh]\n", ""))
    assert codes(found) == ["COI005", "COI006"]
    coi006 = next(d for d in found if d.code == "COI006")
    assert coi006.severity is Severity.ERROR
    assert "took part in decision `acute_contract`" in coi006.message


# -- COI001 ---------------------------------------------------------------------------------
def test_forum_receiving_a_delegation_needs_a_register():
    text = """
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person tom_reyes "Dr Tom Reyes" {}
    function commissioning.community "Commission community services" { held_by: northmoor_icb }
    place_partnership north "North Partnership" {
      model: joint_committee
      seat: tom_reyes as chair
    }
    delegation d_north "Community services to North" {
      from: northmoor_icb
      to: north
      functions: [commissioning.community]
    }
    """
    assert codes(coi(text)) == ["COI001"]
    assert codes(coi(text.replace("delegation d_north", "delegation d_elsewhere").replace("to: north", "to: northmoor_icb"))) == []


def test_one_finding_per_person_with_every_seat():
    text = """
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person lena_frost "Lena Frost" {}
    committee audit "Audit" {
      parent: northmoor_icb
      seat: lena_frost as chair
    }
    committee finance "Finance" {
      parent: northmoor_icb
      seat: lena_frost as voting_member
    }
    """
    found = coi(text)
    assert codes(found) == ["COI001"]
    assert "committee `audit` and committee `finance`" in found[0].message
    assert len(found[0].related) == 2


# -- COI002 ---------------------------------------------------------------------------------
def test_declaration_period_is_configurable():
    late = (FIXTURES / "COI002_late.gov").read_text(encoding="utf-8")
    assert codes(coi(late)) == ["COI002", "COI002"]
    relaxed = Config(select=("COI",), thresholds=Thresholds(declaration_days=365))
    assert codes(coi(late, relaxed)) == []


def test_interest_older_than_the_seat_is_due_from_the_seat():
    text = """
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person rhys_cole "Rhys Cole" {
      interest: non_financial_professional in "Fellow of a royal college" from 1998-06-01 declared DECLARED action none
    }
    committee quality "Quality" {
      parent: northmoor_icb
      seat: rhys_cole as chair from 2023-04-01
    }
    """
    assert codes(coi(text.replace("DECLARED", "2023-04-29"))) == []
    found = coi(text.replace("DECLARED", "2023-05-30"))
    assert codes(found) == ["COI002"]
    assert "after they took up their first seat on 2023-04-01" in found[0].message


# -- COI003 ---------------------------------------------------------------------------------
PCC = """
organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
organisation moorside_pcn "Moorside PCN" { kind: primary_care_network }
person jo_kent "Dr Jo Kent" {
  interest: financial in moorside_pcn from 2015-04-01 declared 2015-04-10
}
committee pcc "Primary Care Commissioning Committee" {
  parent: northmoor_icb
  seat: jo_kent as chair SEAT_DATES
}
decision estates "Estates funding" {
  forum: pcc
  DATE
  affects: [moorside_pcn]
}
"""


def test_decision_is_judged_on_its_own_date():
    # The seat ended before the check date but was in force when the decision was taken.
    text = PCC.replace("SEAT_DATES", "to 2025-12-31").replace("DATE", "date: 2025-05-08")
    assert codes(coi(text)) == ["COI003"]
    # Taken after the seat ended: nobody conflicted took part.
    later = PCC.replace("SEAT_DATES", "to 2025-12-31").replace("DATE", "date: 2026-02-01")
    assert codes(coi(later)) == []


def test_decision_without_a_date_is_judged_on_the_check_date():
    text = PCC.replace("SEAT_DATES", "to 2025-12-31").replace("DATE", "")
    assert codes(coi(text)) == []
    assert codes(coi(text, as_of=dt.date(2025, 6, 1))) == ["COI003"]


def test_action_none_is_not_management():
    text = PCC.replace("declared 2015-04-10", "declared 2015-04-10 action none")
    text = text.replace("SEAT_DATES", "").replace("DATE", "date: 2025-05-08")
    found = coi(text)
    assert codes(found) == ["COI003"]
    assert "none is needed" in found[0].message


# -- COI004 ---------------------------------------------------------------------------------
QUORUM = """
organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
person ann_hale "Ann Hale" { no_interests: 2022-07-01 }
person lena_frost "Lena Frost" { no_interests: 2022-07-01 }
person hugh_marsh "Hugh Marsh" {
  post: chief_executive at northmoor_hospitals
  INTEREST
}
committee finance "Finance" {
  parent: northmoor_icb
  quorum: QUORUM
  seat: ann_hale as chair
  seat: lena_frost as voting_member
  seat: hugh_marsh as voting_member
}
decision contract "Trust contract" {
  forum: finance
  date: 2025-05-08
  affects: [northmoor_hospitals]
}
"""


def test_undeclared_post_holder_counts_as_stepping_out():
    text = QUORUM.replace("INTEREST", "no_interests: 2022-07-01").replace("QUORUM", "3")
    assert codes(coi(text)) == ["COI004", "COI006"]


def test_declare_and_participate_keeps_the_member_in_the_quorum():
    interest = "interest: financial in northmoor_hospitals from 2019-01-01 declared 2022-07-01 action declare_and_participate"
    text = QUORUM.replace("INTEREST", interest).replace("QUORUM", "3")
    assert codes(coi(text)) == []


def test_forum_inquorate_with_everyone_is_left_to_the_quorum_rules():
    interest = "interest: financial in northmoor_hospitals from 2019-01-01 declared 2022-07-01 action exclude_from_vote"
    text = QUORUM.replace("INTEREST", interest).replace("QUORUM", "4")
    assert "COI004" not in codes(coi(text))


# -- COI005 and COI006 ------------------------------------------------------------------------
def test_structural_conflict_through_the_seat_alone():
    text = """
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    person cllr_moss "Cllr Jane Moss" {
      post: council_leader at northmoor_council
      no_interests: 2022-07-01
    }
    board icb_board "Board" {
      parent: northmoor_icb
      seat: cllr_moss as partner_member_local_authority for northmoor_council
    }
    decision bcf "Better Care Fund" {
      forum: icb_board
      date: 2025-03-27
      affects: [northmoor_council]
    }
    """
    found = coi(text)
    # The leader of the council is not an interest-bearing post (COI006), but the seat is for the council.
    assert codes(found) == ["COI005"]
    assert "their own organisation `northmoor_council`" in found[0].message


def test_two_routes_to_an_affected_pcn_name_the_practice_once_and_show_both():
    # The primary care partner member sits for her practice and holds a post there; the
    # decision affects the PCN the practice is part of. Both links lead to the PCN through the
    # same practice: the finding names it once, and points at the seat and the post.
    text = (FIXTURES / "COI005_own_organisation.gov").read_text(encoding="utf-8")
    old = "seat: jo_kent as partner_member_primary_care\n"
    assert old in text
    text = text.replace(old, "seat: jo_kent as partner_member_primary_care for moorside_practice\n")
    found = [d for d in coi(text) if "jo_kent" in d.message]
    assert codes(found) == ["COI005"]
    assert found[0].message == (
        "partner member `jo_kent` takes part in decision `pcn_estates` of board `icb_board`, which affects "
        "their own organisation `moorside_pcn` (their organisation `moorside_practice` is part of it)"
    )
    assert [r.message for r in found[0].related] == [
        "`jo_kent` sits as a partner member for `moorside_practice`",
        "`jo_kent` is GP partner at `moorside_practice`",
    ]


def test_non_voting_participants_do_not_take_part_in_decisions():
    text = """
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    person hugh_marsh "Hugh Marsh" {
      post: chief_executive at northmoor_hospitals
      interest: financial in northmoor_hospitals from 2019-01-01 declared 2022-07-01
    }
    board icb_board "Board" {
      parent: northmoor_icb
      seat: hugh_marsh as participant
    }
    decision contract "Trust contract" {
      forum: icb_board
      date: 2025-03-27
      affects: [northmoor_hospitals]
    }
    """
    assert codes(coi(text)) == []


def test_rules_cope_with_a_partial_model():
    text = """
    person nobody "Nobody" {
      interest: financial in "A matter in words"
      post: employee
    }
    committee floating "Floating committee" {
      parent: nowhere_org
      seat: nobody as chair
    }
    organisation nowhere_org "Somewhere" { kind: other }
    decision d "A decision" {
      forum: floating
      affects: []
    }
    """
    assert codes(coi(text)) == []


# -- posts with dates ---------------------------------------------------------------------------
# A post counts on a decision's date only if it is held that day (its `from` and `to`); on the
# check date, only if it is held then. The decision below is on 2025-05-08; the check date is
# 2026-11-24.
def _dated_post(dates: str, interest: str = "no_interests: 2022-07-01", quorum: str = "3") -> str:
    return QUORUM.replace(
        "post: chief_executive at northmoor_hospitals", f"post: chief_executive at northmoor_hospitals {dates}"
    ).replace("INTEREST", interest).replace("QUORUM", quorum)


def test_post_ended_before_the_decision_is_no_conflict_in_it():
    assert codes(coi(_dated_post("from 2019-01-01 to 2024-12-31"))) == []


def test_post_taken_up_after_the_decision_is_only_a_register_warning():
    found = coi(_dated_post("from 2025-06-01"))
    assert codes(found) == ["COI006"]
    assert found[0].severity is Severity.WARNING
    assert "took part" not in found[0].message


def test_post_held_on_the_decision_date_but_ended_since_is_still_a_conflict_in_it():
    found = coi(_dated_post("from 2019-01-01 to 2025-12-31"))
    assert codes(found) == ["COI004", "COI006"]
    coi006 = next(d for d in found if d.code == "COI006")
    assert coi006.severity is Severity.ERROR
    assert coi006.message == (
        "`hugh_marsh` was chief executive at `northmoor_hospitals` when they took part in decision `contract`, "
        "which affects it, and had declared no interest in `northmoor_hospitals`"
    )
    assert "from DATE to DATE" in coi006.hint
    assert [r.message for r in coi006.related] == ["`hugh_marsh` took part in this decision"]


def test_former_post_declared_since_is_left_to_the_register():
    # The interest is on the register now (declared after the decision): COI006 is about the
    # register, so it is silent; COI003 reports the late declaration, and COI004 still sees him
    # step out on the day.
    interest = "interest: financial in northmoor_hospitals from 2019-01-01 to 2025-12-31 declared 2026-01-10"
    assert codes(coi(_dated_post("from 2019-01-01 to 2025-12-31", interest))) == ["COI003", "COI004"]


def test_quorum_qualities_come_from_the_posts_held_on_the_decision_date():
    # Hugh is the committee's only clinician through his post as the trust's medical director,
    # which he held on the decision date and has left since. He must step out of the trust's
    # contract, and without him there is no clinician: inquorate on the day, whatever his posts
    # are on the check date.
    text = QUORUM.replace(
        "post: chief_executive at northmoor_hospitals",
        "post: medical_director at northmoor_hospitals from 2019-01-01 to 2025-12-31",
    ).replace("INTEREST", "interest: financial in northmoor_hospitals from 2019-01-01 to 2025-12-31 declared 2019-01-20 action exclude_from_decision")
    text = text.replace("QUORUM", "2 including [1 clinician]")
    text = text.replace("  affects: [northmoor_hospitals]\n", "  affects: [northmoor_hospitals]\n  excluded: [hugh_marsh]\n")
    found = coi(text)
    assert codes(found) == ["COI004"]
    assert "1 × clinician needed, 0 available" in found[0].message
    # Had he left the post before the decision, he would have been neither a clinician nor conflicted.
    assert codes(coi(text.replace("to 2025-12-31", "to 2024-12-31"))) == []


def test_partner_member_post_ended_before_the_decision_is_no_structural_conflict():
    text = """
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    person hugh_marsh "Hugh Marsh" {
      post: chief_executive at northmoor_hospitals from 2019-01-01 to POST_END
      interest: financial in northmoor_hospitals from 2019-01-01 to POST_END declared 2019-01-20 action declare_and_participate
    }
    board icb_board "Board" {
      parent: northmoor_icb
      seat: hugh_marsh as partner_member_trusts
    }
    decision contract "Trust contract" {
      forum: icb_board
      date: 2025-03-27
      affects: [northmoor_hospitals]
    }
    """
    assert codes(coi(text.replace("POST_END", "2024-12-31"))) == []
    found = coi(text.replace("POST_END", "2025-12-31"))
    assert codes(found) == ["COI005"]
    assert "`hugh_marsh` is chief executive at `northmoor_hospitals`" in [r.message for r in found[0].related]
