"""Inline suppressions: a suppression over a nested block, and one with no code after it."""

from __future__ import annotations

import datetime as dt

import govdsl
from govdsl.check.engine import check_compilation
from govdsl.config import Config

AS_OF = dt.date(2026, 11, 24)

COMMITTEE = """\
organisation o { kind: icb }
committee c {
  parent: o
{comment}  terms: {
    purpose: "Audit"
    review: 2020-01-01
  }
}
"""


def check(text: str):
    compilation = govdsl.load_text(text, "s.gov")
    found = check_compilation(compilation, Config(), AS_OF)
    return [(d.code, compilation.sources["s.gov"].position(d.span.start).line) for d in found]


def test_the_overdue_review_is_reported_at_the_terms_block():
    assert ("TIME001", 4) in check(COMMITTEE.replace("{comment}", ""))


def test_a_suppression_on_its_own_line_above_a_nested_block_covers_it():
    text = COMMITTEE.replace("{comment}", "  # govdsl: allow TIME001 because the review is booked for December\n")
    found = check(text)
    assert [code for code, _ in found if code.startswith(("TIME", "SUP"))] == []
    assert [code for code, _ in found] == ["GOV004"]  # other findings are untouched


def test_a_suppression_with_no_code_after_it_suppresses_nothing_and_says_so():
    text = 'system s "S" { population: 2m }\n# govdsl: allow SUB001 because merged borough\n\n# the end\n'
    assert check(text) == [("SUP002", 2)]
