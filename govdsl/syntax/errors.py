"""Syntax errors: from lark's exceptions to diagnostics a person can act on.

Lark reports what token it did not expect and the set of tokens it would
have accepted. That set identifies where in the grammar the parser was, so
we turn it into a sentence ("every line inside a block reads `key: value`").
Parsing goes on after an error, so every error in a file is reported, and
the recovery aims at one clear error per mistake:

- one error per line: the words after a mistake on the same line are
  usually echoes of it, and are not reported (an extra `}` and a block left
  open at the end of the file are separate mistakes, and always reported);
- a mistake whose intent is plain is read as intended, so that the lines
  after it, and the resolver, see what the author meant: `kind icb` and
  `kind : icb` are read as `kind: icb`, text with a missing closing quote
  or in curly quotes as text up to the end of the line (or the closing
  curly quote), a title without quotes as a title, and a `[` list left open
  before `}` is closed there;
- where the parser has to guess, it records the stretch of text it guessed
  at (`unreliable`): a placeholder for a missing value (`kind:` with nothing
  after it), or everything after a bracket left open at the end of the
  file. The resolver reports nothing inside those stretches, because their
  meaning is unknown (see `Document.unreliable`).
"""

from __future__ import annotations

import re

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from govdsl.diagnostics import Diagnostic, Fix, Severity, did_you_mean, sort_diagnostics
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

# Quotation marks a word processor puts in place of `"`.
_CURLY_QUOTES = "\u201c\u201d\u201e\u201f\u2033"

# What may start the value of an attribute (for `kind icb`, read as `kind: icb`).
_VALUE_START = re.compile(r'[A-Za-z0-9_"£\[{' + _CURLY_QUOTES + "]")

_INCLUDE_WORDS = ("include", "import")

# An amount written with another currency's sign: `$18m`, `€1,200,000`.
_OTHER_CURRENCY = re.compile(r"[$€]((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:bn|[kmb])?)(?![A-Za-z0-9_.\-])")

# A word that starts with a digit: what the lexer could not read as a number.
_GLUED_WORD = re.compile(r"[A-Za-z0-9_.\-]*")


def _describe(token: Token) -> str:
    if token.type == "$END":
        return "the end of the file"
    return f"`{token.value}`"


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


class SyntaxErrorCollector:
    """Receives lark's errors during one parse, decides how to go on."""

    def __init__(self, source: SourceFile, lines_before: int = 0):
        self.source = source
        # Lines of the file before `source`, when it is a stretch of a file: added to the
        # line numbers that messages quote.
        self.lines_before = lines_before
        self._found: list[Diagnostic] = []
        self._lines_seen: set[int] = set()
        self._end_reported = False
        # Whether parsing reached the end of the text with something unfinished, or gave up.
        self.reached_end = False
        # Stretches of text the parser guessed at; see the module docstring.
        self.unreliable: list[Span] = []

    # -- lark's on_error callback ------------------------------------------------
    def on_error(self, error: UnexpectedInput) -> bool:
        if isinstance(error, UnexpectedToken) and error.token.type == "$END":
            return self._at_end(error)
        if isinstance(error, UnexpectedCharacters):
            self._on_character(error)
        elif isinstance(error, UnexpectedToken):
            self._on_token(error)
        return True

    def give_up(self, error: Exception) -> None:
        self.reached_end = True
        if self._end_reported:
            return  # the end of the file was already explained
        offset = getattr(error, "pos_in_stream", None) or len(self.source.text)
        self._add(
            "SYN004",
            "govdsl could not make sense of the rest of this file",
            offset,
            offset + 1,
            "Check the brackets and quotes near this line; the file was not read past it.",
            always=True,
        )
        self.unreliable.append(Span(self.source.path, offset, len(self.source.text)))

    def unknown_include_word(self, keyword: str, path_raw: str, start: int, end: int) -> None:
        """`inclde "shared.gov"`: a word and text in quotes at the top level, read as an include."""
        close = did_you_mean(keyword, _INCLUDE_WORDS)
        fix = Fix.replace(Span(self.source.path, start, start + len(keyword)), "include") if close else None
        self._add(
            "SYN003",
            f"expected a declaration, found `{keyword} {path_raw}`",
            start,
            end,
            "Did you mean `include`?"
            if close
            else 'A file is made of declarations and includes such as `include "shared.gov"`.',
            fix=fix,
        )

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return sort_diagnostics(self._found)

    # -- reporting -------------------------------------------------------------
    def _add(self, code, message, start, end, hint=None, related=(), always=False, fix=None) -> None:
        """Report one error, unless its line already has one (`always`: report anyway)."""
        if len(self._found) >= MAX_SYNTAX_ERRORS:
            return  # parsing goes on quietly, so the file still yields its declarations
        line = self.source.position(start).line
        if line in self._lines_seen and not always:
            return  # one error per line: the rest are usually echoes of the first
        self._lines_seen.add(line)
        span = Span(self.source.path, start, max(end, start + 1) if start < len(self.source.text) else start)
        self._found.append(Diagnostic(code, Severity.ERROR, message, span, hint, tuple(related), fix=fix))

    # -- characters the lexer cannot read ---------------------------------------------
    def _on_character(self, error: UnexpectedCharacters) -> None:
        offset = error.pos_in_stream
        text = self.source.text
        char = text[offset]
        if char == '"':
            curly = self._find_curly(offset + 1)
            if curly is not None:  # `"Audit Committee”`: opened straight, closed curly
                self._report_curly(curly)
                self._read_as_text(error, offset, curly + 1)
                return
            self._add(
                "SYN002",
                "this text in quotes is not closed on the same line",
                offset,
                self._line_end(offset),
                'Add the closing `"` before the end of the line. To put a quote inside text, write `\\"`.',
            )
            self._read_as_text(error, offset, self._text_end(offset + 1))
            return
        if char in _CURLY_QUOTES:
            self._report_curly(offset)
            closing = self._find_quote(offset + 1)
            self._read_as_text(error, offset, closing + 1 if closing is not None else self._text_end(offset + 1))
            return
        if char == ":":
            self._on_colon(error, offset)
            return
        if char.isdigit():
            self._on_glued_number(error, offset)
            return
        if char in "$€" and self._on_other_currency(error, offset):
            return
        shown = char if char.isprintable() else repr(char)[1:-1]
        hint = "Names use letters, digits and underscores (`north_place`); put other text in double quotes."
        if char == "$" or char == "€":
            hint = "Amounts of money are written in pounds, such as `£250k` or `£1.5m`."
        self._add("SYN001", f"unexpected character `{shown}`", offset, offset + 1, hint)

    def _on_other_currency(self, error: UnexpectedCharacters, offset: int) -> bool:
        """`$18m` or `€250k`: one error over the amount, which is read as pounds."""
        match = _OTHER_CURRENCY.match(self.source.text, offset)
        if match is None:
            return False
        written, pounds = match.group(0), "£" + match.group(1)
        self._add(
            "SYN001",
            f"amounts of money are written in pounds: `{written}` should be `{pounds}`",
            offset,
            match.end(),
            "NHS budgets and delegated limits are in pounds sterling. Write the amount with `£`, "
            "such as `£250k` or `£1.5m`.",
        )
        parser = error.interactive_parser
        if "MONEY" in parser.accepts():
            parser.feed_token(Token("MONEY", pounds, start_pos=offset, end_pos=match.end()))
        self._advance(error, match.end())
        return True

    def _on_glued_number(self, error: UnexpectedCharacters, offset: int) -> None:
        """`330kg`, `12abc`, `1_000_`: digits run into letters, so no number can be read.

        One error over the whole word, and a placeholder in its place, so that
        neither its letters nor the value left missing give a second error.
        """
        end = _GLUED_WORD.match(self.source.text, offset).end()
        word = self.source.text[offset:end]
        self._add(
            "SYN001",
            f"`{word}` is neither a number nor a name",
            offset,
            end,
            "Write a number as digits, with `k` or `m` for thousands or millions (`330k`, `1.5m`); "
            "a name starts with a letter; put any other text in double quotes.",
        )
        parser = error.interactive_parser
        if "NUMBER" in parser.accepts():  # where a value is read (not at the top level)
            parser.feed_token(Token("NAME", "", start_pos=offset, end_pos=offset))
            self.unreliable.append(Span(self.source.path, offset, end))
        self._advance(error, end)

    def _report_curly(self, offset: int) -> None:
        char = self.source.text[offset]
        self._add(
            "SYN001",
            f"text must be in straight double quotes (`\"`), not curly quotes (`{char}`)",
            offset,
            offset + 1,
            'Replace the curly quotes `“` and `”` with straight ones: `"`. Word processors put curly '
            "quotes in as you type; a plain-text editor does not.",
        )

    def _report_spaced_colon(self, offset: int) -> None:
        self._add(
            "SYN001",
            "a colon must come straight after the name of the attribute",
            offset,
            offset + 1,
            "Remove the space before the colon, as in `quorum: 4`.",
        )

    def _on_colon(self, error: UnexpectedCharacters, offset: int) -> None:
        """A colon the lexer could not attach to a key.

        `parent : x` (a space before the colon), or `sector:` with nothing after it
        and `kind: icb` on the next line: in both, the name before the colon was read
        as a value and is read again as the key it is.
        """
        text = self.source.text
        before = offset
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        spaced = before < offset
        parser = error.interactive_parser
        state = parser.parser_state
        last = state.value_stack[-1] if state.value_stack else None
        if not (isinstance(last, Token) and last.type == "NAME" and last.end_pos == before):
            if spaced:
                self._report_spaced_colon(offset)
            else:
                self._add(
                    "SYN001",
                    "unexpected character `:`",
                    offset,
                    offset + 1,
                    "A colon ends the name of an attribute, as in `quorum: 4`; put each attribute's value after its own colon.",
                )
            self._advance(error, offset + 1)
            return
        saved = (list(state.state_stack), list(state.value_stack))
        state.state_stack.pop()  # undo reading the name as a value
        state.value_stack.pop()
        previous = state.value_stack[-1] if state.value_stack else None
        if isinstance(previous, Token) and previous.type == "KEY":
            key = previous.value[:-1]
            self._add(
                "SYN003",
                f"`{key}:` has no value",
                previous.start_pos,
                previous.end_pos,
                f"Write the value after the colon, as in `{key}: ...`, or remove the line.",
            )
            self._feed_placeholder(parser, last.start_pos)
        if spaced:
            self._report_spaced_colon(offset)
        key = Token("KEY", last.value + ":", start_pos=last.start_pos, end_pos=last.end_pos + 1)
        if "KEY" not in parser.accepts() and "RSQB" in parser.accepts():
            self._close_list_before(parser, key)  # `[a, b` and then `kind: icb`
        elif "KEY" in parser.accepts():
            parser.feed_token(key)
        else:
            state.state_stack[:], state.value_stack[:] = saved
            if not spaced:
                self._add("SYN001", "unexpected character `:`", offset, offset + 1)
        self._advance(error, offset + 1)

    def _read_as_text(self, error: UnexpectedInput, start: int, end: int) -> None:
        """Read `text[start:end]` as text in quotes where the parser can take text; skip it otherwise."""
        raw = self.source.text[start:end]
        body = raw[1:]
        if body and (body[-1] == '"' or body[-1] in _CURLY_QUOTES):
            body = body[:-1]
        body = body.replace("\\", "\\\\").replace('"', '\\"')
        parser = error.interactive_parser
        if "STRING" in parser.accepts():
            parser.feed_token(Token("STRING", f'"{body}"', start_pos=start, end_pos=end))
        self._advance(error, end)

    # -- tokens in the wrong place ---------------------------------------------------------
    def _on_token(self, error: UnexpectedToken) -> None:
        token = error.token
        parser = error.interactive_parser
        expected = set(error.expected) | set(getattr(error, "accepts", None) or ())
        start, end = token.start_pos, token.end_pos
        stack = parser.parser_state.value_stack
        last = stack[-1] if stack else None

        if isinstance(last, Token) and last.type == "KEY" and token.type in ("RBRACE", "KEY"):
            # `kind:` with nothing after it, then `}` or the next attribute
            key = last.value[:-1]
            self._add(
                "SYN003",
                f"`{key}:` has no value",
                last.start_pos,
                last.end_pos,
                f"Write the value after the colon, as in `{key}: ...`, or remove the line.",
            )
            self._feed_placeholder(parser, start)
            self._feed_if_accepted(parser, token)
            return
        if token.type in ("RBRACE", "KEY") and "RSQB" in expected:
            self._close_list_before(parser, token)
            return
        if token.type == "RBRACE" and "KEY" not in expected:
            self._add("SYN003", "this `}` does not close any `{`", start, end, "Remove the extra `}`.", always=True)
            return
        if "KEY" in expected and token.type == "_COMMA":
            if self._is_digit(start - 1) and self._is_digit(start + 1):
                self._report_number_comma(error, start)
                return
            self._add(
                "SYN003",
                "attributes are not separated by commas",
                start,
                end,
                "Put each attribute on its own line and remove the comma; commas separate the items of a `[...]` list.",
            )
            return
        if "KEY" in expected and token.type == "NAME":
            self._missing_colon(error, token)
            return
        if expected <= {"NAME"} and not any(isinstance(v, Token) and v.type == "LBRACE" for v in stack):
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
            self._bad_header(error, token)
            return
        words = sorted({_TOKEN_WORDS.get(t, t) for t in expected})
        self._add(
            "SYN003",
            f"unexpected {_describe(token)}; expected {_join(words)}",
            start,
            end,
            "Check the punctuation on this line.",
        )

    def _missing_colon(self, error: UnexpectedToken, token: Token) -> None:
        """A name where an attribute is expected: `kind icb`, `kind : icb`, or a stray word."""
        name, start, end = token.value, token.start_pos, token.end_pos
        rest_at = self._skip_spaces(end)
        rest = self._rest_of_line(rest_at)
        if rest.startswith(":"):  # `kind : icb`
            self._report_spaced_colon(rest_at)
            self._feed_key(error, token)
            self._advance(error, rest_at + 1)
            return
        if rest and _VALUE_START.match(rest):  # `kind icb`
            self._add(
                "SYN003",
                f"`{name}` needs a colon after it",
                start,
                end,
                f"Write `{name}: {_shorten(rest)}`: every line inside a block reads `key: value`.",
            )
            self._feed_key(error, token)
            return
        self._add(
            "SYN003",
            f"expected an attribute such as `{name}: ...`, found `{name}` without a colon",
            start,
            end,
            f"Every line inside a block reads `key: value`. Write `{name}:` if it is a key, "
            "or check the line above: a value may have run on.",
        )

    def _bad_header(self, error: UnexpectedToken, token: Token) -> None:
        """Something other than a title or `{` after `kind name`.

        Either a title without quotes (`committee audit Audit Committee {`), or the
        words read as `kind name` were a stray line (`stray words here`, or a lone
        word on the line above a declaration, which takes the declaration's kind as
        its name). A stray line is one error, and the parser is put back to where
        it was before it, so the declaration after it is read as written.
        """
        parser = error.interactive_parser
        state = parser.parser_state
        header = []
        for value in reversed(state.value_stack):
            if not (isinstance(value, Token) and value.type == "NAME") or len(header) == 2:
                break
            header.insert(0, value)
        line = self.source.position(token.start_pos).line
        on_line = [t for t in header if self.source.position(t.start_pos).line == line]
        stray = [t for t in header if t not in on_line]
        if not stray and "{" in self.source.text[token.start_pos : self._line_end(token.start_pos)]:
            self._title_without_quotes(error, token)
            return
        whole_line = not stray  # `stray words here`: the token is part of the stray line
        if whole_line:
            stray, on_line = header, []
            stray_end = self._line_end(token.start_pos)
        else:
            stray_end = self._line_end(stray[-1].start_pos)
        del state.value_stack[len(state.value_stack) - len(header) :]
        del state.state_stack[len(state.state_stack) - len(header) :]
        begin = stray[0].start_pos
        self._add(
            "SYN003",
            f"expected a declaration, found `{_shorten(self.source.text[begin:stray_end])}`",
            begin,
            stray_end,
            'A file is made of declarations such as `committee audit "Audit Committee" { ... }` '
            'and includes such as `include "shared.gov"`. Remove this line, or finish it as a declaration.',
            always=True,
        )
        if whole_line:
            self._advance(error, stray_end)
        else:  # the declaration that follows the stray line starts again
            for t in [*on_line, token]:
                self._feed_if_accepted(parser, t)

    def _title_without_quotes(self, error: UnexpectedToken, token: Token) -> None:
        start, end = token.start_pos, token.end_pos
        line_end = self._line_end(start)
        line = self.source.text[start:line_end]
        brace = line.find("{")
        if token.type == "NAME" and brace > 0 and "STRING" in error.interactive_parser.accepts():
            # `organisation a Northmoor ICB {`: read the words before `{` as the title
            words = line[:brace].rstrip()
            self._add(
                "SYN003",
                "the title of a declaration must be in double quotes",
                start,
                start + len(words),
                f'Write it as `"{_shorten(words)}"`, as in `committee audit "Audit Committee" {{ ... }}`.',
            )
            stop = start + len(words)
            error.interactive_parser.feed_token(Token("STRING", '"' + words.replace('"', '\\"') + '"', start_pos=start, end_pos=stop))
            self._advance(error, stop)
            return
        self._add(
            "SYN003",
            f"expected the declaration's title in quotes or `{{`, found {_describe(token)}",
            start,
            end,
            'A declaration reads `kind name "Title" { ... }`, such as `committee audit "Audit Committee" { ... }`.',
        )

    def _report_number_comma(self, error: UnexpectedToken, comma: int) -> None:
        text = self.source.text
        begin = comma
        while begin > 0 and (text[begin - 1].isdigit() or text[begin - 1] in ",_."):
            begin -= 1
        stop = comma
        while stop < len(text) and (text[stop].isdigit() or text[stop] in ",_."):
            stop += 1
        self._add(
            "SYN003",
            f"`{text[begin:stop]}` is not a number: commas must group the digits in threes",
            begin,
            stop,
            "Write the number with a comma every three digits from the right, as in `1,020,000`, "
            "or without commas: `1020000`, `1_020_000` or `1.02m`.",
        )
        self.unreliable.append(Span(self.source.path, begin, stop))
        self._advance(error, stop)

    def _close_list_before(self, parser, token: Token) -> None:
        """`[a, b` then `}` or the next attribute: close the list there and go on."""
        opened = [t for t in parser.parser_state.value_stack if isinstance(t, Token) and t.type == "LSQB"]
        line = self.source.position(opened[-1].start_pos).line + self.lines_before if opened else None
        where = f" on line {line}" if line else ""
        self._add(
            "SYN003",
            f"the list opened with `[`{where} is not closed before {_describe(token)}",
            token.start_pos,
            token.end_pos,
            "Add `]` at the end of the list.",
        )
        for _ in range(len(opened) or 1):
            if "RSQB" not in parser.accepts():
                break
            parser.feed_token(Token("RSQB", "]", start_pos=token.start_pos, end_pos=token.start_pos))
        self._feed_if_accepted(parser, token)

    # -- the end of the file ----------------------------------------------------------------
    def _at_end(self, error: UnexpectedToken) -> bool:
        self.reached_end = True
        if self._end_reported:
            return False
        self._end_reported = True
        parser = error.interactive_parser
        stack = parser.parser_state.value_stack
        opened = [t for t in stack if isinstance(t, Token) and t.type in ("LBRACE", "LSQB")]
        if opened:
            self._report_unclosed(opened[-1])
            self.unreliable.append(Span(self.source.path, opened[-1].start_pos, len(self.source.text)))
            return self._close_open_brackets(error)
        self._report_incomplete_item(error, stack)
        return False  # the parse stops; the declarations before the incomplete one are kept

    def _report_incomplete_item(self, error: UnexpectedToken, stack: list) -> None:
        tokens = [t for t in stack if isinstance(t, Token)]
        at = error.token.start_pos if error.token.start_pos is not None else max(len(self.source.text) - 1, 0)
        first = tokens[0] if tokens else None
        if first is not None and first.value in _INCLUDE_WORDS and len(tokens) == 1:
            self._add(
                "SYN004",
                f"the file ends after `{first.value}`, before the name of the file to include",
                at,
                at + 1,
                'An include reads `include "shared/national.gov"`.',
                always=True,
            )
            return
        shown = _shorten(self.source.text[first.start_pos :]) if first is not None else ""
        self._add(
            "SYN004",
            f"the declaration `{shown}` at the end of the file is incomplete",
            at,
            at + 1,
            'A declaration reads `kind name "Title" { ... }`, such as `committee audit "Audit Committee" { ... }`. '
            "Finish it with its `{ ... }` block, or remove it.",
            always=True,
        )

    def _report_unclosed(self, bracket: Token) -> None:
        offset = bracket.start_pos
        closer = "}" if bracket.type == "LBRACE" else "]"
        line = self.source.position(offset).line
        hint = f"Add `{closer}` where the {'block' if closer == '}' else 'list'} ends."
        later = [m for m in _DECLARATION_START.finditer(self.source.text, offset + 1)]
        if closer == "}" and later:
            next_line = self.source.position(later[0].start()).line + self.lines_before
            hint = f"Add `{closer}` before line {next_line}, where the next declaration starts."
        owner = self.source.line_text(line).strip()
        owner = owner[:60] + ("..." if len(owner) > 60 else "")
        self._add(
            "SYN004",
            f"`{bracket.value}` opened on line {line + self.lines_before} is never closed (`{owner}`)",
            offset,
            offset + 1,
            hint + " Other problems after it in this file are reported once it is closed.",
            always=True,
        )

    # -- recovery helpers -------------------------------------------------------
    def _close_open_brackets(self, error: UnexpectedToken) -> bool:
        parser = error.interactive_parser
        at = len(self.source.text)
        for _ in range(10_000):
            accepts = parser.accepts()
            if "$END" in accepts:
                return True
            for closer, text in (("RSQB", "]"), ("RBRACE", "}"), ("NAME", "")):
                if closer in accepts:
                    parser.feed_token(Token(closer, text, start_pos=at, end_pos=at))
                    break
            else:
                return False
        return False

    def _feed_placeholder(self, parser, at: int) -> None:
        """A value the author left out, so the attribute can be read; its meaning is unknown."""
        if "NAME" in parser.accepts():
            parser.feed_token(Token("NAME", "", start_pos=at, end_pos=at))
            self.unreliable.append(Span(self.source.path, at, at))

    @staticmethod
    def _feed_if_accepted(parser, token: Token) -> None:
        if token.type in parser.accepts():
            parser.feed_token(token)

    @staticmethod
    def _feed_key(error: UnexpectedToken, token: Token) -> None:
        parser = error.interactive_parser
        if "KEY" in parser.accepts():
            key = Token("KEY", token.value + ":", start_pos=token.start_pos, end_pos=token.end_pos + 1)
            parser.feed_token(key)

    def _advance(self, error: UnexpectedInput, offset: int) -> None:
        """Move the lexer forward to `offset`: the text before it has been dealt with."""
        state = error.interactive_parser.lexer_thread.state
        position = state.line_ctr.char_pos
        if offset > position:
            state.line_ctr.feed(self.source.text[position:offset])

    def _is_digit(self, offset: int) -> bool:
        return 0 <= offset < len(self.source.text) and self.source.text[offset].isdigit()

    def _skip_spaces(self, offset: int) -> int:
        text = self.source.text
        while offset < len(text) and text[offset] in " \t":
            offset += 1
        return offset

    def _rest_of_line(self, offset: int) -> str:
        """The rest of the line from `offset`, without a comment."""
        rest = self.source.text[offset : self._line_end(offset)]
        return rest.split("#", 1)[0].strip() if not rest.startswith('"') else rest.strip()

    def _find_curly(self, offset: int) -> int | None:
        end = self._line_end(offset)
        for i in range(offset, end):
            if self.source.text[i] in _CURLY_QUOTES:
                return i
        return None

    def _find_quote(self, offset: int) -> int | None:
        end = self._line_end(offset)
        for i in range(offset, end):
            if self.source.text[i] == '"' or self.source.text[i] in _CURLY_QUOTES:
                return i
        return None

    def _text_end(self, offset: int) -> int:
        """Where text with no closing quote ends: the end of the line, less a final `{` or `}`."""
        end = self._line_end(offset)
        line = self.source.text[offset:end].rstrip()
        if line.endswith(("{", "}")):
            line = line[:-1].rstrip()
        return offset + len(line)

    def _line_end(self, offset: int) -> int:
        nl = self.source.text.find("\n", offset)
        end = len(self.source.text) if nl == -1 else nl
        if end > offset and self.source.text[end - 1] == "\r":
            end -= 1
        return end


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]
