"""Writing a `Graph` as a Mermaid flowchart, which GitHub and GitLab draw in Markdown.

Mermaid labels are quoted and every character that Mermaid or Markdown could
read as syntax is written as an entity code (`#quot;`, `#lt;`, `#35;`...), so
a name can never close its quotes, open a link, or inject HTML.
"""

from __future__ import annotations

from govdsl.render.graph import Graph
from govdsl.render.style import CLUSTER_STYLES, EDGE_STYLES, NODE_STYLES
from govdsl.text import clean, wrap

_ENTITIES = {
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "#": "#35;",
    "&": "#amp;",
    "|": "#124;",
    "`": "#96;",
    ";": "#59;",
    "\\": "#92;",
}


def _escape(text: str) -> str:
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def _text(text: str, width: int = 28, limit: int = 120) -> str:
    return "<br/>".join(_escape(line) for line in wrap(clean(text, limit), width))


def to_mermaid(graph: Graph) -> str:
    direction = {"TB": "TB", "BT": "BT", "LR": "LR", "RL": "RL"}.get(graph.direction, "TB")
    lines = ["---", f"title: {_escape(clean(graph.title))}", "---", f"flowchart {direction}"]
    ids = {node.id: f"n{i}" for i, node in enumerate(graph.nodes)}
    children: dict[str | None, list] = {}
    for cluster in graph.clusters:
        children.setdefault(cluster.parent, []).append(cluster)
    members: dict[str | None, list] = {}
    for node in graph.nodes:
        members.setdefault(node.cluster, []).append(node)
    numbers = {c.id: i for i, c in enumerate(graph.clusters)}

    def emit_nodes(cluster_id, indent):
        for node in members.get(cluster_id, []):
            label = _text(node.label)
            if node.detail:
                label += "<br/><small>" + _text(node.detail, 34) + "</small>"
            lines.append(f'{indent}{ids[node.id]}["{label}"]:::{node.style}')

    def emit_cluster(cluster, indent):
        lines.append(f'{indent}subgraph c{numbers[cluster.id]}["{_text(cluster.label, 60, 160)}"]')
        emit_nodes(cluster.id, indent + "  ")
        for child in children.get(cluster.id, []):
            emit_cluster(child, indent + "  ")
        lines.append(f"{indent}end")

    emit_nodes(None, "  ")
    for cluster in children.get(None, []):
        emit_cluster(cluster, "  ")
    known = {c.id for c in graph.clusters}
    for cluster_id in sorted(k for k in members if k is not None and k not in known):
        emit_nodes(cluster_id, "  ")
    for edge in graph.edges:
        arrow = EDGE_STYLES[edge.style].mermaid
        label = f'|"{_text(edge.label, 30, 160)}"|' if edge.label else ""
        lines.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
    for name in sorted({n.style for n in graph.nodes}, key=list(NODE_STYLES).index):
        style = NODE_STYLES[name]
        lines.append(f"  classDef {name} fill:{style.fill},color:{style.font},stroke:{style.border}")
    for cluster in graph.clusters:
        fill, border = CLUSTER_STYLES.get(cluster.style, CLUSTER_STYLES["group"])
        lines.append(f"  style c{numbers[cluster.id]} fill:{fill},stroke:{border}")
    return "\n".join(lines) + "\n"
