"""Offsets to LSP positions and back: 0-based lines, UTF-16 code units.

With cli/output.py, the only place that turns offsets into lines and columns.
"""

from __future__ import annotations

from govdsl.source import SourceFile


def _utf16_length(text: str) -> int:
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def to_position(source: SourceFile, offset: int) -> tuple[int, int]:
    position = source.position(offset)
    line_text = source.line_text(position.line)
    return position.line - 1, _utf16_length(line_text[: position.column - 1])


def to_offset(source: SourceFile, line: int, character: int) -> int:
    """The offset of an LSP position (clamped to the line)."""
    text = source.line_text(line + 1)
    units = 0
    column = 0
    for ch in text:
        if units >= character:
            break
        units += 2 if ord(ch) > 0xFFFF else 1
        column += 1
    return source.offset(line + 1, column + 1)
