"""Parsing: text of one file to a `Document` of syntax nodes, plus diagnostics.

Lark's LALR parser calls `_Builder` as it reduces each rule, so the syntax
nodes are built in the same pass as the parse (no intermediate lark tree).
Syntax errors are recovered from (see `errors.py`) so one run reports all of
them, not only the first.
"""

from __future__ import annotations

import threading
from functools import cache

import attrs
from lark import Lark, Token, Transformer

from govdsl.diagnostics import Diagnostic, Severity
from govdsl.source import SourceFile, Span
from govdsl.syntax import nodes
from govdsl.syntax.errors import SyntaxErrorCollector
from govdsl.syntax.grammar import grammar_text
from govdsl.syntax.literals import term_node
from govdsl.syntax.reader import MAX_NESTING, read

# Every node the parser builds gets a span its parse cache may move (see nodes.MovableSpan).
_MovableSpan = nodes.MovableSpan


@attrs.frozen
class ParseResult:
    document: nodes.Document
    diagnostics: tuple[Diagnostic, ...]


# The words that start an include; any other `word "text"` at the top level is a syntax error.
INCLUDE_WORDS = ("include", "import")

def _end(token) -> int:
    """Where a token ends (lark-cython's tokens do not carry `end_pos`)."""
    end = getattr(token, "end_pos", None)
    return end if end is not None else token.start_pos + len(token.value)


class _Builder(Transformer):
    """Lark callbacks, one per grammar rule, building `nodes`."""

    def __init__(self):
        super().__init__(visit_tokens=False)
        self.file = ""
        # Where the text being parsed starts in its file: 0 for a whole file, more when
        # only a stretch of it is parsed again after an edit (see incremental.py).
        self.offset = 0
        self.text = ""  # the text being parsed (from `offset` in its file)
        # Declarations and includes as they are completed, kept if the parse gives up part way.
        self.completed: list = []

    def _span(self, first: Token, last: Token) -> nodes.MovableSpan:
        return _MovableSpan(self.file, self.offset + first.start_pos, self.offset + _end(last))

    def _make_term(self, token) -> nodes.Term:
        if isinstance(token, nodes.ListTerm):
            return token  # already built
        # `token` is a lark Token, or lark-cython's token of the same shape
        span = _MovableSpan(self.file, self.offset + token.start_pos, self.offset + _end(token))
        kind = token.type
        value = token.value
        term = term_node(kind, value, span)
        if term is None:  # pragma: no cover - the grammar gives no other terms
            raise AssertionError(f"unexpected token {kind}")
        return term

    def phrase(self, children):
        terms = tuple(self._make_term(c) for c in children)
        line_starts = ()
        if len(terms) > 1:
            find, offset = self.text.find, self.offset
            line_starts = tuple(
                i
                for i in range(1, len(terms))
                if find("\n", terms[i - 1].span.end - offset, terms[i].span.start - offset) != -1
            )
        return nodes.Phrase(terms, _MovableSpan(self.file, terms[0].span.start, terms[-1].span.end), line_starts)

    def list(self, children):
        first, last = children[0], children[-1]
        items = tuple(c for c in children[1:-1] if isinstance(c, nodes.Phrase))
        return nodes.ListTerm(items, self._span(first, last))

    def block(self, children):
        first, last = children[0], children[-1]
        return nodes.Block(tuple(children[1:-1]), self._span(first, last))

    def attribute(self, children):
        key = children[0]
        phrase = block = None
        for child in children[1:]:
            if isinstance(child, nodes.Phrase):
                phrase = child
            elif isinstance(child, nodes.Block):
                block = child
        end = (block or phrase).span.end
        start = self.offset + key.start_pos
        key_span = _MovableSpan(self.file, start, self.offset + _end(key) - 1)
        return nodes.Attribute(key.value[:-1], key_span, phrase, block, _MovableSpan(self.file, start, end))

    def declaration(self, children):
        kind, name = children[0], children[1]
        title = None
        if not isinstance(children[2], nodes.Block):
            title = self._make_term(children[2])
        block = children[-1]
        declaration = nodes.Declaration(
            self._make_term(kind),
            self._make_term(name),
            title,
            block,
            _MovableSpan(self.file, self.offset + kind.start_pos, block.span.end),
        )
        self.completed.append(declaration)
        return declaration

    def include(self, children):
        keyword, path = children
        include = nodes.Include(self._make_term(keyword), self._make_term(path), self._span(keyword, path))
        self.completed.append(include)
        return include

    def start(self, children):
        return tuple(children)


class _Parser:
    """One lark parser with its builder; parses one file at a time."""

    def __init__(self):
        self.builder = _Builder()
        self.comments: list[Token] = []
        options = dict(
            parser="lalr",
            lexer="contextual",
            transformer=self.builder,
            lexer_callbacks={"COMMENT": self.comments.append},
            maybe_placeholders=False,
        )
        # The careful parser recovers from syntax errors and reports them all. Files without
        # mistakes, nearly every file, are read by the quick reader (reader.py) instead; what
        # it does not read is parsed again by the careful parser.
        self.lark = Lark(grammar_text(), **options)
        self.lock = threading.Lock()

    def parse(self, source: SourceFile, *, quick: bool = True) -> ParseResult:
        return self._parse(source, 0, 0, quick)[0]

    def parse_stretch(self, path: str, text: str, offset: int, lines_before: int):
        """Items, comments, diagnostics and unreliable stretches of a stretch of a file.

        The stretch starts at `offset` (after `lines_before` lines) in the file at
        `path` and holds whole declarations; spans are positions in the whole file.
        Returns None where the stretch alone could not be read as the whole file
        would be: where the parser reached the end of the stretch inside a
        declaration (a bracket left open, a declaration left unfinished), where
        recovery gave up, or where blocks nest too deep. The caller then parses the
        whole file.
        """
        result, reached_end = self._parse(SourceFile(path, text), offset, lines_before)
        if reached_end or any(d.code == "SYN005" for d in result.diagnostics):
            return None
        return result.document.items, result.document.comments, result.diagnostics, result.document.unreliable

    def _parse(self, source: SourceFile, offset: int, lines_before: int, quick: bool = True) -> tuple[ParseResult, bool]:
        """Parse `source`, the text of a file from `offset` on (0: the whole file).

        Also says whether the parser reached the end of the text with something
        unfinished, the one way in which parsing a stretch can differ from parsing
        the whole file around it.
        """
        path = source.path
        with self.lock:
            self.builder.file = path
            self.builder.offset = offset
            self.builder.text = source.text
            self.builder.completed = []
            self.comments.clear()
            collector = SyntaxErrorCollector(source, lines_before)
            try:
                read_quickly = read(source.text, path, offset) if quick else None
                if read_quickly is not None:
                    items, comment_places = read_quickly
                    self.builder.completed = items
                else:
                    try:
                        items = self.lark.parse(source.text, on_error=collector.on_error)
                    except Exception as error:  # recovery gave up: keep the declarations completed so far
                        collector.give_up(error)
                        items = tuple(self.builder.completed)
                    comment_places = [(t.value, offset + t.start_pos, offset + _end(t)) for t in self.comments]
            finally:
                self.builder.offset = 0
            for item in self.builder.completed:
                if isinstance(item, nodes.Include) and item.keyword.text not in INCLUDE_WORDS:
                    collector.unknown_include_word(
                        item.keyword.text, item.path.raw, item.span.start - offset, item.span.end - offset
                    )
            comments = tuple(nodes.Comment(text, _MovableSpan(path, start, end)) for text, start, end in comment_places)
        items = tuple(
            i
            for i in items
            if isinstance(i, nodes.Declaration) or (isinstance(i, nodes.Include) and i.keyword.text in INCLUDE_WORDS)
        )
        diagnostics = tuple(_moved_diagnostic(d, offset) for d in collector.diagnostics())
        too_deep = _too_deep(items)
        if too_deep is not None:
            # Later stages walk blocks recursively; a hostile file must not exhaust the stack.
            items = ()
            diagnostics += (
                Diagnostic(
                    "SYN005",
                    Severity.ERROR,
                    f"blocks and lists are nested more than {MAX_NESTING} deep here",
                    too_deep,
                    "Real models need only a few levels; check for brackets opened and never closed. "
                    "The file was not read.",
                ),
            )
        unreliable = tuple(Span(path, s.start + offset, s.end + offset) for s in collector.unreliable)
        document = nodes.Document(path, items, comments, Span(path, 0, len(source.text)), unreliable)
        return ParseResult(document, diagnostics), collector.reached_end


def _moved_diagnostic(diagnostic: Diagnostic, offset: int) -> Diagnostic:
    """A syntax error found in a stretch of a file, placed in the whole file."""
    if not offset:
        return diagnostic

    def moved(span: Span) -> Span:
        return Span(span.file, span.start + offset, span.end + offset)

    related = tuple(attrs.evolve(r, span=moved(r.span)) for r in diagnostic.related)
    fix = diagnostic.fix
    if fix is not None:
        fix = attrs.evolve(fix, edits=tuple(attrs.evolve(e, span=moved(e.span)) for e in fix.edits))
    return attrs.evolve(diagnostic, span=moved(diagnostic.span), related=related, fix=fix)




def _too_deep(items) -> Span | None:
    """The span of the first block or list nested deeper than MAX_NESTING, if any."""
    stack = [(item.block, 1) for item in items if isinstance(item, nodes.Declaration)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return node.span
        if isinstance(node, nodes.Block):
            for attr in node.attributes:
                if attr.block is not None:
                    stack.append((attr.block, depth + 1))
                if attr.phrase is not None:
                    stack.extend((t, depth + 1) for t in attr.phrase.terms if isinstance(t, nodes.ListTerm))
        elif isinstance(node, nodes.ListTerm):
            for phrase in node.items:
                stack.extend((t, depth + 1) for t in phrase.terms if isinstance(t, nodes.ListTerm))
    return None


@cache
def _parser() -> _Parser:
    return _Parser()


def parse(source: SourceFile) -> ParseResult:
    """Parse one file. Never raises for bad input: problems are diagnostics."""
    return _parser().parse(source)


def parse_carefully(source: SourceFile) -> ParseResult:
    """Parse one file with the careful lark parser alone, never the quick reader.

    What `parse` gives must always equal this (tests/syntax/test_reader.py and
    the fuzz target hold the quick reader to it).
    """
    return _parser().parse(source, quick=False)
