"""Source files and spans.

Everything inside govdsl speaks in character offsets (`Span.start`, `Span.end`);
only the edges (terminal output, JSON, the language server) turn them into
lines and columns, through `SourceFile.position`.
"""

from __future__ import annotations

import bisect
from functools import cached_property

import attrs


@attrs.frozen(eq=False)
class Span:
    """A half-open range of characters `[start, end)` in one file.

    Two spans are equal when they cover the same characters of the same file,
    whatever their class: the spans in a syntax tree are `MovableSpan`s
    (syntax/nodes.py), and one of those equals a `Span` made elsewhere for the
    same stretch.
    """

    file: str
    start: int
    end: int

    def __eq__(self, other):
        if not isinstance(other, Span):
            return NotImplemented
        return self.start == other.start and self.end == other.end and self.file == other.file

    def __ne__(self, other):
        if not isinstance(other, Span):
            return NotImplemented
        return not (self.start == other.start and self.end == other.end and self.file == other.file)

    def __hash__(self):
        return hash((self.file, self.start, self.end))

    def cover(self, other: "Span") -> "Span":
        """The smallest span containing both (same file)."""
        return Span(self.file, min(self.start, other.start), max(self.end, other.end))


@attrs.frozen
class Position:
    """A 1-based line and column, as people count them."""

    line: int
    column: int


@attrs.define(eq=False)
class SourceFile:
    """The text of one `.gov` file, with a line index built on first use."""

    path: str
    text: str

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line + 1, offset - self._line_starts[line] + 1)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        starts = self._line_starts
        if line < 1 or line > len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column (clamped to the text)."""
        starts = self._line_starts
        line = max(1, min(line, len(starts)))
        return min(starts[line - 1] + max(column, 1) - 1, len(self.text))
