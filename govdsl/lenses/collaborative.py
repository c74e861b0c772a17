"""The collaborative-governance lens: Ansell and Gash's conditions, forum by forum.

Ansell and Gash (2008, "Collaborative Governance in Theory and Practice",
JPART 18:543–571) reviewed 137 cases and found that collaboration succeeds
or fails on a few variables: the starting conditions (power and resource
imbalances, incentives to take part, a history of conflict), institutional
design (broad inclusion, clear ground rules, process transparency), and
facilitative leadership. The model holds the formal side of some of these;
for each forum where several parties govern together the lens reports the
evidence and the gaps:

| code | condition | evidence in the model |
|---|---|---|
| CG001 | inclusion | each stakeholder class expected at the forum, or affected by its decisions, holds a seat |
| CG002 | participation, not consultation | non-state partners (VCSE, public voice, others) vote, rather than only attend |
| CG003 | clear ground rules | terms of reference with a purpose, a decision rule, a quorum |
| CG004 | process transparency | meets in public; papers published |
| CG005 | power and resource imbalance | seat share by sector; voting power by sector and organisation from the power lens when it is installed; pooled-fund contributions and delegated limits by sector |
| CG006 | facilitative leadership | who chairs, from which sector, whether independent; with unequal power, a neutral chair |

The forums looked at: place partnerships, provider collaboratives,
integrated care partnerships, health and wellbeing boards, joint committees,
committees in common, and boards and committees whose voting members or
partner bodies come from more than one sector.

Stakeholder classes and who counts as affected are those of the inclusion
lens (`govdsl.lenses.inclusion`). Expected classes: all six at an ICP and a
place partnership; local government, commissioners and the public voice at
a health and wellbeing board (its statutory members); at other forums, the
classes of the bodies that own it or are its partners.

Thresholds (conventions of this lens, not of the framework): a sector holding
at least two thirds of the voting power (normalised Banzhaf index, or the
seat share when the power lens is not available or the forum has no decision
rule) makes power *unequal*; so does a forum where one sector votes and
others only attend. Seats or resources two thirds from one sector, with
power balanced by the decision rule, make it *moderate*.

The abstract's variables are verified against the source; the finer claims
about leadership (an "honest broker" where power is roughly equal but trust
is low, a trusted "organic" leader where power is unequal) are not, and the
reports say so. This is a model of formal arrangements: trust, commitment,
shared understanding and informal power are outside it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from govdsl.analysis.facts import Facts
from govdsl.analysis.procedure import quorum_size
from govdsl.lenses import LensFinding, LensReport, LensUnavailable, Section, Table, get_lens
from govdsl.lenses.inclusion import (
    CLASS_SECTOR,
    AffectedIndex,
    CLASSES,
    NON_VOTING,
    PARTNER,
    VOTING,
    affected_classes,
    forums_in_focus,
    labelled_collaborative,
    noun,
    organisation_class,
    presence,
    seat_class,
    verb,
)
from govdsl.model import vocabulary as v
from govdsl.model.types import Forum, Model, Organisation, Person
from govdsl.text import article, clean

UNEQUAL = Fraction(2, 3)  # a sector with this share of power (or of seats, or of resources) dominates
ORGANISATION_DOMINANCE = Fraction(1, 2)  # in a one-sector forum, an organisation with this share of power dominates
DECIMALS = Decimal("0.01")

NON_STATE = ("vcse", "public_voice")  # the non-state partners CG002 looks for
# CG001's stakeholder classes: the NHS (providers or commissioners), primary care, local government, VCSE,
# public voice; the classes each kind of forum is expected to seat are its vocabulary entry's `expected_voices`.
_NHS = "nhs"
MET, PARTLY, NOT_MET, NOT_APPLICABLE = "met", "partly met", "not met", "not applicable"
HIGH, MODERATE, LOW = "unequal", "moderate", "balanced"


@attrs.frozen
class Condition:
    code: str
    name: str
    status: str
    evidence: str
    gap: str | None = None


@attrs.frozen
class Imbalance:
    level: str  # HIGH, MODERATE, LOW or NOT_APPLICABLE
    dominant: str | None  # the sector with most power, if one dominates
    evidence: str
    method: str  # "voting power" or "seat share"


def _sector_label(sector: str) -> str:
    term = v.SECTORS.get(sector)
    return term.label if term else sector


def _pct(value) -> str:
    return f"{int(round(100 * Fraction(value)))}%"


def in_scope(model: Model, forum: Forum) -> bool:
    """Partnership forums, and place, sub-system or partnered committees whose voting members or partners span sectors.

    An ICB's board and its ordinary committees are left out even with partner
    members on them: partner members act for the whole system, "not as
    delegates" of their sector, so such a board is a unitary board, not a
    partnership.
    """
    if v.FORUM_KINDS[forum.kind].partnership:
        return True
    if forum.role not in ("place", "subsystem") and not forum.partners:
        return False
    found = presence(model, forum)
    sectors = {CLASS_SECTOR[c] for c, p in found.classes.items() if p.voting or p.partners}
    return len(sectors) > 1


# -- power ------------------------------------------------------------------------------------------------


def _power_by(model: Model, forum: Forum, facts: Facts):
    """(sector -> Banzhaf, organisation -> Banzhaf, vetoes, rule method) from the power lens, or None.

    The power lens is looked up through the registry; if it is not
    installed, or the forum does not vote, the lens falls back to seat shares.
    """
    try:
        power_lens = get_lens("power")
    except LensUnavailable:
        return None
    analyse = getattr(power_lens, "analyse_forum", None)
    if analyse is None:
        return None
    too_large = getattr(power_lens, "GameTooLarge", ())  # a game too large to solve exactly: use seat shares
    try:
        result = analyse(model, forum, facts=facts)
    except too_large:
        return None
    if result is None:
        return None
    out = {}
    for level in ("sector", "organisation"):
        game = result.levels[level]
        out[level] = {p.id: Fraction(b) for p, b in zip(game.players, game.indices.banzhaf)}
    organisations = result.levels["organisation"]
    out["veto"] = tuple(p.id for p, veto in zip(organisations.players, organisations.indices.veto) if veto)
    out["method"] = forum.decision_rule.method
    return out


def _resources(model: Model, facts: Facts, forum: Forum) -> dict[str, Decimal]:
    """Sector -> pounds it puts in: pooled funds the forum governs, else delegated limits by the delegator's sector."""
    amounts: dict[str, Decimal] = {}
    for fund in model.pooled_funds:
        if fund.governed_by == forum.id:
            for c in fund.contributions:
                organisation = model.entity(c.partner)
                if isinstance(organisation, Organisation):
                    amounts[organisation.sector] = amounts.get(organisation.sector, Decimal(0)) + c.amount
    if not amounts:
        for delegation in model.delegations:
            if delegation.delegate == forum.id and delegation.limit:
                bodies = facts.acts_for(delegation.delegator)
                organisation = model.entity(bodies[0]) if bodies else None
                if isinstance(organisation, Organisation):
                    amounts[organisation.sector] = amounts.get(organisation.sector, Decimal(0)) + delegation.limit
    return amounts


def imbalance(model: Model, forum: Forum, facts: Facts | None = None) -> Imbalance:
    """How unequal formal power is in a forum, by sector (see the module docstring for the thresholds)."""
    facts = facts or Facts(model, model)
    found = presence(model, forum)
    seats: dict[str, int] = {}
    attending: set[str] = set()
    for cls, p in found.classes.items():
        sector = CLASS_SECTOR[cls]
        if p.voting:
            seats[sector] = seats.get(sector, 0) + len(p.voting)
        elif p.non_voting:
            attending.add(sector)
    attending -= set(seats)
    total = sum(seats.values())
    if not total:
        return Imbalance(NOT_APPLICABLE, None, "no voting members", "seat share")
    shares = {s: Fraction(n, total) for s, n in seats.items()}
    seat_text = ", ".join(f"{_sector_label(s)} {_pct(x)}" for s, x in sorted(shares.items(), key=lambda i: (-i[1], i[0])))
    parts = [f"voting seats: {seat_text}"]
    power = _power_by(model, forum, facts)
    method = "seat share"
    weights = shares
    if power is not None:
        method = "voting power"
        weights = power["sector"]
        parts.append(
            "voting power (Banzhaf): "
            + ", ".join(
                f"{_sector_label(s)} {_pct(x)}" for s, x in sorted(weights.items(), key=lambda i: (-i[1], i[0]))
            )
        )
        if power["veto"] and power["method"] not in ("unanimity", "consensus"):
            parts.append(f"veto: {', '.join(f'`{o}`' for o in power['veto'])}")
        if power["method"] in ("unanimity", "consensus"):
            parts.append("under consensus every voting member can block a decision")
    money = _resources(model, facts, forum)
    money_total = sum(money.values(), Decimal(0))
    money_shares = {s: Fraction(a) / Fraction(money_total) for s, a in money.items()} if money_total else {}
    if money_shares:
        parts.append(
            "resources: "
            + ", ".join(f"{_sector_label(s)} {_pct(x)}" for s, x in sorted(money_shares.items(), key=lambda i: (-i[1], i[0])))
        )
    if attending:
        parts.append("no vote: " + ", ".join(_sector_label(s) for s in sorted(attending)))
    top_sector = max(weights, key=lambda s: (weights[s], s)) if weights else None
    top = weights.get(top_sector, Fraction(0)) if top_sector else Fraction(0)
    evidence = "; ".join(parts)
    if len(seats) == 1:
        (sector,) = seats
        if attending:
            return Imbalance(HIGH, sector, evidence + f"; only the {_sector_label(sector)} sector votes", method)
        if power is not None and power["method"] not in ("unanimity", "consensus"):
            organisations = power["organisation"]
            if len(organisations) > 1:
                leader = max(organisations, key=lambda o: (organisations[o], o))
                if organisations[leader] >= ORGANISATION_DOMINANCE:
                    return Imbalance(HIGH, sector, evidence + f"; `{leader}` holds {_pct(organisations[leader])} of the power", method)
        return Imbalance(LOW, None, evidence + "; one sector", method)
    if top >= UNEQUAL:
        return Imbalance(HIGH, top_sector, evidence, method)
    top_seats = max(shares.values())
    top_money = max(money_shares.values()) if money_shares else Fraction(0)
    if top_seats >= UNEQUAL or top_money >= UNEQUAL:
        return Imbalance(MODERATE, None, evidence, method)
    return Imbalance(LOW, None, evidence, method)


# -- the six conditions ------------------------------------------------------------------------------------


def _expected(model: Model, facts: Facts, forum: Forum) -> tuple[str, ...]:
    """CG001 classes expected at a forum: by kind for ICPs, place partnerships and HWBs; else its owners' and partners'."""
    expected = v.FORUM_KINDS[forum.kind].expected_voices
    if expected:
        return expected
    classes: list[str] = []
    for organisation_id in tuple(facts.organisations_of(forum.id)) + forum.partners:
        organisation = model.entity(organisation_id)
        if isinstance(organisation, Organisation):
            cls = organisation_class(organisation)
            cls = _NHS if cls in ("nhs_provider", "commissioner") else cls
            if cls not in classes:
                classes.append(cls)
    return tuple(classes)


def _seated(found, cls: str) -> bool:
    members = ("nhs_provider", "commissioner") if cls == _NHS else (cls,)
    return any(found.level(c) in (VOTING, NON_VOTING) for c in members)


def _class_noun(cls: str) -> str:
    return "the NHS" if cls == _NHS else noun(cls)


def _inclusion(model, facts, forum, found, findings, index=None) -> Condition:
    affected = affected_classes(model, forum, index)
    expected = [(c, "expected at " + article(v.FORUM_KINDS[forum.kind].label)) for c in _expected(model, facts, forum)]
    for cls in affected:  # affected classes are checked in their own right (NHS providers, not just the NHS)
        if cls not in dict(expected):
            expected.append((cls, "its decisions affect it"))
    present = [c for c in CLASSES if found.level(c) in (VOTING, NON_VOTING)]
    absent = [
        (c, "listed as a partner, but no member sits for it" if c != _NHS and found.level(c) == PARTNER else why)
        for c, why in expected
        if c != "other" and not _seated(found, c)
    ]
    total = sum(len(p.voting) + len(p.non_voting) for p in found.classes.values())
    shares = ", ".join(
        f"{noun(c)} {_pct(Fraction(len(found.classes[c].voting) + len(found.classes[c].non_voting), total))}"
        for c in present
    ) if total else "no seats"
    for cls, why in absent:
        name = _class_noun(cls)
        plural = cls != _NHS and verb(cls, True, False)
        findings.append(
            LensFinding(
                "warning",
                forum.id,
                f"CG001: {name[0].upper() + name[1:]} {'have' if plural else 'has'} no seat on `{forum.id}` ({why}).",
            )
        )
    status = MET if not absent else (PARTLY if present else NOT_MET)
    gap = ("no seat: " + ", ".join(_class_noun(c) for c, _ in absent)) if absent else None
    return Condition("CG001", "Inclusion", status, f"share of seats: {shares}", gap)


def _participation(model, facts, forum, found, findings) -> Condition:
    voting = [c for c in NON_STATE if found.level(c) == VOTING]
    attending = [c for c in NON_STATE if found.level(c) == NON_VOTING]
    collaborative = labelled_collaborative(forum)
    parts = []
    if voting:
        parts.append("voting: " + ", ".join(noun(c) for c in voting))
    if attending:
        parts.append("without a vote: " + ", ".join(noun(c) for c in attending))
    evidence = "; ".join(parts) or "neither the VCSE sector nor the public voice takes part"
    if collaborative:
        for cls in attending:
            findings.append(
                LensFinding(
                    "warning",
                    forum.id,
                    f"CG002: in `{forum.id}` {noun(cls)} takes part only without a vote "
                    f"({', '.join(f'`{p}`' for p in found.classes[cls].non_voting)}). Ansell and Gash define collaborative "
                    "governance as non-state stakeholders taking part directly in decisions, not being consulted.",
                )
            )
        if not voting and not attending:
            findings.append(
                LensFinding(
                    "info",
                    forum.id,
                    f"CG002: neither the VCSE sector nor the public voice takes part in `{forum.id}`: in Ansell and "
                    "Gash's terms this is collaboration between public agencies rather than collaborative governance.",
                )
            )
    if voting:
        status = MET if not attending else PARTLY
    elif attending:
        status = NOT_MET if collaborative else PARTLY
    else:
        status = NOT_MET if collaborative else NOT_APPLICABLE
    gap = ("only without a vote: " + ", ".join(noun(c) for c in attending)) if attending else None
    return Condition("CG002", "Participation, not consultation", status, evidence, gap)


def _ground_rules(model, facts, forum, found, findings) -> Condition:
    terms = forum.terms
    have, lack = [], []
    if terms is not None:
        have.append("terms of reference")
    else:
        lack.append("terms of reference")
    if terms is not None and terms.purpose:
        have.append("a purpose")
    else:
        lack.append("purpose")
    if forum.decision_rule is not None:
        have.append(f"decision by {v.DECISION_METHODS[forum.decision_rule.method].label}")
    else:
        lack.append("decision rule")
    if forum.quorum is not None:
        have.append(f"a quorum of {quorum_size(forum.quorum)}")
    else:
        lack.append("quorum")
    if terms is not None and terms.approved:
        have.append(f"approved {terms.approved.isoformat()}")
    gap = ("no " + ", no ".join(lack)) if lack else None
    if lack:
        findings.append(LensFinding("warning", forum.id, f"CG003: `{forum.id}` has {gap} in the model."))
    status = MET if not lack else (PARTLY if have else NOT_MET)
    return Condition("CG003", "Clear ground rules", status, ", ".join(have) or "none", gap)


def _transparency(model, facts, forum, found, findings) -> Condition:
    terms = forum.terms
    public = terms.meets_in_public if terms else None
    papers = terms.papers_published if terms else None
    words = {True: "yes", False: "no", None: "not stated"}
    evidence = f"meets in public: {words[public]}; papers published: {words[papers]}"
    gaps = []
    if public is not True:
        gaps.append("meets in private" if public is False else "whether it meets in public is not stated")
    if papers is not True:
        gaps.append("papers not published" if papers is False else "whether papers are published is not stated")
    if public is False and papers is False:
        findings.append(LensFinding("warning", forum.id, f"CG004: `{forum.id}` meets in private and does not publish its papers."))
    elif gaps:
        findings.append(LensFinding("info", forum.id, f"CG004: `{forum.id}`: " + "; ".join(gaps) + "."))
    if public and papers:
        status = MET
    elif public or papers:
        status = PARTLY
    else:
        status = NOT_MET
    return Condition("CG004", "Process transparency", status, evidence, "; ".join(gaps) or None)


def _roles(model, facts, forum, found, findings) -> Condition:
    chairs = facts.chairs(forum)
    vice = [s for s in forum.seats if "vice_chair" in s.capacities]
    have, lack = [], []
    if chairs:
        have.append("a chair")
    else:
        lack.append("no chair is named")
    if vice:
        have.append("a vice-chair")
    if forum.terms is not None and forum.terms.purpose:
        have.append("a stated purpose")
    else:
        lack.append("no purpose is stated")
    silent_partners = [p for p in forum.partners if p not in found.seat_organisations]
    if silent_partners:
        lack.append("no member sits for partner(s) " + ", ".join(f"`{p}`" for p in silent_partners))
    if found.unattributed:
        lack.append("no organisation is stated for member(s) " + ", ".join(f"`{p}`" for p in found.unattributed))
    have.append(f"{len(forum.seats)} seat(s), each with a stated capacity")
    if lack:
        findings.append(LensFinding("info", forum.id, f"Roles in `{forum.id}`: " + "; ".join(lack) + "."))
    status = MET if not lack else (PARTLY if chairs or forum.seats else NOT_MET)
    return Condition("—", "Clearly defined roles", status, ", ".join(have), "; ".join(lack) or None)


def _by_design(model: Model, facts: Facts, forum: Forum, power: Imbalance) -> str | None:
    """The one organisation a forum belongs to, when the dominant sector is its own (its control is by design)."""
    owners = facts.organisations_of(forum.id)
    if len(owners) == 1 and power.dominant is not None:
        owner = model.entity(owners[0])
        if isinstance(owner, Organisation) and owner.sector == power.dominant:
            return owners[0]
    return None


def _power(model, facts, forum, found, findings, power: Imbalance) -> Condition:
    if power.level == NOT_APPLICABLE:
        return Condition("CG005", "Power and resource imbalance", NOT_APPLICABLE, power.evidence)
    if power.level == HIGH:
        who = f"the {_sector_label(power.dominant)} sector" if power.dominant else "one sector"
        owner = _by_design(model, facts, forum, power)
        because = f"; `{forum.id}` belongs to `{owner}`, so its control is by design" if owner else ""
        findings.append(
            LensFinding(
                "info" if owner else "warning",
                forum.id,
                f"CG005: power in `{forum.id}` is unequal: {who} dominates ({power.evidence}){because}.",
            )
        )
        return Condition("CG005", "Power and resource imbalance", NOT_MET, power.evidence, f"unequal ({power.method})")
    if power.level == MODERATE:
        return Condition(
            "CG005", "Power and resource imbalance", PARTLY, power.evidence,
            "seats or resources unequal, voting power balanced by the rule" if power.method == "voting power" else "seats or resources unequal",
        )
    return Condition("CG005", "Power and resource imbalance", MET, power.evidence)


def _chair_words(model: Model, facts: Facts, forum: Forum):
    """(person, sector or None, independent, description) of the forum's chair, or None if it has none."""
    chairs = facts.chairs(forum)
    if not chairs:
        return None
    seat = chairs[0]
    person = model.entity(seat.person)
    attribution = seat_class(model, seat)
    sector = CLASS_SECTOR[attribution.cls] if attribution.cls else None
    independent = isinstance(person, Person) and person.independent and not seat.representing
    words = f"`{seat.person}`"
    if independent:
        posts = [p.organisation for p in person.posts if p.organisation] if isinstance(person, Person) else []
        words += " (independent" + (f"; holds a post at {', '.join(f'`{o}`' for o in posts)}" if posts else "") + ")"
    elif attribution.cls:
        where = f" for `{attribution.organisation}`" if attribution.organisation else ""
        words += f" ({noun(attribution.cls)}{where})"
    else:
        words += " (organisation not stated)"
    return seat.person, sector, independent, words


def _leadership(model, facts, forum, found, findings, power: Imbalance) -> Condition:
    chair = _chair_words(model, facts, forum)
    if chair is None:
        findings.append(LensFinding("warning", forum.id, f"CG006: `{forum.id}` has no chair in the model."))
        return Condition("CG006", "Facilitative leadership", NOT_MET, "no chair", "no chair named")
    person, sector, independent, words = chair
    vice = [s for s in forum.seats if "vice_chair" in s.capacities]
    evidence = f"chair {words}"
    if vice:
        vice_attr = seat_class(model, vice[0])
        if vice_attr.cls:
            evidence += f"; vice-chair `{vice[0].person}` ({noun(vice_attr.cls)})"
    framework = (
        "In Ansell and Gash's model facilitative leadership matters most where power is unequal, to empower the weaker "
        "stakeholders; the framework's suggestion is a neutral chair whom all sides trust (its finer claims about "
        "leadership are unverified here)"
    )
    if power.level != HIGH:
        return Condition("CG006", "Facilitative leadership", MET, evidence)
    if independent:
        return Condition("CG006", "Facilitative leadership", MET, evidence + "; an independent chair where power is unequal")
    if sector is not None and sector == power.dominant:
        owner = _by_design(model, facts, forum, power)
        findings.append(
            LensFinding(
                "info" if owner else "warning",
                forum.id,
                f"CG006: `{forum.id}` is chaired by `{person}`, from the {_sector_label(sector)} sector, which dominates "
                f"the forum{f' (it belongs to `{owner}`)' if owner else ''}. {framework}: consider an independent chair.",
            )
        )
        return Condition("CG006", "Facilitative leadership", NOT_MET, evidence, "chair from the dominant sector")
    findings.append(
        LensFinding(
            "info",
            forum.id,
            f"CG006: power in `{forum.id}` is unequal and its chair `{person}` is not independent, though not from the "
            f"dominant sector either. {framework}.",
        )
    )
    return Condition("CG006", "Facilitative leadership", PARTLY, evidence, "chair not independent")


@attrs.frozen
class ForumResult:
    forum: Forum
    conditions: tuple[Condition, ...]
    findings: tuple[LensFinding, ...]
    power: Imbalance
    chair: str | None


def assess_forum(model: Model, forum: Forum, facts: Facts | None = None, index: AffectedIndex | None = None) -> ForumResult:
    """The six conditions (and clearly defined roles) for one forum."""
    facts = facts or Facts(model, model)
    found = presence(model, forum)
    findings: list[LensFinding] = []
    power = imbalance(model, forum, facts)
    conditions = (
        _inclusion(model, facts, forum, found, findings, index),
        _participation(model, facts, forum, found, findings),
        _ground_rules(model, facts, forum, found, findings),
        _transparency(model, facts, forum, found, findings),
        _roles(model, facts, forum, found, findings),
        _power(model, facts, forum, found, findings, power),
        _leadership(model, facts, forum, found, findings, power),
    )
    chair = _chair_words(model, facts, forum)
    return ForumResult(forum, conditions, tuple(findings), power, chair[3] if chair else None)


# -- the lens ---------------------------------------------------------------------------------------------


def assess(model: Model, focus: str | None = None) -> LensReport:
    facts = Facts(model, model)
    forums = [f for f in forums_in_focus(model, facts, focus, "collaborative") if in_scope(model, f)]
    index = AffectedIndex.of(model)
    results = [assess_forum(model, f, facts, index) for f in forums]
    sections: list[Section] = []
    overview = []
    for r in results:
        found = presence(model, r.forum)
        voting = ", ".join(noun(c) for c in CLASSES if found.level(c) == VOTING) or None
        attending = ", ".join(noun(c) for c in CLASSES if found.level(c) == NON_VOTING) or None
        status = {c.code: c.status for c in r.conditions}
        overview.append(
            (
                r.forum.id,
                voting,
                attending,
                status["CG003"],
                status["CG004"],
                r.power.level,
                r.chair,
            )
        )
        rows = tuple((c.code, c.name, c.status, c.evidence, c.gap) for c in r.conditions)
        intro = f"{v.FORUM_KINDS[r.forum.kind].label[0].upper() + v.FORUM_KINDS[r.forum.kind].label[1:]}"
        if r.forum.terms is not None and r.forum.terms.purpose:
            intro += f": {clean(r.forum.terms.purpose, 300)}"
        intro += "."
        sections.append(
            Section(
                f"{clean(r.forum.title)} ({r.forum.id})",
                intro,
                Table(("Code", "Condition", "Status", "Evidence", "Gap"), rows),
                r.findings,
                r.forum.id,
            )
        )
    if results:
        sections.insert(
            0,
            Section(
                "Overview",
                "Who votes and who only attends, whether the ground rules and transparency conditions are met, how unequal "
                "formal power is, and who chairs.",
                Table(
                    ("Forum", "Voting", "Without a vote", "Ground rules", "Transparency", "Power", "Chair"),
                    tuple(overview),
                ),
            ),
        )
    try:
        get_lens("power")
        power_note = "Voting power comes from the power lens (normalised Banzhaf index by sector)."
    except LensUnavailable:
        power_note = "The power lens is not installed, so power is judged by seat share only."
    summary = (
        f"{len(results)} forum(s) where several parties govern together" + (f", in focus `{focus}`" if focus else "") + ": "
        "partnerships, collaboratives, joint committees, committees in common, ICPs, HWBs, and boards and committees "
        "with members from several sectors.",
        "Conditions from Ansell and Gash (2008), Collaborative Governance in Theory and Practice, JPART 18:543–571: "
        "inclusion (CG001), participation not consultation (CG002), clear ground rules and roles (CG003), process "
        "transparency (CG004), power and resource imbalance (CG005), facilitative leadership (CG006).",
        power_note,
        "Thresholds (a sector with two thirds of the power dominates) are conventions of this lens. A model of formal "
        "arrangements: trust, commitment and informal power are outside it.",
    )
    return LensReport("collaborative", "Collaborative governance (Ansell and Gash)", summary, tuple(sections))
