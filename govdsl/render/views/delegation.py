"""The functions-and-decisions map: who delegates what to whom, and what is reserved."""

from __future__ import annotations

from govdsl.model import vocabulary as v
from govdsl.model.types import Model
from govdsl.render.graph import Edge, Graph
from govdsl.render.views.common import entity_node
from govdsl.text import money


def build(model: Model) -> Graph:
    nodes, edges, ids = [], [], set()
    reserved: dict[str, list[str]] = {}
    for function in model.functions:
        if function.reserved_to:
            reserved.setdefault(function.reserved_to, []).append(function.title)

    def add(id):
        if id and id not in ids:
            detail = None
            if id in reserved:
                base = entity_node(model, id)
                detail = (base.detail + " · " if base else "") + "reserved: " + "; ".join(reserved[id])
            node = entity_node(model, id, detail=detail)
            if node is not None:
                ids.add(id)
                nodes.append(node)

    for board in reserved:
        add(board)
    for delegation in model.delegations:
        add(delegation.delegator)
        add(delegation.delegate)
        titles = []
        for function_id in delegation.functions:
            function = model.entity(function_id)
            titles.append(function.title if function is not None else function_id)
        parts = ["; ".join(titles)]
        parts.append(money(delegation.limit) if delegation.limit is not None else "no limit set")
        if delegation.basis:
            parts.append(_short_basis(delegation.basis))
        if delegation.further_delegation:
            parts.append("may delegate further")
        edges.append(Edge(delegation.delegator, delegation.delegate, "delegates", " · ".join(parts)))
    for fund in model.pooled_funds:
        add(fund.id)
        for contribution in fund.contributions:
            add(contribution.partner)
            edges.append(Edge(contribution.partner, fund.id, "contributes", money(contribution.amount)))
        if fund.host:
            add(fund.host)
            edges.append(Edge(fund.id, fund.host, "hosts"))
    edges = [e for e in edges if e.source in ids and e.target in ids]
    return Graph("Delegation", tuple(nodes), tuple(edges), direction="TB")


def _short_basis(basis: str) -> str:
    return {
        "scheme_of_delegation": "scheme of delegation",
        "s65z5_delegation": "s.65Z5 delegation",
        "s65z5_joint_exercise": "s.65Z5 joint exercise",
        "s75_agreement": "s.75 agreement",
        "nhse_delegation_agreement": "NHS England delegation agreement",
        "lead_provider_contract": "lead-provider contract",
        "lga_s101": "s.101 LGA 1972",
    }.get(basis, v.LEGAL_BASES[basis].label)
