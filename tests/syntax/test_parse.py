"""Every construct of the grammar parsed into syntax nodes, with its spans checked.

Spans are character offsets; tests check them by the text they cover and, at the
edges, by the line and column `SourceFile.position` gives.
"""

from __future__ import annotations

import textwrap

import pytest

from govdsl.source import SourceFile, Span
from govdsl.syntax import nodes, parse


def parsed(text: str, path: str = "t.gov"):
    source = SourceFile(path, textwrap.dedent(text))
    result = parse(source)
    return source, result


def covered(source: SourceFile, span: Span) -> str:
    return source.text[span.start : span.end]


def clean(text: str):
    source, result = parsed(text)
    assert result.diagnostics == ()
    return source, result.document


# -- the file ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "# only a comment\n", "# a\n# b\n   # c"])
def test_empty_and_comment_only_files_parse_to_no_items(text):
    source, document = clean(text)
    assert document.items == ()
    assert document.span == Span("t.gov", 0, len(source.text))
    assert document.path == "t.gov"


def test_document_keeps_items_in_order():
    source, document = clean(
        """\
        include "a.gov"
        organisation a { kind: icb }
        import "folder"
        person p {}
        """
    )
    assert [type(i).__name__ for i in document.items] == ["Include", "Declaration", "Include", "Declaration"]


# -- declarations ------------------------------------------------------------------------------


def test_declaration_with_title():
    source, document = clean('committee audit "Audit Committee" {\n  role: audit\n}\n')
    (decl,) = document.items
    assert isinstance(decl, nodes.Declaration)
    assert decl.kind.text == "committee"
    assert covered(source, decl.kind.span) == "committee"
    assert decl.name.text == "audit"
    assert covered(source, decl.name.span) == "audit"
    assert decl.title.value == "Audit Committee"
    assert decl.title.raw == '"Audit Committee"'
    assert covered(source, decl.title.span) == '"Audit Committee"'
    assert covered(source, decl.block.span) == "{\n  role: audit\n}"
    assert covered(source, decl.span) == source.text.rstrip("\n")
    assert source.position(decl.block.span.end).line == 3


def test_declaration_without_title():
    source, document = clean("person ann_hale {}")
    (decl,) = document.items
    assert decl.title is None
    assert decl.block.attributes == ()
    assert covered(source, decl.block.span) == "{}"
    assert covered(source, decl.span) == "person ann_hale {}"


def test_dotted_names():
    source, document = clean("function commissioning.primary_medical.contracts { held_by: nhse.north_east }")
    (decl,) = document.items
    assert decl.name.text == "commissioning.primary_medical.contracts"
    assert covered(source, decl.name.span) == decl.name.text
    (attr,) = decl.block.attributes
    (word,) = attr.phrase.terms
    assert isinstance(word, nodes.Word)
    assert word.text == "nhse.north_east"


def test_several_declarations_on_one_line():
    source, document = clean('organisation a "A" { kind: icb } organisation b { kind: icb }')
    assert [d.name.text for d in document.items] == ["a", "b"]
    assert covered(source, document.items[1].span) == "organisation b { kind: icb }"


def test_titles_keep_unicode_and_escapes():
    source, document = clean('organisation v "Northmoor \\"Together\\" VCSE — Zoë £" { kind: vcse }')
    title = document.items[0].title
    assert title.value == 'Northmoor "Together" VCSE — Zoë £'
    assert covered(source, title.span) == title.raw


# -- includes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("keyword", ["include", "import"])
def test_include(keyword):
    source, document = clean(f'{keyword} "shared/national.gov"\n')
    (include,) = document.items
    assert isinstance(include, nodes.Include)
    assert include.keyword.text == keyword
    assert include.path.value == "shared/national.gov"
    assert covered(source, include.path.span) == '"shared/national.gov"'
    assert covered(source, include.span) == f'{keyword} "shared/national.gov"'


# -- attributes -----------------------------------------------------------------------------------


def attributes(text):
    source, document = clean(text)
    return source, document.items[0].block.attributes


def test_attribute_with_phrase():
    source, (attr,) = attributes("person p {\n  post: chair at northmoor_icb\n}")
    assert attr.key == "post"
    assert covered(source, attr.key_span) == "post"  # the colon is not part of the key
    assert attr.block is None
    assert [t.text for t in attr.phrase.terms] == ["chair", "at", "northmoor_icb"]
    assert covered(source, attr.phrase.span) == "chair at northmoor_icb"
    assert covered(source, attr.span) == "post: chair at northmoor_icb"
    assert (source.position(attr.span.start).line, source.position(attr.span.start).column) == (2, 3)


def test_attribute_with_block_only():
    source, (attr,) = attributes("committee c {\n  terms: {\n    purpose: \"x\"\n  }\n}")
    assert attr.key == "terms"
    assert attr.phrase is None
    assert covered(source, attr.block.span) == '{\n    purpose: "x"\n  }'
    assert covered(source, attr.span) == 'terms: {\n    purpose: "x"\n  }'
    (inner,) = attr.block.attributes
    assert inner.key == "purpose"
    assert inner.phrase.terms[0].value == "x"


def test_attribute_with_phrase_and_block():
    source, (attr,) = attributes(
        "person p {\n  post: director_of_finance at icb {\n    title: \"Chief Finance Officer\"\n  }\n}"
    )
    assert [t.text for t in attr.phrase.terms] == ["director_of_finance", "at", "icb"]
    assert attr.block is not None
    assert attr.block.attributes[0].key == "title"
    assert covered(source, attr.span).startswith("post: director_of_finance")
    assert covered(source, attr.span).endswith("}")


def test_nested_blocks_three_deep():
    source, (attr,) = attributes("committee c { a: { b: { c: 1 } } }")
    inner = attr.block.attributes[0].block.attributes[0]
    assert inner.key == "c"
    assert inner.phrase.terms[0].value == 1
    assert covered(source, attr.block.span) == "{ b: { c: 1 } }"


def test_several_attributes_on_one_line_and_a_value_running_on():
    source, attrs = attributes("organisation a { kind: icb  serves: north\n    south population: 5 }")
    assert [a.key for a in attrs] == ["kind", "serves", "population"]
    assert [t.text for t in attrs[1].phrase.terms] == ["north", "south"]
    assert covered(source, attrs[1].phrase.span) == "north\n    south"


def test_repeated_keys_are_kept_in_order_by_the_parser():
    source, attrs = attributes("person p { post: chair  post: governor  post: trustee }")
    assert [a.phrase.terms[0].text for a in attrs] == ["chair", "governor", "trustee"]


def test_key_can_be_any_name_even_a_kind_word():
    # What a key means is the resolver's business; the grammar accepts any `name:`.
    source, attrs = attributes("organisation a { organisation: x  include: y }")
    assert [a.key for a in attrs] == ["organisation", "include"]


# -- lists --------------------------------------------------------------------------------------


def list_term(value: str):
    source, (attr,) = attributes(f"organisation a {{ x: {value} }}")
    (term,) = attr.phrase.terms
    assert isinstance(term, nodes.ListTerm)
    return source, term


@pytest.mark.parametrize("value", ["[]", "[ ]", "[\n]"])
def test_empty_list(value):
    source, term = list_term(value)
    assert term.items == ()
    assert covered(source, term.span) == value


@pytest.mark.parametrize(
    "value,items",
    [
        ("[a]", [["a"]]),
        ("[a, b, c]", [["a"], ["b"], ["c"]]),
        ("[a, b, c,]", [["a"], ["b"], ["c"]]),
        ("[\n  a,\n  b,\n]", [["a"], ["b"]]),
        ("[chair or vice_chair, 2 clinicians]", [["chair", "or", "vice_chair"], ["2", "clinicians"]]),
    ],
)
def test_list_items_are_phrases(value, items):
    source, term = list_term(value)
    assert [[covered(source, t.span) for t in item.terms] for item in term.items] == items
    assert covered(source, term.span) == value


def test_nested_lists():
    source, term = list_term("[[a, b], [], c]")
    first, second, third = term.items
    assert isinstance(first.terms[0], nodes.ListTerm)
    assert [i.terms[0].text for i in first.terms[0].items] == ["a", "b"]
    assert second.terms[0].items == ()
    assert third.terms[0].text == "c"


def test_list_of_mixed_literals():
    source, term = list_term('["x", 5, £1m, 10%, 2025-04-01, name]')
    kinds = [type(item.terms[0]).__name__ for item in term.items]
    assert kinds == ["Str", "Number", "Money", "Percent", "DateLit", "Word"]


# -- comments -------------------------------------------------------------------------------------


def test_comments_are_captured_with_spans():
    source, document = clean(
        """\
        # heading
        organisation a "A" {   # after the brace
          kind: icb  # after a value
          # on its own line
          title: "a # inside quotes is not a comment"
        }
        # last line, no newline"""
    )
    texts = [c.text for c in document.comments]
    assert texts == [
        "# heading",
        "# after the brace",
        "# after a value",
        "# on its own line",
        "# last line, no newline",
    ]
    for comment in document.comments:
        assert covered(source, comment.span) == comment.text
    assert [source.position(c.span.start).line for c in document.comments] == [1, 2, 3, 4, 7]
    title = document.items[0].block.attributes[1].phrase.terms[0]
    assert title.value == "a # inside quotes is not a comment"


def test_comments_are_not_kept_between_parses():
    _, first = parsed("# one\n")
    _, second = parsed("organisation a { kind: icb }\n")
    assert len(first.document.comments) == 1
    assert second.document.comments == ()


def test_comment_right_after_key_colon():
    source, attrs = attributes("organisation a {\n  kind: # the kind\n    icb\n}")
    assert attrs[0].phrase.terms[0].text == "icb"


# -- whitespace and line endings -----------------------------------------------------------------


def test_crlf_and_tabs_are_whitespace():
    source, document = clean('organisation a "A" {\r\n\tkind: icb\r\n}\r\n')
    (attr,) = document.items[0].block.attributes
    assert attr.phrase.terms[0].text == "icb"
    assert source.position(attr.span.start).line == 2
    assert source.line_text(2) == "\tkind: icb"


def test_spans_name_the_file():
    source, document = clean("person p {}")
    assert document.items[0].span.file == "t.gov"
    source2 = SourceFile("other/place.gov", "person p {}")
    assert parse(source2).document.items[0].name.span.file == "other/place.gov"


def test_parsing_is_deterministic():
    text = 'committee a "A" { seat: x as chair from 2020-01-01  quorum: 3 including [chair] }\n# c\n'
    assert parse(SourceFile("t.gov", text)) == parse(SourceFile("t.gov", text))


def test_positions_count_characters_not_bytes():
    text = 'organisation zoe "Zoë £" { kind: vcse  x: £5 }'
    source, document = clean(text)
    attr = document.items[0].block.attributes[1]
    assert attr.phrase.span.start == text.index("£5")  # not the byte offset in UTF-8
    assert source.position(attr.phrase.span.start).column == text.index("£5") + 1
    assert covered(source, attr.phrase.span) == "£5"
