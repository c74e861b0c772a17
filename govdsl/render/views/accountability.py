"""Accountability lines: vertical (accountable to), horizontal (reports to, assures), advisory."""

from __future__ import annotations

from govdsl.model.types import Model
from govdsl.render.graph import Edge, Graph
from govdsl.render.views.common import entity_node


def build(model: Model) -> Graph:
    nodes, edges, ids = [], [], set()

    def add(id):
        if id not in ids:
            node = entity_node(model, id)
            if node is not None:
                ids.add(id)
                nodes.append(node)

    for forum in model.forums:
        detail = None
        terms = forum.terms
        if terms is not None and terms.meets_in_public:
            base = entity_node(model, forum.id)
            detail = base.detail + " · meets in public" + (", papers published" if terms.papers_published else "")
        if forum.id not in ids:
            node = entity_node(model, forum.id, detail=detail)
            ids.add(forum.id)
            nodes.append(node)
        for parent in forum.parents:
            add(parent)
            edges.append(Edge(forum.id, parent, "accountable_to"))
    for line in model.lines:
        add(line.source)
        add(line.target)
        edges.append(Edge(line.source, line.target, line.kind))
    for tier in model.tiers:
        if tier.kind == "system" and tier.arbiter and tier.icb:
            add(tier.arbiter)
            add(tier.icb)
            edges.append(Edge(tier.arbiter, tier.icb, "arbiter", f"arbiter for {tier.title}"))
    edges = [e for e in edges if e.source in ids and e.target in ids]
    return Graph("Accountability", tuple(nodes), tuple(dict.fromkeys(edges)), direction="BT")
