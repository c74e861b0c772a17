"""Research lenses: questions about the governance that a rule list cannot answer.

A lens reads a resolved `Model` and returns a `LensReport`: a title, a few
summary lines, and sections, each with an optional table and findings. The
renderers in `govdsl.lenses.report` show any report as text, JSON or HTML,
so a lens only decides what to say, never how it looks.

Each lens is a module exposing

    assess(model: Model, focus: str | None = None) -> LensReport

and is named in `LENSES`. Lenses are imported only when asked for, so a
missing or broken lens cannot stop the others (or the rest of govdsl) from
working; `get_lens` turns a missing module into a `LensUnavailable` with a
message a user can act on.

    >>> from govdsl import load
    >>> from govdsl.lenses import assess
    >>> report = assess(load(["examples/riverbank"]).model, "power")

A lens should raise `FocusError` when `focus` names something it cannot
focus on (a power lens can focus on a forum, but not on a function).
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Union

import attrs

SEVERITIES = ("info", "warning")

# A table cell: text, a count, a share or an index (shown as a decimal), or nothing.
Cell = Union[str, int, Decimal, None]


@attrs.frozen
class LensFinding:
    """Something a lens wants a reader to notice, about one entity (or the whole model)."""

    severity: str = attrs.field(validator=attrs.validators.in_(SEVERITIES))  # "info" or "warning"
    subject_id: str | None  # the entity it is about, if one
    message: str  # a sentence; names in backticks


@attrs.frozen
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...] = ()

    def __attrs_post_init__(self):
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a row has {len(row)} cells for {len(self.columns)} columns: {row!r}")

    def numeric(self, column: int) -> bool:
        """Whether a column holds numbers only (renderers align them to the right)."""
        values = [row[column] for row in self.rows if row[column] is not None]
        return bool(values) and all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in values)


@attrs.frozen
class Section:
    title: str
    intro: str = ""
    table: Table | None = None
    findings: tuple[LensFinding, ...] = ()
    subject_id: str | None = None  # the forum, tier or system the section is about, if one


@attrs.frozen
class LensReport:
    lens: str  # the name in LENSES
    title: str
    summary: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()

    @property
    def findings(self) -> tuple[LensFinding, ...]:
        return tuple(f for section in self.sections for f in section.findings)


# name -> module; each module has `assess(model, focus=None) -> LensReport`.
LENSES: dict[str, str] = {
    "power": "govdsl.lenses.power",
    "inclusion": "govdsl.lenses.inclusion",
    "ostrom": "govdsl.lenses.ostrom",
    "collaborative": "govdsl.lenses.collaborative",
}

DESCRIPTIONS: dict[str, str] = {
    "power": "who holds voting power in each forum (Banzhaf and Shapley-Shubik indices) against their seats",
    "inclusion": "which sectors are present in each tier and forum, and how: voting, participating or absent",
    "ostrom": "evidence for Ostrom's eight design principles for governing a shared resource",
    "collaborative": "Ansell and Gash's conditions for collaborative governance, forum by forum",
}


class LensUnavailable(Exception):
    """The lens asked for is not known, or its module is not installed."""


class FocusError(ValueError):
    """A lens was asked to focus on something it cannot focus on."""


def get_lens(name: str):
    """The module of a lens, imported now; `LensUnavailable` if there is none."""
    module_name = LENSES.get(name)
    if module_name is None:
        raise LensUnavailable(f"there is no lens called `{name}`; the lenses are: {', '.join(LENSES)}")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:  # the lens is there but something it needs is not: a bug, not a user error
            raise
        raise LensUnavailable(
            f"the `{name}` lens is not available in this installation of govdsl (no module `{module_name}`)"
        ) from None
    if not callable(getattr(module, "assess", None)):
        raise LensUnavailable(f"the `{name}` lens (`{module_name}`) has no `assess(model, focus)` function")
    return module


def assess(model, lens: str, focus: str | None = None) -> LensReport:
    """Look at a model through one lens."""
    return get_lens(lens).assess(model, focus=focus)


__all__ = [
    "Cell",
    "DESCRIPTIONS",
    "FocusError",
    "LENSES",
    "LensFinding",
    "LensReport",
    "LensUnavailable",
    "Section",
    "Table",
    "assess",
    "get_lens",
]
