"""Parsing a file again after an edit, reusing what the edit did not touch.

An editor sends the whole text of a file after every keystroke. Parsing a
10,000-line file takes a third of a second, far too long to check as someone
types, yet the edit changed one declaration. `ParseCache` keeps the last parse
of each file; on a new text it finds the stretch that changed, parses again
only the top-level declarations around it, keeps the declarations before it
as they were and moves the ones after it by the change in length.

The stretch is chosen so that the result is exactly what a full parse would
give (a test compares them over many random edits):

- it starts at the start of the last declaration or include that lies wholly
  before the change (or at the start of the file), so that it begins with a
  word read the same way in the whole file (whatever came before it ends with
  `}`, a closing quote, a space or a line break), and so that a mistake right
  after that declaration meets the parser in the same state as in the whole
  file (right after a `}`, lark's parser has not yet closed the declaration,
  and what it says it expected there depends on that);
- it ends at the start of a declaration or include that lies wholly after the
  change and begins a line, so no comment or token of the stretch runs into it,
  or at the end of the file.

The base of each re-parse is the last parse without syntax errors. A mistake
in the stretch is reported from the stretch alone when the parser gets through
it to the end of the stretch at the top level, as it then would in the whole
file; a mistake that runs on to the end of the stretch (a bracket left open, a
declaration unfinished) sends the whole file to be parsed again. Either way the
errors are exactly those a full parse reports.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from govdsl.source import SourceFile, Span
from govdsl.syntax import nodes
from govdsl.syntax.parser import ParseResult, _parser, parse


class ParseCache:
    """The last parse of each file, by resolved path, for the language server.

    Besides the last parse, it keeps the last parse without syntax errors: while
    a file has an error it is parsed whole (so its errors are reported exactly as
    `govdsl check` reports them), and the edit that mends it is then re-parsed in
    part, from the text as it was before it broke.

    The cache owns the documents it returns: after an edit, the declarations that
    follow it are moved along the file in place rather than built again (their
    spans are `nodes.MovableSpan`s, the one kind of span that changes), so a
    document is good only until the next parse of the same file. The language
    server compiles from the newest document each time and keeps nothing older.
    """

    def __init__(self):
        self._last: dict[Path, tuple[str, ParseResult]] = {}
        self._good: dict[Path, tuple[str, ParseResult]] = {}  # the last parse without errors

    def __contains__(self, path: Path) -> bool:
        return path in self._last

    def result(self, path: Path) -> ParseResult | None:
        last = self._last.get(path)
        return last[1] if last else None

    def parse(self, path: Path, source: SourceFile) -> ParseResult:
        """The parse of `source` (the text of the file at `path`), reusing the last one."""
        last = self._last.get(path)
        if last is not None and last[0] == source.text and last[1].document.path == source.path:
            return last[1]
        good = self._good.get(path)
        result = None
        if good is not None and good[1].document.path == source.path:
            result = reparse(good[0], good[1], source)
        if result is None:
            result = parse(source)
        self._last[path] = (source.text, result)
        if not result.diagnostics and not result.document.unreliable:
            self._good[path] = (source.text, result)
        return result

    def keep_only(self, paths) -> None:
        """Forget files no longer in the model, so the cache does not grow."""
        wanted = set(paths)
        self._last = {p: entry for p, entry in self._last.items() if p in wanted}
        self._good = {p: entry for p, entry in self._good.items() if p in wanted}


def changed_stretch(old: str, new: str) -> tuple[int, int, int]:
    """(start, old end, new end) of the stretch that differs between two texts.

    Compared in halves with string equality (done in C), so finding one changed
    character in a large file takes a few dozen comparisons, not a loop in Python
    over every character.
    """
    limit = min(len(old), len(new))
    low, high = 0, limit  # the common prefix is at least `low` and at most `high` long
    while low < high:
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    limit -= prefix  # the common suffix may not overlap the prefix
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle : len(old) - low] == new[len(new) - middle : len(new) - low]:
            low = middle
        else:
            high = middle - 1
    suffix = low
    return prefix, len(old) - suffix, len(new) - suffix


def reparse(old_text: str, old: ParseResult, source: SourceFile) -> ParseResult | None:
    """The parse of `source`, from the previous parse of the same file; None to parse it whole."""
    if old.diagnostics or old.document.unreliable:
        return None
    new_text = source.text
    start, old_end, new_end = changed_stretch(old_text, new_text)
    delta = new_end - old_end
    items = old.document.items
    ends = [item.span.end for item in items]
    starts = [item.span.start for item in items]

    # items[:before] are kept: they end before the change, with one to spare (see the module
    # docstring), so the stretch starts at the start of a declaration the change did not touch
    before = max(bisect.bisect_right(ends, start) - 1, 0)
    cut_start = starts[before] if before else 0
    after = bisect.bisect_right(starts, old_end, lo=before)  # items[after:] start past the change
    while after < len(items) and old_text[starts[after] - 1] != "\n":
        after += 1
    cut_end = starts[after] if after < len(items) else len(old_text)

    parsed = _parser().parse_stretch(
        source.path, new_text[cut_start : cut_end + delta], cut_start, new_text.count("\n", 0, cut_start)
    )
    if parsed is None:
        return None
    middle, middle_comments, diagnostics, unreliable = parsed

    comments = old.document.comments
    comment_starts = [c.span.start for c in comments]
    kept_before = comments[: bisect.bisect_left(comment_starts, cut_start)]
    kept_after = comments[bisect.bisect_left(comment_starts, cut_end) :]
    later = items[after:]
    if delta and diagnostics:
        # The stretch has a syntax error, so this parse will not be the base of the next one:
        # the last parse without errors stays that, and its declarations must stay where they
        # are. Those after the stretch are copied, moved, instead.
        later = tuple(moved_copy(item, delta) for item in later)
        kept_after = tuple(nodes.Comment(c.text, _moved_span(c.span, delta)) for c in kept_after)
    elif delta:
        for item in later:
            move(item, delta)
        for comment in kept_after:
            _move(comment.span, delta)
    document = nodes.Document(
        source.path,
        items[:before] + tuple(middle) + later,
        kept_before + middle_comments + kept_after,
        Span(source.path, 0, len(new_text)),
        unreliable,
    )
    return ParseResult(document, diagnostics)


# -- moving nodes ------------------------------------------------------------------------------------
# The declarations after an edit are moved in place: their spans are the only thing that changes,
# and moving each span costs a sixth of building every node again (measured on the 10,000-line
# file of benchmarks/bench_lsp.py: about 4 ms against 25 ms, and no garbage for the collector).
# The parser makes every node's span a `nodes.MovableSpan`, the span type documented as movable by
# the cache that owns it; which is why a document the cache returns is good only until the next
# parse of the same file (see `ParseCache`).

_move = nodes.MovableSpan.shift


def _move_phrase(phrase: nodes.Phrase, delta: int) -> None:
    _move(phrase.span, delta)
    for term in phrase.terms:
        _move(term.span, delta)
        if type(term) is nodes.ListTerm:
            for item in term.items:
                _move_phrase(item, delta)


def _move_block(block: nodes.Block, delta: int) -> None:
    _move(block.span, delta)
    for attribute in block.attributes:
        _move(attribute.span, delta)
        _move(attribute.key_span, delta)
        if attribute.phrase is not None:
            _move_phrase(attribute.phrase, delta)
        if attribute.block is not None:
            _move_block(attribute.block, delta)


def move(item, delta: int) -> None:
    """Move a top-level declaration or include `delta` characters along its file, in place."""
    _move(item.span, delta)
    if isinstance(item, nodes.Include):
        _move(item.keyword.span, delta)
        _move(item.path.span, delta)
        return
    _move(item.kind.span, delta)
    _move(item.name.span, delta)
    if item.title is not None:
        _move(item.title.span, delta)
    _move_block(item.block, delta)


# -- moved copies, for a parse with errors (see `reparse`) -----------------------------------------


def _moved_span(span: Span, delta: int) -> nodes.MovableSpan:
    return nodes.MovableSpan(span.file, span.start + delta, span.end + delta)


def _copy_term(term, delta: int):
    kind = type(term)
    if kind is nodes.Word:
        return nodes.Word(term.text, _moved_span(term.span, delta))
    if kind is nodes.DateLit:
        return nodes.DateLit(term.raw, _moved_span(term.span, delta))
    if kind is nodes.ListTerm:
        return nodes.ListTerm(tuple(_copy_phrase(p, delta) for p in term.items), _moved_span(term.span, delta))
    if kind is nodes.Str:
        return nodes.Str(term.value, term.raw, _moved_span(term.span, delta))
    return kind(term.value, term.raw, _moved_span(term.span, delta))  # Number, Money, Percent


def _copy_phrase(phrase: nodes.Phrase, delta: int) -> nodes.Phrase:
    terms = tuple(_copy_term(t, delta) for t in phrase.terms)
    return nodes.Phrase(terms, _moved_span(phrase.span, delta), phrase.line_starts)


def _copy_block(block: nodes.Block, delta: int) -> nodes.Block:
    attributes = tuple(
        nodes.Attribute(
            a.key,
            _moved_span(a.key_span, delta),
            _copy_phrase(a.phrase, delta) if a.phrase is not None else None,
            _copy_block(a.block, delta) if a.block is not None else None,
            _moved_span(a.span, delta),
        )
        for a in block.attributes
    )
    return nodes.Block(attributes, _moved_span(block.span, delta))


def moved_copy(item, delta: int):
    """A copy of a top-level declaration or include, `delta` characters along its file."""
    if isinstance(item, nodes.Include):
        return nodes.Include(_copy_term(item.keyword, delta), _copy_term(item.path, delta), _moved_span(item.span, delta))
    return nodes.Declaration(
        _copy_term(item.kind, delta),
        _copy_term(item.name, delta),
        _copy_term(item.title, delta) if item.title is not None else None,
        _copy_block(item.block, delta),
        _moved_span(item.span, delta),
    )
