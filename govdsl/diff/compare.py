"""Comparing two models, entity by entity, in the words of governance.

The diff is of the model, not of the text: two files that differ only in
layout, comments or the order of declarations have the same model, and so an
empty diff. Entities are matched by name; an entity that disappears under one
name and appears under another with the same content is reported as renamed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import attrs

from govdsl.diagnostics import Diagnostic, Severity
from govdsl.analysis.procedure import method_words, quorum_size
from govdsl.model import types as m
from govdsl.model import vocabulary as v
from govdsl.model.types import Delegation, Forum, Model, Person, Seat
from govdsl.text import money

# The heading of each collection of the model (`types.ENTITY_COLLECTIONS`), in the order the
# report gives them; tests/diff/test_fields.py checks there is one for each.
CATEGORIES = (
    ("tiers", "Geography"),
    ("organisations", "Organisations"),
    ("forums", "Boards, committees and partnerships"),
    ("people", "People"),
    ("functions", "Functions"),
    ("delegations", "Delegations"),
    ("pooled_funds", "Pooled funds"),
    ("decisions", "Decisions"),
)

# The fields of the model the diff does not compare, each with why: the one list. Every other
# field of every type in model/types.py is compared (tests/diff/test_fields.py fails for a field
# that is neither compared nor listed here).
NOT_COMPARED: dict[tuple[type, str], str] = {
    **{
        (kind, "span"): "where a thing is written in its file is layout, not governance"
        for kind in vars(m).values()
        if isinstance(kind, type) and attrs.has(kind) and "span" in attrs.fields_dict(kind)
    },
    (Model, "files"): "which files a model is written in is layout, not governance",
    (Model, "_index"): "an index of the collections, which are compared themselves",
    (Person, "contact"): "contact details are private, never published, and a diff may be",
    (Seat, "forum"): "a seat is compared within its forum, which it always names",
}


@attrs.frozen
class Change:
    category: str  # a key of CATEGORIES, or "lines"
    action: str  # added, removed, changed, renamed
    id: str
    title: str
    details: tuple[str, ...] = ()


@attrs.frozen
class MoneyMove:
    """Delegated money held by a forum or tier, before and after."""

    holder: str
    title: str
    before: Decimal
    after: Decimal

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


@attrs.frozen
class Finding:
    code: str
    severity: str
    message: str


@attrs.frozen
class ModelDiff:
    changes: tuple[Change, ...]
    money_by_forum: tuple[MoneyMove, ...]
    money_by_tier: tuple[MoneyMove, ...]
    findings_introduced: tuple[Finding, ...]
    findings_resolved: tuple[Finding, ...]

    @property
    def empty(self) -> bool:
        return not (self.changes or self.money_by_forum or self.findings_introduced or self.findings_resolved)

    @property
    def introduces_error(self) -> bool:
        return any(f.severity == "error" for f in self.findings_introduced)


def _without_id(entity):
    """An entity's content, for spotting renames (its own id and title aside)."""
    fields = attrs.asdict(entity, recurse=False)
    fields.pop("id", None)
    fields.pop("title", None)
    fields.pop("name", None)
    fields.pop("span", None)
    if isinstance(entity, Forum):
        fields["seats"] = tuple(sorted((s.person, s.capacities) for s in entity.seats))
    if isinstance(entity, Person):
        fields["interests"] = tuple(sorted((i.type, i.organisation or "", i.matter or "") for i in entity.interests))
    return repr(sorted(fields.items()))


def _title(entity) -> str:
    return getattr(entity, "title", None) or getattr(entity, "name", None) or entity.id


def _label(model: Model, id: str | None) -> str:
    entity = model.entity(id) if id else None
    return f"{_title(entity)} (`{id}`)" if entity is not None else f"`{id}`"


def diff_models(old: Model, new: Model, old_findings=(), new_findings=()) -> ModelDiff:
    changes: list[Change] = []
    for category, _ in CATEGORIES:
        changes.extend(_compare_collection(category, old, new))
    changes.extend(_compare_lines(old, new))
    introduced, resolved = _compare_findings(old_findings, new_findings)
    return ModelDiff(
        tuple(changes),
        _money_moves(old, new, by_tier=False),
        _money_moves(old, new, by_tier=True),
        introduced,
        resolved,
    )


def _compare_collection(category: str, old: Model, new: Model) -> list[Change]:
    before = {e.id: e for e in getattr(old, category)}
    after = {e.id: e for e in getattr(new, category)}
    removed = [i for i in before if i not in after]
    added = [i for i in after if i not in before]
    changes = []
    # renames: same content under a new name
    by_content = defaultdict(list)
    for id in added:
        by_content[_without_id(after[id])].append(id)
    renamed_from = {}
    for id in removed:
        candidates = by_content.get(_without_id(before[id]))
        if candidates:
            renamed_from[candidates.pop(0)] = id
    for new_id, old_id in renamed_from.items():
        changes.append(
            Change(category, "renamed", new_id, _title(after[new_id]), (f"was `{old_id}` ({_title(before[old_id])})",))
        )
    for id in removed:
        if id not in renamed_from.values():
            changes.append(Change(category, "removed", id, _title(before[id])))
    for id in added:
        if id not in renamed_from:
            changes.append(Change(category, "added", id, _title(after[id]), _summary(new, after[id])))
    for id in before:
        if id in after:
            details = _details(old, new, before[id], after[id])
            if details:
                changes.append(Change(category, "changed", id, _title(after[id]), tuple(details)))
    return changes


def _summary(model: Model, entity) -> tuple[str, ...]:
    if isinstance(entity, Delegation):
        return (_delegation_words(model, entity),)
    if isinstance(entity, Forum) and entity.seats:
        chairs = [s.person for s in entity.seats if "chair" in s.capacities]
        words = f"{len(entity.seats)} seats"
        if chairs:
            words += f", chaired by {_label(model, chairs[0])}"
        return (words,)
    return ()


def _delegation_words(model: Model, d: Delegation) -> str:
    functions = ", ".join(_title(model.entity(f)) if model.entity(f) else f for f in d.functions)
    limit = money(d.limit) if d.limit is not None else "no limit set"
    return f"{_label(model, d.delegator)} → {_label(model, d.delegate)}: {functions} ({limit})"


def _seat_words(model: Model, seat) -> str:
    capacities = " and ".join(v.CAPACITIES[c].label for c in seat.capacities)
    return f"{_label(model, seat.person)} as {capacities}"


def _quorum_words(quorum) -> str:
    if quorum is None:
        return "none"
    words = quorum_size(quorum)
    if quorum.requirements:
        parts = [
            f"{r.count} × " + " or ".join(r.alternatives) if r.count != 1 else " or ".join(r.alternatives)
            for r in quorum.requirements
        ]
        words += " including " + ", ".join(parts)
    return words


def _rule_words(rule) -> str:
    if rule is None:
        return "none"
    words = method_words(rule)
    if rule.blocs:
        words += " of " + " and ".join(rule.blocs)
    if rule.threshold is not None:
        words += f" ({rule.threshold}%)"
    if rule.casting_vote:
        words += ", chair's casting vote"
    return words


def _details(old: Model, new: Model, before, after) -> list[str]:
    """What changed in an entity: its title, then its fields with wording of their own, then the rest.

    Every field of the entity's type is compared in the order it is declared, except those
    in NOT_COMPARED; one without wording of its own reads `field name: before → after`.
    """
    details: list[str] = []
    if _title(before) != _title(after):
        details.append(f"title: “{_title(before)}” → “{_title(after)}”")
    kind = type(before)
    worded = _WORDED_FIRST.get(kind, {})
    for name, words in worded.items():
        a, b = getattr(before, name), getattr(after, name)
        if a != b:
            details += words(old, new, a, b)
    for field in attrs.fields(kind):
        name = field.name
        if name in ("id", "title", "name") or name in worded or (kind, name) in NOT_COMPARED:
            continue
        a, b = getattr(before, name), getattr(after, name)
        if a != b:
            shown = _VALUE_WORDS.get((kind, name), _value)
            details.append(f"{name.replace('_', ' ')}: {shown(a) or 'none'} → {shown(b) or 'none'}")
    return details


def _orders_details(before, after) -> list[str]:
    """What changed in a body's standing orders (which every forum that follows them inherits)."""
    if before is None:
        return ["standing orders added"]
    if after is None:
        return ["standing orders removed"]
    out = []
    if before.quorum != after.quorum:
        out.append(f"standing orders quorum: {_quorum_words(before.quorum)} → {_quorum_words(after.quorum)}")
    if before.decision_rule != after.decision_rule:
        out.append(f"standing orders decision rule: {_rule_words(before.decision_rule)} → {_rule_words(after.decision_rule)}")
    for field in ("conflicted_members", "if_inquorate", "meets_in_public", "papers_published", "frequency", "approved", "review", "source"):
        a, b = getattr(before, field), getattr(after, field)
        if a != b:
            out.append(f"standing orders {field.replace('_', ' ')}: {_value(a)} → {_value(b)}")
    return out


def _value(value) -> str:
    if value is None or value == ():
        return "none"
    if isinstance(value, tuple):
        return ", ".join(f"`{x}`" if isinstance(x, str) else str(x) for x in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return f"`{value}`"
    return str(value)


def _seat_details(old: Model, new: Model, before: tuple[Seat, ...], after: tuple[Seat, ...]) -> list[str]:
    details = []
    old_by_person = {s.person: s for s in before}
    new_by_person = {s.person: s for s in after}
    old_chairs = sorted(s.person for s in before if "chair" in s.capacities)
    new_chairs = sorted(s.person for s in after if "chair" in s.capacities)
    if old_chairs != new_chairs:
        details.append(
            "chair: " + (", ".join(_label(old, p) for p in old_chairs) or "none")
            + " → " + (", ".join(_label(new, p) for p in new_chairs) or "none")
        )
    for person in sorted(set(old_by_person) | set(new_by_person)):
        a, b = old_by_person.get(person), new_by_person.get(person)
        if a is None:
            details.append(f"seat added: {_seat_words(new, b)}")
        elif b is None:
            details.append(f"seat removed: {_seat_words(old, a)}")
        elif a != b:
            if (a.capacities, a.voting) != (b.capacities, b.voting):
                details.append(f"seat changed: {_seat_words(old, a)} → {_seat_words(new, b)}")
            terms = _field_changes(a, b, skip=("capacities", "voting"))
            if terms:
                details.append(f"seat of {_label(new, person)} changed: " + "; ".join(terms))
    return details


def _field_changes(before, after, skip=()) -> list[str]:
    """`field name: before → after` for each compared field of two things of one type that differs."""
    kind = type(before)
    return [
        f"{field.name.replace('_', ' ')}: {_value(getattr(before, field.name))} → {_value(getattr(after, field.name))}"
        for field in attrs.fields(kind)
        if field.name not in skip
        and (kind, field.name) not in NOT_COMPARED
        and getattr(before, field.name) != getattr(after, field.name)
    ]


def _limit_details(old: Model, new: Model, before: Decimal | None, after: Decimal | None) -> list[str]:
    a = money(before) if before is not None else "no limit"
    b = money(after) if after is not None else "no limit"
    delta = ""
    if before is not None and after is not None and not (before.is_infinite() or after.is_infinite()):
        change = after - before
        delta = f" ({'+' if change > 0 else '−'}{money(abs(change))})"
    return [f"financial limit: {a} → {b}{delta}"]


def _function_details(old: Model, new: Model, before: tuple[str, ...], after: tuple[str, ...]) -> list[str]:
    return [f"function added: {_label(new, f)}" for f in sorted(set(after) - set(before))] + [
        f"function removed: {_label(old, f)}" for f in sorted(set(before) - set(after))
    ]


def _interest_details(old: Model, new: Model, before, after) -> list[str]:
    details = []

    def key(i):
        return (i.type, i.organisation or "", i.matter or "")

    old_interests = {key(i): i for i in before}
    new_interests = {key(i): i for i in after}
    for k in sorted(set(new_interests) - set(old_interests)):
        details.append(f"interest declared: {v.INTEREST_TYPES[k[0]].label} in {_label(new, k[1]) if k[1] else k[2]}")
    for k in sorted(set(old_interests) - set(new_interests)):
        details.append(f"interest withdrawn: {v.INTEREST_TYPES[k[0]].label} in {_label(new, k[1]) if k[1] else k[2]}")
    for k in sorted(set(old_interests) & set(new_interests)):
        if old_interests[k] != new_interests[k]:
            details.append(f"interest updated: {v.INTEREST_TYPES[k[0]].label} in {_label(new, k[1]) if k[1] else k[2]}")
    return details


# Fields with wording of their own, reported first, in this order: type -> field -> (old model,
# new model, before, after) -> lines. Called only when the field differs.
_WORDED_FIRST = {
    Forum: {
        "seats": _seat_details,
        "quorum": lambda old, new, a, b: [f"quorum: {_quorum_words(a)} → {_quorum_words(b)}"],
        "decision_rule": lambda old, new, a, b: [f"decision rule: {_rule_words(a)} → {_rule_words(b)}"],
        "terms": lambda old, new, a, b: ["terms of reference changed"],
        "standing_orders": lambda old, new, a, b: _orders_details(a, b),
    },
    m.Organisation: {"standing_orders": lambda old, new, a, b: _orders_details(a, b)},
    Delegation: {
        "delegator": lambda old, new, a, b: [f"from: {_label(old, a)} → {_label(new, b)}"],
        "delegate": lambda old, new, a, b: [f"to: {_label(old, a)} → {_label(new, b)}"],
        "functions": _function_details,
        "limit": _limit_details,
    },
    Person: {"interests": _interest_details},
}


def _posts_words(posts) -> str:
    return ", ".join(_post_words(p) for p in posts)


def _post_words(post) -> str:
    """`chair at northmoor_icb from 2022-07-01`: a post with its dates, if it has any."""
    words = post.role + (f" at {post.organisation}" if post.organisation else "")
    if post.start is not None:
        words += f" from {post.start.isoformat()}"
    if post.end is not None:
        words += f" to {post.end.isoformat()}"
    return words


def _all_lines(model: Model) -> set[tuple[str, str, str]]:
    lines = {(line.kind, line.source, line.target) for line in model.lines}
    for forum in model.forums:
        for parent in forum.parents:
            lines.add(("part_of", forum.id, parent))
    return lines


# Values shown in words of their own, in place of `_value`: (type, field) -> words.
_VALUE_WORDS = {(Person, "posts"): _posts_words}

_LINE_WORDS = {
    "part_of": "belongs to",
    "accountable_to": "is accountable to",
    "reports_to": "reports to",
    "assures": "gives assurance to",
    "advises": "advises",
}


def _compare_lines(old: Model, new: Model) -> list[Change]:
    before, after = _all_lines(old), _all_lines(new)
    changes = []
    for kind, source, target in sorted(after - before):
        changes.append(Change("lines", "added", source, _label(new, source), (f"now {_LINE_WORDS[kind]} {_label(new, target)}",)))
    for kind, source, target in sorted(before - after):
        changes.append(Change("lines", "removed", source, _label(old, source), (f"no longer {_LINE_WORDS[kind]} {_label(old, target)}",)))
    return changes


def _holdings(model: Model, by_tier: bool) -> dict[str, Decimal]:
    from govdsl.analysis.facts import Facts

    facts = Facts(model, model)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for d in model.delegations:
        if d.limit is None:
            continue
        holder = facts.tier_of(d.delegate) if by_tier else d.delegate
        if holder:
            totals[holder] += d.limit
    return totals


def _money_moves(old: Model, new: Model, by_tier: bool) -> tuple[MoneyMove, ...]:
    before, after = _holdings(old, by_tier), _holdings(new, by_tier)
    moves = []
    for holder in sorted(set(before) | set(after)):
        a, b = before.get(holder, Decimal(0)), after.get(holder, Decimal(0))
        if a != b:
            entity = new.entity(holder) or old.entity(holder)
            moves.append(MoneyMove(holder, _title(entity) if entity is not None else holder, a, b))
    return tuple(moves)


def _compare_findings(old: tuple[Diagnostic, ...], new: tuple[Diagnostic, ...]):
    def keyed(findings):
        return Counter(Finding(d.code, d.severity.label, d.message) for d in findings if d.severity >= Severity.INFO)

    before, after = keyed(old), keyed(new)
    introduced = tuple(sorted((after - before).elements(), key=lambda f: (f.code, f.message)))
    resolved = tuple(sorted((before - after).elements(), key=lambda f: (f.code, f.message)))
    return introduced, resolved
