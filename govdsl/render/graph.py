"""A neutral picture of the model: nodes, edges and nested clusters.

Each view (structure, accountability, delegation, conflicts, membership)
builds a `Graph` from the model; the DOT and Mermaid writers turn a `Graph`
into text. Views decide what to show; writers decide only how to spell it.
"""

from __future__ import annotations

from collections import deque

import attrs


@attrs.frozen
class Node:
    id: str
    label: str  # the main line: a name
    detail: str = ""  # a second, smaller line: its kind, a money figure
    style: str = "other"  # a key into style.NODE_STYLES
    cluster: str | None = None  # the cluster it is drawn in
    tooltip: str = ""


@attrs.frozen
class Edge:
    source: str
    target: str
    style: str  # a key into style.EDGE_STYLES
    label: str = ""


@attrs.frozen
class Cluster:
    id: str
    label: str
    parent: str | None = None
    style: str = "tier"


@attrs.frozen
class Graph:
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    clusters: tuple[Cluster, ...] = ()
    direction: str = "TB"  # TB top to bottom, LR left to right

    def focus(self, centre: str, depth: int) -> "Graph":
        """What lies within `depth` steps of `centre` (a node, or a cluster and all it holds)."""
        node_ids = {n.id for n in self.nodes}
        children: dict[str | None, list[str]] = {}
        for c in self.clusters:
            children.setdefault(c.parent, []).append(c.id)
        inside: set[str] = set()
        if centre in {c.id for c in self.clusters}:
            wanted, stack = {centre}, [centre]
            while stack:
                for child in children.get(stack.pop(), []):
                    wanted.add(child)
                    stack.append(child)
            inside = {n.id for n in self.nodes if n.cluster in wanted}
        elif centre in node_ids:
            inside = {centre}
        neighbours: dict[str, set[str]] = {}
        for e in self.edges:
            neighbours.setdefault(e.source, set()).add(e.target)
            neighbours.setdefault(e.target, set()).add(e.source)
        keep = set(inside)
        frontier = deque((n, 0) for n in sorted(inside))
        while frontier:
            node, distance = frontier.popleft()
            if distance >= depth:
                continue
            for other in sorted(neighbours.get(node, ())):
                if other not in keep:
                    keep.add(other)
                    frontier.append((other, distance + 1))
        return self.restrict(keep)

    def restrict(self, keep: set[str]) -> "Graph":
        nodes = tuple(n for n in self.nodes if n.id in keep)
        edges = tuple(e for e in self.edges if e.source in keep and e.target in keep)
        used = {n.cluster for n in nodes if n.cluster}
        parent_of = {c.id: c.parent for c in self.clusters}
        for cluster in list(used):
            parent = parent_of.get(cluster)
            while parent:
                used.add(parent)
                parent = parent_of.get(parent)
        clusters = tuple(c for c in self.clusters if c.id in used)
        return attrs.evolve(self, nodes=nodes, edges=edges, clusters=clusters)

    def limit_depth(self, depth: int) -> "Graph":
        """Only the clusters nested at most `depth` deep (and what they hold)."""
        level: dict[str, int] = {}
        for c in self.clusters:  # parents are declared before their children
            level[c.id] = 0 if c.parent is None else level.get(c.parent, 0) + 1
        keep_clusters = {c for c, lvl in level.items() if lvl <= depth}
        keep = {n.id for n in self.nodes if n.cluster is None or n.cluster in keep_clusters}
        return self.restrict(keep)
