"""Date rules (TIME001, TIME002): behaviour beyond the fixtures.

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
