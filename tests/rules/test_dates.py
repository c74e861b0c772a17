"""Date rules (TIME001-TIME004): behaviour beyond the fixtures.

Only the TIME rules run here. The check date is 24 November 2026 unless a
test says otherwise.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from govdsl.config import Config, Thresholds
from govdsl.diagnostics import Severity

from tests.rules.harness import AS_OF, check_text, codes

TIME = Config(select=("TIME",))


def run(text: str, config: Config = TIME, as_of: dt.date = AS_OF):
    return check_text(textwrap.dedent(text), config, as_of)


DELEGATIONS = """
organisation icb "ICB" { kind: icb }
board icb_board "Board" { parent: icb }
committee quality "Quality" { parent: icb_board }
function f "F" { held_by: icb }
function g "G" { held_by: icb }
delegation d "D" {
  from: icb_board
  to: quality
  functions: [f, g]
  effective: 2024-04-01
  expires: EXPIRES
  review: REVIEW
}
"""


def delegation(expires="2030-01-01", review="2030-01-01", extra=""):
    return DELEGATIONS.replace("EXPIRES", expires).replace("REVIEW", review) + extra


# -- TIME001 -----------------------------------------------------------------------------------------
def test_review_on_the_check_date_is_not_yet_passed():
    assert codes(run(delegation(review=AS_OF.isoformat()))) == []
    found = run(delegation(review="2026-11-23"))
    assert codes(found) == ["TIME001"]
    assert "due for review on 2026-11-23, yesterday" in found[0].message


def test_expiry_is_a_note_within_the_horizon_only():
    found = run(delegation(expires=AS_OF.isoformat()))
    assert codes(found) == ["TIME001"]
    assert found[0].severity == Severity.INFO
    assert "expires on 2026-11-24, today" in found[0].message
    assert codes(run(delegation(expires="2027-02-23"))) == []  # 91 days ahead
    assert codes(run(delegation(expires="2027-02-22"))) == ["TIME001"]  # 90 days ahead


def test_horizon_follows_the_threshold():
    config = Config(select=("TIME",), thresholds=Thresholds(expiry_warning_days=120))
    assert codes(run(delegation(expires="2027-02-23"), config)) == ["TIME001"]


def test_successor_must_start_by_the_next_day_and_share_a_function():
    successor = """
    delegation d2 "D2" {
      from: icb_board
      to: quality
      functions: [FUNCTIONS]
      effective: START
    }
    """
    def with_successor(functions, start):
        return delegation(expires="2027-01-31", extra=successor.replace("FUNCTIONS", functions).replace("START", start))

    assert codes(run(with_successor("g", "2027-02-01"))) == []
    assert codes(run(with_successor("g", "2027-02-02"))) == ["TIME001"]  # a gap of a day
    assert codes(run(with_successor("f", "2026-12-01"))) == []  # overlapping renewal


def test_expired_delegation_is_not_reported():
    assert codes(run(delegation(expires="2026-11-01", review="2026-01-01"))) == []


def test_terms_review_passed_points_at_the_terms():
    text = """
    organisation icb "ICB" { kind: icb }
    committee c "C" {
      parent: icb
      terms: {
        purpose: "x"
        review: 2025-11-24
      }
    }
    """
    found = run(text)
    assert codes(found) == ["TIME001"]
    assert "365 days ago" in found[0].message
    assert found[0].related and found[0].related[0].message == "`c` is declared here"


# -- TIME002 -----------------------------------------------------------------------------------------
SEATS = """
organisation icb "ICB" { kind: icb }
person a "A" {}
person b "B" {}
committee c "C" {
  parent: icb
  SEATS
}
"""


def seats(*lines: str) -> str:
    return SEATS.replace("SEATS", "\n  ".join(lines))


def test_chair_with_successor_is_a_note():
    found = run(seats("seat: a as chair to 2027-01-31", "seat: b as chair from 2027-02-01"))
    assert codes(found) == ["TIME002"]
    assert found[0].severity == Severity.INFO
    assert "`b` takes over" in found[0].message
    assert found[0].related[0].message == "the successor's seat"


def test_chair_whose_successor_starts_late_is_a_warning():
    found = run(seats("seat: a as chair to 2027-01-31", "seat: b as chair from 2027-03-01"))
    assert [d.severity for d in found] == [Severity.WARNING]


def test_vice_chair_is_not_a_chair():
    found = run(seats("seat: a as vice_chair to 2027-01-31"))
    assert [d.severity for d in found] == [Severity.INFO]
    assert "(as vice-chair)" in found[0].message


def test_seats_ended_or_far_off_are_not_reported():
    assert codes(run(seats("seat: a as chair to 2026-11-23", "seat: b as chair to 2027-03-01"))) == []


def test_seat_ending_on_the_check_date_is_reported():
    found = run(seats("seat: a as chair to 2026-11-24"))
    assert "ends on 2026-11-24, today" in found[0].message


def test_one_note_per_person_whose_seats_end_together():
    text = """
    organisation icb "ICB" { kind: icb }
    person a "A" {}
    person b "B" {}
    board icb_board "Board" {
      parent: icb
      seat: b as chair
      seat: a as non_executive to 2027-01-31
    }
    committee c "C" {
      parent: icb_board
      seat: b as chair
      seat: a as voting_member to 2027-01-31
    }
    """
    found = run(text)
    assert codes(found) == ["TIME002"]
    assert found[0].message == "`a`'s tenure on board `icb_board` and committee `c` ends on 2027-01-31, in 68 days"
    assert [r.message for r in found[0].related] == ["`a`'s seat on committee `c` ends too"]


def test_seats_that_end_when_their_forum_closes_are_not_falling_vacant():
    closing = SEATS.replace("  parent: icb\n", "  parent: icb\n  closed: 2027-01-31\n")
    text = closing.replace("SEATS", "seat: a as chair to 2027-01-31\n  seat: b as voting_member")
    assert codes(run(text)) == []
    # a seat that ends before the forum closes is still reported
    text = closing.replace("SEATS", "seat: a as chair to 2027-01-15")
    assert codes(run(text)) == ["TIME002"]


# -- TIME003 -----------------------------------------------------------------------------------------
FORUMS = """
organisation icb "ICB" { kind: icb }
board icb_board "Board" { parent: icb }
committee old "Old committee" { parent: icb_board  OLD }
committee new "New committee" { parent: icb_board  NEW }
committees_in_common cic "Committees in common" { parent: icb  CIC }
function f "F" { held_by: icb }
"""


def forums(delegation: str, old="closed: 2025-03-31", new="established: 2027-04-01", cic="") -> str:
    return FORUMS.replace("OLD", old).replace("NEW", new).replace("CIC", cic) + textwrap.dedent(delegation)


def test_delegation_to_a_closed_forum_is_an_error_that_says_when_it_closed():
    found = run(forums('delegation d "D" { from: icb_board  to: old  functions: f  reports_to: icb_board }'))
    assert codes(found) == ["TIME003"]
    (d,) = found
    assert d.severity is Severity.ERROR
    assert d.message == "delegation `d` is in force on 2026-11-24, but the committee `old` it delegates to closed on 2025-03-31"
    assert d.hint.startswith("End the delegation when the forum closed (`expires: 2025-03-31`)")
    assert [r.message for r in d.related] == ["`old` closed on 2025-03-31"]


def test_delegation_to_a_forum_not_yet_established_names_the_date_to_start_from():
    found = run(forums('delegation d "D" { from: icb_board  to: new  functions: f  reports_to: icb_board }'))
    (d,) = found
    assert d.message.endswith("the committee `new` it delegates to is not established until 2027-04-01")
    assert "`effective: 2027-04-01`" in d.hint


def test_delegation_by_a_closed_forum_is_an_error_and_reporting_to_one_a_warning():
    found = run(forums('delegation d "D" { from: old  to: icb_board  functions: f  reports_to: [old, icb_board] }'))
    # reporting back to the closed giver is not reported again
    assert [(d.code, d.severity) for d in found] == [("TIME003", Severity.ERROR)]
    assert "the committee `old` that gives it closed on 2025-03-31" in found[0].message
    found = run(forums('delegation d "D" { from: icb_board  to: new  functions: f  reports_to: [old] }', new=""))
    assert [(d.code, d.severity) for d in found] == [("TIME003", Severity.WARNING)]
    assert found[0].message == "delegation `d` reports to the committee `old`, which closed on 2025-03-31"
    assert found[0].hint.startswith("Have it report to the forum that took over from `old`")


def test_committees_in_common_are_plural():
    found = run(forums('delegation d "D" { from: cic  to: icb_board  functions: f }', cic="established: 2027-04-01"))
    assert [d.message for d in found] == [
        "delegation `d` is in force on 2026-11-24, but the committees in common `cic` that give it are not "
        "established until 2027-04-01",
    ]
    found = run(forums('delegation d "D" { from: icb_board  to: new  functions: f  reports_to: cic }', new="", cic="established: 2027-04-01"))
    assert [d.message for d in found] == [
        "delegation `d` reports to the committees in common `cic`, which are not established until 2027-04-01",
    ]
    assert found[0].hint == "Have it report to a forum that exists now, until `cic` is established."


def test_delegation_not_in_force_is_not_judged_and_forums_without_dates_always_exist():
    ended = 'delegation d "D" { from: icb_board  to: old  functions: f  reports_to: icb_board  expires: 2025-03-31 }'
    assert codes(run(forums(ended))) == []
    assert codes(run(forums(ended), as_of=dt.date(2025, 3, 31))) == ["TIME001"]  # the last day of both: only the note
    assert codes(run(forums('delegation d "D" { from: icb  to: icb_board  functions: f }'))) == []


# -- TIME004 -----------------------------------------------------------------------------------------
def test_decision_before_its_forum_was_established():
    found = run(forums('decision x "X" { forum: new  date: 2027-03-31 }'))
    (d,) = found
    assert (d.code, d.severity) == ("TIME004", Severity.ERROR)
    assert d.message == "decision `x` is dated 2027-03-31, but the committee `new` that takes it is established only on 2027-04-01"
    assert codes(run(forums('decision x "X" { forum: new  date: 2027-04-01 }'))) == []


def test_decision_after_its_forum_closed_and_undated_decisions_on_the_check_date():
    assert codes(run(forums('decision x "X" { forum: old  date: 2025-04-01 }'))) == ["TIME004"]
    found = run(forums('decision x "X" { forum: cic }', cic="closed: 2026-01-31"))
    (d,) = found
    assert d.severity is Severity.WARNING
    assert d.message == (
        "decision `x` has no date, and the committees in common `cic` that take it closed on 2026-01-31 "
        "(the check date is 2026-11-24)"
    )
    assert codes(run(forums('decision x "X" { forum: cic }', cic="closed: 2026-01-31"), as_of=dt.date(2026, 1, 1))) == []


def test_a_partial_model_does_not_trip_the_forum_life_rules():
    from govdsl.check.engine import run_rules
    from govdsl.check.registry import all_rules
    from govdsl.model import types as m

    model = m.Model(
        forums=(m.Forum("f", "committee", "F", closed=dt.date(2025, 1, 1)),),
        delegations=(m.Delegation("d", "D", "", "", ()), m.Delegation("e", "E", "ghost", "f", (), reports_to=("ghost",))),
        decisions=(m.Decision("x", "X", forum=""), m.Decision("y", "Y", forum="ghost")),
    )
    rules = [rule for rule in all_rules() if rule.code in ("TIME003", "TIME004")]
    found = run_rules(model, Config(), AS_OF, rules)
    assert [(d.code, d.message) for d in found] == [
        ("TIME003", "delegation `e` is in force on 2026-11-24, but the committee `f` it delegates to closed on 2025-01-01"),
    ]
