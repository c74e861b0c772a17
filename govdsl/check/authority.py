"""How much authority a chain of delegations gives each party: shared by the
delegation rules (DEL004) and `govdsl query` ("who decides F for P")."""

from __future__ import annotations

import heapq
from decimal import Decimal

from govdsl.model.types import Delegation

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
