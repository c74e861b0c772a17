"""Did-you-mean from the labels of words as well as the words (item 14)."""

from __future__ import annotations

import pytest

from govdsl.model import vocabulary as v
from govdsl.model.values import suggest

from tests.snippets import O, P, only


@pytest.mark.parametrize(
    "written,vocabulary,word",
    [
        ("integrated_care_board", v.ORGANISATION_KINDS, "icb"),
        ("nhs_foundation_trust", v.ORGANISATION_KINDS, "foundation_trust"),
        ("NHS_foundation_trust", v.ORGANISATION_KINDS, "foundation_trust"),
        ("local_healthwatch", v.ORGANISATION_KINDS, "healthwatch"),
        ("metropolitan_borough_council", v.ORGANISATION_KINDS, "metropolitan_borough"),
        ("foundation_trsut", v.ORGANISATION_KINDS, "foundation_trust"),  # a slip in the word itself
        ("Monthly", v.FREQUENCIES, "monthly"),
        ("every_two_months", v.FREQUENCIES, "bimonthly"),
        ("non_executive_member", v.CAPACITIES, "non_executive"),
        ("vice-chair", v.CAPACITIES, "vice_chair"),
        ("exclude_from_the_vote", v.MANAGEMENT_ACTIONS, "exclude_from_vote"),
        ("two_thirds_majority_vote", v.DECISION_METHODS, "two_thirds_majority"),
    ],
)
def test_suggestions(written, vocabulary, word):
    found = suggest(written, vocabulary)
    assert found is not None and found[0] == word


def test_no_suggestion_for_an_unrelated_word():
    assert suggest("hospital", v.ORGANISATION_KINDS) is None


def test_the_hint_names_the_word_and_its_label():
    d = only("organisation o { kind: integrated_care_board }")
    assert d.code == "VAL003"
    assert d.hint == "Did you mean `icb`? `icb` means integrated care board."


def test_the_suggestion_is_a_fix_for_editors():
    text = "organisation o { kind: nhs_foundation_trust }"
    d = only(text)
    (edit,) = d.fix.edits
    assert edit.text == "foundation_trust" and text[edit.span.start : edit.span.end] == "nhs_foundation_trust"


def test_labels_are_used_for_capacities_in_seats_and_quorums():
    d = only(O + P + "board b { parent: o  seat: p as non_executive_member }")
    assert "`non_executive`" in d.hint
    d = only(O + "board b { parent: o  quorum: 3 including non_executive_member }")
    assert "`non_executive`" in d.hint


def test_labels_are_used_for_kinds_of_declaration():
    d = only("place_based_partnership p { model: consultative_forum }")
    assert d.code == "DCL001"
    assert "`place_partnership`" in d.hint
    d = only("sub_system s { within: x }")
    assert "`subsystem`" in d.hint
