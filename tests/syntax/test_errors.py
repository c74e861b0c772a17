"""Syntax errors: codes and positions, and recovery so that every error in a file is found.

Positions are 1-based (line, column) from `SourceFile.position`. Messages are
not asserted here (see tests/golden for the text).
"""

from __future__ import annotations

import pytest

import govdsl
from govdsl.source import SourceFile
from govdsl.syntax import nodes, parse
from govdsl.syntax.errors import MAX_SYNTAX_ERRORS


def syntax(text: str):
    source = SourceFile("t.gov", text)
    result = parse(source)
    found = [(d.code, *_pos(source, d.span.start)) for d in result.diagnostics]
    names = [i.name.text for i in result.document.items if isinstance(i, nodes.Declaration)]
    return found, names, result


def _pos(source, offset):
    p = source.position(offset)
    return p.line, p.column


# (id, text, expected [(code, line, column)], declarations that must survive)
CASES = [
    (
        "semicolon",
        'organisation a "A" {\n  kind: icb;\n}\norganisation b { kind: icb }\n',
        [("SYN001", 2, 12)],
        ["a", "b"],
    ),
    (
        "dollar",
        'organisation a "A" {\n  limit: $5m\n}\n',
        [("SYN001", 2, 10)],
        ["a"],
    ),
    (
        "nul-byte",
        "\x00organisation a { kind: icb }\n",
        [("SYN001", 1, 1)],
        ["a"],
    ),
    (
        "unterminated-string",
        'person p "P" {\n  contact: "Board secretary\n}\nperson q "Q" {}\n',
        [("SYN002", 2, 12)],
        ["p", "q"],
    ),
    (
        "comma-between-attributes",
        'organisation a "A" {\n  kind: icb,\n  serves: north\n}\n',
        [("SYN003", 2, 12)],
        ["a"],
    ),
    (
        "stray-closing-brace",
        'organisation a "A" {\n  kind: icb\n}\n}\norganisation b { kind: icb }\n',
        [("SYN003", 4, 1)],
        ["a", "b"],
    ),
    (
        "stray-closing-bracket-at-top-level",
        "organisation a { kind: icb }\n]\norganisation b { kind: icb }\n",
        [("SYN003", 2, 1)],
        ["a", "b"],
    ),
    (
        "stray-opening-brace-at-top-level",
        "{\norganisation a { kind: icb }\n",
        [("SYN003", 1, 1)],
        ["a"],
    ),
    (
        "title-not-in-quotes-one-word",
        "organisation a Northmoor {\n  kind: icb\n}\n",
        [("SYN003", 1, 16)],
        ["a"],
    ),
    (
        "value-at-top-level",
        'organisation a { kind: icb } "stray"\norganisation b { kind: icb }\n',
        [("SYN003", 1, 30)],
        ["a", "b"],
    ),
    (
        "text-where-a-key-is-expected",
        'organisation a { "kind" }\n',
        [("SYN003", 1, 18)],
        ["a"],
    ),
    (
        "unclosed-block-at-end-of-file",
        'organisation a "A" {\n  kind: icb\n',
        [("SYN004", 1, 20)],
        ["a"],
    ),
    (
        "unclosed-block-swallows-next-declaration",
        'organisation a "A" {\n  kind: icb\n\norganisation b "B" {\n  kind: icb\n}\n',
        [("SYN004", 1, 20)],
        ["a"],
    ),
    (
        "unclosed-inner-block",
        "committee c {\n  parent: x\n  terms: {\n    purpose: \"p\"\n",
        [("SYN004", 3, 10)],
        ["c"],
    ),
    (
        "unclosed-list-at-end-of-file",
        'organisation a "A" { kind: icb  serves: [a, b',
        [("SYN004", 1, 41)],
        ["a"],
    ),
    (
        "file-ends-after-key",
        "organisation a {\n  kind:",
        [("SYN004", 1, 16)],
        ["a"],
    ),
]

# Recovery cases that were once wrong: echoes of one mistake, and files cut short that lost
# every declaration. Kept as regression tests.
RECOVERY = [
    pytest.param(
        'person p "Dr P {\n  post: chair\n}\nperson q {}\n',
        [("SYN002", 1, 10)],
        ["p", "q"],  # the open text is read to the end of its line
        id="unterminated-title",
    ),
    pytest.param(
        "organisation a Northmoor ICB {\n  kind: icb\n}\n",
        [("SYN003", 1, 16)],
        ["a"],  # the words are read as the title
        id="title-not-in-quotes-two-words",
    ),
    pytest.param(
        "organisation a { kind: icb }\norganisation b",
        [("SYN004", 2, 14)],
        ["a"],
        id="file-ends-after-declaration-name",
    ),
    pytest.param(
        'organisation a { kind: icb }\norganisation b "B"',
        [("SYN004", 2, 16)],
        ["a"],
        id="file-ends-after-declaration-title",
    ),
    pytest.param(
        "organisation a { kind: icb }\ninclude",
        [("SYN004", 2, 1)],
        ["a"],
        id="file-ends-after-include-keyword",
    ),
    pytest.param(
        "organisation a { kind: icb }\norganisation b { kind: icb } stray",
        [("SYN004", 2, 30)],
        ["a", "b"],
        id="stray-word-at-end-of-file",
    ),
]


@pytest.mark.parametrize(
    "text,expected,survivors",
    [pytest.param(*c[1:], id=c[0]) for c in CASES] + RECOVERY,
)
def test_syntax_error(text, expected, survivors):
    found, names, _ = syntax(text)
    assert found == expected
    assert names == survivors


def test_several_errors_in_one_file_are_all_reported():
    text = (
        'organisation a "A" {\n'  # 1
        "  kind: icb;\n"  # 2  SYN001
        "}\n"  # 3
        'organisation b "B" {\n'  # 4
        "  kind: icb,\n"  # 5  SYN003
        "}\n"  # 6
        'person c "C" {\n'  # 7
        '  contact: "never closed\n'  # 8  SYN002
        "}\n"  # 9
        "organisation d { kind: icb }\n"  # 10
        "}\n"  # 11 SYN003
        "organisation e { kind: icb € }\n"  # 12 SYN001
    )
    found, names, _ = syntax(text)
    assert found == [
        ("SYN001", 2, 12),
        ("SYN003", 5, 12),
        ("SYN002", 8, 12),
        ("SYN003", 11, 1),
        ("SYN001", 12, 28),
    ]
    assert names == ["a", "b", "c", "d", "e"]


def test_unclosed_block_hint_names_the_line_of_the_next_declaration():
    _, _, result = syntax('organisation a "A" {\n  kind: icb\n\n\norganisation b "B" {\n  kind: icb\n}\n')
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "SYN004"
    assert "line 5" in diagnostic.hint  # "Add `}` before line 5, where the next declaration starts."


def test_unclosed_block_without_a_later_declaration_has_no_line_in_the_hint():
    _, _, result = syntax('organisation a "A" {\n  kind: icb\n')
    (diagnostic,) = result.diagnostics
    assert "line" not in diagnostic.hint


def test_brackets_inside_strings_and_comments_do_not_count_as_open():
    found, names, _ = syntax('organisation a "{[" {\n  kind: icb # {[\n  x: "]}"\n')
    assert found == [("SYN004", 1, 21)]


def test_error_span_covers_the_offending_token():
    _, _, result = syntax('organisation a "A" {\n  kind: icb,\n}\n')
    (d,) = result.diagnostics
    assert (d.span.start, d.span.end) == (32, 33)
    _, _, result = syntax('person p {\n  contact: "open\n}\n')
    (d,) = result.diagnostics
    assert d.span.end - d.span.start == len('"open')  # to the end of the line


def test_syntax_errors_are_errors_and_sorted():
    _, _, result = syntax("organisation a { kind: icb, x: ; }\n}\n{")
    assert all(d.severity.label == "error" for d in result.diagnostics)
    assert list(result.diagnostics) == sorted(result.diagnostics, key=lambda d: d.sort_key())


def test_the_number_of_syntax_errors_is_capped_but_parsing_goes_on():
    body = "".join(f"  bad{i};\n" for i in range(3 * MAX_SYNTAX_ERRORS))
    text = f"organisation a {{\n{body}}}\norganisation b {{ kind: icb }}\n"
    found, names, _ = syntax(text)
    assert len(found) == MAX_SYNTAX_ERRORS
    assert names == ["a", "b"]


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02\xff\xfe",
        "}}}}]]]]",
        "{{{{[[[[",
        '"""""',
        "organisation " * 50,
        "a: b: c: d:",
        "£££ 2025-13-99 %%% ...",
        "\ufeffperson p {}",
        "[" * 500,
        "{" * 500 + "}" * 499,
        "x { y: [" * 50,
    ],
)
def test_garbage_never_raises(text):
    result = parse(SourceFile("t.gov", text))
    assert all(d.code.startswith("SYN") for d in result.diagnostics)
    assert all(d.span is not None and 0 <= d.span.start <= len(text) for d in result.diagnostics)


# -- recovery that reads the intent of a mistake (these were known weaknesses) -----------------------


def test_space_before_colon_is_one_error_at_the_colon():
    found, names, _ = syntax("committee c {\n  quorum : 5\n}\n")
    assert found == [("SYN001", 2, 10)]


def test_missing_colon_is_one_error():
    found, names, _ = syntax("person p {\n  post chair at x\n}\n")
    assert found == [("SYN003", 2, 3)]


def test_key_without_value_does_not_swallow_the_next_declaration():
    found, names, _ = syntax('organisation a "A" {\n  kind:\n}\norganisation b "B" { kind: icb }\n')
    assert names == ["a", "b"]
    assert len(found) == 1


def test_unclosed_list_is_closed_at_the_end_of_its_block():
    found, names, _ = syntax("organisation a {\n  kind: icb\n  serves: [x, y\n}\norganisation b { kind: icb }\n")
    assert names == ["a", "b"]
    assert all(line == 4 or line == 3 for _, line, _ in found)
    assert len(found) <= 2


def test_unclosed_block_is_reported_even_if_its_line_has_another_error():
    found, names, _ = syntax("organisation a { kind: icb;")
    assert sorted(code for code, _, _ in found) == ["SYN001", "SYN004"]
    assert names == ["a"]


def test_number_with_commas_in_threes_is_a_number():
    found, names, result = syntax("organisation a {\n  kind: icb\n  population: 1,020,000\n}\n")
    assert found == []
    (term,) = result.document.items[0].block.attributes[1].phrase.terms
    assert term.value == 1_020_000


def test_number_with_commas_not_in_threes_is_one_error():
    found, names, _ = syntax("organisation a {\n  kind: icb\n  population: 1,02,000\n}\n")
    assert found == [("SYN003", 3, 15)]
    assert names == ["a"]


@pytest.mark.parametrize("written", ["330kg", "12abc", "3rd", "1.5mn", "2025-04-01x"])
def test_number_glued_to_letters_is_one_error_over_the_whole_word(written):
    text = f"organisation a {{\n  kind: icb\n  population: {written}\n}}\n"
    (d,) = govdsl.load_text(text, "t.gov").diagnostics
    assert d.code == "SYN001" and "neither a number nor a name" in d.message
    assert text[d.span.start : d.span.end] == written
    assert "330k" in d.hint


def test_number_glued_to_letters_in_a_list_and_at_the_top_level():
    text = "organisation a {\n  kind: icb\n  services: [acute, 3x]\n}\n4th\norganisation b { kind: icb }\n"
    diagnostics = govdsl.load_text(text, "t.gov").diagnostics
    assert [(d.code, text[d.span.start : d.span.end]) for d in diagnostics][:2] == [("SYN001", "3x"), ("SYN001", "4th")]


def test_missing_colon_on_a_later_line_is_one_error_and_read_as_meant():
    text = 'organisation a "A" {\n  kind: icb\n  population 300k\n  sector: nhs\n}\n'
    compilation = govdsl.load_text(text, "t.gov")
    (d,) = compilation.diagnostics
    assert (d.code, text[d.span.start : d.span.end]) == ("SYN003", "population")
    assert "colon" in d.message and "value of `kind` above" in d.hint
    (organisation,) = compilation.model.organisations
    assert organisation.kind == "icb" and organisation.population == 300_000 and organisation.sector == "nhs"


def test_a_value_may_still_run_on_to_the_next_line():
    text = (
        'organisation icb "ICB" {\n  kind: icb\n}\n'
        'person ann "Ann" {\n  post: chief_executive\n    at icb\n  no_interests: 2025-01-01\n}\n'
        'board b "Board" {\n  parent: icb\n  seat: ann as chair\n    from 2024-04-01\n}\n'
    )
    compilation = govdsl.load_text(text, "t.gov")
    assert compilation.diagnostics == ()
    (board,) = compilation.model.forums
    assert board.seats[0].start.isoformat() == "2024-04-01"


def test_a_key_alone_at_the_start_of_a_line_is_not_split_off():
    """Only a key followed by a value on its line reads as an attribute missing its colon."""
    text = 'organisation a "A" {\n  kind: icb\n  population\n}\n'
    codes = [d.code for d in govdsl.load_text(text, "t.gov").diagnostics]
    assert codes and "SYN003" not in codes


@pytest.mark.parametrize("written, pounds", [("$18m", "£18m"), ("€1,200,000", "£1,200,000"), ("$2.5bn", "£2.5bn")])
def test_another_currency_is_one_error_and_read_as_pounds(written, pounds):
    text = (
        'function f "F" { }\norganisation a "A" {\n  kind: icb\n}\n'
        f'delegation d "D" {{\n  from: a\n  to: a\n  functions: [f]\n  limit: {written}\n}}\n'
    )
    compilation = govdsl.load_text(text, "t.gov")
    (d,) = compilation.diagnostics
    assert (d.code, text[d.span.start : d.span.end]) == ("SYN001", written)
    assert f"should be `{pounds}`" in d.message
    (delegation,) = compilation.model.delegations
    assert delegation.limit > 0


def test_a_dollar_sign_alone_is_still_an_unexpected_character():
    (d,) = govdsl.load_text('organisation a "A" {\n  kind: icb $\n}\n', "t.gov").diagnostics
    assert d.code == "SYN001" and d.message == "unexpected character `$`"


@pytest.mark.parametrize(
    "stray, shown",
    [("stray words here\n", "stray words here"), ("stray\n", "stray"), ("stray words\n", "stray words")],
)
def test_a_stray_line_between_declarations_is_one_error(stray, shown):
    text = 'organisation a "A" {\n  kind: icb\n}\n' + stray + 'organisation b "B" {\n  kind: icb\n}\n'
    compilation = govdsl.load_text(text, "t.gov")
    (d,) = compilation.diagnostics
    assert d.code == "SYN003" and d.message == f"expected a declaration, found `{shown}`"
    assert text[d.span.start : d.span.end] == shown
    assert [o.id for o in compilation.model.organisations] == ["a", "b"]


def test_a_stray_line_at_the_end_of_the_file_is_one_error():
    text = 'organisation a "A" {\n  kind: icb\n}\nstray words here\n'
    (d,) = govdsl.load_text(text, "t.gov").diagnostics
    assert d.code == "SYN003" and "stray words here" in d.message


def test_a_title_without_quotes_is_still_read_as_a_title():
    text = 'organisation a "A" {\n  kind: icb\n}\ncommittee audit Audit Committee {\n  parent: a\n}\n'
    compilation = govdsl.load_text(text, "t.gov")
    assert [d.message for d in compilation.diagnostics] == ["the title of a declaration must be in double quotes"]
    assert compilation.model.forums[0].title == "Audit Committee"
