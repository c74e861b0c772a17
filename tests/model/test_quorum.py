"""Quorum requirements without brackets (item 13), keeping the list form."""

from __future__ import annotations

import pytest

from tests.snippets import O, check, compile_text


def quorum(text: str):
    compilation = compile_text(O + f"board b {{ parent: o  quorum: {text} }}")
    assert compilation.diagnostics == (), [(d.code, d.message) for d in compilation.diagnostics]
    q = compilation.model.forums[0].quorum
    return q.count, [(r.count, r.alternatives) for r in q.requirements]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("4 including 2 non_executives", (4, [(2, ("non_executive",))])),
        ("4 including chair or vice_chair", (4, [(1, ("chair", "vice_chair"))])),
        ("4 including chair and 1 clinician", (4, [(1, ("chair",)), (1, ("clinician",))])),
        (
            "5 including chair or vice_chair and 2 non_executives and 1 executive_finance or executive",
            (5, [(1, ("chair", "vice_chair")), (2, ("non_executive",)), (1, ("executive_finance", "executive"))]),
        ),
        ("3 including chair and clinician", (3, [(1, ("chair",)), (1, ("clinician",))])),
        ("3 including chair", (3, [(1, ("chair",))])),
        ("3", (3, [])),
        # the list form still works, and means the same
        ("4 including [2 non_executives]", (4, [(2, ("non_executive",))])),
        (
            "5 including [chair or vice_chair, 2 non_executives]",
            (5, [(1, ("chair", "vice_chair")), (2, ("non_executive",))]),
        ),
        ("5 including [chair] and 1 clinician", (5, [(1, ("chair",)), (1, ("clinician",))])),
    ],
)
def test_requirements(text, expected):
    assert quorum(text) == expected


def test_both_forms_give_the_same_model():
    a = compile_text(O + "board b { parent: o  quorum: 5 including chair or vice_chair and 2 clinicians }")
    b = compile_text(O + "board b { parent: o  quorum: 5 including [chair or vice_chair, 2 clinicians] }")
    strip = lambda q: (q.count, [(r.count, r.alternatives) for r in q.requirements])  # noqa: E731
    assert strip(a.model.forums[0].quorum) == strip(b.model.forums[0].quorum)


@pytest.mark.parametrize(
    "marked,codes",
    [
        ("quorum: 3 including chair «and»", ["VAL001"]),
        ("quorum: 3 including «and» chair", ["VAL001"]),
        ("quorum: 3 including «chair or»", ["VAL001"]),
        ("quorum: 3 including chair «clinician»", ["VAL001"]),
        ("quorum: 3 including 2 «doctors»", ["VAL003"]),
        ("quorum: 3 including «0» clinicians", ["VAL004"]),
        ("quorum: 3 «including»", ["VAL001"]),
    ],
)
def test_mistakes_are_reported(marked, codes):
    check(O + f"board b {{ parent: o  {marked} }}", codes)
