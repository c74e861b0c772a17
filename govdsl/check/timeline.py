"""Arrangements in force on a date (`govdsl check --as-of DATE`).

Seats, interests and delegations have dates. Rules about the structure see
the model as it stands on the as-of date: a seat that ended last year, or a
delegation that starts next April, is not part of it. Decisions are judged
on their own date, from the full history.
"""

from __future__ import annotations

import datetime as dt

import attrs

from govdsl.model.types import Model


def in_force(start: dt.date | None, end: dt.date | None, on: dt.date) -> bool:
    return (start is None or start <= on) and (end is None or on <= end)


def _with(entity, field: str, kept: tuple):
    """The entity with only `kept` of a field's items; the entity itself when all were kept."""
    return entity if len(kept) == len(getattr(entity, field)) else attrs.evolve(entity, **{field: kept})


def as_of(model: Model, on: dt.date) -> Model:
    """The model with every seat, interest and delegation not in force on `on` left out."""
    forums = tuple(_with(f, "seats", tuple(s for s in f.seats if in_force(s.start, s.end, on))) for f in model.forums)
    people = tuple(
        _with(p, "interests", tuple(i for i in p.interests if in_force(i.start, i.end, on))) for p in model.people
    )
    delegations = tuple(d for d in model.delegations if in_force(d.start, d.end, on))
    pooled = tuple(f for f in model.pooled_funds if in_force(f.start, f.end, on))
    return model.replace(forums=forums, people=people, delegations=delegations, pooled_funds=pooled)
