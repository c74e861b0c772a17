"""Every resolver diagnostic: DCL001–DCL005, VAL001–VAL004, REF001–REF002.

Each case is a snippet in which «guillemets» mark the exact text each
diagnostic must point at, followed by the codes in the order of the marks.
The marks are removed before compiling.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

import govdsl
from govdsl.diagnostics import Severity

_MARK = re.compile(r"«([^»]*)»")


def unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    spans, out, last, removed = [], [], 0, 0
    for match in _MARK.finditer(text):
        out.append(text[last : match.start()])
        start = match.start() - removed
        spans.append((start, start + len(match.group(1))))
        out.append(match.group(1))
        removed += 2
        last = match.end()
    out.append(text[last:])
    return "".join(out), spans


def check(marked: str, codes: list[str]):
    text, spans = unmark(marked)
    compilation = govdsl.load_text(text, "case.gov")
    found = [(d.code, d.span.start, d.span.end) for d in compilation.diagnostics]
    expected = []
    for entry, (start, end) in zip(codes, spans, strict=True):
        for code in (entry,) if isinstance(entry, str) else entry:  # several codes on one mark
            expected.append((code, start, end))
    shown = [(c, text[s:e]) for c, s, e in found]
    assert found == expected, shown
    return compilation


O = "organisation o { kind: icb }\n"
P = "person p {}\n"

CASES = {
    # -- DCL001 unknown kind of declaration -----------------------------------------------------------
    "DCL001-unknown-kind": ("«widget» w {}", ["DCL001"]),
    "DCL001-misspelt-kind": ("«comittee» c { parent: x }", ["DCL001"]),
    "DCL001-capitalised-kind": ("«Organisation» o { kind: icb }", ["DCL001"]),
    "DCL001-include-word-as-kind": ('«include» x { }', ["DCL001"]),
    # -- DCL002 duplicate name --------------------------------------------------------------------------
    "DCL002-same-kind": (O + "organisation «o» { kind: icb }", ["DCL002"]),
    "DCL002-other-kind": (O + "person «o» {}", ["DCL002"]),
    "DCL002-three-times": (O + "person «o» {}\nplace «o» { within: s }\nsystem s {}", ["DCL002", "DCL002"]),
    # -- DCL003 unknown attribute -----------------------------------------------------------------------
    "DCL003-organisation": ("organisation o { kind: icb  «colour»: red }", ["DCL003"]),
    "DCL003-misspelt": ("organisation o { kind: icb  «serve»: [] }", ["DCL003"]),
    "DCL003-system-only-on-place": ("system s {}\nplace p { within: s  «icb»: x }", ["DCL003"]),
    "DCL003-model-on-committee": (O + "board b { parent: o }\ncommittee c { parent: b  «model»: icb_committee }", ["DCL003"]),
    "DCL003-in-terms": (O + "board b { parent: o  terms: { «purpos»: \"x\" } }", ["DCL003"]),
    "DCL003-in-seat-block": (O + P + "board b { parent: o  seat: p as chair { «as»: chair } }", ["DCL003"]),
    "DCL003-in-interest-block": (O + "person q { interest: financial in o { «amount»: £5 } }", ["DCL003"]),
    "DCL003-in-post-block": (O + "person q { post: chair at o { «name»: \"x\" } }", ["DCL003"]),
    "DCL003-on-function": ("function f { «limit»: £5 }", ["DCL003"]),
    "DCL003-closed-on-organisation": ("organisation o { kind: icb  «closed»: 2022-07-01 }", ["DCL003"]),
    "DCL003-reason-on-pooled-fund": (O + 'pooled_fund f { host: o  «reason»: "x" }', ["DCL003"]),
    # -- DCL004 missing required attribute ------------------------------------------------------------------
    "DCL004-organisation-kind": ("organisation «o» { }", ["DCL004"]),
    "DCL004-place-within": ("place «p» { population: 300k }", ["DCL004"]),
    "DCL004-subsystem-within": ("subsystem «s» {}", ["DCL004"]),
    "DCL004-neighbourhood-within": ("neighbourhood «n» {}", ["DCL004"]),
    "DCL004-board-parent": ("board «b» {}", ["DCL004"]),
    "DCL004-committee-parent": ("committee «c» {}", ["DCL004"]),
    "DCL004-subcommittee-parent": ("subcommittee «c» {}", ["DCL004"]),
    "DCL004-partnership-model": ("place_partnership «pp» {}", ["DCL004"]),
    "DCL004-collaborative-model": ("provider_collaborative «pc» {}", ["DCL004"]),
    "DCL004-delegation-all-three": ("delegation «d» {}", [("DCL004", "DCL004", "DCL004")]),
    "DCL004-pooled-fund-host": ("pooled_fund «f» {}", ["DCL004"]),
    "DCL004-decision-forum": ("decision «d» {}", ["DCL004"]),
    # -- DCL005 repeated attribute ------------------------------------------------------------------------------
    "DCL005-kind-twice": ("organisation o { kind: icb  «kind»: nhs_trust }", ["DCL005"]),
    "DCL005-in-terms": (O + "board b { parent: o  terms: { purpose: \"a\"  «purpose»: \"b\" } }", ["DCL005"]),
    "DCL005-post-date-in-line-and-block": (O + "person q { post: chair at o from 2020-01-01 { «from»: 2020-01-01 } }", ["DCL005"]),
    "DCL005-established-twice": (O + "board b { parent: o  established: 2020-01-01  «established»: 2021-01-01 }", ["DCL005"]),
    "DCL005-three-times": ("person p { contact: \"a\" «contact»: \"b\" «contact»: \"c\" }", ["DCL005", "DCL005"]),
    # -- VAL001 malformed value -----------------------------------------------------------------------------------
    "VAL001-text-expected": ('person p { contact: «northmoor» }', ["VAL001"]),
    "VAL001-two-values": ('person p { contact: «"a" "b"» }', ["VAL001"]),
    "VAL001-block-only-where-value-needed": ("person p { «contact»: { } }", ["VAL001"]),
    "VAL001-date-expected": ("person p { no_interests: «yesterday» }", ["VAL001"]),
    "VAL001-money-expected": (O + "function f { held_by: o }\ndelegation d { from: o to: o functions: f limit: «18m» }", ["VAL001"]),
    "VAL001-count-expected": ("organisation o { kind: icb  population: «£5» }", ["VAL001"]),
    "VAL001-yes-or-no": ("person p { independent: «maybe» }", ["VAL001"]),
    "VAL001-list-of-names": (O + "board b { parent: «o o» }", ["VAL001"]),
    "VAL001-list-item-not-a-name": (O + 'board b { parent: [o, «"x"»] }', ["VAL001"]),
    "VAL001-terms-not-a-block": (O + 'board b { parent: o  «terms: "x"» }', ["VAL001"]),
    "VAL001-seat-without-capacity": (O + P + "board b { parent: o  seat: «p» }", ["VAL001"]),
    "VAL001-seat-unknown-option": (O + P + "board b { parent: o  seat: p as chair «since» 2020-01-01 }", ["VAL001"]),
    "VAL001-seat-option-twice": (O + P + "board b { parent: o  seat: p as chair from 2020-01-01 «from» 2021-01-01 }", ["VAL001"]),
    "VAL001-seat-option-without-value": (O + P + "board b { parent: o  seat: p as chair «from» }", ["VAL001"]),
    "VAL001-seat-weight-zero": (O + P + "board b { parent: o  seat: p as chair weight «0» }", ["VAL001"]),
    "VAL001-seat-person-not-a-name": (O + 'board b { parent: o  seat: «"Ann"» as chair }', ["VAL001"]),
    "VAL001-quorum-not-a-number": (O + 'board b { parent: o  quorum: «"five"» }', ["VAL001"]),
    "VAL003-quorum-share-unknown": (O + "board b { parent: o  quorum: «five» }", ["VAL003"]),
    "VAL001-quorum-percent-over-100": (O + "board b { parent: o  quorum: «120%» }", ["VAL001"]),
    "VAL001-fallback-after-a-vote": (O + "board b { parent: o  decision: simple_majority «failing» two_thirds_majority }", ["VAL001"]),
    "VAL001-fallback-that-can-fail": (O + "board b { parent: o  decision: consensus failing «unanimity» }", ["VAL001"]),
    "VAL001-limit-not-money": (O + "delegation d { from: o  to: o  functions: []  limit: «18m» }", ["VAL001"]),
    "VAL005-limit-band-upside-down": (O + "delegation d { from: o  to: o  functions: []  limit: £10m to «£2m» }", ["VAL005"]),
    "VAL001-scope-on-audit": (O + "board b { parent: o }  committee c { parent: b  role: audit «scope» non_executive_pay }", ["VAL001"]),
    "VAL003-scope-unknown": (O + "board b { parent: o }  committee c { parent: b  role: remuneration scope «nonexec_pay» }", ["VAL003"]),
    "VAL001-standing-orders-not-a-block": (O + "organisation p { kind: icb  «standing_orders: yes» }", ["VAL001"]),
    "DCL003-in-standing-orders": (O + "organisation p { kind: icb  standing_orders: { «chair»: yes } }", ["DCL003"]),
    "VAL005-dissolved-before-established": (O + "organisation p { kind: icb  established: 2026-04-01  dissolved: «2025-03-31» }", ["VAL005"]),
    "VAL001-succeeds-itself": (O + "organisation p { kind: icb  succeeded_by: «p» }", ["VAL001"]),
    "VAL001-quorum-incomplete": (O + "board b { parent: o  quorum: 3 including [«chair or»] }", ["VAL001"]),
    "VAL001-quorum-no-or": (O + "board b { parent: o  quorum: 3 including [chair «and» clinician] }", ["VAL001"]),
    "VAL001-double-majority-without-blocs": (O + "board b { parent: o  decision: «double_majority» }", ["VAL001"]),
    "VAL001-blocs-on-other-method": (O + "board b { parent: o  decision: consensus «of» nhs }", ["VAL001"]),
    "VAL001-with-not-casting-vote": (O + "board b { parent: o  decision: consensus with «veto» }", ["VAL001"]),
    "VAL001-threshold-not-percent": (O + "board b { parent: o  decision: weighted_majority threshold «60» }", ["VAL001"]),
    "VAL001-decision-method-not-a-word": (O + "board b { parent: o  decision: «5» }", ["VAL001"]),
    "VAL001-post-role-not-a-word": (O + "person q { post: «5» at o }", ["VAL001"]),
    "VAL001-interest-without-in": (O + "person q { interest: «financial from 2020-01-01» }", ["VAL001"]),
    "VAL001-interest-type-not-a-word": (O + 'person q { interest: «"money"» in o }', ["VAL001"]),
    "VAL001-contribution-without-amount": (O + "pooled_fund f { host: o  contribution: «o» }", ["VAL001"]),
    "VAL001-contribution-amount-not-money": (O + "pooled_fund f { host: o  contribution: o «71m» }", ["VAL001"]),
    "VAL001-post-from-not-a-date": (O + "person q { post: chair at o from «yesterday» }", ["VAL001"]),
    "VAL001-post-to-without-value": (O + "person q { post: chair at o from 2020-01-01 «to» }", ["VAL001"]),
    "VAL001-post-option-twice": (O + "person q { post: chair at o from 2020-01-01 «from» 2021-01-01 }", ["VAL001"]),
    "VAL001-post-unknown-option": (O + "person q { post: chair at o «since» 2020-01-01 }", ["VAL001"]),
    "VAL001-post-block-two-dates": (O + "person q { post: chair at o { from: «2020-01-01 2021-01-01» } }", ["VAL001"]),
    "VAL001-established-not-a-date": (O + "board b { parent: o  established: «soon» }", ["VAL001"]),
    "VAL001-closed-text": (O + 'board b { parent: o  closed: «"March 2025"» }', ["VAL001"]),
    "VAL001-function-reason-not-text": ("function f { reason: «place_not_ready» }", ["VAL001"]),
    "VAL001-decision-reason-not-text": (O + "board b { parent: o }\ndecision d { forum: b  reason: «2025-01-01» }", ["VAL001"]),
    # -- VAL002 impossible date -------------------------------------------------------------------------------------
    "VAL002-february-30": ("person p { no_interests: «2024-02-30» }", ["VAL002"]),
    "VAL002-month-13": ("person p { no_interests: «2024-13-01» }", ["VAL002"]),
    "VAL002-not-a-leap-year": (O + P + "board b { parent: o  seat: p as chair from «2023-02-29» }", ["VAL002"]),
    "VAL002-in-interest": (O + "person q { interest: financial in o declared «2022-00-10» }", ["VAL002"]),
    "VAL002-in-terms": (O + "board b { parent: o  terms: { review: «2025-04-31» } }", ["VAL002"]),
    "VAL002-post-to": (O + "person q { post: chair at o from 2020-01-01 to «2023-02-29» }", ["VAL002"]),
    "VAL002-post-block-from": (O + "person q { post: chair at o { from: «2020-02-30» } }", ["VAL002"]),
    "VAL002-forum-closed": (O + "board b { parent: o  closed: «2025-02-30» }", ["VAL002"]),
    # -- VAL003 unknown word ----------------------------------------------------------------------------------------
    "VAL003-organisation-kind": ("organisation o { kind: «hospital» }", ["VAL003"]),
    "VAL003-sector": ("organisation o { kind: icb  sector: «private» }", ["VAL003"]),
    "VAL003-service-in-list": ("organisation o { kind: nhs_trust  services: [acute, «dental»] }", ["VAL003"]),
    "VAL003-expertise": ("person p { expertise: [«surgery»] }", ["VAL003"]),
    "VAL003-post-role": (O + "person q { post: «ceo» at o }", ["VAL003"]),
    "VAL003-interest-type": (O + "person q { interest: «money» in o }", ["VAL003"]),
    "VAL003-management-action": (O + "person q { interest: financial in o action «leave» }", ["VAL003"]),
    "VAL003-role": (O + "board b { parent: o }\ncommittee c { parent: b  role: «audits» }", ["VAL003"]),
    "VAL003-place-model": ("place_partnership pp { model: «lead_provider» }", ["VAL003"]),
    "VAL003-collaborative-model": ("provider_collaborative pc { model: «icb_committee» }", ["VAL003"]),
    "VAL003-frequency": (O + "board b { parent: o  terms: { frequency: «daily» } }", ["VAL003"]),
    "VAL003-capacity": (O + P + "board b { parent: o  seat: p as «president» }", ["VAL003"]),
    "VAL003-quorum-word": (O + "board b { parent: o  quorum: 3 including [«doctor»] }", ["VAL003"]),
    "VAL003-decision-method": (O + "board b { parent: o  decision: «majority» }", ["VAL003"]),
    "VAL003-bloc": (O + "board b { parent: o  decision: double_majority of [nhs, «councils»] }", ["VAL003"]),
    "VAL003-legal-basis": (O + "function f { held_by: o }\ndelegation d { from: o to: o functions: f basis: «s76» }", ["VAL003"]),
    "VAL003-agreement-term": (O + "pooled_fund f { host: o  agreement: [«aims»] }", ["VAL003"]),
    # -- VAL004 number out of range -----------------------------------------------------------------------------------
    "VAL004-population-zero": ("organisation o { kind: icb  population: «0» }", ["VAL004"]),
    "VAL004-population-fraction": ("system s { population: «12.5» }", ["VAL004"]),
    "VAL004-quorum-zero": (O + "board b { parent: o  quorum: «0» }", ["VAL004"]),
    "VAL004-quorum-fraction": (O + "board b { parent: o  quorum: «2.5» }", ["VAL004"]),
    "VAL004-requirement-zero": (O + "board b { parent: o  quorum: 3 including [«0» clinicians] }", ["VAL004"]),
    # -- VAL005 end before start ------------------------------------------------------------------------------------
    "VAL005-seat": (O + P + "board b { parent: o  seat: p as chair from 2024-01-01 to «2023-12-31» }", ["VAL005"]),
    "VAL005-seat-block": (O + P + "board b { parent: o  seat: p as chair { from: 2024-01-01  to: «2023-12-31» } }", ["VAL005"]),
    "VAL005-post": (O + "person q { post: chair at o from 2024-01-01 to «2023-12-31» }", ["VAL005"]),
    "VAL005-post-block": (O + "person q { post: chair at o { from: 2024-01-01  to: «2023-12-31» } }", ["VAL005"]),
    "VAL005-post-line-and-block": (O + "person q { post: chair at o to «2023-12-31» { from: 2024-01-01 } }", ["VAL005"]),
    "VAL005-interest": (O + "person q { interest: financial in o from 2024-01-01 to «2023-12-31» }", ["VAL005"]),
    "VAL005-forum": (O + "board b { parent: o  established: 2024-01-01  closed: «2023-12-31» }", ["VAL005"]),
    "VAL005-forum-closed-first": (O + "committee c { closed: «2023-12-31»  parent: o  established: 2024-01-01 }", ["VAL005"]),
    "VAL005-delegation": (O + "function f {}\ndelegation d { from: o  to: o  functions: f  effective: 2024-01-01  expires: «2023-12-31» }", ["VAL005"]),
    "VAL005-pooled-fund": (O + "pooled_fund f { host: o  from: 2024-01-01  to: «2023-12-31» }", ["VAL005"]),
    # -- REF001 undefined name ------------------------------------------------------------------------------------------
    "REF001-parent": ("board b { parent: «nowhere» }", ["REF001"]),
    "REF001-in-list": (O + "board b { parent: [o, «p»] }", ["REF001"]),
    "REF001-seat-person": (O + "board b { parent: o  seat: «ann» as chair }", ["REF001"]),
    "REF001-post-organisation": ("person p { post: chair at «icb» }", ["REF001"]),
    "REF001-function": (O + "delegation d { from: o  to: o  functions: [«f»] }", ["REF001"]),
    "REF001-case-sensitive": (O + "board b { parent: «O» }", ["REF001"]),
    # -- REF002 wrong kind of reference -------------------------------------------------------------------------------------
    "REF002-person-as-parent": (P + "board b { parent: «p» }", ["REF002"]),
    "REF002-committee-as-post-organisation": (O + "board b { parent: o }\nperson q { post: chair at «b» }", ["REF002"]),
    "REF002-place-within-neighbourhood": ("system s {}\nplace pl { within: s }\nneighbourhood n { within: pl }\nplace p2 { within: «n» }", ["REF002"]),
    "REF002-neighbourhood-within-system": ("system s {}\nneighbourhood n { within: «s» }", ["REF002"]),
    "REF002-footprint-not-a-council": (O + "system s { footprint: [«o»] }", ["REF002"]),
    "REF002-icb-not-an-icb": ("organisation t { kind: nhs_trust }\nsystem s { icb: «t» }", ["REF002"]),
    "REF002-seat-for-a-person": (O + P + "board b { parent: o  seat: p as chair for «p» }", ["REF002"]),
    "REF002-decision-under-a-function": (O + "board b { parent: o }\nfunction f {}\ndecision d { forum: b  under: «f» }", ["REF002"]),
    "REF002-excluded-organisation": (O + "board b { parent: o }\ndecision d { forum: b  excluded: [«o»] }", ["REF002"]),
    "REF002-reserved-to-organisation": (O + "function f { reserved_to: «o» }", ["REF002"]),
    "REF002-line-to-a-person": (O + P + "organisation q { kind: icb  accountable_to: «p» }", ["REF002"]),
    "REF002-contribution-from-a-forum": (O + "board b { parent: o }\npooled_fund f { host: o  contribution: «b» £5m }", ["REF002"]),
}


@pytest.mark.parametrize("marked,codes", list(CASES.values()), ids=list(CASES))
def test_resolver_diagnostic(marked, codes):
    compilation = check(marked, codes)
    assert all(d.severity is Severity.ERROR for d in compilation.diagnostics)
    assert all(d.message for d in compilation.diagnostics)


def test_every_language_code_has_a_case():
    covered = {code for _, codes in CASES.values() for entry in codes for code in ((entry,) if isinstance(entry, str) else entry)}
    assert covered == {f"DCL00{i}" for i in range(1, 6)} | {f"VAL00{i}" for i in range(1, 6)} | {"REF001", "REF002"}


# -- hints and related locations --------------------------------------------------------------------------


def only(marked: str, code: str):
    compilation = check(marked, [code])
    (diagnostic,) = compilation.diagnostics
    return compilation, diagnostic


def position(compilation, span):
    p = compilation.sources[span.file].position(span.start)
    return p.line, p.column


def test_ref001_did_you_mean_prefers_a_name_of_the_right_kind():
    _, d = only(
        "organisation northmoor_icb { kind: icb }\n"
        "person northmoor_icc {}\n"
        "board b { parent: «northmoor_ibc» }",
        "REF001",
    )
    assert "`northmoor_icb`" in d.hint
    assert d.related == ()


def test_ref001_did_you_mean_falls_back_to_any_name():
    _, d = only("person ann_hale {}\norganisation o { kind: icb  accountable_to: «ann_hail» }", "REF001")
    assert "`ann_hale`" in d.hint


def test_ref001_without_a_close_name_has_a_hint_but_no_suggestion():
    _, d = only("board b { parent: «zzz» }", "REF001")
    assert d.hint and "Did you mean" not in d.hint


def test_ref002_points_to_the_declaration():
    compilation, d = only("person ann {}\n\nboard b { parent: «ann» }", "REF002")
    (related,) = d.related
    assert position(compilation, related.span) == (1, 8)
    assert compilation.sources["case.gov"].text[related.span.start : related.span.end] == "ann"
    assert d.hint


def test_dcl002_points_to_the_first_declaration():
    compilation, d = only("organisation o { kind: icb }\n\n  person «o» {}", "DCL002")
    (related,) = d.related
    assert position(compilation, related.span) == (1, 14)
    assert position(compilation, d.span) == (3, 10)


def test_dcl002_keeps_the_first_declaration():
    compilation = check("organisation o { kind: icb }\nperson «o» {}", ["DCL002"])
    assert compilation.model.entity("o").kind == "icb"
    assert compilation.model.people == ()


def test_dcl005_points_to_the_first_attribute():
    compilation, d = only("organisation o {\n  kind: icb\n  «kind»: nhs_trust\n}", "DCL005")
    (related,) = d.related
    assert position(compilation, related.span) == (2, 3)
    assert compilation.model.entity("o").kind == "icb"  # the first one is kept


@pytest.mark.parametrize(
    "marked,suggestion",
    [
        ("«comittee» c {}", "committee"),
        ("organisation o { kind: icb  «serve»: [] }", "serves"),
        ("organisation o { kind: «foundation_trsut» }", "foundation_trust"),
        (O + "board b { parent: o  decision: «simple_majorty» }", "simple_majority"),
        ("organisation o { kind: «ibc» }", "icb"),  # two letters swapped in a short word
    ],
)
def test_did_you_mean(marked, suggestion):
    code = {"«c": "DCL001"}.get(marked[:2])
    _, d = only(marked, code or ("DCL003" if "serve»" in marked else "VAL003"))
    assert f"`{suggestion}`" in d.hint


def test_val005_names_both_dates_points_at_the_start_and_leaves_the_end_out():
    compilation, d = only(O + "person q { post: chair at o from 2024-01-01 to «2023-12-31» }", "VAL005")
    assert d.message == "`to` 2023-12-31 is before `from` 2024-01-01: the post would end before it starts"
    assert d.hint == (
        "Check both dates (year-month-day): a period ends on or after the day it starts. "
        "If the two are the wrong way round, swap them."
    )
    (related,) = d.related
    assert related.message == "`from` is given here"
    assert position(compilation, related.span) == (2, 34)  # the `from` date
    (post,) = compilation.model.entity("q").posts
    assert (post.start, post.end) == (dt.date(2024, 1, 1), None)


def test_val005_on_a_forum_names_the_forum_and_its_words():
    compilation, d = only(O + "joint_committee j { parent: o  established: 2024-04-01  closed: «2024-03-31» }", "VAL005")
    assert d.message == (
        "`closed` 2024-03-31 is before `established` 2024-04-01: the joint committee `j` would end before it starts"
    )
    assert (compilation.model.entity("j").established, compilation.model.entity("j").closed) == (dt.date(2024, 4, 1), None)


def test_val005_on_a_delegation_uses_its_words():
    _, d = only(O + "function f {}\ndelegation d { from: o  to: o  functions: f  effective: 2024-01-01  expires: «2023-12-31» }", "VAL005")
    assert d.message.startswith("`expires` 2023-12-31 is before `effective` 2024-01-01: the delegation `d`")


@pytest.mark.parametrize(
    "snippet",
    [
        "person q { post: chair at o from 2024-01-01 to 2024-01-01 }",  # one day is a period
        "person q { post: chair at o to 2024-01-01 }",  # an end without a start
        "board b { parent: o  established: 2024-04-01  closed: 2024-04-01 }",
        "board b { parent: o  closed: 2024-04-01 }",
    ],
)
def test_a_period_may_end_on_the_day_it_starts_or_have_one_end(snippet):
    assert govdsl.load_text(O + snippet, "case.gov").diagnostics == ()


def test_a_wrong_attribute_does_not_stop_the_rest():
    compilation = check(
        "organisation o { kind: icb  population: «many»  serves: «nowhere»  «colour»: red }\nperson p {}",
        ["VAL001", "REF001", "DCL003"],
    )
    assert compilation.model.entity("o").kind == "icb"
    assert compilation.model.entity("p") is not None


def test_an_unknown_kind_of_organisation_becomes_other():
    compilation = check("organisation o { kind: «hospital» }", ["VAL003"])
    assert compilation.model.entity("o").kind == "other"


def test_diagnostics_are_sorted_by_position():
    text, _ = unmark("board b { parent: x }\nperson p { contact: 5 }\nwidget w {}\nboard b {}")
    diagnostics = govdsl.load_text(text, "case.gov").diagnostics
    assert [d.span.start for d in diagnostics] == sorted(d.span.start for d in diagnostics)


# -- known weaknesses ------------------------------------------------------------------------------------------


def test_interest_action_that_is_not_a_word_is_reported():
    check(O + 'person q { interest: financial in o action «"exclude"» }', ["VAL001"])


def test_seat_block_option_with_two_values_is_reported():
    check(O + P + "board b { parent: o  seat: p as chair { from: «2020-01-01 2021-01-01» } }", ["VAL001"])


def test_misspelt_include_is_reported_by_load_text():
    check('«inclde "shared.gov"»\n' + O, ["SYN003"])
