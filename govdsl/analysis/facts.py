"""Facts derived from a resolved model, each with one definition and computed once.

Rules, queries, lenses, what-if, diff, exports, the handbook, the renderer
and the language server all ask these questions ("the seats of this person",
"the board of this ICB", "the tier a forum works at", "the party that holds
functions for this board", "the organisations this person acts for")
instead of working the answers out themselves, so that the answers agree and
each costs time linear in the model once per run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import cached_property
from typing import Callable, Iterable

import attrs

from govdsl.analysis.authority import Authority
from govdsl.analysis.dates import in_force, posts_on
from govdsl.analysis.procedure import Procedures
from govdsl.model import vocabulary as v
from govdsl.model.types import Delegation, Forum, Interest, Model, Organisation, Person, Seat, Tier

NATIONAL_RANK = -2  # NHS England
REGIONAL_RANK = -1  # NHS England regions


def _grouped(items: Iterable, keys: Callable[[object], Iterable[str]]) -> defaultdict[str, list]:
    """An index: each item under every key `keys(item)` gives (several, or none), in model order."""
    out = defaultdict(list)
    for item in items:
        for key in keys(item):
            out[key].append(item)
    return out


def parties_named(delegation: Delegation) -> list[tuple[str, str]]:
    """The parties a delegation names, each with its part: `gives`, `receives` or `reports_to`."""
    named = [(delegation.delegator, "gives"), (delegation.delegate, "receives")]
    named += [(t, "reports_to") for t in delegation.reports_to if t not in (delegation.delegator, delegation.delegate)]
    return named


class Facts:
    """The questions about one model; `history` holds every dated arrangement (the model itself if not given)."""

    def __init__(self, model: Model, history: Model | None = None):
        self.model = model  # as of the check date
        self.history = history if history is not None else model  # every dated arrangement, for decisions
        self._canonical: dict[str, str] = {}

    # -- lookups -------------------------------------------------------------------------
    def organisation(self, id) -> Organisation | None:
        """An organisation by id, also when it is dissolved or not yet established on the check date."""
        e = (self.model.entity(id) or self.history.entity(id)) if id else None
        return e if isinstance(e, Organisation) else None

    def organisation_in_being(self, organisation_id) -> bool:
        return isinstance(self.model.entity(organisation_id), Organisation) if organisation_id else False

    def successor(self, organisation_id: str) -> Organisation | None:
        """The body in being on the check date that took over from a dissolved one, following `succeeded_by`."""
        seen = {organisation_id}
        current = self.organisation(organisation_id)
        while current is not None and current.succeeded_by and current.succeeded_by not in seen:
            seen.add(current.succeeded_by)
            current = self.organisation(current.succeeded_by)
            if current is not None and self.organisation_in_being(current.id):
                return current
        return None

    def forum(self, id) -> Forum | None:
        """A forum by id, also when it is not in being on the check date.

        A forum that has closed, or is not yet established, is not in the model
        as of the check date, but a delegation, a decision or another forum's
        `parent` may still name it; it is looked up in the full history (with
        all its seats), so that what names it is still understood.
        """
        e = (self.model.entity(id) or self.history.entity(id)) if id else None
        return e if isinstance(e, Forum) else None

    def in_being(self, forum_id) -> bool:
        """Whether a forum is part of the model as of the check date."""
        return isinstance(self.model.entity(forum_id), Forum) if forum_id else False

    def person(self, id) -> Person | None:
        e = self.model.entity(id) if id else None
        return e if isinstance(e, Person) else None

    def tier(self, id) -> Tier | None:
        e = self.model.entity(id) if id else None
        return e if isinstance(e, Tier) else None

    def kind_of(self, organisation_id) -> v.OrganisationKind | None:
        o = self.organisation(organisation_id)
        return v.ORGANISATION_KINDS.get(o.kind) if o else None

    # -- forums and bodies -------------------------------------------------------------------
    @cached_property
    def boards_of(self) -> dict[str, list[Forum]]:
        return _grouped(self.model.forums, lambda f: f.parents if v.FORUM_KINDS[f.kind].governing_body else ())

    def organisations_of(self, forum_id: str) -> tuple[str, ...]:
        """The organisations a forum belongs to, following its parents up."""
        return self._organisations_of.get(forum_id, ())

    @cached_property
    def _organisations_of(self) -> dict[str, tuple[str, ...]]:
        # Over the full history: a committee of a board that has closed still belongs to its body.
        result: dict[str, tuple[str, ...]] = {}

        def walk(forum_id, seen):
            if forum_id in result:
                return result[forum_id]
            forum = self.forum(forum_id)
            found: list[str] = []
            if forum is None or forum_id in seen:
                return ()
            seen = seen | {forum_id}
            for parent in forum.parents:
                if self.organisation(parent):
                    found.append(parent)
                else:
                    found.extend(o for o in walk(parent, seen) if o not in found)
            result[forum_id] = tuple(found)
            return result[forum_id]

        for forum in self.history.forums:
            walk(forum.id, frozenset())
        return result

    def acts_for(self, party: str | None) -> tuple[str, ...]:
        """The organisations a party acts for: itself, if an organisation; a forum's bodies;
        a person's employers, then the declared organisations of their posts."""
        if not party:
            return ()
        if self.organisation(party):
            return (party,)
        if self.forum(party):
            return self.organisations_of(party)
        person = self.person(party)
        if person is None:
            return ()
        found = list(person.employers)
        for post in person.posts:
            if post.organisation and post.organisation not in found and self.organisation(post.organisation):
                found.append(post.organisation)
        return tuple(found)

    # -- the party behind a seat or delegation -------------------------------------------------
    @cached_property
    def nhs_england(self) -> str | None:
        """NHS England, when the model declares exactly one (regions without `part_of` belong to it)."""
        found = [o.id for o in self.model.organisations if o.kind == "nhs_england"]
        return found[0] if len(found) == 1 else None

    def canonical(self, party: str) -> str:
        """The party that holds functions for `party`.

        An organisation and its board act as one (the board decides for the
        organisation), and an NHS England region is part of NHS England.
        """
        found = self._canonical.get(party)
        if found is None:
            found = self._canonical[party] = self._canonical_of(party)
        return found

    def _canonical_of(self, party: str) -> str:
        forum = self.forum(party)
        if forum is not None and v.FORUM_KINDS[forum.kind].governing_body:
            for parent in forum.parents:
                organisation = self.organisation(parent)
                if organisation is not None:
                    return self._region_holder(organisation)
            return party
        organisation = self.organisation(party)
        return self._region_holder(organisation) if organisation is not None else party

    def _region_holder(self, organisation: Organisation) -> str:
        if organisation.kind != "nhs_england_region":
            return organisation.id
        parent = self.kind_of(organisation.part_of)
        if parent is not None and parent.word == "nhs_england":
            return organisation.part_of
        return self.nhs_england or organisation.id

    @cached_property
    def authority(self) -> Authority:
        """Who holds each delegated function, with what limit and through which chain."""
        return Authority(self)

    @cached_property
    def icbs(self) -> list[Organisation]:
        return [o for o in self.model.organisations if o.kind == "icb"]

    def icb_board(self, icb_id: str) -> Forum | None:
        boards = self.boards_of.get(icb_id, [])
        return boards[0] if boards else None

    def committees_of(self, forum_or_org_id: str) -> list[Forum]:
        return self._children.get(forum_or_org_id, [])

    @cached_property
    def _children(self) -> dict[str, list[Forum]]:
        return _grouped(self.model.forums, lambda f: f.parents)

    def descendants(self, id: str) -> list[Forum]:
        """Every forum below a body or forum (its board, committees, their sub-committees)."""
        out, stack, seen = [], [id], {id}
        while stack:
            for child in self._children.get(stack.pop(), []):
                if child.id not in seen:
                    seen.add(child.id)
                    out.append(child)
                    stack.append(child.id)
        return out

    # -- seats ----------------------------------------------------------------------------------
    @staticmethod
    def chairs(forum: Forum) -> list[Seat]:
        return [s for s in forum.seats if "chair" in s.capacities]

    @staticmethod
    def voting(forum: Forum) -> list[Seat]:
        return [s for s in forum.seats if s.voting]

    @cached_property
    def seats_of(self) -> dict[str, list[Seat]]:
        return _grouped((s for f in self.model.forums for s in f.seats), lambda s: (s.person,))

    def seats_on(self, forum_id: str, on: dt.date) -> list[Seat]:
        """A forum's seats in force on a date, from the full history."""
        forum = self.history.entity(forum_id)
        if not isinstance(forum, Forum):
            return []
        return [s for s in forum.seats if in_force(s.start, s.end, on)]

    def interests_on(self, person_id: str, on: dt.date) -> list[Interest]:
        person = self.history.entity(person_id)
        if not isinstance(person, Person):
            return []
        return [i for i in person.interests if in_force(i.start, i.end, on)]

    # -- tiers ----------------------------------------------------------------------------------
    def tier_rank_of_tier(self, tier_id: str | None) -> int | None:
        tier = self.tier(tier_id)
        return v.TIER_KINDS[tier.kind].rank if tier else None

    @cached_property
    def systems_of_icb(self) -> dict[str, list[Tier]]:
        """ICB id -> the systems that name it (`icb:`), in declaration order."""
        found: dict[str, list[Tier]] = defaultdict(list)
        for t in self.model.tiers:
            if t.kind == "system" and t.icb:
                found[t.icb].append(t)
        return found

    @cached_property
    def system_of_icb(self) -> dict[str, Tier]:
        """ICB id -> the system that names it; the first declared, if several do."""
        return {icb: systems[0] for icb, systems in self.systems_of_icb.items()}

    def tier_of(self, id: str | None, _seen=None) -> str | None:
        """The tier an organisation, forum or person works at, if it can be told.

        A tier is its own; a forum works at its `serves` tier, else at the tier
        of its first parent that has one; an ICB at the system that names it;
        any other organisation at the widest tier of its `area` (the first, of
        tiers equally wide); a person at the tier of their first employer that
        has one. This is also the tier a diagram draws an entity in.
        """
        entity = (self.forum(id) or self.model.entity(id)) if id else None
        seen = _seen or set()
        if entity is None or id in seen:
            return None
        seen.add(id)
        if isinstance(entity, Tier):
            return entity.id
        if isinstance(entity, Forum):
            if entity.tier:
                return entity.tier
            for parent in entity.parents:
                found = self.tier_of(parent, seen)
                if found:
                    return found
            return None
        if isinstance(entity, Organisation):
            if entity.kind == "icb" and entity.id in self.system_of_icb:
                return self.system_of_icb[entity.id].id
            if entity.area:
                return min(entity.area, key=lambda t: self.tier_rank_of_tier(t) or 0)
            return None
        if isinstance(entity, Person):
            for employer in entity.employers:
                found = self.tier_of(employer, seen)
                if found:
                    return found
        return None

    def tier_path(self, tier_id: str | None) -> list[str]:
        """A tier and the tiers it is within, nearest first (a place, its system)."""
        path: list[str] = []
        current = tier_id
        while current and current not in path:
            tier = self.tier(current)
            if tier is None:
                break
            path.append(current)
            current = tier.parent
        return path

    def common_tier(self, tiers) -> str | None:
        """The narrowest tier that contains all of these tiers (None if there are none, or nothing contains them all)."""
        tiers = [t for t in tiers if t]
        if not tiers:
            return None
        common = self.tier_path(tiers[0])
        for other in tiers[1:]:
            theirs = set(self.tier_path(other))
            common = [t for t in common if t in theirs]
        return common[0] if common else None

    def footprint_tier(self, id: str | None, _seen: frozenset = frozenset()) -> str | None:
        """The narrowest tier containing everything an organisation or forum covers.

        Unlike `tier_of` (where an entity sits, and is drawn), an organisation
        serving several places, or a forum of several bodies (committees in
        common of trusts in different places), covers the tier containing them
        all, not the first: the lenses ask this when they judge who a forum
        speaks for.
        """
        entity = self.model.entity(id) if id else None
        if entity is None or id in _seen:
            return None
        seen = _seen | {id}
        if isinstance(entity, Tier):
            return entity.id
        if isinstance(entity, Forum):
            if entity.tier:
                return entity.tier
            found = self.common_tier([self.footprint_tier(p, seen) for p in entity.parents])
            return found or self.common_tier([self.footprint_tier(p, seen) for p in entity.partners])
        if isinstance(entity, Organisation):
            if entity.kind == "icb" and entity.id in self.system_of_icb:
                return self.system_of_icb[entity.id].id
            return self.common_tier(entity.area)
        return self.tier_of(id)

    def rank_of(self, id: str) -> int | None:
        """How far from people a party decides: -2 national ... 3 neighbourhood."""
        organisation = self.organisation(id)
        if organisation is not None:
            if organisation.kind == "nhs_england":
                return NATIONAL_RANK
            if organisation.kind == "nhs_england_region":
                return REGIONAL_RANK
        forum = self.forum(id)
        if forum is not None and not forum.tier:
            for org in self.organisations_of(id):
                rank = self.rank_of(org)
                if rank is not None and rank < 0:
                    return rank
        return self.tier_rank_of_tier(self.tier_of(id))

    # -- delegations ----------------------------------------------------------------------------
    @cached_property
    def delegations_to(self) -> dict[str, list[Delegation]]:
        return _grouped(self.model.delegations, lambda d: (d.delegate,))

    @cached_property
    def delegations_from(self) -> dict[str, list[Delegation]]:
        return _grouped(self.model.delegations, lambda d: (d.delegator,))

    # -- lines, functions and decisions ----------------------------------------------------------
    @cached_property
    def lines_from(self) -> dict[str, list]:
        """A party -> its accountability lines in force (`accountable_to`, `reports_to`, `assures`...), as declared."""
        return _grouped(self.model.lines, lambda line: (line.source,))

    @cached_property
    def functions_held_by(self) -> dict[str, list]:
        """A party -> the functions it holds (`held_by`)."""
        return _grouped(self.model.functions, lambda f: (f.holder,) if f.holder else ())

    @cached_property
    def decisions_of(self) -> dict[str, list]:
        """A forum -> the decisions it takes (in the model as of the check date)."""
        return _grouped(self.model.decisions, lambda d: (d.forum,))

    @cached_property
    def decisions_exercising(self) -> dict[str, list]:
        """A function -> the decisions that exercise it."""
        return _grouped(self.model.decisions, lambda d: d.functions)

    # -- people -------------------------------------------------------------------------------
    def clinician(self, person: Person) -> bool:
        return bool(set(person.expertise) & v.CLINICAL_EXPERTISE) or any(
            p.role in ("gp_partner", "salaried_gp", "clinical_director", "medical_director", "director_of_nursing", "consultant")
            for p in person.posts
        )

    def sector_of_person(self, person: Person, seat: Seat | None = None) -> str | None:
        for org_id in ((seat.representing,) if seat and seat.representing else ()) + person.employers + tuple(
            p.organisation for p in person.posts if p.organisation
        ):
            org = self.organisation(org_id)
            if org:
                return org.sector
        return None

    def person_on(self, person_id, on: dt.date | None) -> Person | None:
        """A person as on a date (their posts then), or as of the check date when `on` is None."""
        if on is None:
            return self.person(person_id)
        person = self.history.entity(person_id) if person_id else None
        if not isinstance(person, Person):
            return None
        posts = posts_on(person, on)
        return person if len(posts) == len(person.posts) else attrs.evolve(person, posts=posts)

    def has_quality(self, seat: Seat, quality: str, on: dt.date | None = None) -> bool:
        """Whether a seat counts towards a quorum requirement (a capacity or a quality).

        Qualities that come from posts (a clinician, a sector) are read from the
        posts held on `on`, a decision's date; by default on the check date.
        """
        if quality in seat.capacities or quality == "member":
            return True
        if quality in v.CAPACITIES:
            return False
        person = self.person_on(seat.person, on)
        if person is None:
            return False
        if quality == "independent":
            return person.independent or "non_executive" in seat.capacities
        if quality == "clinician":
            return self.clinician(person)
        if quality == "executive_member":
            return any(c.startswith("executive") or c == "chief_executive" for c in seat.capacities)
        return self.sector_of_person(person, seat) == quality

    # -- quorum ----------------------------------------------------------------------------------
    @cached_property
    def procedures(self) -> Procedures:
        """Each forum's quorum, decision rule and meeting rules, own or inherited from standing orders."""
        return Procedures(self.model, self.history)

    def quorum_shortfalls(self, seats: list[Seat], quorum, on: dt.date | None = None, members: int | None = None) -> list[str]:
        """What keeps these voting seats from making a quorum ([] when they can).

        One member may meet several requirements (a chair who is a clinician
        counts for both), as standing orders usually allow. `on` is the date
        whose posts count (a decision's date); by default the check date.
        `members` is the number of voting members a quorum written as a share
        (`majority`, `40%`) is a share of; by default, the voting seats given.
        """
        shortfalls = []
        voting = [s for s in seats if s.voting]
        needed = quorum.needed(len(voting) if members is None else members)
        if len(voting) < needed:
            available = f"{len(voting)} {'is' if len(voting) == 1 else 'are'} available"
            shortfalls.append(f"{needed} voting members are needed and {available}")
        for requirement in quorum.requirements:
            found = sum(1 for s in voting if any(self.has_quality(s, q, on) for q in requirement.alternatives))
            if found < requirement.count:
                wanted = " or ".join(
                    (v.CAPACITIES.get(q) or v.QUORUM_QUALITIES[q]).label for q in requirement.alternatives
                )
                shortfalls.append(f"{requirement.count} × {wanted} needed, {found} available")
        return shortfalls
