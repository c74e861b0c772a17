"""Arrangements in force on a date (`govdsl check --as-of DATE`).

Seats, posts, interests, delegations, pooled funds and forums have dates.
Rules about the structure see the model as it stands on the as-of date: a
seat that ended last year, a post taken up next month, a delegation that
starts next April or a committee that closed in March is not part of it. A
forum that is not in being takes its seats and its own accountability lines
with it; an organisation that is dissolved or not yet established takes its
forums with it (see `bodies_gone`); what still points at it (a delegation, a committee's `parent`, a
line from another body) stays, so that the rules can report it. Decisions
are judged on their own date, from the full history.
"""

from __future__ import annotations

import datetime as dt

import attrs

from govdsl.model.types import Forum, Model, Organisation, Person, Post


def in_force(start: dt.date | None, end: dt.date | None, on: dt.date) -> bool:
    return (start is None or start <= on) and (end is None or on <= end)


def in_being(forum: Forum, on: dt.date) -> bool:
    """Whether a forum exists on a date: established (if that is given) and not yet closed."""
    return in_force(forum.established, forum.closed, on)


def organisation_in_being(organisation: Organisation, on: dt.date) -> bool:
    """Whether a body exists on a date: established (if given) and not yet dissolved."""
    return in_force(organisation.established, organisation.dissolved, on)


def bodies_gone(model: Model, on: dt.date) -> frozenset[str]:
    """The organisations not in being on a date, and the forums that belong only to them.

    A committee goes with its body: when an ICB is dissolved in a merger, its
    board and committees end with it (the successor sets up its own), even if
    the files do not give them a `closed` date.
    """
    gone = {o.id for o in model.organisations if not organisation_in_being(o, on)}
    if not gone:
        return frozenset()
    forums = {f.id: f for f in model.forums}
    memo: dict[str, bool] = {}

    def only_gone(forum_id: str, seen: frozenset) -> bool:
        if forum_id in memo:
            return memo[forum_id]
        forum = forums.get(forum_id)
        if forum is None or forum_id in seen or not forum.parents:
            return False
        result = all(p in gone or (p in forums and only_gone(p, seen | {forum_id})) for p in forum.parents)
        memo[forum_id] = result
        return result

    return frozenset(gone | {f.id for f in model.forums if only_gone(f.id, frozenset())})


def posts_on(person: Person, on: dt.date) -> tuple[Post, ...]:
    """The posts a person holds on a date."""
    return tuple(p for p in person.posts if in_force(p.start, p.end, on))


def _with(entity, field: str, kept: tuple):
    """The entity with only `kept` of a field's items; the entity itself when all were kept."""
    return entity if len(kept) == len(getattr(entity, field)) else attrs.evolve(entity, **{field: kept})


def _person_on(person: Person, on: dt.date) -> Person:
    person = _with(person, "interests", tuple(i for i in person.interests if in_force(i.start, i.end, on)))
    return _with(person, "posts", posts_on(person, on))


def as_of(model: Model, on: dt.date) -> Model:
    """The model with every forum, seat, post, interest, delegation and pooled fund not in force on `on` left out."""
    gone_bodies = bodies_gone(model, on)
    forums = tuple(
        _with(f, "seats", tuple(s for s in f.seats if in_force(s.start, s.end, on)))
        for f in model.forums
        if in_being(f, on) and f.id not in gone_bodies
    )
    gone = {f.id for f in model.forums if not in_being(f, on)} | gone_bodies
    organisations = tuple(o for o in model.organisations if o.id not in gone_bodies)
    lines = tuple(line for line in model.lines if line.source not in gone) if gone else model.lines
    people = tuple(_person_on(p, on) for p in model.people)
    delegations = tuple(d for d in model.delegations if in_force(d.start, d.end, on))
    pooled = tuple(f for f in model.pooled_funds if in_force(f.start, f.end, on))
    return model.replace(
        organisations=organisations, forums=forums, people=people, delegations=delegations, pooled_funds=pooled, lines=lines
    )
