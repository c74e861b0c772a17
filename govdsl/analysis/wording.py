"""How a model's entities are worded for people: in findings, answers, documents and the editor.

One wording for each thing, so that a committee is "committee `audit`" in
every rule's message, a person's role reads the same in the handbook and in
the documents, and a date reads the same in the editor and on paper. Text
from the user's files is always passed through `govdsl.text.clean`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from govdsl.model import vocabulary as v
from govdsl.model.types import Decision, Delegation, Forum, Function, Model, Organisation, Person, Post, Tier
from govdsl.text import article, clean, money

_CATEGORIES = {
    Tier: "tier",
    Organisation: "organisation",
    Person: "person",
    Forum: "forum",
    Function: "function",
    Decision: "decision",
    Delegation: "delegation",
}


def label(vocabulary: dict, word: str | None) -> str:
    """The label of a vocabulary word (`non-voting participant`); the word itself, spaced, if unknown."""
    if word is None:
        return ""
    term = vocabulary.get(word)
    return term.label if term is not None else word.replace("_", " ")


def sentence(text: str) -> str:
    """A label at the start of a sentence or cell: `non-voting participant` -> `Non-voting participant`."""
    return text[:1].upper() + text[1:]


def category_of(entity) -> str:
    """`forum`, `organisation`, `person`...: what kind of declaration an entity is."""
    return _CATEGORIES.get(type(entity), "entity")


def kind_label(entity) -> str:
    """`committee`, `NHS foundation trust`, `place`, `person`...: an entity's kind, as its vocabulary words it."""
    if isinstance(entity, Forum):
        kind = v.FORUM_KINDS.get(entity.kind)
        return kind.label if kind else "forum"
    if isinstance(entity, Organisation):
        kind = v.ORGANISATION_KINDS.get(entity.kind)
        return kind.label if kind else "organisation"
    if isinstance(entity, Tier):
        kind = v.TIER_KINDS.get(entity.kind)
        return kind.label if kind else "tier"
    return category_of(entity)


def title_of(entity) -> str:
    """The name people know an entity by: a person's name, else its title, else its id."""
    if isinstance(entity, Person):
        return clean(entity.name)
    return clean(getattr(entity, "title", None) or getattr(entity, "id", ""))


def name_of(model: Model, id: str | None, *, lines: bool = False) -> str:
    """`title_of` the entity declared as `id` (the id itself when nothing is), for documents and pages."""
    if not id:
        return ""
    entity = model.entity(id)
    if entity is None:
        return clean(id, lines=lines)
    return clean(getattr(entity, "name", None) or getattr(entity, "title", None) or id, lines=lines)


def described(entity, id: str | None = None) -> str:
    """`committee `audit``, `NHS foundation trust `x``: a forum or organisation by its kind and id, for findings.

    Anything else (a person, or a name with nothing declared) is its id alone.
    """
    id = id if id is not None else getattr(entity, "id", "")
    if isinstance(entity, (Forum, Organisation)):
        return f"{kind_label(entity)} `{id}`"
    return f"`{id}`"


def identified(entity, id: str) -> str:
    """`northmoor_council` (a unitary council): the id, then what it is."""
    return f"`{id}` ({article(kind_label(entity))})"


def names(ids, note=None) -> str:
    """`a`, `a` and `b`, `a`, `b` and `c`; each followed by `note(id)`, if given."""
    quoted = [f"`{i}`" + (note(i) if note else "") for i in ids]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def some_names(ids, limit: int | None = None) -> str:
    """`a`, `b`, `c` and 4 more: a list cut at `limit` names."""
    ids = list(ids)
    shown = ids if limit is None or len(ids) <= limit else ids[:limit]
    text = ", ".join(f"`{i}`" for i in shown)
    if len(shown) < len(ids):
        text += f" and {len(ids) - len(shown)} more"
    return text


def post_words(post: Post, *, lines: bool = False) -> str:
    """A post as its holder's organisation words it (`Chief Finance Officer`), else its role (`Director of finance`)."""
    return clean(post.title, lines=lines) or sentence(label(v.POST_ROLES, post.role))


def pounds(amount: Decimal | None) -> str:
    """£18m when that is exact, else the full amount (£1,200,000 or £1,500.50); `no limit` for none."""
    if amount is None or amount == Decimal("Infinity"):
        return "no limit"
    short = money(amount)
    scale = {"bn": Decimal(10) ** 9, "m": Decimal(10) ** 6, "k": Decimal(10) ** 3}
    for suffix, factor in scale.items():
        if short.endswith(suffix):
            if Decimal(short[1 : -len(suffix)]) * factor == amount:
                return short
            break
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def long_date(day: dt.date) -> str:
    """`1 April 2025`, as in a board paper."""
    return f"{day.day} {day:%B %Y}"


def period_words(start: dt.date | None, end: dt.date | None, *, iso: bool = False) -> str:
    """`since 1 April 2023`; `1 April 2023 to 31 March 2026`; `until 31 March 2026`; `` when neither is known.

    With `iso`, dates as written in the files, for answers on the terminal: `from 2023-04-01 to 2026-03-31`.
    """
    day = dt.date.isoformat if iso else long_date
    if start and end:
        return f"{'from ' if iso else ''}{day(start)} to {day(end)}"
    if start:
        return f"since {day(start)}"
    if end:
        return f"until {day(end)}"
    return ""
