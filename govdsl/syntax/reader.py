"""The quick reader: syntax nodes for a file without mistakes, in one pass, without lark.

Nearly every file a user checks has no syntax error, and for those the work
of a general LALR parser (a token object per word, a callback per rule) is
most of the cost of a check. This reader takes the same terminals, with the
same patterns and priorities, from the grammar itself (grammar/govdsl.lark,
through lark's own reading of it), scans the text with one regular
expression, and builds the same nodes the careful parser's builder builds,
by recursive descent over the grammar's few rules.

It never reports a mistake: at the first thing it does not expect it gives
up (returns None), and the careful lark parser, which recovers from errors
and reports every one, reads the file instead. So the grammar stays the one
definition of the language, and the careful parser the one judge of
mistakes; tests/syntax/test_reader.py and the fuzz target check that for
every text the careful parser accepts, this reader builds an equal tree with
equal spans, or gives up.
"""

from __future__ import annotations

import re
from functools import cache

from govdsl.syntax import nodes
from govdsl.syntax.grammar import grammar_text
from govdsl.syntax.literals import term_node

_Span = nodes.MovableSpan

# How deep blocks and lists may nest. Later stages walk them recursively, so a file nested
# deeper is not read at all (SYN005); the quick reader gives such a file to the careful parser,
# which reads it without recursion and reports it.
MAX_NESTING = 32


@cache
def _scanner() -> re.Pattern:
    """One pattern of every terminal, in the order lark's lexer tries them."""
    from lark import Lark

    terminals = Lark(grammar_text(), parser="lalr", lexer="contextual").terminals
    # lark's standard order: priority, then the longer pattern, then the name
    ordered = sorted(terminals, key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
    return re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in ordered))


class _GiveUp(Exception):
    """The text is not one this reader reads; the careful parser will."""


def read(text: str, path: str, offset: int = 0):
    """(items, comments) as the careful parser's builder makes them, or None to leave it to lark.

    `items` are the declarations and includes in order (before the include
    word is checked); `comments` are (text, start, end) in the file.
    Positions are shifted by `offset`, where `text` starts in its file.
    """
    kinds: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    values: list[str] = []
    comments: list[tuple[str, int, int]] = []
    position = 0
    # `scanner().match` matches only where the last match ended: a character no terminal
    # matches stops it there, short of the end of the text.
    for match in iter(_scanner().scanner(text).match, None):
        kind = match.lastgroup
        position = match.end()
        if kind == "WS":
            continue
        if kind == "COMMENT":
            comments.append((match.group(), match.start() + offset, position + offset))
            continue
        kinds.append(kind)
        starts.append(match.start())
        ends.append(position)
        values.append(match.group())
    if position != len(text):
        return None
    try:
        items = _Descent(text, path, offset, kinds, starts, ends, values).file()
    except _GiveUp:
        return None
    return items, comments


_WORDS = frozenset({"NAME", "STRING", "NUMBER", "MONEY", "PERCENT", "DATE"})  # terms of one token
_TERMS = _WORDS | {"LSQB"}  # what a phrase starts with


class _Descent:
    """Recursive descent over the grammar's rules, building `nodes` as `parser._Builder` does."""

    __slots__ = ("text", "path", "offset", "kinds", "starts", "ends", "values", "i", "n", "depth")

    def __init__(self, text, path, offset, kinds, starts, ends, values):
        self.text, self.path, self.offset = text, path, offset
        self.kinds, self.starts, self.ends, self.values = kinds, starts, ends, values
        self.i, self.n = 0, len(kinds)
        self.depth = 0  # blocks and lists open

    def _kind(self) -> str | None:
        return self.kinds[self.i] if self.i < self.n else None

    def _expect(self, kind: str) -> int:
        if self.i >= self.n or self.kinds[self.i] != kind:
            raise _GiveUp
        self.i += 1
        return self.i - 1

    def file(self) -> list:
        items = []
        while self.i < self.n:
            first = self._expect("NAME")
            if self._kind() == "STRING":  # include: NAME STRING
                second = self._expect("STRING")
                items.append(
                    nodes.Include(
                        self._term(first),
                        self._term(second),
                        _Span(self.path, self.offset + self.starts[first], self.offset + self.ends[second]),
                    )
                )
                continue
            name = self._expect("NAME")  # declaration: NAME NAME STRING? block
            title = self._term(self._expect("STRING")) if self._kind() == "STRING" else None
            block = self._block()
            items.append(
                nodes.Declaration(
                    self._term(first),
                    self._term(name),
                    title,
                    block,
                    _Span(self.path, self.offset + self.starts[first], block.span.end),
                )
            )
        return items

    def _block(self) -> nodes.Block:
        opening = self._expect("LBRACE")
        self._deeper()
        attributes = []
        while self._kind() == "KEY":
            attributes.append(self._attribute())
        closing = self._expect("RBRACE")
        self.depth -= 1
        return nodes.Block(
            tuple(attributes), _Span(self.path, self.offset + self.starts[opening], self.offset + self.ends[closing])
        )

    def _attribute(self) -> nodes.Attribute:
        key = self.i
        self.i += 1
        phrase = block = None
        if self._kind() in _TERMS:
            phrase = self._phrase()
        if self._kind() == "LBRACE":
            block = self._block()
        elif phrase is None:
            raise _GiveUp  # a key needs a phrase, a block or both
        start = self.offset + self.starts[key]
        return nodes.Attribute(
            self.values[key][:-1],
            _Span(self.path, start, self.offset + self.ends[key] - 1),
            phrase,
            block,
            _Span(self.path, start, (block or phrase).span.end),
        )

    def _phrase(self) -> nodes.Phrase:
        kinds, n, term = self.kinds, self.n, self._term
        terms = []
        i = self.i
        while i < n:
            kind = kinds[i]
            if kind == "LSQB":
                self.i = i
                terms.append(self._list())
                i = self.i
            elif kind in _WORDS:
                terms.append(term(i))
                i += 1
            else:
                break
        self.i = i
        line_starts = ()
        if len(terms) > 1:
            find, offset = self.text.find, self.offset
            line_starts = tuple(
                k
                for k in range(1, len(terms))
                if find("\n", terms[k - 1].span.end - offset, terms[k].span.start - offset) != -1
            )
        return nodes.Phrase(tuple(terms), _Span(self.path, terms[0].span.start, terms[-1].span.end), line_starts)

    def _advance(self) -> int:
        self.i += 1
        return self.i - 1

    def _deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _GiveUp

    def _list(self) -> nodes.ListTerm:
        opening = self._expect("LSQB")
        self._deeper()
        items = []
        if self._kind() in _TERMS:
            items.append(self._phrase())
            while self._kind() == "_COMMA":
                self.i += 1
                if self._kind() not in _TERMS:
                    break  # a trailing comma
                items.append(self._phrase())
        closing = self._expect("RSQB")
        self.depth -= 1
        return nodes.ListTerm(
            tuple(items), _Span(self.path, self.offset + self.starts[opening], self.offset + self.ends[closing])
        )

    def _term(self, i: int) -> nodes.Term:
        kind, value = self.kinds[i], self.values[i]
        span = _Span(self.path, self.offset + self.starts[i], self.offset + self.ends[i])
        term = term_node(kind, value, span)
        if term is None:
            raise _GiveUp
        return term

