"""Writing a `Graph` as Graphviz DOT, with a key to the shapes and lines used.

Every attribute is set explicitly and everything is emitted in a fixed order,
so the same model always gives the same DOT, byte for byte. User text is
cleaned (govdsl.text.clean) and then escaped for DOT's escString: backslashes
are doubled so a name cannot smuggle in `\\N`-style substitutions, and the
`graphviz` library quotes the result.
"""

from __future__ import annotations

import html

import graphviz

from govdsl.render.graph import Graph
from govdsl.render.style import CLUSTER_STYLES, EDGE_STYLES, FONT, NODE_STYLES, TEXT
from govdsl.text import clean, wrap


def _text(text: str, width: int = 26, limit: int = 120) -> str:
    """User text as a DOT label: cleaned, wrapped, escaped, and never read as an HTML label."""
    lines = wrap(clean(text, limit), width)
    return graphviz.nohtml("\\n".join(graphviz.escape(line) for line in lines))


def _label(title: str, detail: str) -> str:
    label = _text(title)
    if detail:
        label += "\\n" + _text(detail, 34)
    return graphviz.nohtml(label)


def _id(index: int) -> str:
    return f"n{index}"


def to_dot(graph: Graph, legend: bool = True) -> str:
    dot = graphviz.Digraph(
        name="govdsl",
        graph_attr={
            "rankdir": graph.direction,
            "fontname": FONT,
            "fontsize": "12",
            "label": _text(graph.title, 200, 200),
            "labelloc": "t",
            "nodesep": "0.35",
            "ranksep": "0.6",
            "newrank": "true",
            "compound": "true",
            "bgcolor": "white",
        },
        node_attr={"fontname": FONT, "fontsize": "11", "style": "filled", "penwidth": "1.4", "margin": "0.15,0.06"},
        edge_attr={"fontname": FONT, "fontsize": "9", "fontcolor": TEXT},
    )
    ids = {node.id: _id(i) for i, node in enumerate(graph.nodes)}
    children: dict[str | None, list] = {}
    for cluster in graph.clusters:
        children.setdefault(cluster.parent, []).append(cluster)
    members: dict[str | None, list] = {}
    for node in graph.nodes:
        members.setdefault(node.cluster, []).append(node)

    def emit_nodes(target, cluster_id):
        for node in members.get(cluster_id, []):
            style = NODE_STYLES.get(node.style, NODE_STYLES["other"])
            attributes = {
                "label": _label(node.label, node.detail),
                "shape": style.shape,
                "fillcolor": style.fill,
                "fontcolor": style.font,
                "color": style.border,
                "tooltip": _text(node.tooltip or node.label, 200, 200),
            }
            attributes.update(dict(style.extra))
            target.node(ids[node.id], **attributes)

    def emit_cluster(target, cluster, number):
        fill, border = CLUSTER_STYLES.get(cluster.style, CLUSTER_STYLES["group"])
        with target.subgraph(name=f"cluster_{number}") as sub:
            sub.attr(
                label=_text(cluster.label, 60, 160),
                style="filled,rounded",
                fillcolor=fill,
                color=border,
                fontcolor=TEXT,
                fontname=FONT,
                fontsize="12",
                labeljust="l",
            )
            emit_nodes(sub, cluster.id)
            for child in children.get(cluster.id, []):
                emit_cluster(sub, child, cluster_numbers[child.id])

    cluster_numbers = {c.id: i for i, c in enumerate(graph.clusters)}
    emit_nodes(dot, None)
    for cluster in children.get(None, []):
        emit_cluster(dot, cluster, cluster_numbers[cluster.id])
    # nodes whose cluster is not drawn are drawn at the top level
    known = {c.id for c in graph.clusters}
    for cluster_id in sorted(k for k in members if k is not None and k not in known):
        emit_nodes(dot, cluster_id)

    for edge in graph.edges:
        style = EDGE_STYLES[edge.style]
        attributes = {"color": style.colour, "style": style.dot_style, "arrowhead": style.arrow}
        if edge.label:
            attributes["label"] = _text(edge.label, 30, 160)
        dot.edge(ids[edge.source], ids[edge.target], **attributes)

    if legend:
        _legend(dot, graph)
    return dot.source


_LINE_SAMPLES = {"solid": "———", "bold": "<B>———</B>", "dashed": "– – –", "dotted": "· · · · ·"}


def _legend(dot: graphviz.Digraph, graph: Graph) -> None:
    """A key to the shapes, colours and lines used in this diagram, as one table."""
    node_styles = sorted({n.style for n in graph.nodes}, key=list(NODE_STYLES).index)
    edge_styles = sorted({e.style for e in graph.edges}, key=list(EDGE_STYLES).index)
    if not node_styles and not edge_styles:
        return
    rows = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Key</B></TD></TR>']
    for name in node_styles:
        style = NODE_STYLES[name]
        rows.append(
            f'<TR><TD BGCOLOR="{style.fill}" COLOR="{style.border}" BORDER="1" WIDTH="28"> </TD>'
            f'<TD ALIGN="LEFT">{html.escape(style.legend)}</TD></TR>'
        )
    for name in edge_styles:
        style = EDGE_STYLES[name]
        sample = _LINE_SAMPLES.get(style.dot_style, "———")
        rows.append(
            f'<TR><TD><FONT COLOR="{style.colour}">{sample}</FONT></TD>'
            f'<TD ALIGN="LEFT">{html.escape(style.legend)}</TD></TR>'
        )
    table = '<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2" COLOR="#768692">' + "".join(rows) + "</TABLE>>"
    dot.node("key", label=table, shape="plain", fontsize="9", style="")
