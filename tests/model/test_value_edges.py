"""Values written wrongly in the less common ways: each gets one clear message and hint."""

from __future__ import annotations

import pytest

import govdsl

BASE = (
    'organisation icb "ICB" { kind: icb }\n'
    'organisation co "Council" { kind: county_council }\n'
    'person ann "Ann" { no_interests: 2025-01-01 }\n'
)


def problems(text: str) -> list[tuple[str, str, str | None]]:
    return [(d.code, d.message, d.hint) for d in govdsl.load_text(BASE + text, "t.gov").diagnostics]


def test_a_near_miss_of_a_label_suggests_its_word():
    (found,) = problems('organisation t "T" { kind: integrated_care_bord }\n')
    assert found[:2] == ("VAL003", "`integrated_care_bord` is not a known kind of organisation")
    assert found[2] == "Did you mean `icb`? `icb` means integrated care board."


def test_a_list_given_as_a_block_is_one_error():
    (found,) = problems('system s "S" {\n  footprint: { }\n}\n')
    assert found == ("VAL001", "`footprint` needs a list of names", "Write it as `footprint: [first, second]`.")


def test_a_seat_given_only_a_block_is_one_error():
    (found,) = problems('board b "B" {\n  parent: icb\n  seat: { }\n}\n')
    assert found[:2] == ("VAL001", "`seat` needs a value")


@pytest.mark.parametrize(
    "seat, message",
    [
        ("ann ass chair", "unexpected name `ass` in `seat`; did you mean `as`?"),
        ("ann as chair and", "`as` needs a value after it"),
    ],
)
def test_a_seat_phrase_gone_wrong(seat, message):
    (found,) = problems(f'board b "B" {{\n  parent: icb\n  seat: {seat}\n}}\n')
    assert found[:2] == ("VAL001", message)
    assert found[2].startswith("Write it as `seat: ann_hale as chair")


def test_a_block_option_given_a_block_instead_of_a_value():
    found = problems('board b "B" {\n  parent: icb\n  seat: ann as chair {\n    from: { }\n  }\n}\n')
    assert ("VAL001", "`from` needs a date", "Write it as `from: 2022-07-01`.") in found


def test_a_vocabulary_word_with_no_near_miss_lists_the_words():
    (found,) = problems('committee c "C" {\n  parent: icb\n  terms: {\n    frequency: zzzz\n  }\n}\n')
    assert found[0] == "VAL003" and found[2].startswith("Use one of: `")
