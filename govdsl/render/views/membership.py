"""Membership: who sits on which forum, and in what capacity."""

from __future__ import annotations

from govdsl.model import vocabulary as v
from govdsl.model.types import Model
from govdsl.render.graph import Edge, Graph
from govdsl.render.views.common import entity_node


def build(model: Model) -> Graph:
    nodes, edges, ids = [], [], set()
    for forum in model.forums:
        if not forum.seats:
            continue
        if forum.id not in ids:
            ids.add(forum.id)
            nodes.append(entity_node(model, forum.id))
        for seat in forum.seats:
            if seat.person not in ids:
                node = entity_node(model, seat.person)
                if node is None:
                    continue
                ids.add(seat.person)
                nodes.append(node)
            label = " and ".join(v.CAPACITIES[c].label for c in seat.capacities)
            edges.append(Edge(seat.person, forum.id, "seat", label))
    return Graph("Membership", tuple(nodes), tuple(edges), direction="LR")
