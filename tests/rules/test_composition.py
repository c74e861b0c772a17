"""Composition rules (STAT001-STAT005, GOV001-GOV006): behaviour beyond the fixtures.

The well-constituted ICB fixture is silent; most tests break one thing in it
and check that exactly the rule for that thing speaks. Only the STAT and GOV
rules run here, so the tests do not depend on the other categories.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from govdsl.config import Config
from govdsl.diagnostics import Severity

from tests.rules.harness import FIXTURES, check_text, codes

COMPOSITION = Config(select=("STAT", "GOV"))
WELL = (FIXTURES / "STAT001_well_constituted.gov").read_text(encoding="utf-8")


def run(text: str):
    return check_text(textwrap.dedent(text), COMPOSITION)


def broken(*edits: tuple[str, str]) -> str:
    text = WELL
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def only(found, code):
    hits = [d for d in found if d.code == code]
    assert len(hits) == 1, [d.message for d in found]
    return hits[0]


# -- the well-constituted ICB, and ICBs that are not judged ------------------------------------------
def test_well_constituted_icb_is_silent():
    assert codes(run(WELL)) == []


def test_icb_not_named_by_a_system_is_not_judged():
    text = broken(("  icb: northmoor_icb\n", ""), ("  seat: mark_odum as chief_executive\n", ""))
    assert codes(run(text)) == []


def test_bare_icb_in_a_partial_model_is_not_judged():
    assert codes(run('organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }\n')) == []


# -- STAT001 -----------------------------------------------------------------------------------------
def test_two_chairs_are_named_with_both_seats():
    found = run(broken(("as non_executive and vice_chair\n", "as non_executive and chair\n")))
    finding = only(found, "STAT001")
    assert "2 chairs (`ann_hale` and `sam_patel`)" in finding.message
    assert len(finding.related) == 2


def test_participants_are_not_ordinary_members():
    text = """
    system s "S" { icb: icb  dispute_resolution: "x" }
    organisation icb "ICB" { kind: icb }
    person a "A" {}
    person b "B" {}
    person c "C" {}
    person d "D" {}
    person e "E" {}
    board icb_board "Board" {
      parent: icb
      seat: a as chair
      seat: b as chief_executive
      seat: c as non_executive
      seat: d as participant
      seat: e as observer
    }
    """
    finding = only(run(text), "STAT001")
    assert "only 1 ordinary member (`c`)" in finding.message


def test_ended_seat_leaves_the_board_without_its_chair():
    found = run(broken(("  seat: ann_hale as chair\n", "  seat: ann_hale as chair from 2022-07-01 to 2026-06-30\n")))
    assert "STAT001" in codes(found)
    assert "no chair" in only(found, "STAT001").message


# -- STAT002 -----------------------------------------------------------------------------------------
def test_every_missing_partner_group_in_one_finding():
    found = run(
        broken(
            ("  seat: hugh_marsh as partner_member_trusts for northmoor_hospitals\n", ""),
            ("  seat: jo_kent as partner_member_primary_care for moorside_practice\n", ""),
        )
    )
    finding = only(found, "STAT002")
    assert "by NHS trusts and foundation trusts or by providers of primary medical services" in finding.message
    assert "partner_member_local_authority" not in finding.hint


# -- STAT003 -----------------------------------------------------------------------------------------
def test_chief_executive_expertise_does_not_count():
    text = broken(
        ("expertise: [mental_health]  no_interests", "no_interests"),
        ('person mark_odum "Mark Odum" { ', 'person mark_odum "Mark Odum" { expertise: [mental_health]  '),
    )
    assert codes(run(text)) == ["STAT003"]


# -- STAT004 -----------------------------------------------------------------------------------------
def test_icp_found_through_partners_and_member_counted_by_employer():
    text = broken(
        ("  parent: [northmoor_icb, northmoor_council]\n", "  partners: [northmoor_icb, northmoor_council]\n"),
        ("  seat: cllr_bell as councillor for northmoor_council\n", "  seat: cllr_bell as voting_member\n"),
        ('person cllr_bell "Cllr Sue Bell" { ', 'person cllr_bell "Cllr Sue Bell" { employer: northmoor_council  '),
    )
    assert codes(run(text)) == []


def test_councils_fall_back_to_the_icb_footprint():
    text = broken(
        ("  footprint: [northmoor_council]\n", ""),
        ('organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }',
         'organisation northmoor_icb "NHS Northmoor ICB" { kind: icb  footprint: [northmoor_council] }'),
        ("  seat: cllr_bell as councillor for northmoor_council\n", ""),
    )
    finding = only(run(text), "STAT004")
    assert "no member for `northmoor_council`" in finding.message
    assert any("footprint" in r.message for r in finding.related)


def test_observer_does_not_count_and_icb_missing_too():
    text = broken(
        ("  seat: ann_hale as chair for northmoor_icb\n", ""),
        ("cllr_bell as councillor for", "cllr_bell as observer for"),
    )
    finding = only(run(text), "STAT004")
    # the partnership is still found through its parents
    assert "no member for `northmoor_icb` and `northmoor_council`" in finding.message


def test_icb_without_partnership():
    text = broken(
        ("integrated_care_partnership northmoor_icp", "place_partnership northmoor_icp"),
        ("  parent: [northmoor_icb, northmoor_council]\n", "  parent: [northmoor_icb, northmoor_council]\n  model: joint_committee\n"),
    )
    finding = only(run(text), "STAT004")
    assert finding.message == "ICB `northmoor_icb` has no integrated care partnership"


# -- STAT005 -----------------------------------------------------------------------------------------
def test_empty_hwb_lists_all_six_members():
    text = """
    organisation council "Council" { kind: unitary_council }
    health_and_wellbeing_board hwb "HWB" { parent: council }
    """
    finding = only(run(text), "STAT005")
    for words in ("a councillor", "adult social services", "children's services", "public health",
                  "local Healthwatch", "the ICB"):
        assert words in finding.message


def test_hwb_members_found_by_post_and_employer():
    text = """
    organisation council "Council" { kind: unitary_council }
    organisation icb "ICB" { kind: icb }
    organisation hw "Healthwatch" { kind: healthwatch }
    person leader "L" { post: mayor at council }
    person dass "D" {
      post: director_of_adult_social_services at council
      post: director_of_childrens_services at council
    }
    person dph "P" { post: director_of_public_health at council }
    person hw_rep "H" { employer: hw }
    person icb_rep "I" { post: chief_executive at icb }
    health_and_wellbeing_board hwb "HWB" {
      parent: council
      seat: leader as chair
      seat: dass as voting_member
      seat: dph as voting_member
      seat: hw_rep as voting_member
      seat: icb_rep as voting_member
    }
    """
    assert codes(run(text)) == []


# -- GOV001 ------------------------------------------------------------------------------------------
def test_chair_is_not_counted_among_non_executives():
    text = broken(
        ("  seat: ann_hale as chair\n", "  seat: ann_hale as chair and non_executive\n"),
        ("  seat: sam_patel as non_executive and vice_chair\n", "  seat: sam_patel as vice_chair\n"),
        ("rhys_cole as non_executive\n  seat: hugh_marsh", "rhys_cole as voting_member\n  seat: hugh_marsh"),
    )
    finding = only(run(text), "GOV001")
    assert "only one non-executive member besides the chair (`lena_frost`)" in finding.message


def test_executive_seat_without_the_post_does_not_count():
    found = run(broken(("  seat: grace_ibe as executive_nursing\n", "  seat: grace_ibe as executive\n")))
    assert "no executive member for nursing" in only(found, "GOV001").message


# -- GOV002 ------------------------------------------------------------------------------------------
def test_icb_chair_chairing_audit_is_only_a_warning():
    text = broken(
        ('person ann_hale "Dr Ann Hale" { ', 'person ann_hale "Dr Ann Hale" { expertise: [audit]  '),
        ("lena_frost as chair and non_executive\n  seat: rhys_cole", "ann_hale as chair\n  seat: rhys_cole"),
    )
    finding = only(run(text), "GOV002")
    assert finding.severity == Severity.WARNING
    assert "is also the chair of ICB `northmoor_icb`" in finding.message


def test_independent_chair_without_expertise_is_an_error():
    text = broken(("expertise: [finance, audit]  no_interests", "no_interests"))
    finding = only(run(text), "GOV002")
    assert finding.severity == Severity.ERROR
    assert "has no finance or audit expertise recorded" in finding.message


def test_audit_committee_without_a_chair_is_left_to_gov004():
    found = run(broken(("  seat: lena_frost as chair and non_executive\n", "  seat: lena_frost as non_executive\n")))
    assert codes(found) == ["GOV004"]


# -- GOV003 ------------------------------------------------------------------------------------------
def test_remuneration_chair_who_is_the_icb_chair_and_not_a_non_executive():
    found = run(broken(("sam_patel as chair and non_executive\n", "ann_hale as chair\n  seat: sam_patel as non_executive\n")))
    finding = only(found, "GOV003")
    assert "is not a non-executive member of the ICB board and is the chair of ICB `northmoor_icb`" in finding.message


def test_staff_post_makes_an_icb_employee():
    text = broken(
        ('"Hugh Marsh" { ', '"Hugh Marsh" { post: place_director at northmoor_icb  '),
        ("  seat: dev_rao as participant\n}\n\nintegrated", "  seat: hugh_marsh as voting_member\n}\n\nintegrated"),
    )
    assert "`hugh_marsh`, employed by ICB `northmoor_icb`" in only(run(text), "GOV003").message


def test_no_remuneration_committee_points_at_a_look_alike():
    found = run(broken(("  role: remuneration\n", "")))
    finding = only(found, "GOV003")
    assert finding.message == "ICB `northmoor_icb` has no remuneration committee"
    assert "`role: remuneration`" in finding.hint


# -- GOV004 ------------------------------------------------------------------------------------------
def test_named_only_committee_of_a_described_icb_is_reported():
    text = WELL + '\ncommittee place_north "North Place Committee" { parent: icb_board  role: place }\n'
    finding = only(run(text), "GOV004")
    assert finding.message == "committee `place_north` has no terms of reference, no members and no quorum"


def test_board_needs_chair_members_and_quorum_but_no_terms():
    text = """
    organisation trust "Trust" { kind: nhs_trust }
    person a "A" {}
    board trust_board "Trust Board" {
      parent: trust
      seat: a as non_executive
    }
    """
    assert only(run(text), "GOV004").message == "board `trust_board` has no chair and no quorum"


# -- GOV005 and GOV006 -------------------------------------------------------------------------------
def test_one_person_with_two_seats_counts_once():
    text = """
    organisation icb "ICB" { kind: icb }
    person a "A" {}
    person b "B" {}
    committee c "C" {
      parent: icb
      terms: { purpose: "x" }
      quorum: 3
      seat: a as chair
      seat: a as voting_member
      seat: b as voting_member
    }
    """
    finding = only(run(text), "GOV005")
    assert "3 voting members are needed and 2 are available" in finding.message


def test_non_voting_requirement_is_left_to_gov006():
    text = """
    organisation icb "ICB" { kind: icb }
    person a "A" {}
    person b "B" {}
    committee c "C" {
      parent: icb
      terms: { purpose: "x" }
      quorum: 2 including [1 observer]
      seat: a as chair
      seat: b as voting_member
    }
    """
    found = run(text)
    assert codes(found) == ["GOV006"]
    assert "counts observers" in found[0].message


def test_quorum_on_a_forum_without_members_is_left_to_gov004():
    text = """
    organisation icb "ICB" { kind: icb }
    committee c "C" { parent: icb  terms: { purpose: "x" }  quorum: 3 }
    """
    assert codes(run(text)) == ["GOV004"]


# -- forums not set up yet on the check date ---------------------------------------------------------
def test_before_the_icb_existed_nothing_is_incomplete():
    text = "\n".join(
        line + " from 2022-07-01" if line.startswith("  seat: ") and "participant" not in line else line
        for line in WELL.splitlines()
    )
    assert codes(check_text(text, COMPOSITION, dt.date(2022, 1, 1))) == []
    assert codes(check_text(text, COMPOSITION, dt.date(2022, 7, 1))) == []


def test_a_forum_whose_members_have_all_left_is_reported():
    text = """
    organisation icb "ICB" { kind: icb }
    person a "A" {}
    committee c "C" {
      parent: icb
      terms: { purpose: "x" }
      quorum: 1
      seat: a as chair from 2020-01-01 to 2021-12-31
    }
    """
    assert codes(run(text)) == ["GOV004"]


# -- forums with `established` and `closed` -------------------------------------------------------------
def _dated(forum_line: str, dates: str) -> str:
    """WELL with dates given to one forum (its declaration line is `forum_line`)."""
    return broken((forum_line, forum_line + "\n" + dates))


BOARD = 'board icb_board "NHS Northmoor ICB Board" {'
AUDIT = 'committee audit "Audit Committee" {'
ICP = 'integrated_care_partnership northmoor_icp "Northmoor Integrated Care Partnership" {'


def test_established_says_when_a_forum_is_set_up_whatever_its_seats_say():
    # All the forums are established in July 2022: before that nothing is judged, and
    # nothing is reported missing, although the seats carry no dates at all.
    text = WELL
    for line in (BOARD, AUDIT, 'committee remuneration "Remuneration Committee" {', ICP):
        text = text.replace(line, line + "\n  established: 2022-07-01", 1)
    assert codes(check_text(text, COMPOSITION, dt.date(2022, 6, 30))) == []
    assert codes(check_text(text, COMPOSITION, dt.date(2022, 7, 1))) == []


def test_a_forum_established_before_its_members_join_is_judged_incomplete():
    # Without `established`, a committee whose members all join later is taken not to be set up
    # (test_before_the_icb_existed_nothing_is_incomplete); once it is established, it is set up.
    text = """
    organisation icb "ICB" { kind: icb }
    person a "A" {}
    committee c "C" {
      parent: icb
      terms: { purpose: "x" }
      quorum: 1
      seat: a as chair from 2027-01-01
    }
    """
    assert codes(run(text)) == []
    found = run(text.replace('parent: icb\n', 'parent: icb\n      established: 2026-04-01\n'))
    assert codes(found) == ["GOV004"]
    assert "has no members" in found[0].message


def test_a_board_not_yet_established_is_not_missing():
    # Its committees, which have no dates, exist already: the remuneration committee's chair
    # cannot yet be a non-executive member of the board (GOV003), as when the board's seats all
    # start later; but the ICB is not reported as having no board.
    assert codes(run(_dated(BOARD, "  established: 2027-01-01"))) == ["GOV003"]


def test_a_board_that_has_closed_leaves_the_icb_without_one():
    found = run(_dated(BOARD, "  established: 2022-07-01\n  closed: 2026-03-31"))
    stat001 = only(found, "STAT001")
    assert stat001.message == "ICB `northmoor_icb` has no board"
    assert "board `icb_board` closed on 2026-03-31" in [r.message for r in stat001.related]
    # Its committees still belong to the ICB (ACC002 reports that they hang from a closed board),
    # but the remuneration committee's chair is no longer a non-executive member of a board.
    assert codes(found) == ["GOV003", "STAT001"]


def test_a_closed_audit_committee_is_missing_and_named():
    found = run(_dated(AUDIT, "  closed: 2026-03-31"))
    gov002 = only(found, "GOV002")
    assert gov002.message == "ICB `northmoor_icb` has no audit committee"
    assert "committee `audit` closed on 2026-03-31" in [r.message for r in gov002.related]
    assert codes(run(_dated(AUDIT, "  established: 2027-01-01"))) == []  # not set up yet


def test_an_icp_not_yet_established_is_not_missing_but_a_closed_one_is():
    assert codes(run(_dated(ICP, "  established: 2027-01-01"))) == []
    found = run(_dated(ICP, "  closed: 2026-03-31"))
    stat004 = only(found, "STAT004")
    assert "integrated care partnership `northmoor_icp` closed on 2026-03-31" in [r.message for r in stat004.related]


def test_an_icp_known_only_through_its_members_is_not_missing_while_not_set_up():
    # Neither a parent nor a partner ties the partnership to the ICB: its members do.
    text = broken(
        ("  parent: [northmoor_icb, northmoor_council]\n  seat: ann_hale", "  established: 2027-01-01\n  seat: ann_hale"),
    )
    assert codes(run(text)) == []
    found = run(text.replace("established: 2027-01-01", "closed: 2026-03-31"))
    assert "integrated care partnership `northmoor_icp` closed on 2026-03-31" in [r.message for r in only(found, "STAT004").related]
