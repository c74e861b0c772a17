"""Syntax errors: from lark's exceptions to diagnostics a person can act on.

Lark reports what token it did not expect and the set of tokens it would
have accepted. That set identifies where in the grammar the parser was, so
we turn it into a sentence ("every line inside a block reads `key: value`").
Parsing goes on after an error (the bad token is skipped; at the end of the
file, unclosed brackets are closed), so every error in a file is reported.
"""

from __future__ import annotations

import re

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from govdsl.diagnostics import Diagnostic, Severity, sort_diagnostics
from govdsl.source import SourceFile, Span

MAX_SYNTAX_ERRORS = 25

_TOKEN_WORDS = {
    "KEY": "an attribute such as `chair: ann_hale`",
    "RBRACE": "`}`",
    "LBRACE": "`{`",
    "RSQB": "`]`",
    "LSQB": "`[`",
    "NAME": "a name",
    "STRING": "text in double quotes",
    "NUMBER": "a number",
    "MONEY": "an amount such as `£1.5m`",
    "PERCENT": "a percentage",
    "DATE": "a date such as `2025-04-01`",
    "COMMA": "`,`",
    "_COMMA": "`,`",
    "$END": "the end of the file",
}

_DECLARATION_START = re.compile(r"^[a-z_]+ [A-Za-z_][\w.]*( \"[^\"]*\")? *\{", re.MULTILINE)


def _describe(token: Token) -> str:
    if token.type == "$END":
        return "the end of the file"
    if token.type == "KEY":
        return f"`{token.value}`"
    return f"`{token.value}`"


class SyntaxErrorCollector:
    """Receives lark's errors during one parse, decides how to go on."""

    def __init__(self, source: SourceFile):
        self.source = source
        self._found: list[Diagnostic] = []
        self._lines_seen: set[int] = set()

    # -- lark's on_error callback ------------------------------------------------
    def on_error(self, error: UnexpectedInput) -> bool:
        if isinstance(error, UnexpectedToken) and error.token.type == "$END":
            self._report_unclosed(error)
            return self._close_open_brackets(error)
        if len(self._found) >= MAX_SYNTAX_ERRORS:
            return True  # keep parsing quietly so the file still yields its declarations
        if isinstance(error, UnexpectedCharacters):
            self._report_character(error)
        elif isinstance(error, UnexpectedToken):
            self._report_token(error)
        return True

    def give_up(self, error: Exception) -> None:
        offset = getattr(error, "pos_in_stream", None) or len(self.source.text)
        self._add(
            "SYN004",
            "govdsl could not make sense of the rest of this file",
            offset,
            offset + 1,
            "Check the brackets and quotes near this line; the file was not read past it.",
        )

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return sort_diagnostics(self._found)

    # -- reporting -------------------------------------------------------------
    def _add(self, code, message, start, end, hint=None, related=()) -> None:
        line = self.source.position(start).line
        if line in self._lines_seen and code != "SYN003":
            return  # one error per line: the rest are usually echoes of the first
        self._lines_seen.add(line)
        span = Span(self.source.path, start, max(end, start + 1) if start < len(self.source.text) else start)
        self._found.append(Diagnostic(code, Severity.ERROR, message, span, hint, tuple(related)))

    def _report_character(self, error: UnexpectedCharacters) -> None:
        offset = error.pos_in_stream
        char = self.source.text[offset]
        if char == '"':
            self._add(
                "SYN002",
                "this text in quotes is not closed on the same line",
                offset,
                self._line_end(offset),
                'Add the closing `"` before the end of the line. To put a quote inside text, write `\\"`.',
            )
            return
        if char == ":":
            self._add(
                "SYN001",
                "a colon must come straight after the name of the attribute",
                offset,
                offset + 1,
                "Remove the space before the colon, as in `quorum: 4`.",
            )
            return
        shown = char if char.isprintable() else repr(char)[1:-1]
        hint = "Names use letters, digits and underscores (`north_place`); put other text in double quotes."
        if char == "$" or char == "€":
            hint = "Amounts of money are written in pounds, such as `£250k` or `£1.5m`."
        self._add("SYN001", f"unexpected character `{shown}`", offset, offset + 1, hint)

    def _report_token(self, error: UnexpectedToken) -> None:
        token = error.token
        expected = set(error.expected) | set(getattr(error, "accepts", None) or ())
        start, end = token.start_pos, token.end_pos
        if token.type == "RBRACE" and "RSQB" in expected:
            self._add(
                "SYN003",
                "a list opened with `[` must be closed with `]` before this `}`",
                start,
                end,
                "Add `]` at the end of the list.",
            )
            return
        if token.type == "RBRACE" and "KEY" not in expected:
            self._add("SYN003", "this `}` does not close any `{`", start, end, "Remove the extra `}`.")
            return
        if "KEY" in expected and token.type == "_COMMA":
            self._add(
                "SYN003",
                "attributes are not separated by commas",
                start,
                end,
                "Put each attribute on its own line and remove the comma; commas separate the items of a `[...]` list.",
            )
            return
        if "KEY" in expected and token.type == "NAME":
            self._add(
                "SYN003",
                f"expected an attribute such as `{token.value}: ...`, found `{token.value}` without a colon",
                start,
                end,
                f"Every line inside a block reads `key: value`. Write `{token.value}:` if it is a key, "
                "or check the line above: a value may have run on.",
            )
            return
        if expected <= {"NAME"} and not self._inside_block(start):
            self._add(
                "SYN003",
                f"expected a declaration, found {_describe(token)}",
                start,
                end,
                'A file is made of declarations such as `committee audit "Audit Committee" { ... }` '
                'and includes such as `include "shared.gov"`.',
            )
            return
        if expected <= {"STRING", "LBRACE"}:
            self._add(
                "SYN003",
                f"expected the declaration's title in quotes or `{{`, found {_describe(token)}",
                start,
                end,
                'A declaration reads `kind name "Title" { ... }`, such as `committee audit "Audit Committee" { ... }`.',
            )
            return
        words = sorted({_TOKEN_WORDS.get(t, t) for t in expected})
        self._add(
            "SYN003",
            f"unexpected {_describe(token)}; expected {_join(words)}",
            start,
            end,
            "Check the punctuation on this line.",
        )

    def _report_unclosed(self, error: UnexpectedToken) -> None:
        opened = self._open_brackets()
        if not opened:
            end = len(self.source.text)
            self._add(
                "SYN004",
                "the file ends in the middle of an attribute",
                max(end - 1, 0),
                end,
                "Finish the last line: an attribute reads `key: value`.",
            )
            return
        offset, bracket = opened[-1]
        closer = "}" if bracket == "{" else "]"
        line = self.source.position(offset).line
        hint = f"Add `{closer}` where the {'block' if bracket == '{' else 'list'} ends."
        later = [m for m in _DECLARATION_START.finditer(self.source.text, offset + 1)]
        if bracket == "{" and later:
            next_line = self.source.position(later[0].start()).line
            hint = f"Add `{closer}` before line {next_line}, where the next declaration starts."
        owner = self.source.line_text(line).strip()
        owner = owner[:60] + ("..." if len(owner) > 60 else "")
        self._add(
            "SYN004",
            f"`{bracket}` opened on line {line} is never closed (`{owner}`)",
            offset,
            offset + 1,
            hint,
        )

    # -- recovery helpers -------------------------------------------------------
    @staticmethod
    def _close_open_brackets(error: UnexpectedToken) -> bool:
        parser = error.interactive_parser
        for _ in range(10_000):
            accepts = parser.accepts()
            if "$END" in accepts:
                return True
            for closer, text in (("RSQB", "]"), ("RBRACE", "}"), ("NAME", "")):
                if closer in accepts:
                    parser.feed_token(Token(closer, text, error.token.start_pos, end_pos=error.token.start_pos))
                    break
            else:
                return False
        return False

    def _open_brackets(self) -> list[tuple[int, str]]:
        """Brackets still open at the end of the text, outside strings and comments."""
        text = self.source.text
        stack: list[tuple[int, str]] = []
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "#":
                nl = text.find("\n", i)
                i = n if nl == -1 else nl
                continue
            if ch == '"':
                j = i + 1
                while j < n and text[j] not in '"\n':
                    j += 2 if text[j] == "\\" else 1
                i = j + 1
                continue
            if ch in "{[":
                stack.append((i, ch))
            elif ch in "}]" and stack and stack[-1][1] == ("{" if ch == "}" else "["):
                stack.pop()  # a closer that does not match is skipped, as the parser skips it
            i += 1
        return stack

    def _inside_block(self, offset: int) -> bool:
        depth = 0
        for ch in self.source.text[:offset]:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth = max(0, depth - 1)
        return depth > 0

    def _line_end(self, offset: int) -> int:
        nl = self.source.text.find("\n", offset)
        return len(self.source.text) if nl == -1 else nl


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]
