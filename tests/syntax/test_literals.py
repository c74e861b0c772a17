"""Every kind of literal: the node it becomes, its value and its span."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from govdsl.source import SourceFile
from govdsl.syntax import nodes, parse
from govdsl.syntax.literals import scaled_number, unescape


def one_term(value: str):
    text = f"organisation a {{ x: {value} }}"
    source = SourceFile("t.gov", text)
    result = parse(source)
    assert result.diagnostics == (), [d.code for d in result.diagnostics]
    (term,) = result.document.items[0].block.attributes[0].phrase.terms
    assert text[term.span.start : term.span.end] == value
    assert term.span.start == text.index(value)
    return term


# (written, node type, value)
LITERALS = [
    # strings
    ('"plain"', nodes.Str, "plain"),
    ('""', nodes.Str, ""),
    ('"say \\"hi\\""', nodes.Str, 'say "hi"'),
    ('"back\\\\slash"', nodes.Str, "back\\slash"),
    ('"line\\nbreak"', nodes.Str, "line\nbreak"),
    ('"tab\\there"', nodes.Str, "tab\there"),
    ('"other \\q escape kept"', nodes.Str, "other \\q escape kept"),
    ('"£ — ë # not a comment"', nodes.Str, "£ — ë # not a comment"),
    # numbers
    ("0", nodes.Number, Decimal(0)),
    ("42", nodes.Number, Decimal(42)),
    ("1_020_000", nodes.Number, Decimal(1_020_000)),
    ("330k", nodes.Number, Decimal(330_000)),
    ("1.02m", nodes.Number, Decimal(1_020_000)),
    ("1.5k", nodes.Number, Decimal(1_500)),
    ("12.5", nodes.Number, Decimal("12.5")),
    ("2m", nodes.Number, Decimal(2_000_000)),
    # money
    ("£900", nodes.Money, Decimal(900)),
    ("£1.5m", nodes.Money, Decimal(1_500_000)),
    ("£250k", nodes.Money, Decimal(250_000)),
    ("£1,200,000", nodes.Money, Decimal(1_200_000)),
    ("£1,200,000.50", nodes.Money, Decimal("1200000.50")),
    ("£2bn", nodes.Money, Decimal(2_000_000_000)),
    ("£1b", nodes.Money, Decimal(1_000_000_000)),
    ("£12.5m", nodes.Money, Decimal(12_500_000)),
    ("£0", nodes.Money, Decimal(0)),
    # percentages
    ("60%", nodes.Percent, Decimal(60)),
    ("62.5%", nodes.Percent, Decimal("62.5")),
    ("100%", nodes.Percent, Decimal(100)),
    # names
    ("north_place", nodes.Word, "north_place"),
    ("_private", nodes.Word, "_private"),
    ("place_2", nodes.Word, "place_2"),
    ("commissioning.community_services", nodes.Word, "commissioning.community_services"),
    ("North", nodes.Word, "North"),
]


@pytest.mark.parametrize("written,node_type,value", LITERALS, ids=[w for w, _, _ in LITERALS])
def test_literal(written, node_type, value):
    term = one_term(written)
    assert type(term) is node_type
    if node_type is nodes.Word:
        assert term.text == value
    else:
        assert term.value == value
        assert term.raw == written


@pytest.mark.parametrize("written", ["2025-04-01", "1999-12-31", "2024-02-29", "2024-02-30", "2024-13-45"])
def test_dates_are_kept_as_written(written):
    # The parser only checks the shape; whether the date exists is the resolver's job (VAL002).
    term = one_term(written)
    assert isinstance(term, nodes.DateLit)
    assert term.raw == written


def test_a_date_resolves_to_a_date(compile_snippet):
    model = compile_snippet("person p { no_interests: 2024-02-29 }").model
    assert model.entity("p").nil_return == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "value,expected",
    [("42", 42), ("1_020_000", 1_020_000), ("330k", 330_000), ("1.02m", 1_020_000), ("1.5k", 1_500)],
)
def test_numbers_resolve_to_whole_populations(compile_snippet, value, expected):
    compilation = compile_snippet(f"organisation a {{ kind: icb  population: {value} }}")
    assert compilation.diagnostics == ()
    population = compilation.model.entity("a").population
    assert population == expected
    assert type(population) is int


@pytest.mark.parametrize(
    "value,expected",
    [("£18m", Decimal(18_000_000)), ("£1,200,000", Decimal(1_200_000)), ("£2bn", Decimal(2_000_000_000))],
)
def test_money_resolves_to_pounds(compile_snippet, value, expected):
    compilation = compile_snippet(
        f"""
        organisation o {{ kind: icb }}
        function f {{ held_by: o }}
        delegation d {{ from: o  to: o  functions: [f]  limit: {value} }}
        """
    )
    assert compilation.diagnostics == ()
    assert compilation.model.entity("d").limit == expected


def test_scaled_number_helper():
    assert scaled_number("1_020_000") == 1_020_000
    assert scaled_number("1,200,000") == 1_200_000
    assert scaled_number("2bn") == 2_000_000_000
    assert scaled_number("2b") == 2_000_000_000
    assert scaled_number("330k") == 330_000
    assert scaled_number("1.02m") == 1_020_000


def test_unescape_helper():
    assert unescape('"a\\"b"') == 'a"b'
    assert unescape('"trailing\\\\"') == "trailing\\"
    assert unescape('""') == ""


@pytest.mark.parametrize("written", ["£1.5mx", "330kg", "12abc", "$5", "€5", "-5"])
def test_things_that_look_like_literals_but_are_not(written):
    # Commas are for money only; a number or amount glued to letters is neither a
    # number nor a name; other currencies and negative numbers do not exist.
    result = parse(SourceFile("t.gov", f"organisation a {{ x: {written} }}"))
    assert result.diagnostics
    assert {d.code for d in result.diagnostics} <= {"SYN001", "SYN003"}
