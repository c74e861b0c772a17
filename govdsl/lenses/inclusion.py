"""The inclusion lens: who is at the table, and how, in every tier and forum.

For each forum the lens sorts the people who sit on it into *stakeholder
classes*, and says for each class whether it is present as a **voting**
member, only as a **non-voting** participant or observer, only as a
**partner body** (an organisation listed in `partners:` with no named
member), or is **absent**. The classes split the NHS in three, because
research on ICSs finds that hospitals dominate while primary care is
"included but less heard":

| class | organisations (by kind, or sector) |
|---|---|
| NHS providers | `nhs_trust`, `foundation_trust` (and other NHS-sector providers) |
| primary care | `gp_practice`, `primary_care_network`, `gp_federation`; people holding a GP post |
| commissioners | `icb`, `nhs_england`, `nhs_england_region` (and other NHS bodies) |
| local government | the `local_government` sector: councils, combined authorities, police |
| VCSE | the `vcse` sector: charities, community groups, social enterprises |
| public voice | the `public_voice` sector (local Healthwatch, citizens' panels modelled as organisations); members with lived experience who sit for no organisation |
| other | the `independent` sector: independent providers, universities, others |

**Which class a seat counts for** (`seat_class`): the organisation the seat
is `for`, if given; else the sector named by a partner-member capacity
(`partner_member_trusts` and so on); else, for a member holding a GP post
(`gp_partner`, `salaried_gp`) who does not sit as an executive or
non-executive of the forum's organisation, primary care; else the person's
employer, then the organisations of their posts. A member with none of
these who declares `lived_experience` counts as public voice; anyone else is
*unattributed* (typically an independent chair).

**Which classes a forum's decisions affect** (`affected_classes`), stated so
it can be checked:

1. the organisations named in `affects:` of the decisions it takes;
2. the partners contributing to, and the host of, each pooled fund it
   governs (`governed_by:`);
3. for each function it exercises (delegated to it, or named in its
   decisions) whose `scope` is a tier: the councils of that tier's footprint
   and the local Healthwatch whose footprint overlaps it, because those are
   the democratic and statutory public voices of the people concerned.

A forum where an affected class is absent gets a warning; one where it takes
part only without a vote gets a note. Being affected is not a claim to vote
on one's own contract (the conflict-of-interest rules say when to step
out): the lens reports voice, and the remedy may be a participant seat.

Forums *labelled collaborative* (place partnerships, provider collaboratives,
integrated care partnerships, and forums whose title says "partnership",
"collaborative" or "alliance") where the VCSE or the public voice take part
only without a vote get a warning in the spirit of CG002: Ansell and Gash
(2008) define collaborative governance as non-state stakeholders taking part
directly in decisions, not being consulted.

This module also holds the helpers the collaborative and Ostrom lenses share
(`seat_class`, `presence`, `affected_classes`; the tier a forum covers is `Facts.footprint_tier`).

This is a model of formal arrangements, not of practice or informal power:
who speaks, who is heard and who sets the agenda are outside it.
"""

from __future__ import annotations

from collections import defaultdict

import attrs

from govdsl.analysis.facts import Facts
from govdsl.lenses import FocusError, LensFinding, LensReport, Section, Table
from govdsl.model import vocabulary as v
from govdsl.model.types import Forum, Model, Organisation, Person, Seat, Tier
from govdsl.text import clean
from govdsl.analysis.wording import some_names

# -- stakeholder classes -----------------------------------------------------------------------------

CLASSES: dict[str, str] = {
    "nhs_provider": "NHS providers",
    "primary_care": "primary care",
    "commissioner": "commissioners",
    "local_government": "local government",
    "vcse": "VCSE",
    "public_voice": "public voice",
    "other": "other",
}
# How each class reads in a sentence, and whether it takes a plural verb.
CLASS_NOUNS: dict[str, tuple[str, bool]] = {
    "nhs_provider": ("NHS providers", True),
    "primary_care": ("primary care", False),
    "commissioner": ("commissioners", True),
    "local_government": ("local government", False),
    "vcse": ("the VCSE sector", False),
    "public_voice": ("the public voice", False),
    "other": ("other organisations", True),
}


def noun(cls: str) -> str:
    return CLASS_NOUNS[cls][0]


def verb(cls: str, plural: str, singular: str) -> str:
    """`have` or `has` (or any pair) to agree with a class's noun."""
    return plural if CLASS_NOUNS[cls][1] else singular


# The SECTORS word each class belongs to (for seat shares by sector and the power lens).
CLASS_SECTOR: dict[str, str] = {
    "nhs_provider": "nhs",
    "primary_care": "nhs",
    "commissioner": "nhs",
    "local_government": "local_government",
    "vcse": "vcse",
    "public_voice": "public_voice",
    "other": "independent",
}
_PRIMARY_CARE_KINDS = frozenset({"gp_practice", "primary_care_network", "gp_federation"})
_PROVIDER_KINDS = frozenset({"nhs_trust", "foundation_trust"})
_COMMISSIONER_KINDS = frozenset({"icb", "nhs_england", "nhs_england_region"})
_GP_POSTS = frozenset({"gp_partner", "salaried_gp"})
PARTNER_CAPACITY_CLASS = {
    "partner_member_trusts": "nhs_provider",
    "partner_member_primary_care": "primary_care",
    "partner_member_local_authority": "local_government",
}
_OWN_BODY_CAPACITIES = frozenset(
    {"chief_executive", "executive", "executive_finance", "executive_medical", "executive_nursing", "non_executive"}
)
_COLLABORATIVE_WORDS = ("partnership", "collaborative", "alliance")

VOTING, NON_VOTING, PARTNER, ABSENT = "voting", "non-voting", "partner body", "absent"
_LEVEL_ORDER = {VOTING: 3, NON_VOTING: 2, PARTNER: 1, ABSENT: 0}


def organisation_class(organisation: Organisation) -> str:
    """The stakeholder class of an organisation (a key of CLASSES)."""
    if organisation.sector == "nhs":
        if organisation.kind in _PRIMARY_CARE_KINDS:
            return "primary_care"
        if organisation.kind in _PROVIDER_KINDS:
            return "nhs_provider"
        if organisation.kind in _COMMISSIONER_KINDS:
            return "commissioner"
        kind = v.ORGANISATION_KINDS.get(organisation.kind)
        return "nhs_provider" if kind is not None and kind.provider else "commissioner"
    if organisation.sector in ("local_government", "vcse", "public_voice"):
        return organisation.sector
    return "other"


@attrs.frozen
class Attribution:
    """Whom a seat counts for: a stakeholder class and, when known, an organisation."""

    cls: str | None  # a key of CLASSES, or None when it cannot be told
    organisation: str | None
    how: str  # "for", "partner member", "GP post", "employer", "post", "lived experience", "unattributed"


def seat_class(model: Model, seat: Seat) -> Attribution:
    """The stakeholder class a seat counts for (see the module docstring for the order of the tests)."""
    person = model.entity(seat.person)
    if seat.representing and isinstance(model.entity(seat.representing), Organisation):
        return Attribution(organisation_class(model.entity(seat.representing)), seat.representing, "for")
    for capacity in seat.capacities:
        if capacity in PARTNER_CAPACITY_CLASS:
            return Attribution(PARTNER_CAPACITY_CLASS[capacity], None, "partner member")
    if not isinstance(person, Person):
        return Attribution(None, None, "unattributed")
    own_body = bool(set(seat.capacities) & _OWN_BODY_CAPACITIES)
    if not own_body:
        for post in person.posts:
            if post.role in _GP_POSTS:
                organisation = post.organisation if isinstance(model.entity(post.organisation), Organisation) else None
                return Attribution("primary_care", organisation, "GP post")
    for organisation_id in person.employers:
        organisation = model.entity(organisation_id)
        if isinstance(organisation, Organisation):
            return Attribution(organisation_class(organisation), organisation_id, "employer")
    for post in person.posts:
        organisation = model.entity(post.organisation) if post.organisation else None
        if isinstance(organisation, Organisation):
            return Attribution(organisation_class(organisation), post.organisation, "post")
    if "lived_experience" in person.expertise:
        return Attribution("public_voice", None, "lived experience")
    return Attribution(None, None, "unattributed")


# -- presence in a forum -----------------------------------------------------------------------------


@attrs.frozen
class ClassPresence:
    cls: str
    voting: tuple[str, ...]  # people with a vote
    non_voting: tuple[str, ...]  # people without one
    partners: tuple[str, ...]  # partner organisations of this class
    organisations: tuple[str, ...]  # organisations of this class with a seat or listed as partners

    @property
    def level(self) -> str:
        if self.voting:
            return VOTING
        if self.non_voting:
            return NON_VOTING
        if self.partners:
            return PARTNER
        return ABSENT

    def cell(self) -> str | None:
        """`2 V`, `1 N`, `2 V, 1 N`, `partner`, or None (absent): people voting (V) and not voting (N)."""
        parts = []
        if self.voting:
            parts.append(f"{len(self.voting)} V")
        if self.non_voting:
            parts.append(f"{len(self.non_voting)} N")
        if not parts and self.partners:
            parts.append("partner")
        return ", ".join(parts) or None


@attrs.frozen
class ForumPresence:
    forum: Forum
    classes: dict  # class -> ClassPresence, for every class in CLASSES
    unattributed: tuple[str, ...]  # people whose seat counts for no class
    seat_organisations: tuple[str, ...]  # organisations with at least one seat

    def level(self, cls: str) -> str:
        return self.classes[cls].level

    def voting_seats_by_class(self) -> dict[str, int]:
        return {c: len(p.voting) for c, p in self.classes.items()}


def presence(model: Model, forum: Forum) -> ForumPresence:
    """Which classes sit on a forum, and how. A person voting in any of their seats counts as voting."""
    voting: dict[str, list[str]] = defaultdict(list)
    non_voting: dict[str, list[str]] = defaultdict(list)
    organisations: dict[str, list[str]] = defaultdict(list)
    unattributed: list[str] = []
    seat_organisations: list[str] = []
    person_class: dict[str, str | None] = {}
    person_votes: dict[str, bool] = {}
    for seat in forum.seats:
        attribution = seat_class(model, seat)
        if seat.person not in person_class or (attribution.cls and not person_class[seat.person]):
            person_class[seat.person] = attribution.cls
        person_votes[seat.person] = person_votes.get(seat.person, False) or seat.voting
        if attribution.organisation and attribution.organisation not in seat_organisations:
            seat_organisations.append(attribution.organisation)
        if attribution.cls and attribution.organisation and attribution.organisation not in organisations[attribution.cls]:
            organisations[attribution.cls].append(attribution.organisation)
    for person_id, cls in person_class.items():
        if cls is None:
            unattributed.append(person_id)
        elif person_votes[person_id]:
            voting[cls].append(person_id)
        else:
            non_voting[cls].append(person_id)
    partners: dict[str, list[str]] = defaultdict(list)
    for partner in forum.partners:
        organisation = model.entity(partner)
        if isinstance(organisation, Organisation):
            cls = organisation_class(organisation)
            partners[cls].append(partner)
            if partner not in organisations[cls]:
                organisations[cls].append(partner)
    classes = {
        c: ClassPresence(c, tuple(voting[c]), tuple(non_voting[c]), tuple(partners[c]), tuple(organisations[c]))
        for c in CLASSES
    }
    return ForumPresence(forum, classes, tuple(unattributed), tuple(seat_organisations))


# -- who a forum's decisions affect --------------------------------------------------------------------


@attrs.frozen
class AffectedIndex:
    """What `affected_organisations` reads, indexed by forum once per model (pass it when asking for many forums)."""

    decisions: dict  # forum -> its decisions
    funds: dict  # forum -> pooled funds it governs
    delegations: dict  # forum -> delegations to it
    healthwatch: tuple  # every local Healthwatch

    @classmethod
    def of(cls, model: Model) -> "AffectedIndex":
        decisions, funds, delegations = defaultdict(list), defaultdict(list), defaultdict(list)
        for decision in model.decisions:
            decisions[decision.forum].append(decision)
        for fund in model.pooled_funds:
            funds[fund.governed_by].append(fund)
        for delegation in model.delegations:
            delegations[delegation.delegate].append(delegation)
        healthwatch = tuple(o for o in model.organisations if o.kind == "healthwatch")
        return cls(dict(decisions), dict(funds), dict(delegations), healthwatch)


def affected_organisations(model: Model, forum: Forum, index: AffectedIndex | None = None) -> dict[str, list[str]]:
    """Organisation -> the reasons (in words, names in backticks) it is affected by a forum's decisions."""
    index = index or AffectedIndex.of(model)
    reasons: dict[str, list[str]] = {}

    def add(organisation_id: str | None, reason: str) -> None:
        if organisation_id and isinstance(model.entity(organisation_id), Organisation):
            found = reasons.setdefault(organisation_id, [])
            if reason not in found:
                found.append(reason)

    functions: list[tuple[str, str]] = []  # (function, where it comes from)
    for decision in index.decisions.get(forum.id, ()):
        for organisation_id in decision.affects:
            add(organisation_id, f"decision `{decision.id}` affects it")
        functions += [(f, f"decision `{decision.id}`") for f in decision.functions]
    for fund in index.funds.get(forum.id, ()):
        for contribution in fund.contributions:
            add(contribution.partner, f"it contributes to pooled fund `{fund.id}`, which this forum governs")
        add(fund.host, f"it hosts pooled fund `{fund.id}`, which this forum governs")
    for delegation in index.delegations.get(forum.id, ()):
        functions += [(f, f"delegation `{delegation.id}`") for f in delegation.functions]
    seen: set[str] = set()
    for function_id, source in functions:
        if function_id in seen:
            continue
        seen.add(function_id)
        function = model.entity(function_id)
        scope = model.entity(getattr(function, "scope", None) or "") if function is not None else None
        if not isinstance(scope, Tier):
            continue
        footprint = set(_footprint(model, scope))
        for council in sorted(footprint):
            add(council, f"function `{function_id}` ({source}) concerns `{scope.id}`, in its area")
        for organisation in index.healthwatch:
            if footprint & set(organisation.footprint):
                add(organisation.id, f"function `{function_id}` ({source}) concerns `{scope.id}`, in its area")
    return reasons


def _footprint(model: Model, tier: Tier) -> tuple[str, ...]:
    """A tier's councils: its own footprint, or its nearest ancestor's."""
    seen = set()
    while tier is not None and tier.id not in seen:
        if tier.footprint:
            return tier.footprint
        seen.add(tier.id)
        parent = model.entity(tier.parent) if tier.parent else None
        tier = parent if isinstance(parent, Tier) else None
    return ()


def affected_classes(model: Model, forum: Forum, index: AffectedIndex | None = None) -> dict[str, dict[str, list[str]]]:
    """Class -> {organisation -> reasons} for every class a forum's decisions affect."""
    out: dict[str, dict[str, list[str]]] = {}
    for organisation_id, why in affected_organisations(model, forum, index).items():
        cls = organisation_class(model.entity(organisation_id))
        out.setdefault(cls, {})[organisation_id] = why
    return out


def labelled_collaborative(forum: Forum) -> bool:
    """Place partnerships, provider collaboratives, ICPs, and forums whose title says partnership, collaborative or alliance."""
    title = forum.title.lower()
    return v.FORUM_KINDS[forum.kind].collaborative or any(word in title for word in _COLLABORATIVE_WORDS)


# -- tiers ---------------------------------------------------------------------------------------------


def tier_order(model: Model) -> list[Tier]:
    """Tiers depth first from each system (or parentless tier), in declaration order."""
    children: dict[str | None, list[Tier]] = defaultdict(list)
    ids = {t.id for t in model.tiers}
    for tier in model.tiers:
        children[tier.parent if tier.parent in ids else None].append(tier)
    out: list[Tier] = []
    seen: set[str] = set()

    def visit(tier: Tier) -> None:
        if tier.id in seen:
            return
        seen.add(tier.id)
        out.append(tier)
        for child in children.get(tier.id, []):
            visit(child)

    for root in children.get(None, []):
        visit(root)
    for tier in model.tiers:  # tiers in a cycle of `within` (reported by SUB002)
        visit(tier)
    return out


def national(facts: Facts, forum: Forum) -> bool:
    """A forum of NHS England or one of its regions."""
    return any(
        (facts.organisation(o) is not None and facts.organisation(o).kind in ("nhs_england", "nhs_england_region"))
        for o in facts.organisations_of(forum.id)
    )


def forums_in_focus(model: Model, facts: Facts, focus: str | None, lens: str) -> list[Forum]:
    """The forums a focus concerns: a forum; a person's forums; an organisation's; those of a tier and the tiers within it."""
    if focus is None:
        return list(model.forums)
    entity = model.entity(focus)
    if isinstance(entity, Forum):
        return [entity]
    if isinstance(entity, Person):
        return [f for f in model.forums if any(s.person == focus for s in f.seats)]
    if isinstance(entity, Organisation):
        return [
            f
            for f in model.forums
            if focus in f.parents
            or focus in f.partners
            or focus in facts.organisations_of(f.id)
            or any(seat_class(model, s).organisation == focus for s in f.seats)
        ]
    if isinstance(entity, Tier):
        return [f for f in model.forums if focus in facts.tier_path(facts.footprint_tier(f.id))]
    kinds = {"Function": "function", "Delegation": "delegation", "PooledFund": "pooled fund", "Decision": "decision"}
    kind = kinds.get(type(entity).__name__, "entity") if entity is not None else "entity"
    raise FocusError(
        f"the {lens} lens can focus on a forum, organisation, person or tier, not on the {kind} `{focus}`"
    )


# -- the lens --------------------------------------------------------------------------------------------


def _because(reasons: dict[str, list[str]]) -> str:
    """`northmoor_cmh` (decision `x` affects it); ..."""
    parts = []
    for organisation_id in sorted(reasons):
        parts.append(f"`{organisation_id}`: {reasons[organisation_id][0]}")
    return "; ".join(parts)


def _forum_findings(model: Model, forum: Forum, found: ForumPresence, index: AffectedIndex) -> list[LensFinding]:
    findings: list[LensFinding] = []
    if not forum.seats and not forum.partners:
        findings.append(
            LensFinding("info", forum.id, f"`{forum.id}` has no seats and no partners in the model, so who takes part in it cannot be told.")
        )
        return findings
    affected = affected_classes(model, forum, index)
    collaborative = labelled_collaborative(forum)
    kind_label = v.FORUM_KINDS[forum.kind].label
    for cls in CLASSES:
        level = found.level(cls)
        reasons = affected.get(cls)
        name = noun(cls)
        if collaborative and cls in ("vcse", "public_voice") and level == NON_VOTING:
            message = (
                f"In `{forum.id}` ({kind_label}) {name} takes part only without a vote "
                f"({some_names(found.classes[cls].non_voting)}): in collaborative governance non-state partners take part "
                "directly in decisions rather than being consulted (Ansell and Gash 2008)"
            )
            if reasons:
                message += f"; and the forum's decisions affect it ({_because(reasons)})"
            findings.append(LensFinding("warning", forum.id, message + "."))
            continue
        if not reasons:
            continue
        if level == ABSENT:
            message = (
                f"The decisions of `{forum.id}` affect {name} ({_because(reasons)}), "
                f"but {name} {verb(cls, 'have', 'has')} no seat on it."
            )
            findings.append(LensFinding("warning", forum.id, message))
        elif level == NON_VOTING:
            message = (
                f"The decisions of `{forum.id}` affect {name} ({_because(reasons)}); {name} "
                f"{verb(cls, 'take', 'takes')} part only without a vote ({some_names(found.classes[cls].non_voting)})."
            )
            findings.append(LensFinding("info", forum.id, message))
        elif level == PARTNER:
            message = (
                f"The decisions of `{forum.id}` affect {name} ({_because(reasons)}); {some_names(found.classes[cls].partners)} "
                "are listed as partner bodies, but no member sits for them."
            )
            findings.append(LensFinding("info", forum.id, message))
    return findings


_HEADINGS = {
    "nhs_provider": "NHS providers",
    "primary_care": "Primary care",
    "commissioner": "Commissioners",
    "local_government": "Local gov.",
    "vcse": "VCSE",
    "public_voice": "Public voice",
    "other": "Other",
}
_COLUMNS = ("Forum", *(_HEADINGS[c] for c in CLASSES))


def _forum_row(found: ForumPresence) -> tuple:
    return (found.forum.id, *(found.classes[c].cell() for c in CLASSES))


def _tier_summary_row(label: str, found: list[ForumPresence]) -> tuple:
    cells = []
    n = len(found)
    for cls in CLASSES:
        counts = {level: sum(1 for f in found if f.level(cls) == level) for level in (VOTING, NON_VOTING, PARTNER)}
        letters = {VOTING: "V", NON_VOTING: "N", PARTNER: "partner"}
        parts = [f"{letters[level]} {count}/{n}" for level, count in counts.items() if count]
        cells.append(", ".join(parts) or None)
    return (label, *cells)


def assess(model: Model, focus: str | None = None) -> LensReport:
    facts = Facts(model, model)
    forums = forums_in_focus(model, facts, focus, "inclusion")
    groups: dict[str, list[Forum]] = defaultdict(list)
    for forum in forums:
        tier = facts.footprint_tier(forum.id)
        if tier:
            groups[tier].append(forum)
        elif national(facts, forum):
            groups["(national)"].append(forum)
        else:
            groups["(none)"].append(forum)
    found = {forum.id: presence(model, forum) for forum in forums}
    index = AffectedIndex.of(model)

    sections: list[Section] = []
    overview_rows = []
    ordered = [t.id for t in tier_order(model) if t.id in groups]
    ordered += [key for key in ("(national)", "(none)") if key in groups]
    warnings = 0
    for key in ordered:
        members = groups[key]
        presences = [found[f.id] for f in members]
        findings = []
        for forum in members:
            findings += _forum_findings(model, forum, found[forum.id], index)
        warnings += sum(1 for f in findings if f.severity == "warning")
        rows = [_forum_row(p) for p in presences]
        rows.append(_tier_summary_row("(all forums here)", presences))
        unattributed = [(f.forum.id, f.unattributed) for f in presences if f.unattributed]
        if key == "(national)":
            title, subject, intro_head = "National and regional forums", None, "Forums of NHS England and its regions."
        elif key == "(none)":
            title, subject, intro_head = "Forums not tied to a tier", None, "Forums whose tier cannot be told (no `serves`, and no parent or partner with one)."
        else:
            tier = model.entity(key)
            kind_label = v.TIER_KINDS[tier.kind].label
            title, subject = f"{kind_label[0].upper() + kind_label[1:]} {clean(tier.title)} ({tier.id})", tier.id
            intro_head = f"Forums working at {kind_label} `{tier.id}`."
        intro = (
            f"{intro_head} Each cell counts the people sitting for that class: V voting, N not voting "
            "(participants, observers); \"partner\" is an organisation listed as a partner with no member sitting for it; "
            "— is absent. The last row counts the forums in which each class votes (V), only takes part without a vote (N) "
            "or is only a partner."
        )
        if unattributed:
            intro += " Members counted for no class (no organisation stated): " + "; ".join(
                f"{some_names(people)} on `{forum_id}`" for forum_id, people in unattributed
            ) + "."
        sections.append(Section(title, intro, Table(_COLUMNS, tuple(rows)), tuple(findings), subject))
        overview_rows.append(_tier_summary_row(key if key.startswith("(") else key, presences))

    if len(sections) > 1:
        sections.insert(
            0,
            Section(
                "Overview by tier",
                "For each tier, in how many of the forums working at it each class votes (V), takes part only without a "
                "vote (N), or is only a partner body (partner); — is absent from all of them.",
                Table(("Tier", *_COLUMNS[1:]), tuple(overview_rows)),
            ),
        )
    summary = (
        f"{len(forums)} forum(s) in {len(groups)} group(s) by tier" + (f", in focus `{focus}`" if focus else "") + ".",
        "Classes: NHS providers, primary care and commissioners (the NHS, split in three), local government, VCSE, "
        "public voice (Healthwatch; lived-experience members), and other (independent sector, universities).",
        "A sector is affected by a forum when its decisions name the sector's organisations, when it governs a pooled fund "
        "they contribute to or host, or when it exercises a function scoped to their area (councils and Healthwatch of the footprint).",
        f"{warnings} forum-level warning(s): affected sectors with no seat, and collaborative forums where the VCSE or "
        "the public voice take part only without a vote.",
        "A model of formal arrangements, not of practice or informal power.",
    )
    return LensReport("inclusion", "Inclusion: who is at the table, and how", summary, tuple(sections))
