"""Dates: reviews that are overdue, delegations about to lapse, seats about to fall vacant, and
delegations and decisions that reach outside the life of their forum.

The rules here compare the dates in a model with the check date
(`govdsl check --as-of DATE`, today by default). They read the model as of
that date for what is in force now, and the full history for what has been
arranged to follow it: a new delegation or a successor's seat that starts
next month is not in force yet, but it answers the question "what happens
when this one ends?". How far ahead counts as soon is set in `govdsl.toml`
under `[thresholds]` as `expiry_warning_days` (90 by default).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from govdsl.analysis.wording import described
from govdsl.check.registry import Finding, Rule, register
from govdsl.analysis.dates import in_force
from govdsl.analysis.facts import parties_named
from govdsl.diagnostics import Related, Severity
from govdsl.model import vocabulary as v
from govdsl.model.types import Decision, Delegation, Forum, Seat


def _when(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def _ago(days: int) -> str:
    return "yesterday" if days == 1 else f"{days} days ago"


def _plural(forum: Forum) -> bool:
    """Committees in common are spoken of in the plural."""
    return v.FORUM_KINDS[forum.kind].plural


def _life(forum: Forum, on: dt.date) -> str | None:
    """Why a forum does not exist on a date (`closed on 2025-03-31`), or None if it does."""
    if forum.closed is not None and forum.closed < on:
        return f"closed on {forum.closed.isoformat()}"
    if forum.established is not None and forum.established > on:
        return f"{'are' if _plural(forum) else 'is'} not established until {forum.established.isoformat()}"
    return None


def _capacities(seat: Seat) -> str:
    return " and ".join(v.CAPACITIES[c].label if c in v.CAPACITIES else c for c in seat.capacities)


# -- TIME001 ---------------------------------------------------------------------------------------
@register
class ReviewDatePassed(Rule):
    """A delegation or terms of reference is past its review date, or a delegation is about to expire.

    ## What it does
    Reports each delegation in force, and each forum's terms of reference,
    whose `review` date is before the check date. It also notes (as
    information) each delegation that expires (`expires:`) within
    `expiry_warning_days` (90 days by default) of the check date, unless a
    delegation between the same parties for the same functions is recorded
    to take over the next day.

    ## Why is this bad?
    A scheme of reservation and delegation and each committee's terms of
    reference carry the date by which the body that approved them will look
    at them again; ICB governance handbooks give every entry an effective
    and a review date. A date that has passed means the review was missed
    or was never recorded, so nobody can show that the arrangement still
    fits. A delegation that lapses with nothing after it leaves decisions
    with no authority behind them. Reviewing on the dates set is good
    practice; the dates themselves are the body's own.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    committee quality "Quality Committee" {
      parent: northmoor_icb
      terms: {
        purpose: "Assures the board on the quality of services"
        review: 2025-03-31
      }
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    committee quality "Quality Committee" {
      parent: northmoor_icb
      terms: {
        purpose: "Assures the board on the quality of services"
        approved: 2026-03-26
        review: 2027-03-31
      }
    }
    ```
    """

    code = "TIME001"
    name = "review-date-passed"
    severity = Severity.WARNING
    targets = ("model",)

    def check(self, model, ctx):
        on = ctx.as_of
        for forum in model.forums:
            terms = forum.terms
            if terms is not None and terms.review is not None and terms.review < on:
                yield Finding(
                    terms.span or forum.span,
                    f"the terms of reference of {described(forum)} were due for review on "
                    f"{terms.review.isoformat()}, {_ago((on - terms.review).days)}",
                    "Review them with the body that approved them, then record the new dates in `terms:` "
                    "(`approved: DATE` and the next `review: DATE`).",
                    related=(Related(forum.span, f"`{forum.id}` is declared here"),) if terms.span else (),
                    subjects=(forum.id,),
                )
        for delegation in model.delegations:
            if delegation.review is not None and delegation.review < on:
                yield Finding(
                    delegation.span,
                    f"delegation `{delegation.id}` was due for review on {delegation.review.isoformat()}, "
                    f"{_ago((on - delegation.review).days)}",
                    "Review it with the delegator and record the next date (`review: DATE`), or end it "
                    "(`expires: DATE`).",
                    subjects=(delegation.id,),
                )
        yield from self._expiring(ctx)

    @staticmethod
    def _expiring(ctx):
        on, window = ctx.as_of, ctx.thresholds.expiry_warning_days
        by_parties: dict[tuple[str, str], list[Delegation]] = defaultdict(list)
        for delegation in ctx.history.delegations:
            by_parties[(delegation.delegator, delegation.delegate)].append(delegation)
        for delegation in ctx.history.delegations:
            end = delegation.end
            if end is None or not 0 <= (end - on).days <= window:
                continue
            next_day = end + dt.timedelta(days=1)
            successors = [
                d for d in by_parties[(delegation.delegator, delegation.delegate)]
                if d is not delegation
                and in_force(d.start, d.end, next_day)
                and (set(d.functions) & set(delegation.functions) or not delegation.functions)
            ]
            if successors:
                continue
            yield Finding(
                delegation.span,
                f"delegation `{delegation.id}` expires on {end.isoformat()}, {_when((end - on).days)}, "
                "and nothing is recorded to replace it",
                "Renew it (a new delegation from the day after, or a later `expires:` date), or plan for "
                "the functions to return to the delegator.",
                severity=Severity.INFO,
                subjects=(delegation.id, delegation.delegator, delegation.delegate),
            )


# -- TIME002 ---------------------------------------------------------------------------------------
@register
class SeatFallingVacant(Rule):
    """A seat's tenure ends soon; for a chair with no successor recorded, a warning.

    ## What it does
    Finds seats in force whose `to` date falls within `expiry_warning_days`
    (90 days by default) after the check date. A chair's seat ending with no
    other chair's seat on the same forum recorded to start by the next day
    is a warning; every other tenure ending is noted as information, once per
    person and end date however many of their seats end then (a
    non-executive's board and committee seats usually end together). A seat
    renewed for the same person (a later seat that starts by the next day) is
    not reported, and nor is a seat that ends when its forum closes (on or
    after the forum's `closed` date): there is nothing left to chair.

    ## Why is this bad?
    A forum without a chair cannot meet as its terms of reference intend,
    and appointing one takes time: an ICB's chair, for example, is appointed
    by NHS England with the approval of the Secretary of State (NHS Act 2006,
    Schedule 1B, paragraph 5). Other tenures ending soon are worth knowing
    about so that reappointments or recruitment can start in time. Planning
    for succession is good practice.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person ann_hale "Dr Ann Hale" {}
    committee quality "Quality Committee" {
      parent: northmoor_icb
      seat: ann_hale as chair from 2023-01-01 to 2027-01-31
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person ann_hale "Dr Ann Hale" {}
    committee quality "Quality Committee" {
      parent: northmoor_icb
      seat: ann_hale as chair from 2023-01-01 to 2027-01-31
      seat: ann_hale as chair from 2027-02-01 to 2030-01-31
    }
    ```
    Record the reappointment as a new seat from the next day. If someone
    else takes over, record their seat instead (`seat: rhys_cole as chair
    from 2027-02-01`); the ending is then only noted, as information.
    """

    code = "TIME002"
    name = "seat-falling-vacant"
    severity = Severity.WARNING
    targets = ("model",)

    def check(self, model, ctx):
        on, window = ctx.as_of, ctx.thresholds.expiry_warning_days
        ending: dict[tuple[str, dt.date], list[tuple[Forum, Seat]]] = defaultdict(list)
        for forum in model.forums:
            history = ctx.history.entity(forum.id)
            all_seats = history.seats if isinstance(history, Forum) else forum.seats
            for seat in forum.seats:
                if seat.end is None or not 0 <= (seat.end - on).days <= window:
                    continue
                if forum.closed is not None and seat.end >= forum.closed:
                    continue  # the forum closes with it
                next_day = seat.end + dt.timedelta(days=1)
                following = [s for s in all_seats if in_force(s.start, s.end, next_day)]
                if any(s.person == seat.person for s in following):
                    continue  # renewed
                if "chair" in seat.capacities:
                    yield self._chair(forum, seat, [s for s in following if "chair" in s.capacities], on)
                else:
                    ending[(seat.person, seat.end)].append((forum, seat))
        for (person, end), seats in ending.items():
            yield self._others(person, end, seats, on)

    @staticmethod
    def _chair(forum: Forum, seat: Seat, successors: list[Seat], on: dt.date) -> Finding:
        when = f"ends on {seat.end.isoformat()}, {_when((seat.end - on).days)}"
        if successors:
            return Finding(
                seat.span,
                f"`{seat.person}`'s tenure as chair of {described(forum)} {when}; "
                f"`{successors[0].person}` takes over",
                None,
                related=(Related(successors[0].span, "the successor's seat"),) if successors[0].span else (),
                severity=Severity.INFO,
                subjects=(seat.person, forum.id, successors[0].person),
            )
        return Finding(
            seat.span,
            f"`{seat.person}`'s tenure as chair of {described(forum)} {when}, and no successor is recorded",
            "Record the successor's seat (`seat: NAME as chair from DATE`), or extend the tenure with a "
            "later `to` date once the reappointment is agreed.",
            subjects=(seat.person, forum.id),
        )

    @staticmethod
    def _others(person: str, end: dt.date, seats: list[tuple[Forum, Seat]], on: dt.date) -> Finding:
        """One note per person and end date, however many seats end with it."""
        if len(seats) == 1:
            forum, seat = seats[0]
            where = f"{described(forum)} (as {_capacities(seat)})"
        else:
            words = [described(f) for f, _ in seats]
            where = ", ".join(words[:-1]) + " and " + words[-1]
        return Finding(
            seats[0][1].span,
            f"`{person}`'s tenure on {where} ends on {end.isoformat()}, {_when((end - on).days)}",
            "Reappoint them (a new seat from the next day) or recruit a successor in time.",
            related=tuple(
                Related(seat.span, f"`{person}`'s seat on {described(forum)} ends too")
                for forum, seat in seats[1:] if seat.span
            ),
            severity=Severity.INFO,
            subjects=(person, *dict.fromkeys(f.id for f, _ in seats)),
        )


# -- TIME003 ---------------------------------------------------------------------------------------
@register
class DelegationOutsideForumLife(Rule):
    """A delegation in force is given by, given to or reports to a forum that has closed or is not yet established.

    ## What it does
    Looks at each delegation in force on the check date and at the forums
    it names: the forum that gives it (`from`), the forum that receives it
    (`to`) and the forums it reports to (`reports_to`). A forum exists from
    its `established` date to its `closed` date, inclusive; a forum without
    them always exists. If the giver or the receiver does not exist on the
    check date the delegation is reported as an error; if a forum it only
    reports to does not, as a warning.

    ## Why is this bad?
    A scheme of reservation and delegation says who may decide what. When
    a committee is wound up or replaced, the delegations to it have to be
    ended, or made again to the forum that takes over its work; an entry
    that still points at a committee that no longer exists leaves the
    function with nobody entitled to exercise it, and decisions taken in
    the old committee's name can be challenged. A forum cannot exercise a
    delegation before it is set up either, and a delegation that reports to
    a forum that has closed has lost its line of assurance back. Keeping the
    scheme in step with the committee structure is good practice; the
    dates themselves are the body's own.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north_committee "North Place Committee" {
      parent: icb_board
      reports_to: icb_board
      established: 2022-07-01
      closed: 2025-03-31
    }
    function commissioning.north_community "Community services in North Northmoor" { held_by: northmoor_icb }
    delegation north_community_to_place "North community services to the place committee" {
      from: icb_board
      to: north_committee
      functions: [commissioning.north_community]
      reports_to: [icb_board]
      effective: 2022-07-01
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north_committee "North Place Committee" {
      parent: icb_board
      reports_to: icb_board
      established: 2022-07-01
      closed: 2025-03-31
    }
    committee north_partnership "North Place Partnership Committee" {
      parent: icb_board
      reports_to: icb_board
      established: 2025-04-01
    }
    function commissioning.north_community "Community services in North Northmoor" { held_by: northmoor_icb }
    delegation north_community_to_place "North community services to the place committee" {
      from: icb_board
      to: north_committee
      functions: [commissioning.north_community]
      reports_to: [icb_board]
      effective: 2022-07-01
      expires: 2025-03-31
    }
    delegation north_community_to_partnership "North community services to the partnership committee" {
      from: icb_board
      to: north_partnership
      functions: [commissioning.north_community]
      reports_to: [icb_board]
      effective: 2025-04-01
    }
    ```
    """

    code = "TIME003"
    name = "delegation-outside-forum-life"
    severity = Severity.ERROR
    targets = ("delegations",)

    def check(self, delegation, ctx):
        on = ctx.as_of
        for party, role in parties_named(delegation):
            forum = ctx.facts.forum(party)
            why = _life(forum, on) if forum is not None else None
            if why is None:
                continue
            closed = why.startswith("closed")
            if role == "reports_to":
                message = f"delegation `{delegation.id}` reports to the {described(forum)}, which {why}"
                hint = (
                    f"Have it report to the forum that took over from `{forum.id}`, or back to the body that "
                    "delegated (`reports_to: [...]`)."
                    if closed
                    else f"Have it report to a forum that exists now, until `{forum.id}` is established."
                )
            else:
                which = "it delegates to" if role == "receives" else "that give it" if _plural(forum) else "that gives it"
                message = (
                    f"delegation `{delegation.id}` is in force on {on.isoformat()}, but the {described(forum)} "
                    f"{which} {why}"
                )
                if closed and role == "receives":
                    hint = (
                        f"End the delegation when the forum closed (`expires: {forum.closed.isoformat()}`) and, if "
                        "another forum took over its work, delegate to that forum from the next day."
                    )
                elif closed:
                    hint = (
                        f"End the delegation when `{forum.id}` closed (`expires: {forum.closed.isoformat()}`); if "
                        "the work goes on, record the delegation again from the body that took over."
                    )
                else:
                    hint = (
                        f"Make the delegation effective from the day `{forum.id}` is established "
                        f"(`effective: {forum.established.isoformat()}`), or correct the forum's `established` date."
                    )
            yield Finding(
                delegation.span,
                message,
                hint,
                related=(Related(forum.span, f"`{forum.id}` {why}"),) if forum.span else (),
                severity=Severity.WARNING if role == "reports_to" else None,
                subjects=(delegation.id, forum.id),
            )


# -- TIME004 ---------------------------------------------------------------------------------------
@register
class DecisionOutsideForumLife(Rule):
    """A decision is dated before its forum was established or after it closed.

    ## What it does
    Compares each decision's `date` with the life of the forum that takes
    it, from the forum's `established` date to its `closed` date, inclusive.
    A decision dated outside it is reported. A decision without a date is
    judged on the check date, as the conflict-of-interest rules judge it,
    and is reported as a warning if its forum does not exist then.

    ## Why is this bad?
    A forum can decide only while it exists: before it is set up it has no
    members, terms of reference or delegated authority, and after it is
    wound up nobody can act in its name. A decision recorded outside those
    dates has the wrong date, names the wrong forum (often the committee
    that replaced it, or the one it replaced), or was taken without
    authority. In each case the record of who decided what, and when, is
    wrong, and the conflict-of-interest checks of the decision read the
    members of the wrong forum.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north_committee "North Place Committee" {
      parent: icb_board
      closed: 2025-03-31
    }
    decision north_community_contract "North community services contract" {
      forum: north_committee
      date: 2025-05-08
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north_committee "North Place Committee" {
      parent: icb_board
      closed: 2025-03-31
    }
    committee north_partnership "North Place Partnership Committee" {
      parent: icb_board
      established: 2025-04-01
    }
    decision north_community_contract "North community services contract" {
      forum: north_partnership
      date: 2025-05-08
    }
    ```
    """

    code = "TIME004"
    name = "decision-outside-forum-life"
    severity = Severity.ERROR
    targets = ("decisions",)

    def check(self, decision: Decision, ctx):
        forum = ctx.facts.forum(decision.forum)
        if forum is None:
            return
        on = decision.date or ctx.as_of
        why = _life(forum, on)
        if why is None:
            return
        if not why.startswith("closed"):  # the decision's date may be past or future: say when it began
            why = f"{'are' if _plural(forum) else 'is'} established only on {forum.established.isoformat()}"
        takes = "take" if _plural(forum) else "takes"
        if decision.date is not None:
            message = f"decision `{decision.id}` is dated {on.isoformat()}, but the {described(forum)} that {takes} it {why}"
            hint = (
                "Check the date, and whether the decision was taken by another forum (the one that took over "
                f"from `{forum.id}`, or the one it replaced); correct `date:` or `forum:`."
            )
        else:
            message = (
                f"decision `{decision.id}` has no date, and the {described(forum)} that {takes} it {why} "
                f"(the check date is {on.isoformat()})"
            )
            hint = "Give the decision its date (`date: DATE`), or name the forum that takes it now (`forum:`)."
        yield Finding(
            decision.span,
            message,
            hint,
            related=(Related(forum.span, f"`{forum.id}` {why}"),) if forum.span else (),
            severity=None if decision.date is not None else Severity.WARNING,
            subjects=(decision.id, forum.id),
        )


# -- TIME005 ---------------------------------------------------------------------------------------
def _body_life(organisation, on: dt.date) -> str | None:
    """Why an organisation does not exist on a date (`was dissolved on 2026-03-31`), or None if it does."""
    if organisation.dissolved is not None and organisation.dissolved < on:
        return f"was dissolved on {organisation.dissolved.isoformat()}"
    if organisation.established is not None and organisation.established > on:
        return f"is not established until {organisation.established.isoformat()}"
    return None


@register
class DelegationByBodyNotInBeing(Rule):
    """A delegation in force is given by, given to or reports to a body that has been dissolved or is not yet established.

    ## What it does
    Looks at each delegation in force on the check date and at the
    organisations it names, directly or through a forum of theirs: the one
    that gives it (`from`), the one that receives it (`to`) and those it
    reports to. An organisation exists from its `established` date to its
    `dissolved` date, inclusive. A giver or receiver that does not exist on
    the check date is an error, a body it only reports to a warning. When
    the body was `succeeded_by` another, the hint names the successor.

    ## Why is this bad?
    Integrated care boards are being merged: the first mergers took effect
    on 1 April 2026, when the old boards were abolished and new ones
    established (NHS Confederation, "ICB clusters and mergers"). A
    delegation still recorded as given by an ICB that no longer exists has
    no body behind it: the successor has to make it again, under its own
    scheme of reservation and delegation, or the functions are exercised
    without authority. The same holds for councils reorganised into new
    unitary authorities.

    ## Example
    ```gov
    organisation fen_icb "NHS Fen ICB" { kind: icb  dissolved: 2026-03-31  succeeded_by: fens_icb }
    organisation fens_icb "NHS Fens and Wolds ICB" { kind: icb  established: 2026-04-01 }
    organisation fen_council "Fen Council" { kind: unitary_council }
    function commissioning.community "Community services" { held_by: fen_icb }
    delegation community_to_council "Community services to the council" {
      from: fen_icb
      to: fen_council
      functions: [commissioning.community]
      basis: s75_agreement
      reports_to: [fen_icb]
      effective: 2024-04-01
    }
    ```

    ## Use instead
    ```gov
    organisation fen_icb "NHS Fen ICB" { kind: icb  dissolved: 2026-03-31  succeeded_by: fens_icb }
    organisation fens_icb "NHS Fens and Wolds ICB" { kind: icb  established: 2026-04-01 }
    organisation fen_council "Fen Council" { kind: unitary_council }
    function commissioning.community "Community services" { held_by: fens_icb }
    delegation community_to_council "Community services to the council" {
      from: fen_icb
      to: fen_council
      functions: [commissioning.community]
      basis: s75_agreement
      reports_to: [fen_icb]
      effective: 2024-04-01
      expires: 2026-03-31
    }
    delegation community_to_council_2026 "Community services to the council, from the new ICB" {
      from: fens_icb
      to: fen_council
      functions: [commissioning.community]
      basis: s75_agreement
      reports_to: [fens_icb]
      effective: 2026-04-01
    }
    ```
    """

    code = "TIME005"
    name = "delegation-by-body-not-in-being"
    severity = Severity.ERROR
    targets = ("delegations",)

    def check(self, delegation, ctx):
        on = ctx.as_of
        reported = set()
        for party, role in parties_named(delegation):
            for body_id in self._bodies(ctx, party):
                body = ctx.facts.organisation(body_id)
                why = _body_life(body, on) if body is not None else None
                if why is None or (body_id, role) in reported:
                    continue
                reported.add((body_id, role))
                through = "" if party == body_id else f" (through `{party}`)"
                successor = ctx.facts.successor(body_id) if why.startswith("was dissolved") else None
                if successor is not None:
                    hint = (
                        f"`{body_id}` was succeeded by `{successor.id}`: end this delegation on "
                        f"{body.dissolved.isoformat()} (`expires:`) and record it again with `{successor.id}` "
                        "in its place from the next day."
                    )
                elif why.startswith("was dissolved"):
                    hint = f"End the delegation when `{body_id}` was dissolved (`expires: {body.dissolved.isoformat()}`), and record who took over its functions with `succeeded_by:`."
                else:
                    hint = f"Make the delegation effective from the day `{body_id}` is established (`effective: {body.established.isoformat()}`)."
                verb = {"gives": "is given by", "receives": "is given to", "reports_to": "reports to"}[role]
                yield Finding(
                    delegation.span,
                    f"delegation `{delegation.id}` is in force on {on.isoformat()} and {verb} `{body_id}`{through}, which {why}",
                    hint,
                    related=(Related(body.span, f"`{body_id}` {why}"),) if body.span else (),
                    severity=Severity.WARNING if role == "reports_to" else None,
                    subjects=(delegation.id, body_id),
                )

    @staticmethod
    def _bodies(ctx, party: str) -> tuple[str, ...]:
        """The organisation a party is, or those a forum belongs to; a forum with one body in being is fine."""
        if ctx.facts.organisation(party) is not None:
            return (party,)
        if ctx.facts.forum(party) is not None:
            bodies = ctx.facts.organisations_of(party)
            if any(ctx.facts.organisation_in_being(b) for b in bodies):
                return ()  # a joint committee one of whose bodies still exists
            return bodies
        return ()
