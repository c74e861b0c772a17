"""The syntax tree of a `.gov` file.

These nodes mirror the grammar one to one (rule `declaration` builds
`Declaration`) and keep every span, so that the formatter can reprint a file
and the resolver can point at the exact word a mistake is in. They know
nothing about governance: that is the model's job. The parser gives every node
a `MovableSpan`, which the language server's parse cache may move after an
edit (see `MovableSpan`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Union

import attrs

from govdsl.source import Span


@attrs.frozen(eq=False)
class MovableSpan(Span):
    """The span of a node the parser made: a `Span` that the node's owner may move.

    This is the one exception to "spans never change". After an edit, the
    language server's `ParseCache` (syntax/incremental.py) keeps the
    declarations that follow the edit and moves them along the file by the
    change in length, span by span, instead of building every node again
    (measured on a 10,000-line file: about 4 ms against 25 ms, and no garbage
    for the collector, inside a re-check of about 60 ms). So a document, and a
    model compiled from it, is good only until the next parse of the same file
    by the same cache; and a `MovableSpan` is never a key of a dict or a member
    of a set that outlives one compile.

    To everything else it is an ordinary frozen `Span`: its fields cannot be
    set, and it equals a `Span` of the same stretch. Only `shift` moves it.
    """

    def shift(self, delta: int) -> None:
        """Move the span `delta` characters along its file, in place (for `ParseCache` only)."""
        _set_start(self, self.start + delta)
        _set_end(self, self.end + delta)


# The slots' own setters, which the frozen class's `__setattr__` refuses to call.
_set_start = Span.start.__set__
_set_end = Span.end.__set__


@attrs.frozen
class Word:
    """A bare name: `ann_hale`, `chair`, `commissioning.community_services`."""

    text: str
    span: Span


@attrs.frozen
class Str:
    """A string in double quotes; `value` has its escapes undone."""

    value: str
    raw: str
    span: Span


@attrs.frozen
class Number:
    """`42`, `1_020_000`, `330k`, `1.02m`; `value` is the number meant."""

    value: Decimal
    raw: str
    span: Span


@attrs.frozen
class Money:
    """`£1.5m`, `£250k`, `£1,200,000`; `value` is in pounds."""

    value: Decimal
    raw: str
    span: Span


@attrs.frozen
class Percent:
    value: Decimal
    raw: str
    span: Span


@attrs.frozen
class DateLit:
    """`2025-04-01`, kept as written; the resolver checks it is a real date."""

    raw: str
    span: Span


@attrs.frozen
class ListTerm:
    """`[a, b, c]`: each item is a phrase of one or more terms."""

    items: tuple["Phrase", ...]
    span: Span


Term = Union[Word, Str, Number, Money, Percent, DateLit, ListTerm]


@attrs.frozen
class Phrase:
    """The terms after a key: `ann_hale as chair from 2022-07-01`.

    A value may run on to the next line; `line_starts` holds the indices of the
    terms that begin a new line, so that the resolver can tell a long value from
    a following attribute written without its colon (`population 300k`).
    """

    terms: tuple[Term, ...]
    span: Span
    line_starts: tuple[int, ...] = ()


@attrs.frozen
class Attribute:
    """`key: phrase { block }`; either the phrase or the block may be absent."""

    key: str
    key_span: Span
    phrase: Phrase | None
    block: "Block | None"
    span: Span


@attrs.frozen
class Block:
    attributes: tuple[Attribute, ...]
    span: Span


@attrs.frozen
class Declaration:
    """`committee audit "Audit Committee" { ... }`."""

    kind: Word
    name: Word
    title: Str | None
    block: Block
    span: Span


@attrs.frozen
class Include:
    """`include "shared/national.gov"`."""

    keyword: Word
    path: Str
    span: Span


@attrs.frozen
class Comment:
    """A `#` comment, kept for the formatter and for suppressions."""

    text: str
    span: Span


@attrs.frozen
class Document:
    """One parsed file.

    `unreliable` holds the stretches of the file that the parser had to guess at
    after a syntax error: a placeholder for a value that was left out (`kind:` with
    nothing after it, a zero-width span), or everything after a bracket left open
    at the end of the file. The syntax error is reported; the resolver reports
    nothing that touches these stretches, because their meaning is unknown.
    """

    path: str
    items: tuple[Union[Include, Declaration], ...]
    comments: tuple[Comment, ...]
    span: Span
    unreliable: tuple[Span, ...] = ()
