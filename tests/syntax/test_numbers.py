"""Numbers with thousands commas, as amounts of money have (item 11)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govdsl.source import SourceFile
from govdsl.syntax import nodes, parse

from tests.snippets import compile_text, syntax


def terms(value: str):
    result = parse(SourceFile("t.gov", f"organisation a {{ x: {value} }}"))
    assert result.diagnostics == (), [(d.code, d.message) for d in result.diagnostics]
    return result.document.items[0].block.attributes[0].phrase.terms


def flat(term):
    if isinstance(term, nodes.ListTerm):
        return [[flat(t) for t in item.terms] for item in term.items]
    if isinstance(term, nodes.Word):
        return term.text
    return int(term.value)


@pytest.mark.parametrize(
    "written,value",
    [
        ("1,020,000", Decimal(1_020_000)),
        ("12,500", Decimal(12_500)),
        ("330,000", Decimal(330_000)),
        ("1,000", Decimal(1_000)),
        ("1,020.5", Decimal("1020.5")),
        ("1,200k", Decimal(1_200_000)),
        ("1_020_000", Decimal(1_020_000)),
        ("1020000", Decimal(1_020_000)),
    ],
)
def test_a_number_may_group_digits_with_commas(written, value):
    (term,) = terms(written)
    assert isinstance(term, nodes.Number)
    assert term.value == value
    assert term.raw == written


@pytest.mark.parametrize(
    "written,items",
    [
        ("[1, 2]", [[1], [2]]),
        ("[10,20]", [[10], [20]]),  # not three digits after the comma: two items
        ("[1,2,3]", [[1], [2], [3]]),
        ("[100, 200]", [[100], [200]]),
        ("[1,000, 2]", [[1000], [2]]),
        ("[1,0000]", [[1], [0]]),  # four digits after the comma: not a thousands group
        ("[north, south]", [["north"], ["south"]]),
    ],
)
def test_lists_keep_their_commas(written, items):
    (term,) = terms(written)
    assert flat(term) == items


def test_three_digits_after_a_comma_in_a_list_make_one_number():
    # The documented rule: `[100,200]` is 100,200; write `[100, 200]` for two numbers.
    (term,) = terms("[100,200]")
    assert flat(term) == [[100_200]]


def test_population_with_commas_resolves():
    compilation = compile_text("organisation a {\n  kind: icb\n  population: 1,020,000\n}\n")
    assert compilation.diagnostics == ()
    assert compilation.model.entity("a").population == 1_020_000
    compilation = compile_text("system s { population: 2,400,000 }")
    assert compilation.model.entity("s").population == 2_400_000


def test_money_is_unchanged():
    (term,) = terms("£1,200,000")
    assert isinstance(term, nodes.Money) and term.value == 1_200_000


@pytest.mark.parametrize("written", ["1,0000", "1,02", "12,5000", "1,000,00"])
def test_a_misplaced_comma_in_a_number_is_one_error(written):
    found, names, _ = syntax(f"organisation a {{\n  kind: icb\n  population: {written}\n}}\n")
    assert found == [("SYN003", 3, 15)]
    assert names == ["a"]


def test_a_misplaced_comma_gives_no_resolver_noise():
    compilation = compile_text("organisation a {\n  kind: icb\n  population: 1,0000\n}\n")
    assert [d.code for d in compilation.diagnostics] == ["SYN003"]


def test_numbers_with_commas_survive_formatting():
    from govdsl.fmt import format_source

    text = "organisation a {\n  kind: icb\n  population: 1,020,000\n  serves: [10,20]\n}\n"
    formatted = format_source(text)
    assert "population: 1,020,000" in formatted
    assert format_source(formatted) == formatted
    before, after = compile_text(text), compile_text(formatted)
    assert before.model.entity("a").population == after.model.entity("a").population == 1_020_000
