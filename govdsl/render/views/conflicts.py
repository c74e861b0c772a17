"""Conflicts of interest: people, what they have interests in, and the decisions where those meet."""

from __future__ import annotations

from govdsl.model import vocabulary as v
from govdsl.model.types import Model
from govdsl.render.graph import Edge, Graph, Node
from govdsl.render.views.common import entity_node
from govdsl.text import money


def build(model: Model) -> Graph:
    nodes, edges, ids = [], [], set()

    def add(id, node=None):
        if id and id not in ids:
            node = node or entity_node(model, id)
            if node is not None:
                ids.add(id)
                nodes.append(node)

    interested: dict[str, set[str]] = {}  # organisation -> people with an interest in it
    for person in model.people:
        for interest in person.interests:
            if interest.organisation:
                add(person.id)
                add(interest.organisation)
                interested.setdefault(interest.organisation, set()).add(person.id)
                edges.append(Edge(person.id, interest.organisation, "interest", v.INTEREST_TYPES[interest.type].label))
    seats_by_forum = {f.id: {s.person for s in f.seats if s.voting} for f in model.forums}
    for decision in model.decisions:
        touched = [o for o in decision.affects if o in interested]
        if not touched:
            continue
        detail = " · ".join(p for p in (str(decision.date or ""), money(decision.amount)) if p)
        add(decision.id, Node(decision.id, decision.title, detail, "decision"))
        for organisation in touched:
            edges.append(Edge(decision.id, organisation, "affects"))
            for person in sorted(interested[organisation] & seats_by_forum.get(decision.forum, set())):
                label = "stepped out" if person in decision.excluded else "takes part"
                edges.append(Edge(person, decision.id, "stepped_out" if person in decision.excluded else "conflict", label))
    return Graph("Conflicts of interest", tuple(nodes), tuple(dict.fromkeys(edges)), direction="LR")
