"""The quick reader (syntax/reader.py) and the careful lark parser build the same tree.

For every text the careful parser reads without a mistake, the quick reader
must build an equal tree (spans and comments included); for every text with
a mistake it must give up, so that the careful parser reports it. Checked on
every example, a generated system, random valid models and random edits of
them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from govdsl.source import SourceFile
from govdsl.syntax import parse
from govdsl.syntax.grammar import bare_parser
from govdsl.syntax.parser import parse_carefully
from govdsl.syntax.reader import read
from tests.property.strategies import models, mutated

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "examples").rglob("*.gov")) + sorted((ROOT / "tests").rglob("*.gov"))


def agree(text: str, path: str = "t.gov") -> bool:
    """Whether the quick reader read `text` (True) or gave up (False); fails if it read it wrongly."""
    source = SourceFile(path, text)
    if read(text, path) is None:
        return False
    bare_parser().parse(text)  # raises if the grammar does not accept the text
    assert parse(source) == parse_carefully(source)
    return True


def grammatical(text: str) -> bool:
    """Whether the grammar accepts the text, nested no deeper than a file may be (SYN005)."""
    try:
        bare_parser().parse(text)
    except Exception:
        return False
    return not any(d.code == "SYN005" for d in parse_carefully(SourceFile("t.gov", text)).diagnostics)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_the_reader_agrees_on_every_bundled_file(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    assert agree(text, str(path)) == grammatical(text)


def test_the_reader_agrees_on_a_generated_system():
    from benchmarks.generate import generate

    assert agree(generate("system"), "system.gov")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_the_reader_reads_every_valid_model(text):
    assert agree(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_the_reader_never_reads_a_text_differently(text):
    assert agree(text) == grammatical(text)


@pytest.mark.parametrize(
    "text",
    [
        'committee a "A" { parent: b }\n',
        "include \"x.gov\"\nperson p {\n  seat: [a, b,] # trailing comma\n}\n",
        "person p { note: \"a \\\"quoted\\\" word\" tags: [£1,200,000, 12%, 2024-04-01, 1.5m] }",
        "person p { a: { b: { c: x } } }",
        "person p { a: " + "[" * 31 + "]" * 31 + " }",
    ],
)
def test_the_reader_reads_the_forms_of_the_grammar(text):
    assert agree(text)


@pytest.mark.parametrize("depth", [33, 5000])
def test_a_file_nested_too_deep_is_left_to_the_careful_parser(depth):
    text = "person p { a: " + "[" * depth + "]" * depth + " }"
    assert read(text, "t.gov") is None
    assert [d.code for d in parse(SourceFile("t.gov", text)).diagnostics] == ["SYN005"]


@pytest.mark.parametrize(
    "text",
    [
        "person p {",  # a block never closed
        "person p { a: }",  # a key with nothing after it
        "person: p {}",  # a key where a declaration starts
        "person p { a: [b: c] }",  # a key inside a list
        "person p { a: b } }",  # a stray closing brace
        "person p { a: b ; }",  # a character no terminal matches
        "person p { a: 330kg }",  # a number run into letters
        'person p "unterminated { a: b }',
        "person p { a: [1,, 2] }",
    ],
)
def test_the_reader_gives_up_where_the_careful_parser_finds_a_mistake(text):
    assert read(text, "t.gov") is None
    assert parse(SourceFile("t.gov", text)).diagnostics != ()
