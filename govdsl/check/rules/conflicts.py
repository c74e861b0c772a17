"""Conflicts of interest: registers, late declarations, and who took part in which decision.

The rules here read people's declared interests (`interest:`), nil returns
(`no_interests:`), posts and employers, the seats they hold and the decisions
forums take (`decision`). A decision is judged on its own date: the seats,
interests and posts in force that day, from the full history; a decision
without a date is judged on the check date.

What a conflicted member should do follows the interest's management action
(vocabulary.MANAGEMENT_ACTIONS). Members whose interest is managed by
`declare_and_participate` (or `withhold_papers`) may stay for the item; every
other conflicted member (no action recorded, `none`, or an action that excludes
them) should step out and be listed under the decision's `excluded:`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from govdsl.analysis.wording import described, names
from govdsl.check.registry import Finding, Rule, register
from govdsl.diagnostics import Fix, Related, Severity
from govdsl.model import vocabulary as v
from govdsl.model.types import Decision, Forum, Interest, Person, Seat


# Management actions under which a member with an interest may stay for the item.
STAYING_ACTIONS = frozenset({"declare_and_participate", "withhold_papers"})


# -- wording -------------------------------------------------------------------------------
def _type_words(interest: Interest) -> str:
    kind = v.INTEREST_TYPES.get(interest.type)
    return kind.label if kind else interest.type


def _interest_words(interest: Interest) -> str:
    label = _type_words(interest)
    what = f"`{interest.organisation}`" if interest.organisation else f'"{interest.matter or ""}"'
    return f"{label} interest in {what}"


def _action_words(action: str) -> str:
    term = v.MANAGEMENT_ACTIONS.get(action)
    return term.label if term else action


def _related(*pairs) -> tuple[Related, ...]:
    """Related locations, leaving out any without a span and any repeated."""
    out, seen = [], set()
    for span, note in pairs:
        if span is None or (span, note) in seen:
            continue
        seen.add((span, note))
        out.append(Related(span, note))
    return tuple(out)


# -- shared reading of decisions -----------------------------------------------------------
def _decision_date(decision: Decision, ctx) -> dt.date:
    return decision.date or ctx.as_of


def _voting_seats(ctx, forum_id: str, on: dt.date) -> list[Seat]:
    """The voting seats of a forum on a date, one per person."""
    seats, seen = [], set()
    for seat in ctx.facts.seats_on(forum_id, on):
        if seat.voting and seat.person not in seen:
            seen.add(seat.person)
            seats.append(seat)
    return seats


def _own_organisations(ctx, forum: Forum) -> set[str]:
    """The organisations a forum belongs to or whose bodies take part in it.

    Working for one of these is not a conflict on that forum: an ICB
    executive on the ICB board, a council officer on a joint committee of the
    ICB and that council.
    """
    own = set(ctx.facts.organisations_of(forum.id)) | set(forum.partners)
    return set().union(*(_family(ctx, o) for o in own)) if own else own


def _family(ctx, organisation: str) -> set[str]:
    """An organisation and those it is part of (an NHS England region and NHS England)."""
    found = set()
    while organisation and organisation not in found:
        found.add(organisation)
        parent = ctx.facts.organisation(organisation)
        organisation = parent.part_of if parent is not None else None
    return found


def _speaks_for(ctx, seat, organisation: str) -> bool:
    """A seat held to represent the organisation (the ICB's member of a health and wellbeing board).

    Partner members are the exception: they are nominated by their sector but
    sit for the whole system, "not as delegates", so their own organisation's
    interest still has to be declared.
    """
    if set(seat.capacities) & v.PARTNER_CAPACITIES:
        return False
    family = _family(ctx, organisation)
    return any(body and (family & _family(ctx, body)) for body in (seat.representing, seat.nominated_by))


def _history_person(ctx, person_id: str) -> Person | None:
    entity = ctx.history.entity(person_id) if person_id else None
    return entity if isinstance(entity, Person) else None


def _implied_organisations(person: Person) -> dict[str, list]:
    """Organisations a person has a stake in through a post or employment, with the post lines."""
    implied: dict[str, list] = {}
    for post in person.posts:
        if post.organisation and post.role in v.INTEREST_BEARING_POSTS:
            implied.setdefault(post.organisation, []).append(post)
    for employer in person.employers:
        implied.setdefault(employer, [])
    return implied


def _post_words(organisation: str, posts: list) -> str:
    """`chief executive at `trust``, or `employed by `trust`` for an employer with no post there."""
    if posts:
        post = posts[0]
        term = v.POST_ROLES.get(post.role)
        role = post.title or (term.label if term else post.role)
        return f"{role} at `{organisation}`"
    return f"employed by `{organisation}`"


def _steps_out(ctx, seat: Seat, forum: Forum | None, affected: set[str], on: dt.date):
    """Why a voting member should leave an item affecting `affected`, or None.

    They leave if they have a declared interest in an affected organisation
    not managed by an action that lets them stay, or a post at (or employment
    by) an affected organisation that is not the forum's own and that they
    have not declared with such an action.
    """
    declared: dict[str, list[Interest]] = defaultdict(list)
    for interest in ctx.facts.interests_on(seat.person, on):
        if interest.organisation in affected:
            declared[interest.organisation].append(interest)
    for interests in declared.values():
        for interest in interests:
            if interest.action not in STAYING_ACTIONS:
                return _interest_words(interest), interest.span
    own = _own_organisations(ctx, forum)
    person = ctx.facts.person_on(seat.person, on)  # the posts they held that day
    for organisation, posts in _implied_organisations(person).items():
        if organisation in affected and organisation not in own and organisation not in declared:
            return _post_words(organisation, posts), posts[0].span if posts else person.span
    return None


def _declare(person: str, organisation: str, on: dt.date) -> Fix:
    """The mechanical start of a missing declaration, for an editor to complete."""
    return Fix(
        f"Declare an interest of `{person}` in `{organisation}`",
        add_attribute=(person, f"interest: non_financial_professional in {organisation} declared {on.isoformat()}"),
    )


# -- COI001 ------------------------------------------------------------------------------------
@register
class MemberWithoutRegisterEntry(Rule):
    """A voting member of a deciding forum has no entry in the register of interests.

    ## What it does
    Finds people with a voting seat on a board, committee, sub-committee,
    joint committee or committees in common (or on any other forum that
    receives a delegation or takes decisions) who have declared no interest
    and made no nil return (`no_interests: DATE`) by the check date. It
    reports each person once, with their seats.

    ## Why is this bad?
    Integrated care boards inherited the duty of clinical commissioning
    groups to keep registers of the interests of their board, committee and
    sub-committee members and employees, and to publish them (Government
    answer to a parliamentary question, 1 December 2021; the CCG duty was in
    s.140 of the NHS Act 2006). A member with no entry has either not been
    asked or has not answered, so nobody can tell whether they are
    conflicted when the forum decides. A nil return shows the question was
    asked and answered.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person karen_blythe "Karen Blythe" {}
    committee finance "Finance Committee" {
      parent: northmoor_icb
      seat: karen_blythe as chair
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person karen_blythe "Karen Blythe" {
      no_interests: 2024-04-01
    }
    committee finance "Finance Committee" {
      parent: northmoor_icb
      seat: karen_blythe as chair
    }
    ```
    """

    code = "COI001"
    name = "member-without-register-entry"
    severity = Severity.ERROR
    targets = ("model",)

    def check(self, model, ctx):
        deciding = {f.id for f in model.forums if v.FORUM_KINDS[f.kind].decides}
        deciding |= {d.delegate for d in model.delegations if d.delegate}
        deciding |= {d.forum for d in model.decisions if d.forum}
        for person in model.people:
            seats = [
                s for s in ctx.facts.seats_of.get(person.id, []) if s.voting and s.forum in deciding
            ]
            if not seats or self._has_entry(ctx, person):
                continue
            forums = []
            for seat in seats:
                words = described(ctx.facts.forum(seat.forum))
                if words not in forums:
                    forums.append(words)
            where = forums[0] if len(forums) == 1 else ", ".join(forums[:-1]) + " and " + forums[-1]
            yield Finding(
                person.span,
                f"`{person.id}` has a voting seat on {where} but no entry in the register of interests",
                f"Record each of their interests on `{person.id}` "
                "(`interest: financial in ORGANISATION from DATE declared DATE`), "
                "or, if they have none, a nil return (`no_interests: DATE`).",
                related=_related(*((s.span, f"voting seat on {described(ctx.facts.forum(s.forum))}")
                                   for s in seats)),
                subjects=(person.id, *dict.fromkeys(s.forum for s in seats)),
                fix=Fix(
                    f"Record a nil return for `{person.id}`",
                    add_attribute=(person.id, f"no_interests: {ctx.as_of.isoformat()}"),
                ),
            )

    @staticmethod
    def _has_entry(ctx, person: Person) -> bool:
        if person.nil_return is not None and person.nil_return <= ctx.as_of:
            return True
        history = _history_person(ctx, person.id) or person
        return any(i.declared is None or i.declared <= ctx.as_of for i in history.interests)


# -- COI002 ------------------------------------------------------------------------------------
@register
class LateDeclaration(Rule):
    """An interest was declared more than 28 days after it arose.

    ## What it does
    Compares each interest's `declared` date with the date the duty to
    declare it arose, and reports a declaration more than 28 days later.
    The duty arises when the interest begins (its `from` date) or, for an
    interest the person already had, when they joined: the `from` date of
    their first seat, or, when no seat of theirs has a `from` date, their
    first entry in the register (their earliest declaration or nil
    return). So an interest held for years and declared on appointment is
    not late, but one left out of that first declaration is. Interests
    without a `from` or `declared` date are not judged. The period can be
    set in `govdsl.toml` under `[thresholds]` as `declaration_days`.

    ## Why is this bad?
    An interest that is not yet on the register cannot be managed: the
    member may take part in decisions it touches with nobody aware of it.
    Declaring within 28 days is the standard in NHS conflicts-of-interest
    policies; ICB policies (Mid and South Essex ICB's, for example) ask for
    declarations within 28 days of an interest arising. The period is set
    by local policy, so treat it as good practice rather than statute.

    ## Example
    ```gov
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    person priya_shah "Priya Shah" {
      no_interests: 2023-04-01
      interest: indirect in northmoor_hospitals from 2024-01-15 declared 2024-06-01 action declare_and_participate
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    person priya_shah "Priya Shah" {
      no_interests: 2023-04-01
      interest: indirect in northmoor_hospitals from 2024-01-15 declared 2024-02-01 action declare_and_participate
    }
    ```
    """

    code = "COI002"
    name = "late-declaration"
    severity = Severity.WARNING
    targets = ("model",)

    def check(self, model, ctx):
        days = ctx.thresholds.declaration_days
        joined: dict[str, dt.date] = {}  # each person's first seat with a date, from the full history
        for forum in ctx.history.forums:
            for seat in forum.seats:
                if seat.start is not None and (seat.person not in joined or seat.start < joined[seat.person]):
                    joined[seat.person] = seat.start
        for person in model.people:
            if not person.interests:
                continue
            if person.id in joined:
                entered, how = joined[person.id], "they took up their first seat"
            else:
                entered, how = self._first_entry(_history_person(ctx, person.id) or person), "their first declaration"
            for interest in person.interests:
                finding = self._judge(person, interest, entered, how, days)
                if finding:
                    yield finding

    @staticmethod
    def _first_entry(person: Person) -> dt.date | None:
        dates = [i.declared for i in person.interests if i.declared is not None]
        if person.nil_return is not None:
            dates.append(person.nil_return)
        return min(dates) if dates else None

    @staticmethod
    def _judge(person: Person, interest: Interest, entered: dt.date | None, how: str, days: int) -> Finding | None:
        if interest.start is None or interest.declared is None:
            return None
        arose = max(interest.start, entered) if entered is not None else interest.start
        late_by = (interest.declared - arose).days
        if late_by <= days:
            return None
        since = f"it began on {interest.start.isoformat()}" if arose == interest.start else f"{how} on {arose.isoformat()}"
        return Finding(
            interest.span,
            f"`{person.id}` declared their {_interest_words(interest)} on "
            f"{interest.declared.isoformat()}, {late_by} days after {since}; "
            f"declarations are due within {days} days",
            "If the dates are right, record the late declaration as a breach of the "
            "conflicts-of-interest policy; otherwise correct the interest's `from` or `declared` date "
            "(or give the person's seat the date they joined).",
            subjects=(person.id, *filter(None, (interest.organisation,))),
        )


# -- COI003 ------------------------------------------------------------------------------------
@register
class ConflictedParticipation(Rule):
    """A member took part in a decision affecting an organisation they have an unmanaged interest in.

    ## What it does
    For each decision, looks at the voting members of the deciding forum on
    the decision's date and at the interests they had declared in force
    that day. A member who is not listed under the decision's `excluded:`
    and has an interest in an organisation the decision `affects` is
    reported when:

    - no management action is recorded on the interest (or it is `none`);
    - the agreed action excludes them (`exclude_from_vote`,
      `exclude_from_decision`, `exclude_from_discussion_and_decision`) but
      they are not listed as excluded: the agreed action was not followed;
    - or the interest was declared only after the decision, so it could not
      be managed at the time.

    Interests managed by `declare_and_participate` or `withhold_papers`
    are accepted. Posts and employment that were never declared are
    reported by COI006, and partner members deciding on their own
    organisation by COI005.

    ## Why is this bad?
    NHS England's guidance "Managing conflicts of interest in the NHS"
    recognises four kinds of interest, all of which must be managed:
    financial, non-financial professional, non-financial personal, and
    indirect (the interests of close family and associates). ICB policies
    (North Central London ICB's, for example) set out how a conflict is
    managed in the meeting itself: the member declares it and, as agreed,
    leaves the discussion, the vote or both, and the minutes record it. A
    decision taken with an unmanaged conflict in the room can be challenged
    and loses public trust.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation moorside_pcn "Moorside PCN" { kind: primary_care_network }
    person jo_kent "Dr Jo Kent" {
      interest: financial in moorside_pcn from 2015-04-01 declared 2022-07-01
    }
    committee pcc "Primary Care Commissioning Committee" {
      parent: northmoor_icb
      seat: jo_kent as chair
    }
    decision pcn_allocation "PCN development funding" {
      forum: pcc
      date: 2025-06-12
      affects: [moorside_pcn]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation moorside_pcn "Moorside PCN" { kind: primary_care_network }
    person jo_kent "Dr Jo Kent" {
      interest: financial in moorside_pcn from 2015-04-01 declared 2022-07-01 action exclude_from_decision
    }
    committee pcc "Primary Care Commissioning Committee" {
      parent: northmoor_icb
      seat: jo_kent as chair
    }
    decision pcn_allocation "PCN development funding" {
      forum: pcc
      date: 2025-06-12
      affects: [moorside_pcn]
      excluded: [jo_kent]
    }
    ```
    """

    code = "COI003"
    name = "conflicted-participation"
    severity = Severity.ERROR
    targets = ("decisions",)

    def check(self, decision, ctx):
        affected = set(decision.affects)
        if not affected or not decision.forum:
            return
        forum = ctx.facts.forum(decision.forum)
        on = _decision_date(decision, ctx)
        excluded = set(decision.excluded)
        where = described(forum)
        for seat in _voting_seats(ctx, decision.forum, on):
            if seat.person in excluded:
                continue
            for interest in ctx.facts.interests_on(seat.person, on):
                if interest.organisation not in affected:
                    continue
                problem = self._problem(seat.person, interest, on)
                if problem is None:
                    continue
                why, hint = problem
                yield Finding(
                    decision.span,
                    f"`{seat.person}` takes part in decision `{decision.id}` of {where}, which affects "
                    f"`{interest.organisation}`, although {why}",
                    hint,
                    related=_related(
                        (interest.span, f"`{seat.person}`'s interest is declared here"),
                        (seat.span, f"`{seat.person}`'s voting seat"),
                    ),
                    subjects=(seat.person, decision.id, decision.forum, interest.organisation),
                )

    @staticmethod
    def _problem(person: str, interest: Interest, on: dt.date):
        what = _type_words(interest)
        step_out = f"if `{person}` stepped out, list them under `excluded:` on the decision"
        if interest.action in v.EXCLUDING_ACTIONS:
            return (
                f"the agreed action on their {what} interest in it is to exclude them"
                f"{_action_words(interest.action).removeprefix('exclude')}; the agreed action was not followed",
                f"If `{person}` stepped out, list them under `excluded:` on the decision. If they did not, "
                "record the breach and consider whether the decision should be taken again.",
            )
        if interest.action is None or interest.action == "none":
            recorded = (
                "no action to manage it is recorded"
                if interest.action is None
                else "the recorded action is that none is needed"
            )
            return (
                f"they have a {what} interest in it and {recorded}",
                "Agree how the conflict is managed and record it on the interest "
                f"(for example `action: exclude_from_decision`); {step_out}.",
            )
        if interest.declared is not None and interest.declared > on:
            return (
                f"their {what} interest in it was declared only on {interest.declared.isoformat()}, "
                "after the decision, so it was not managed at the time",
                "Check the dates. If the interest was not known at the meeting, record the breach "
                "and consider whether the decision should be reviewed.",
            )
        return None


# -- COI004 ------------------------------------------------------------------------------------
@register
class InquorateAfterExclusion(Rule):
    """A forum cannot be quorate for a decision once its conflicted members step out.

    ## What it does
    For each decision of a forum with a quorum, takes the voting members on
    the decision's date and leaves out those who step out or should: the
    people listed under `excluded:`, members with an interest in an affected
    organisation (unless it is managed by `declare_and_participate` or
    `withhold_papers`), and members who hold a post at, or work for, an
    affected organisation other than the forum's own without having
    declared it. Posts count when they are held on the decision's date,
    for stepping out as for the quorum (a clinician by post). If the
    members who remain cannot meet the quorum (its number, and each
    requirement such as "1 clinician"), the decision is reported. A forum that is not quorate even with everyone present is
    left to the quorum rules.

    ## Why is this bad?
    A decision taken without a quorum may be invalid. Conflicts of interest
    are built into integrated care: research on ICSs found that removing
    the conflicted party "was insufficient as everyone was an interested
    party". It is good practice, and usual in standing orders, that members
    who step out for a conflict do not count towards the quorum, and that
    the forum then escalates the decision to its parent body, defers it, or
    co-opts members as the standing orders allow. Knowing this before the
    meeting lets the secretary plan for it.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation moorside_pcn "Moorside PCN" { kind: primary_care_network }
    person jo_kent "Dr Jo Kent" {
      interest: financial in moorside_pcn from 2015-04-01 declared 2022-07-01 action exclude_from_decision
    }
    person sam_patel "Sam Patel" { no_interests: 2024-04-01 }
    committee pcc "Primary Care Commissioning Committee" {
      parent: northmoor_icb
      quorum: 2
      seat: sam_patel as chair
      seat: jo_kent as voting_member
    }
    decision pcn_allocation "PCN development funding" {
      forum: pcc
      date: 2025-06-12
      affects: [moorside_pcn]
      excluded: [jo_kent]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation moorside_pcn "Moorside PCN" { kind: primary_care_network }
    person jo_kent "Dr Jo Kent" {
      interest: financial in moorside_pcn from 2015-04-01 declared 2022-07-01 action exclude_from_decision
    }
    person sam_patel "Sam Patel" { no_interests: 2024-04-01 }
    person lena_frost "Lena Frost" { no_interests: 2024-04-01 }
    committee pcc "Primary Care Commissioning Committee" {
      parent: northmoor_icb
      quorum: 2
      seat: sam_patel as chair
      seat: lena_frost as voting_member
      seat: jo_kent as voting_member
    }
    decision pcn_allocation "PCN development funding" {
      forum: pcc
      date: 2025-06-12
      affects: [moorside_pcn]
      excluded: [jo_kent]
    }
    ```
    """

    code = "COI004"
    name = "inquorate-after-exclusion"
    severity = Severity.ERROR
    targets = ("decisions",)

    def check(self, decision, ctx):
        forum = ctx.facts.forum(decision.forum)
        if forum is None:
            return
        procedure = ctx.facts.procedures.of(forum)
        quorum = procedure.quorum.value
        if quorum is None or procedure.conflicted_members.value == "counted":
            return  # no quorum, or standing orders that deem members who step out present
        on = _decision_date(decision, ctx)
        seats = _voting_seats(ctx, decision.forum, on)
        if not seats or ctx.facts.quorum_shortfalls(seats, quorum, on):
            return
        affected = set(decision.affects)
        excluded = set(decision.excluded)
        leaving = []  # (seat, note, span of the interest or post)
        for seat in seats:
            if seat.person in excluded:
                leaving.append((seat, "is listed as excluded", None))
            elif affected:
                why = _steps_out(ctx, seat, forum, affected, on)
                if why is not None:
                    leaving.append((seat, f"should step out: {why[0]}", why[1]))
        if not leaving:
            return
        gone = {seat.person for seat, _, _ in leaving}
        members = len([s for s in seats if s.voting])
        shortfalls = ctx.facts.quorum_shortfalls([s for s in seats if s.person not in gone], quorum, on, members)
        if not shortfalls:
            return
        parent = f"`{forum.parents[0]}`" if forum.parents else "the parent body"
        where = f"the standing orders of `{procedure.quorum.source}` set the quorum here" if procedure.quorum.inherited else "the quorum is set here"
        related = [(quorum.span, where)]
        for seat, note, span in leaving:
            related.append((seat.span, f"`{seat.person}` {note}"))
            related.append((span, f"`{seat.person}`'s interest or post"))
        yield Finding(
            decision.span,
            f"decision `{decision.id}` of {described(forum)} cannot be quorate once its "
            f"conflicted members step out ({names(dict.fromkeys(s.person for s, _, _ in leaving))}): "
            + "; ".join(shortfalls),
            self._hint(procedure, parent),
            related=_related(*related),
            subjects=(decision.id, forum.id, *dict.fromkeys(s.person for s, _, _ in leaving)),
        )


    @staticmethod
    def _hint(procedure, parent: str) -> str:
        route = procedure.if_inquorate
        said = {
            "refer_to_parent": f"The standing orders of `{route.source}` send the matter to {parent}: refer it there.",
            "co_opt": f"The standing orders of `{route.source}` let the chair co-opt members: co-opt enough members without a conflict.",
            "defer": f"The standing orders of `{route.source}` defer the matter: take it at a meeting that can be quorate.",
        }
        if route.value in said and route.source is not None:
            return said[route.value]
        if route.value in said:
            return said[route.value].replace(f"The standing orders of `{route.source}`", "The terms of reference")
        return (
            f"Escalate the decision to {parent}, defer it until enough members without a conflict "
            "can take part, or co-opt members as the standing orders allow."
        )


# -- COI005 ------------------------------------------------------------------------------------
def _with_parents(ctx, organisation: str) -> list[str]:
    """An organisation and those it is part of (a practice, its PCN), nearest first."""
    out = []
    current = organisation
    while current and current not in out:
        out.append(current)
        found = ctx.facts.organisation(current)
        current = found.part_of if found else None
    return out


@register
class StructuralConflict(Rule):
    """A partner member takes part in a decision about their own organisation.

    ## What it does
    For each decision, finds voting members sitting as partner members
    (`partner_member_trusts`, `partner_member_primary_care`,
    `partner_member_local_authority`) who are not listed under `excluded:`
    and who come from an organisation the decision `affects`: their seat
    is `for` it, they hold a post there on the decision's date (a post's
    `from` and `to` dates count) or are employed by it, or their
    organisation is part of it (a practice in an affected PCN). It reports
    them even when the interest is declared and managed by
    `declare_and_participate`, because the conflict comes from the seat
    itself.

    ## Why is this bad?
    Partner members are nominated by trusts, primary care or councils, but
    sit on the ICB board for the whole system and not as delegates of their
    organisations (the ICS design framework, as reported by HSJ in June
    2021). NHS Providers' guidance on trust partner members (2023) notes
    that their conflicts of interest are contested. When a partner member
    votes on an allocation to their own trust, practice, PCN or council the
    decision can look partial, even when the interest is on the register.
    The board should decide, and record, how such items are handled.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    person hugh_marsh "Hugh Marsh" {
      post: chief_executive at northmoor_hospitals
      interest: financial in northmoor_hospitals from 2019-01-01 declared 2022-07-01 action declare_and_participate
    }
    board icb_board "NHS Northmoor ICB Board" {
      parent: northmoor_icb
      seat: hugh_marsh as partner_member_trusts for northmoor_hospitals
    }
    decision acute_contract "Acute services contract 2025/26" {
      forum: icb_board
      date: 2025-03-27
      affects: [northmoor_hospitals]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    person hugh_marsh "Hugh Marsh" {
      post: chief_executive at northmoor_hospitals
      interest: financial in northmoor_hospitals from 2019-01-01 declared 2022-07-01 action exclude_from_decision
    }
    board icb_board "NHS Northmoor ICB Board" {
      parent: northmoor_icb
      seat: hugh_marsh as partner_member_trusts for northmoor_hospitals
    }
    decision acute_contract "Acute services contract 2025/26" {
      forum: icb_board
      date: 2025-03-27
      affects: [northmoor_hospitals]
      excluded: [hugh_marsh]
    }
    ```
    """

    code = "COI005"
    name = "structural-conflict"
    severity = Severity.WARNING
    targets = ("decisions",)

    def check(self, decision, ctx):
        affected = set(decision.affects)
        if not affected or not decision.forum:
            return
        forum = ctx.facts.forum(decision.forum)
        on = _decision_date(decision, ctx)
        excluded = set(decision.excluded)
        for seat in _voting_seats(ctx, decision.forum, on):
            if seat.person in excluded or not set(seat.capacities) & v.PARTNER_CAPACITIES:
                continue
            person = ctx.facts.person_on(seat.person, on)  # the posts they held on the decision's date
            sources = []  # (their organisation, span, note)
            if seat.representing:
                note = f"`{seat.person}` sits as a partner member for `{seat.representing}`"
                sources.append((seat.representing, seat.span, note))
            for post in person.posts:  # a seat's holder is always a declared person
                if post.organisation:
                    note = f"`{seat.person}` is {_post_words(post.organisation, [post])}"
                    sources.append((post.organisation, post.span, note))
            for employer in person.employers:
                sources.append((employer, person.span, f"`{seat.person}` is employed by `{employer}`"))
            hits: dict[str, str] = {}  # affected organisation -> their organisation
            related = []
            for own, span, note in sources:
                for organisation in _with_parents(ctx, own):
                    if organisation in affected:
                        if organisation == own or organisation not in hits:
                            hits[organisation] = own  # a direct link is named before one through `part_of`
                        related.append((span, note))
            if not hits:
                continue
            if not seat.representing or seat.representing not in hits.values():
                related.insert(0, (seat.span, f"`{seat.person}`'s seat as a partner member"))
            for interest in ctx.facts.interests_on(seat.person, on):
                if interest.organisation in hits:
                    related.append((interest.span, "the interest is declared here"))
            parts = [
                f"`{org}`" if own == org else f"`{org}` (their organisation `{own}` is part of it)"
                for org, own in hits.items()
            ]
            yield Finding(
                decision.span,
                f"partner member `{seat.person}` takes part in decision `{decision.id}` of "
                f"{described(forum)}, which affects their own organisation "
                + ", ".join(parts),
                "Partner members decide for the whole system, but a decision about their own organisation "
                f"can look partial. Have `{seat.person}` step out and list them under `excluded:`, or, if the "
                "forum agreed they should take part, record why with `# govdsl: allow COI005 because ...`.",
                related=_related(*related),
                subjects=(seat.person, decision.id, decision.forum, *hits),
            )


# -- COI006 ------------------------------------------------------------------------------------
@register
class UndeclaredImpliedInterest(Rule):
    """A member holds a post at, or works for, an organisation but has declared no interest in it.

    ## What it does
    Finds people with a seat on a forum who hold a post on the check date
    that gives them a stake in an organisation (chief executive, director,
    GP partner, trustee, employee and the like) or are employed by it, and
    who have no interest in that organisation on the register. Posts at
    the organisations the forum belongs to, or that take part in it as
    partners, are not counted: an ICB executive's job at the ICB is not a
    conflict on the ICB board.

    It is an error when the person also took part (as a voting member not
    listed under `excluded:`) in a decision affecting that organisation
    while holding the post, with no interest in it declared on the
    decision's date; otherwise it is a warning. A post that has ended by
    the check date (its `to` date has passed) is reported only for the
    decisions taken while it was held.

    ## Why is this bad?
    A post or job at an organisation is an interest in it (financial, or
    non-financial professional, in the four categories of NHS England's
    "Managing conflicts of interest in the NHS"), and must be on the
    register so that it can be managed when the forum decides something
    that affects the organisation. The classic case is a trust chief
    executive on the committee that funds the trust.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    person hugh_marsh "Hugh Marsh" {
      post: chief_executive at northmoor_hospitals
      no_interests: 2024-04-01
    }
    committee finance "Finance Committee" {
      parent: northmoor_icb
      seat: hugh_marsh as voting_member
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    person hugh_marsh "Hugh Marsh" {
      post: chief_executive at northmoor_hospitals
      interest: financial in northmoor_hospitals from 2019-01-01 declared 2022-07-01 action exclude_from_decision
    }
    committee finance "Finance Committee" {
      parent: northmoor_icb
      seat: hugh_marsh as voting_member
    }
    ```
    """

    code = "COI006"
    name = "undeclared-implied-interest"
    severity = Severity.ERROR
    targets = ("model",)

    def check(self, model, ctx):
        own_cache: dict[str, set[str]] = {}

        def own(forum_id: str) -> set[str]:
            if forum_id not in own_cache:
                own_cache[forum_id] = _own_organisations(ctx, ctx.facts.forum(forum_id))
            return own_cache[forum_id]

        took_part = self._took_part(model, ctx, own)
        for person in model.people:
            implied = _implied_organisations(person)
            seats = ctx.facts.seats_of.get(person.id, [])
            if not seats:
                continue
            declared = {i.organisation for i in person.interests if i.organisation}
            yield from self._former_posts(ctx, person, implied, declared, took_part)
            for organisation, posts in implied.items():
                if organisation in declared:
                    continue
                outside = [
                    s
                    for s in seats
                    if not (_family(ctx, organisation) & own(s.forum)) and not _speaks_for(ctx, s, organisation)
                ]
                if not outside:
                    continue
                decisions = took_part.get((person.id, organisation), [])
                forums = list(dict.fromkeys(described(ctx.facts.forum(s.forum)) for s in outside))
                where = forums[0] if len(forums) == 1 else ", ".join(forums[:-1]) + " and " + forums[-1]
                message = (
                    f"`{person.id}` is {_post_words(organisation, posts)} and sits on {where}, "
                    f"but has declared no interest in `{organisation}`"
                )
                if decisions:
                    noun = "decision" if len(decisions) == 1 else "decisions"
                    verb = "affects" if len(decisions) == 1 else "affect"
                    message += f", and took part in {noun} {names(d.id for d in decisions)}, which {verb} it"
                related = [(p.span, "another post there") for p in posts[1:]]
                related += [(s.span, f"`{person.id}`'s seat") for s in outside]
                related += [(d.span, f"`{person.id}` took part in this decision") for d in decisions]
                yield Finding(
                    posts[0].span if posts else person.span,
                    message,
                    f"Declare it on `{person.id}` (`interest: financial in {organisation} from DATE declared DATE`) "
                    "with the action agreed to manage it, for example `action: exclude_from_decision`.",
                    related=_related(*related),
                    severity=None if decisions else Severity.WARNING,
                    subjects=(person.id, organisation, *(d.id for d in decisions)),
                    fix=_declare(person.id, organisation, ctx.as_of),
                )

    @staticmethod
    def _former_posts(ctx, person: Person, implied, declared, took_part):
        """Decisions taken while holding a post that has ended by the check date, never declared.

        The post no longer puts anything on the register, but the decisions were
        taken with an undeclared stake in an organisation they affect.
        """
        for (person_id, organisation), decisions in took_part.items():
            if person_id != person.id or organisation in implied or organisation in declared:
                continue
            posts = []
            for decision in decisions:
                held = _implied_organisations(ctx.facts.person_on(person.id, _decision_date(decision, ctx)))
                posts += [p for p in held.get(organisation, []) if p not in posts]
            noun = "decision" if len(decisions) == 1 else "decisions"
            verb = "affects" if len(decisions) == 1 else "affect"
            yield Finding(
                posts[0].span if posts else person.span,
                f"`{person.id}` was {_post_words(organisation, posts)} when they took part in {noun} "
                f"{names(d.id for d in decisions)}, which {verb} it, and had declared no interest in "
                f"`{organisation}`",
                f"Record the interest on `{person.id}` with the dates it ran (`interest: financial in {organisation} "
                f"from DATE to DATE declared DATE`), and consider whether the {noun} should be reviewed.",
                related=_related(
                    *((p.span, "another post there") for p in posts[1:]),
                    *((d.span, f"`{person.id}` took part in this decision") for d in decisions),
                ),
                subjects=(person.id, organisation, *(d.id for d in decisions)),
                fix=_declare(person.id, organisation, ctx.as_of),
            )

    @staticmethod
    def _took_part(model, ctx, own) -> dict[tuple[str, str], list[Decision]]:
        """(person, organisation) -> decisions affecting it they took part in, undeclared on the day."""
        took_part: dict[tuple[str, str], list[Decision]] = defaultdict(list)
        for decision in model.decisions:
            affected = set(decision.affects) - own(decision.forum)
            if not affected:
                continue
            on = _decision_date(decision, ctx)
            excluded = set(decision.excluded)
            for seat in _voting_seats(ctx, decision.forum, on):
                if seat.person in excluded:
                    continue
                hits = affected & _implied_organisations(ctx.facts.person_on(seat.person, on)).keys()
                if not hits:
                    continue
                declared = {i.organisation for i in ctx.facts.interests_on(seat.person, on)}
                for organisation in sorted(hits - declared):
                    took_part[(seat.person, organisation)].append(decision)
        return took_part
