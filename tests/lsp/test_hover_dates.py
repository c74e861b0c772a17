"""Hover shows a forum's dates and a person's posts with theirs, read against the day it is asked."""

from __future__ import annotations

import datetime as dt

import pytest

from govdsl.lsp.analysis import Project

MODEL = """
organisation icb "Fen ICB" { kind: icb }
organisation trust "Fen Trust" { kind: nhs_trust }

person ada "Ada Chair" {
  post: chair at icb from 2022-07-01
  post: director at trust from 2018-04-01 to 2022-06-30
  post: governor at trust from 2027-09-01
  post: "Trustee, Fen Hospice"
}
person bill "Bill Trust" {
  post: chief_executive at trust
}

board fen_board "Fen ICB Board" {
  parent: icb
  established: 2022-07-01
  seat: ada as chair
}
committee old_place "Fen Place Committee" {
  parent: fen_board
  established: 2022-07-01
  closed: 2025-03-31
}
committee audit "Audit Committee" {
  parent: fen_board
}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hover")
    (folder / "model.gov").write_text(MODEL, encoding="utf-8")
    p = Project(folder)
    compilation = p.compile(dt.date(2025, 6, 1))
    assert compilation.errors == ()
    return p


def test_forum_hover_gives_when_it_was_established_and_closed(project):
    before = project.hover("old_place", today=dt.date(2025, 1, 1))
    assert "- Established: 1 July 2022" in before and "- Closes: 31 March 2025" in before
    assert "- Closes: 31 March 2025" in project.hover("old_place", today=dt.date(2025, 3, 31))  # its last day
    after = project.hover("old_place", today=dt.date(2025, 6, 1))
    assert "- Closed: 31 March 2025" in after and "Closes" not in after
    board = project.hover("fen_board", today=dt.date(2025, 6, 1))
    assert "- Established: 1 July 2022" in board and "Close" not in board
    audit = project.hover("audit", today=dt.date(2025, 6, 1))
    assert "Established" not in audit and "Close" not in audit


def test_person_hover_gives_the_dates_of_posts_and_marks_former_ones(project):
    ada = project.hover("ada", today=dt.date(2025, 6, 1)).splitlines()
    assert "- chair at `icb` (since 1 July 2022)" in ada
    assert "- director at `trust` (1 April 2018 to 30 June 2022; former post)" in ada
    assert "- governor at `trust` (from 1 September 2027; not yet taken up)" in ada
    assert "- Trustee, Fen Hospice" in ada  # no dates recorded: none shown
    earlier = project.hover("ada", today=dt.date(2020, 1, 1)).splitlines()
    assert "- director at `trust` (1 April 2018 to 30 June 2022)" in earlier
    assert "- chair at `icb` (from 1 July 2022; not yet taken up)" in earlier
    bill = project.hover("bill", today=dt.date(2025, 6, 1))
    assert "- chief executive at `trust`\n" in bill and "(" not in bill.split("\n", 1)[1]


def test_hover_reads_the_computer_date_when_none_is_given(project):
    text = project.hover("ada")
    assert "- director at `trust` (1 April 2018 to 30 June 2022; former post)" in text
