"""Re-parsing after an edit gives exactly what parsing the whole file gives."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdsl.source import SourceFile, Span
from govdsl.syntax import parse
from govdsl.syntax.nodes import MovableSpan
from govdsl.syntax.incremental import ParseCache, changed_stretch, reparse

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = sorted(p for p in EXAMPLES.glob("*/*.gov") if "broken" not in p.parts)
TEXTS = {p.name + p.parent.name: p.read_text(encoding="utf-8") for p in FILES}

# Characters that change how a file lexes, as well as ordinary ones.
PIECES = st.sampled_from(
    ['"', "{", "}", "[", "]", ",", ":", "#", "\n", " ", "x", "7", "£", "%", "-", "k", "committee", "seat: ", '"A"',
     "person z \"Z\" {\n}\n", "# note\n", "include \"x.gov\"\n", "}\n", ""]
)


def full(path: str, text: str):
    return parse(SourceFile(path, text))


def edited(cache: ParseCache, key: Path, path: str, text: str):
    return cache.parse(key, SourceFile(path, text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(TEXTS)),
    where=st.floats(min_value=0, max_value=1),
    removed=st.integers(min_value=0, max_value=40),
    inserted=st.lists(PIECES, max_size=3).map("".join),
)
def test_one_edit_parses_as_the_whole_file_does(name, where, removed, inserted):
    text = TEXTS[name]
    at = int(where * len(text))
    new = text[:at] + inserted + text[at + removed :]
    cache = ParseCache()
    key = Path(name)
    edited(cache, key, name, text)
    assert edited(cache, key, name, new) == full(name, new)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(TEXTS)),
    edits=st.lists(st.tuples(st.floats(min_value=0, max_value=1), st.integers(0, 3), PIECES), min_size=2, max_size=8),
)
def test_a_run_of_edits_parses_as_the_whole_file_does(name, edits):
    """Including edits that break the file and edits that mend it again."""
    text = TEXTS[name]
    cache = ParseCache()
    key = Path(name)
    edited(cache, key, name, text)
    for where, removed, inserted in edits:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + removed :]
        assert edited(cache, key, name, text) == full(name, text)


def test_typing_inside_a_declaration_parses_only_that_declaration_and_the_one_before():
    text = TEXTS["people.gov" + "greater_fens"]
    old = full("p.gov", text)
    old_items = old.document.items
    old_starts = [item.span.start for item in old_items]
    at = text.index('"', len(text) // 2) + 1  # inside a title in the middle of the file
    new = text[:at] + "x" + text[at:]
    result = reparse(text, old, SourceFile("p.gov", new))
    assert result == full("p.gov", new)
    new_items = result.document.items
    # the declaration edited and the one before it are new; those before them are reused as
    # they are, and those after them are reused too, moved one character along
    changed = [i for i, (a, b) in enumerate(zip(old_items, new_items)) if a is not b]
    assert len(changed) == 2 and changed[1] == changed[0] + 1 and len(new_items) == len(old_items)
    edited = changed[1]
    assert new_items[edited].span.start <= at < new_items[edited].span.end
    assert [item.span.start for item in new_items[:edited]] == old_starts[:edited]
    assert [item.span.start for item in new_items[edited + 1 :]] == [s + 1 for s in old_starts[edited + 1 :]]


@pytest.mark.parametrize(
    "old, new",
    [
        # a comment typed before a declaration on the same line swallows it
        ('person a "A" {\n}\nperson b "B" {\n} person c "C" {\n}\n', 'person a "A" {\n}\nperson b "B" {\n}# person c "C" {\n}\n'),
        # a newline deleted after a comment joins the next line to the comment
        ('person a "A" {\n}\n# note\nperson b "B" {\n}\n', 'person a "A" {\n}\n# noteperson b "B" {\n}\n'),
        # letters typed against the start of the next declaration
        ('person a "A" {\n}\nperson b "B" {\n}\n', 'person a "A" {\n}\nxperson b "B" {\n}\n'),
        # a closing brace deleted, so the next declaration falls inside the block
        ('person a "A" {\n}\nperson b "B" {\n}\n', 'person a "A" {\n\nperson b "B" {\n}\n'),
        # a misspelt include
        ('person a "A" {\n}\n', 'person a "A" {\n}\nincldue "x.gov"\n'),
        # declarations without titles, and an include, moved along by an edit above them
        ('person a "A" {\n}\nperson b {\n}\ninclude "x.gov"\n', 'person a "AB" {\n}\nperson b {\n}\ninclude "x.gov"\n'),
    ],
)
def test_edits_at_the_edges_of_declarations(old, new):
    cache = ParseCache()
    edited(cache, Path("f"), "f.gov", old)
    assert edited(cache, Path("f"), "f.gov", new) == full("f.gov", new)


def test_a_bracket_left_open_is_parsed_whole_until_it_is_mended():
    good = 'person a "A" {\n}\nperson z "Z" {\n}\nperson b "B" {\n}\nperson c "C" {\n}\n'
    broken = good.replace('person b "B" {\n}', 'person b "B" {\n')
    cache = ParseCache()
    first = edited(cache, Path("f"), "f.gov", good).document.items
    assert edited(cache, Path("f"), "f.gov", broken).diagnostics
    assert reparse(broken, cache.result(Path("f")), SourceFile("f.gov", good)) is None
    still_broken = broken.replace('"C"', '"Cc"')
    assert edited(cache, Path("f"), "f.gov", still_broken) == full("f.gov", still_broken)
    # the edit that mends the file is re-parsed in part, from the parse before it broke
    mended = good.replace('"B"', '"Bb"')
    result = edited(cache, Path("f"), "f.gov", mended)
    assert result == full("f.gov", mended)
    assert result.document.items[0] is first[0] and result.document.items[3] is first[3]


def test_a_mistake_is_re_parsed_in_part_when_it_stays_within_its_declarations():
    """Its errors are exactly those of a full parse, and the declarations around it are reused."""
    good = 'person a "A" {\n}\nperson z "Z" {\n}\nperson b "B" {\n  post: chair at\n}\nperson c "C" {\n}\n'
    cache = ParseCache()
    first = edited(cache, Path("f"), "f.gov", good).document.items
    broken = good.replace("post: chair at", "post chair at x")
    result = edited(cache, Path("f"), "f.gov", broken)
    assert result == full("f.gov", broken) and [d.code for d in result.diagnostics] == ["SYN003"]
    assert result.document.items[0] is first[0]
    # a bracket left open runs to the end of the file: that needs the whole file
    unclosed = good.replace("  post: chair at\n}\n", "  post: chair at\n")
    assert reparse(good, full("f.gov", good), SourceFile("f.gov", unclosed)) is None
    assert edited(cache, Path("f"), "f.gov", unclosed) == full("f.gov", unclosed)


def test_the_same_text_is_not_parsed_again():
    cache = ParseCache()
    first = edited(cache, Path("f"), "f.gov", 'person a "A" {\n}\n')
    assert edited(cache, Path("f"), "f.gov", 'person a "A" {\n}\n') is first
    cache.keep_only([])
    assert Path("f") not in cache and cache.result(Path("f")) is None


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("abcdef", "abXdef", (2, 3, 3)),
        ("abcdef", "abcdef!", (6, 6, 7)),
        ("aaaa", "aaaaa", (4, 4, 5)),  # the common ends may not overlap
        ("abc", "", (0, 3, 0)),
        ("", "abc", (0, 0, 3)),
    ],
)
def test_changed_stretch(old, new, expected):
    assert changed_stretch(old, new) == expected


# -- the one kind of span that moves -----------------------------------------------------------------
def _node_spans(document):
    """Every span held by a node of a document (declarations, includes and comments)."""
    stack = [*document.items, *document.comments]
    while stack:
        node = stack.pop()
        for field in attrs.fields(type(node)):
            value = getattr(node, field.name)
            if isinstance(value, Span):
                yield value
            elif attrs.has(type(value)):
                stack.append(value)
            elif isinstance(value, tuple):
                stack.extend(v for v in value if attrs.has(type(v)))


@pytest.mark.parametrize(
    "old, new",
    [
        # moved in place: a title typed longer above two declarations and a comment
        ('person a "A" {\n}\n# note\nperson b "B" { post: chair at x }\ninclude "x.gov"\n',
         'person a "AB" {\n}\n# note\nperson b "B" { post: chair at x }\ninclude "x.gov"\n'),
        # copied, moved: a mistake in the stretch leaves the base as it was
        ('person a "A" {\n}\n# note\nperson b "B" { post: chair at x }\n',
         'person a "A" { x }\n}\n# note\nperson b "B" { post: chair at x }\n'),
    ],
)
def test_every_span_of_a_parsed_document_is_a_movable_span(old, new):
    cache = ParseCache()
    first = edited(cache, Path("f"), "f.gov", old)
    assert all(type(span) is MovableSpan for span in _node_spans(first.document))
    second = edited(cache, Path("f"), "f.gov", new)
    spans = list(_node_spans(second.document))
    assert spans and all(type(span) is MovableSpan for span in spans)
    assert second == full("f.gov", new)


def test_spans_are_frozen_and_only_a_movable_span_moves_by_shift():
    plain, movable = Span("f.gov", 3, 7), MovableSpan("f.gov", 3, 7)
    for span in (plain, movable):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            span.start = 4
    assert plain == movable and movable == plain and hash(plain) == hash(movable)
    assert not hasattr(plain, "shift")
    movable.shift(5)
    assert (movable.start, movable.end) == (8, 12)
    assert movable != plain and movable == Span("f.gov", 8, 12)
