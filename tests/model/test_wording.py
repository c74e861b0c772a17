"""Wording of value messages (item 12). These tests pin down words on purpose."""

from __future__ import annotations

import pytest

from govdsl.model.values import describe_term, term_noun
from govdsl.source import Span
from govdsl.syntax import nodes

from tests.snippets import O, P, only

SPAN = Span("t.gov", 0, 1)


@pytest.mark.parametrize(
    "text,needs",
    [
        ("organisation o { kind: a b }", "`kind` needs a kind of organisation, found 2 values"),
        ('committee c { parent: o  terms: { frequency: "monthly" } }\n' + O, "`frequency` needs a frequency, found"),
        ("organisation o { kind: icb  sector: 3 }", "`sector` needs a sector, found"),
        ('delegation d { from: o  to: o  functions: []  basis: "x" }\n' + O, "`basis` needs a legal basis, found"),
        ("committee c { parent: o  role: 3 }\n" + O, "`role` needs a committee role, found"),
    ],
)
def test_single_value_messages_have_an_article(text, needs):
    assert only(text).message.startswith(needs)


def test_unexpected_word_in_a_phrase_reads_naturally():
    d = only(O + P + "board b { parent: o  quorum: 4 non_executives }")
    assert d.message == "unexpected name `non_executives` in `quorum`"
    d = only(O + P + 'board b { parent: o  seat: p as chair "x" }')
    assert d.message == 'unexpected text `"x"` in `seat`'



def test_describe_and_name_terms():
    assert describe_term(nodes.Word("x", SPAN)) == "the name `x`"
    assert describe_term(nodes.Str("x", '"x"', SPAN)) == 'the text `"x"`'
    assert describe_term(nodes.ListTerm((), SPAN)) == "a list"
    assert term_noun(nodes.DateLit("2020-01-01", SPAN)) == "date `2020-01-01`"


def test_long_word_lists_end_with_one_full_stop():
    d = only("organisation o { kind: hospital }")
    assert d.code == "VAL003"
    assert "...." not in d.hint
    assert d.hint.endswith("docs/language.md.")
    assert d.hint.count(".") == d.hint.count("docs/language.md") + 1


def test_short_word_lists_end_with_or():
    d = only('committee c { parent: o  terms: { frequency: sometimes } }\n' + O)
    assert d.hint.endswith("`twice_yearly`, `annually` or `as_required`.")


@pytest.mark.parametrize(
    "text,code",
    [
        (O + "board b { parent: o  quorum: 0 }", "VAL004"),
        (O + "board b { parent: o  quorum: 2.5 }", "VAL004"),
        ("system s { population: 0 }", "VAL004"),
        (O + P + "board b { parent: o  decision: simple_majority of [nhs] }", "VAL001"),
    ],
)
def test_these_messages_have_hints(text, code):
    d = only(text)
    assert d.code == code
    assert d.hint
