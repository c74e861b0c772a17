"""Only a weighted majority has a threshold (item 18), and the decision errors have hints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.snippets import O, check, compile_text, only

BOARD = O + "board b { parent: o  decision: %s }"


def test_weighted_majority_takes_a_threshold():
    compilation = compile_text(BOARD % "weighted_majority threshold 60% with casting_vote")
    assert compilation.diagnostics == ()
    rule = compilation.model.forums[0].decision_rule
    assert (rule.method, rule.threshold, rule.casting_vote) == ("weighted_majority", Decimal(60), True)


@pytest.mark.parametrize(
    "method", ["consensus", "unanimity", "simple_majority", "two_thirds_majority", "double_majority of [nhs, vcse]"]
)
def test_other_methods_take_no_threshold(method):
    compilation = check(BOARD % f"{method} «threshold» 60%", ["VAL001"])
    assert compilation.diagnostics[0].hint
    assert compilation.model.forums[0].decision_rule.threshold is None


def test_of_only_with_a_double_majority_has_a_hint():
    d = only(BOARD % "simple_majority of [nhs]")
    assert d.code == "VAL001"
    assert "double_majority" in d.hint


def test_unknown_method_with_a_threshold_is_one_error():
    assert [d.code for d in compile_text(BOARD % "majorty threshold 60%").diagnostics] == ["VAL003"]
