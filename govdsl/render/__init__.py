"""Stage 4: diagrams of the model (views → Graph → DOT, Mermaid, SVG, PNG, PDF)."""

from __future__ import annotations

from govdsl.model.types import Model
from govdsl.render.dot import to_dot
from govdsl.render.graph import Graph
from govdsl.render.layout import LayoutError, layout
from govdsl.render.mermaid import to_mermaid
from govdsl.render.views import DESCRIPTIONS, VIEWS

FORMATS = ("dot", "svg", "png", "pdf", "mermaid")


class FocusError(Exception):
    """`--focus` named something that is not in the view."""


def view_graph(model: Model, view: str, focus: str | None = None, depth: int | None = None) -> Graph:
    graph = VIEWS[view](model)
    if focus:
        if focus not in {n.id for n in graph.nodes} and focus not in {c.id for c in graph.clusters}:
            raise FocusError(focus)
        graph = graph.focus(focus, depth if depth is not None else 2)
    elif depth is not None:
        graph = graph.limit_depth(depth)
    return graph


def render(model: Model, view: str, fmt: str, focus: str | None = None, depth: int | None = None) -> bytes:
    """One view of the model in one format, as bytes."""
    graph = view_graph(model, view, focus, depth)
    if fmt == "mermaid":
        return to_mermaid(graph).encode("utf-8")
    source = to_dot(graph)
    if fmt == "dot":
        return source.encode("utf-8")
    return layout(source, fmt)


__all__ = ["DESCRIPTIONS", "FORMATS", "FocusError", "LayoutError", "VIEWS", "render", "view_graph"]
