"""The documents a secretariat publishes, as plain tables built from the model.

Each kind of export (`sord`, `interests`, `membership`, `tor`) is a function
from a `Model` to a `Document`: a title, a one-line note, and one or more
`Table`s of text cells. Nothing here knows about Markdown, CSV or
spreadsheets; the writers in this package decide only how to spell a table.

Cells hold text, a date (`datetime.date`, which each writer formats its own
way) or None (nothing to say). Text taken from the user's files is cleaned of
control and direction-changing characters here, once, so that every writer
starts from inert text; each writer then escapes what is special in its own
format. Words from the vocabularies are shown by their labels, never as the
identifiers written in `.gov` files.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Union

import attrs

from govdsl.analysis.wording import label, name_of, period_words, post_words, sentence
from govdsl.analysis.procedure import Procedures, decision_words, method_words, quorum_size, quorum_words
from govdsl.model import vocabulary as v
from govdsl.model.types import DecisionRule, Delegation, Forum, Function, Model, Organisation, Person, Quorum, Seat
from govdsl.text import clean

Cell = Union[str, dt.date, None]
Row = tuple[Cell, ...]


@attrs.frozen
class Section:
    """Rows `start` to `stop` of a table, shown under their own heading in Markdown."""

    heading: str
    start: int
    stop: int


@attrs.frozen
class Table:
    title: str  # also the spreadsheet's sheet name
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    sections: tuple[Section, ...] = ()
    group_column: str | None = None  # the column the sections stand for (not repeated under headings)
    records: bool = False  # Markdown shows each row as its own small table, headed by its first cell
    empty: str = "None."  # what Markdown says when there are no rows


@attrs.frozen
class Document:
    kind: str
    title: str
    note: str  # one line: what the document is
    systems: tuple[str, ...]
    as_of: dt.date
    public: bool
    tables: tuple[Table, ...]

    @property
    def description(self) -> str:
        """What the document is, and which arrangements it shows, in one paragraph."""
        text = self.note
        if self.public and self.kind == "interests":
            text += " Publication version: indirect interests, interests marked private and contact details are left out."
        return text


KINDS = ("sord", "interests", "membership", "tor")


# -- text ------------------------------------------------------------------------------------
def money(amount: Decimal | None) -> str:
    """`£18,000,000`; `£1,500.50`; `No limit set`."""
    if amount is None:
        return "No limit set"
    if amount.is_infinite():
        return "Unlimited"
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def yes_no(value: bool | None) -> str:
    if value is None:
        return "Not stated"
    return "Yes" if value else "No"


def _join(parts, separator: str = "; ") -> str:
    return separator.join(p for p in parts if p)


def _sentences(parts) -> str:
    """Pieces of text as one paragraph, each ending with a full stop before the next begins."""
    out = ""
    for part in (p for p in parts if p):
        if out:
            out += (" " if out[-1] in ".!?" else ". ") + part
        else:
            out = part
    return out


def reason_words(*reasons: str | None) -> str:
    """`Reason: Bought once for the whole system`: the distinct reasons recorded, in words."""
    texts = _unique(text for text in (clean(r, lines=True) for r in reasons) if text)
    return f"Reason: {'; '.join(texts)}" if texts else ""


def _and_list(items) -> str:
    """`A`, `A and B`, `A, B and C`."""
    items = [i for i in items if i]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _unique(items) -> list:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


class _Names:
    """Names of entities for documents: a title, or a person's name."""

    def __init__(self, model: Model):
        self.model = model

    def __call__(self, id: str | None) -> str:
        return name_of(self.model, id, lines=True)


def systems(model: Model) -> tuple[str, ...]:
    """The system (or, failing that, integrated care board) names for a document's heading."""
    names = tuple(clean(t.title, lines=True) for t in model.tiers if t.kind == "system")
    if not names:
        names = tuple(clean(o.title, lines=True) for o in model.organisations if o.kind == "icb")
    return names


def sourced_words(words: str, sourced, names) -> str:
    """A procedure value in words, with where it comes from when the forum inherits it."""
    if sourced.source is None or sourced.value is None:
        return words
    return f"{words} (from the standing orders of {names(sourced.source)})"


def limit_words(delegation) -> str:
    """£18m; £2m to £10m for a band; unlimited; empty when no limit is stated."""
    if delegation.floor is not None:
        return f"{money(delegation.floor)} to {money(delegation.limit)}"
    return money(delegation.limit)


def seat_words(seat: Seat, start: bool = True) -> str:
    """`Chair and non-executive member`; `Member (non-voting)` for a member without a vote.

    `start=False` leaves the first letter as the label has it, for use mid-sentence.
    """
    non_voting = not seat.voting and not any(c in v.NON_VOTING_CAPACITIES for c in seat.capacities)
    labels = [label(v.CAPACITIES, c) for c in seat.capacities]
    if non_voting:
        labels = ["member" if label == "voting member" else label for label in labels]
    text = " and ".join(labels) + (" (non-voting)" if non_voting else "")
    return sentence(text) if start else text


# -- the scheme of reservation and delegation --------------------------------------------------------
SORD_SECTIONS = {
    "A": "Decisions reserved to the board",
    "B": "Delegated to committees and sub-committees",
    "C": "Delegated to individuals",
    "D": "Delegated to other bodies or exercised jointly",
    "E": "Received from NHS England",
}
SORD_COLUMNS = (
    "Ref",
    "Section",
    "Function / decision",
    "Source",
    "Reserved to / Delegated to",
    "Delegated by",
    "Further delegation",
    "Financial limit",
    "Conditions",
    "Reports / assurance to",
    "Legal basis",
    "Effective",
    "Expires",
    "Review",
)
_PARTNERSHIP_BASES = frozenset({"s65z5_delegation", "s65z5_joint_exercise", "s75_agreement", "lead_provider_contract", "lga_s101"})


def _owners(model: Model, id: str, seen=()) -> frozenset[str]:
    """The organisations a forum, person or organisation belongs to."""
    entity = model.entity(id)
    if isinstance(entity, Organisation):
        return frozenset({entity.id})
    if isinstance(entity, Forum) and id not in seen:
        owners = frozenset()
        for parent in entity.parents:
            owners |= _owners(model, parent, (*seen, id))
        return owners
    if isinstance(entity, Person):
        return frozenset(p.organisation for p in entity.posts if p.organisation) | frozenset(entity.employers)
    return frozenset()


_NATIONAL_KINDS = frozenset({"nhs_england", "nhs_england_region"})


def _national(model: Model, id: str | None) -> bool:
    """Whether a body, forum or person belongs to NHS England alone (not to the system)."""
    owners = _owners(model, id) if id else frozenset()
    return bool(owners) and all(getattr(model.entity(o), "kind", None) in _NATIONAL_KINDS for o in owners)


def sord_section(model: Model, delegation: Delegation) -> str:
    """Which section of the scheme a delegation belongs in: B, C, D or E."""
    delegator, delegate = model.entity(delegation.delegator), model.entity(delegation.delegate)
    if isinstance(delegator, Organisation) and delegator.kind in ("nhs_england", "nhs_england_region"):
        return "E"
    if isinstance(delegate, Person):
        return "C"
    if isinstance(delegate, Organisation) or delegation.basis in _PARTNERSHIP_BASES:
        return "D"
    if isinstance(delegate, Forum):
        if v.FORUM_KINDS[delegate.kind].joint:
            return "D"
        theirs, ours = _owners(model, delegate.id), _owners(model, delegation.delegator)
        if theirs and ours and not theirs & ours:
            return "D"  # a forum of another organisation
    return "B"


def _delegate_name(model: Model, names: _Names, id: str) -> str:
    entity = model.entity(id)
    name = names(id)
    if isinstance(entity, Person) and entity.posts:
        posts = [_post_words(names, post) for post in entity.posts]
        return f"{name} ({_join(posts)})"
    if isinstance(entity, Forum) and v.FORUM_KINDS[entity.kind].joint:
        bodies = _unique([*entity.partners, *(p for p in entity.parents if isinstance(model.entity(p), Organisation))])
        if bodies:
            return f"{name} ({label(v.FORUM_KINDS, entity.kind)} of {_and_list(names(b) for b in bodies)})"
    return name


def sord(model: Model) -> Table:
    names = _Names(model)
    functions: dict[str, Function] = {f.id: f for f in model.functions}
    by_section: dict[str, list[Row]] = {key: [] for key in SORD_SECTIONS}

    def row(section: str, function: Function, *rest) -> Row:
        ref = f"{section}{len(by_section[section]) + 1}"
        return (ref, f"{section}. {SORD_SECTIONS[section]}", clean(function.title, lines=True), clean(function.source, lines=True), *rest)

    # The scheme is the system's: what NHS England reserves to its own board, or delegates
    # within NHS England, belongs in NHS England's scheme, not here (what it delegates to
    # the system is section E).
    for function in model.functions:
        if function.reserved_to and not _national(model, function.reserved_to):
            by_section["A"].append(
                row("A", function, names(function.reserved_to), "", "No", "", reason_words(function.reason), "", "", None, None, None)
            )
    for delegation in model.delegations:
        if _national(model, delegation.delegator) and _national(model, delegation.delegate):
            continue
        section = sord_section(model, delegation)
        for function_id in delegation.functions:
            function = functions.get(function_id)
            if function is None:
                continue
            by_section[section].append(
                row(
                    section,
                    function,
                    _delegate_name(model, names, delegation.delegate),
                    names(delegation.delegator),
                    yes_no(delegation.further_delegation),
                    limit_words(delegation),
                    _sentences([clean(delegation.conditions, lines=True), reason_words(delegation.reason, function.reason)]),
                    _join(names(r) for r in delegation.reports_to),
                    sentence(label(v.LEGAL_BASES, delegation.basis)),
                    delegation.start,
                    delegation.end,
                    delegation.review,
                )
            )
    rows: list[Row] = []
    sections = []
    for key, heading in SORD_SECTIONS.items():
        start = len(rows)
        rows.extend(by_section[key])
        sections.append(Section(f"{key}. {heading}", start, len(rows)))
    return Table(
        "Scheme of delegation", SORD_COLUMNS, tuple(rows), tuple(sections), group_column="Section", empty="None in force."
    )


# -- the register of interests ---------------------------------------------------------------------
INTEREST_COLUMNS = (
    "Name",
    "Roles",
    "Interest type",
    "Description",
    "Organisation or matter",
    "From",
    "To",
    "Declared on",
    "Management action",
)


def _post_words(names: _Names, post, dated: bool = False) -> str:
    """`Chief executive, NHS Northmoor ICB`; with `dated`, `… (since 1 April 2023)` where the dates are known."""
    role = post_words(post, lines=True)
    text = f"{role}, {names(post.organisation)}" if post.organisation else role
    period = period_words(post.start, post.end) if dated else ""
    return f"{text} ({period})" if period else text


def _roles(model: Model, names: _Names, person: Person) -> str:
    seats = [f"{seat_words(s)}, {names(s.forum)}" for s in model.seats() if s.person == person.id]
    posts = [_post_words(names, p, dated=True) for p in person.posts]
    return _join(_unique(seats + posts))


def interests(model: Model, withheld: frozenset[str] = frozenset()) -> Table:
    """One row per interest; a nil return, or the lack of any declaration, is a row too.

    `withheld` names the people whose every interest was left out of a
    publication version, so that they are not shown as having declared nothing.
    """
    names = _Names(model)
    rows: list[Row] = []
    for person in model.people:
        name, roles = clean(person.name, lines=True), _roles(model, names, person)
        for interest in person.interests:
            description = clean(interest.description, lines=True)
            if interest.relationship:
                description = _join([description, f"Relationship: {clean(interest.relationship, lines=True)}"], ". ")
            rows.append(
                (
                    name,
                    roles,
                    sentence(label(v.INTEREST_TYPES, interest.type)),
                    description,
                    names(interest.organisation) if interest.organisation else clean(interest.matter, lines=True),
                    interest.start,
                    interest.end,
                    interest.declared,
                    sentence(label(v.MANAGEMENT_ACTIONS, interest.action)) if interest.action else "Not recorded",
                )
            )
        if person.interests:
            continue
        if person.id in withheld:
            rows.append((name, roles, "", "No interests for publication", "", None, None, None, ""))
        elif person.nil_return is not None:
            rows.append((name, roles, "Nil return", "No interests to declare", "", None, None, person.nil_return, ""))
        else:
            rows.append((name, roles, "", "No declaration recorded", "", None, None, None, ""))
    return Table("Register of interests", INTEREST_COLUMNS, tuple(rows), empty="No one is named in the model.")


# -- membership ---------------------------------------------------------------------------------------
def membership(model: Model) -> tuple[Table, Table]:
    names = _Names(model)
    forums = model.forums
    columns = ("Name", *(names(f.id) for f in forums))
    rows: list[Row] = []
    for person in model.people:
        cells = []
        for forum in forums:
            seats = [seat_words(s) for s in forum.seats if s.person == person.id]
            cells.append(_join(_unique(seats)))
        if any(cells):
            rows.append((clean(person.name, lines=True), *cells))
    matrix = Table("Membership", columns, tuple(rows), empty="No one holds a seat on any forum.")
    procedures = Procedures(model)

    def procedure_words(forum):
        procedure = procedures.of(forum)
        return (
            names(forum.id),
            sourced_words(quorum_words(procedure.quorum.value), procedure.quorum, names),
            sourced_words(decision_words(procedure.decision_rule.value), procedure.decision_rule, names),
        )

    rules = tuple(procedure_words(f) for f in forums)
    quorum = Table("Quorum and decisions", ("Forum", "Quorum", "Decision rule"), rules, empty="No forums are declared.")
    return matrix, quorum


# -- terms of reference ------------------------------------------------------------------------------
TOR_COLUMNS = (
    "Forum",
    "Kind",
    "Parent body",
    "Established",
    "Closing date",
    "Purpose",
    "Members",
    "Quorum",
    "Decision rule",
    "Delegated functions",
    "Reports to",
    "Meets in public",
    "Papers published",
    "Frequency",
    "Review date",
)


def _kind_words(forum: Forum) -> str:
    text = sentence(label(v.FORUM_KINDS, forum.kind))
    if forum.role and forum.role != "other":
        text += f" ({label(v.FORUM_ROLES, forum.role)})"
    return text


def terms_of_reference(model: Model) -> Table:
    names = _Names(model)
    functions = {f.id: f for f in model.functions}
    rows: list[Row] = []
    procedures = Procedures(model)
    for forum in model.forums:
        terms = forum.terms
        procedure = procedures.of(forum)
        members = [f"{names(s.person)}, {seat_words(s, start=False)}" for s in forum.seats]
        delegated = []
        for delegation in model.delegations:
            if delegation.delegate != forum.id:
                continue
            for function_id in delegation.functions:
                if function_id in functions:
                    limit = "no limit set" if delegation.limit is None else f"limit {limit_words(delegation)}"
                    delegated.append(f"{clean(functions[function_id].title, lines=True)} ({limit})")
        lines = [line.target for line in model.lines if line.source == forum.id and line.kind in ("reports_to", "accountable_to")]
        rows.append(
            (
                names(forum.id),
                _kind_words(forum),
                _join(names(p) for p in forum.parents),
                forum.established,
                forum.closed,
                clean(terms.purpose, lines=True) if terms else "",
                _join(members),
                sourced_words(quorum_words(procedure.quorum.value), procedure.quorum, names),
                sourced_words(decision_words(procedure.decision_rule.value), procedure.decision_rule, names),
                _join(delegated) or ("None: it only advises" if forum.advisory else "None"),
                _join(names(t) for t in _unique([*forum.parents, *lines])),
                sourced_words(yes_no(procedure.meets_in_public.value), procedure.meets_in_public, names),
                sourced_words(yes_no(procedure.papers_published.value), procedure.papers_published, names),
                sourced_words(sentence(label(v.FREQUENCIES, procedure.frequency.value)), procedure.frequency, names)
                if procedure.frequency.value
                else "Not stated",
                terms.review if terms else None,
            )
        )
    return Table("Terms of reference", TOR_COLUMNS, tuple(rows), records=True, empty="No forums are declared.")


# -- documents -----------------------------------------------------------------------------------------
_DOCUMENTS: dict[str, tuple[str, str]] = {
    "sord": (
        "Scheme of reservation and delegation",
        "Which decisions the board reserves to itself; which it delegates, to whom, within what limits and "
        "conditions, and how assurance comes back; and the functions received from NHS England.",
    ),
    "interests": (
        "Register of interests",
        "Interests declared by the members of the board, its committees and partnerships, and how each is managed.",
    ),
    "membership": (
        "Membership of boards and committees",
        "Who sits on each board, committee and partnership, and in what capacity; then each forum's quorum and "
        "how it takes decisions.",
    ),
    "tor": (
        "Terms of reference: summaries",
        "For each board, committee and partnership: its purpose, members, quorum, decision rule, the functions "
        "delegated to it, whom it reports to, and when it was established and closes, where the dates are recorded.",
    ),
}


def _tables(kind: str, model: Model, withheld: frozenset[str]) -> tuple[Table, ...]:
    if kind == "sord":
        return (sord(model),)
    if kind == "interests":
        return (interests(model, withheld),)
    if kind == "membership":
        return membership(model)
    return (terms_of_reference(model),)


def build(model: Model, kind: str, as_of: dt.date, public: bool = False) -> Document:
    """The document of `kind` for the arrangements in force on `as_of`.

    `model` is the full model; this takes the as-of view of it and, for a
    publication version, the publication model (`public_model`).
    """
    from govdsl.analysis.dates import as_of as in_force_on
    from govdsl.model.public import public_model

    if kind not in _DOCUMENTS:
        raise ValueError(f"unknown export {kind!r}; expected one of {', '.join(KINDS)}")
    current = in_force_on(model, as_of)
    withheld: frozenset[str] = frozenset()
    if public:
        published = public_model(current)
        withheld = frozenset(
            before.id for before, after in zip(current.people, published.people) if before.interests and not after.interests
        )
        current = published
    title, note = _DOCUMENTS[kind]
    return Document(kind, title, note, systems(current), as_of, public, _tables(kind, current, withheld))
