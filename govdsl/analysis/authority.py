"""Who holds each delegated function, with what financial limit, and through which chain.

One reading of delegations, shared by the delegation rules (DEL004, DEL006),
`govdsl query` ("who decides F for P") and the model's assertions: the holder
of a function (its `held_by`) holds it with no limit; an organisation and its
board act as one, and an NHS England region counts as NHS England (see
`Facts.canonical`); each delegation in force passes the function on, up to
its `limit` (or, with none, the limit of whoever gave it). A party reached by
several chains holds the largest limit any of them gives it.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govdsl.model.types import Delegation, Function

if TYPE_CHECKING:
    from govdsl.analysis.facts import Facts

UNLIMITED = Decimal("Infinity")


def widest_limits(root: str, outgoing: dict, canonical) -> dict[str, tuple[Decimal, Delegation | None]]:
    """Each party reachable from the holder `root`, with the largest limit any chain gives it.

    `outgoing` maps a party to the delegations it makes of one function; a
    delegation with no limit passes on its giver's limit. The value is the
    limit and the last delegation of the best chain (None for the holder).
    A widest-path search: linear-logarithmic in the delegations.
    """
    best: dict[str, tuple[Decimal, Delegation | None]] = {root: (UNLIMITED, None)}
    heap = [(-UNLIMITED, 0, root)]
    order = 1
    while heap:
        negative, _, party = heapq.heappop(heap)
        held = -negative
        if held < best[party][0]:
            continue
        for d in outgoing.get(party, ()):
            receiver = canonical(d.delegate)
            if receiver == root:
                continue
            given = min(held, d.limit if d.limit is not None else UNLIMITED)
            if receiver not in best or given > best[receiver][0]:
                best[receiver] = (given, d)
                heapq.heappush(heap, (-given, order, receiver))
                order += 1
    return best


@attrs.frozen
class Holding:
    """A party that holds a function, with the limit it holds it up to and how it got it."""

    party: str  # the party as declared (the committee, the person, the organisation)
    canonical: str  # the party that holds functions for it (an organisation for its board)
    function: str
    limit: Decimal | None  # None: no limit
    chain: tuple[Delegation, ...]  # from the holder down to `party`; empty for the holder itself

    @property
    def further_delegation(self) -> bool:
        return self.chain[-1].further_delegation if self.chain else True


@attrs.frozen
class _Walk:
    """One function's delegations between canonical parties, and the widest limits from its holder."""

    root: str | None  # the canonical holder; None when the function or its holder is not declared
    best: dict  # canonical party -> (largest limit, the delegation that gives it)
    outgoing: dict  # canonical party -> the delegations it makes of the function
    incoming: dict  # canonical party -> the delegations it receives of the function


class Authority:
    """Who holds each delegated function of a model, worked out once per function when first asked."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.canonical = facts.canonical
        # function id -> the delegations in force that pass it on, in declaration order
        self.by_function: dict[str, list[Delegation]] = defaultdict(list)
        for d in facts.model.delegations:
            for function_id in d.functions:
                self.by_function[function_id].append(d)
        self._walks: dict[str, _Walk] = {}

    def function(self, function_id: str) -> Function | None:
        entity = self.facts.model.entity(function_id)
        return entity if isinstance(entity, Function) else None

    def _walk(self, function_id: str) -> _Walk:
        if function_id in self._walks:
            return self._walks[function_id]
        c = self.canonical
        outgoing: dict[str, list[Delegation]] = defaultdict(list)
        incoming: dict[str, list[Delegation]] = defaultdict(list)
        for d in self.by_function.get(function_id, ()):
            if not d.delegator or not d.delegate or c(d.delegator) == c(d.delegate):
                continue
            outgoing[c(d.delegator)].append(d)
            incoming[c(d.delegate)].append(d)
        function = self.function(function_id)
        if function is None or not function.holder:
            walk = _Walk(None, {}, outgoing, incoming)
        else:
            root = c(function.holder)
            walk = _Walk(root, widest_limits(root, outgoing, c), outgoing, incoming)
        self._walks[function_id] = walk
        return walk

    def held(self, function_id: str) -> dict[str, tuple[Decimal, Delegation | None]]:
        """Canonical party -> (the largest limit it holds, the delegation that gives it); {} without a holder."""
        return self._walk(function_id).best

    def root(self, function_id: str) -> str | None:
        """The canonical holder of a function, or None when it has none."""
        return self._walk(function_id).root

    def incoming(self, function_id: str) -> dict[str, list[Delegation]]:
        """Canonical party -> the delegations in force that give it the function."""
        return self._walk(function_id).incoming

    def chain(self, function_id: str, canonical: str) -> tuple[Delegation, ...]:
        """The delegations from the holder to a party that give it its largest limit, holder first."""
        best = self.held(function_id)
        out, seen = [], set()
        current = canonical
        while current in best and best[current][1] is not None and current not in seen:
            seen.add(current)
            d = best[current][1]
            out.append(d)
            current = self.canonical(d.delegator)
        return tuple(reversed(out))

    def holding(self, function_id: str, party: str) -> Holding | None:
        """How `party` (as declared, or its organisation) holds a function, or None if it does not."""
        canonical = self.canonical(party)
        best = self.held(function_id)
        if canonical not in best:
            return None
        limit, _ = best[canonical]
        return Holding(party, canonical, function_id, None if limit == UNLIMITED else limit, self.chain(function_id, canonical))

    def holdings(self, function_id: str) -> list[Holding]:
        """Every party holding a function, as declared: the holder, then each delegate."""
        function = self.function(function_id)
        out = []
        for canonical, (limit, delegation) in self.held(function_id).items():
            party = delegation.delegate if delegation is not None else (function.holder if function else canonical)
            out.append(
                Holding(party, canonical, function_id, None if limit == UNLIMITED else limit, self.chain(function_id, canonical))
            )
        return out

    def chains(self, function_id: str, canonical: str, most: int = 64) -> list[tuple[Delegation, ...]]:
        """Every chain of delegations (without repeats) from the holder to a party, up to `most` of them."""
        walk = self._walk(function_id)
        root = walk.root
        if root is None:
            return []
        if canonical == root:
            return [()]
        found: list[tuple[Delegation, ...]] = []
        stack = [(root, (), frozenset({root}))]
        while stack and len(found) < most:
            party, chain, seen = stack.pop()
            for d in reversed(walk.outgoing.get(party, ())):
                receiver = self.canonical(d.delegate)
                if receiver in seen:
                    continue
                if receiver == canonical:
                    found.append(chain + (d,))
                else:
                    stack.append((receiver, chain + (d,), seen | {receiver}))
        return found

    @staticmethod
    def chain_limit(chain) -> Decimal | None:
        """The limit a chain gives its last party: the lowest limit along it (None: no limit)."""
        limits = [d.limit for d in chain if d.limit is not None]
        return min(limits) if limits else None

    def escalation(self, holding: Holding) -> tuple[str, Decimal | None] | None:
        """Above a limited holding's limit: the nearest party up its chain that can go further."""
        if holding.limit is None:
            return None
        for i in range(len(holding.chain) - 1, -1, -1):
            above = self.chain_limit(holding.chain[:i])
            if above is None or above > holding.limit:
                return holding.chain[i].delegator, above
        return None

    def functions_of(self, party: str) -> list[Holding]:
        """Every function a party holds, by declaration order of the functions."""
        out = []
        for function in self.facts.model.functions:
            holding = self.holding(function.id, party)
            if holding is not None:
                out.append(holding)
        return out
