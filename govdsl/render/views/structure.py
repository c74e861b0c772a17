"""The org chart: tiers as nested boxes, with the bodies and forums at each."""

from __future__ import annotations

from govdsl.analysis.facts import Facts
from govdsl.model.types import Model
from govdsl.render.graph import Edge, Graph
from govdsl.render.views.common import entity_node, tier_clusters


def build(model: Model) -> Graph:
    clusters = tier_clusters(model)
    cluster_ids = {c.id for c in clusters}
    facts = Facts(model)
    nodes, edges = [], []
    for entity in (*model.organisations, *model.forums):
        tier = facts.tier_of(entity.id)
        node = entity_node(model, entity.id, tier if tier in cluster_ids else None)
        if node:
            nodes.append(node)
    for forum in model.forums:
        for parent in forum.parents:
            edges.append(Edge(parent, forum.id, "part_of"))
    for organisation in model.organisations:
        if organisation.part_of:
            edges.append(Edge(organisation.part_of, organisation.id, "part_of"))
    return Graph("Structure", tuple(nodes), _known(edges, nodes), clusters)


def _known(edges, nodes):
    ids = {n.id for n in nodes}
    return tuple(e for e in edges if e.source in ids and e.target in ids)
