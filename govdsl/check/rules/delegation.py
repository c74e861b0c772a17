"""Delegation: who may hand on which function, on what legal basis, with what line back.

The rules here read the delegations in force on the check date, the functions
they carry and the pooled funds partners run together. Chains of delegation
(NHS England to an ICB, the ICB board to a sub-system committee, that
committee to a place committee) are followed end to end once per run.
"""

from __future__ import annotations

from decimal import Decimal

from govdsl.analysis.authority import UNLIMITED
from govdsl.analysis.wording import identified, names, pounds
from govdsl.check.registry import Finding, Rule, register
from govdsl.diagnostics import Related, Severity
from govdsl.model import vocabulary as v
from govdsl.model.types import Decision, Delegation, Forum, Function

_UNLIMITED = UNLIMITED
_NHSE_KINDS = ("nhs_england", "nhs_england_region")
_JOINT_MODELS = ("joint_committee", "committees_in_common")


# -- small helpers ------------------------------------------------------------------------------


def _related(span, note):
    return (Related(span, note),) if span is not None else ()


def _kind(ctx, organisation_id) -> v.OrganisationKind | None:
    return ctx.facts.kind_of(organisation_id)


def _is_nhs_body(ctx, organisation_id) -> bool:
    kind = _kind(ctx, organisation_id)
    return bool(kind and kind.nhs_body)


def _is_council(ctx, organisation_id) -> bool:
    """A local authority (council) as s.75 and s.101 use the word."""
    kind = _kind(ctx, organisation_id)
    return bool(kind and kind.council)


def _is_local_government(ctx, organisation_id) -> bool:
    """A council or a combined authority."""
    kind = _kind(ctx, organisation_id)
    return bool(kind and (kind.council or kind.word == "combined_authority"))


def _is_nhse(ctx, organisation_id) -> bool:
    kind = _kind(ctx, organisation_id)
    return bool(kind and kind.word in _NHSE_KINDS)


def _function(ctx, function_id) -> Function | None:
    entity = ctx.model.entity(function_id)
    return entity if isinstance(entity, Function) else None


def _council_made_delegate(ctx, delegation: Delegation) -> str | None:
    """The council a delegation makes the sole delegate of NHS functions, if it does (DEL003)."""
    if delegation.basis not in (None, "s65z5_delegation"):
        return None
    delegate = delegation.delegate
    if ctx.facts.organisation(delegate):
        delegate_bodies = (delegate,)
    elif ctx.facts.forum(delegate):
        delegate_bodies = ctx.facts.organisations_of(delegate)
    else:
        return None
    if not delegate_bodies or not all(_is_local_government(ctx, o) for o in delegate_bodies):
        return None
    delegator_bodies = ctx.facts.acts_for(delegation.delegator)
    if delegator_bodies and all(_is_local_government(ctx, o) for o in delegator_bodies):
        return None  # a council arranging its own business
    return delegate_bodies[0]


# -- legal bases -------------------------------------------------------------------------------------
#
# Each check says whether a basis fits the parties of a delegation: (True, "")
# when it clearly does, (False, reason) when it clearly does not, and
# (None, "") when the model does not say enough to tell.

_Fit = tuple[bool | None, str]


def _fit_scheme(ctx, d: Delegation) -> _Fit:
    facts = ctx.facts
    if facts.organisation(d.delegate):
        return False, (
            f"{identified(ctx.model.entity(d.delegate), d.delegate)} is an organisation in its own right, "
            f"not a committee or member of staff of `{d.delegator}`"
        )
    giver, receiver = ctx.facts.acts_for(d.delegator), ctx.facts.acts_for(d.delegate)
    if not giver or not receiver:
        return None, ""
    outside = [o for o in receiver if o not in giver]
    if outside:
        return False, (
            f"`{d.delegate}` belongs to {names(outside)} as well as, or instead of, "
            f"the organisation `{d.delegator}` acts for"
        )
    return True, ""


def _fit_s65z5_delegation(ctx, d: Delegation) -> _Fit:
    giver, receiver = ctx.facts.acts_for(d.delegator), ctx.facts.acts_for(d.delegate)
    if not giver or not receiver:
        return None, ""
    others = [o for o in dict.fromkeys(giver + receiver) if not _is_nhs_body(ctx, o)]
    if others:
        return False, (
            f"{identified(ctx.model.entity(others[0]), others[0])} is not one of the NHS bodies that may delegate to each other "
            "under s.65Z5 (NHS England, an ICB, an NHS trust or an NHS foundation trust)"
        )
    return True, ""


def _fit_joint_exercise(ctx, d: Delegation) -> _Fit:
    forum = ctx.facts.forum(d.delegate)
    if forum is not None and (v.FORUM_KINDS[forum.kind].joint or forum.model in _JOINT_MODELS):
        return True, ""
    return False, (
        f"{identified(ctx.model.entity(d.delegate), d.delegate)} is not a joint committee through which bodies exercise functions together"
    )


def _fit_s75(ctx, d: Delegation) -> _Fit:
    parties = tuple(dict.fromkeys(ctx.facts.acts_for(d.delegator) + ctx.facts.acts_for(d.delegate)))
    if not parties:
        return None, ""
    nhs = any(_is_nhs_body(ctx, o) for o in parties)
    council = any(_is_council(ctx, o) for o in parties)
    if nhs and council:
        return True, ""
    missing = " and ".join(w for w, present in (("an NHS body", nhs), ("a council", council)) if not present)
    return False, (
        f"a s.75 partnership arrangement is between an NHS body and a council, "
        f"and {missing} is not among {names(parties)}"
    )


def _fit_nhse_agreement(ctx, d: Delegation) -> _Fit:
    giver, receiver = ctx.facts.acts_for(d.delegator), ctx.facts.acts_for(d.delegate)
    if not giver or not receiver:
        return None, ""
    if not any(_is_nhse(ctx, o) for o in giver):
        return False, (
            f"an NHS England delegation agreement is made by NHS England, and `{d.delegator}` is not part of NHS England"
        )

    def is_icb(o):
        return _kind(ctx, o) is not None and _kind(ctx, o).word == "icb"

    if not any(is_icb(o) for o in receiver) or not all(is_icb(o) or _is_nhse(ctx, o) for o in receiver):
        return False, (
            f"an NHS England delegation agreement is made with an ICB, "
            f"and {identified(ctx.model.entity(d.delegate), d.delegate)} is not an ICB or one of its forums"
        )
    return True, ""


def _fit_lead_provider(ctx, d: Delegation) -> _Fit:
    facts = ctx.facts
    if facts.organisation(d.delegate):
        kind = _kind(ctx, d.delegate)
        if kind and kind.provider:
            return True, ""
    forum = facts.forum(d.delegate)
    if forum is not None and forum.lead_provider:
        kind = _kind(ctx, forum.lead_provider)
        if kind and kind.provider:
            return True, ""
    return False, f"a lead-provider contract is held by a provider, and {identified(ctx.model.entity(d.delegate), d.delegate)} is not one"


def _fit_s101(ctx, d: Delegation) -> _Fit:
    giver = ctx.facts.acts_for(d.delegator)
    if not giver:
        return None, ""
    if all(_is_local_government(ctx, o) for o in giver):
        return True, ""
    return False, (
        "s.101 of the Local Government Act 1972 lets a council arrange for its functions to be exercised "
        f"by others, and `{d.delegator}` is not a council"
    )


_FITS = {
    "scheme_of_delegation": _fit_scheme,
    "nhse_delegation_agreement": _fit_nhse_agreement,
    "s65z5_joint_exercise": _fit_joint_exercise,
    "s65z5_delegation": _fit_s65z5_delegation,
    "s75_agreement": _fit_s75,
    "lead_provider_contract": _fit_lead_provider,
    "lga_s101": _fit_s101,
}


def _fitting_bases(ctx, d: Delegation) -> list[str]:
    if _fit_scheme(ctx, d)[0]:
        return ["scheme_of_delegation"]
    fitting = []
    for basis, fit in _FITS.items():
        if basis == "scheme_of_delegation" or (basis == "s65z5_delegation" and _council_made_delegate(ctx, d)):
            continue
        if fit(ctx, d)[0]:
            fitting.append(basis)
    return fitting


def _basis_hint(ctx, d: Delegation, fallback: str) -> str:
    fitting = _fitting_bases(ctx, d)
    if not fitting:
        return fallback
    choices = " or ".join(f"`basis: {b}`" for b in fitting)
    return f"For these parties the basis is usually {choices}."


# -- chains of delegation -------------------------------------------------------------------------


# -- the rules --------------------------------------------------------------------------------------


@register
class ReservedFunctionDelegated(Rule):
    """A function reserved to a board is delegated.

    ## What it does
    Reports a delegation that hands on a function marked `reserved_to` a
    board or forum: a decision that forum must take itself. Functions held by
    NHS England that the model marks as reserved are treated the same way.
    A delegation to the forum the function is reserved to is not reported.

    ## Why is this bad?
    Every scheme of reservation and delegation begins with the decisions
    reserved to the board, such as approving the constitution, the standing
    orders and the annual report and accounts, and entering into delegations
    and joint arrangements. That is how the NHS bodies whose schemes were
    reviewed for govdsl set them out (for example South West London ICB and
    Herts and West Essex ICB, and the Nottingham and Nottinghamshire and West
    Yorkshire governance handbooks). It is good practice, not a rule of law,
    but a reserved decision taken by a committee was taken without the
    authority the board kept for itself. For NHS England, some functions may
    not be delegated at all: SI 2022/642 reg 2 lists the NHS England
    functions that cannot be delegated under s.65Z5 of the NHS Act 2006.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee audit "Audit Committee" { parent: icb_board  role: audit }
    function accounts.annual "Approving the annual report and accounts" {
      held_by: northmoor_icb
      reserved_to: icb_board
    }
    delegation accounts_to_audit "Accounts to audit committee" {
      from: icb_board
      to: audit
      functions: [accounts.annual]
      basis: scheme_of_delegation
      reports_to: [icb_board]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee audit "Audit Committee" { parent: icb_board  role: audit }
    function accounts.annual "Approving the annual report and accounts" {
      held_by: northmoor_icb
      reserved_to: icb_board
    }
    function accounts.review "Reviewing the draft accounts" { held_by: northmoor_icb }
    delegation accounts_review_to_audit "Accounts review to audit committee" {
      from: icb_board
      to: audit
      functions: [accounts.review]
      basis: scheme_of_delegation
      reports_to: [icb_board]
    }
    ```
    The audit committee reviews the accounts and advises; the board approves them.
    """

    code = "DEL001"
    name = "reserved-function-delegated"
    severity = Severity.ERROR
    targets = ("delegations",)

    def check(self, delegation, ctx):
        for function_id in delegation.functions:
            function = _function(ctx, function_id)
            if function is None or not function.reserved_to or delegation.delegate == function.reserved_to:
                continue
            nhse = any(_is_nhse(ctx, o) for o in ctx.facts.acts_for(function.holder) + ctx.facts.acts_for(function.reserved_to))
            message = (
                f"`{function_id}` is reserved to `{function.reserved_to}`, which must decide it itself, "
                f"but delegation `{delegation.id}` hands it to `{delegation.delegate}`"
            )
            hint = (
                f"Take `{function_id}` out of this delegation and keep the decision with `{function.reserved_to}`; "
                "if the board has agreed to delegate it, change its scheme of reservation and delegation and remove `reserved_to`."
            )
            if nhse:
                message += (
                    "; this is an NHS England function, and SI 2022/642 reg 2 lists NHS England functions "
                    "that may not be delegated under s.65Z5"
                )
                hint = (
                    f"Take `{function_id}` out of this delegation: NHS England keeps it. "
                    "If it is not one of the functions SI 2022/642 reg 2 lists, and NHS England has agreed to delegate it, remove `reserved_to`."
                )
            yield Finding(
                delegation.span,
                message,
                hint,
                related=_related(function.span, f"`{function_id}` is reserved to `{function.reserved_to}` here"),
                subjects=(delegation.id, function_id, function.reserved_to, delegation.delegate),
            )


@register
class DelegationWithoutAssuranceLine(Rule):
    """A delegation has no reporting line back to the body that delegated.

    ## What it does
    Reports a delegation with no `reports_to`: nothing says how the receiver
    accounts to the body that delegated for what it does with the delegation.
    A `reports_to` or `assures` line from the receiving forum to the
    delegator (or to its organisation or board) counts as a line back.

    ## Why is this bad?
    Delegating a function hands over the doing, not the accountability: the
    body that delegates stays answerable for it, so it needs reports or an
    assurance framework to know how the function is being used. NHS England's
    pages on delegating primary medical, pharmaceutical, ophthalmic and
    dental functions to ICBs say NHS England keeps accountability for those
    functions. Within a body the same principle is good practice: a committee
    that exercises delegated powers reports back to the board that gave them.

    ## Example
    ```gov
    organisation nhse "NHS England" { kind: nhs_england }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    function commissioning.primary_medical "Primary medical services" { held_by: nhse }
    delegation pms_to_icb "Primary medical services to Northmoor" {
      from: nhse
      to: northmoor_icb
      functions: [commissioning.primary_medical]
      basis: nhse_delegation_agreement
    }
    ```

    ## Use instead
    ```gov
    organisation nhse "NHS England" { kind: nhs_england }
    organisation nhse_north "NHS England North" { kind: nhs_england_region  part_of: nhse }
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    function commissioning.primary_medical "Primary medical services" { held_by: nhse }
    delegation pms_to_icb "Primary medical services to Northmoor" {
      from: nhse
      to: northmoor_icb
      functions: [commissioning.primary_medical]
      basis: nhse_delegation_agreement
      reports_to: [nhse_north]
    }
    ```
    """

    code = "DEL002"
    name = "delegation-without-assurance-line"
    severity = Severity.ERROR
    targets = ("delegations",)

    def check(self, delegation, ctx):
        if delegation.reports_to or not delegation.delegator or not delegation.delegate:
            return
        if self._line_back(delegation, ctx):
            return
        yield Finding(
            delegation.span,
            f"nothing says how `{delegation.delegate}` reports back to `{delegation.delegator}` "
            f"on what it does under delegation `{delegation.id}`",
            f"Add `reports_to: [{delegation.delegator}]` to the delegation (or name the committee that "
            "assures it on the delegator's behalf).",
            subjects=(delegation.id, delegation.delegate, delegation.delegator),
        )

    def _line_back(self, delegation, ctx) -> bool:
        targets = [
            line.target for line in ctx.facts.lines_from.get(delegation.delegate, ()) if line.kind in ("reports_to", "assures")
        ]
        if not targets:
            return False
        side = {delegation.delegator, *ctx.facts.acts_for(delegation.delegator)}
        for organisation in list(side):
            side.update(f.id for f in ctx.facts.boards_of.get(organisation, ()))
        return any(t in side for t in targets)


@register
class CouncilMadeDelegate(Rule):
    """An NHS function is delegated to a council, which can only take part jointly.

    ## What it does
    Reports a delegation under s.65Z5 (or with no legal basis) whose receiver
    is a local authority or combined authority, or a forum belonging only to
    one, such as a council committee or a health and wellbeing board. With a
    council, only joint exercise (a joint committee, `basis:
    s65z5_joint_exercise`) or a s.75 partnership arrangement (`basis:
    s75_agreement`) is allowed.

    ## Why is this bad?
    Section 65Z5 of the NHS Act 2006 lets NHS England, ICBs, NHS trusts and
    foundation trusts (the "relevant bodies") delegate functions to one
    another (Capsticks' briefings on ICB delegation). Councils and combined
    authorities can take part only by exercising functions jointly with NHS
    bodies, as NHS England's guidance on delegation and joint exercise is
    generally read. An NHS body that wants a council to carry out NHS
    functions uses a s.75 partnership arrangement instead. A delegation made
    the wrong way may leave decisions taken under it without legal effect.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    board icb_board "ICB Board" { parent: northmoor_icb }
    function commissioning.community_services "Commissioning community services" { held_by: northmoor_icb }
    delegation community_to_council "Community services to the council" {
      from: icb_board
      to: northmoor_council
      functions: [commissioning.community_services]
      basis: s65z5_delegation
      reports_to: [icb_board]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    board icb_board "ICB Board" { parent: northmoor_icb }
    joint_committee community_jc "Northmoor Community Services Joint Committee" {
      parent: [icb_board, northmoor_council]
    }
    function commissioning.community_services "Commissioning community services" { held_by: northmoor_icb }
    delegation community_to_jc "Community services to the joint committee" {
      from: icb_board
      to: community_jc
      functions: [commissioning.community_services]
      basis: s65z5_joint_exercise
      reports_to: [icb_board]
    }
    ```
    """

    code = "DEL003"
    name = "council-made-delegate"
    severity = Severity.ERROR
    targets = ("delegations",)

    def check(self, delegation, ctx):
        council = _council_made_delegate(ctx, delegation)
        if council is None:
            return
        if delegation.delegate == council:
            receiver = identified(ctx.model.entity(council), council)
        else:
            receiver = f"{identified(ctx.model.entity(delegation.delegate), delegation.delegate)}, which belongs only to `{council}`,"
        how = "under s.65Z5" if delegation.basis == "s65z5_delegation" else "with no legal basis stated"
        entity = ctx.model.entity(council)
        joint = (
            f"Set up a joint committee of `{delegation.delegator}` and `{council}` and delegate to it with "
            "`basis: s65z5_joint_exercise`"
        )
        if _is_council(ctx, council):
            rule = "a council can only exercise them jointly with NHS bodies or under a s.75 agreement"
            hint = joint + ", or make a partnership arrangement with `basis: s75_agreement`."
        else:
            rule = "a combined authority can only exercise them jointly with NHS bodies"
            hint = joint + "."
        yield Finding(
            delegation.span,
            f"delegation `{delegation.id}` makes {receiver} the delegate of NHS functions {how}; {rule}",
            hint,
            related=_related(getattr(entity, "span", None), f"`{council}` is declared here"),
            subjects=(delegation.id, delegation.delegate, council),
        )


@register
class DelegationBeyondAuthority(Rule):
    """A body delegates a function it does not hold, or more money than it was given.

    ## What it does
    Follows every chain of delegation from the holder of a function (its
    `held_by`) to the end. A party holds a function if it is the holder, a
    board of the holding organisation (or the organisation of a holding
    board), or the receiver of a delegation in force from a party that holds
    it. NHS England regions count as NHS England. The rule reports:

    - a delegation from a party that does not hold the function at all;
    - a delegation whose `limit` is higher than the limit its giver has for
      the function: the holder has no limit, and a delegation without a
      `limit` passes on the limit of whoever gave it.

    The chain that sets the giver's limit is shown with the finding.
    Functions without `held_by` are not checked.

    ## Why is this bad?
    Nobody can delegate what they do not have: a committee that hands on a
    function it was never given, or a budget larger than its own, creates
    authority out of nothing, and decisions taken under it may be challenged.
    Schemes of reservation and delegation and standing financial
    instructions record each financial limit so that it can be traced back
    to the board; this check is that trace. It is good practice and follows
    from how delegation works, not from a particular statute.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north "North Sub-system Committee" { parent: icb_board  role: subsystem }
    committee north_place "North Place Committee" { parent: north  role: place }
    function commissioning.community_services "Commissioning community services" { held_by: northmoor_icb }
    delegation community_to_north "Community services to North" {
      from: icb_board
      to: north
      functions: [commissioning.community_services]
      limit: £10m
      further_delegation: yes
      basis: scheme_of_delegation
      reports_to: [icb_board]
    }
    delegation community_to_place "Community services to North place" {
      from: north
      to: north_place
      functions: [commissioning.community_services]
      limit: £20m
      basis: scheme_of_delegation
      reports_to: [north]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north "North Sub-system Committee" { parent: icb_board  role: subsystem }
    committee north_place "North Place Committee" { parent: north  role: place }
    function commissioning.community_services "Commissioning community services" { held_by: northmoor_icb }
    delegation community_to_north "Community services to North" {
      from: icb_board
      to: north
      functions: [commissioning.community_services]
      limit: £25m
      further_delegation: yes
      basis: scheme_of_delegation
      reports_to: [icb_board]
    }
    delegation community_to_place "Community services to North place" {
      from: north
      to: north_place
      functions: [commissioning.community_services]
      limit: £20m
      basis: scheme_of_delegation
      reports_to: [north]
    }
    ```
    """

    code = "DEL004"
    name = "delegation-beyond-authority"
    severity = Severity.ERROR
    targets = ("model",)

    def check(self, model, ctx):
        chains = ctx.facts.authority
        # Functions a delegation hands on without authority, grouped by how the giver got them.
        not_held: dict[tuple, tuple[Delegation, list[Delegation], list[Function]]] = {}
        for function_id, delegations in chains.by_function.items():
            best = chains.held(function_id)
            if not best:
                continue  # no holder declared: nothing to trace back to
            function = _function(ctx, function_id)
            incoming = chains.incoming(function_id)
            for d in delegations:
                if not d.delegator or not d.delegate:
                    continue
                giver = chains.canonical(d.delegator)
                if giver == chains.canonical(d.delegate):
                    continue
                if giver not in best:
                    received = incoming.get(giver, [])
                    key = (d.id, tuple(e.id for e in received))
                    not_held.setdefault(key, (d, received, []))[2].append(function)
                elif d.limit is not None and d.limit > best[giver][0]:
                    yield self._over_limit(ctx, chains, d, function, giver, best[giver][0])
        for d, received, functions in not_held.values():
            yield self._not_held(d, functions, received)
        yield from self._decisions(ctx, chains)

    def _decisions(self, ctx, chains):
        """Decisions of an amount outside the band their forum holds, naming the forum whose band covers it.

        A decision that exercises several functions (a joint committee spending a pooled budget made of
        two bodies' delegations) may commit what its limits for them add up to.
        """
        for decision in ctx.model.decisions:
            if decision.amount is None or not decision.forum:
                continue
            party = chains.canonical(decision.forum)
            held_for = [
                (f, chains.held(f), *chains.held(f)[party])
                for f in decision.functions
                if party in chains.held(f)
            ]
            if not held_for:
                continue  # not delegated to it at all: not a question of limits
            held = sum((h for _, _, h, _ in held_for), Decimal(0))
            function_id, best, _, via = held_for[0]
            floor = via.floor if via is not None and len(held_for) == 1 else None
            if decision.amount > held:
                where = f"above the {pounds(held)} `{decision.forum}` may commit"
            elif floor is not None and decision.amount < floor:
                where = f"below the band of {pounds(floor)} to {pounds(held)} given to `{decision.forum}`"
            else:
                continue
            right = self._covering(ctx, chains, best, decision.amount, function_id)
            should = f"`{right}`" if right else "nobody: no band covers it"
            yield Finding(
                decision.span,
                f"decision `{decision.id}` commits {pounds(decision.amount)} on `{function_id}`, {where}; "
                f"the scheme of delegation gives a decision of that size to {should}",
                f"Take the decision at `{right}`, or change the limits in the scheme of delegation."
                if right
                else "Add the band that covers this amount to the scheme of delegation.",
                related=_related(via.span, f"`{via.delegator}` gives `{via.delegate}` its limit here") if via else (),
                subjects=(decision.id, decision.forum, function_id) + ((right,) if right else ()),
            )

    @staticmethod
    def _covering(ctx, chains, best, amount, function_id) -> str | None:
        """The party whose band covers an amount: the smallest limit at least the amount, whose floor is not above it."""
        fits = []
        for party, (limit, d) in best.items():
            if limit < amount or (d is not None and d.floor is not None and d.floor > amount):
                continue
            if d is None:  # the holder: its board decides
                board = ctx.facts.icb_board(party)
                name = board.id if board is not None else party
            else:
                name = d.delegate
            fits.append((limit, 1 if d is None else 0, name))
        return min(fits)[2] if fits else None

    @staticmethod
    def _not_held(d, functions, received):
        holders = list(dict.fromkeys(f.holder for f in functions))
        related = [r for f in functions for r in _related(f.span, f"`{f.id}` is held by `{f.holder}`")]
        one = len(functions) == 1
        if received:
            givers = list(dict.fromkeys(e.delegator for e in received))
            how = (
                f"`{d.delegator}` received {'it' if one else 'them'} only from {names(givers)}, "
                f"which does not hold {'it' if one else 'them'} either"
            )
            for e in received:
                related.extend(_related(e.span, f"`{e.delegator}` passes it to `{e.delegate}` here without holding it"))
        else:
            how = (
                f"{'it is' if one else 'they are'} held by {names(holders)}, "
                f"and no delegation in force gives {'it' if one else 'them'} to `{d.delegator}`"
            )
        what = names(f.id for f in functions)
        return Finding(
            d.span,
            f"delegation `{d.id}` hands on {what}, which `{d.delegator}` does not hold: {how}",
            f"Have {names(holders)} (or a body {'it' if len(holders) == 1 else 'they'} delegated to) "
            f"delegate {what} to `{d.delegator}` first, or make this delegation from a body that holds "
            f"{'it' if one else 'them'}.",
            related=tuple(related),
            subjects=(d.id, d.delegator, *(f.id for f in functions)),
        )

    @staticmethod
    def _over_limit(ctx, chains, d, function, giver, held):
        related = list(_related(function.span, f"`{function.id}` is held by `{function.holder}` with no limit"))
        links = list(chains.chain(function.id, giver))
        if len(links) > 8:  # a long chain: the links that set a limit, and the last one
            links = [e for e in links[:-1] if e.limit is not None][:7] + links[-1:]
        for link in links:
            limit = pounds(link.limit) if link.limit is not None else "no limit of its own"
            related.extend(_related(link.span, f"`{link.delegator}` gives `{link.delegate}` {limit} here"))
        return Finding(
            d.span,
            f"delegation `{d.id}` lets `{d.delegate}` commit up to {pounds(d.limit)} on `{function.id}`, "
            f"more than the {pounds(held)} `{d.delegator}` itself has for it",
            f"Lower this limit to {pounds(held)} or less, or raise the limit `{d.delegator}` receives.",
            related=tuple(related),
            subjects=(d.id, d.delegate, function.id, d.delegator),
        )


@register
class JointDecisionInCommitteesInCommon(Rule):
    """Committees in common act without a delegation from each of their bodies.

    ## What it does
    Looks at each committees-in-common forum belonging to two or more bodies.
    It reports the forum when some body has not delegated to it (from the
    body itself or one of its forums), and a decision the forum takes
    without saying, with `under:`, which body's delegation it is taken under.

    ## Why is this bad?
    Committees in common are each body's own committee meeting at the same
    time and place; each committee takes its own decision for its own body.
    That is how NHS England describes them in "Working together at scale"
    (its 2021 guidance on provider collaboratives) and in its pages on
    delegating primary care functions to groups of ICBs. A committee that has
    no delegation from its body cannot decide for it, and a single "joint"
    decision binds nobody. Where one joint decision is wanted, a joint
    committee is the vehicle.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation eastvale_icb "NHS Eastvale ICB" { kind: icb }
    board northmoor_board "Northmoor ICB Board" { parent: northmoor_icb }
    board eastvale_board "Eastvale ICB Board" { parent: eastvale_icb }
    committees_in_common pod_cic "Pharmacy, Optometry and Dental Committees in Common" {
      parent: [northmoor_board, eastvale_board]
    }
    function commissioning.pod_northmoor "POD commissioning, Northmoor" { held_by: northmoor_icb }
    delegation pod_northmoor "POD to the committees in common (Northmoor)" {
      from: northmoor_board
      to: pod_cic
      functions: [commissioning.pod_northmoor]
      basis: s65z5_joint_exercise
      reports_to: [northmoor_board]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation eastvale_icb "NHS Eastvale ICB" { kind: icb }
    board northmoor_board "Northmoor ICB Board" { parent: northmoor_icb }
    board eastvale_board "Eastvale ICB Board" { parent: eastvale_icb }
    committees_in_common pod_cic "Pharmacy, Optometry and Dental Committees in Common" {
      parent: [northmoor_board, eastvale_board]
    }
    function commissioning.pod_northmoor "POD commissioning, Northmoor" { held_by: northmoor_icb }
    function commissioning.pod_eastvale "POD commissioning, Eastvale" { held_by: eastvale_icb }
    delegation pod_northmoor "POD to the committees in common (Northmoor)" {
      from: northmoor_board
      to: pod_cic
      functions: [commissioning.pod_northmoor]
      basis: s65z5_joint_exercise
      reports_to: [northmoor_board]
    }
    delegation pod_eastvale "POD to the committees in common (Eastvale)" {
      from: eastvale_board
      to: pod_cic
      functions: [commissioning.pod_eastvale]
      basis: s65z5_joint_exercise
      reports_to: [eastvale_board]
    }
    ```
    """

    code = "DEL005"
    name = "joint-decision-in-committees-in-common"
    severity = Severity.WARNING
    targets = ("forums", "decisions")

    @staticmethod
    def _bodies_of(ctx, forum: Forum | None) -> tuple[str, ...]:
        if forum is None or not v.FORUM_KINDS[forum.kind].bodies_decide_apart:
            return ()
        bodies = ctx.facts.organisations_of(forum.id)
        return bodies if len(bodies) >= 2 else ()

    def check(self, target, ctx):
        if isinstance(target, Decision):
            yield from self._decision(target, ctx)
            return
        bodies = self._bodies_of(ctx, target)
        if not bodies:
            return
        covered: set[str] = set()
        related = []
        for d in ctx.facts.delegations_to.get(target.id, ()):
            giver = ctx.facts.acts_for(d.delegator)
            if len(giver) == 1:
                covered.add(giver[0])
                related.extend(_related(d.span, f"`{giver[0]}` delegates to it here"))
        missing = [b for b in bodies if b not in covered]
        if not missing:
            return
        yield Finding(
            target.span,
            f"committees in common `{target.id}` have no delegation from {names(missing)}, "
            "so they cannot take decisions for " + ("that body" if len(missing) == 1 else "those bodies"),
            f"Add a delegation from {names(missing)} (or its board) to `{target.id}`, one per body; "
            "if the bodies want to take one joint decision, make it a joint committee instead.",
            related=tuple(related),
            subjects=(target.id, *missing),
        )

    def _decision(self, decision, ctx):
        if decision.under:
            return
        forum = ctx.facts.forum(decision.forum)
        bodies = self._bodies_of(ctx, forum)
        if not bodies:
            return
        yield Finding(
            decision.span,
            f"decision `{decision.id}` of committees in common `{forum.id}` does not say which body's delegation "
            f"it is taken under; each of {names(bodies)} takes its own decision",
            "Record one decision per body, each with `under:` that body's delegation, "
            "or use a joint committee if one joint decision is wanted.",
            related=_related(forum.span, f"`{forum.id}` is declared here"),
            subjects=(decision.id, forum.id, *bodies),
        )


@register
class S75PooledFundIncomplete(Rule):
    """A s.75 pooled fund lacks an NHS or council partner, or its agreement is incomplete.

    ## What it does
    Looks at each pooled fund made under s.75 (`basis: s75_agreement`, or a
    fund hosted by a council with an NHS contribution). It reports the fund
    if its contributors do not include at least one NHS body and at least one
    council, and if its `agreement:` does not cover all seven matters the
    written agreement must set out: aims and outcomes; contributions and how
    they may vary; the NHS and health-related functions; the persons and
    services covered; staff, goods, services and accommodation; duration,
    review and termination; management and monitoring of the fund.

    ## Why is this bad?
    A s.75 pooled fund is a partnership arrangement between NHS bodies and
    local authorities (the "partners" of reg 2 of the NHS Bodies and Local
    Authorities Partnership Arrangements Regulations 2000, SI 2000/617).
    Reg 7(3)(a)–(g) of those regulations lists what the written agreement for
    a pooled fund must set out. A fund without both kinds of partner is not a
    s.75 arrangement, and an agreement that leaves out one of the matters
    does not meet the regulations.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    pooled_fund better_care "Northmoor Better Care Fund" {
      host: northmoor_council
      basis: s75_agreement
      contribution: northmoor_icb £71m
      contribution: northmoor_council £25m
      agreement: [aims_and_outcomes, contributions, functions, persons_and_services]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    pooled_fund better_care "Northmoor Better Care Fund" {
      host: northmoor_council
      basis: s75_agreement
      contribution: northmoor_icb £71m
      contribution: northmoor_council £25m
      agreement: [aims_and_outcomes, contributions, functions, persons_and_services,
                  staff_goods_accommodation, duration_and_review, management_and_monitoring]
    }
    ```
    """

    code = "DEL006"
    name = "section-75-pooled-fund-incomplete"
    severity = Severity.ERROR
    targets = ("pooled_funds",)

    def check(self, fund, ctx):
        partners = [c.partner for c in fund.contributions]
        nhs = [p for p in partners if _is_nhs_body(ctx, p)]
        councils = [p for p in partners if _is_council(ctx, p)]
        hosted_by_council = bool(fund.host) and _is_council(ctx, fund.host)
        if fund.basis != "s75_agreement" and not (hosted_by_council and nhs):
            return
        missing = [w for w, found in (("an NHS body", nhs), ("a council", councils)) if not found]
        if missing:
            yield Finding(
                fund.span,
                f"pooled fund `{fund.id}` is a s.75 arrangement but has no contribution from "
                + " or ".join(missing),
                "A s.75 pooled fund needs at least one NHS body and one council among its partners; "
                "add the missing partner's `contribution:`, or correct `basis:` if this is not a s.75 fund.",
                related=tuple(r for c in fund.contributions for r in _related(c.span, f"`{c.partner}` contributes here")),
                subjects=(fund.id, *dict.fromkeys(partners)),
            )
        absent = [term for word, term in v.POOLED_FUND_TERMS.items() if word not in fund.agreement_terms]
        if absent:
            why = "" if fund.basis == "s75_agreement" else f" (a s.75 fund, as council `{fund.host}` hosts it with NHS money)"
            yield Finding(
                fund.span,
                f"the agreement for pooled fund `{fund.id}`{why} does not set out: " + "; ".join(t.label for t in absent),
                "When the written agreement covers them, add them to `agreement:` ("
                + ", ".join(f"`{t.word}`" for t in absent)
                + ").",
                subjects=(fund.id,),
            )


@register
class LegalBasisMissingOrUnfit(Rule):
    """A delegation has no legal basis, or one that does not fit its parties.

    ## What it does
    Reports a delegation with no `basis:` (a warning), and one whose basis
    does not fit who delegates to whom (an error):

    - `scheme_of_delegation`: to a forum or person of the delegator's own organisation;
    - `s65z5_delegation`: between NHS bodies (NHS England, ICBs, NHS trusts, foundation trusts);
    - `s65z5_joint_exercise`: to a joint committee (or committees in common);
    - `s75_agreement`: between an NHS body and a council;
    - `nhse_delegation_agreement`: from NHS England (or a region) to an ICB or its forum;
    - `lead_provider_contract`: to a provider organisation (or a forum with one as lead provider);
    - `lga_s101`: from a council.

    Where the model does not say which organisation a party belongs to, the
    fit is not judged. A delegation to a council that DEL003 reports is not
    reported again here.

    ## Why is this bad?
    A delegation is only as good as the power it is made under. A board's
    scheme of reservation and delegation reaches only its own committees and
    staff; s.65Z5 of the NHS Act 2006 covers arrangements between NHS England,
    ICBs, NHS trusts and foundation trusts; a s.75 arrangement is between NHS
    bodies and councils (SI 2000/617 reg 2); NHS England delegates primary
    care functions to ICBs by a delegation agreement. Naming the basis, and
    the right one, is what lets an auditor, or a court, see that a decision
    taken under the delegation was lawfully made.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    board icb_board "ICB Board" { parent: northmoor_icb }
    function commissioning.diagnostics "Commissioning diagnostics" { held_by: northmoor_icb }
    delegation diagnostics_to_trust "Diagnostics to Northmoor Hospitals" {
      from: icb_board
      to: northmoor_hospitals
      functions: [commissioning.diagnostics]
      basis: scheme_of_delegation
      reports_to: [icb_board]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    board icb_board "ICB Board" { parent: northmoor_icb }
    function commissioning.diagnostics "Commissioning diagnostics" { held_by: northmoor_icb }
    delegation diagnostics_to_trust "Diagnostics to Northmoor Hospitals" {
      from: icb_board
      to: northmoor_hospitals
      functions: [commissioning.diagnostics]
      basis: s65z5_delegation
      reports_to: [icb_board]
    }
    ```
    """

    code = "DEL007"
    name = "legal-basis-missing-or-unfit"
    severity = Severity.ERROR
    targets = ("delegations",)

    def check(self, delegation, ctx):
        if not delegation.delegator or not delegation.delegate:
            return
        if delegation.basis is None:
            if _council_made_delegate(ctx, delegation):
                return  # DEL003 says what to do
            yield Finding(
                delegation.span,
                f"delegation `{delegation.id}` does not say under what power it is made",
                _basis_hint(ctx, delegation, "Add `basis:` with the power it is made under, such as `scheme_of_delegation`."),
                severity=Severity.WARNING,
                subjects=(delegation.id,),
            )
            return
        if delegation.basis == "s65z5_delegation" and _council_made_delegate(ctx, delegation):
            return  # DEL003 says what to do
        fits, reason = _FITS[delegation.basis](ctx, delegation)  # every legal basis has its fit
        if fits is not False:
            return
        yield Finding(
            delegation.span,
            f"delegation `{delegation.id}` is made under `{delegation.basis}` "
            f"({v.LEGAL_BASES[delegation.basis].label}), but {reason}",
            _basis_hint(ctx, delegation, "Check who delegates to whom, and name the power the arrangement is really made under."),
            subjects=(delegation.id,),
        )


@register
class FurtherDelegationNotPermitted(Rule):
    """A body delegates onward a function it was told not to pass on.

    ## What it does
    Reports a delegation of a function that the delegator itself received
    through a delegation saying `further_delegation: no` (the default when
    `further_delegation` is not given). If the delegator received the function
    through several delegations, one that permits further delegation is
    enough. Holders of a function may always delegate it (subject to DEL001).

    ## Why is this bad?
    The body that delegates decides whether the receiver may pass the
    function on; schemes of reservation and delegation record it for each
    delegation, as good practice. A receiver that passes on what it was told
    to keep acts without authority, and the delegator loses sight of who
    actually decides. This commonly happens along a chain, for example from
    NHS England to an ICB, to a sub-system committee, to a place committee,
    where one link says no.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north "North Sub-system Committee" { parent: icb_board  role: subsystem }
    committee north_place "North Place Committee" { parent: north  role: place }
    function commissioning.community_services "Commissioning community services" { held_by: northmoor_icb }
    delegation community_to_north "Community services to North" {
      from: icb_board
      to: north
      functions: [commissioning.community_services]
      further_delegation: no
      basis: scheme_of_delegation
      reports_to: [icb_board]
    }
    delegation community_to_place "Community services to North place" {
      from: north
      to: north_place
      functions: [commissioning.community_services]
      basis: scheme_of_delegation
      reports_to: [north]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee north "North Sub-system Committee" { parent: icb_board  role: subsystem }
    committee north_place "North Place Committee" { parent: north  role: place }
    function commissioning.community_services "Commissioning community services" { held_by: northmoor_icb }
    delegation community_to_north "Community services to North" {
      from: icb_board
      to: north
      functions: [commissioning.community_services]
      further_delegation: yes
      basis: scheme_of_delegation
      reports_to: [icb_board]
    }
    delegation community_to_place "Community services to North place" {
      from: north
      to: north_place
      functions: [commissioning.community_services]
      basis: scheme_of_delegation
      reports_to: [north]
    }
    ```
    """

    code = "DEL008"
    name = "further-delegation-not-permitted"
    severity = Severity.ERROR
    targets = ("model",)

    def check(self, model, ctx):
        chains = ctx.facts.authority
        # Functions passed on against the givers' wishes, grouped by the delegations that forbade it.
        groups: dict[tuple, tuple[Delegation, list[Delegation], list[str]]] = {}
        for function_id, delegations in chains.by_function.items():
            best = chains.held(function_id)
            if not best:
                continue
            root = chains.root(function_id)
            incoming = chains.incoming(function_id)
            for d in delegations:
                if not d.delegator or not d.delegate:
                    continue
                giver = chains.canonical(d.delegator)
                if giver == root or giver not in best or giver == chains.canonical(d.delegate):
                    continue  # the holder, or DEL004's business
                received = [e for e in incoming.get(giver, ()) if chains.canonical(e.delegator) in best]
                if not received or any(e.further_delegation for e in received):
                    continue
                key = (d.id, tuple(e.id for e in received))
                groups.setdefault(key, (d, received, []))[2].append(function_id)
        for d, received, functions in groups.values():
            what = names(functions)
            first = received[0]
            if len(received) == 1:
                why = (
                    f"delegation `{first.id}` gave `{first.delegate}` no right to delegate "
                    f"{'it' if len(functions) == 1 else 'them'} further"
                )
            else:
                why = (
                    f"none of the delegations that gave {'it' if len(functions) == 1 else 'them'} to "
                    f"`{d.delegator}` ({names(e.id for e in received)}) allows further delegation"
                )
            yield Finding(
                d.span,
                f"delegation `{d.id}` passes {what} on from `{d.delegator}`, but {why}",
                f"Have `{first.delegator}` say `further_delegation: yes` in `{first.id}` if it agrees, "
                f"or have `{first.delegator}` delegate {what} to `{d.delegate}` directly.",
                related=tuple(
                    r
                    for e in received
                    for r in _related(
                        e.span,
                        f"`{e.delegator}` gives {'it' if len(functions) == 1 else 'them'} to `{e.delegate}` here, "
                        "with no further delegation",
                    )
                ),
                subjects=(d.id, d.delegator, *(e.id for e in received), *functions),
            )


@register
class ConsultativeForumHoldsDecisions(Rule):
    """A forum that can only advise (a consultative place forum, or `advisory: yes`) is given decisions.

    ## What it does
    Reports a place partnership with `model: consultative_forum`, or any
    forum declared `advisory: yes` ("holds no decision-making powers"), that
    receives a delegation, holds a function, or takes a decision involving an
    amount of money. Such a forum can only advise.

    ## Why is this bad?
    Published options appraisals for place governance (for example
    Lancashire and South Cumbria's) distinguish a consultative forum, which
    advises the ICB and its partners, from vehicles that can take decisions:
    an ICB committee or a joint committee. The ICS design framework is
    summarised as offering five place models, of which only the consultative
    forum has no decision rights. A decision taken by a forum with no power
    to take it is not a decision of any body, and budgets given to it have
    no accountable owner.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    place_partnership south_place "South Place Partnership" {
      parent: icb_board
      model: consultative_forum
    }
    function commissioning.community_services "Commissioning community services" { held_by: northmoor_icb }
    delegation community_to_south "Community services to South" {
      from: icb_board
      to: south_place
      functions: [commissioning.community_services]
      limit: £15m
      basis: scheme_of_delegation
      reports_to: [icb_board]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    place_partnership south_place "South Place Partnership" {
      parent: icb_board
      model: icb_committee
    }
    function commissioning.community_services "Commissioning community services" { held_by: northmoor_icb }
    delegation community_to_south "Community services to South" {
      from: icb_board
      to: south_place
      functions: [commissioning.community_services]
      limit: £15m
      basis: scheme_of_delegation
      reports_to: [icb_board]
    }
    ```
    Or keep the consultative forum, have it advise, and delegate to a place committee.
    """

    code = "DEL009"
    name = "consultative-forum-holds-decisions"
    severity = Severity.ERROR
    targets = ("forums",)

    _HINT = (
        "Have the ICB board or a place committee take the decision on the forum's advice, "
        "or change `model:` to the vehicle the place really uses, such as `icb_committee` or `joint_committee`."
    )

    def check(self, forum, ctx):
        consultative = forum.model == "consultative_forum"  # a word of PLACE_MODELS only: a place partnership
        if not (consultative or forum.advisory):
            return
        what = "a consultative forum" if consultative else "an advisory forum"
        hint = self._HINT if consultative else (
            "Have the body it advises take the decision on its advice, or, if its terms of reference do give it "
            "decisions, remove `advisory: yes`."
        )
        note = _related(forum.span, f"`{forum.id}` is {what}")
        for d in ctx.facts.delegations_to.get(forum.id, ()):
            amount = f" with a limit of {pounds(d.limit)}" if d.limit is not None else ""
            yield Finding(
                d.span,
                f"delegation `{d.id}` gives {names(d.functions) or 'functions'}{amount} to `{forum.id}`, "
                f"{what} that can only advise",
                hint,
                related=note,
                subjects=(d.id, forum.id),
            )
        for function in ctx.facts.functions_held_by.get(forum.id, ()):
            yield Finding(
                function.span,
                f"`{function.id}` is held by `{forum.id}`, {what} that can only advise",
                "Make the body that really decides (usually the ICB) the holder in `held_by:`, "
                "or change the forum's `model:` to the vehicle the place really uses.",
                related=note,
                subjects=(function.id, forum.id),
            )
        for decision in ctx.facts.decisions_of.get(forum.id, ()):
            if decision.amount is None:
                continue
            yield Finding(
                decision.span,
                f"decision `{decision.id}` commits {pounds(decision.amount)} at `{forum.id}`, "
                f"{what} that can only advise",
                hint,
                related=note,
                subjects=(decision.id, forum.id),
            )
