"""Diagnostics: every problem govdsl finds, in one shape.

A diagnostic has a stable code (`REF001`), a severity, a message written for a
board secretary, the span it is about, related spans ("declared here") and a
hint saying how to fix it. It also carries, as data, what the text says: its
subjects (the entities it is about, each with its role) and, where the mend is
mechanical, a fix (text edits, or an attribute to add to a declaration), so
that the handbook, the language server and tools never read the message.
Stages collect diagnostics; they never raise for a mistake in the user's files.
"""

from __future__ import annotations

import enum

import attrs

from govdsl.source import Span


class Severity(enum.IntEnum):
    """How serious a finding is; the order is the order of `--fail-on`."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.upper()]


@attrs.frozen
class Related:
    """Another place the reader needs to see, with a note ("declared here")."""

    span: Span
    message: str


@attrs.frozen
class Subject:
    """An entity a diagnostic is about: its id, and its role (what kind of thing it is).

    Roles are `tier`, `organisation`, `person`, `forum`, `function`,
    `delegation`, `pooled_fund` and `decision` for declared entities, and
    `undeclared` for a name that is used but declared nowhere (REF001).
    """

    id: str
    role: str


@attrs.frozen
class Edit:
    """Replace the text of `span` with `text` (an empty span inserts)."""

    span: Span
    text: str


@attrs.frozen
class Fix:
    """A mechanical mend, for editors and tools: text edits, or an attribute to add.

    `add_attribute` is (entity id, attribute line), such as
    `("lena_frost", "no_interests: 2026-04-01")`: the line belongs at the end
    of that entity's declaration block, wherever it is written.
    """

    title: str
    edits: tuple[Edit, ...] = ()
    add_attribute: tuple[str, str] | None = None

    @classmethod
    def replace(cls, span: Span, text: str) -> "Fix":
        """Replace a misspelt word with the word meant (did-you-mean)."""
        return cls(f"Change to `{text}`", (Edit(span, text),))


@attrs.frozen
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span | None
    hint: str | None = None
    related: tuple[Related, ...] = ()
    rule: str | None = None  # the rule's kebab-case name, for governance rules
    subjects: tuple[Subject, ...] = ()  # the entities it is about, most important first
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        if self.span is None:
            return ("", -1, -1, self.code, self.message)
        return (self.span.file, self.span.start, self.span.end, self.code, self.message)


def sort_diagnostics(diagnostics) -> tuple[Diagnostic, ...]:
    """Sorted and de-duplicated, so output is the same on every run."""
    unique = {}
    for d in diagnostics:
        unique.setdefault((d.sort_key(), d.severity, d.hint), d)
    return tuple(sorted(unique.values(), key=Diagnostic.sort_key))


def did_you_mean(name: str, candidates, *, cutoff: float = 0.72) -> str | None:
    """The closest candidate to a misspelt name, if one is close enough."""
    import difflib

    matches = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=cutoff)
    if matches:
        return matches[0]
    lowered = {c.lower(): c for c in candidates}
    return lowered.get(name.lower())
