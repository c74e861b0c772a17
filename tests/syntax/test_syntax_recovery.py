"""One clear error per mistake (items 6–10): syntax recovery without cascades.

Each case gives the text, the (code, line, column) of every diagnostic of the whole
compilation (syntax and resolver), and the declarations that must survive.
"""

from __future__ import annotations

import pytest

from tests.snippets import compile_text, syntax

CASES = {
    # item 6: `key : value` is one SYN001 at the colon, and the attribute is read
    "space-before-colon-first-attribute": ('person p {\n  contact : "x"\n}\n', [("SYN001", 2, 11)], ["p"]),
    "space-before-colon-later-attribute": (
        'organisation o {\n  sector: nhs\n  kind : icb\n}\n',
        [("SYN001", 3, 8)],
        ["o"],
    ),
    "space-before-colon-no-space-after": ("organisation o {\n  kind :icb\n}\n", [("SYN001", 2, 8)], ["o"]),
    # item 6: `kind icb` is one error, and is read as `kind: icb` (no DCL004)
    "missing-colon": ("organisation o {\n  kind icb\n}\n", [("SYN003", 2, 3)], ["o"]),
    "missing-colon-before-a-list": ("organisation o {\n  services [acute, community]\n  kind: icb\n}\n", [("SYN003", 2, 3)], ["o"]),
    "missing-colon-before-a-block": ('committee c {\n  terms { purpose: "p" }\n  parent: c\n}\n', [("SYN003", 2, 3)], ["c"]),
    "word-alone-on-a-line": ("organisation o {\n  stray\n  kind: icb\n}\n", [("SYN003", 2, 3)], ["o"]),
    # item 6: an unclosed quote in a title is one error; the declaration keeps its block
    "unclosed-quote-in-title": ('person p "Dr P {\n  post: chair\n}\nperson q {}\n', [("SYN002", 1, 10)], ["p", "q"]),
    "unclosed-quote-in-value": ('person p {\n  contact: "via the secretary\n}\nperson q {}\n', [("SYN002", 2, 12)], ["p", "q"]),
    # item 6: curly quotes are one error each, with a hint, and read as text
    "curly-quotes-title": ("organisation o \u201cNHS O\u201d {\n  kind: icb\n}\n", [("SYN001", 1, 16)], ["o"]),
    "curly-quotes-value": ("person p {\n  contact: \u201cthe secretary\u201d\n}\n", [("SYN001", 2, 12)], ["p"]),
    "straight-then-curly": ('person p {\n  contact: "the secretary\u201d\n}\n', [("SYN001", 2, 26)], ["p"]),
    "curly-never-closed": ("person p {\n  contact: \u201cthe secretary\n}\nperson q {}\n", [("SYN001", 2, 12)], ["p", "q"]),
    # title not in quotes: one error, read as the title
    "title-without-quotes": ("organisation a Northmoor ICB {\n  kind: icb\n}\n", [("SYN003", 1, 16)], ["a"]),
    # one error per line: the words after a mistake are not reported again
    "one-error-per-line": ("organisation o {\n  kind: icb ; ; ! $\n}\n", [("SYN001", 2, 13)], ["o"]),
    # an extra `}` is always reported, even on a line with another error
    "extra-brace-on-a-line-with-an-error": ("organisation o { kind: icb; } }\n", [("SYN001", 1, 27), ("SYN003", 1, 31)], ["o"]),
    # item 7: a key with nothing after it
    "key-without-value-at-end-of-file": ("person p {\n  contact:", [("SYN004", 1, 10)], ["p"]),
    "key-without-value-before-brace": ('organisation a "A" {\n  kind:\n}\norganisation b "B" { kind: icb }\n', [("SYN003", 2, 3)], ["a", "b"]),
    "key-without-value-before-key": ("organisation a {\n  sector:\n  kind: icb\n}\n", [("SYN003", 2, 3)], ["a"]),
    "key-without-value-before-spaced-key": (
        "organisation a {\n  sector:\n  kind : icb\n}\n",
        [("SYN003", 2, 3), ("SYN001", 3, 8)],
        ["a"],
    ),
    # item 8: a missing `}` before the next declaration: one error, no resolver noise
    "unclosed-block-swallows-next": (
        'organisation a "A" {\n  kind: icb\n\norganisation b "B" {\n  kind: icb\n}\n',
        [("SYN004", 1, 20)],
        ["a"],
    ),
    "unclosed-block-keeps-errors-before-it": (
        "organisation a { kind: icx }\norganisation b {\n  kind: nothing\n",
        [("VAL003", 1, 24), ("SYN004", 2, 16)],
        ["a", "b"],
    ),
    # item 9: a `[` not closed before `}` is reported once, and closed there
    "unclosed-list-before-brace": ("organisation a {\n  kind: icb\n  serves: [x, y\n}\nsystem x {}\nsystem y {}\n", [("SYN003", 4, 1)], ["a", "x", "y"]),
    "unclosed-list-before-key": ("organisation a {\n  services: [acute, community\n  kind: icb\n}\n", [("SYN003", 3, 3)], ["a"]),
    "unclosed-list-at-end-of-file": ("organisation a {\n  kind: icb\n  serves: [x, y\n", [("SYN004", 3, 11)], ["a"]),
    # item 10: a declaration cut short at the end of the file: one error, the others kept
    "only-a-word": ("x", [("SYN004", 1, 1)], []),
    "declaration-without-block": ("organisation a { kind: icb }\norganisation b", [("SYN004", 2, 14)], ["a"]),
    "include-without-path": ("organisation a { kind: icb }\ninclude", [("SYN004", 2, 1)], ["a"]),
    # a misspelt include is reported by the parser, so also without the file loader
    "misspelt-include": ('inclde "shared.gov"\norganisation a { kind: icb }\n', [("SYN003", 1, 1)], ["a"]),
}


def located(text):
    compilation = compile_text(text)
    out = []
    for d in compilation.diagnostics:
        position = compilation.sources[d.span.file].position(d.span.start)
        out.append((d.code, position.line, position.column))
    return out


@pytest.mark.parametrize("text,expected,survivors", CASES.values(), ids=CASES.keys())
def test_one_error_per_mistake(text, expected, survivors):
    assert located(text) == expected
    assert syntax(text)[1] == survivors


def test_recovered_attributes_are_read_as_intended():
    compilation = compile_text('organisation o {\n  kind icb\n}\nperson p {\n  contact : "x"\n}\nperson q "Dr Q {\n}\n')
    assert compilation.model.entity("o").kind == "icb"
    assert compilation.model.entity("p").contact == "x"
    assert compilation.model.entity("q").name == "Dr Q"


def test_curly_quoted_title_is_read_as_the_title():
    compilation = compile_text("organisation o \u201cNHS O\u201d {\n  kind: icb\n}\n")
    assert compilation.model.entity("o").title == "NHS O"


def test_unquoted_title_is_read_as_the_title():
    compilation = compile_text("organisation a Northmoor ICB {\n  kind: icb\n}\n")
    assert compilation.model.entity("a").title == "Northmoor ICB"


def test_unclosed_list_keeps_its_items():
    compilation = compile_text("organisation a {\n  services: [acute, community\n  kind: icb\n}\n")
    assert compilation.model.entity("a").services == ("acute", "community")
    assert compilation.model.entity("a").kind == "icb"


def test_messages_name_the_mistake():
    def message(text):
        (d,) = compile_text(text).diagnostics
        return d

    d = message("organisation o {\n  kind icb\n}\n")
    assert "`kind: icb`" in d.hint
    d = message('person p {\n  contact : "x"\n}\n')
    assert "colon" in d.message
    d = message("organisation o \u201cNHS O\u201d {\n  kind: icb\n}\n")
    assert "straight" in d.hint and '"' in d.hint
    d = message("x")
    assert "declaration" in d.message and "attribute" not in d.message
    d = message("organisation a {\n  kind: icb\n  serves: [x, y\n}\nsystem x {}\nsystem y {}\n")
    assert "line 3" in d.message


def test_placeholder_for_a_missing_value_is_never_shown():
    for text in ("person p {\n  contact:", "person p { contact: }", "organisation a {\n  kind:\n}\n"):
        for d in compile_text(text).diagnostics:
            assert "``" not in d.message
            assert d.code.startswith("SYN")


def test_the_document_records_what_the_parser_guessed_at():
    _, _, result = syntax("organisation a {\n  kind:\n}\n")
    (placeholder,) = result.document.unreliable
    assert placeholder.start == placeholder.end == result.document.span.end - 2  # at the `}`
    _, _, result = syntax("organisation a {\n  kind: icb\n")
    (region,) = result.document.unreliable
    assert (region.start, region.end) == (15, len("organisation a {\n  kind: icb\n"))
    _, _, result = syntax("organisation a { kind: icb }\n")
    assert result.document.unreliable == ()


def test_a_file_of_truncated_junk_still_never_raises():
    for text in ("organisation", "organisation a", 'organisation a "A"', "include", "a { b", "a { b: [", 'a { b: "'):
        located(text)
