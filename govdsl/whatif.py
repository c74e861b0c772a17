"""What if someone left, an organisation withdrew, or a forum were wound up?

`what_if(model, removals, vacancies)` takes people, organisations or forums
out of a model (or empties single seats), and reports what breaks:

- forums that can no longer make a quorum;
- decisions that lose their decision-maker (the forum is gone, has no
  voting members left, or the delegation they are taken under is gone);
- delegations whose line of accountability is cut (the delegator or delegate
  is gone, or a body they report to);
- forums left with no chair;
- voting power that shifts (Banzhaf index per organisation and sector, before
  and after, in each forum whose voting members changed);
- governance findings the change introduces or resolves (the rules run on the
  model before and after, compared by code and message).

What is removed:

- a **person**: every seat they hold, and delegations to or from them;
- an **organisation**: every seat held for it (`for`), or by its staff when
  the seat names no other organisation, and every delegation to or from it.
  The organisation itself stays declared: bodies it hosts, funds it pays
  into and lines to it are still there, so the checks can say what is left;
- a **forum**: the forum, its seats, delegations to or from it and the
  decisions it takes; committees below it lose it as their parent;
- a **seat** (`--vacant FORUM:PERSON`): that person's seats on that forum.

References to whatever is removed are dropped from the rest of the model, so
the rules see a model as it would be written without it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from fractions import Fraction

import attrs

from govdsl.analysis.facts import Facts
from govdsl.analysis.dates import as_of as model_as_of
from govdsl.analysis.wording import name_of
from govdsl.diagnostics import Diagnostic, Severity, did_you_mean
from govdsl.model.types import Forum, Model, Organisation, Person
from govdsl.text import clean

JSON_FORMAT_VERSION = 1


class UnknownTarget(ValueError):
    """A removal names nothing that can be removed; the message says what was meant, if it can tell."""


# -- the change -----------------------------------------------------------------------------------------


@attrs.frozen
class Removal:
    """What the change takes out, by id."""

    people: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    forums: frozenset[str] = frozenset()
    vacancies: frozenset[tuple[str, str]] = frozenset()  # (forum, person)

    def describe(self, model: Model) -> list[str]:
        lines = []
        for kind, ids in (("person", self.people), ("organisation", self.organisations), ("forum", self.forums)):
            for id in sorted(ids):
                lines.append(f"remove the {kind} `{id}` ({name_of(model, id)})")
        for forum, person in sorted(self.vacancies):
            lines.append(f"leave the seat of `{person}` on `{forum}` vacant")
        return lines


def removal_for(model: Model, remove: list[str] = (), vacant: list[str] = ()) -> Removal:
    """The removal the command line asks for; `UnknownTarget` for a name that is not there."""
    people, organisations, forums, vacancies = set(), set(), set(), set()
    removable = [e.id for e in model.entities if isinstance(e, (Person, Organisation, Forum))]
    for id in remove:
        entity = model.entity(id)
        if entity is None:
            suggestion = did_you_mean(id, removable)
            hint = f" Did you mean `{suggestion}`?" if suggestion else ""
            raise UnknownTarget(f"nothing called `{id}` is declared.{hint}")
        if isinstance(entity, Person):
            people.add(id)
        elif isinstance(entity, Organisation):
            organisations.add(id)
        elif isinstance(entity, Forum):
            forums.add(id)
        else:
            kind = type(entity).__name__.lower()
            raise UnknownTarget(f"`{id}` is a {kind}; --remove takes a person, an organisation or a forum")
    for spec in vacant:
        forum_id, _, person_id = spec.partition(":")
        forum = model.entity(forum_id)
        if not isinstance(forum, Forum):
            suggestion = did_you_mean(forum_id, [f.id for f in model.forums])
            hint = f" Did you mean `{suggestion}`?" if suggestion else ""
            raise UnknownTarget(f"`{forum_id}` is not a forum; --vacant takes FORUM:PERSON.{hint}")
        holders = [s.person for s in forum.seats]
        if person_id not in holders:
            suggestion = did_you_mean(person_id, holders)
            hint = f" Did you mean `{suggestion}`?" if suggestion else ""
            raise UnknownTarget(f"`{person_id}` holds no seat on `{forum_id}`.{hint}")
        vacancies.add((forum_id, person_id))
    return Removal(frozenset(people), frozenset(organisations), frozenset(forums), frozenset(vacancies))


def apply(model: Model, removal: Removal) -> Model:
    """The model without what the removal takes out, and without references to it."""
    from govdsl.lenses.power import seat_organisation

    gone = set(removal.people) | set(removal.forums)  # entities that disappear
    withdrawn = removal.organisations  # organisations whose seats and delegations go

    def keep_seat(forum: Forum, seat) -> bool:
        if seat.person in removal.people or (forum.id, seat.person) in removal.vacancies:
            return False
        if seat.representing in withdrawn:
            return False
        if seat.representing is None and seat_organisation(model, seat) in withdrawn:
            return False
        return True

    def ref(id):
        return None if id in gone else id

    def refs(ids):
        return tuple(i for i in ids if i not in gone)

    delegations = []
    lost = set()
    for d in model.delegations:
        if {d.delegator, d.delegate} & (gone | set(withdrawn)):
            lost.add(d.id)
            continue
        delegations.append(attrs.evolve(d, reports_to=refs(d.reports_to)))
    gone |= lost

    forums = []
    for f in model.forums:
        if f.id in gone:
            continue
        seats = tuple(
            attrs.evolve(s, nominated_by=ref(s.nominated_by), appointed_by=ref(s.appointed_by), approved_by=ref(s.approved_by))
            for s in f.seats
            if keep_seat(f, s)
        )
        forums.append(
            attrs.evolve(f, seats=seats, parents=refs(f.parents), partners=refs(f.partners), lead_provider=ref(f.lead_provider))
        )
    decisions = tuple(
        attrs.evolve(d, under=ref(d.under), affects=refs(d.affects), excluded=refs(d.excluded))
        for d in model.decisions
        if d.forum not in gone
    )
    people = tuple(p for p in model.people if p.id not in gone)
    organisations = tuple(
        attrs.evolve(o, part_of=ref(o.part_of), accountable_to=refs(o.accountable_to)) for o in model.organisations
    )
    functions = tuple(attrs.evolve(f, holder=ref(f.holder), reserved_to=ref(f.reserved_to)) for f in model.functions)
    funds = tuple(attrs.evolve(p, governed_by=ref(p.governed_by)) for p in model.pooled_funds)
    tiers = tuple(attrs.evolve(t, arbiter=ref(t.arbiter)) for t in model.tiers)
    lines = tuple(line for line in model.lines if line.source not in gone and line.target not in gone)
    return model.replace(
        tiers=tiers,
        organisations=organisations,
        people=people,
        forums=tuple(forums),
        functions=functions,
        delegations=tuple(delegations),
        pooled_funds=funds,
        decisions=decisions,
        lines=lines,
    )


# -- what breaks ------------------------------------------------------------------------------------------


@attrs.frozen
class Broken:
    """One thing that breaks: what, its id, and why."""

    subject: str  # the id of the forum, decision or delegation
    title: str
    reason: str


@attrs.frozen
class Shift:
    """A player's Banzhaf index in a forum, before and after."""

    forum: str
    level: str  # organisation or sector
    player: str
    label: str
    before: Fraction
    after: Fraction

    @property
    def change(self) -> Fraction:
        return self.after - self.before


@attrs.frozen
class WhatIf:
    changes: tuple[str, ...]
    inquorate: tuple[Broken, ...] = ()
    decisions_lost: tuple[Broken, ...] = ()
    delegations_cut: tuple[Broken, ...] = ()
    chairless: tuple[Broken, ...] = ()
    power: tuple[Shift, ...] = ()
    introduced: tuple[Diagnostic, ...] = ()
    resolved: tuple[Diagnostic, ...] = ()

    @property
    def errors_introduced(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.introduced if d.severity is Severity.ERROR)

    @property
    def breaks(self) -> bool:
        """Whether something stops working: a forum inquorate, a decision without a maker, a new error."""
        return bool(self.inquorate or self.decisions_lost or self.errors_introduced)


def what_if(model: Model, removal: Removal, config=None, as_of: dt.date | None = None, *, findings=None) -> WhatIf:
    """What breaks when `removal` is applied to `model` (the full, dated model), judged on `as_of`.

    `findings(model)` gives the governance findings on a model: pass the
    pipeline's `CheckResult.findings_for`, so that the configuration and the
    inline suppressions apply before and after the change exactly as `check`
    applies them. Without it, the rules run with `config` alone (a bare model
    has no files, so no suppressions).
    """
    from govdsl.check.engine import run_rules
    from govdsl.config import Config

    config = config or Config()
    as_of = as_of or dt.date.today()
    if findings is None:
        findings = lambda changed: run_rules(changed, config, as_of)  # noqa: E731
    after = apply(model, removal)
    before_now, after_now = model_as_of(model, as_of), model_as_of(after, as_of)
    facts_before, facts_after = Facts(before_now, model), Facts(after_now, after)

    inquorate = []
    chairless = []
    for forum in after_now.forums:
        old = before_now.entity(forum.id)
        if forum.quorum is not None:
            short_before = facts_before.quorum_shortfalls(list(old.seats), old.quorum) if old.quorum else []
            short_after = facts_after.quorum_shortfalls(list(forum.seats), forum.quorum)
            new = [s for s in short_after if s not in short_before]
            if new:
                inquorate.append(Broken(forum.id, clean(forum.title), "; ".join(new)))
        if Facts.chairs(old) and not Facts.chairs(forum):
            chairless.append(Broken(forum.id, clean(forum.title), "its only chair is removed"))

    decisions_lost = []
    for decision in model.decisions:
        reason = None
        forum_after = after.entity(decision.forum)
        if not isinstance(forum_after, Forum):
            reason = f"its forum `{decision.forum}` is removed"
        else:
            if isinstance(before_now.entity(decision.forum), Forum):  # the forum is in being on `as_of`
                voting_before = [s for s in before_now.entity(decision.forum).seats if s.voting]
                voting_after = [s for s in after_now.entity(decision.forum).seats if s.voting]
                if voting_before and not voting_after:
                    reason = f"its forum `{decision.forum}` has no voting members left"
            if reason is None and decision.under and after.entity(decision.under) is None:
                reason = f"the delegation `{decision.under}` it is taken under is gone"
        if reason:
            decisions_lost.append(Broken(decision.id, clean(decision.title), reason))

    delegations_cut = []
    removed_ids = set(removal.people) | set(removal.forums) | set(removal.organisations)
    for delegation in model.delegations:
        kept = after.entity(delegation.id)
        if kept is None:
            parties = [p for p in (delegation.delegator, delegation.delegate) if p in removed_ids]
            which = " and ".join(
                f"its {'delegator' if p == delegation.delegator else 'delegate'} `{p}`" for p in parties
            )
            delegations_cut.append(Broken(delegation.id, clean(delegation.title), f"{which} is removed, so the delegation lapses"))
            continue
        cut = [r for r in delegation.reports_to if r not in kept.reports_to]
        if cut:
            left = f"; it now reports to {', '.join(f'`{r}`' for r in kept.reports_to)}" if kept.reports_to else "; it no longer reports to anyone"
            delegations_cut.append(
                Broken(delegation.id, clean(delegation.title), f"it reported to {', '.join(f'`{r}`' for r in cut)}, which is removed{left}")
            )

    power = _power_shifts(before_now, after_now, removal)

    findings_before = findings(model)
    findings_after = findings(after)
    introduced, resolved = _compare(findings_before, findings_after)
    return WhatIf(
        tuple(removal.describe(model)),
        tuple(inquorate),
        tuple(decisions_lost),
        tuple(delegations_cut),
        tuple(chairless),
        tuple(power),
        introduced,
        resolved,
    )


def _power_shifts(before: Model, after: Model, removal: Removal) -> list[Shift]:
    from govdsl.lenses.power import analyse_forum

    shifts = []
    facts_before, facts_after = Facts(before, before), Facts(after, after)
    for forum in before.forums:
        if forum.id in removal.forums:
            continue
        new = after.entity(forum.id)
        old_voting = [(s.person, s.weight) for s in forum.seats if s.voting]
        new_voting = [(s.person, s.weight) for s in new.seats if s.voting]
        if old_voting == new_voting:
            continue
        old_power = analyse_forum(before, forum, facts=facts_before)
        if old_power is None:
            continue
        new_power = analyse_forum(after, new, facts=facts_after)
        if new_power is None and new_voting:
            continue  # still votes, but too large to count exactly: no shift can be told
        for level in ("organisation", "sector"):
            old_level = old_power.levels[level]
            values_before = {p.id: (p.label, b) for p, b in zip(old_level.players, old_level.indices.banzhaf)}
            values_after = {}
            if new_power is not None:
                new_level = new_power.levels[level]
                values_after = {p.id: (p.label, b) for p, b in zip(new_level.players, new_level.indices.banzhaf)}
            for player in list(values_before) + [p for p in values_after if p not in values_before]:
                label = (values_before.get(player) or values_after.get(player))[0]
                shifts.append(
                    Shift(
                        forum.id,
                        level,
                        player,
                        clean(label),
                        values_before.get(player, ("", Fraction(0)))[1],
                        values_after.get(player, ("", Fraction(0)))[1],
                    )
                )
    return shifts


def _compare(before, after) -> tuple[tuple[Diagnostic, ...], tuple[Diagnostic, ...]]:
    """Findings in `after` but not `before`, and the reverse, matched by (code, message) with multiplicity."""

    def key(d: Diagnostic):
        return (d.code, d.message)

    remaining = Counter(key(d) for d in before)
    introduced = []
    for d in after:
        if remaining[key(d)] > 0:
            remaining[key(d)] -= 1
        else:
            introduced.append(d)
    remaining = Counter(key(d) for d in after)
    resolved = []
    for d in before:
        if remaining[key(d)] > 0:
            remaining[key(d)] -= 1
        else:
            resolved.append(d)
    order = lambda d: (-int(d.severity), d.code, d.message)  # noqa: E731
    return tuple(sorted(introduced, key=order)), tuple(sorted(resolved, key=order))


# -- showing it -------------------------------------------------------------------------------------------


def _decimal(value: Fraction) -> str:
    from govdsl.lenses.power import decimal

    return str(decimal(value))


def to_data(result: WhatIf) -> dict:
    def broken(items):
        return [{"id": b.subject, "title": b.title, "reason": b.reason} for b in items]

    def diagnostic(d: Diagnostic):
        subjects = [{"id": s.id, "role": s.role} for s in d.subjects]
        return {"code": d.code, "severity": d.severity.label, "message": clean(d.message), "subjects": subjects}

    return {
        "format_version": JSON_FORMAT_VERSION,
        "changes": list(result.changes),
        "breaks": result.breaks,
        "inquorate": broken(result.inquorate),
        "decisions_lost": broken(result.decisions_lost),
        "delegations_cut": broken(result.delegations_cut),
        "chairless": broken(result.chairless),
        "power": [
            {
                "forum": s.forum,
                "level": s.level,
                "player": s.player,
                "label": s.label,
                "banzhaf_before": float(_decimal(s.before)),
                "banzhaf_after": float(_decimal(s.after)),
            }
            for s in result.power
        ],
        "findings_introduced": [diagnostic(d) for d in result.introduced],
        "findings_resolved": [diagnostic(d) for d in result.resolved],
    }


def to_json(result: WhatIf) -> str:
    return json.dumps(to_data(result), indent=2, ensure_ascii=False) + "\n"


def print_text(result: WhatIf, console) -> None:
    from rich.table import Table
    from rich.text import Text

    def heading(text: str, count: int):
        console.print()
        console.print(Text(f"{text} ({count})", style="bold"))

    console.print(Text("What if we " + "; and ".join(result.changes) + "?", style="bold"))
    sections = (
        ("Forums that can no longer make a quorum", result.inquorate),
        ("Decisions that lose their decision-maker", result.decisions_lost),
        ("Delegations whose line of accountability is cut", result.delegations_cut),
        ("Forums left without a chair", result.chairless),
    )
    for title, items in sections:
        if not items:
            continue
        heading(title, len(items))
        for item in items:
            console.print(Text(f"  {item.subject} ({item.title}): {item.reason}"))
    moved = [s for s in result.power if s.change != 0]
    if moved:
        forums = sorted({s.forum for s in moved}, key=lambda f: [s.forum for s in result.power].index(f))
        heading("Voting power that shifts (normalised Banzhaf index)", len(forums))
        table = Table(show_edge=False, pad_edge=False, header_style="bold")
        for column, justify in (("Forum", "left"), ("Level", "left"), ("Player", "left"), ("Before", "right"), ("After", "right"), ("Change", "right")):
            table.add_column(column, justify=justify, no_wrap=justify == "right", overflow="fold")
        for s in result.power:
            if s.forum in forums and (s.change != 0):
                sign = "+" if s.change > 0 else ""
                table.add_row(
                    Text(s.forum), Text(s.level), Text(s.label), _decimal(s.before), _decimal(s.after), f"{sign}{_decimal(s.change)}"
                )
        console.print(table)
    for title, items in (("Findings the change introduces", result.introduced), ("Findings the change resolves", result.resolved)):
        if not items:
            continue
        heading(title, len(items))
        for d in items:
            style = {"error": "bold red", "warning": "bold yellow"}.get(d.severity.label, "bold cyan")
            console.print(Text(f"  {d.severity.label}[{d.code}]", style=style) + Text(f": {clean(d.message)}"))
    console.print()
    if result.breaks:
        console.print(Text("Something breaks.", style="bold red"))
    elif any((result.delegations_cut, result.chairless, moved, result.introduced)):
        console.print(Text("Nothing breaks outright, but see the changes above.", style="bold yellow"))
    else:
        console.print(Text("Nothing breaks.", style="bold green"))
