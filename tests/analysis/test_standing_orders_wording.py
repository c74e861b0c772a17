"""Standing orders in words: one wording, every term, shown the same in the handbook and the editor."""

from __future__ import annotations

import datetime as dt
import textwrap

import attrs

import govdsl
from govdsl.analysis.procedure import standing_orders_terms
from govdsl.lsp.analysis import Project
from govdsl.site import render_site

MODEL = textwrap.dedent(
    """\
    organisation icb "NHS Fen ICB" {
      kind: icb
      standing_orders: {
        quorum: majority including [chair or vice_chair, 1 non_executive]
        decision: consensus failing simple_majority with casting_vote
        conflicted_members: not_counted
        if_inquorate: refer_to_parent
        meets_in_public: yes
        papers_published: yes
        frequency: bimonthly
        approved: 2025-04-01
        review: 2026-04-01
        source: "Constitution, Appendix 2"
      }
    }
    """
)
HEADINGS = [
    "Quorum",
    "Decision rule",
    "Members with a conflict of interest",
    "If a meeting cannot be quorate",
    "Meetings in public",
    "Papers published",
    "Meetings",
    "Approved",
    "Due for review",
    "Written in",
]


def _orders():
    compilation = govdsl.load_text(MODEL, "model.gov")
    assert compilation.diagnostics == ()
    return compilation, compilation.model.entity("icb").standing_orders


def test_every_term_of_the_standing_orders_is_worded():
    _, orders = _orders()
    terms = dict(standing_orders_terms(orders))
    assert list(terms) == HEADINGS
    assert terms["Quorum"].startswith("a majority of the voting members including the chair or vice-chair")
    assert terms["Decision rule"] == "Consensus, failing which a simple majority; the chair has a casting vote"
    assert "do not count towards the quorum" in terms["Members with a conflict of interest"]
    assert terms["If a meeting cannot be quorate"] == "The matter goes to the body the forum reports to"
    assert terms["Written in"] == "Constitution, Appendix 2"


def test_empty_standing_orders_say_nothing():
    _, orders = _orders()
    assert standing_orders_terms(attrs.evolve(orders, **{k: None for k in (
        "quorum", "decision_rule", "conflicted_members", "if_inquorate", "meets_in_public",
        "papers_published", "frequency", "approved", "review", "source",
    )})) == []


def test_the_handbook_and_the_hover_show_every_term(tmp_path):
    compilation, _ = _orders()
    page = render_site(compilation, as_of=dt.date(2026, 1, 1))["organisations/icb.html"].decode("utf-8")
    for heading in HEADINGS:
        assert f"Standing orders: {heading.lower()}" in page
    (tmp_path / "model.gov").write_text(MODEL, encoding="utf-8")
    project = Project(tmp_path)
    project.compile()
    hover = project.hover("icb", today=dt.date(2026, 1, 1))
    for heading in HEADINGS:
        assert f"  - {heading.lower()}: " in hover
