"""Resolver edge cases: malformed values are reported once, with the right code and hint."""

from __future__ import annotations

import textwrap

import govdsl

ORG = "organisation o { kind: icb }\n"


def compile_text(text: str) -> govdsl.Compilation:
    return govdsl.load_text(textwrap.dedent(text), "case.gov")


def diagnostics(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in compile_text(text).diagnostics]


def test_organisation_without_kind_is_reported_and_still_declared():
    compilation = compile_text("organisation o {}\n")
    assert diagnostics("organisation o {}\n") == [("DCL004", "organisation `o` is missing `kind`")]
    assert compilation.diagnostics[0].hint == "Add a line `kind: ...` inside its block."
    # The name is still declared, so references to it do not add a second error.
    assert [d.code for d in compile_text("organisation o {}\nperson p { employer: o }\n").diagnostics] == ["DCL004"]


def test_unknown_post_role_is_a_vocabulary_error_and_the_post_is_dropped():
    compilation = compile_text(ORG + "person p { post: banana at o }\n")
    [diagnostic] = compilation.diagnostics
    assert diagnostic.code == "VAL003"
    assert diagnostic.message == "`banana` is not a known post"
    assert "`chief_executive`" in diagnostic.hint
    assert compilation.model.entity("p").posts == ()


def test_interest_must_start_with_its_type_not_a_string():
    compilation = compile_text(ORG + 'person p { interest: "x" in o from 2020-01-01 declared 2020-01-01 }\n')
    [diagnostic] = compilation.diagnostics
    assert diagnostic.code == "VAL001"
    assert diagnostic.message == "an interest starts with its type, such as `financial`"
    assert diagnostic.hint.startswith("Write it as `interest: financial in")
    assert compilation.model.entity("p").interests == ()


def test_terms_with_a_value_and_a_block_is_an_error_but_the_block_is_kept():
    compilation = compile_text(ORG + 'board b {\n  parent: o\n  terms: yes { purpose: "Run the ICB" }\n}\n')
    [diagnostic] = compilation.diagnostics
    assert diagnostic.code == "VAL001"
    assert diagnostic.message == "`terms` is a block of the terms of reference"
    terms = compilation.model.entity("b").terms
    assert terms is not None and terms.purpose == "Run the ICB"


def test_decision_rule_with_an_unknown_option_is_reported_and_dropped():
    compilation = compile_text(ORG + "board b { parent: o  decision: consensus banana }\n")
    [diagnostic] = compilation.diagnostics
    assert diagnostic.code == "VAL001"
    assert diagnostic.message == "unexpected name `banana` in `decision`"
    assert compilation.model.entity("b").decision_rule is None


def test_a_missing_value_hides_only_the_noise_at_its_own_place():
    # `decision:` with no value is a syntax error; the resolver's "needs a value" about the
    # same spot is noise and is dropped, but an unrelated error elsewhere is still reported.
    text = ORG + "board b { parent: o  decision: }\nperson p { post: banana at o }\n"
    assert [code for code, _ in diagnostics(text)] == ["SYN003", "VAL003"]


def test_a_quoted_name_where_one_reference_is_expected_is_reported_and_left_unset():
    compilation = compile_text('organisation o { kind: foundation_trust  part_of: "nhse" }\n')
    [diagnostic] = compilation.diagnostics
    assert diagnostic.code == "VAL001"
    assert diagnostic.message == '`part_of` needs a name, found the text `"nhse"`'
    assert compilation.model.entity("o").part_of is None


def test_post_with_an_unknown_option_is_reported_and_dropped():
    compilation = compile_text(ORG + "person p { post: chief_executive in o }\n")
    [diagnostic] = compilation.diagnostics
    assert diagnostic.code == "VAL001"
    assert diagnostic.message.startswith("unexpected name `in` in `post`")
    assert diagnostic.hint == "Write it as `post: chief_executive at northmoor_hospitals [from 2019-01-01] [to 2025-03-31]`."
    assert compilation.model.entity("p").posts == ()


def test_interest_with_an_unknown_option_is_reported_and_dropped():
    compilation = compile_text(ORG + "person p { interest: financial at o }\n")
    [diagnostic] = compilation.diagnostics
    assert diagnostic.code == "VAL001"
    assert diagnostic.message.startswith("unexpected name `at` in `interest`")
    assert compilation.model.entity("p").interests == ()
