"""Questions people ask about the governance, answered from the model with the evidence.

`ask(model, question)` understands a few plain-English questions (see
`QUESTIONS`), finds the answer in the model and returns an `Answer`: a
one-sentence summary, the evidence in sections (the chain of delegations
with each link's limit and legal basis, the seats with their capacities, the
lines of accountability), and the same facts as data for JSON.

The phrase grammar is small and forgiving. Case and punctuation do not
matter; the filler words "the", "a", "an", "is", "are", "do", "does", "did"
and "please" are ignored. Things are named by their id (`nm_audit`), their
exact title ("Audit and Risk Committee"), a kind that only one thing has
("the ICP", "the ICB board", "the audit committee"), or words that pick out
one thing ("audit" when only one forum has it in its name or title). An
unknown name is an error that suggests the closest one.

The building blocks (`ModelView`, `Names`, `Authority`, `accountability_line`,
`step_outs`) are shared with `govdsl.assertions`, which tests the same facts.

The model passed in is the full, dated model. Seats, delegations and
interests are read as they stand on the `as_of` date (default: today);
decisions are judged on their own date, from the full history, as the
conflict-of-interest rules judge them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from decimal import Decimal
from functools import cached_property

import attrs

from govdsl.analysis.authority import UNLIMITED, Authority, Holding
from govdsl.analysis.facts import Facts
from govdsl.analysis.dates import as_of as model_as_of
from govdsl.analysis.dates import posts_on
from govdsl.analysis.wording import category_of, kind_label, period_words, pounds, title_of
from govdsl.analysis.procedure import quorum_size
from govdsl.diagnostics import did_you_mean
from govdsl.model import vocabulary as v
from govdsl.model.types import (
    Delegation,
    Forum,
    Function,
    Interest,
    Model,
    Organisation,
    Person,
    Seat,
    Tier,
)
from govdsl.text import article, clean

JSON_FORMAT_VERSION = 1


# The questions understood, each with the form people write and an example.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("who decides FUNCTION for PLACE", "who decides nm.community_services.north for nm_north"),
    ("what can FORUM decide", "what can nm_north_committee decide"),
    ("who is FORUM accountable to", "who is nm_audit accountable to"),
    ("who sits on FORUM", "who sits on nm_audit"),
    ("where does PERSON sit", "where does lena_frost sit"),
    ("which decisions must PERSON step out of", "which decisions must hugh_marsh step out of"),
)

FILLERS = frozenset({"the", "a", "an", "is", "are", "do", "does", "did", "please"})


class QueryError(ValueError):
    """A question that cannot be answered as asked; the message says why, for the person who asked."""


# -- words ------------------------------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    """The words of a question or phrase: lower case, without punctuation or filler words.

    Dots and underscores inside ids (`nm.community_services.north`) and the
    commas inside amounts (`£1,200,000`) are kept.
    """
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r",(?!\d)", " ", text)
    text = re.sub(r"[?!;:\"\u201c\u201d()\[\]{}<>]", " ", text)
    out = []
    for token in text.split():
        token = token.strip(".'`")
        if token.endswith("'s"):
            token = token[:-2]
        if token and token not in FILLERS:
            out.append(token)
    return out


def key(text: str) -> str:
    """A name reduced for comparison: `Audit and Risk Committee` and `audit_and_risk_committee` agree."""
    text = re.sub(r"['\u2019]s\b", "", text.lower())
    parts = re.split(r"[^0-9a-z£]+", text)
    return " ".join(p for p in parts if p and p not in FILLERS)


def people_count(number: int | None) -> str:
    if number is None:
        return "not stated"
    if number >= 1_000_000:
        return f"{number / 1_000_000:.2f}".rstrip("0").rstrip(".") + "m"
    if number >= 1_000:
        return f"{number / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    return str(number)


_AMOUNT = re.compile(r"^£?(\d[\d,_]*(?:\.\d+)?)(k|m|bn|thousand|million|billion)?$")
_SCALE = {None: 1, "k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9}


def parse_amount(text: str) -> Decimal | None:
    """`£5m`, `5m`, `£1,200,000`, `1.02m`, `250k`, `5 million` as a number; None if it is not one."""
    text = text.strip().lower().replace(" ", "")
    text = re.sub(r"(million|billion|thousand)$", lambda m: m.group(1), text)
    match = _AMOUNT.match(text)
    if not match:
        return None
    digits = match.group(1).replace(",", "").replace("_", "")
    try:
        return Decimal(digits) * _SCALE[match.group(2)]
    except ArithmeticError:
        return None


# -- describing things -------------------------------------------------------------------------------


def name(model: Model, id: str | None) -> str:
    """`nm_audit` (Audit and Risk Committee): the id and the title people know it by."""
    if not id:
        return "(nobody)"
    entity = model.entity(id)
    if entity is None:
        return f"`{id}`"
    title = title_of(entity)
    if isinstance(entity, Person):
        return f"`{id}` ({title})" if title else f"`{id}`"
    return f"`{id}` ({title})" if title and key(title) != key(id) else f"`{id}`"


def basis_label(basis: str | None) -> str:
    if not basis:
        return "no legal basis stated"
    term = v.LEGAL_BASES.get(basis)
    return term.label if term else basis


def capacity_words(capacities) -> str:
    return ", ".join((v.CAPACITIES[c].label if c in v.CAPACITIES else c) for c in capacities)


def quorum_words(forum: Forum) -> str:
    quorum = forum.quorum
    if quorum is None:
        return "no quorum stated"
    parts = []
    for requirement in quorum.requirements:
        labels = " or ".join(
            (v.CAPACITIES.get(q) or v.QUORUM_QUALITIES.get(q) or v.Term(q, q)).label for q in requirement.alternatives
        )
        parts.append(f"{requirement.count} × {labels}")
    text = f"{quorum.count} voting member{'s' if quorum.count != 1 else ''}" if quorum.count is not None else quorum_size(quorum)
    return text + (f", including {', '.join(parts)}" if parts else "")


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


# -- the model as of a date -------------------------------------------------------------------------


class ModelView:
    """The model as it stands on a date, with the derived facts the questions need (each computed once)."""

    def __init__(self, model: Model, as_of: dt.date | None = None):
        self.history = model
        self.as_of = as_of or dt.date.today()
        self.model = model_as_of(model, self.as_of)
        self.facts = Facts(self.model, self.history)

    @cached_property
    def names(self) -> "Names":
        return Names(self.model)

    @property
    def authority(self) -> Authority:
        return self.facts.authority

    def tier_path(self, tier_id: str) -> list[str]:
        """A tier and the tiers it is nested in, nearest first (a place, its system)."""
        return self.facts.tier_path(tier_id)


# -- names ------------------------------------------------------------------------------------------

_LOOSE_IGNORED = frozenset({"of", "and", "for", "in", "on", "at", "to", "nhs"})


class Names:
    """Finds the entity a phrase names, forgivingly, or says why it cannot."""

    def __init__(self, model: Model):
        self.model = model
        self.entries = []  # (entity, category, keys, words)
        for entity in model.entities:
            category = category_of(entity)
            keys = {key(entity.id)}
            title = title_of(entity)
            if title:
                keys.add(key(title))
            words = set()
            for k in keys:
                words.update(k.split())
            self.entries.append((entity, category, keys, words))

    def find(self, phrase: str, categories: tuple[str, ...], *, prefer=None, what: str | None = None, loose: bool = True):
        """The one entity of `categories` that `phrase` names.

        `prefer` (entity -> bool) settles a choice between several; `what`
        ("a forum") is how the expected thing is described in messages.
        """
        what = what or _what(categories)
        phrase = phrase.strip()
        if not phrase:
            raise QueryError(f"{what} is missing from the question")
        raw = phrase.strip("`\"'")
        entity = self.model.entity(raw)
        if entity is not None:
            if category_of(entity) in categories:
                return entity
            raise QueryError(f"`{raw}` is {article(kind_label(entity))}, not {what}")
        wanted = key(raw)
        if not wanted:
            raise QueryError(f"{what} is missing from the question")
        candidates = [e for e in self.entries if e[1] in categories]
        exact = [e[0] for e in candidates if wanted in e[2]]
        if exact:
            return self._one(raw, exact, prefer, what)
        aliased = [e[0] for e in candidates if self._alias(e[0], wanted)]
        if aliased:
            return self._one(raw, aliased, prefer, what)
        words = set(wanted.split()) - _LOOSE_IGNORED
        if words and loose:
            loose = [e for e in candidates if words <= e[3]]
            if len(loose) > 1:  # the phrase as written, word for word, in an id or title settles it
                padded = f" {wanted} "
                written = [e for e in loose if any(padded in f" {k} " for k in e[2])]
                loose = written or loose
            if loose:
                return self._one(raw, [e[0] for e in loose], prefer, what)
        raise QueryError(self._unknown(raw, wanted, candidates, what, categories))

    def _one(self, phrase, found, prefer, what):
        if len(found) > 1 and prefer is not None:
            preferred = [e for e in found if prefer(e)]
            if preferred:
                found = preferred
        if len(found) == 1:
            return found[0]
        shown = "; ".join(name(self.model, e.id) for e in found[:8])
        more = f"; and {len(found) - 8} more" if len(found) > 8 else ""
        raise QueryError(f"`{phrase}` could mean more than one {_noun(what)}: {shown}{more}. Use the id of the one you mean.")

    def _alias(self, entity, wanted: str) -> bool:
        """Whether `wanted` names the kind of thing `entity` is (the ICP, the ICB board, the audit committee)."""
        singular = wanted[:-1] if wanted.endswith("s") else wanted
        if isinstance(entity, Forum):
            kind = v.FORUM_KINDS.get(entity.kind)
            names = {key(entity.kind)} | ({key(kind.label)} if kind else set())
            names |= {kind.abbreviation} if kind and kind.abbreviation else set()
            if entity.role and entity.role in v.FORUM_ROLES:
                names |= {key(v.FORUM_ROLES[entity.role].label), key(entity.role + " committee")}
            if kind and kind.governing_body:
                for parent in entity.parents:
                    owner = self.model.entity(parent)
                    if isinstance(owner, Organisation):
                        names |= {key(owner.kind + " board")}
                        label = v.ORGANISATION_KINDS.get(owner.kind)
                        if label:
                            names.add(key(label.label + " board"))
            return wanted in names or singular in names
        if isinstance(entity, Organisation):
            kind = v.ORGANISATION_KINDS.get(entity.kind)
            names = {key(entity.kind)} | ({key(kind.label)} if kind else set())
            return wanted in names or singular in names
        if isinstance(entity, Tier):
            return wanted == key(entity.kind)
        return False

    def _unknown(self, raw, wanted, candidates, what, categories) -> str:
        elsewhere = [e[0] for e in self.entries if e[1] not in categories and wanted in e[2]]
        if elsewhere:
            other = elsewhere[0]
            return f"`{raw}` names {article(kind_label(other))}, {name(self.model, other.id)}, not {what}"
        ids = [e[0].id for e in candidates]
        suggestion = did_you_mean(raw, ids) or did_you_mean(raw.replace(" ", "_"), ids)
        if suggestion is None:
            by_title = {k: e[0].id for e in candidates for k in e[2]}
            match = did_you_mean(wanted, list(by_title))
            suggestion = by_title.get(match) if match else None
        hint = f" Did you mean {name(self.model, suggestion)}?" if suggestion else ""
        return f"nothing called `{raw}` is declared ({_looking_for(what)}).{hint}"


def _what(categories) -> str:
    words = {
        "tier": "a place or system",
        "organisation": "an organisation",
        "person": "a person",
        "forum": "a forum",
        "function": "a function",
        "decision": "a decision",
        "delegation": "a delegation",
    }
    labels = [words.get(c, c) for c in categories]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def _noun(what: str) -> str:
    return re.sub(r"^(a|an) ", "", what).split(" or ")[0].split(", ")[0]


def _looking_for(what: str) -> str:
    return f"looking for {what}"


# -- the answer ------------------------------------------------------------------------------------


@attrs.frozen
class Item:
    text: str
    details: tuple[str, ...] = ()


@attrs.frozen
class Section:
    heading: str
    items: tuple[Item, ...]


@attrs.frozen
class Answer:
    question: str  # as asked
    form: str  # which question it was understood as: QUESTIONS' first column
    restated: str  # the question with the things it names
    summary: str  # the answer in one or two sentences
    sections: tuple[Section, ...] = ()
    data: dict = attrs.field(factory=dict, eq=False)


def _section(heading: str, items) -> Section | None:
    items = tuple(items)
    return Section(heading, items) if items else None


def _answer(question, form, restated, summary, sections, data) -> Answer:
    return Answer(question, form, restated, summary, tuple(s for s in sections if s is not None), data)


# -- who decides FUNCTION for PLACE ------------------------------------------------------------------


def _party_data(view: ModelView, id: str) -> dict:
    entity = view.model.entity(id) or view.history.entity(id)
    return {"id": id, "title": title_of(entity) if entity else id, "kind": kind_label(entity) if entity else None}


def _link_data(view: ModelView, d: Delegation) -> dict:
    return {
        "delegation": d.id,
        "title": clean(d.title),
        "from": d.delegator,
        "to": d.delegate,
        "limit": None if d.limit is None else str(d.limit),
        "further_delegation": d.further_delegation,
        "basis": d.basis,
        "basis_label": basis_label(d.basis) if d.basis else None,
        "reports_to": list(d.reports_to),
    }


def _link_text(view: ModelView, d: Delegation) -> str:
    limit = f"up to {pounds(d.limit)}" if d.limit is not None else "with no limit of its own"
    further = "may delegate further" if d.further_delegation else "may not delegate further"
    return (
        f"`{d.delegator}` → `{d.delegate}` by `{d.id}` ({clean(d.title)}): {limit}; {basis_label(d.basis)}; {further}"
    )


def holding_data(view: ModelView, holding: Holding) -> dict:
    return {
        **_party_data(view, holding.party),
        "limit": None if holding.limit is None else str(holding.limit),
        "further_delegation": holding.further_delegation,
        "chain": [_link_data(view, d) for d in holding.chain],
    }


def _acts_for(view: ModelView, holding: Holding) -> str:
    """", through its board `nm_icb_board`" when an organisation decides through its board."""
    if not isinstance(view.model.entity(holding.party), Organisation):
        return ""
    boards = view.facts.boards_of.get(holding.party, [])
    return f"; its board {name(view.model, boards[0].id)} decides for it" if boards else ""


def deciders(view: ModelView, function: Function, place: Tier | None) -> tuple[list[Holding], list[str], str | None]:
    """Who decides a function for a place: the holders acting at that tier, or the nearest above it.

    Returns the deciders, the tiers looked at (the place and those above it)
    and a note when the function does not concern the place.
    """
    authority = view.authority
    holdings = authority.holdings(function.id)
    if place is None:
        return sorted(holdings, key=lambda h: len(h.chain)), [], None
    path = view.tier_path(place.id)
    note = None
    if function.scope and function.scope != place.id:
        scope_path = view.tier_path(function.scope)
        if place.id in scope_path:
            path = scope_path  # the function concerns a tier inside the place asked about
        elif function.scope not in path:
            note = (
                f"`{function.id}` concerns {name(view.model, function.scope)} only, "
                f"not {name(view.model, place.id)}"
            )
            return [], path, note
    facts = view.facts

    def on_path(party: str) -> bool:
        rank = facts.rank_of(authority.canonical(party))
        return (rank is not None and rank < 0) or (facts.tier_of(party) or facts.tier_of(authority.canonical(party))) in path

    def local(holding: Holding) -> Holding:
        """The holding through the chain that stays closest to the place (committees in common have several)."""
        chains = authority.chains(function.id, holding.canonical)
        if len(chains) < 2:
            return holding

        def score(chain):
            parties = [d.delegator for d in chain] + [d.delegate for d in chain]
            limit = authority.chain_limit(chain)
            return (sum(on_path(p) for p in parties), UNLIMITED if limit is None else limit, -len(chain))

        chain = max(chains, key=score)
        return attrs.evolve(holding, chain=chain, limit=authority.chain_limit(chain))

    ranked = []
    for holding in map(local, holdings):
        tier = facts.tier_of(holding.party) or facts.tier_of(holding.canonical)
        if tier in path:
            distance = path.index(tier)
        else:
            rank = facts.rank_of(holding.canonical)
            if rank is not None and rank < 0:
                distance = len(path) + (1 if rank == -2 else 0)
            elif not holding.chain:
                distance = len(path) + 2  # the holder, whose tier is not known
            else:
                continue
        ranked.append((distance, -len(holding.chain), holding))
    if not ranked:
        return [], path, None
    best = min((d, c) for d, c, _ in ranked)
    return [h for d, c, h in ranked if (d, c) == best], path, note


def _who_decides(view: ModelView, question: str, rest: list[str]) -> Answer:
    names = view.names
    connectors = [i for i, w in enumerate(rest) if w in ("for", "in", "at", "across")]
    # The whole phrase as the exact name of a function (titles may contain "for"), then each
    # split at a "for" or "in" from the last, then the whole phrase matched loosely.
    attempts = [(rest, None, False)] + [(rest[:i], rest[i + 1 :], True) for i in reversed(connectors)]
    attempts.append((rest, None, True))
    errors: list[QueryError] = []
    for function_words, place_words, loose in attempts:
        if not function_words or (place_words is not None and not place_words):
            errors.append(QueryError("say which function, and which place, such as `who decides nm.community_services.north for nm_north`"))
            continue
        try:
            place = names.find(" ".join(place_words), ("tier",)) if place_words else None
            path = view.tier_path(place.id) if place else []

            def concerns(entity, path=path):
                return not path or not entity.scope or entity.scope in path or place.id in view.tier_path(entity.scope)

            function = names.find(" ".join(function_words), ("function",), prefer=concerns, loose=loose)
        except QueryError as problem:
            errors.append(problem)
            continue
        return who_decides_answer(view, question, function, place)
    # The split at the last "for" or "in" is the likeliest reading of the question.
    raise errors[1] if connectors else errors[-1]


def who_decides_answer(view: ModelView, question: str, function: Function, place: Tier | None) -> Answer:
    model = view.model
    authority = view.authority
    found, path, note = deciders(view, function, place)
    where = f" for {name(model, place.id)}" if place else ""
    restated = f"Who decides {name(model, function.id)}{where}?"
    held_by = (
        f"`{function.id}` is held by {name(model, function.holder)}"
        + (f" ({clean(function.source)})" if function.source else "")
        if function.holder
        else f"`{function.id}` has no holder declared (`held_by`), so no chain can be followed"
    )
    sections = [Section("The function", (Item(held_by),))]
    if function.reserved_to:
        sections[0] = Section(
            "The function",
            (Item(held_by), Item(f"It is reserved to {name(model, function.reserved_to)}, which must decide it itself.")),
        )
    items = []
    for holding in found:
        limit = f"up to {pounds(holding.limit)}" if holding.limit is not None else "with no limit"
        tier = view.facts.tier_of(holding.party) or view.facts.tier_of(holding.canonical)
        at = f", acting at {name(model, tier)}" if tier else ""
        details = [_link_text(view, d) for d in holding.chain] or [f"{name(model, holding.party)} holds it itself"]
        escalation = authority.escalation(holding)
        if escalation:
            who, limit_above = escalation
            details.append(f"above {pounds(holding.limit)} it goes back to {name(model, who)} ({pounds(limit_above) if limit_above is not None else 'no limit'})")
        items.append(Item(f"{name(model, holding.party)}{at}, {limit}{_acts_for(view, holding)}", tuple(details)))
    if note:
        summary = note[0].upper() + note[1:] + "."
    elif not found:
        summary = f"Nobody{where} holds `{function.id}` in the model: " + (
            "it has no holder declared." if not function.holder else "no delegation in force reaches this tier."
        )
    else:
        parts = []
        for holding in found:
            limit = f"up to {pounds(holding.limit)}" if holding.limit is not None else "with no limit"
            escalation = authority.escalation(holding)
            above = f" (above that, `{escalation[0]}`)" if escalation else ""
            parts.append(f"{name(model, holding.party)} {limit}{above}")
        chains = [h for h in found if h.chain]
        how = ", through the chain of delegations below" if chains else ", as its holder"
        summary = " and ".join(parts) + how + "."
    sections.append(_section("Who decides" + where, items))
    if place is not None and path:
        sections.append(
            Section("Tiers looked at, nearest first", (Item(" → ".join(name(model, t) for t in path)),))
        )
    data = {
        "function": {**_party_data(view, function.id), "holder": function.holder, "reserved_to": function.reserved_to, "scope": function.scope},
        "place": _party_data(view, place.id) if place else None,
        "deciders": [holding_data(view, h) for h in found],
        "note": note,
    }
    return _answer(question, QUESTIONS[0][0], restated, summary, sections, data)


# -- what can FORUM decide -----------------------------------------------------------------------------


def _what_can_decide(view: ModelView, question: str, rest: list[str]) -> Answer:
    party = view.names.find(" ".join(rest), ("forum", "person", "organisation"), what="a forum, person or organisation")
    return what_can_decide_answer(view, question, party)


def what_can_decide_answer(view: ModelView, question: str, party) -> Answer:
    model = view.model
    authority = view.authority
    canonical = authority.canonical(party.id)
    restated = f"What can {name(model, party.id)} decide?"
    held_itself, received = [], []
    for holding in authority.functions_of(party.id):
        function = authority.function(holding.function)
        label = f"{name(model, function.id)}"
        if not holding.chain:
            source = f" ({clean(function.source)})" if function.source else ""
            held_itself.append((holding, Item(f"{label}: holds it, with no limit{source}")))
        else:
            limit = f"up to {pounds(holding.limit)}" if holding.limit is not None else "with no limit"
            further = "may delegate it further" if holding.further_delegation else "may not delegate it further"
            received.append(
                (holding, Item(f"{label}: {limit}; {further}", tuple(_link_text(view, d) for d in holding.chain)))
            )
    held_ids = {h.function for h, _ in held_itself + received}
    # Delegations to it of functions its giver does not hold: shown, so the gap is seen.
    unfounded = []
    for d in view.facts.delegations_to.get(party.id, []):
        for function_id in d.functions:
            if function_id not in held_ids and authority.function(function_id) is not None:
                unfounded.append(
                    Item(
                        f"{name(model, function_id)}: delegated by `{d.id}` from `{d.delegator}`, which does not hold it "
                        "(so this delegation gives no authority; `govdsl check` reports it as DEL004)"
                    )
                )
    boards = {party.id} | {b.id for b in view.facts.boards_of.get(party.id, [])}
    reserved = [
        Item(f"{name(model, f.id)}: reserved to {name(model, f.reserved_to)}, which must decide it itself")
        for f in model.functions
        if f.reserved_to in boards
    ]
    passes_on = []
    for d in view.facts.delegations_from.get(party.id, []):
        limit = f"up to {pounds(d.limit)}" if d.limit is not None else "with no limit of its own"
        what = ", ".join(f"`{f}`" for f in d.functions)
        passes_on.append(Item(f"{what} to {name(model, d.delegate)} by `{d.id}`, {limit}"))
    if canonical != party.id:
        note = Item(f"{name(model, party.id)} decides for {name(model, canonical)}, so it holds what {name(model, canonical)} holds.")
    else:
        note = None
    total = len(held_itself) + len(received)
    reserved_count = len(reserved)
    summary = f"{name(model, party.id)} can decide {_plural(total, 'function')}"
    if received:
        summary += f" ({len(received)} delegated to it)"
    if reserved_count:
        summary += f"; {_plural(reserved_count, 'function is', 'functions are')} reserved to it"
    summary += "."
    if total == 0 and not reserved:
        summary = f"{name(model, party.id)} holds no function in the model, and none is delegated to it."
    sections = [
        _section("About it", [note] if note else []),
        _section("Functions it holds itself", [i for _, i in held_itself]),
        _section("Functions delegated to it", [i for _, i in received]),
        _section("Functions reserved to it", reserved),
        _section("Delegated to it without authority", unfounded),
        _section("It delegates on", passes_on),
    ]
    data = {
        "party": _party_data(view, party.id),
        "acts_for": canonical if canonical != party.id else None,
        "holds": [holding_data(view, h) | {"function": h.function} for h, _ in held_itself],
        "delegated": [holding_data(view, h) | {"function": h.function} for h, _ in received],
        "reserved": [f.id for f in model.functions if f.reserved_to in boards],
        "delegates_on": [_link_data(view, d) | {"functions": list(d.functions)} for d in view.facts.delegations_from.get(party.id, [])],
    }
    return _answer(question, QUESTIONS[1][0], restated, summary, sections, data)


# -- who is FORUM accountable to ------------------------------------------------------------------------


@attrs.frozen
class Link:
    """One step up the line of accountability."""

    source: str
    target: str
    kind: str  # parent, accountable_to, reports_to, part_of, delegation
    delegation: str | None = None

    def words(self, model: Model) -> str:
        source = model.entity(self.source)
        if self.kind == "parent":
            verb = f"is {article(kind_label(source))} of" if isinstance(source, Forum) else "belongs to"
            if isinstance(source, Forum) and v.FORUM_KINDS[source.kind].governing_body:
                verb = "is the board of"
        elif self.kind == "accountable_to":
            verb = "is accountable to"
        elif self.kind == "reports_to":
            verb = "reports to"
        elif self.kind == "part_of":
            verb = "is part of"
        else:
            verb = "reports to"
        tail = f" on delegation `{self.delegation}`" if self.delegation else ""
        return f"{name(model, self.source)} {verb} {name(model, self.target)}{tail}"


def _accountability_edges(view: ModelView) -> dict[str, list[Link]]:
    edges: dict[str, list[Link]] = defaultdict(list)
    model = view.model
    for forum in model.forums:
        for parent in forum.parents:
            if parent:
                edges[forum.id].append(Link(forum.id, parent, "parent"))
    for line in model.lines:
        if line.kind in ("accountable_to", "reports_to") and line.source and line.target:
            edges[line.source].append(Link(line.source, line.target, line.kind))
    for organisation in model.organisations:
        if organisation.part_of and not any(e.target == organisation.part_of for e in edges[organisation.id]):
            edges[organisation.id].append(Link(organisation.id, organisation.part_of, "part_of"))
    for d in model.delegations:
        for target in d.reports_to:
            if d.delegate and target and not any(e.target == target for e in edges[d.delegate]):
                edges[d.delegate].append(Link(d.delegate, target, "delegation", d.id))
    return edges


def accountability_line(view: ModelView, party: str) -> tuple[list[Link], dict[str, list[Link]]]:
    """Every step up from a party (breadth first), and for each party reached the shortest path to it."""
    edges = _accountability_edges(view)
    steps: list[Link] = []
    paths: dict[str, list[Link]] = {party: []}
    queue = [party]
    while queue:
        current = queue.pop(0)
        for link in edges.get(current, []):
            steps.append(link)
            if link.target not in paths:
                paths[link.target] = paths[current] + [link]
                queue.append(link.target)
    return steps, paths


def _accountable(view: ModelView, question: str, rest: list[str]) -> Answer:
    party = view.names.find(" ".join(rest), ("forum", "organisation", "person"), what="a forum or organisation")
    return accountability_answer(view, question, party)


def accountability_answer(view: ModelView, question: str, party) -> Answer:
    model = view.model
    steps, paths = accountability_line(view, party.id)
    restated = f"Who is {name(model, party.id)} accountable to?"
    reached = [p for p in paths if p != party.id]
    nhse = [p for p in reached if isinstance(model.entity(p), Organisation) and model.entity(p).kind == "nhs_england"]
    if not steps:
        summary = f"{name(model, party.id)} has no line of accountability in the model: no parent, `accountable_to` or `reports_to`."
    elif nhse:
        route = paths[nhse[0]]
        summary = (
            f"{name(model, party.id)} answers, through {_plural(len(route), 'step')}, to {name(model, nhse[0])}: "
            + " → ".join([f"`{party.id}`"] + [f"`{link.target}`" for link in route])
            + "."
        )
    else:
        tops = [p for p in reached if not any(link.source == p for link in steps)]
        summary = (
            f"{name(model, party.id)} answers to {', '.join(name(model, p) for p in reached[:4])}"
            + (f" and {len(reached) - 4} more" if len(reached) > 4 else "")
            + "; the line does not reach NHS England"
            + (f": it ends at {', '.join(name(model, t) for t in tops)}" if tops else "")
            + "."
        )
    seen_pairs = set()
    items = []
    for link in steps:
        pair = (link.source, link.target, link.kind)
        if pair in seen_pairs:
            continue
        seen_pairs.add(pair)
        items.append(Item(link.words(model)))
    data = {
        "party": _party_data(view, party.id),
        "reaches_nhs_england": bool(nhse),
        "accountable_to": [
            {**_party_data(view, target), "path": [{"from": l.source, "to": l.target, "kind": l.kind, "delegation": l.delegation} for l in path]}
            for target, path in paths.items()
            if target != party.id
        ],
    }
    return _answer(question, QUESTIONS[2][0], restated, summary, [_section("The line up", items)], data)


# -- who sits on FORUM, where does PERSON sit ---------------------------------------------------------


def _seat_data(seat: Seat) -> dict:
    return {
        "forum": seat.forum,
        "person": seat.person,
        "capacities": list(seat.capacities),
        "voting": seat.voting,
        "for": seat.representing,
        "start": seat.start.isoformat() if seat.start else None,
        "end": seat.end.isoformat() if seat.end else None,
    }


def _seat_text(view: ModelView, seat: Seat, subject: str) -> str:
    model = view.model
    parts = [capacity_words(seat.capacities)]
    if seat.voting or not set(seat.capacities) <= v.NON_VOTING_CAPACITIES:
        parts.append("voting" if seat.voting else "non-voting")
    if seat.representing:
        parts.append(f"for `{seat.representing}`")
    if seat.weight != 1:
        parts.append(f"weight {seat.weight}")
    dates = period_words(seat.start, seat.end, iso=True)
    if dates:
        parts.append(dates)
    who = seat.person if subject == "person" else seat.forum
    return f"{name(model, who)}: " + "; ".join(parts)


def _sits_on(view: ModelView, question: str, rest: list[str]) -> Answer:
    forum = view.names.find(" ".join(rest), ("forum",))
    return sits_on_answer(view, question, forum)


def sits_on_answer(view: ModelView, question: str, forum: Forum) -> Answer:
    from govdsl.lenses.power import describe_rule

    model = view.model
    seats = list(forum.seats)
    voting = [s for s in seats if s.voting]
    chairs = [s.person for s in seats if "chair" in s.capacities]
    restated = f"Who sits on {name(model, forum.id)}?"
    summary = (
        f"{name(model, forum.id)} has {_plural(len(seats), 'member')} on {view.as_of.isoformat()}, "
        f"{len(voting)} of them voting"
        + (f"; the chair is {name(model, chairs[0])}" if chairs else "; no chair is declared")
        + "."
    )
    if not seats:
        summary = f"Nobody sits on {name(model, forum.id)} on {view.as_of.isoformat()}."
    rules = [Item(f"Quorum: {quorum_words(forum)}."), Item(f"Decides by {describe_rule(forum)}.")]
    sections = [
        _section("Voting members", [Item(_seat_text(view, s, "person")) for s in voting]),
        _section("Taking part without a vote", [Item(_seat_text(view, s, "person")) for s in seats if not s.voting]),
        _section("How it decides", rules),
    ]
    data = {"forum": _party_data(view, forum.id), "seats": [_seat_data(s) for s in seats]}
    return _answer(question, QUESTIONS[3][0], restated, summary, sections, data)


def _where_sits(view: ModelView, question: str, rest: list[str]) -> Answer:
    person = view.names.find(" ".join(rest), ("person",))
    return where_sits_answer(view, question, person)


def where_sits_answer(view: ModelView, question: str, person: Person) -> Answer:
    model = view.model
    seats = list(view.facts.seats_of.get(person.id, []))
    restated = f"Where does {name(model, person.id)} sit?"
    voting = [s for s in seats if s.voting]
    forums = list(dict.fromkeys(s.forum for s in seats))
    summary = (
        f"{name(model, person.id)} sits on {_plural(len(forums), 'forum')} on {view.as_of.isoformat()}, "
        f"with a vote on {len(set(s.forum for s in voting))}."
        if seats
        else f"{name(model, person.id)} holds no seat on {view.as_of.isoformat()}."
    )
    posts = []
    for post in person.posts:
        role = post.title or (v.POST_ROLES[post.role].label if post.role in v.POST_ROLES else post.role)
        posts.append(Item(f"{clean(role)}" + (f" at {name(model, post.organisation)}" if post.organisation else "")))
    sections = [
        _section("Seats", [Item(_seat_text(view, s, "forum")) for s in seats]),
        _section("Posts", posts),
    ]
    data = {"person": _party_data(view, person.id), "seats": [_seat_data(s) for s in seats]}
    return _answer(question, QUESTIONS[4][0], restated, summary, sections, data)


# -- which decisions must PERSON step out of ---------------------------------------------------------

STAYING_ACTIONS = frozenset({"declare_and_participate", "withhold_papers"})


@attrs.frozen
class StepOut:
    """A decision where a voting member has a stake in an organisation it affects."""

    decision: str
    forum: str
    date: dt.date | None
    affected: str  # the affected organisation
    stake: str  # the organisation they have the interest in, or hold the post at
    interest: Interest | None  # None when the stake is a post or employment never declared
    post: str | None  # "chief executive at `x`" for an undeclared stake
    must: bool  # the register says they step out (or it does not say they may stay)
    recorded: bool  # listed under the decision's `excluded:`

    def reason(self, model: Model) -> str:
        through = f" (part of `{self.affected}`)" if self.stake != self.affected else ""
        if self.interest is None:
            return f"{self.post}{through}, not declared as an interest"
        interest = self.interest
        label = v.INTEREST_TYPES[interest.type].label if interest.type in v.INTEREST_TYPES else interest.type
        described = f": {clean(interest.description)}" if interest.description else ""
        action = (
            v.MANAGEMENT_ACTIONS[interest.action].label if interest.action in v.MANAGEMENT_ACTIONS else "no action recorded"
        )
        return f"{label} interest in `{self.stake}`{through}{described}; agreed action: {action}"


def _with_parents(facts: Facts, organisation: str) -> list[str]:
    out, current = [], organisation
    while current and current not in out:
        out.append(current)
        found = facts.organisation(current)
        current = found.part_of if found else None
    return out


def step_outs(view: ModelView, person_id: str) -> list[StepOut]:
    """Decisions where a person held a vote and a stake in an affected organisation, on the decision's date."""
    facts = view.facts
    out = []
    for decision in view.history.decisions:
        if not decision.affects or not decision.forum:
            continue
        on = decision.date or view.as_of
        if not any(s.person == person_id and s.voting for s in facts.seats_on(decision.forum, on)):
            continue
        affected = set(decision.affects)
        recorded = person_id in decision.excluded
        found: dict[tuple[str, str], StepOut] = {}
        for interest in facts.interests_on(person_id, on):
            if not interest.organisation:
                continue
            for organisation in _with_parents(facts, interest.organisation):
                if organisation in affected and (organisation, interest.organisation) not in found:
                    must = interest.action not in STAYING_ACTIONS
                    found[(organisation, interest.organisation)] = StepOut(
                        decision.id, decision.forum, decision.date, organisation, interest.organisation, interest, None, must, recorded
                    )
        forum = facts.forum(decision.forum) or view.history.entity(decision.forum)
        own = set(facts.organisations_of(decision.forum)) | set(getattr(forum, "partners", ()) or ())
        person = view.history.entity(person_id)
        declared = {stake for _, stake in found}
        if isinstance(person, Person):
            stakes: dict[str, str] = {}
            for post in posts_on(person, on):  # the posts held on the decision's date
                if post.organisation and post.role in v.INTEREST_BEARING_POSTS:
                    role = post.title or v.POST_ROLES[post.role].label
                    stakes.setdefault(post.organisation, f"{clean(role)} at `{post.organisation}`")
            for employer in person.employers:
                stakes.setdefault(employer, f"employed by `{employer}`")
            for stake, words in stakes.items():
                if stake in declared or stake in own:
                    continue
                for organisation in _with_parents(facts, stake):
                    if organisation in affected and (organisation, stake) not in found:
                        found[(organisation, stake)] = StepOut(
                            decision.id, decision.forum, decision.date, organisation, stake, None, words, True, recorded
                        )
        out.extend(found.values())
    return out


def _step_out(view: ModelView, question: str, rest: list[str]) -> Answer:
    person = view.names.find(" ".join(rest), ("person",))
    return step_out_answer(view, question, person)


def step_out_answer(view: ModelView, question: str, person: Person) -> Answer:
    model = view.history
    found = step_outs(view, person.id)
    by_decision: dict[str, list[StepOut]] = defaultdict(list)
    for s in found:
        by_decision[s.decision].append(s)
    must, may = [], []
    for decision_id, stakes in by_decision.items():
        decision = model.entity(decision_id)
        when = f" on {decision.date.isoformat()}" if decision.date else ""
        heading = f"{name(model, decision_id)} at {name(model, decision.forum)}{when}"
        details = tuple(s.reason(model) for s in stakes)
        if any(s.must for s in stakes):
            recorded = stakes[0].recorded
            status = (
                "recorded as stepping out (`excluded:`)" if recorded else "NOT recorded as stepping out: the decision does not list them under `excluded:`"
            )
            must.append(Item(f"{heading}: {status}", details))
        else:
            may.append(Item(f"{heading}: may stay, declaring the interest", details))
    # Standing conflicts: forums where they vote and hold interests that exclude them from related items.
    standing = []
    for seat in view.facts.seats_of.get(person.id, []):
        if not seat.voting:
            continue
        forum = view.facts.forum(seat.forum)
        own = set(view.facts.organisations_of(seat.forum)) | set(forum.partners if forum else ())
        excluding = [
            i
            for i in view.model.entity(person.id).interests
            if i.organisation and i.action not in STAYING_ACTIONS and i.organisation not in own
        ]
        if excluding:
            organisations = ", ".join(f"`{i.organisation}`" for i in excluding)
            standing.append(Item(f"on {name(model, seat.forum)}: any item affecting {organisations}"))
    restated = f"Which decisions must {name(model, person.id)} step out of?"
    if must:
        unrecorded = [i for i in must if "NOT recorded" in i.text]
        summary = f"{name(model, person.id)} must step out of {_plural(len(must), 'recorded decision')}"
        summary += f"; {len(unrecorded)} of them {'does' if len(unrecorded) == 1 else 'do'} not record it." if unrecorded else "."
    else:
        summary = f"No recorded decision needs {name(model, person.id)} to step out."
    if may:
        summary += f" In {_plural(len(may), 'other decision')} they may stay, declaring the interest."
    sections = [
        _section("Decisions they must step out of", must),
        _section("Decisions where they may stay, declaring the interest", may),
        _section("Where they vote, they step out of", list(dict.fromkeys(standing))),
    ]
    data = {
        "person": _party_data(view, person.id),
        "decisions": [
            {
                "decision": s.decision,
                "forum": s.forum,
                "date": s.date.isoformat() if s.date else None,
                "affects": s.affected,
                "stake": s.stake,
                "interest_type": s.interest.type if s.interest else None,
                "action": s.interest.action if s.interest else None,
                "undeclared_post": s.post,
                "must_step_out": s.must,
                "recorded_as_excluded": s.recorded,
            }
            for s in found
        ],
    }
    return _answer(question, QUESTIONS[5][0], restated, summary, sections, data)


# -- understanding the question -----------------------------------------------------------------------

_FORMS = (
    (re.compile(r"^who (?:can |may )?(?:decides?|takes? decisions|makes? decisions)(?: on| about| over)? (?P<x>.+)$"), _who_decides),
    (re.compile(r"^what (?:can |may |could )?(?P<x>.+?) (?:decide|decides)(?: on| about)?$"), _what_can_decide),
    (re.compile(r"^what decisions (?:can |may |could )?(?P<x>.+?) (?:take|make|takes|makes)$"), _what_can_decide),
    (re.compile(r"^(?:who|whom) (?P<x>.+?) (?:accountable|answerable|responsible) to$"), _accountable),
    (re.compile(r"^who (?P<x>.+?) (?:report|reports|answer|answers) to$"), _accountable),
    (re.compile(r"^to whom (?P<x>.+?) (?:accountable|answerable)$"), _accountable),
    (re.compile(r"^who (?:sits?|serves?|votes?) (?:on|in) (?P<x>.+)$"), _sits_on),
    (re.compile(r"^who (?:on|members? of) (?P<x>.+)$"), _sits_on),
    (re.compile(r"^(?:members|membership) of (?P<x>.+)$"), _sits_on),
    (re.compile(r"^where (?P<x>.+?) (?:sits?|serves?)$"), _where_sits),
    (re.compile(r"^(?:which|what) (?:forums|committees|boards|seats) (?P<x>.+?) (?:sits?|serves?) on$"), _where_sits),
    (
        re.compile(
            r"^(?:which|what) decisions (?:must |should |has to |have to |ought to |needs? to )?(?P<x>.+?) "
            r"(?:steps?|stands?) (?:out|down|aside)(?: of| from)?$"
        ),
        _step_out,
    ),
    (re.compile(r"^(?:where|when) (?:must |should )?(?P<x>.+?) (?:steps?|stands?) (?:out|aside)$"), _step_out),
)


def questions_help() -> str:
    lines = ["The questions govdsl understands are:"]
    for form, example in QUESTIONS:
        lines.append(f"  {form}    (for example: {example})")
    lines.append("Name things by their id or exact title; case, punctuation and words like `the` and `does` do not matter.")
    return "\n".join(lines)


def ask(model: Model, question: str, as_of: dt.date | None = None, view: ModelView | None = None) -> Answer:
    """Answer a question about the model; `QueryError` if it is not understood or names something unknown."""
    view = view or ModelView(model, as_of)
    words = words_of(question)
    text = " ".join(words)
    for pattern, answer in _FORMS:
        match = pattern.match(text)
        if match:
            rest = match.group("x").split()
            return answer(view, question, rest)
    shown = question.strip() or "(nothing)"
    raise QueryError(f"govdsl does not understand the question \"{clean(shown, 120)}\".\n{questions_help()}")


# -- showing the answer -----------------------------------------------------------------------------


def to_data(answer: Answer, as_of: dt.date | None = None) -> dict:
    return {
        "format_version": JSON_FORMAT_VERSION,
        "question": answer.question,
        "understood_as": answer.form,
        "restated": answer.restated,
        "as_of": as_of.isoformat() if as_of else None,
        "answer": answer.summary,
        "sections": [
            {"heading": s.heading, "items": [{"text": i.text, "details": list(i.details)} for i in s.items]}
            for s in answer.sections
        ],
        "data": answer.data,
    }


def to_json(answer: Answer, as_of: dt.date | None = None) -> str:
    return json.dumps(to_data(answer, as_of), indent=2, ensure_ascii=False) + "\n"


def print_text(answer: Answer, console) -> None:
    from rich.text import Text

    console.print(Text(answer.restated, style="bold"))
    console.print(Text(answer.summary))
    for section in answer.sections:
        console.print()
        console.print(Text(section.heading, style="bold"))
        for item in section.items:
            console.print(Text(f"  - {item.text}"))
            for detail in item.details:
                console.print(Text(f"      {detail}"))
