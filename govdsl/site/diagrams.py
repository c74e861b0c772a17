"""Diagrams for handbook pages: an inline SVG and the same picture in words.

Each diagram is one of the render views (`govdsl.render`), focused on the
page's subject. The SVG is made safe by `svg.inline_svg`; the words are built
from the same `Graph` the SVG was drawn from, so the text alternative says
exactly what the picture shows: one sentence per line drawn.
"""

from __future__ import annotations

import attrs

from govdsl.model.types import Model
from govdsl.render import FocusError, render, view_graph
from govdsl.render.style import EDGE_STYLES
from govdsl.site.svg import inline_svg, width_in_points
from govdsl.text import clean

# Wider than this (in points; the page is about 860 points wide), a diagram shrunk to fit would
# have unreadable text, so it keeps its size and its frame scrolls sideways instead.
WIDE_POINTS = 1100

VIEW_NAMES = {
    "structure": "Structure",
    "accountability": "Accountability",
    "delegation": "Delegation",
    "conflicts": "Conflicts of interest",
    "membership": "Membership",
}


# The key's words, where a sentence needs a verb: "Audit Committee is accountable to the board".
_VERBS = {"accountable_to": "is accountable to", "conflict": "is conflicted in"}


@attrs.frozen
class Relation:
    """One line of a diagram in words: `source verb target`."""

    source: object  # a Link
    verb: str
    target: object  # a Link
    note: str = ""


@attrs.frozen
class Diagram:
    view: str  # the view's name for people: "Accountability"
    title: str  # the accountable name of the picture
    svg: str  # sanitised inline SVG (HTML), ready for the page
    intro: str  # one sentence: what the picture is
    relations: tuple[Relation, ...]
    alone: tuple[object, ...]  # Links for what is drawn but has no line
    wide: bool = False  # too wide to shrink into the page and stay readable: it scrolls instead


def draw(model: Model, view: str, link, *, focus: str | None, depth: int | None, subject: str, id_prefix: str) -> Diagram | None:
    """The `view` diagram around `focus` (the whole view when None), or None if it shows nothing.

    `link(id, label)` makes the Link for a node; `subject` names what the
    diagram is about, for its title ("Audit Committee").
    """
    try:
        graph = view_graph(model, view, focus, depth)
    except FocusError:
        return None
    if not graph.nodes:
        return None
    labels = {n.id: n.label for n in graph.nodes}
    relations = []
    drawn = set()
    for edge in graph.edges:
        source, target = edge.source, edge.target
        verb = _VERBS.get(edge.style) or EDGE_STYLES[edge.style].legend
        if edge.style == "part_of":  # drawn from the whole to the part
            source, target, verb = target, source, "is part of"
        relations.append(
            Relation(link(source, labels[source]), verb, link(target, labels[target]), clean(edge.label) if edge.label else "")
        )
        drawn.update((source, target))
    alone = tuple(link(n.id, n.label) for n in graph.nodes if n.id not in drawn and n.id != focus)
    name = VIEW_NAMES.get(view, view)
    title = f"{name} diagram: {subject}"
    if focus and depth == 0:
        intro = f"{name} diagram of {subject}: what lies within it."
    elif focus:
        intro = f"{name} diagram centred on {subject}, with what lies {_steps(depth)} from it."
    else:
        intro = f"{name} diagram of {subject}."
    svg_bytes = render(model, view, "svg", focus=focus, depth=depth)
    wide = width_in_points(svg_bytes) > WIDE_POINTS
    svg = inline_svg(
        svg_bytes,
        label_id=f"{id_prefix}-title",
        label=title,
        described_by=f"{id_prefix}-words",
        css_class="diagram diagram--wide" if wide else "diagram",
    )
    return Diagram(name, title, svg, intro, tuple(relations), alone, wide)


def _steps(depth: int | None) -> str:
    depth = 2 if depth is None else depth
    return "one step" if depth == 1 else f"up to {depth} steps"
