"""Which declarations the language has, which attributes each accepts, and what each expects.

This is the one table that the places which must agree are read from:

- the resolver: which words declare what (`CATEGORY_OF_KIND`), which keys a
  block accepts, which categories of declaration a reference may name
  (`AttributeSpec.categories`) and which vocabulary a word comes from;
- the model: which collection of `Model` holds each category (`CATEGORIES`);
- the language server: the declaration words, attributes and values it offers
  as completions, and the symbol kind of each category;
- the docs, which describe them.

`expects` says what a value is: `ref:CATEGORY[,CATEGORY]` (a name of that
category), `refs:...` (a list of names), `vocab:NAME` (a word from that
vocabulary in vocabulary.py), `text`, `count`, `money`, `percent`, `date`,
`bool`, `block` (a nested block), or `phrase` (a short sentence such as a
seat, whose `PhraseSpec` says what each of its words is).
"""

from __future__ import annotations

import attrs

from govdsl.model import types as m
from govdsl.model import vocabulary as v


@attrs.frozen
class AttributeSpec:
    repeatable: bool
    expects: str
    help: str
    # Worked out from `expects` once, as the resolver reads them for every attribute:
    categories: tuple[str, ...] = ()  # for `ref:` and `refs:`: the categories it may name
    vocabulary: dict | None = attrs.field(default=None, eq=False, repr=False)  # for `vocab:`: its words
    phrase: PhraseSpec | None = None  # for `phrase`: what it says

    @property
    def is_list(self) -> bool:
        """Whether a reference names a list of declarations (`refs:`) rather than one (`ref:`)."""
        return self.expects.startswith("refs:")


def _a(expects: str, help: str, repeatable: bool = False, phrase: PhraseSpec | None = None) -> AttributeSpec:
    form, _, detail = expects.partition(":")
    categories = tuple(detail.split(",")) if form in ("ref", "refs") else ()
    vocabulary = getattr(v, detail) if form == "vocab" else None
    return AttributeSpec(repeatable, expects, help, categories, vocabulary, phrase)


@attrs.frozen
class Option:
    """An option of a phrase: how many terms follow its word, and what they are."""

    arity: int | str  # 0 for a flag, 1, "and" (one or more joined by `and`), "rest" (all that follow)
    value: AttributeSpec


@attrs.frozen
class PhraseSpec:
    """What a phrase value says: its head, then options each led by its word (see `values.Sentence`).

    `seat: ann_hale as chair for northmoor_icb from 2022-07-01` is the head `ann_hale`
    (a person), then the options `as`, `for` and `from`. The resolver reads a phrase
    with `arities`, and checks each name and word as its spec says; completion offers
    what the head or the option before the cursor expects.
    """

    head: tuple[AttributeSpec, ...]  # what each term of the head is
    options: dict[str, Option]
    arities: dict[str, int | str]  # option word -> arity, as `values.Sentence` reads them


def _phrase(*head: AttributeSpec, **options: tuple[int | str, AttributeSpec]) -> PhraseSpec:
    """A phrase spec; an option spelt like a Python word (`as_`, `for_`) drops its underscore."""
    table = {word.rstrip("_"): Option(arity, value) for word, (arity, value) in options.items()}
    return PhraseSpec(head, table, {word: option.arity for word, option in table.items()})


_LINES = {
    "accountable_to": _a("refs:organisation,forum", "the bodies or forums it is accountable to"),
    "reports_to": _a("refs:organisation,forum", "the bodies or forums it reports to"),
    "assures": _a("refs:organisation,forum", "the bodies or forums it gives assurance to"),
    "advises": _a("refs:organisation,forum", "the bodies or forums it advises"),
}

TIER = {
    "within": _a("ref:tier", "the tier it is nested in"),
    "population": _a("count", "the number of people it serves, such as 330k"),
    "footprint": _a("refs:organisation", "the councils whose areas it covers"),
}
# A system is the widest tier: it is not `within` anything.
SYSTEM = {key: spec for key, spec in TIER.items() if key != "within"} | {
    "icb": _a("ref:organisation", "the system's integrated care board"),
    "arbiter": _a("ref:organisation,forum,person", "who resolves disputes between partners"),
    "dispute_resolution": _a("text", "the agreed route for resolving disputes, in words"),
}

ORGANISATION = {
    "kind": _a("vocab:ORGANISATION_KINDS", "what kind of organisation it is"),
    "sector": _a("vocab:SECTORS", "its sector, if not the usual one for its kind"),
    "statutory": _a("bool", "whether it is a statutory body, if not the usual for its kind"),
    "footprint": _a("refs:organisation", "the councils whose areas it covers"),
    "population": _a("count", "the number of people it serves"),
    "serves": _a("refs:tier", "the tiers it serves"),
    "part_of": _a("ref:organisation", "the organisation it is part of"),
    "services": _a("vocab:SERVICES", "the services it provides"),
    "standing_orders": _a("block", "its standing orders: the procedure its forums follow unless their terms say otherwise"),
    "established": _a("date", "when the body came into being; before this date it does not exist"),
    "dissolved": _a("date", "its last day: abolished, or merged into another body"),
    "succeeded_by": _a("ref:organisation", "the body that takes over its functions when it is dissolved"),
    "budget": _a("money", "its budget or allocation, such as £2.8bn"),
} | _LINES

INTEREST = {
    "description": _a("text", "what the interest is"),
    "relationship": _a("text", "for an indirect interest: the relationship, such as spouse"),
    "from": _a("date", "when the interest began"),
    "to": _a("date", "when the interest ended"),
    "declared": _a("date", "when it was declared"),
    "action": _a("vocab:MANAGEMENT_ACTIONS", "how the interest is managed"),
    "private": _a("bool", "whether it is left out of published registers"),
}

POST = {
    "title": _a("text", "the post's own title"),
    "from": _a("date", "when the person took up the post"),
    "to": _a("date", "when the person left the post"),
}

POST_PHRASE = _phrase(
    _a("vocab:POST_ROLES", "the post, such as chief_executive, or its own title in quotes"),
    at=(1, _a("ref:organisation", "the organisation the post is at")),
    from_=(1, POST["from"]),
    to=(1, POST["to"]),
)

INTEREST_PHRASE = _phrase(
    _a("vocab:INTEREST_TYPES", "the type of interest"),
    in_=(1, _a("ref:organisation", "the organisation it is in, or a matter in quotes")),
    from_=(1, INTEREST["from"]),
    to=(1, INTEREST["to"]),
    declared=(1, INTEREST["declared"]),
    action=(1, INTEREST["action"]),
)


PERSON = {
    "post": _a("phrase", "a post held: `post: chief_executive at northmoor_hospitals from DATE to DATE`", True, POST_PHRASE),
    "employer": _a("refs:organisation", "the organisations that employ the person"),
    "expertise": _a("vocab:EXPERTISE", "areas of expertise"),
    "independent": _a("bool", "whether the person is independent of the system's organisations"),
    "interest": _a("phrase", "a declared interest: `interest: financial in x from DATE declared DATE`", True, INTEREST_PHRASE),
    "no_interests": _a("date", "a nil return: no interests to declare, and when that was said"),
    "contact": _a("text", "private contact details (never published)"),
}


SEAT = {
    "for": _a("ref:organisation", "the organisation the member comes from"),
    "nominated_by": _a("ref:organisation,forum,person", "who nominated the member"),
    "appointed_by": _a("ref:organisation,forum,person", "who appointed the member"),
    "approved_by": _a("ref:organisation,forum,person", "who approved the appointment"),
    "from": _a("date", "when the tenure began"),
    "to": _a("date", "when the tenure ends"),
    "weight": _a("count", "the seat's weight in a weighted vote"),
    "non_voting": _a("bool", "the member does not vote"),
}

SEAT_PHRASE = _phrase(
    _a("ref:person", "the member"),
    as_=("and", _a("vocab:CAPACITIES", "the capacities the member sits in, joined by `and`")),
    **{word: (1, SEAT[word]) for word in ("for", "nominated_by", "appointed_by", "approved_by", "from", "to", "weight")},
    non_voting=(0, SEAT["non_voting"]),
)


FORUM = {
    "parent": _a("refs:organisation,forum", "the body or bodies it belongs to"),
    "role": _a("vocab:FORUM_ROLES", "what the committee is for, such as audit"),
    "serves": _a("ref:tier", "the tier it works at"),
    "model": _a("vocab:PLACE_MODELS", "for a place partnership or provider collaborative: its model"),
    "lead_provider": _a("ref:organisation", "the lead provider"),
    "partners": _a("refs:organisation", "the organisations taking part"),
    "terms": _a("block", "its terms of reference"),
    "quorum": _a("phrase", "`quorum: 5 including [chair or vice_chair, 1 clinician]`"),
    "decision": _a("phrase", "`decision: simple_majority with casting_vote`"),
    "seat": _a("phrase", "a seat: `seat: ann_hale as chair from 2022-07-01`", True, SEAT_PHRASE),
    "established": _a("date", "when the forum was set up; before this date it does not exist"),
    "closed": _a("date", "its last day; after this date the forum no longer exists"),
    "standing_orders": _a("block", "standing orders it sets for itself and the groups under it"),
    "advisory": _a("bool", "the forum only advises: it holds no decision-making powers"),
    "budget": _a("money", "the budget it manages, such as £18m"),
} | _LINES

TERMS = {
    "purpose": _a("text", "what the forum is for"),
    "meets_in_public": _a("bool", "whether it meets in public"),
    "papers_published": _a("bool", "whether its papers are published"),
    "frequency": _a("vocab:FREQUENCIES", "how often it meets"),
    "approved": _a("date", "when the terms were approved"),
    "review": _a("date", "when the terms are due for review"),
    "self_determined": _a("bool", "whether the forum set its own terms"),
}

STANDING_ORDERS = {
    "quorum": _a("phrase", "`quorum: majority including [chair or vice_chair]`"),
    "decision": _a("phrase", "`decision: consensus failing simple_majority with casting_vote`"),
    "conflicted_members": _a("vocab:CONFLICTED_MEMBERS", "whether members who step out for a conflict count towards the quorum"),
    "if_inquorate": _a("vocab:INQUORATE_ROUTES", "what happens when a meeting cannot be quorate"),
    "meets_in_public": _a("bool", "whether meetings are held in public"),
    "papers_published": _a("bool", "whether papers are published"),
    "frequency": _a("vocab:FREQUENCIES", "how often meetings are held"),
    "approved": _a("date", "when the standing orders were approved"),
    "review": _a("date", "when they are due for review"),
    "source": _a("text", "where they are written, such as \"Constitution, Appendix 2\""),
}

FUNCTION = {
    "held_by": _a("ref:organisation,forum", "who holds the function by statute"),
    "reserved_to": _a("ref:forum", "the board that must decide it itself"),
    "source": _a("text", "the Act section or standing order it comes from"),
    "scope": _a("ref:tier", "the tier it concerns, if narrower than the system"),
    "reason": _a("text", "why it is decided at this level, such as above the tier it concerns"),
}

DELEGATION = {
    "from": _a("ref:organisation,forum,person", "who delegates"),
    "to": _a("ref:organisation,forum,person", "who receives the delegation"),
    "functions": _a("refs:function", "the functions delegated"),
    "limit": _a("phrase", "the financial limit: `£18m`, `£2m to £10m` (a band), or `unlimited`"),
    "further_delegation": _a("bool", "whether the delegate may delegate further"),
    "basis": _a("vocab:LEGAL_BASES", "the legal basis"),
    "reports_to": _a("refs:organisation,forum,person", "the reporting and assurance line back"),
    "effective": _a("date", "when it takes effect"),
    "expires": _a("date", "when it ends"),
    "review": _a("date", "when it is due for review"),
    "conditions": _a("text", "conditions attached"),
    "reason": _a("text", "why the decision sits at this level"),
}

POOLED_FUND = {
    "host": _a("ref:organisation", "the partner that hosts the fund"),
    "basis": _a("vocab:LEGAL_BASES", "the legal basis, usually s75_agreement"),
    "contribution": _a(
        "phrase",
        "a partner's contribution: `contribution: northmoor_icb £71m`",
        True,
        _phrase(_a("ref:organisation", "the partner"), _a("money", "the amount it puts in")),
    ),
    "governed_by": _a("ref:forum", "the forum that manages the fund"),
    "agreement": _a("vocab:POOLED_FUND_TERMS", "the matters the written agreement sets out"),
    "from": _a("date", "when the fund starts"),
    "to": _a("date", "when the fund ends"),
}

DECISION = {
    "forum": _a("ref:forum", "the forum that takes the decision"),
    "date": _a("date", "when it is taken"),
    "affects": _a("refs:organisation", "the organisations it affects"),
    "amount": _a("money", "the money involved"),
    "functions": _a("refs:function", "the functions it exercises"),
    "under": _a("ref:delegation", "the delegation it is taken under"),
    "excluded": _a("refs:person", "the members who stepped out because of an interest"),
    "reason": _a("text", "why it is taken at this level, such as above the tier it concerns"),
}


# A place partnership and a provider collaborative each have models of their own.
_FORUM_MODELS = {
    kind.word: FORUM | {"model": _a(f"vocab:{kind.models}", f"the {kind.label}'s model")}
    for kind in v.FORUM_KINDS.values()
    if kind.models
}


@attrs.frozen
class Category:
    """A category of declaration: what a reference names (`ref:forum`), and where the model keeps it."""

    name: str  # "forum", as written in `expects`
    collection: str  # the field of `Model` holding its entities: "forums"
    entity: type  # the model type each declaration becomes
    kinds: tuple[str, ...]  # the words that declare one: "board", "committee", ...


# In the order the language reference gives them, which is the order completion offers them in.
CATEGORIES: tuple[Category, ...] = (
    Category("tier", "tiers", m.Tier, tuple(v.TIER_KINDS)),
    Category("organisation", "organisations", m.Organisation, ("organisation",)),
    Category("forum", "forums", m.Forum, tuple(v.FORUM_KINDS)),
    Category("person", "people", m.Person, ("person",)),
    Category("function", "functions", m.Function, ("function",)),
    Category("delegation", "delegations", m.Delegation, ("delegation",)),
    Category("pooled_fund", "pooled_funds", m.PooledFund, ("pooled_fund",)),
    Category("decision", "decisions", m.Decision, ("decision",)),
)

# The word a declaration starts with -> its category: `committee` -> `forum`.
CATEGORY_OF_KIND: dict[str, str] = {kind: c.name for c in CATEGORIES for kind in c.kinds}

_BY_CATEGORY = {
    "organisation": ORGANISATION,
    "person": PERSON,
    "function": FUNCTION,
    "delegation": DELEGATION,
    "pooled_fund": POOLED_FUND,
    "decision": DECISION,
}


def for_declaration(kind: str) -> dict[str, AttributeSpec]:
    """The attributes a declaration kind (`place`, `committee`, `person`...) accepts."""
    if kind == "system":
        return SYSTEM
    category = CATEGORY_OF_KIND.get(kind)
    if category == "tier":
        return TIER
    if category == "forum":
        return _FORUM_MODELS.get(kind, FORUM)
    return _BY_CATEGORY.get(category, {})


NESTED = {"terms": TERMS, "interest": INTEREST, "seat": SEAT, "post": POST, "standing_orders": STANDING_ORDERS}


_ALLOWED: dict[int, dict[str, bool]] = {}


def allowed(specs: dict[str, AttributeSpec]) -> dict[str, bool]:
    """Key -> repeatable, as the resolver checks them.

    Worked out once per schema (the schemas above live as long as the program):
    the resolver asks for every block of every declaration.
    """
    found = _ALLOWED.get(id(specs))
    if found is None:
        found = _ALLOWED[id(specs)] = {key: spec.repeatable for key, spec in specs.items()}
    return found
