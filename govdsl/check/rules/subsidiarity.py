"""Subsidiarity and tiers: is each tier the size its name promises, and nested as a tree?"""

from __future__ import annotations

from govdsl.analysis.wording import described, names
from govdsl.check.registry import Finding, Rule, register
from govdsl.diagnostics import Related, Severity
from govdsl.model import vocabulary as v


def _people(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.2f}".rstrip("0").rstrip(".") + "m"
    if n >= 1_000:
        return f"{n / 1_000:.0f}k"
    return str(n)


@register
class PopulationOutsideTierBand(Rule):
    """A tier's population is outside the usual band for its tier.

    ## What it does
    Compares the population of each system, sub-system, place and
    neighbourhood with the band NHS England uses for that tier: systems of
    1–3 million people, places of 250,000–500,000, neighbourhoods of
    30,000–50,000 (sub-systems: 0.5–1.5 million, a govdsl default). A
    population within 10% of a band's edge is reported as a note, further
    out as a warning. The bands and the tolerance can be set in
    `govdsl.toml` under `[thresholds]`.

    ## Why is this bad?
    The tiers are meant to put each decision at the scale where it can be
    taken best (subsidiarity). A "place" of 560,000 people may be too large
    for its partners to know their communities; a system under a million
    may be too small to plan acute services. Source: the tier sizes cited by
    Healthwatch England from NHS England/Improvement, and the King's Fund's
    "Place-based partnerships explained". These are guidance, not law.

    ## Example
    ```gov
    system calder_system "Calder system" {
      population: 2.1m
    }
    place calder "Calder" {
      within: calder_system
      population: 560k
    }
    ```

    ## Use instead
    ```gov
    system calder_system "Calder system" {
      population: 2.1m
    }
    place calder_north "Calder North" {
      within: calder_system
      population: 280k
    }
    place calder_south "Calder South" {
      within: calder_system
      population: 280k
    }
    ```
    Or, where a larger place is a deliberate choice, record it with
    `# govdsl: allow SUB001 because ...` above the place.
    """

    code = "SUB001"
    name = "population-outside-tier-band"
    severity = Severity.WARNING
    targets = ("tiers",)

    def check(self, tier, ctx):
        if tier.population is None:
            return
        low, high = getattr(ctx.thresholds, f"{tier.kind}_population")
        population = tier.population
        if low <= population <= high:
            return
        label = v.TIER_KINDS[tier.kind].label
        tolerance = ctx.thresholds.band_tolerance
        near = low * (1 - tolerance) <= population <= high * (1 + tolerance)
        side = "above" if population > high else "below"
        yield Finding(
            tier.span,
            f"{label} `{tier.id}` has {_people(population)} people, {side} the usual "
            f"{_people(low)}–{_people(high)} for a {label}",
            "Check the population, split or merge the tier, or record why it differs "
            "with `# govdsl: allow SUB001 because ...`.",
            severity=Severity.INFO if near else None,
            subjects=(tier.id,),
        )


# -- shared helpers -------------------------------------------------------------------------------

# Tolerance for children's populations adding up to more than their parent's (rounding, boundary
# estimates and different census years make small excesses normal).
_SUM_TOLERANCE = 0.05

_LEVELS = {-2: "national", -1: "regional", 0: "system", 1: "sub-system", 2: "place", 3: "neighbourhood"}


def _related(entity, note) -> tuple[Related, ...]:
    span = getattr(entity, "span", None)
    return (Related(span, note),) if span is not None else ()


def _level(ctx, party: str) -> int | None:
    """The tier rank a party decides at (-2 national ... 3 neighbourhood), or None if unknown.

    Uses `facts.rank_of`, with two additions for people: a person's posts count
    like their employers, and a place director works at place level even when
    employed by the ICB (as place directors usually are).
    """
    facts = ctx.facts
    person = facts.person(party)
    if person is None:
        return facts.rank_of(party)
    ranks = [facts.rank_of(party)]
    ranks += [facts.rank_of(p.organisation) for p in person.posts if p.organisation]
    if any(p.role == "place_director" for p in person.posts):
        ranks.append(v.TIER_KINDS["place"].rank)
    known = [r for r in ranks if r is not None]
    return max(known) if known else None


def _level_label(rank: int) -> str:
    return f"{_LEVELS.get(rank, 'unknown')} level"


def _council_ancestors(ctx, council_id: str) -> list[str]:
    """The council and every council it is `part_of` (a district's county), nearest first."""
    out, seen = [], set()
    current = ctx.facts.organisation(council_id)
    while current is not None and current.id not in seen:
        kind = v.ORGANISATION_KINDS.get(current.kind)
        if not (kind and kind.council):
            break
        out.append(current.id)
        seen.add(current.id)
        current = ctx.facts.organisation(current.part_of)
    return out


def _top_councils(ctx, footprint) -> list[str]:
    """A footprint without the councils that lie inside another of its councils.

    `[wold_county, wold_district]`, where the district is `part_of` the county,
    covers the same area as `[wold_county]`.
    """
    listed = set(footprint)
    return [c for c in footprint if not any(a in listed for a in _council_ancestors(ctx, c)[1:])]


# -- SUB002 ---------------------------------------------------------------------------------------


@register
class TiersNotNested(Rule):
    """Tiers are not nested as a tree: a part is bigger than the whole, or areas overlap.

    ## What it does
    Checks that the tiers of a system fit inside one another. It reports:

    - a tier (sub-system, place or neighbourhood) with more people than the
      tier it is `within`;
    - the tiers within one tier whose populations together are more than 5%
      above that tier's population;
    - a council in the `footprint` of two sub-systems of the same system
      (sub-systems must divide the system's councils between them);
    - a tier whose `footprint` names a council outside the footprint of the
      tier it is `within`, when both give a footprint. A council that is
      `part_of` a council in the larger footprint (a district within its
      county) counts as inside it.

    Places that share a council are not reported here: splitting a large
    county into places is common, and SUB003 notes it.

    ## Why is this bad?
    Each decision should have one clear home: one place within one
    sub-system within one system. When the numbers or footprints do not nest,
    either a figure is wrong or two committees believe they decide for the
    same residents, and nobody can say which of them is accountable. Research
    on a large system that built a sub-system tier found the extra layer
    already "risking confusion and lack of clarity". That a part cannot be
    larger than the whole is arithmetic; that sub-systems should share out
    councils without overlap is good practice rather than law.

    ## Example
    ```gov
    organisation marchshire "Marchshire County Council" { kind: county_council }
    organisation stanmere "Stanmere Council" { kind: unitary_council }
    organisation wold "Wold County Council" { kind: county_council }
    system fens "Greater Fens and Shires" {
      population: 2.3m
      footprint: [marchshire, stanmere, wold]
      dispute_resolution: "Escalate to the ICB chair, then to NHS England's regional director"
    }
    subsystem central "Central" {
      within: fens
      population: 910k
      footprint: [marchshire, stanmere]
    }
    subsystem south "South" {
      within: fens
      population: 720k
      footprint: [wold, stanmere]
    }
    ```

    ## Use instead
    ```gov
    organisation marchshire "Marchshire County Council" { kind: county_council }
    organisation stanmere "Stanmere Council" { kind: unitary_council }
    organisation wold "Wold County Council" { kind: county_council }
    system fens "Greater Fens and Shires" {
      population: 2.3m
      footprint: [marchshire, stanmere, wold]
      dispute_resolution: "Escalate to the ICB chair, then to NHS England's regional director"
    }
    subsystem central "Central" {
      within: fens
      population: 910k
      footprint: [marchshire, stanmere]
    }
    subsystem south "South" {
      within: fens
      population: 410k
      footprint: [wold]
    }
    ```
    """

    code = "SUB002"
    name = "tiers-not-nested"
    severity = Severity.ERROR
    targets = ("model",)

    def check(self, model, ctx):
        children: dict[str, list] = {}
        for tier in model.tiers:
            if tier.parent:
                children.setdefault(tier.parent, []).append(tier)
        for tier in model.tiers:
            parent = ctx.facts.tier(tier.parent)
            if parent is None:
                continue
            yield from self._larger_than_parent(tier, parent)
            yield from self._outside_parent(ctx, tier, parent)
        for tier in model.tiers:
            kids = children.get(tier.id, [])
            yield from self._children_too_many(tier, kids)
            yield from self._subsystems_overlap(tier, [k for k in kids if k.kind == "subsystem"])

    @staticmethod
    def _larger_than_parent(tier, parent):
        if tier.population is None or parent.population is None or tier.population <= parent.population:
            return
        label, parent_label = v.TIER_KINDS[tier.kind].label, v.TIER_KINDS[parent.kind].label
        yield Finding(
            tier.span,
            f"{label} `{tier.id}` has {_people(tier.population)} people, more than the "
            f"{_people(parent.population)} of {parent_label} `{parent.id}` it is within",
            f"Check both populations, or whether `{tier.id}` is within the right tier.",
            related=_related(parent, f"`{parent.id}` has {_people(parent.population)} people"),
            subjects=(tier.id, parent.id),
        )

    @staticmethod
    def _children_too_many(tier, kids):
        counted = [k for k in kids if k.population is not None]
        if tier.population is None or len(counted) < 2:
            return
        if any(k.population > tier.population for k in counted):
            return  # each such child is reported on its own; fix those first
        total = sum(k.population for k in counted)
        if total <= tier.population * (1 + _SUM_TOLERANCE):
            return
        label = v.TIER_KINDS[tier.kind].label
        kinds = {k.kind for k in counted}
        what = v.TIER_KINDS[kinds.pop()].label + "s" if len(kinds) == 1 else "tiers"
        yield Finding(
            tier.span,
            f"the {len(counted)} {what} within {label} `{tier.id}` have {_people(total)} people "
            f"between them, more than its own {_people(tier.population)}",
            "Check the populations: tiers within a tier should not overlap, so together they "
            "cannot have more people than it has.",
            related=tuple(
                r for k in counted for r in _related(k, f"`{k.id}` has {_people(k.population)} people")
            ),
            subjects=(tier.id, *(k.id for k in counted)),
        )

    @staticmethod
    def _subsystems_overlap(tier, subsystems):
        claimed: dict[str, list] = {}
        for sub in subsystems:
            for council in sub.footprint:
                claimed.setdefault(council, []).append(sub)
        for council, subs in claimed.items():
            if len(subs) < 2:
                continue
            first, *others = subs
            yield Finding(
                others[0].span,
                f"council `{council}` is in the footprint of {len(subs)} sub-systems of "
                f"`{tier.id}`: {names(s.id for s in subs)}",
                f"Give `{council}` to one sub-system only: sub-systems divide the system's councils "
                "between them.",
                related=tuple(r for s in (first, *others[1:]) for r in _related(s, f"`{s.id}` also covers `{council}`")),
                subjects=(others[0].id, council, *(s.id for s in subs)),
            )

    @staticmethod
    def _outside_parent(ctx, tier, parent):
        if not tier.footprint or not parent.footprint:
            return
        inside = set(parent.footprint)
        stray = [c for c in tier.footprint if not any(a in inside for a in _council_ancestors(ctx, c) or [c])]
        if not stray:
            return
        label, parent_label = v.TIER_KINDS[tier.kind].label, v.TIER_KINDS[parent.kind].label
        councils = "council" if len(stray) == 1 else "councils"
        hint = f"Add {names(stray)} to the footprint of `{parent.id}`, or correct the footprint of `{tier.id}`."
        # A district in a two-tier area lies inside its county: `part_of` says so.
        districts = [c for c in stray if (o := ctx.facts.organisation(c)) and o.kind == "district_council" and not o.part_of]
        counties = [c for c in parent.footprint if (o := ctx.facts.organisation(c)) and o.kind == "county_council"]
        if districts and counties:
            hint = (
                f"If {names(districts)} {'is a district' if len(districts) == 1 else 'are districts'} within "
                f"`{counties[0]}`, say so in the district's declaration: `part_of: {counties[0]}`. Otherwise, " + hint[0].lower() + hint[1:]
            )
        yield Finding(
            tier.span,
            f"{label} `{tier.id}` covers {councils} {names(stray)}, outside the footprint of "
            f"{parent_label} `{parent.id}` it is within",
            hint,
            related=_related(parent, f"the footprint of `{parent.id}` is given here"),
            subjects=(tier.id, parent.id, *stray),
        )


# -- SUB003 ---------------------------------------------------------------------------------------


@register
class PlaceNotCoterminous(Rule):
    """A place does not follow the boundary of one council of its own.

    ## What it does
    Notes each place whose `footprint` is not exactly one council that is
    wholly its own: a place with no footprint, a place covering several
    councils, or a place sharing its council with another place (Fenshire
    East and Fenshire West both on Fenshire County Council). A district
    council listed with the county it is `part_of` counts as part of the
    county, not as a second council. A place with no footprint is noted only
    when the model declares councils (a model of tiers and populations alone
    is not a map of councils). This is a note, not a fault.

    ## Why is this bad?
    Guidance on place-based partnerships steers place footprints towards
    council boundaries (NHS England's "Thriving places", as summarised by
    Mills & Reeve; the King's Fund's "Place-based partnerships explained").
    Where a place follows a council's boundary, the council's social care,
    public health and health and wellbeing board line up with the NHS place
    team; research on integrated care systems found that where footprints
    did not align with council boundaries, councils disengaged. Places that
    cut across councils can work, but they need more effort to keep the
    council in the room.

    ## Example
    ```gov
    organisation fenshire "Fenshire County Council" { kind: county_council }
    system fens "Greater Fens and Shires" {
      population: 1.2m
      dispute_resolution: "Escalate to the ICB chair, then to NHS England's regional director"
    }
    place fenshire_east "Fenshire East" {
      within: fens
      population: 410k
      footprint: [fenshire]
    }
    place fenshire_west "Fenshire West" {
      within: fens
      population: 410k
      footprint: [fenshire]
    }
    ```

    ## Use instead
    ```gov
    organisation portsby "Portsby Council" { kind: unitary_council }
    organisation kingsferry "Kingsferry Council" { kind: unitary_council }
    system fens "Greater Fens and Shires" {
      population: 1.2m
      dispute_resolution: "Escalate to the ICB chair, then to NHS England's regional director"
    }
    place portsby_place "Portsby" {
      within: fens
      population: 250k
      footprint: [portsby]
    }
    place kingsferry_place "Kingsferry" {
      within: fens
      population: 270k
      footprint: [kingsferry]
    }
    ```
    A place that is deliberately drawn differently, such as one half of a
    large county, can record why with `# govdsl: allow SUB003 because ...`
    above it.
    """

    code = "SUB003"
    name = "place-not-coterminous"
    severity = Severity.INFO
    targets = ("model",)

    def check(self, model, ctx):
        places = [t for t in model.tiers if t.kind == "place"]
        tops = {p.id: _top_councils(ctx, p.footprint) for p in places}
        # A model that names no council at all (a sketch of tiers and populations) gives nothing to
        # compare a missing footprint with; say nothing about missing footprints there.
        names_councils = any(
            (kind := v.ORGANISATION_KINDS.get(o.kind)) is not None and kind.council for o in model.organisations
        )
        places_of: dict[str, list] = {}
        for place in places:
            for council in tops[place.id]:
                places_of.setdefault(council, []).append(place)
        for place in places:
            councils = tops[place.id]
            if not councils:
                if not names_councils:
                    continue
                yield Finding(
                    place.span,
                    f"place `{place.id}` has no footprint, so govdsl cannot tell whether it follows a council boundary",
                    f"Add `footprint: [...]` to `{place.id}`, naming the council (or councils) whose area it covers.",
                    subjects=(place.id,),
                )
            elif len(councils) > 1:
                yield Finding(
                    place.span,
                    f"place `{place.id}` covers {len(councils)} councils ({names(councils)}), not one",
                    "Places usually follow one council's boundary. If this footprint is deliberate, record why "
                    "with `# govdsl: allow SUB003 because ...`.",
                    subjects=(place.id, *councils),
                )
            else:
                council = councils[0]
                others = [p for p in places_of.get(council, []) if p.id != place.id]
                if others:
                    yield Finding(
                        place.span,
                        f"place `{place.id}` shares council `{council}` with {names(p.id for p in others)}",
                        "Places usually follow one council's boundary. If splitting the council is deliberate, "
                        "record why with `# govdsl: allow SUB003 because ...`.",
                        related=tuple(r for p in others for r in _related(p, f"`{p.id}` also covers `{council}`")),
                        subjects=(place.id, council, *(p.id for p in others)),
                    )


# -- SUB004 ---------------------------------------------------------------------------------------

_TRUST_KINDS = ("nhs_trust", "foundation_trust")
_COLLABORATIVE_SERVICES = ("acute", "mental_health")


def _collaborative_members(ctx, forum) -> list[str]:
    """The organisations taking part in a provider collaborative as bodies.

    Its `partners`, its `lead_provider`, and the organisations it belongs to
    through `parent` (a collaborative set up as committees of its trusts'
    boards). People's seats do not count: a trust's chief executive sitting
    on a collaborative does not by that make the trust a partner.
    """
    members: list[str] = []
    for org in (*forum.partners, forum.lead_provider, *ctx.facts.organisations_of(forum.id)):
        if org and org not in members:
            members.append(org)
    return members


@register
class ProviderCollaborativeTooSmall(Rule):
    """A provider collaborative has fewer than two NHS trusts, or an acute or mental-health trust is in none.

    ## What it does
    Counts the NHS trusts and foundation trusts taking part in each
    `provider_collaborative`: those in its `partners`, its `lead_provider`,
    and the trusts it belongs to through `parent`. Members' seats are not
    counted, because a trust's chief executive sitting on a collaborative
    does not make the trust a partner. It reports a collaborative with fewer
    than two trusts.

    It also reports each NHS trust or foundation trust whose `services`
    include `acute` or `mental_health` and which takes part in no provider
    collaborative.

    ## Why is this bad?
    NHS England's guidance on provider collaboratives ("Working together at
    scale", August 2021) describes them as partnerships of at least two
    trusts, and expected every trust providing acute or mental health
    services to be part of one or more. A "collaborative" of one trust is
    that trust acting alone, and an acute or mental-health trust outside any
    collaborative has no recorded way of working at scale with its peers.

    ## Example
    ```gov
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" {
      kind: foundation_trust
      services: [acute]
    }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    provider_collaborative acute_collaborative "Northmoor Acute Collaborative" {
      model: committees_in_common
      partners: [northmoor_hospitals]
      accountable_to: [northmoor_hospitals]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" {
      kind: foundation_trust
      services: [acute]
    }
    organisation eastvale_hospitals "Eastvale Hospitals NHS FT" {
      kind: foundation_trust
      services: [acute]
    }
    provider_collaborative acute_collaborative "Northmoor and Eastvale Acute Collaborative" {
      model: committees_in_common
      partners: [northmoor_hospitals, eastvale_hospitals]
      accountable_to: [northmoor_hospitals, eastvale_hospitals]
    }
    ```
    """

    code = "SUB004"
    name = "provider-collaborative-too-small"
    severity = Severity.WARNING
    targets = ("model",)

    def check(self, model, ctx):
        in_collaborative: set[str] = set()
        for forum in model.forums:
            if forum.kind != "provider_collaborative":
                continue
            members = _collaborative_members(ctx, forum)
            in_collaborative.update(members)
            trusts = [m for m in members if self._is_trust(ctx, m)]
            if len(trusts) >= 2:
                continue
            among = f"only one NHS trust or foundation trust, `{trusts[0]}`," if trusts else "no NHS trust or foundation trust"
            yield Finding(
                forum.span,
                f"provider collaborative `{forum.id}` has {among} among its partners; "
                "a provider collaborative brings together at least two",
                "List the trusts taking part in `partners: [...]` (a lead provider counts as one). "
                "If it is one trust's own arrangement, declare it as that trust's committee instead.",
                related=tuple(r for t in trusts for r in _related(ctx.facts.organisation(t), f"`{t}` is declared here")),
                subjects=(forum.id, *trusts),
            )
        for organisation in model.organisations:
            if organisation.kind not in _TRUST_KINDS or organisation.id in in_collaborative:
                continue
            services = [s for s in organisation.services if s in _COLLABORATIVE_SERVICES]
            if not services:
                continue
            what = " and ".join(v.SERVICES[s].label for s in services)
            kind = v.ORGANISATION_KINDS[organisation.kind].label
            yield Finding(
                organisation.span,
                f"{kind} `{organisation.id}` provides {what} but takes part in no provider collaborative",
                f"Add `{organisation.id}` to the `partners` of the provider collaborative it belongs to "
                "(declaring the collaborative if it is not yet in the model).",
                subjects=(organisation.id,),
            )

    @staticmethod
    def _is_trust(ctx, organisation_id) -> bool:
        organisation = ctx.facts.organisation(organisation_id)
        return organisation is not None and organisation.kind in _TRUST_KINDS


# -- SUB005 ---------------------------------------------------------------------------------------


@register
class DecidedTooHigh(Rule):
    """A function that concerns one place is decided only at system level.

    ## What it does
    Looks at each function whose `scope` is a sub-system, place or
    neighbourhood, and at everyone who exercises it: the body that holds it
    (`held_by`), the receivers of its delegations in force, and the forums
    of the decisions that list it. If all of them are known to work at a
    higher tier than the scope (the ICB board or a system-wide committee for
    a place's function), and none at the scope's tier or closer to people,
    the function is reported.

    It stays silent when a `reason` (why the decision sits where it does) is
    recorded on the function itself, on a delegation of it, or on a
    decision that lists it, and when it cannot tell the tier of someone who
    exercises it.

    ## Why is this bad?
    Subsidiarity (taking decisions as close as possible to the people they
    affect) is the principle on which systems, places and neighbourhoods are
    built, yet research on three systems found that local leaders struggled
    "to decide which decisions and functions should sit where" (Sanderson et
    al., BMJ Open, 2023). A function about one place that is only ever
    decided at system level may be a deliberate choice, or a delegation that
    was never made. This is a good-practice check, not a legal requirement:
    recording the reason makes the choice visible in the scheme of
    delegation.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    system northmoor "Northmoor" {
      population: 1.02m
      icb: northmoor_icb
      dispute_resolution: "Escalate to the ICB chair, then to NHS England's regional director"
    }
    place north "North Northmoor" {
      within: northmoor
      population: 330k
    }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee finance "Finance Committee" { parent: icb_board  reports_to: icb_board }
    function commissioning.north_community "Community services in North Northmoor" {
      held_by: northmoor_icb
      scope: north
    }
    delegation north_community_to_finance "North community services to finance" {
      from: icb_board
      to: finance
      functions: [commissioning.north_community]
      reports_to: [icb_board]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    system northmoor "Northmoor" {
      population: 1.02m
      icb: northmoor_icb
      dispute_resolution: "Escalate to the ICB chair, then to NHS England's regional director"
    }
    place north "North Northmoor" {
      within: northmoor
      population: 330k
    }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north_committee "North Place Committee" {
      parent: icb_board
      serves: north
      reports_to: icb_board
    }
    function commissioning.north_community "Community services in North Northmoor" {
      held_by: northmoor_icb
      scope: north
    }
    delegation north_community_to_place "North community services to the place" {
      from: icb_board
      to: north_committee
      functions: [commissioning.north_community]
      reports_to: [icb_board]
    }
    ```
    Or keep the delegation to the finance committee and say why, with
    `reason: "Until the North place committee is established in April"` on
    the delegation, or on the function if it is always decided at system
    level, whoever exercises it. A function reserved to a board, which is
    not delegated, records its reason on the function.
    """

    code = "SUB005"
    name = "decided-too-high"
    severity = Severity.WARNING
    targets = ("functions",)

    def check(self, function, ctx):
        scope = ctx.facts.tier(function.scope)
        if scope is None:
            return
        rank = v.TIER_KINDS[scope.kind].rank
        if rank <= v.TIER_KINDS["system"].rank:
            return
        delegations = ctx.facts.authority.by_function.get(function.id, [])
        decisions = ctx.facts.decisions_exercising.get(function.id, [])
        if function.reason or any(d.reason for d in delegations) or any(dec.reason for dec in decisions):
            return
        # (party, related entity, note) for everyone who exercises the function
        exercised: list[tuple[str, object, str]] = []
        if function.holder:
            holder = ctx.model.entity(function.holder)
            exercised.append((function.holder, holder, f"`{function.holder}` holds it"))
        exercised += [(d.delegate, d, f"delegation `{d.id}` gives it to `{d.delegate}`") for d in delegations if d.delegate]
        exercised += [
            (dec.forum, dec, f"decision `{dec.id}` on it is taken by `{dec.forum}`") for dec in decisions if dec.forum
        ]
        if not exercised:
            return
        levels = [_level(ctx, party) for party, _, _ in exercised]
        if any(level is None or level >= rank for level in levels):
            return
        parties = list(dict.fromkeys(party for party, _, _ in exercised))
        lowest = _level_label(max(levels))
        where = f"only at {lowest}" if len(set(levels)) == 1 else f"only at {lowest} or above"
        scope_label = v.TIER_KINDS[scope.kind].label
        related = tuple(
            r
            for (_, entity, note), level in zip(exercised, levels)
            for r in _related(entity, f"{note}, at {_level_label(level)}")
        )
        if delegations:
            hint = (
                f"Delegate it to a forum or person working at `{scope.id}` (such as a {scope_label} committee), "
                'or record why it stays where it is: `reason: "..."` on its delegation, or on the function.'
            )
        elif function.reserved_to:
            hint = (
                f"It is reserved to `{function.reserved_to}`. If that is deliberate, record why on the function "
                f'(`reason: "..."`); otherwise delegate it to a forum or person working at `{scope.id}`.'
            )
        else:
            hint = (
                f"Delegate it to a forum or person working at `{scope.id}` (such as a {scope_label} committee), "
                'or, if keeping it higher is deliberate, record why on the function: `reason: "..."`.'
            )
        yield Finding(
            function.span,
            f"function `{function.id}` concerns {scope_label} `{scope.id}` but is decided {where}, "
            f"by {names(parties)}",
            hint,
            related=related,
            subjects=(function.id, scope.id, *parties),
        )


# -- SUB006 ---------------------------------------------------------------------------------------


@register
class DelegationUpwards(Rule):
    """A delegation passes a function up, to a tier further from the people it serves.

    ## What it does
    Compares the tier the delegator works at with the tier of the receiver.
    The tiers, from the top: NHS England, its regions, the system (the ICB,
    its board and system-wide committees), sub-systems, places and
    neighbourhoods. A forum works at the tier it `serves`, or else at the
    tier of the body it belongs to; a person at the tier of their employer
    or posts (a place director at place level). A delegation from a lower
    tier to a higher one, such as from a place committee to a system-wide
    committee, is reported, unless a `reason` is recorded on the delegation,
    or on each function it passes up (why that function is decided at the
    higher tier). NHS England delegating to an ICB is downwards, as it
    should be.

    ## Why is this bad?
    Delegation is how decisions are moved closer to the people they affect
    (subsidiarity). A delegation that runs upwards takes a decision away
    from the tier that was meant to hold it; often it means the delegator
    and receiver were entered the wrong way round, or that the function
    should have been delegated directly by the body that holds it. This is
    good practice rather than law: a place may ask the system to act for
    it, and then the reason should be written down.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    system northmoor "Northmoor" {
      population: 1.02m
      icb: northmoor_icb
      dispute_resolution: "Escalate to the ICB chair, then to NHS England's regional director"
    }
    place north "North Northmoor" {
      within: northmoor
      population: 330k
    }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee finance "Finance Committee" { parent: icb_board  reports_to: icb_board }
    committee north_committee "North Place Committee" {
      parent: icb_board
      serves: north
      reports_to: icb_board
    }
    function commissioning.north_community "Community services in North Northmoor" { held_by: northmoor_icb }
    delegation north_to_finance "North community services to finance" {
      from: north_committee
      to: finance
      functions: [commissioning.north_community]
      reports_to: [north_committee]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    system northmoor "Northmoor" {
      population: 1.02m
      icb: northmoor_icb
      dispute_resolution: "Escalate to the ICB chair, then to NHS England's regional director"
    }
    place north "North Northmoor" {
      within: northmoor
      population: 330k
    }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north_committee "North Place Committee" {
      parent: icb_board
      serves: north
      reports_to: icb_board
    }
    function commissioning.north_community "Community services in North Northmoor" { held_by: northmoor_icb }
    delegation north_community_to_place "North community services to the place" {
      from: icb_board
      to: north_committee
      functions: [commissioning.north_community]
      reports_to: [icb_board]
    }
    ```
    """

    code = "SUB006"
    name = "delegation-upwards"
    severity = Severity.WARNING
    targets = ("delegations",)

    def check(self, delegation, ctx):
        if delegation.reason or not delegation.delegator or not delegation.delegate:
            return
        functions = [ctx.model.entity(f) for f in delegation.functions]
        if functions and all(getattr(f, "reason", None) for f in functions):
            return  # each function records why it is decided higher up
        giver, receiver = _level(ctx, delegation.delegator), _level(ctx, delegation.delegate)
        if giver is None or receiver is None or receiver >= giver:
            return
        giver_entity = ctx.model.entity(delegation.delegator)
        yield Finding(
            delegation.span,
            f"delegation `{delegation.id}` passes functions up from {described(ctx.model.entity(delegation.delegator), delegation.delegator)} "
            f"({_level_label(giver)}) to {described(ctx.model.entity(delegation.delegate), delegation.delegate)} ({_level_label(receiver)})",
            "Delegations normally pass decisions down, closer to the people affected. Check that `from` and `to` "
            "are not the wrong way round; if the higher tier should decide, have the body that holds the function "
            'delegate to it directly, or record why with `reason: "..."` on the delegation (or on each function '
            "it passes up).",
            related=_related(giver_entity, f"`{delegation.delegator}` works at {_level_label(giver)}"),
            subjects=(delegation.id, delegation.delegator, delegation.delegate),
        )
