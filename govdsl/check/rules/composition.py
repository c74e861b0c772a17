"""Statutory composition and committee basics: who must sit where, and can each forum meet?

The STAT rules read the membership the law sets for an integrated care board
(NHS Act 2006 Sch 1B), an integrated care partnership (s.116ZA Local
Government and Public Involvement in Health Act 2007) and a health and
wellbeing board (s.194 Health and Social Care Act 2012). The GOV rules read
what NHS England's guidance and ICB constitutions add (executive and
non-executive members, audit and remuneration committees) and the basic
constitution of every committee (terms of reference, chair, members, a
quorum that can be met).

Seats are read as of the check date. A seat held only as a participant or
observer is attendance, not membership: it counts for none of the membership
rules here. A forum is not set up yet on the check date when its
`established` date is later or, if it has none, when its members' seats all
start later: it is not judged incomplete. A board, partnership or committee
that is declared but not set up yet is not reported missing either (an ICB
checked as of a date before its board was established has no board yet,
rather than none at all); one that has closed is gone, and the rules say so.

Which ICBs are judged. A model describes a whole system when a `system` names
its ICB (`icb: northmoor_icb`); only then are the ICB's board, partnership
and committees judged complete or incomplete (STAT001-STAT004,
GOV001-GOV003). An ICB that a file mentions only as a party (to a
delegation, say) is taken to be described elsewhere. For the same reason a
board or committee declared with no terms of reference, seats or quorum at
all is judged by GOV004 only when it belongs to such an ICB.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

import attrs

from govdsl.analysis.wording import described, names
from govdsl.check.registry import Finding, Rule, register
from govdsl.diagnostics import Related, Severity
from govdsl.model import vocabulary as v
from govdsl.model.types import Forum, Organisation, Seat, Tier

# Posts that make someone staff of the organisation (for "no ICB employees" on remuneration).
_EMPLOYED_POSTS = frozenset(
    {
        "chief_executive",
        "executive_director",
        "director",
        "director_of_finance",
        "medical_director",
        "director_of_nursing",
        "place_director",
        "chief_officer",
        "employee",
    }
)

# Seats on an ICB board that make the executive members GOV001 asks for, and
# the posts that make a plain `executive` seat one of them.
_EXECUTIVES = (
    ("executive_finance", "director_of_finance", "finance"),
    ("executive_medical", "medical_director", "medical"),
    ("executive_nursing", "director_of_nursing", "nursing"),
)

_PARTNERS = (
    ("partner_member_trusts", "NHS trusts and foundation trusts"),
    ("partner_member_primary_care", "providers of primary medical services"),
    ("partner_member_local_authority", "the local authorities"),
)

_COUNCILLOR_POSTS = frozenset({"councillor", "council_leader", "mayor"})


# -- wording -------------------------------------------------------------------------------------
def _listing(parts: list[str], last: str = "and") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {last} " + parts[-1]


def _related(*pairs) -> tuple[Related, ...]:
    """Related locations from (span, note) pairs.

    Every span here is the declaration of an entity or a seat, which the
    resolver always sets, and no rule below names the same place with the
    same note twice.
    """
    return tuple(Related(span, note) for span, note in pairs)


# -- seats -----------------------------------------------------------------------------------------
def is_member(seat: Seat) -> bool:
    """A seat that makes its holder a member: not only a participant or observer."""
    return not all(c in v.NON_VOTING_CAPACITIES for c in seat.capacities)


def _members(forum: Forum | None) -> list[Seat]:
    return [s for s in forum.seats if is_member(s)] if forum else []


def _people_with(seats, capacity: str) -> list[str]:
    """The people holding a seat in a capacity, each once, in seat order."""
    return list(dict.fromkeys(s.person for s in seats if capacity in s.capacities))


def counts_for(ctx, seat: Seat) -> set[str]:
    """The organisations a seat speaks for.

    A seat counts for an organisation when it is `for`, nominated or
    appointed by it, or its holder has a post at it or is employed by it.
    """
    orgs = {o for o in (seat.representing, seat.nominated_by, seat.appointed_by) if o}
    person = ctx.facts.person(seat.person)  # a seat's holder is always a declared person
    orgs.update(p.organisation for p in person.posts if p.organisation)
    orgs.update(person.employers)
    return orgs


def _employed_by(ctx, person_id: str, organisation_id: str) -> bool:
    person = ctx.facts.person(person_id)  # a seat's holder is always a declared person
    return organisation_id in person.employers or any(
        p.organisation == organisation_id and p.role in _EMPLOYED_POSTS for p in person.posts
    )


def not_yet_set_up(ctx, forum: Forum) -> bool:
    """Whether a forum is not set up yet on the check date.

    A forum with an `established` date is set up from that date. Without
    one, a forum every one of whose members' seats starts after the check
    date (an ICB board checked as of a date before July 2022, a committee
    whose first members join next month) is taken not to exist yet. Such a
    forum is not judged incomplete.
    """
    if forum.established is not None:
        return forum.established > ctx.as_of
    history = ctx.history.entity(forum.id)
    seats = [s for s in (history.seats if isinstance(history, Forum) else forum.seats) if is_member(s)]
    return bool(seats) and all(s.start is not None and s.start > ctx.as_of for s in seats)


def _closed_notes(forums: list[Forum]) -> list[tuple]:
    """Related notes for forums that would have been what a rule looks for, had they not closed."""
    return [(f.span, f"{described(f)} closed on {f.closed.isoformat()}") for f in forums]


# -- what the ICB rules share, worked out once per run ---------------------------------------------
class _Index:
    def __init__(self, ctx):
        self.ctx = ctx

    @property
    def systems(self) -> dict[str, list[Tier]]:
        """ICB id -> the systems that name it (`icb:`)."""
        return self.ctx.facts.systems_of_icb

    def described(self, organisation: Organisation) -> bool:
        return organisation.kind == "icb" and organisation.id in self.systems

    @cached_property
    def icps(self) -> dict[str, list[Forum]]:
        """Organisation id -> the integrated care partnerships it takes part in."""
        out = defaultdict(list)
        for forum in self.ctx.model.forums:
            if v.FORUM_KINDS[forum.kind].statutory_partnership != "icb_and_councils":
                continue
            linked = set(forum.partners) | set(self.ctx.facts.organisations_of(forum.id))
            for seat in _members(forum):
                linked |= counts_for(self.ctx, seat)
            for org in linked:
                out[org].append(forum)
        return out

    def committees(self, icb_id: str, role: str) -> list[Forum]:
        return self._committees(icb_id).get(role, [])

    def _committees(self, icb_id: str) -> dict[str, list[Forum]]:
        """The ICB's forums in being, by role: those whose parents lead up to it.

        The parents are followed through the full history, so that a committee
        whose board has closed (or is not yet established) still belongs to the
        ICB; the broken line is ACC002's to report.
        """
        cache = self.__dict__.setdefault("_by_icb", {})
        if icb_id not in cache:
            by_role = defaultdict(list)
            for forum in self.ctx.model.forums:
                if icb_id in self.ctx.facts.organisations_of(forum.id):
                    by_role[forum.role].append(forum)
            cache[icb_id] = by_role
        return cache[icb_id]

    @cached_property
    def _out_of_being(self) -> tuple[list[Forum], list[Forum]]:
        """The forums of the full history not in being on the check date: (not set up yet, closed)."""
        pending, closed = [], []
        for forum in self.ctx.history.forums:
            if self.ctx.facts.in_being(forum.id):
                continue
            (pending if forum.closed is None or forum.closed >= self.ctx.as_of else closed).append(forum)
        return pending, closed

    def absent(self, icb_id: str, wanted, through_members: bool = False) -> tuple[list[Forum], list[Forum]]:
        """The ICB's forums that `wanted` accepts but that are not in being: (not set up yet, closed).

        A forum belongs to the ICB when it is below it (through its parents) or
        the ICB takes part in it as a partner, or (`through_members`, for a
        partnership) through one of its members, as `icps` reads them.
        """
        def of_icb(forum: Forum) -> bool:
            if icb_id in self.ctx.facts.organisations_of(forum.id) or icb_id in forum.partners:
                return True
            return through_members and any(icb_id in counts_for(self.ctx, s) for s in _members(forum))

        pending, closed = self._out_of_being
        return [f for f in pending if wanted(f) and of_icb(f)], [f for f in closed if wanted(f) and of_icb(f)]

    def unlabelled_like(self, icb_id: str, word: str) -> list[Forum]:
        """Forums of an ICB with no `role` whose title mentions a word (`audit`)."""
        return [f for f in self._committees(icb_id).get(None, []) if word in f.title.lower()]


def _index(rule: Rule, ctx) -> _Index:
    """One index per check run (the engine makes a rule object per run)."""
    index = getattr(rule, "_index", None)
    if index is None or index.ctx is not ctx:
        index = _Index(ctx)
        rule._index = index
    return index


@attrs.frozen
class _Board:
    """An ICB's board as of the check date, read for the composition rules."""

    icb: Organisation
    forum: Forum
    members: tuple[Seat, ...]

    @property
    def words(self) -> str:
        return f"the board `{self.forum.id}` of ICB `{self.icb.id}`"

    def people(self, capacity: str) -> list[str]:
        return _people_with(self.members, capacity)

    def ordinary(self) -> list[Seat]:
        """Member seats of people who are neither the chair nor the chief executive."""
        core = set(self.people("chair")) | set(self.people("chief_executive"))
        return [s for s in self.members if s.person not in core]

    def seat_of(self, person: str, capacity: str | None = None) -> Seat | None:
        for seat in self.members:
            if seat.person == person and (capacity is None or capacity in seat.capacities):
                return seat
        return None


def _board(rule: Rule, icb, ctx) -> _Board | None:
    """The board of a described ICB, or None (not an ICB, not described, or no board)."""
    if not isinstance(icb, Organisation) or not _index(rule, ctx).described(icb):
        return None
    forum = ctx.facts.icb_board(icb.id)
    if forum is None or not_yet_set_up(ctx, forum):
        return None
    return _Board(icb, forum, tuple(_members(forum)))


def _system_note(rule: Rule, icb: Organisation, ctx) -> tuple:
    systems = _index(rule, ctx).systems.get(icb.id, [])
    return tuple((t.span, f"the system `{t.id}` names `{icb.id}` as its ICB") for t in systems[:1])


# -- STAT001 ---------------------------------------------------------------------------------------
@register
class IcbBoardCoreMembers(Rule):
    """An ICB's board lacks its chair, its chief executive or three ordinary members.

    ## What it does
    For each integrated care board named by a `system`, looks at its board
    (the first `board` whose `parent` is the ICB) as of the check date and
    checks that it has exactly one chair, exactly one chief executive and at
    least three ordinary members (anyone else who is a member; participants
    and observers are not members). An ICB with no board at all is
    reported too.

    ## Why is this bad?
    The NHS Act 2006 sets the membership of an ICB: a chair, a chief
    executive and at least three ordinary members (Schedule 1B, paragraph 3).
    A board without them is not constituted as the law requires, and its
    decisions can be challenged.

    ## Example
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person ann_hale "Dr Ann Hale" {}
    person mark_odum "Mark Odum" {}
    person lena_frost "Lena Frost" {}
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: ann_hale as chair
      seat: mark_odum as chief_executive
      seat: lena_frost as non_executive
    }
    ```

    ## Use instead
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person ann_hale "Dr Ann Hale" {}
    person mark_odum "Mark Odum" {}
    person lena_frost "Lena Frost" {}
    person sam_patel "Sam Patel" {}
    person priya_shah "Priya Shah" {}
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: ann_hale as chair
      seat: mark_odum as chief_executive
      seat: lena_frost as non_executive
      seat: sam_patel as non_executive
      seat: priya_shah as executive_finance
    }
    ```
    """

    code = "STAT001"
    name = "icb-board-core-members"
    severity = Severity.ERROR
    targets = ("organisations",)

    def check(self, icb, ctx):
        if icb.kind != "icb" or not _index(self, ctx).described(icb):
            return
        board = _board(self, icb, ctx)
        if board is None and ctx.facts.icb_board(icb.id) is None:
            pending, closed = _index(self, ctx).absent(icb.id, lambda f: v.FORUM_KINDS[f.kind].governing_body and icb.id in f.parents)
            if pending:
                return  # not set up yet
            yield Finding(
                icb.span,
                f"ICB `{icb.id}` has no board",
                f'Declare its board (`board {icb.id}_board "..." {{ parent: {icb.id} ... }}`) with a '
                "`seat:` for its chair, its chief executive and at least three ordinary members.",
                related=_related(*_system_note(self, icb, ctx), *_closed_notes(closed)),
                subjects=(icb.id,),
            )
        if board is None:
            return
        problems, related = [], []
        for capacity, label in (("chair", "chair"), ("chief_executive", "chief executive")):
            people = board.people(capacity)
            if not people:
                problems.append(f"no {label}")
            elif len(people) > 1:
                problems.append(f"{len(people)} {label}s ({names(people)})")
                related += [(board.seat_of(p, capacity).span, f"`{p}` sits as {label}") for p in people]
        ordinary = list(dict.fromkeys(s.person for s in board.ordinary()))
        if len(ordinary) < 3:
            problems.append(
                "no ordinary members" if not ordinary
                else f"only {len(ordinary)} ordinary member{'s' if len(ordinary) > 1 else ''} ({names(ordinary)})"
            )
        if not problems:
            return
        yield Finding(
            board.forum.span,
            f"{board.words} has {_listing(problems)}; the law requires exactly one chair, "
            "exactly one chief executive and at least three ordinary members",
            "Give the board one `seat: NAME as chair`, one `seat: NAME as chief_executive` and at least "
            "three other members (executive, non-executive and partner members); participants and "
            "observers do not count.",
            related=_related(*related),
            subjects=(board.forum.id, board.icb.id),
        )


# -- STAT002 ---------------------------------------------------------------------------------------
@register
class IcbBoardPartnerMembersMissing(Rule):
    """An ICB's board lacks a partner member from trusts, primary care or local authorities.

    ## What it does
    For each integrated care board named by a `system`, checks that its
    board has, as of the check date, a partner member nominated by each of
    the three groups: NHS trusts and foundation trusts
    (`partner_member_trusts`), providers of primary medical services
    (`partner_member_primary_care`) and the local authorities
    (`partner_member_local_authority`). One finding lists every group
    without one.

    ## Why is this bad?
    Partner members bring the providers and councils of the system into the
    ICB's decisions. Every ICB constitution provides for at least one
    partner member nominated by each of the three groups (for example
    Hertfordshire and West Essex ICB's constitution, §2.1.6; the Health
    Foundation's review "ICBs: what do they look like" describes the same
    three). A board without one of them has lost a voice the system was
    promised in its constitution.

    ## Example
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals" { kind: foundation_trust }
    person hugh_marsh "Hugh Marsh" {}
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: hugh_marsh as partner_member_trusts for northmoor_hospitals
    }
    ```

    ## Use instead
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals" { kind: foundation_trust }
    organisation moorside_practice "Moorside Practice" { kind: gp_practice }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    person hugh_marsh "Hugh Marsh" {}
    person jo_kent "Dr Jo Kent" {}
    person karen_blythe "Karen Blythe" {}
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: hugh_marsh as partner_member_trusts for northmoor_hospitals
      seat: jo_kent as partner_member_primary_care for moorside_practice
      seat: karen_blythe as partner_member_local_authority for northmoor_council
    }
    ```
    """

    code = "STAT002"
    name = "icb-board-partner-members-missing"
    severity = Severity.ERROR
    targets = ("organisations",)

    def check(self, icb, ctx):
        board = _board(self, icb, ctx)
        if board is None:
            return
        missing = [(c, group) for c, group in _PARTNERS if not board.people(c)]
        if not missing:
            return
        groups = _listing([f"by {group}" for _, group in missing], "or")
        examples = ", ".join(f"`seat: NAME as {c} for ORGANISATION`" for c, _ in missing)
        yield Finding(
            board.forum.span,
            f"{board.words} has no partner member nominated {groups}",
            f"Add a partner member for each group: {examples}.",
            subjects=(board.forum.id, board.icb.id),
        )


# -- STAT003 ---------------------------------------------------------------------------------------
@register
class IcbBoardMentalHealthExpertiseMissing(Rule):
    """No ordinary member of an ICB's board has mental-health expertise.

    ## What it does
    For each integrated care board named by a `system`, checks that at
    least one ordinary member of its board (a member who is neither the
    chair nor the chief executive) has `expertise: [mental_health]` recorded.

    ## Why is this bad?
    An ICB must have at least one ordinary member with knowledge and
    experience of mental illness, so that mental health is heard at the
    board that allocates the NHS budget (Health Foundation, "ICBs: what do
    they look like"; NHS Providers' guide to the Health and Care Act 2022).
    Recording the expertise shows who meets the requirement.

    ## Example
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person ann_hale "Dr Ann Hale" { expertise: [mental_health] }
    person rhys_cole "Rhys Cole" { expertise: [finance] }
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: ann_hale as chair
      seat: rhys_cole as non_executive
    }
    ```

    ## Use instead
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person ann_hale "Dr Ann Hale" { expertise: [mental_health] }
    person rhys_cole "Rhys Cole" { expertise: [finance, mental_health] }
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: ann_hale as chair
      seat: rhys_cole as non_executive
    }
    ```
    """

    code = "STAT003"
    name = "icb-board-mental-health-expertise-missing"
    severity = Severity.ERROR
    targets = ("organisations",)

    def check(self, icb, ctx):
        board = _board(self, icb, ctx)
        if board is None:
            return
        for seat in board.ordinary():
            person = ctx.facts.person(seat.person)
            if person is not None and "mental_health" in person.expertise:
                return
        yield Finding(
            board.forum.span,
            f"no ordinary member of {board.words} has mental-health expertise recorded",
            "Record `expertise: [mental_health]` on the ordinary member who brings it (not the chair or "
            "the chief executive), or appoint one who does.",
            subjects=(board.forum.id, board.icb.id),
        )


# -- STAT004 ---------------------------------------------------------------------------------------
@register
class IcpMembershipIncomplete(Rule):
    """An ICB has no integrated care partnership, or its partnership lacks a statutory member.

    ## What it does
    For each integrated care board named by a `system`, finds its integrated
    care partnerships (forums of kind `integrated_care_partnership` that
    name the ICB as a partner or parent, or have a member for it) and checks
    that each has a member for the ICB and for every responsible council
    (county, unitary, metropolitan borough or London borough council) in the
    system's footprint; if the system gives no footprint, the ICB's own
    `footprint` is used. A seat counts for an organisation when it is `for`,
    `nominated_by` or `appointed_by` it, or its holder has a post at it or is
    employed by it. An ICB with no partnership is reported too.

    ## Why is this bad?
    The integrated care partnership is a statutory joint committee of the
    ICB and each responsible local authority whose area falls in the ICB's
    area. The Act requires it to include one member appointed by the ICB and
    one appointed by each of those authorities (s.116ZA Local Government and
    Public Involvement in Health Act 2007). A council missing from it has no
    say in the integrated care strategy the whole system must have regard to.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    system northmoor "Northmoor ICS" {
      icb: northmoor_icb
      footprint: [northmoor_council]
    }
    person ann_hale "Dr Ann Hale" {}
    integrated_care_partnership northmoor_icp "Northmoor ICP" {
      parent: [northmoor_icb, northmoor_council]
      seat: ann_hale as chair for northmoor_icb
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    system northmoor "Northmoor ICS" {
      icb: northmoor_icb
      footprint: [northmoor_council]
    }
    person ann_hale "Dr Ann Hale" {}
    person cllr_bell "Cllr Sue Bell" {}
    integrated_care_partnership northmoor_icp "Northmoor ICP" {
      parent: [northmoor_icb, northmoor_council]
      seat: ann_hale as chair for northmoor_icb
      seat: cllr_bell as councillor for northmoor_council
    }
    ```
    """

    code = "STAT004"
    name = "icp-membership-incomplete"
    severity = Severity.ERROR
    targets = ("organisations",)

    def check(self, icb, ctx):
        index = _index(self, ctx)
        if icb.kind != "icb" or not index.described(icb):
            return
        systems = index.systems.get(icb.id, [])
        councils, source = self._councils(ctx, icb, systems)
        icps = index.icps.get(icb.id, [])
        if not icps:
            pending, closed = index.absent(icb.id, lambda f: v.FORUM_KINDS[f.kind].statutory_partnership == "icb_and_councils", True)
            if pending:
                return  # not set up yet
            yield Finding(
                icb.span,
                f"ICB `{icb.id}` has no integrated care partnership",
                f'Declare it: `integrated_care_partnership NAME "..." {{ parent: [{icb.id}, COUNCIL, ...] ... }}`, '
                f"with a member appointed by `{icb.id}` and one by each responsible council in its area.",
                related=_related(*_system_note(self, icb, ctx), *_closed_notes(closed)),
                subjects=(icb.id,),
            )
            return
        for icp in icps:
            if not_yet_set_up(ctx, icp):
                continue
            covered = set()
            for seat in _members(icp):
                covered |= counts_for(ctx, seat)
            missing = [o for o in (icb.id, *councils) if o not in covered]
            if not missing:
                continue
            related = [(icb.span, f"`{icb.id}` is declared here")]
            if source is not None and any(m != icb.id for m in missing):
                related.append((source.span, f"`{source.id}` lists the councils of the area in its footprint"))
            yield Finding(
                icp.span,
                f"integrated care partnership `{icp.id}` has no member for {names(missing)}",
                "The ICB and each responsible council in the area must each appoint a member: add "
                + ", ".join(f"`seat: NAME as voting_member for {o}`" for o in missing)
                + " (or record the member's post or employer).",
                related=_related(*related),
                subjects=(icp.id, *missing),
            )

    @staticmethod
    def _councils(ctx, icb, systems) -> tuple[list[str], object]:
        """The responsible councils of the ICB's area, and the entity whose footprint says so."""
        for source in (*systems, icb):
            councils = [
                c for c in source.footprint
                if (kind := ctx.facts.kind_of(c)) is not None and kind.responsible_council
            ]
            if councils:
                return list(dict.fromkeys(councils)), source
        return [], None


# -- STAT005 ---------------------------------------------------------------------------------------
@register
class HwbMembershipIncomplete(Rule):
    """A health and wellbeing board lacks one of its statutory members.

    ## What it does
    Checks that each health and wellbeing board has, as of the check date, a
    member who is a councillor (a seat `as councillor`, or a post as
    `councillor`, `council_leader` or `mayor`), the director of adult social
    services, the director of children's services and the director of public
    health (read from people's posts), a representative of the local
    Healthwatch and a representative of the ICB (a seat `for`, nominated or
    appointed by one, or held by someone with a post at or employed by one).
    One finding lists everything missing.

    ## Why is this bad?
    A health and wellbeing board is a committee of its local authority
    whose core membership is set by law: at least one councillor, the
    directors of adult social services, children's services and public
    health, a representative of the local Healthwatch and a representative
    of each relevant ICB (s.194(2) Health and Social Care Act 2012). Without
    them the board cannot do what the Act expects of it.

    ## Example
    ```gov
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    person cllr_bell "Cllr Sue Bell" { post: council_leader at northmoor_council }
    health_and_wellbeing_board northmoor_hwb "Northmoor HWB" {
      parent: northmoor_council
      seat: cllr_bell as chair
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation healthwatch_northmoor "Healthwatch Northmoor" { kind: healthwatch }
    person cllr_bell "Cllr Sue Bell" { post: council_leader at northmoor_council }
    person dass "Ruth Adeyemi" { post: director_of_adult_social_services at northmoor_council }
    person dcs "Tom Lowe" { post: director_of_childrens_services at northmoor_council }
    person dph "Dr Asha Rao" { post: director_of_public_health at northmoor_council }
    person hw_rep "Jen Wood" {}
    person mark_odum "Mark Odum" {}
    health_and_wellbeing_board northmoor_hwb "Northmoor HWB" {
      parent: northmoor_council
      seat: cllr_bell as chair
      seat: dass as voting_member
      seat: dcs as voting_member
      seat: dph as voting_member
      seat: hw_rep as voting_member for healthwatch_northmoor
      seat: mark_odum as voting_member for northmoor_icb
    }
    ```
    """

    code = "STAT005"
    name = "hwb-membership-incomplete"
    severity = Severity.ERROR
    targets = ("forums",)

    _DIRECTORS = (
        ("director_of_adult_social_services", "the director of adult social services"),
        ("director_of_childrens_services", "the director of children's services"),
        ("director_of_public_health", "the director of public health"),
    )

    def check(self, forum, ctx):
        if v.FORUM_KINDS[forum.kind].statutory_partnership != "council" or not_yet_set_up(ctx, forum):
            return
        roles: set[str] = set()
        kinds: set[str] = set()
        councillor = False
        for seat in _members(forum):
            if "councillor" in seat.capacities:
                councillor = True
            roles.update(p.role for p in ctx.facts.person(seat.person).posts)
            for org in counts_for(ctx, seat):
                kind = ctx.facts.kind_of(org)
                if kind is not None:
                    kinds.add(kind.word)
        missing = []
        if not councillor and not roles & _COUNCILLOR_POSTS:
            missing.append("a councillor")
        missing += [label for role, label in self._DIRECTORS if role not in roles]
        if "healthwatch" not in kinds:
            missing.append("a representative of the local Healthwatch")
        if "icb" not in kinds:
            missing.append("a representative of the ICB")
        if not missing:
            return
        yield Finding(
            forum.span,
            f"health and wellbeing board `{forum.id}` has no member who is {_listing(missing, 'or')}",
            "Add a `seat:` for each missing member. Record the directors' posts on the people "
            "(`post: director_of_public_health at COUNCIL`), and give representatives the body they "
            "come from (`seat: NAME as voting_member for HEALTHWATCH`).",
            subjects=(forum.id,),
        )


# -- GOV001 ----------------------------------------------------------------------------------------
@register
class IcbBoardExecutivesAndNonExecutivesMissing(Rule):
    """An ICB's board lacks an executive member for finance, medical or nursing, or two non-executives.

    ## What it does
    For each integrated care board named by a `system`, checks that its
    board has, as of the check date, an executive member for finance
    (`executive_finance`), a medical executive member (`executive_medical`)
    and a nursing executive member (`executive_nursing`) — or an `executive`
    seat held by someone whose post is director of finance, medical director
    or director of nursing — and at least two non-executive members besides
    the chair (`non_executive`). One finding lists everything missing.

    ## Why is this bad?
    NHS England's design framework for integrated care systems (June 2021,
    as reported by HSJ) set out that ICB boards include executive directors
    of finance, medical and nursing and at least two independent
    non-executive members besides the chair, and ICB constitutions write
    this in (for example Hertfordshire
    and West Essex ICB's constitution, §2.1.5; Health Foundation, "ICBs:
    what do they look like"). They carry the board's financial and clinical
    leadership and its independent challenge.

    ## Example
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person ann_hale "Dr Ann Hale" {}
    person priya_shah "Priya Shah" {}
    person lena_frost "Lena Frost" {}
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: ann_hale as chair and non_executive
      seat: priya_shah as executive_finance
      seat: lena_frost as non_executive
    }
    ```

    ## Use instead
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person ann_hale "Dr Ann Hale" {}
    person priya_shah "Priya Shah" {}
    person tom_reyes "Dr Tom Reyes" {}
    person grace_ibe "Grace Ibe" {}
    person lena_frost "Lena Frost" {}
    person sam_patel "Sam Patel" {}
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: ann_hale as chair
      seat: priya_shah as executive_finance
      seat: tom_reyes as executive_medical
      seat: grace_ibe as executive_nursing
      seat: lena_frost as non_executive
      seat: sam_patel as non_executive
    }
    ```
    """

    code = "GOV001"
    name = "icb-board-executives-and-non-executives-missing"
    severity = Severity.ERROR
    targets = ("organisations",)

    def check(self, icb, ctx):
        board = _board(self, icb, ctx)
        if board is None:
            return
        missing = [area for capacity, post, area in _EXECUTIVES if not self._has_executive(ctx, board, capacity, post)]
        problems = []
        if missing:
            problems.append(f"no executive member for {_listing(missing, 'or')}")
        chairs = set(board.people("chair"))
        non_executives = [p for p in board.people("non_executive") if p not in chairs]
        if len(non_executives) < 2:
            problems.append(
                "no non-executive member besides the chair" if not non_executives
                else f"only one non-executive member besides the chair ({names(non_executives)})"
            )
        if not problems:
            return
        yield Finding(
            board.forum.span,
            f"{board.words} has {_listing(problems)}",
            "Give the board executive members for finance, medical and nursing "
            "(`seat: NAME as executive_finance`, `executive_medical`, `executive_nursing`) and at least "
            "two non-executive members besides the chair (`seat: NAME as non_executive`).",
            subjects=(board.forum.id, board.icb.id),
        )

    @staticmethod
    def _has_executive(ctx, board: _Board, capacity: str, post: str) -> bool:
        for seat in board.members:
            if capacity in seat.capacities:
                return True
            if "executive" in seat.capacities:
                person = ctx.facts.person(seat.person)
                if person is not None and any(p.role == post for p in person.posts):
                    return True
        return False


# -- GOV002 and GOV003 shared ----------------------------------------------------------------------
def _missing_committee(rule: Rule, icb, ctx, role: str, label: str):
    """The finding for an ICB without a committee of a role; none while one is not set up yet."""
    index = _index(rule, ctx)
    pending, closed = index.absent(icb.id, lambda f: f.role == role)
    if pending:
        return
    board = ctx.facts.icb_board(icb.id)
    lookalikes = index.unlabelled_like(icb.id, role[:5])  # "audit", "remun"
    related = [(f.span, f"`{f.id}` has no `role`; is it the {label}?") for f in lookalikes]
    if lookalikes:
        hint = f"If `{lookalikes[0].id}` is the {label}, add `role: {role}` to it."
    else:
        parent = board.id if board is not None else icb.id
        hint = (
            f'Declare it: `committee {role} "{label.capitalize()}" {{ parent: {parent}  role: {role} ... }}`, '
            "with its terms of reference, chair, members and quorum."
        )
    related += _system_note(rule, icb, ctx)
    related += _closed_notes(closed)
    yield Finding(
        icb.span,
        f"ICB `{icb.id}` has no {label}",
        hint,
        related=_related(*related),
        subjects=(icb.id, *(f.id for f in lookalikes)),
    )


def _chair_people(forum: Forum) -> list[str]:
    return _people_with(_members(forum), "chair")


# -- GOV002 ----------------------------------------------------------------------------------------
@register
class AuditCommitteeMisconstituted(Rule):
    """An ICB has no audit committee, or its chair is not an independent non-executive with finance or audit expertise.

    ## What it does
    For each integrated care board named by a `system`, looks for its audit
    committee (a forum with `role: audit` below the ICB or its board) and
    checks who chairs it, as of the check date: an independent
    non-executive member (a `non_executive` seat on the ICB's board, or a
    person marked `independent: yes`) with `finance` or `audit` expertise,
    who is not also the chair of the ICB. A committee with no chair at all
    is left to GOV004. Being the ICB chair, when nothing else is wrong, is
    reported as a warning.

    ## Why is this bad?
    The audit committee gives the board independent assurance on risk,
    governance, internal control and the accounts. It is one of the two
    statutory committees of an ICB, with the remuneration committee, and is
    chaired by an independent non-executive member with a background in
    finance or audit (as Lincolnshire ICB sets out for its committees). That the ICB chair should not also chair it, so that the
    board's own leadership is not marking its own work, is good practice
    rather than a written requirement.

    ## Example
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person priya_shah "Priya Shah" { expertise: [finance] }
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: priya_shah as executive_finance
    }
    committee audit "Audit Committee" {
      parent: icb_board
      role: audit
      seat: priya_shah as chair
    }
    ```

    ## Use instead
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person priya_shah "Priya Shah" { expertise: [finance] }
    person lena_frost "Lena Frost" { expertise: [audit] }
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: priya_shah as executive_finance
      seat: lena_frost as non_executive
    }
    committee audit "Audit Committee" {
      parent: icb_board
      role: audit
      seat: lena_frost as chair
    }
    ```
    """

    code = "GOV002"
    name = "audit-committee-misconstituted"
    severity = Severity.ERROR
    targets = ("organisations",)

    def check(self, icb, ctx):
        index = _index(self, ctx)
        if icb.kind != "icb" or not index.described(icb):
            return
        committees = index.committees(icb.id, "audit")
        if not committees:
            yield from _missing_committee(self, icb, ctx, "audit", "audit committee")
            return
        board_forum = ctx.facts.icb_board(icb.id)
        board = _Board(icb, board_forum, tuple(_members(board_forum))) if board_forum else None
        for committee in committees:
            for person_id in _chair_people(committee):
                yield from self._judge_chair(ctx, icb, board, committee, person_id)

    @staticmethod
    def _judge_chair(ctx, icb, board: _Board | None, committee: Forum, person_id: str):
        person = ctx.facts.person(person_id)
        seat = next(s for s in committee.seats if s.person == person_id and "chair" in s.capacities)
        ned_seat = board.seat_of(person_id, "non_executive") if board else None
        icb_chair_seat = board.seat_of(person_id, "chair") if board else None
        problems, related = [], []
        if ned_seat is None and not person.independent:
            problems.append("is not an independent non-executive member")
        if not {"finance", "audit"} & set(person.expertise):
            problems.append("has no finance or audit expertise recorded")
            related.append((person.span, f"`{person_id}` is declared here"))
        serious = bool(problems)
        if icb_chair_seat is not None:
            problems.append(f"is also the chair of ICB `{icb.id}`")
            related.append((icb_chair_seat.span, f"`{person_id}` chairs the ICB board"))
        if not problems:
            return
        yield Finding(
            seat.span,
            f"audit committee `{committee.id}` is chaired by `{person_id}`, who {_listing(problems)}",
            "Have the committee chaired by a non-executive member of the ICB board (or a person marked "
            "`independent: yes`) with `expertise: [finance]` or `[audit]`, other than the ICB chair.",
            related=_related(*related),
            severity=None if serious else Severity.WARNING,
            subjects=(committee.id, person_id),
        )


# -- GOV003 ----------------------------------------------------------------------------------------
@register
class RemunerationCommitteeMisconstituted(Rule):
    """An ICB has no remuneration committee, or it is chaired or staffed against the rules.

    ## What it does
    For each integrated care board named by a `system`, looks for its
    remuneration committee (a forum with `role: remuneration` below the ICB
    or its board) and checks, as of the check date, that its chair holds a
    `non_executive` seat on the ICB's board and is neither the ICB chair nor
    the chair of its audit committee, and that none of its members is
    employed by the ICB (`employer:` the ICB, or a staff post there such as
    a director's). Participants and observers, who attend without being
    members, are not counted as members.

    ## Why is this bad?
    The remuneration committee decides the pay and terms of the ICB's
    executives. ICB constitutions have it chaired by a non-executive member
    other than the ICB chair and the audit committee chair, and exclude ICB
    employees from its membership so that nobody decides their own pay
    (for example Hertfordshire and West Essex ICB's constitution,
    §8.1.2–8.1.3; Lincolnshire ICB's description of its statutory
    committees).

    ## Example
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person sam_patel "Sam Patel" {}
    person mark_odum "Mark Odum" { employer: northmoor_icb }
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: sam_patel as non_executive
      seat: mark_odum as chief_executive
    }
    committee remuneration "Remuneration Committee" {
      parent: icb_board
      role: remuneration
      seat: sam_patel as chair
      seat: mark_odum as voting_member
    }
    ```

    ## Use instead
    ```gov
    system northmoor "Northmoor ICS" { icb: northmoor_icb }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person sam_patel "Sam Patel" {}
    person mark_odum "Mark Odum" { employer: northmoor_icb }
    board icb_board "ICB Board" {
      parent: northmoor_icb
      seat: sam_patel as non_executive
      seat: mark_odum as chief_executive
    }
    committee remuneration "Remuneration Committee" {
      parent: icb_board
      role: remuneration
      seat: sam_patel as chair
      seat: mark_odum as participant
    }
    ```
    """

    code = "GOV003"
    name = "remuneration-committee-misconstituted"
    severity = Severity.ERROR
    targets = ("organisations",)

    def check(self, icb, ctx):
        index = _index(self, ctx)
        if icb.kind != "icb":
            return
        every = index.committees(icb.id, "remuneration")
        # A panel for non-executive pay only is not the remuneration committee: its concern is that
        # no non-executive member decides their own pay (as a panel's terms say it must not).
        panels = [c for c in every if c.role_scope == "non_executive_pay"]
        committees = [c for c in every if c.role_scope != "non_executive_pay"]
        board_forum = ctx.facts.icb_board(icb.id)
        board = _Board(icb, board_forum, tuple(_members(board_forum))) if board_forum else None
        for panel in panels:
            yield from self._judge_panel(board, panel)
        if not index.described(icb):
            return
        if not committees:
            yield from _missing_committee(self, icb, ctx, "remuneration", "remuneration committee")
            return
        audit_chairs: dict[str, Seat] = {}
        for audit in index.committees(icb.id, "audit"):
            for seat in _members(audit):
                if "chair" in seat.capacities:
                    audit_chairs.setdefault(seat.person, seat)
        for committee in committees:
            for person_id in _chair_people(committee):
                yield from self._judge_chair(icb, board, committee, person_id, audit_chairs)
            staff = [s for s in _members(committee) if _employed_by(ctx, s.person, icb.id)]
            if staff:
                people = list(dict.fromkeys(s.person for s in staff))
                yield Finding(
                    staff[0].span,
                    f"{names(people)}, employed by ICB `{icb.id}`, "
                    f"{'is a member' if len(people) == 1 else 'are members'} of remuneration committee "
                    f"`{committee.id}`, which decides the pay of the ICB's staff",
                    "Remove ICB employees from the membership; if they are needed to advise the committee, "
                    "let them attend as participants (`as participant`).",
                    related=_related(*((s.span, f"`{s.person}` is a member") for s in staff[1:])),
                    subjects=(committee.id, *people),
                )

    @staticmethod
    def _judge_panel(board: "_Board | None", panel: Forum):
        """A panel for non-executive pay must not have non-executive members deciding their own pay."""
        chairs = set(board.people("chair")) if board else set()
        own = [s for s in _members(panel) if s.voting and "non_executive" in s.capacities and s.person not in chairs]
        if board is not None:
            own += [
                s
                for s in _members(panel)
                if s.voting and s not in own and s.person not in chairs and board.seat_of(s.person, "non_executive")
            ]
        if not own:
            return
        people = list(dict.fromkeys(s.person for s in own))
        yield Finding(
            own[0].span,
            f"{names(people)}, {'a non-executive member' if len(people) == 1 else 'non-executive members'} of the ICB, "
            f"{'sits' if len(people) == 1 else 'sit'} on `{panel.id}`, which decides the pay of non-executive members: "
            "no one may decide their own pay",
            "Have the panel made up of people whose pay it does not set, such as the ICB chair, the chief executive "
            "and the director responsible for people, as a remuneration panel's terms of reference usually provide.",
            related=_related(*((s.span, f"`{s.person}` is a member") for s in own[1:])),
            subjects=(panel.id, *people),
        )

    @staticmethod
    def _judge_chair(icb, board: _Board | None, committee: Forum, person_id: str, audit_chairs):
        seat = next(s for s in committee.seats if s.person == person_id and "chair" in s.capacities)
        problems, related = [], []
        if board is None or board.seat_of(person_id, "non_executive") is None:
            problems.append("is not a non-executive member of the ICB board")
        icb_chair_seat = board.seat_of(person_id, "chair") if board else None
        if icb_chair_seat is not None:
            problems.append(f"is the chair of ICB `{icb.id}`")
            related.append((icb_chair_seat.span, f"`{person_id}` chairs the ICB board"))
        if person_id in audit_chairs:
            problems.append(f"chairs the audit committee `{audit_chairs[person_id].forum}`")
            related.append((audit_chairs[person_id].span, f"`{person_id}` chairs the audit committee"))
        if not problems:
            return
        yield Finding(
            seat.span,
            f"remuneration committee `{committee.id}` is chaired by `{person_id}`, who {_listing(problems)}",
            "Have it chaired by another non-executive member of the ICB board: not the ICB chair and not "
            "the audit committee chair.",
            related=_related(*related),
            subjects=(committee.id, person_id),
        )


# -- GOV004 ----------------------------------------------------------------------------------------
@register
class CommitteeBasicsMissing(Rule):
    """A board or committee has no terms of reference, chair, members or quorum.

    ## What it does
    Checks that every committee, sub-committee, joint committee and
    committees in common declares terms of reference (`terms:`), a chair, its
    members (`seat:`) and a quorum (`quorum:`), as of the check date, and
    that every board declares a chair, members and a quorum (a board's remit
    is set by its organisation's constitution and standing orders, so terms
    of reference are not asked of it). One finding lists everything
    missing. A forum declared with none of these (only named, for example as
    the recipient of a delegation) is judged only when it belongs to an ICB
    named by a `system`; elsewhere it is taken to be described in another
    model.

    ## Why is this bad?
    A committee may exercise only what its terms of reference and the
    scheme of reservation and delegation give it, as ICB governance
    documents set out (South West London ICB's board pages; the Nottingham
    and Nottinghamshire and West Yorkshire governance handbooks). Without terms of reference nobody can tell what it may
    decide; without a chair, members and a quorum nobody can tell whether a
    meeting was entitled to decide at all. Declaring all four is good
    practice that standing orders expect of every committee.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person lena_frost "Lena Frost" {}
    committee quality "Quality Committee" {
      parent: northmoor_icb
      seat: lena_frost as voting_member
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person lena_frost "Lena Frost" {}
    person tom_reyes "Dr Tom Reyes" {}
    committee quality "Quality Committee" {
      parent: northmoor_icb
      terms: { purpose: "Assures the board on the quality of services" }
      quorum: 2
      seat: lena_frost as chair
      seat: tom_reyes as voting_member
    }
    ```
    """

    code = "GOV004"
    name = "committee-basics-missing"
    severity = Severity.ERROR
    targets = ("forums",)

    def check(self, forum, ctx):
        kind = v.FORUM_KINDS.get(forum.kind)
        if kind is None or not (kind.committee_like or kind.governing_body):
            return
        if not self._described(forum, ctx) or not_yet_set_up(ctx, forum):
            return
        missing, hints = [], []
        if forum.terms is None and kind.committee_like:
            missing.append("no terms of reference")
            hints.append('`terms: { purpose: "..." }`')
        if not forum.seats:
            missing.append("no members")
            hints.append("a `seat:` for each member, one of them `as chair`")
        elif not _people_with(forum.seats, "chair"):
            missing.append("no chair")
            hints.append("`as chair` on the seat of the member who chairs it")
        if ctx.facts.procedures.quorum(forum) is None:  # its own, or from standing orders
            missing.append("no quorum")
            hints.append("`quorum: N` (the number of members who must be present)")
        if not missing:
            return
        yield Finding(
            forum.span,
            f"{described(forum)} has {_listing(missing)}",
            "Add " + _listing(hints) + ".",
            subjects=(forum.id,),
        )

    def _described(self, forum: Forum, ctx) -> bool:
        if forum.terms is not None or forum.quorum is not None:
            return True
        history = ctx.history.entity(forum.id)
        if isinstance(history, Forum) and history.seats:
            return True
        described = ctx.facts.systems_of_icb
        return any(o in described for o in ctx.facts.organisations_of(forum.id))


# -- GOV005 ----------------------------------------------------------------------------------------
def _one_seat_per_person(seats) -> list[Seat]:
    """Seats merged per person (someone with two seats counts once, with every capacity)."""
    merged: dict[str, Seat] = {}
    for seat in seats:
        if seat.person in merged:
            first = merged[seat.person]
            capacities = tuple(dict.fromkeys(first.capacities + seat.capacities))
            merged[seat.person] = attrs.evolve(first, capacities=capacities, voting=first.voting or seat.voting)
        else:
            merged[seat.person] = seat
    return list(merged.values())


@register
class QuorumUnreachable(Rule):
    """A forum's quorum cannot be met even with every voting member present.

    ## What it does
    Compares each forum's quorum with its voting members as of the check
    date: the number of members needed, and each requirement such as
    `1 clinician` or `chair or vice_chair`. It reports the quorum when it
    could not be met even if every voting member came. Participants and
    observers do not count; requirements that name them are left to GOV006,
    and a forum with no members at all to GOV004.

    ## Why is this bad?
    Under standing orders, a meeting that is not quorate cannot take
    decisions. A quorum that the current membership cannot reach means no
    decision the forum takes is valid, usually because members have left,
    or the quorum was copied from another committee. This is plain
    arithmetic on the model, not a requirement of any one source.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person sam_patel "Sam Patel" {}
    person lena_frost "Lena Frost" {}
    committee finance "Finance Committee" {
      parent: northmoor_icb
      quorum: 3 including [1 clinician]
      seat: sam_patel as chair
      seat: lena_frost as voting_member
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person sam_patel "Sam Patel" {}
    person lena_frost "Lena Frost" {}
    person tom_reyes "Dr Tom Reyes" { expertise: [medical] }
    committee finance "Finance Committee" {
      parent: northmoor_icb
      quorum: 3 including [1 clinician]
      seat: sam_patel as chair
      seat: lena_frost as voting_member
      seat: tom_reyes as voting_member
    }
    ```
    """

    code = "GOV005"
    name = "quorum-unreachable"
    severity = Severity.ERROR
    targets = ("forums",)

    def check(self, forum, ctx):
        sourced = ctx.facts.procedures.of(forum).quorum
        if sourced.value is None or not forum.seats or not_yet_set_up(ctx, forum):
            return
        requirements = []
        for requirement in sourced.value.requirements:
            voting = tuple(q for q in requirement.alternatives if q not in v.NON_VOTING_CAPACITIES)
            if voting:
                requirements.append(attrs.evolve(requirement, alternatives=voting))
        quorum = attrs.evolve(sourced.value, requirements=tuple(requirements))
        shortfalls = ctx.facts.quorum_shortfalls(_one_seat_per_person(forum.seats), quorum)
        if not shortfalls:
            return
        if sourced.inherited:
            # Reported at the forum: the standing orders suit the other forums that follow them.
            yield Finding(
                forum.span,
                f"the quorum {described(forum)} inherits from the standing orders of `{sourced.source}` "
                "cannot be met even with every voting member present: " + "; ".join(shortfalls),
                "Give this forum its own quorum in its terms of reference (`quorum: ...`), or appoint the "
                "voting members the standing orders' quorum needs.",
                related=_related((sourced.value.span, f"the standing orders of `{sourced.source}` set the quorum here")),
                subjects=(forum.id, sourced.source),
            )
            return
        yield Finding(
            forum.quorum.span or forum.span,
            f"the quorum of {described(forum)} cannot be met even with every voting member present: "
            + "; ".join(shortfalls),
            "Appoint the voting members the quorum needs, or change the quorum in the terms of reference.",
            related=_related((forum.span, f"`{forum.id}` is declared here")),
            subjects=(forum.id,),
        )


# -- GOV006 ----------------------------------------------------------------------------------------
@register
class NonVotingMemberCountedInQuorum(Rule):
    """A quorum counts participants or observers, who do not vote.

    ## What it does
    Reports each quorum requirement that names a non-voting capacity
    (`participant` or `observer`), such as
    `quorum: 4 including [1 participant]`.

    ## Why is this bad?
    Participants and observers attend without a vote (Lancashire and South
    Cumbria ICB, for example, makes its board participants non-voting; the
    Health Foundation's review of ICB boards describes the same pattern). A
    meeting made quorate by people who cannot vote can be left with too few
    voting members to decide, and its decisions can be challenged.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    committee quality "Quality Committee" {
      parent: northmoor_icb
      quorum: 3 including [1 participant]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    committee quality "Quality Committee" {
      parent: northmoor_icb
      quorum: 3 including [1 clinician]
    }
    ```
    """

    code = "GOV006"
    name = "non-voting-member-counted-in-quorum"
    severity = Severity.ERROR
    targets = ("forums",)

    _PLURALS = {"participant": "participants", "observer": "observers"}

    def check(self, forum, ctx):
        quorums = [q for q in (forum.quorum, forum.standing_orders.quorum if forum.standing_orders else None) if q]
        for quorum in quorums:
            yield from self._check(forum, quorum)

    def _check(self, forum, quorum):
        for requirement in quorum.requirements:
            named = [q for q in requirement.alternatives if q in v.NON_VOTING_CAPACITIES]
            if not named:
                continue
            words = _listing([self._PLURALS[q] for q in named], "or")
            yield Finding(
                requirement.span or quorum.span or forum.span,
                f"the quorum of {described(forum)} counts {words}, who do not vote",
                "Count only voting members towards the quorum: name a voting capacity or quality instead "
                "(such as `non_executive` or `clinician`), or remove this requirement.",
                subjects=(forum.id,),
            )
