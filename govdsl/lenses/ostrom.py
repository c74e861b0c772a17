"""The Ostrom lens: the design principles of lasting self-governance, system by system.

Elinor Ostrom (*Governing the Commons*, 1990) found eight design principles
shared by institutions that govern a common resource well over a long time.
An Integrated Care System is such an institution: its partners share one
NHS allocation, one workforce and one population, and govern them together.
For each system in the model, the lens looks for the evidence of each
principle that the model can hold, cites the entities, rates the principle,
and says what is missing:

| # | principle | evidence looked for in the model |
|---|---|---|
| 1 | clear boundaries | tiers declare population and footprint; forums declare members (seats) or partner bodies; pooled funds declare contributions and the persons and services covered |
| 2 | congruence with local conditions | functions scoped to a place (or sub-system) are decided at that tier or closer to people; pooled-fund contributions (benefits are not modelled) |
| 3 | collective-choice arrangements | organisations a forum's decisions affect (see the inclusion lens) sit on it, are partners, own it, or are represented by a partner member for their sector |
| 4 | monitoring | delegations report back to the body that delegated (`reports_to`); forums have a reporting, assurance or accountability line |
| 5 | graduated sanctions | not expressible in the model yet: evidence must come from the agreements |
| 6 | conflict-resolution mechanisms | the system's `arbiter` and `dispute_resolution` |
| 7 | minimal recognition of rights to organise | place and collaborative forums set their own terms (`self_determined: yes`) |
| 8 | nested enterprises | layers national → system → sub-system → place → neighbourhood, each with enterprises (forums or organisations), delegations and monitoring |

Ratings: **present** (all the evidence looked for is there; for principle 3,
most affected organisations are included, as the principle says; for
principle 8, at least three complete layers), **partial**, **missing**, and
**not modelled** (the model has nothing to judge by). The mapping from
principles to model evidence is this project's proposal; the principles are
Ostrom's, as tabulated in Ecology and Society 9(1) art. 18, table 3.

This is a model of formal arrangements, not of practice: whether reports are
read, sanctions applied or disputes settled is outside it.
"""

from __future__ import annotations

from collections import defaultdict

import attrs

from govdsl.analysis.facts import Facts
from govdsl.lenses import FocusError, LensFinding, LensReport, Section, Table
from govdsl.lenses.inclusion import (
    PARTNER_CAPACITY_CLASS,
    AffectedIndex,
    affected_organisations,
    organisation_class,
    presence,
)
from govdsl.model import vocabulary as v
from govdsl.model.types import Delegation, Forum, Model, Organisation, Person, Tier
from govdsl.text import clean
from govdsl.analysis.wording import some_names

PRESENT, PARTIAL, MISSING, NOT_MODELLED = "present", "partial", "missing", "not modelled"
RATINGS = (PRESENT, PARTIAL, MISSING, NOT_MODELLED)
NESTED_LAYERS_NEEDED = 3  # complete layers for principle 8 to be present
LIST_LIMIT = 12  # entities cited per row of positive evidence (gaps are always listed in full)

_NATIONAL = -1  # NHS England and its regions, as one layer
_LAYER_LABELS = {
    _NATIONAL: "national and regional",
    0: "system",
    1: "sub-system",
    2: "place",
    3: "neighbourhood",
}
_KIND_WORDS = {
    "Tier": "tier", "Organisation": "organisation", "Person": "person", "Forum": "forum", "Function": "function",
    "Delegation": "delegation", "PooledFund": "pooled fund", "Decision": "decision",
}
_LINE_KINDS_UP = frozenset({"accountable_to", "reports_to", "assures"})


@attrs.frozen
class Evidence:
    label: str  # what was looked for
    found: str  # "3 of 4", "yes", "none"
    entities: tuple[str, ...] = ()
    gap: bool = False  # a row of what is missing


@attrs.frozen
class Principle:
    number: int
    name: str
    statement: str  # Ostrom's principle, in our words
    looked_for: str  # how the model shows it
    rating: str
    evidence: tuple[Evidence, ...]
    missing: tuple[str, ...]  # sentences, names in backticks
    note: str = ""
    headline: str = ""  # the main evidence in a few words, for the overview

    @property
    def code(self) -> str:
        return f"OST{self.number:03d}"


PRINCIPLES = (
    (1, "Clear boundaries", "The boundaries of the shared resource, and who has the right to use it, are clearly defined."),
    (2, "Congruence with local conditions", "Rules for using and providing the resource fit local conditions, and what users get is in proportion to what they put in."),
    (3, "Collective-choice arrangements", "Most of those affected by the rules can take part in changing them."),
    (4, "Monitoring", "Those who monitor the resource and its use are accountable to the users, or are users themselves."),
    (5, "Graduated sanctions", "Those who break the rules face sanctions graded to the seriousness and context of the breach."),
    (6, "Conflict-resolution mechanisms", "Users and their officials have rapid access to low-cost, local arenas to resolve conflicts."),
    (7, "Minimal recognition of rights to organise", "Users' rights to devise their own institutions are not challenged by external authorities."),
    (8, "Nested enterprises", "Where the resource is part of a larger system, governance activities are organised in multiple nested layers."),
)


# -- the scope of a system -------------------------------------------------------------------------------


@attrs.frozen
class Scope:
    system: Tier | None
    tiers: tuple[Tier, ...]
    forums: tuple[Forum, ...]
    organisations: tuple[Organisation, ...]
    delegations: tuple[Delegation, ...]
    pooled_funds: tuple

    @property
    def id(self) -> str | None:
        return self.system.id if self.system else None


def _root(facts: Facts, tier_id: str | None) -> str | None:
    chain = facts.tier_path(tier_id)
    return chain[-1] if chain else None


def _system_of(model: Model, facts: Facts, id: str | None) -> str | None:
    entity = model.entity(id) if id else None
    if isinstance(entity, Person):
        for organisation in facts.acts_for(entity.id):
            found = _root(facts, facts.footprint_tier(organisation))
            if found:
                return found
        return None
    return _root(facts, facts.footprint_tier(id))


def _scopes(model: Model, facts: Facts) -> list[Scope]:
    systems = [t for t in model.tiers if t.kind == "system"]
    if not systems:
        return [
            Scope(None, model.tiers, model.forums, model.organisations, model.delegations, model.pooled_funds)
        ]
    known: dict[str | None, str | None] = {}

    def system_of(id: str | None) -> str | None:
        if id not in known:
            known[id] = _system_of(model, facts, id)
        return known[id]

    scopes = []
    for system in systems:
        sid = system.id
        tiers = tuple(t for t in model.tiers if _root(facts, t.id) == sid)
        forums = tuple(f for f in model.forums if system_of(f.id) == sid)
        organisations = tuple(o for o in model.organisations if system_of(o.id) == sid)
        delegations = tuple(d for d in model.delegations if sid in (system_of(d.delegate), system_of(d.delegator)))
        funds = tuple(p for p in model.pooled_funds if sid in (system_of(p.governed_by), system_of(p.host)))
        scopes.append(Scope(system, tiers, forums, organisations, delegations, funds))
    return scopes


# -- helpers ----------------------------------------------------------------------------------------------


def _rate(criteria: list[tuple[int, int]]) -> str:
    """present when every criterion is fully met, missing when none is met at all, else partial."""
    counted = [(met, total) for met, total in criteria if total]
    if not counted:
        return NOT_MODELLED
    if all(met == total for met, total in counted):
        return PRESENT
    if all(met == 0 for met, _ in counted):
        return MISSING
    return PARTIAL


def _of(met: int, total: int) -> str:
    return f"{met} of {total}"


def _rank(model: Model, facts: Facts, party: str | None) -> int | None:
    """The layer a party decides at: -1 national or regional, 0 system ... 3 neighbourhood (None if unknown).

    A person counts at the narrowest tier of their employers and posts; a
    place director at place level even when employed by the ICB.
    """
    entity = model.entity(party) if party else None
    if entity is None:
        return None
    if isinstance(entity, Organisation) and entity.kind in ("nhs_england", "nhs_england_region"):
        return _NATIONAL
    if isinstance(entity, Forum):
        owners = facts.organisations_of(entity.id)
        if not entity.tier and owners and all(
            facts.organisation(o) is not None and facts.organisation(o).kind in ("nhs_england", "nhs_england_region")
            for o in owners
        ):
            return _NATIONAL
    if isinstance(entity, Person):
        ranks = [_rank(model, facts, o) for o in facts.acts_for(entity.id)]
        if any(p.role == "place_director" for p in entity.posts):
            ranks.append(v.TIER_KINDS["place"].rank)
        known = [r for r in ranks if r is not None]
        return max(known) if known else None
    tier = model.entity(facts.footprint_tier(party) or "")
    return v.TIER_KINDS[tier.kind].rank if isinstance(tier, Tier) else None


def _bodies(model: Model, facts: Facts, party: str | None) -> set[str]:
    """The organisations a party acts for, with every organisation they are part of."""
    out: set[str] = set()
    for organisation_id in facts.acts_for(party) if party else ():
        while organisation_id and organisation_id not in out:
            out.add(organisation_id)
            organisation = facts.organisation(organisation_id)
            organisation_id = organisation.part_of if organisation else None
    return out


# -- the eight principles ------------------------------------------------------------------------------


def _boundaries(model: Model, facts: Facts, scope: Scope) -> Principle:
    tiers = list(scope.tiers)
    with_population = [t.id for t in tiers if t.population]
    needs_footprint = [t for t in tiers if t.kind != "neighbourhood"]
    with_footprint = [t.id for t in needs_footprint if t.footprint]
    forums = list(scope.forums)
    with_members = [f.id for f in forums if f.seats or f.partners]
    funds = list(scope.pooled_funds)
    funds_defined = [p.id for p in funds if p.contributions and "persons_and_services" in p.agreement_terms]
    evidence = [
        Evidence("tiers declaring their population", _of(len(with_population), len(tiers)), tuple(with_population)),
        Evidence(
            "systems, sub-systems and places declaring their footprint (councils)",
            _of(len(with_footprint), len(needs_footprint)),
            tuple(with_footprint),
        ),
        Evidence("forums declaring their members (seats) or partner bodies", _of(len(with_members), len(forums)), tuple(with_members)),
    ]
    if funds:
        evidence.append(
            Evidence(
                "pooled funds declaring contributions and the persons and services covered",
                _of(len(funds_defined), len(funds)),
                tuple(funds_defined),
            )
        )
    missing = []
    gaps = [
        ("tiers with no population", [t.id for t in tiers if not t.population]),
        ("tiers with no footprint", [t.id for t in needs_footprint if not t.footprint]),
        ("forums with no seats and no partners", [f.id for f in forums if not (f.seats or f.partners)]),
        ("pooled funds with no contributions or no persons and services in the agreement", [p.id for p in funds if p.id not in funds_defined]),
    ]
    for label, ids in gaps:
        if ids:
            evidence.append(Evidence(label, str(len(ids)), tuple(ids), gap=True))
            missing.append(f"{label[0].upper() + label[1:]}: {some_names(ids)}.")
    rating = _rate(
        [
            (len(with_population), len(tiers)),
            (len(with_footprint), len(needs_footprint)),
            (len(with_members), len(forums)),
            (len(funds_defined), len(funds)),
        ]
    )
    headline = (
        f"population {len(with_population)}/{len(tiers)} tiers, footprint {len(with_footprint)}/{len(needs_footprint)}, "
        f"members {len(with_members)}/{len(forums)} forums"
        + (f", pooled funds {len(funds_defined)}/{len(funds)}" if funds else "")
    )
    return Principle(
        1, *PRINCIPLES[0][1:], "Tiers declare their population and footprint; forums their members; pooled funds their partners and scope.",
        rating, tuple(evidence), tuple(missing), headline=headline,
    )


def _congruence(model: Model, facts: Facts, scope: Scope) -> Principle:
    tier_ids = {t.id for t in scope.tiers}
    delegations_of: dict[str, list[Delegation]] = defaultdict(list)
    for d in model.delegations:
        for f in d.functions:
            delegations_of[f].append(d)
    decided_by: dict[str, list[str]] = defaultdict(list)
    reasoned: set[str] = set()  # functions with a reason on a decision that exercises them
    for decision in model.decisions:
        for f in decision.functions:
            decided_by[f].append(decision.forum)
            if decision.reason:
                reasoned.add(f)
    fit, explained, misfit = [], [], []
    for function in model.functions:
        scope_tier = model.entity(function.scope) if function.scope else None
        if not isinstance(scope_tier, Tier) or scope_tier.id not in tier_ids or scope_tier.kind == "system":
            continue
        rank = v.TIER_KINDS[scope_tier.kind].rank
        parties = [d.delegate for d in delegations_of.get(function.id, [])] + decided_by.get(function.id, [])
        if not parties and function.holder:
            parties = [function.holder]
        levels = [_rank(model, facts, p) for p in parties]
        if not parties or any(level is None or level >= rank for level in levels):
            fit.append(function.id)
        elif function.reason or function.id in reasoned or any(d.reason for d in delegations_of.get(function.id, [])):
            explained.append(function.id)
        else:
            misfit.append(function.id)
    total = len(fit) + len(explained) + len(misfit)
    evidence = [
        Evidence(
            "functions scoped to a sub-system, place or neighbourhood that are decided at that tier or closer to people",
            _of(len(fit), total),
            tuple(fit),
        )
    ]
    missing = []
    if explained:
        evidence.append(Evidence("decided above their tier, with a recorded reason", str(len(explained)), tuple(explained), gap=True))
        missing.append(
            f"Decided above the tier they concern, with a reason recorded (on the function, a delegation or a "
            f"decision): {some_names(explained)}."
        )
    if misfit:
        evidence.append(Evidence("decided above their tier, with no reason recorded", str(len(misfit)), tuple(misfit), gap=True))
        missing.append(f"Decided above the tier they concern, with no reason recorded: {some_names(misfit)}.")
    funds = list(scope.pooled_funds)
    note = ""
    if funds:
        shares = []
        for fund in funds:
            total_amount = fund.total
            if total_amount:
                parts = ", ".join(
                    f"`{c.partner}` {int(round(100 * c.amount / total_amount))}%" for c in fund.contributions
                )
                shares.append(f"`{fund.id}`: {parts}")
        evidence.append(Evidence("pooled funds with contributions recorded (what partners put in)", str(len(funds)), tuple(p.id for p in funds)))
        note = (
            "Contribution shares — " + "; ".join(shares) + ". The model records what partners put into pooled funds "
            "but not who benefits, so whether benefits are in proportion to contributions cannot be judged from it."
        ) if shares else ""
    if not total:
        rating = NOT_MODELLED
        missing.append("No function is scoped to a sub-system, place or neighbourhood, so whether decisions fit local conditions cannot be judged.")
    elif len(fit) == total:
        rating = PRESENT
    elif fit or explained:
        rating = PARTIAL
    else:
        rating = MISSING
    return Principle(
        2, *PRINCIPLES[1][1:],
        "Functions that concern one place are decided at that place (the subsidiarity test of SUB005); pooled-fund contributions.",
        rating, tuple(evidence), tuple(missing), note,
        headline=f"{len(fit)}/{total} scoped functions decided at their tier or below" if total else "",
    )


def _included(model: Model, facts: Facts, forum: Forum, organisation_id: str, found=None) -> bool:
    found = found or presence(model, forum)
    members = set(found.seat_organisations) | set(forum.partners) | set(facts.organisations_of(forum.id))
    if organisation_id in members:
        return True
    # an organisation inside a member (a practice in a member PCN), or containing one
    theirs = _bodies(model, facts, organisation_id)
    if theirs & members:
        return True
    if any(organisation_id in _bodies(model, facts, m) for m in members):
        return True
    represented = {
        PARTNER_CAPACITY_CLASS[c] for s in forum.seats for c in s.capacities if c in PARTNER_CAPACITY_CLASS
    }
    return organisation_class(model.entity(organisation_id)) in represented


def _collective_choice(model: Model, facts: Facts, scope: Scope) -> Principle:
    pairs_in, pairs_out = [], []
    index = AffectedIndex.of(model)
    for forum in scope.forums:
        affected = affected_organisations(model, forum, index)
        found = presence(model, forum) if affected else None
        for organisation_id in affected:
            included = _included(model, facts, forum, organisation_id, found)
            (pairs_in if included else pairs_out).append((forum.id, organisation_id))
    total = len(pairs_in) + len(pairs_out)
    evidence = [
        Evidence(
            "organisations affected by a forum's decisions that take part in it (seat, partner, owner or sector partner member)",
            _of(len(pairs_in), total),
            tuple(f"{o} on {f}" for f, o in pairs_in),
        )
    ]
    missing = []
    if pairs_out:
        by_forum: dict[str, list[str]] = defaultdict(list)
        for f, o in pairs_out:
            by_forum[f].append(o)
        evidence.append(Evidence("affected organisations with no part in the forum", str(len(pairs_out)), tuple(f"{o} on {f}" for f, o in pairs_out), gap=True))
        missing.append(
            "Affected but not taking part: " + "; ".join(f"{some_names(orgs)} in `{f}`" for f, orgs in by_forum.items()) + "."
        )
    if not total:
        rating = NOT_MODELLED
        missing.append(
            "No forum's decisions are recorded as affecting an organisation (decisions with `affects:`, pooled funds, "
            "functions scoped to an area), so who is affected cannot be told."
        )
    elif 2 * len(pairs_in) > total:
        rating = PRESENT
    elif pairs_in:
        rating = PARTIAL
    else:
        rating = MISSING
    return Principle(
        3, *PRINCIPLES[2][1:],
        "Organisations a forum's decisions affect (its decisions' `affects:`, the pooled funds it governs, the areas of the "
        "functions it exercises) sit on it, are partners, own it, or are represented by a partner member for their sector; "
        "present when most do.",
        rating, tuple(evidence), tuple(missing),
        headline=f"{len(pairs_in)}/{total} affected organisations take part" if total else "",
    )


def _reports_back(model: Model, facts: Facts, delegation: Delegation) -> bool:
    delegator = _bodies(model, facts, delegation.delegator)
    for target in delegation.reports_to:
        if target == delegation.delegator or (_bodies(model, facts, target) & delegator):
            return True
    return False


def _has_line_up(model: Model, facts: Facts, forum: Forum, sources: dict[str, set[str]]) -> bool:
    if sources.get(forum.id, set()) & _LINE_KINDS_UP:
        return True
    if v.FORUM_KINDS[forum.kind].governing_body:
        return any(sources.get(o, set()) & _LINE_KINDS_UP for o in facts.organisations_of(forum.id))
    return False


def _monitoring(model: Model, facts: Facts, scope: Scope) -> Principle:
    delegations = list(scope.delegations)
    back = [d.id for d in delegations if _reports_back(model, facts, d)]
    elsewhere = [d.id for d in delegations if d.reports_to and d.id not in back]
    silent = [d.id for d in delegations if not d.reports_to]
    sources: dict[str, set[str]] = defaultdict(set)
    for line in model.lines:
        sources[line.source].add(line.kind)
    forums = list(scope.forums)
    lined = [f.id for f in forums if _has_line_up(model, facts, f, sources)]
    unlined = [f.id for f in forums if f.id not in lined]
    audit = [f.id for f in forums if f.role == "audit"]
    evidence = [
        Evidence("delegations reporting back to the body that delegated them", _of(len(back), len(delegations)), tuple(back)),
        Evidence("forums with a reporting, assurance or accountability line", _of(len(lined), len(forums)), tuple(lined)),
    ]
    if audit:
        evidence.append(Evidence("audit committees (independent assurance to the board)", str(len(audit)), tuple(audit)))
    missing = []
    for label, ids in (
        ("delegations reporting to someone other than the delegator", elsewhere),
        ("delegations with no `reports_to`", silent),
        ("forums with no reporting, assurance or accountability line", unlined),
    ):
        if ids:
            evidence.append(Evidence(label, str(len(ids)), tuple(ids), gap=True))
            missing.append(f"{label[0].upper() + label[1:]}: {some_names(ids)}.")
    rating = _rate([(len(back), len(delegations)), (len(lined), len(forums))])
    return Principle(
        4, *PRINCIPLES[3][1:],
        "Each delegation reports back to the body that delegated it (the monitor is accountable to the delegator); each forum "
        "has a line up (reports to, assures, or is accountable to).",
        rating, tuple(evidence), tuple(missing),
        headline=f"{len(back)}/{len(delegations)} delegations report back, {len(lined)}/{len(forums)} forums have a line up",
    )


def _sanctions(model: Model, facts: Facts, scope: Scope) -> Principle:
    delegations = list(scope.delegations)
    conditions = [d.id for d in delegations if d.conditions]
    reviewable = [d.id for d in delegations if d.review or d.end]
    funds = [p.id for p in scope.pooled_funds if "management_and_monitoring" in p.agreement_terms]
    evidence = [
        Evidence("delegations with conditions attached (what a breach would be measured against)", _of(len(conditions), len(delegations)), tuple(conditions)),
        Evidence("delegations with a review or expiry date (a point at which they can be varied or withdrawn)", _of(len(reviewable), len(delegations)), tuple(reviewable)),
    ]
    if scope.pooled_funds:
        evidence.append(
            Evidence("pooled-fund agreements covering management and monitoring", _of(len(funds), len(scope.pooled_funds)), tuple(funds))
        )
    return Principle(
        5, *PRINCIPLES[4][1:],
        "Not expressible in the model yet: it has no construct for an escalation ladder (review, remedial plan, recovery "
        "of a delegation). Related evidence is listed, but it is not evidence of graduated sanctions.",
        NOT_MODELLED, tuple(evidence),
        ("Graduated sanctions are not expressible in the model yet; evidence must come from the agreements "
         "(delegation agreements, s.75 agreements, terms of reference).",),
        headline=f"related only: {len(conditions)}/{len(delegations)} delegations with conditions, {len(reviewable)} reviewable",
    )


def _conflict_resolution(model: Model, facts: Facts, scope: Scope) -> Principle:
    system = scope.system
    if system is None:
        return Principle(
            6, *PRINCIPLES[5][1:], "The system's `arbiter` and `dispute_resolution`.", NOT_MODELLED, (),
            ("No system is declared, so there is nowhere to record an arbiter or a dispute-resolution route.",),
        )
    evidence = []
    missing = []
    if system.arbiter:
        external = _rank(model, facts, system.arbiter) == _NATIONAL or any(
            _rank(model, facts, o) == _NATIONAL for o in facts.acts_for(system.arbiter)
        )
        where = "external to the system (NHS England)" if external else "within the system"
        evidence.append(Evidence(f"an arbiter, {where}", "yes", (system.arbiter,)))
    else:
        evidence.append(Evidence("an arbiter", "none", (system.id,), gap=True))
        missing.append(f"System `{system.id}` names no arbiter.")
    if system.dispute_resolution:
        evidence.append(Evidence(f"a dispute-resolution route: \"{clean(system.dispute_resolution, 300)}\"", "yes", (system.id,)))
    else:
        evidence.append(Evidence("a dispute-resolution route", "none", (system.id,), gap=True))
        missing.append(f"System `{system.id}` describes no dispute-resolution route.")
    rating = _rate([(1 if system.arbiter else 0, 1), (1 if system.dispute_resolution else 0, 1)])
    return Principle(
        6, *PRINCIPLES[5][1:],
        "The system names an arbiter and describes a dispute-resolution route. Ostrom stresses local, low-cost arenas; "
        "research on ICSs argues for an independent arbiter such as NHS England's regional director. Only systems can "
        "declare these, so sub-systems and places have no route of their own in the model.",
        rating, tuple(evidence), tuple(missing),
        headline="; ".join(
            part
            for part in (
                f"arbiter `{system.arbiter}`" if system.arbiter else "",
                "dispute-resolution route described" if system.dispute_resolution else "",
            )
            if part
        ),
    )


def _organising_forums(model: Model, facts: Facts, scope: Scope) -> list[Forum]:
    out = []
    for forum in scope.forums:
        kind = v.FORUM_KINDS[forum.kind]
        if kind.governing_body or kind.statutory_partnership == "council":
            continue
        rank = _rank(model, facts, forum.id)
        if v.FORUM_KINDS[forum.kind].collaborative or forum.role in ("place", "subsystem") or (rank is not None and rank >= 1):
            out.append(forum)
    return out


def _right_to_organise(model: Model, facts: Facts, scope: Scope) -> Principle:
    forums = _organising_forums(model, facts, scope)
    yes = [f.id for f in forums if f.terms is not None and f.terms.self_determined is True]
    no = [f.id for f in forums if f.terms is not None and f.terms.self_determined is False]
    unknown = [f.id for f in forums if f.id not in yes and f.id not in no]
    evidence = [Evidence("place, sub-system and collaborative forums that set their own terms", _of(len(yes), len(forums)), tuple(yes))]
    missing = []
    if no:
        evidence.append(Evidence("terms set by another body (`self_determined: no`)", str(len(no)), tuple(no), gap=True))
        missing.append(f"Terms set by another body: {some_names(no)}.")
    if unknown:
        evidence.append(Evidence("not stated (no `self_determined`)", str(len(unknown)), tuple(unknown), gap=True))
        missing.append(f"Whether they set their own terms is not stated: {some_names(unknown)}.")
    if not forums:
        missing.append("The system has no place, sub-system or collaborative forum in the model.")
    return Principle(
        7, *PRINCIPLES[6][1:],
        "Place partnerships, provider collaboratives, the ICP and committees working below the system set their own terms "
        "of reference (`self_determined: yes`). Whether higher authorities respect them in practice is outside the model.",
        _rate([(len(yes), len(forums))]), tuple(evidence), tuple(missing),
        headline=f"{len(yes)}/{len(forums)} forums set their own terms" if forums else "",
    )


def _chain(model: Model, facts: Facts, delegations) -> list[str]:
    """The longest chain of delegations, as the parties from first delegator to last delegate."""

    def key(party: str) -> str:
        forum = facts.forum(party)
        if forum is not None and v.FORUM_KINDS[forum.kind].governing_body:
            owners = facts.organisations_of(party)
            if len(owners) == 1:
                return owners[0]
        return party

    edges: dict[str, list[str]] = defaultdict(list)
    for d in delegations:
        a, b = key(d.delegator), key(d.delegate)
        if a != b and b not in edges[a]:
            edges[a].append(b)
    best: dict[str, list[str]] = {}

    def longest(node: str, path: frozenset) -> list[str]:
        if node in best:
            return best[node]
        result = [node]
        for nxt in edges.get(node, []):
            if nxt in path:
                continue
            candidate = [node] + longest(nxt, path | {nxt})
            if len(candidate) > len(result):
                result = candidate
        if not path - {node}:
            best[node] = result
        return result

    chains = [longest(start, frozenset({start})) for start in list(edges)]
    return max(chains, key=len) if chains else []


def _nested(model: Model, facts: Facts, scope: Scope) -> Principle:
    kinds_present = {v.TIER_KINDS[t.kind].rank for t in scope.tiers}
    layers = sorted(kinds_present | {0})
    delegation_ranks = [(d, _rank(model, facts, d.delegator), _rank(model, facts, d.delegate)) for d in scope.delegations]
    if any(r == _NATIONAL for _, r, _ in delegation_ranks):
        layers = [_NATIONAL] + layers
    evidence = []
    missing = []
    complete = 0
    for layer in layers:
        forums = [f.id for f in scope.forums if _rank(model, facts, f.id) == layer]
        organisations = []
        if layer == _NATIONAL:
            organisations = sorted({d.delegator for d, r, _ in delegation_ranks if r == _NATIONAL})
        else:
            organisations = [o.id for o in scope.organisations if _rank(model, facts, o.id) == layer]
        touching = [d for d, a, b in delegation_ranks if a == layer or b == layer]
        monitored = [d for d in touching if d.reports_to]
        parts = []
        gaps = []
        if forums or organisations:
            parts.append(f"{len(forums)} forum(s), {len(organisations)} organisation(s)")
        else:
            gaps.append("no forum or organisation works here")
        if touching:
            parts.append(f"{len(touching)} delegation(s)")
        else:
            gaps.append("no delegation reaches or leaves it")
        if monitored:
            parts.append(f"{len(monitored)} with reporting")
        elif touching:
            gaps.append("no delegation here reports back")
        done = not gaps
        complete += done
        label = _LAYER_LABELS[layer]
        evidence.append(
            Evidence(
                f"{label} layer: " + ("; ".join(parts) if parts else "nothing"),
                "complete" if done else "incomplete",
                tuple(forums + organisations),
                gap=not done,
            )
        )
        if not done:
            missing.append(f"The {label} layer is incomplete: {', '.join(gaps)}.")
    chain = _chain(model, facts, scope.delegations)
    head = [
        Evidence(
            "complete layers (enterprises, delegations and reporting)",
            _of(complete, len(layers)),
            tuple(_LAYER_LABELS[layer] for layer, e in zip(layers, evidence) if not e.gap),
        )
    ]
    if len(chain) > 1:
        head.append(Evidence(f"longest chain of delegation ({len(chain)} bodies)", " → ".join(chain), tuple(chain)))
    evidence = head + evidence
    if scope.system is not None:
        missing.append(
            "Conflict resolution is declared only for the system as a whole; the model has no dispute route for a "
            "sub-system, place or neighbourhood."
        )
    if complete >= NESTED_LAYERS_NEEDED:
        rating = PRESENT
    elif complete == 2:
        rating = PARTIAL
    else:
        rating = MISSING
    return Principle(
        8, *PRINCIPLES[7][1:],
        f"Layers national → system → sub-system → place → neighbourhood, each with enterprises (forums or organisations), "
        f"delegations and reporting; present with at least {NESTED_LAYERS_NEEDED} complete layers.",
        rating, tuple(evidence), tuple(missing),
        headline=f"{complete}/{len(layers)} layers complete"
        + (f"; chain {' → '.join(chain)}" if len(chain) > 1 else ""),
    )


_ASSESSORS = (_boundaries, _congruence, _collective_choice, _monitoring, _sanctions, _conflict_resolution, _right_to_organise, _nested)


def principles(model: Model, scope: Scope, facts: Facts | None = None) -> tuple[Principle, ...]:
    """The eight principles for one system."""
    facts = facts or Facts(model, model)
    return tuple(assessor(model, facts, scope) for assessor in _ASSESSORS)


def systems(model: Model, facts: Facts | None = None) -> list[Scope]:
    """One scope per system in the model (or one for the whole model if it declares no system)."""
    return _scopes(model, facts or Facts(model, model))


# -- the report -------------------------------------------------------------------------------------------


def _finding(scope: Scope, principle: Principle) -> LensFinding | None:
    subject = scope.id
    where = f"`{scope.id}`" if scope.id else "the model"
    if principle.rating == PRESENT:
        if principle.missing and principle.number == 3:
            return LensFinding(
                "info", subject, f"{principle.code} {principle.name} in {where} is present (most affected organisations "
                "take part), but not complete. " + " ".join(principle.missing)
            )
        return None
    severity = "warning" if principle.rating == MISSING else "info"
    text = " ".join(principle.missing) if principle.missing else "see the evidence above."
    return LensFinding(severity, subject, f"{principle.code} {principle.name} in {where} is {principle.rating}. {text}")


def _principle_section(scope: Scope, title: str, principle: Principle) -> Section:
    rows = []
    for item in principle.evidence:
        ids = item.entities if item.gap else item.entities[:LIST_LIMIT]
        cited = ", ".join(ids)
        if len(ids) < len(item.entities):
            cited += f", … ({len(item.entities) - len(ids)} more)"
        rows.append(("missing" if item.gap else "found", item.label, item.found, cited or None))
    intro = f"Ostrom: {principle.statement} In the model: {principle.looked_for} Rating: {principle.rating}."
    if principle.note:
        intro += " " + principle.note
    finding = _finding(scope, principle)
    return Section(
        f"{title} — {principle.number}. {principle.name}",
        intro,
        Table(("", "Evidence", "Found", "Entities"), tuple(rows)),
        (finding,) if finding else (),
        scope.id,
    )


def _short(principle: Principle) -> tuple[str | None, str | None]:
    gaps = [e for e in principle.evidence if e.gap]
    evidence = principle.headline or None
    missing = "; ".join(f"{e.label} ({e.found})" for e in gaps) or None
    if principle.rating == NOT_MODELLED and principle.missing and missing is None:
        missing = principle.missing[0]
    return evidence, missing


def _focus_system(model: Model, facts: Facts, focus: str) -> str:
    entity = model.entity(focus)
    system = _system_of(model, facts, focus) if entity is not None else None
    if system is None:
        kind = _KIND_WORDS.get(type(entity).__name__, "entity") if entity is not None else "entity"
        raise FocusError(
            f"the ostrom lens looks at whole systems; it can focus on a system, or on a tier, forum, organisation or "
            f"person whose system can be told, but not on the {kind} `{focus}`"
        )
    return system


def assess(model: Model, focus: str | None = None) -> LensReport:
    facts = Facts(model, model)
    scopes = _scopes(model, facts)
    if focus is not None:
        wanted = _focus_system(model, facts, focus)
        scopes = [s for s in scopes if s.id == wanted]
    sections: list[Section] = []
    ratings_by_system = []
    for scope in scopes:
        results = principles(model, scope, facts)
        title = f"{clean(scope.system.title)} ({scope.id})" if scope.system else "The model (no system declared)"
        rows = []
        for p in results:
            evidence, missing = _short(p)
            rows.append((f"{p.number}. {p.name}", p.rating, evidence, missing))
        counts = {r: sum(1 for p in results if p.rating == r) for r in RATINGS}
        ratings_by_system.append((scope, counts))
        sections.append(
            Section(
                f"{title} — overview",
                "Each principle's rating, the main evidence found and what is missing; the sections below cite the entities.",
                Table(("Principle", "Rating", "Evidence", "Missing"), tuple(rows)),
                (),
                scope.id,
            )
        )
        sections += [_principle_section(scope, title, p) for p in results]
    declared = any(scope.system is not None for scope in scopes)
    summary = [
        (f"{len(scopes)} system(s) assessed" if declared else "No system is declared, so the model is assessed as a whole")
        + (f" (focus `{focus}`)" if focus else "")
        + " against Ostrom's eight design principles for governing a shared resource (Ostrom 1990, Governing the Commons).",
    ]
    for scope, counts in ratings_by_system:
        name = f"`{scope.id}`" if scope.id else "The model"
        summary.append(
            f"{name}: " + ", ".join(f"{counts[r]} {r}" for r in RATINGS if counts[r]) + "."
        )
    summary.append(
        "Ratings: present, partial, missing, or not modelled (the model cannot show it). The mapping from principles to "
        "model evidence is this project's proposal. A model of formal arrangements, not of practice."
    )
    return LensReport("ostrom", "Ostrom's design principles", tuple(summary), tuple(sections))
