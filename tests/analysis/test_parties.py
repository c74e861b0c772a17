"""The party behind a delegation, and who holds each function: one reading for rules and queries."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import govdsl
from govdsl.analysis.facts import Facts

PARTIES = """\
organisation nhse { kind: nhs_england }
organisation north_region { kind: nhs_england_region  part_of: nhse }
organisation loose_region { kind: nhs_england_region }
organisation icb { kind: icb }
board icb_board { parent: icb }
committee finance { parent: icb_board }
person director { post: director_of_finance at icb  employer: icb }
function contracts "Awarding contracts" { held_by: icb }
delegation to_finance "Contracts to finance" {
  from: icb_board
  to: finance
  functions: [contracts]
  limit: £5m
  basis: scheme_of_delegation
  reports_to: [icb_board]
}
delegation to_director "Contracts to the director" {
  from: finance
  to: director
  functions: [contracts]
  limit: £250k
  basis: scheme_of_delegation
  reports_to: [finance]
}
"""


def facts_of(text: str) -> Facts:
    compilation = govdsl.load_text(textwrap.dedent(text), "case.gov")
    assert [d.code for d in compilation.errors] == []
    return Facts(compilation.model)


def test_the_party_that_holds_functions_for_another():
    facts = facts_of(PARTIES)
    assert facts.canonical("icb_board") == "icb"  # a board decides for its organisation
    assert facts.canonical("north_region") == "nhse"  # a region is part of NHS England
    assert facts.canonical("loose_region") == "nhse"  # the only NHS England, though not named
    assert facts.canonical("finance") == "finance"
    assert facts.canonical("nobody") == "nobody"


def test_a_region_with_no_nhs_england_declared_holds_for_itself():
    facts = facts_of("organisation r { kind: nhs_england_region }\nboard b { parent: r }\n")
    assert facts.nhs_england is None
    assert facts.canonical("r") == "r"
    assert facts.canonical("b") == "r"


def test_who_holds_a_function_and_through_which_chain():
    authority = facts_of(PARTIES).authority
    assert authority.root("contracts") == "icb"
    held = authority.held("contracts")
    assert held["finance"][0] == Decimal("5000000")
    assert held["director"][0] == Decimal("250000")
    assert [d.id for d in authority.chain("contracts", "director")] == ["to_finance", "to_director"]
    assert [d.id for d in authority.incoming("contracts")["director"]] == ["to_director"]
    holding = authority.holding("contracts", "icb_board")  # the board holds it as its organisation
    assert holding.canonical == "icb" and holding.limit is None and holding.chain == ()
    assert authority.escalation(authority.holding("contracts", "director")) == ("finance", Decimal("5000000"))


def test_a_function_with_no_holder_is_held_by_nobody():
    authority = facts_of(PARTIES.replace("held_by: icb", "")).authority
    assert authority.root("contracts") is None
    assert authority.held("contracts") == {}
    assert authority.chains("contracts", "director") == []


def test_the_authority_is_worked_out_once_per_model():
    facts = facts_of(PARTIES)
    assert facts.authority is facts.authority
