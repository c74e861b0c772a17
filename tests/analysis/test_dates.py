"""What is in force on a date: the model as of a date, and forums in being."""

from __future__ import annotations

import datetime as dt
import textwrap

from govdsl import load_text
from govdsl.analysis.dates import as_of, in_being
from govdsl.analysis.facts import Facts


def test_as_of_drops_seats_not_in_force():
    model = load_text(
        textwrap.dedent(
            """\
            organisation icb "ICB" { kind: icb }
            person a "A" {}
            person b "B" {}
            board board "Board" {
              parent: icb
              seat: a as chair from 2020-01-01 to 2024-03-31
              seat: b as chair from 2024-04-01
            }
            """
        )
    ).model
    before = as_of(model, dt.date(2023, 1, 1)).entity("board")
    after = as_of(model, dt.date(2025, 1, 1)).entity("board")
    assert [s.person for s in before.seats] == ["a"]
    assert [s.person for s in after.seats] == ["b"]


def test_as_of_drops_posts_not_in_force():
    model = load_text(
        textwrap.dedent(
            """\
            organisation icb "ICB" { kind: icb }
            organisation trust "Trust" { kind: nhs_trust }
            person a "A" {
              post: chief_executive at trust from 2019-01-01 to 2024-03-31
              post: chief_executive at icb { from: 2024-04-01 }
              post: governor at trust
            }
            """
        )
    ).model
    assert [p.organisation for p in as_of(model, dt.date(2023, 1, 1)).entity("a").posts] == ["trust", "trust"]
    assert [p.organisation for p in as_of(model, dt.date(2024, 4, 1)).entity("a").posts] == ["icb", "trust"]
    assert [p.organisation for p in as_of(model, dt.date(2018, 1, 1)).entity("a").posts] == ["trust"]
    assert len(model.entity("a").posts) == 3  # the full history keeps them all


FORUMS = """\
organisation icb "ICB" { kind: icb }
person a "A" {}
board board "Board" { parent: icb }
committee old "Old committee" {
  parent: board
  established: 2022-07-01
  closed: 2024-03-31
  seat: a as chair
  reports_to: board
}
committee new "New committee" {
  parent: board
  established: 2024-04-01
  seat: a as chair
  reports_to: board
}
committee sub "Sub-committee of the old one" { parent: old  reports_to: old }
"""


def test_as_of_keeps_only_the_forums_in_being():
    model = load_text(FORUMS).model
    assert [f.id for f in as_of(model, dt.date(2023, 1, 1)).forums] == ["board", "old", "sub"]
    assert [f.id for f in as_of(model, dt.date(2024, 3, 31)).forums] == ["board", "old", "sub"]  # its last day
    assert [f.id for f in as_of(model, dt.date(2024, 4, 1)).forums] == ["board", "new", "sub"]
    assert [f.id for f in as_of(model, dt.date(2022, 6, 30)).forums] == ["board", "sub"]
    assert in_being(model.entity("board"), dt.date(1990, 1, 1))  # a forum without dates always exists


def test_a_forum_not_in_being_takes_its_own_lines_and_leaves_what_points_at_it():
    model = load_text(FORUMS).model
    lines = {(line.source, line.target) for line in as_of(model, dt.date(2025, 1, 1)).lines}
    # the old committee's line to the board is gone with it; the sub-committee's line to it stays,
    # and so does its `parent`, for the rules to report
    assert lines == {("new", "board"), ("sub", "old")}
    assert as_of(model, dt.date(2025, 1, 1)).entity("sub").parents == ("old",)


def test_facts_find_a_forum_not_in_being_in_the_history():
    model = load_text(FORUMS).model
    facts = Facts(as_of(model, dt.date(2025, 1, 1)), model)
    assert facts.forum("old").id == "old"  # still understood where it is named
    assert not facts.in_being("old") and facts.in_being("new") and not facts.in_being("")
    assert facts.organisations_of("old") == ("icb",)
    assert facts.organisations_of("sub") == ("icb",)  # through the closed committee
    # below the ICB today: only forums in being, reached through forums in being
    assert [f.id for f in facts.descendants("icb")] == ["board", "new"]
