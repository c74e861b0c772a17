"""Options in a seat's block (items 3 and 20), and options given twice."""

from __future__ import annotations

import pytest

from tests.snippets import O, P, check, codes, compile_text


def seat(text: str):
    compilation = compile_text(O + P + f"board b {{ parent: o  {text} }}")
    (forum,) = compilation.model.forums
    return compilation, forum.seats


@pytest.mark.parametrize("value,voting", [("no", True), ("yes", False), ("false", True), ("TRUE", False)])
def test_non_voting_in_a_block_is_read_as_yes_or_no(value, voting):
    compilation, (s,) = seat(f"seat: p as chair {{ non_voting: {value} }}")
    assert compilation.diagnostics == ()
    assert s.voting is voting


@pytest.mark.parametrize(
    "block",
    [
        "from: «2020-01-01 2021-01-01»",
        "to: «2020-01-01 2021-01-01»",
        "weight: «2 3»",
        "for: «o p»",
        "nominated_by: «o p»",
        "appointed_by: «o p»",
        "approved_by: «o p»",
    ],
)
def test_a_single_valued_option_with_two_values_is_reported(block):
    check(O + P + f"board b {{ parent: o  seat: p as chair {{ {block} }} }}", ["VAL001"])


def test_the_first_value_is_not_used_silently():
    compilation, (s,) = seat("seat: p as chair { from: 2020-01-01 2021-01-01 }")
    assert s.start is None


def test_single_values_in_a_block_still_work():
    compilation, (s,) = seat("seat: p as chair { for: o  from: 2020-01-01  to: 2024-01-01  weight: 2 }")
    assert compilation.diagnostics == ()
    assert (s.representing, str(s.start), str(s.end), s.weight) == ("o", "2020-01-01", "2024-01-01", 2)


def test_an_option_in_the_line_and_in_the_block_is_reported():
    assert codes(O + P + "board b { parent: o  seat: p as chair from 2020-01-01 { from: 2021-01-01 } }") == ["DCL005"]
    assert codes(O + P + "board b { parent: o  seat: p as chair non_voting { non_voting: no } }") == ["DCL005"]


def test_an_interest_option_in_the_line_and_in_the_block_is_reported():
    text = O + "person q { interest: financial in o declared 2020-01-01 { declared: 2021-01-01 } }"
    assert codes(text) == ["DCL005"]
