"""The procedure a forum follows: its own terms of reference, or the standing orders it inherits.

"The Standing Orders apply to all committees and sub-committees of the ICB
unless specified otherwise in the terms of reference" (Hertfordshire and West
Essex ICB constitution, 5.1.2). A forum's quorum, decision rule, meetings in
public, papers, frequency and conflict procedure are each taken from the first
of: its own terms of reference (`quorum:`, `decision:`, `terms:`), its own
standing orders, then the standing orders of the nearest body up its `parent`
line (committee → board → ICB). Each value keeps its source, so that every
output can say where it comes from and the rules can say which document to
change.

A forum whose parents lead to two bodies with different standing orders (a
joint committee of an ICB and a council) inherits nothing: neither body's
standing orders bind it, so it needs its own terms.

Worked out once per model, in time linear in the forums and their parents.
"""

from __future__ import annotations

from typing import Any

import attrs

from govdsl.analysis.wording import label, long_date, sentence
from govdsl.model import vocabulary as v
from govdsl.model.types import DecisionRule, Forum, Model, Organisation, Quorum, StandingOrders
from govdsl.text import clean

# The procedure fields, and the attribute each is read from in a forum's own terms.
FIELDS = (
    "quorum",
    "decision_rule",
    "meets_in_public",
    "papers_published",
    "frequency",
    "conflicted_members",
    "if_inquorate",
)


@attrs.frozen
class Sourced:
    """A value and where it comes from: None for the forum's own terms, else the body whose standing orders give it."""

    value: Any
    source: str | None = None  # id of the organisation or forum whose standing orders set it

    @property
    def inherited(self) -> bool:
        return self.source is not None


@attrs.frozen
class Procedure:
    """Each procedure value of one forum, with its source (a `Sourced` with value None when nobody states it)."""

    forum: str
    quorum: Sourced = Sourced(None)
    decision_rule: Sourced = Sourced(None)
    meets_in_public: Sourced = Sourced(None)
    papers_published: Sourced = Sourced(None)
    frequency: Sourced = Sourced(None)
    conflicted_members: Sourced = Sourced(None)
    if_inquorate: Sourced = Sourced(None)
    bodies: tuple[str, ...] = ()  # whose standing orders apply to it (empty: none, or they differ)

    def value(self, field: str):
        return getattr(self, field).value

    def source(self, field: str) -> str | None:
        return getattr(self, field).source


def _own(forum: Forum) -> dict[str, Any]:
    terms = forum.terms
    return {
        "quorum": forum.quorum,
        "decision_rule": forum.decision_rule,
        "meets_in_public": terms.meets_in_public if terms else None,
        "papers_published": terms.papers_published if terms else None,
        "frequency": terms.frequency if terms else None,
        "conflicted_members": None,
        "if_inquorate": None,
    }


def _from_orders(orders: StandingOrders) -> dict[str, Any]:
    return {field: getattr(orders, field) for field in FIELDS}


class Procedures:
    """Every forum's procedure in a model, worked out on first use and kept."""

    def __init__(self, model: Model, history: Model | None = None):
        self.model = model
        self.history = history or model
        self._orders: dict[str, tuple[str, ...]] = {}  # forum id -> the bodies whose standing orders bind it
        self._done: dict[str, Procedure] = {}

    def _entity(self, id: str):
        return self.model.entity(id) or self.history.entity(id)

    def _binding(self, forum_id: str, seen: frozenset = frozenset()) -> tuple[str, ...]:
        """The nearest bodies up the parent line that have standing orders (one, unless parents diverge)."""
        if forum_id in self._orders:
            return self._orders[forum_id]
        forum = self._entity(forum_id)
        found: list[str] = []
        if isinstance(forum, Forum) and forum_id not in seen:
            if forum.standing_orders is not None:
                found = [forum_id]
            else:
                for parent in forum.parents:
                    body = self._entity(parent)
                    if isinstance(body, Organisation):
                        candidates = (parent,) if body.standing_orders is not None else ()
                    elif isinstance(body, Forum):
                        candidates = self._binding(parent, seen | {forum_id})
                    else:
                        candidates = ()
                    for c in candidates:
                        if c not in found:
                            found.append(c)
        self._orders[forum_id] = tuple(found)
        return self._orders[forum_id]

    def orders_of(self, body_id: str) -> StandingOrders | None:
        body = self._entity(body_id)
        return getattr(body, "standing_orders", None) if body is not None else None

    def of(self, forum: Forum) -> Procedure:
        done = self._done.get(forum.id)
        if done is not None:
            return done
        own = _own(forum)
        bodies = self._binding(forum.id)
        inherited: dict[str, Any] = {}
        source = None
        if len(bodies) == 1:
            source = bodies[0]
            orders = self.orders_of(source)
            inherited = _from_orders(orders) if orders else {}
        values = {}
        for field in FIELDS:
            if own[field] is not None:
                values[field] = Sourced(own[field])
            elif inherited.get(field) is not None:
                values[field] = Sourced(inherited[field], source)
        procedure = Procedure(forum.id, bodies=bodies if len(bodies) == 1 else (), **values)
        self._done[forum.id] = procedure
        return procedure

    def quorum(self, forum: Forum) -> Quorum | None:
        return self.of(forum).quorum.value

    def decision_rule(self, forum: Forum) -> DecisionRule | None:
        return self.of(forum).decision_rule.value


def quorum_size(quorum: Quorum) -> str:
    """`6`, `a majority of the voting members`, `40% of the voting members`."""
    if quorum.count is not None:
        return str(quorum.count)
    if quorum.share is not None:
        return v.QUORUM_SHARES[quorum.share].label
    if quorum.percent is not None:
        return f"{quorum.percent.normalize():f}% of the voting members"
    return "not stated"


def method_words(rule: DecisionRule) -> str:
    """`consensus, failing which a two-thirds majority`: the method, and its fall-back if any."""
    words = v.DECISION_METHODS[rule.method].label
    if rule.fallback:
        fallback = v.DECISION_METHODS[rule.fallback].label
        words += ", failing which " + ("a " if fallback.endswith("majority") else "") + fallback
    return words


def procedures(model: Model, history: Model | None = None) -> Procedures:
    return Procedures(model, history)


# -- quorum and decision rules in words -------------------------------------------------------------
# Offices held by one person on a forum: a quorum asks for "the chair", not "1 chair".
_OFFICES = frozenset({"chair", "vice_chair", "chief_executive", "executive_finance", "executive_medical", "executive_nursing"})


def _plural(label: str) -> str:
    words = label.split(" ")
    for i, word in enumerate(words):
        if word in ("member", "participant", "observer", "clinician", "councillor", "chair"):
            words[i] = word + "s"
            return " ".join(words)
    return label + "s"


def _requirement_label(word: str) -> str:
    return label(v.CAPACITIES, word) if word in v.CAPACITIES else label(v.QUORUM_QUALITIES, word)


def quorum_words(quorum: Quorum | None) -> str:
    """`6 including the chair or vice-chair, 1 clinician, 2 non-executive members`."""
    if quorum is None:
        return "Not set"
    parts = []
    for requirement in quorum.requirements:
        labels = [_requirement_label(w) for w in requirement.alternatives]
        if requirement.count == 1 and all(w in _OFFICES for w in requirement.alternatives):
            parts.append("the " + " or ".join(labels))
        elif requirement.count == 1:
            parts.append("1 " + " or ".join(labels))
        else:
            parts.append(f"{requirement.count} " + " or ".join(_plural(label) for label in labels))
    text = quorum_size(quorum)
    if parts:
        text += " including " + ", ".join(parts)
    return text


def decision_words(rule: DecisionRule | None) -> str:
    """`Simple majority; the chair has a casting vote`."""
    if rule is None:
        return "Not set"
    text = sentence(method_words(rule))
    if rule.blocs:
        text += " of " + " and ".join(label(v.SECTORS, b) for b in rule.blocs)
    if rule.threshold is not None:
        text += f" ({rule.threshold.normalize():f}% of the voting weight)"
    if rule.casting_vote:
        text += "; the chair has a casting vote"
    return text


def standing_orders_terms(orders: StandingOrders) -> list[tuple[str, str]]:
    """What a body's standing orders say, as (heading, words), in one order for every output."""
    terms = []
    if orders.quorum is not None:
        terms.append(("Quorum", quorum_words(orders.quorum)))
    if orders.decision_rule is not None:
        terms.append(("Decision rule", decision_words(orders.decision_rule)))
    if orders.conflicted_members:
        terms.append(("Members with a conflict of interest", sentence(label(v.CONFLICTED_MEMBERS, orders.conflicted_members))))
    if orders.if_inquorate:
        terms.append(("If a meeting cannot be quorate", sentence(label(v.INQUORATE_ROUTES, orders.if_inquorate))))
    if orders.meets_in_public is not None:
        terms.append(("Meetings in public", "Yes" if orders.meets_in_public else "No"))
    if orders.papers_published is not None:
        terms.append(("Papers published", "Yes" if orders.papers_published else "No"))
    if orders.frequency:
        terms.append(("Meetings", sentence(label(v.FREQUENCIES, orders.frequency))))
    if orders.approved:
        terms.append(("Approved", long_date(orders.approved)))
    if orders.review:
        terms.append(("Due for review", long_date(orders.review)))
    if orders.source:
        terms.append(("Written in", clean(orders.source)))
    return terms
