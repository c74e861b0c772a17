"""The resolved model: what every check, renderer and export reads.

A `Model` is the meaning of a set of `.gov` files: every declaration becomes
an entity (an organisation, a tier, a forum, a person, a function, a
delegation, a pooled fund or a decision); every reference is checked and kept
as the id of the entity it names; defaults are applied (an organisation's
sector follows from its kind; a seat's vote from its capacity).

Entities refer to one another by id (a `str`), never by object, so the model
is frozen and can be compared. `Model.entity(id)` looks one up. Each entity's
`span` is the span of its name in its declaration (seats, posts, interests
and contributions: the span of their attribute). Spans are kept for messages
but are left out of equality, so reformatting a file does not change its
model.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Union, get_args, get_origin, get_type_hints

import attrs

from govdsl.source import Span

_span = attrs.field(eq=False, repr=False, default=None)


@attrs.frozen
class Tier:
    """A system, sub-system, place or neighbourhood."""

    id: str
    kind: str  # TIER_KINDS: system, subsystem, place, neighbourhood
    title: str
    parent: str | None = None  # the tier it is nested in
    population: int | None = None
    footprint: tuple[str, ...] = ()  # councils whose areas it covers
    icb: str | None = None  # for a system: its integrated care board
    arbiter: str | None = None  # for a system: who resolves disputes
    dispute_resolution: str | None = None  # for a system: the agreed route, in words
    span: Span | None = _span


@attrs.frozen
class Organisation:
    id: str
    kind: str  # ORGANISATION_KINDS
    title: str
    sector: str  # SECTORS; defaults from the kind
    statutory: bool  # defaults from the kind
    footprint: tuple[str, ...] = ()  # councils whose areas it covers
    population: int | None = None
    area: tuple[str, ...] = ()  # tiers it serves
    part_of: str | None = None  # e.g. a region's NHS England, a practice's PCN
    services: tuple[str, ...] = ()  # SERVICES it provides
    accountable_to: tuple[str, ...] = ()
    span: Span | None = _span
    standing_orders: StandingOrders | None = None
    established: dt.date | None = None  # when the body came into being
    dissolved: dt.date | None = None  # its last day (abolished, merged into another)
    succeeded_by: str | None = None  # the body that takes over its functions
    budget: Decimal | None = None  # its allocation, such as £2.8bn


@attrs.frozen
class Post:
    """A job or office: `chief_executive at northmoor_hospitals from 2019-01-01`."""

    role: str  # POST_ROLES
    organisation: str | None
    title: str | None = None  # the post's own title, if given in quotes
    start: dt.date | None = None  # `from`: when the person took up the post
    end: dt.date | None = None  # `to`: when they left it
    span: Span | None = _span


@attrs.frozen
class Interest:
    """A declared interest, as it appears in the register of interests."""

    person: str
    type: str  # INTEREST_TYPES
    organisation: str | None  # the organisation it is in, or None for a matter
    matter: str | None  # a matter described in words, when not an organisation
    description: str | None = None
    relationship: str | None = None  # for indirect interests: spouse, partner...
    start: dt.date | None = None
    end: dt.date | None = None
    declared: dt.date | None = None
    action: str | None = None  # MANAGEMENT_ACTIONS
    private: bool = False  # left out of published registers
    span: Span | None = _span


@attrs.frozen
class Person:
    id: str
    name: str
    posts: tuple[Post, ...] = ()
    employers: tuple[str, ...] = ()
    expertise: tuple[str, ...] = ()
    independent: bool = False
    interests: tuple[Interest, ...] = ()
    nil_return: dt.date | None = None  # "no interests to declare", and when said
    contact: str | None = None  # private: never published
    span: Span | None = _span


@attrs.frozen
class QuorumRequirement:
    """`1 clinician`, `chair or vice_chair`: at least `count` of any alternative."""

    count: int
    alternatives: tuple[str, ...]  # CAPACITIES or QUORUM_QUALITIES words
    span: Span | None = _span


# What a quorum written as a share of the membership needs of `n` voting members.
_SHARES = {
    "majority": lambda n: n // 2 + 1,  # more than half
    "half": lambda n: -(-n // 2),  # at least half
    "one_third": lambda n: -(-n // 3),
    "two_thirds": lambda n: -(-2 * n // 3),
    "three_quarters": lambda n: -(-3 * n // 4),
}


@attrs.frozen
class Quorum:
    """`6`, `majority`, `two_thirds` or `40%` of the voting members, with any requirements.

    Exactly one of `count` (a number of members), `share` (a QUORUM_SHARES word)
    and `percent` is set. Standing orders usually give a share, so that one
    quorum fits the board and every committee whatever its size.
    """

    count: int | None
    requirements: tuple[QuorumRequirement, ...] = ()
    span: Span | None = _span
    share: str | None = None  # QUORUM_SHARES: majority, half, one_third...
    percent: Decimal | None = None  # 40 for `40%`

    def needed(self, members: int) -> int:
        """How many voting members must be present, for a forum of `members` voting members."""
        if self.count is not None:
            return self.count
        if self.share is not None:
            return max(1, _SHARES[self.share](members))
        if self.percent is not None:
            return max(1, math.ceil(self.percent * members / 100))
        return 1


@attrs.frozen
class DecisionRule:
    method: str  # DECISION_METHODS
    casting_vote: bool = False  # the chair has a casting vote on a tie
    blocs: tuple[str, ...] = ()  # for a double majority: sectors that must each agree
    threshold: Decimal | None = None  # for a weighted majority: share of weight needed
    span: Span | None = _span
    fallback: str | None = None  # "consensus, failing which ...": the method used when the first fails


@attrs.frozen
class TermsOfReference:
    purpose: str | None = None
    meets_in_public: bool | None = None
    papers_published: bool | None = None
    frequency: str | None = None  # FREQUENCIES
    approved: dt.date | None = None
    review: dt.date | None = None
    self_determined: bool | None = None  # the forum set its own terms
    span: Span | None = _span


@attrs.frozen
class StandingOrders:
    """A body's standing orders: the procedure its forums follow unless their terms say otherwise.

    "The Standing Orders apply to all committees and sub-committees of the ICB
    unless specified otherwise in the terms of reference" (Hertfordshire and
    West Essex ICB constitution, 5.1.2). Declared on an organisation (an ICB, a
    council) or a forum (a partnership); what each forum inherits is worked
    out in `govdsl.analysis.procedure`.
    """

    quorum: Quorum | None = None
    decision_rule: DecisionRule | None = None
    conflicted_members: str | None = None  # CONFLICTED_MEMBERS: counted, not_counted
    if_inquorate: str | None = None  # INQUORATE_ROUTES: refer_to_parent, co_opt, defer
    meets_in_public: bool | None = None
    papers_published: bool | None = None
    frequency: str | None = None  # FREQUENCIES
    approved: dt.date | None = None
    review: dt.date | None = None
    source: str | None = None  # where they are written: "Constitution, Appendix 2"
    span: Span | None = _span


@attrs.frozen
class Seat:
    """A person's place on a forum."""

    forum: str
    person: str
    capacities: tuple[str, ...]  # CAPACITIES
    voting: bool  # false for participants and observers, or if said `non_voting`
    representing: str | None = None  # the organisation the member comes from
    nominated_by: str | None = None
    appointed_by: str | None = None
    approved_by: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    weight: Decimal = Decimal(1)
    span: Span | None = _span


@attrs.frozen
class Forum:
    """A board, committee, partnership or collaborative: anywhere decisions are taken."""

    id: str
    kind: str  # FORUM_KINDS
    title: str
    role: str | None = None  # FORUM_ROLES: audit, remuneration...
    parents: tuple[str, ...] = ()  # the body or bodies it belongs to
    tier: str | None = None  # the tier it works at
    model: str | None = None  # PLACE_MODELS or COLLABORATIVE_MODELS
    lead_provider: str | None = None
    partners: tuple[str, ...] = ()  # organisations taking part as bodies
    terms: TermsOfReference | None = None
    quorum: Quorum | None = None
    decision_rule: DecisionRule | None = None
    seats: tuple[Seat, ...] = ()
    established: dt.date | None = None  # when the forum was set up
    closed: dt.date | None = None  # the last day it existed
    span: Span | None = _span
    standing_orders: StandingOrders | None = None  # its own, for its sub-groups (a partnership's)
    advisory: bool = False  # "holds no decision-making powers"
    role_scope: str | None = None  # ROLE_SCOPES: a remuneration panel for non-executive pay only
    budget: Decimal | None = None


@attrs.frozen
class Function:
    """A function or decision that can be held, reserved or delegated."""

    id: str  # dotted: commissioning.community_services
    title: str
    holder: str | None = None  # who holds it by statute
    reserved_to: str | None = None  # a board that must decide it itself
    source: str | None = None  # the Act section or standing order
    scope: str | None = None  # the tier it concerns, if narrower than the system
    reason: str | None = None  # why it is decided where it is
    span: Span | None = _span


@attrs.frozen
class Delegation:
    id: str
    title: str
    delegator: str
    delegate: str
    functions: tuple[str, ...]
    limit: Decimal | None = None  # financial limit in pounds; Decimal("Infinity") when `unlimited`
    further_delegation: bool = False
    basis: str | None = None  # LEGAL_BASES
    reports_to: tuple[str, ...] = ()  # the assurance line back
    start: dt.date | None = None
    end: dt.date | None = None
    review: dt.date | None = None
    conditions: str | None = None
    reason: str | None = None  # why it sits where it does
    span: Span | None = _span
    floor: Decimal | None = None  # the bottom of its band: `limit: £2m to £10m`


@attrs.frozen
class Contribution:
    partner: str
    amount: Decimal
    span: Span | None = _span


@attrs.frozen
class PooledFund:
    id: str
    title: str
    host: str | None
    basis: str | None
    contributions: tuple[Contribution, ...] = ()
    governed_by: str | None = None  # the forum that manages the fund
    agreement_terms: tuple[str, ...] = ()  # POOLED_FUND_TERMS the agreement sets out
    start: dt.date | None = None
    end: dt.date | None = None
    span: Span | None = _span

    @property
    def total(self) -> Decimal:
        return sum((c.amount for c in self.contributions), Decimal(0))


@attrs.frozen
class Decision:
    """A decision or agenda item taken by a forum."""

    id: str
    title: str
    forum: str
    date: dt.date | None = None
    affects: tuple[str, ...] = ()  # organisations it affects
    amount: Decimal | None = None
    functions: tuple[str, ...] = ()
    under: str | None = None  # the delegation it is taken under
    excluded: tuple[str, ...] = ()  # people who stepped out
    reason: str | None = None  # why it is taken where it is
    span: Span | None = _span


@attrs.frozen
class Line:
    """An accountability line: vertical, horizontal or advisory."""

    kind: str  # accountable_to, reports_to, assures, advises
    source: str
    target: str
    span: Span | None = _span


Entity = Union[Tier, Organisation, Person, Forum, Function, Delegation, PooledFund, Decision]

LINE_KINDS = ("accountable_to", "reports_to", "assures", "advises")


@attrs.frozen
class Model:
    """Everything declared in a set of files, in declaration order."""

    tiers: tuple[Tier, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    forums: tuple[Forum, ...] = ()
    functions: tuple[Function, ...] = ()
    delegations: tuple[Delegation, ...] = ()
    pooled_funds: tuple[PooledFund, ...] = ()
    decisions: tuple[Decision, ...] = ()
    lines: tuple[Line, ...] = ()
    files: tuple[str, ...] = attrs.field(default=(), eq=False)
    _index: dict = attrs.field(factory=dict, eq=False, repr=False, init=False)  # id -> entity

    def __attrs_post_init__(self):
        for name in ENTITY_COLLECTIONS:
            for entity in getattr(self, name):
                self._index[entity.id] = entity

    def replace(self, **changes) -> "Model":
        """A copy with some collections replaced (and its index rebuilt)."""
        fields = {field.name: getattr(self, field.name) for field in attrs.fields(Model) if field.init}
        return Model(**(fields | changes))

    def entity(self, id: str) -> Entity | None:
        return self._index.get(id)

    def __contains__(self, id: str) -> bool:
        return id in self._index

    @property
    def entities(self):
        return self._index.values()

    def seats(self):
        for forum in self.forums:
            yield from forum.seats

    def interests(self):
        for person in self.people:
            yield from person.interests


def _entity_collections() -> tuple[str, ...]:
    """The fields of `Model` that hold entities (a tuple of one of the `Entity` types), in order."""
    entity_types = get_args(Entity)
    return tuple(
        name
        for name, hint in get_type_hints(Model).items()
        if get_origin(hint) is tuple and get_args(hint)[0] in entity_types
    )


# Read from the fields of `Model`, so a collection added there is indexed, copied and compared.
ENTITY_COLLECTIONS: tuple[str, ...] = _entity_collections()
