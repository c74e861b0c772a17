"""A value of the wrong shape in a phrase is reported, never dropped silently (item 5).

«Guillemets» mark the text each diagnostic must point at.
"""

from __future__ import annotations

import pytest

from tests.snippets import O, P, check, compile_text

BOARD = O + P + "board b { parent: o  %s }"
FUND = "organisation c { kind: unitary_council }\npooled_fund f { host: c  %s }"

CASES = {
    # interest: `action` must be a word
    "interest-action-text": O + 'person q { interest: financial in o action «"exclude"» }',
    "interest-action-number": O + "person q { interest: financial in o action «3» }",
    "interest-action-list": O + "person q { interest: financial in o action «[none]» }",
    "interest-block-action-text": O + 'person q { interest: financial in o { action: «"none"» } }',
    # interest: the other parts
    "interest-in-number": O + "person q { interest: financial in «3» }",
    "interest-from-text": O + 'person q { interest: financial in o from «"2020"» }',
    "interest-type-text": O + 'person q { interest: «"financial"» in o }',
    # seat: every option
    "seat-for-text": BOARD % 'seat: p as chair for «"x"»',
    "seat-capacity-text": BOARD % 'seat: p as «"chair"»',
    "seat-person-text": BOARD % 'seat: «"p"» as chair',
    "seat-nominated-number": BOARD % "seat: p as chair nominated_by «3»",
    "seat-appointed-money": BOARD % "seat: p as chair appointed_by «£3»",
    "seat-approved-text": BOARD % 'seat: p as chair approved_by «"o"»',
    "seat-from-name": BOARD % "seat: p as chair from «o»",
    "seat-weight-name": BOARD % "seat: p as chair weight «x»",
    "seat-block-for-text": BOARD % 'seat: p as chair { for: «"o"» }',
    "seat-block-non-voting-number": BOARD % "seat: p as chair { non_voting: «1» }",
    # post
    "post-at-text": O + 'person q { post: chair at «"o"» }',
    "post-role-number": O + "person q { post: «3» at o }",
    # decision rule
    "decision-of-text": BOARD % 'decision: double_majority of «"nhs"»',
    "decision-of-number": BOARD % "decision: double_majority of «3»",
    "decision-of-list-item": BOARD % "decision: double_majority of [nhs, «3»]",
    "decision-with-text": BOARD % 'decision: simple_majority with «"casting_vote"»',
    "decision-threshold-number": BOARD % "decision: weighted_majority threshold «60»",
    "decision-method-text": BOARD % 'decision: «"consensus"»',
    # quorum
    "quorum-requirement-text": BOARD % 'quorum: 3 including «"chair"»',
    "quorum-list-item-number": BOARD % "quorum: 3 including [chair, «2»]",
    # contribution
    "contribution-amount-number": FUND % "contribution: c «3»",
    "contribution-partner-text": FUND % 'contribution: «"c"» £3m',
}


@pytest.mark.parametrize("marked", CASES.values(), ids=CASES.keys())
def test_a_value_of_the_wrong_shape_is_reported(marked):
    check(marked, ["VAL001"])


def test_the_dropped_action_is_not_in_the_model():
    compilation = compile_text(O + 'person q { interest: financial in o action "exclude" }')
    (interest,) = compilation.model.people[0].interests
    assert interest.action is None


def test_names_in_quotes_get_a_hint():
    compilation = compile_text(BOARD % 'seat: p as chair for "o"')
    (d,) = compilation.diagnostics
    assert d.hint and "without quotes" in d.hint
