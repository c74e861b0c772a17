"""Accountability: does every forum answer, through an unbroken line, to a statutory body?

The accountability graph has an edge from each forum to its `parent` (a
committee answers to the board it belongs to) and one for each
`accountable_to` and `reports_to` line. The rules here look for circles in
that graph, forums it leaves hanging, people who would assure their own
decisions, systems with no way to settle disputes, and statutory
partnerships placed under the ICB. Each graph is built once per run and
walked in time linear in its size.
"""

from __future__ import annotations

from collections import deque

import attrs

from govdsl.analysis.wording import described, names
from govdsl.check.registry import Finding, Rule, register
from govdsl.diagnostics import Related, Severity
from govdsl.model import vocabulary as v
from govdsl.model.types import Forum
from govdsl.source import Span

_LINE_PHRASES = {"accountable_to": "is accountable to", "reports_to": "reports to"}


# -- small helpers ----------------------------------------------------------------------------------


def _related(span: Span | None, note: str) -> tuple[Related, ...]:
    return (Related(span, note),) if span is not None else ()


def _not_in_being(ctx, party: str) -> str:
    """` (closed on 2025-03-31)` for a forum that does not exist on the check date; else ``."""
    forum = ctx.facts.forum(party)
    if forum is None or ctx.facts.in_being(party):
        return ""
    if forum.closed is not None and forum.closed < ctx.as_of:
        return f" (closed on {forum.closed.isoformat()})"
    return f" (not established until {forum.established.isoformat()})"


# -- the accountability graph -------------------------------------------------------------------------


@attrs.frozen
class _Edge:
    source: str
    target: str
    kind: str  # parent, accountable_to, reports_to
    span: Span | None

    @property
    def phrase(self) -> str:
        verb = _LINE_PHRASES.get(self.kind, "belongs to")
        return f"`{self.source}` {verb} `{self.target}`"


def _graph(model) -> dict[str, list[_Edge]]:
    """Source -> its edges up the accountability graph, in declaration order."""
    out: dict[str, list[_Edge]] = {}
    for forum in model.forums:
        for parent in forum.parents:  # resolved references: never empty
            out.setdefault(forum.id, []).append(_Edge(forum.id, parent, "parent", forum.span))
    for line in model.lines:
        if line.kind in _LINE_PHRASES and line.source and line.target:
            out.setdefault(line.source, []).append(_Edge(line.source, line.target, line.kind, line.span))
    return out


def _strongly_connected(nodes, graph: dict[str, list[_Edge]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the strongly connected components, in linear time."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, 0)]
        while work:
            node, i = work[-1]
            edges = graph.get(node, ())
            if i < len(edges):
                work[-1] = (node, i + 1)
                target = edges[i].target
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _cycle_through(start: str, members: set[str], graph: dict[str, list[_Edge]]) -> list[_Edge]:
    """A shortest circle of edges from `start` back to it, inside one component."""
    came_by: dict[str, _Edge] = {}
    queue = deque([start])
    seen = {start}
    while True:  # `start` lies on a circle inside its component, so the search always comes back to it
        node = queue.popleft()
        for edge in graph.get(node, ()):
            if edge.target == start:
                path = [edge]
                while path[-1].source != start:
                    path.append(came_by[path[-1].source])
                return path[::-1]
            if edge.target in members and edge.target not in seen:
                seen.add(edge.target)
                came_by[edge.target] = edge
                queue.append(edge.target)


# -- ACC001 ---------------------------------------------------------------------------------------


@register
class AccountabilityCycle(Rule):
    """Lines of accountability go round in a circle.

    ## What it does
    Follows the lines of accountability: from each forum to its `parent`,
    and along every `accountable_to` and `reports_to` line. If they lead
    back to where they started (a committee reports to a board that is
    accountable to the committee), the circle is reported once, at the
    member whose name comes first alphabetically, with each line of the
    circle shown.

    ## Why is this bad?
    Accountability has to end somewhere: at a statutory body that answers
    for the decisions taken in its name. A committee exercises only what
    its parent body has delegated to it, and the parent stays accountable
    for it, as the schemes of reservation and delegation of ICBs set out
    (for example South West London ICB's and the Nottingham and
    Nottinghamshire and West Yorkshire governance handbooks). In a circle,
    each forum points to another and none of them is the one that answers;
    usually one line has been written the wrong way round.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" {
      parent: northmoor_icb
      reports_to: [quality]
    }
    committee quality "Quality Committee" {
      parent: icb_board
      reports_to: [icb_board]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee quality "Quality Committee" {
      parent: icb_board
      reports_to: [icb_board]
    }
    ```
    """

    code = "ACC001"
    name = "accountability-cycle"
    severity = Severity.ERROR
    targets = ("model",)

    def check(self, model, ctx):
        graph = _graph(model)
        for component in _strongly_connected(list(graph), graph):
            members = set(component)
            start = min(members)
            if len(members) == 1 and not any(e.target == start for e in graph.get(start, ())):
                continue
            cycle = _cycle_through(start, members, graph)
            if not cycle:  # pragma: no cover - a component always has a circle through each member
                continue
            on_circle = {e.source for e in cycle}
            others = sorted(members - on_circle)
            also = f" ({names(others)} {'is' if len(others) == 1 else 'are'} caught in the same loop)" if others else ""
            entity = model.entity(start)
            if len(cycle) == 1:
                message = f"{described(ctx.model.entity(start), start)} is made accountable to itself: {cycle[0].phrase}"
            else:
                message = "lines of accountability go round in a circle: " + ", ".join(e.phrase for e in cycle) + also
            yield Finding(
                getattr(entity, "span", None) or cycle[0].span,
                message,
                "Accountability should lead up to a statutory body that answers for the decisions. Find the line "
                "written the wrong way round (a committee reports to its board, not the board to the committee) "
                "and remove or reverse it.",
                related=tuple(r for e in cycle for r in _related(e.span, e.phrase)),
                subjects=(*(e.source for e in cycle), *others),
            )


# -- ACC002 ---------------------------------------------------------------------------------------


@register
class ForumUnaccountable(Rule):
    """A committee or partnership is not accountable to any statutory body.

    ## What it does
    Follows each committee's, sub-committee's, joint committee's,
    committees in common's, place partnership's, provider collaborative's,
    integrated care partnership's and health and wellbeing board's lines up
    the accountability graph (its `parent`, and its `accountable_to` and
    `reports_to` lines, and theirs in turn). It reports a forum from which no
    such line reaches a statutory organisation: an ICB, NHS England, an NHS
    trust or foundation trust, a council, or another body marked
    `statutory: yes`.

    A place partnership whose `model` is `consultative_forum` is left out
    while it receives no delegation and takes no decision: it only advises.
    A forum that does not exist on the check date (it has closed, or is not
    yet established) answers for nothing, so a line that leads only to it
    leads nowhere; the message says when it closed or opens.

    ## Why is this bad?
    A committee, partnership or collaborative exercises only what a
    statutory body has delegated to it, and that body stays accountable for
    it: the board remains accountable for the functions it delegates, as the
    schemes of reservation and delegation of ICBs set out (for example South
    West London ICB's and the Nottingham and Nottinghamshire and West
    Yorkshire governance handbooks). A forum with no line to such a body has
    no one who answers for its decisions, and the decisions themselves may
    have no legal footing.

    ## Example
    ```gov
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    organisation eastvale_hospitals "Eastvale Hospitals NHS FT" { kind: foundation_trust }
    provider_collaborative acute_collaborative "Acute Collaborative" {
      model: committees_in_common
      partners: [northmoor_hospitals, eastvale_hospitals]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }
    organisation eastvale_hospitals "Eastvale Hospitals NHS FT" { kind: foundation_trust }
    provider_collaborative acute_collaborative "Acute Collaborative" {
      model: committees_in_common
      partners: [northmoor_hospitals, eastvale_hospitals]
      accountable_to: [northmoor_hospitals, eastvale_hospitals]
    }
    ```
    """

    code = "ACC002"
    name = "forum-unaccountable"
    severity = Severity.ERROR
    targets = ("model",)

    def check(self, model, ctx):
        graph = _graph(model)
        reverse: dict[str, list[str]] = {}
        for edges in graph.values():
            for edge in edges:
                reverse.setdefault(edge.target, []).append(edge.source)
        answered = {o.id for o in model.organisations if o.statutory}
        queue = deque(answered)
        while queue:
            for source in reverse.get(queue.popleft(), ()):
                if source not in answered:
                    answered.add(source)
                    queue.append(source)
        deciding = {d.delegate for d in model.delegations} | {d.forum for d in model.decisions}
        for forum in model.forums:
            if not v.FORUM_KINDS[forum.kind].answerable or forum.id in answered:
                continue
            if forum.model == "consultative_forum" and forum.id not in deciding:
                continue  # it only advises: it has nothing of its own to answer for
            edges = graph.get(forum.id, [])
            label = v.FORUM_KINDS[forum.kind].label
            if not edges:
                message = (
                    f"{label} `{forum.id}` is not accountable to anyone: it has no `parent`, "
                    "`accountable_to` or `reports_to`"
                )
            else:
                targets = list(dict.fromkeys(e.target for e in edges))
                message = (
                    f"{label} `{forum.id}` is not accountable to any statutory body: its lines lead only to "
                    f"{names(targets, lambda t: _not_in_being(ctx, t))}, and from there to no statutory body"
                )
            gone = any(_not_in_being(ctx, e.target) for e in edges)
            yield Finding(
                forum.span,
                message,
                "Connect it to the statutory body that answers for it: give it a `parent:` (the board it is a "
                "committee of) or an `accountable_to:` line leading to the ICB, a council, a trust or NHS England."
                + (" A forum that has closed, or is not yet established, answers for nothing: point the lines at "
                   "the forum that exists on this date." if gone else ""),
                related=tuple(
                    r for e in edges for r in _related(e.span, f"{e.phrase}, which leads to no statutory body")
                ),
                subjects=(forum.id, *(e.target for e in edges)),
            )


# -- ACC003 ---------------------------------------------------------------------------------------


@register
class SelfAssurance(Rule):
    """The person who takes delegated decisions also chairs the forum that assures them.

    ## What it does
    For each delegation in force, finds who takes its decisions (the
    receiver, if it is a person, or else the chair of the receiving forum)
    and who leads the assurance of them (the chair of each forum, or the
    person, named in the delegation's `reports_to`). It reports a person who
    is both.

    ## Why is this bad?
    Assurance means someone other than the decision-maker checks that the
    delegated decisions were taken properly and within the limits set. When
    the same person chairs both the forum that decides and the forum that
    assures, the check is only as independent as that person. This is
    good practice in governance rather than a rule in statute or NHS England
    guidance.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person rhys_cole "Rhys Cole" { no_interests: 2024-04-01 }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee primary_care "Primary Care Commissioning Committee" {
      parent: icb_board
      reports_to: [quality]
      seat: rhys_cole as chair
    }
    committee quality "Quality Committee" {
      parent: icb_board
      reports_to: [icb_board]
      seat: rhys_cole as chair
    }
    function commissioning.primary_medical "Primary medical services" { held_by: northmoor_icb }
    delegation pms_to_committee "Primary medical services to the committee" {
      from: icb_board
      to: primary_care
      functions: [commissioning.primary_medical]
      reports_to: [quality]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    person rhys_cole "Rhys Cole" { no_interests: 2024-04-01 }
    person lena_frost "Lena Frost" { no_interests: 2024-04-01 }
    board icb_board "ICB Board" { parent: northmoor_icb }
    committee primary_care "Primary Care Commissioning Committee" {
      parent: icb_board
      reports_to: [quality]
      seat: rhys_cole as chair
    }
    committee quality "Quality Committee" {
      parent: icb_board
      reports_to: [icb_board]
      seat: lena_frost as chair
    }
    function commissioning.primary_medical "Primary medical services" { held_by: northmoor_icb }
    delegation pms_to_committee "Primary medical services to the committee" {
      from: icb_board
      to: primary_care
      functions: [commissioning.primary_medical]
      reports_to: [quality]
    }
    ```
    """

    code = "ACC003"
    name = "self-assurance"
    severity = Severity.WARNING
    targets = ("delegations",)

    def check(self, delegation, ctx):
        takers = self._leads(ctx, delegation.delegate)
        if not takers:
            return
        assurers: dict[str, list[tuple[str, Span | None]]] = {}
        for target in delegation.reports_to:
            for person, span in self._leads(ctx, target):
                assurers.setdefault(person, []).append((target, span))
        for person, taker_span in takers:
            if person not in assurers:
                continue
            assured_by = list(dict.fromkeys(t for t, _ in assurers[person]))
            if ctx.facts.person(delegation.delegate):
                takes = f"`{person}` takes the decisions delegated to them under `{delegation.id}`"
            else:
                takes = (
                    f"`{person}` chairs {described(ctx.model.entity(delegation.delegate), delegation.delegate)}, which takes the decisions "
                    f"delegated under `{delegation.id}`"
                )
            forums = [t for t in assured_by if t != person]
            parts = []
            if forums:
                parts.append(f"also chairs {' and '.join(described(ctx.model.entity(t), t) for t in forums)}, which the delegation reports to")
            if person in assured_by:
                parts.append("is also the person the delegation reports to")
            assures = "and " + ", and ".join(parts)
            related = _related(taker_span, f"`{person}` chairs `{delegation.delegate}` here")
            related += tuple(
                r
                for target, span in assurers[person]
                if span is not None and span != taker_span
                for r in _related(span, f"`{person}` chairs `{target}` here")
            )
            yield Finding(
                delegation.span,
                f"{takes}, {assures}: the same person would assure their own decisions",
                "Ask another member to chair one of the two forums, or have the delegation report to a forum "
                f"that `{person}` does not chair.",
                related=related,
                subjects=(person, delegation.id, delegation.delegate, *forums),
            )

    def _leads(self, ctx, party: str) -> list[tuple[str, Span | None]]:
        """The people who lead a party: a person themself, or a forum's chairs (with their seats)."""
        if ctx.facts.person(party):
            return [(party, None)]
        forum = ctx.model.entity(party)
        return [(s.person, s.span) for s in ctx.facts.chairs(forum)] if isinstance(forum, Forum) else []


# -- ACC004 ---------------------------------------------------------------------------------------


@register
class DisputeResolutionMissing(Rule):
    """A system names neither an arbiter nor a way of resolving disputes.

    ## What it does
    Reports each `system` that has neither an `arbiter` (the body, forum or
    person who settles disputes the partners cannot settle themselves) nor
    a `dispute_resolution` (the agreed route, in words). A model with fewer
    than two organisations (a sketch of tiers and populations) has no
    partners to fall out, and is not reported.

    ## Why is this bad?
    Partners in a system keep their own statutory duties and, when a system
    decision is hard, can retreat into them. Research on three systems
    recommends an independent arbiter, likely NHS England's regional
    director, to settle disputes between partners (Sanderson et al., BMJ
    Open, 2023), and clear conflict-resolution mechanisms are one of Ostrom's
    design principles for governing a shared resource. This is good practice
    recommended by research, not a legal requirement.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    system northmoor "Northmoor" {
      population: 1.02m
      icb: northmoor_icb
      footprint: [northmoor_council]
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    organisation nhse_north "NHS England North" { kind: nhs_england_region }
    system northmoor "Northmoor" {
      population: 1.02m
      icb: northmoor_icb
      footprint: [northmoor_council]
      arbiter: nhse_north
      dispute_resolution: "Escalate to the ICB chair, then to NHS England's regional director"
    }
    ```
    """

    code = "ACC004"
    name = "dispute-resolution-missing"
    severity = Severity.WARNING
    targets = ("tiers",)

    def check(self, tier, ctx):
        if tier.kind != "system" or tier.arbiter or tier.dispute_resolution:
            return
        if len(ctx.model.organisations) < 2:
            return  # a sketch of tiers and populations: no partners yet to fall out
        yield Finding(
            tier.span,
            f"system `{tier.id}` names no arbiter and no way of resolving disputes between its partners",
            f'Add `arbiter:` (for example NHS England\'s region) or `dispute_resolution: "..."` describing the '
            f"agreed route to `{tier.id}`.",
            subjects=(tier.id,),
        )


# -- ACC005 ---------------------------------------------------------------------------------------


@register
class PartnershipUnderIcb(Rule):
    """An integrated care partnership or health and wellbeing board is placed under the ICB.

    ## What it does
    Looks at what each integrated care partnership (ICP) and health and
    wellbeing board (HWB) belongs to (`parent`) or is `accountable_to`. It
    reports:

    - an HWB placed under an ICB, or under a forum of an ICB (its board or
      one of its committees);
    - an HWB with a `parent` or `accountable_to` but no council among them;
    - an ICP placed under an ICB, or a forum of an ICB, with no council
      alongside it.

    An ICP whose parents are the ICB and the councils is how the law sets it
    up, and is not reported.

    ## Why is this bad?
    An ICP is a joint committee of the ICB and each responsible local
    authority in its area (section 116ZA of the Local Government and Public
    Involvement in Health Act 2007), not a committee of the ICB: the councils
    are equal parties to it. An HWB is a committee of the local authority
    that establishes it (section 194 of the Health and Social Care Act 2012);
    the ICB sends a representative but does not own it. Modelling either as
    an ICB committee misstates who is accountable for their decisions.

    ## Example
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    board icb_board "ICB Board" { parent: northmoor_icb }
    health_and_wellbeing_board northmoor_hwb "Northmoor Health and Wellbeing Board" {
      parent: icb_board
    }
    ```

    ## Use instead
    ```gov
    organisation northmoor_icb "NHS Northmoor ICB" { kind: icb }
    organisation northmoor_council "Northmoor Council" { kind: unitary_council }
    board icb_board "ICB Board" { parent: northmoor_icb }
    health_and_wellbeing_board northmoor_hwb "Northmoor Health and Wellbeing Board" {
      parent: northmoor_council
    }
    ```
    """

    code = "ACC005"
    name = "partnership-under-icb"
    severity = Severity.ERROR
    targets = ("forums",)

    def check(self, forum, ctx):
        statute = v.FORUM_KINDS[forum.kind].statutory_partnership
        if statute is None:
            return
        # (body, span of the line or declaration that puts the forum under it, how)
        above: list[tuple[str, Span | None, str]] = [
            (p, getattr(ctx.model.entity(p), "span", None), "parent") for p in forum.parents if p
        ]
        above += [
            (line.target, line.span, "accountable_to")
            for line in ctx.facts.lines_from.get(forum.id, ())
            if line.kind == "accountable_to"
        ]
        if not above:
            return
        icb_side = [a for a in above if self._icb_side(ctx, a[0])]
        council_side = [a for a in above if self._council_side(ctx, a[0])]
        label = v.FORUM_KINDS[forum.kind].label
        related = tuple(
            r
            for body, span, how in icb_side
            for r in _related(span, f"`{body}` is declared here" if how == "parent" else f"`{forum.id}` is accountable to `{body}`")
        )
        if statute == "council":
            if icb_side:
                yield Finding(
                    forum.span,
                    f"{label} `{forum.id}` is placed under {names(b for b, _, _ in icb_side)}, "
                    "but a health and wellbeing board is a committee of its council, not of the ICB",
                    "Make its council its `parent`; the ICB takes part through a representative's `seat`.",
                    related=related,
                    subjects=(forum.id, *(b for b, _, _ in icb_side)),
                )
            elif not council_side:
                yield Finding(
                    forum.span,
                    f"{label} `{forum.id}` belongs to no council: a health and wellbeing board is a committee "
                    "of its council",
                    "Make the council that established it its `parent`.",
                    subjects=(forum.id,),
                )
        elif icb_side and not council_side:
            yield Finding(
                forum.span,
                f"{label} `{forum.id}` is placed under {names(b for b, _, _ in icb_side)} alone, but an "
                "integrated care partnership is a joint committee of the ICB and the councils in its area",
                "List the ICB and each council in its area as its `parent` (the bodies of the joint committee).",
                related=related,
                subjects=(forum.id, *(b for b, _, _ in icb_side)),
            )

    @staticmethod
    def _icb_side(ctx, body: str) -> bool:
        """An ICB, or a forum that belongs to ICBs only (its board, its committees)."""
        organisation = ctx.facts.organisation(body)
        if organisation is not None:
            return organisation.kind == "icb"
        bodies = ctx.facts.organisations_of(body)
        return bool(bodies) and all(
            (o := ctx.facts.organisation(b)) is not None and o.kind == "icb" for b in bodies
        )

    @staticmethod
    def _council_side(ctx, body: str) -> bool:
        """A council, or a forum that belongs to a council."""
        bodies = (body,) if ctx.facts.organisation(body) else ctx.facts.organisations_of(body)
        return any((kind := ctx.facts.kind_of(b)) is not None and kind.council for b in bodies)
