"""Graphviz SVG made safe to put inside an HTML page.

The diagrams come from Graphviz (or graphviz-pure), whose output is XML with
a declaration, a doctype, comments, `<title>` elements holding internal node
ids and `<a xlink:title>` wrappers for tooltips. None of that belongs in a
page. `inline_svg` parses the SVG and writes it out again from an allow-list:
only drawing elements, only presentation attributes whose values look like
coordinates, colours or font names, every id removed, and all text escaped
again on the way out. Nothing that could run or load anything survives:
no `<script>`, no `<foreignObject>`, no event handlers, no links, no `url(...)`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"

# Elements kept (in the SVG namespace); `a` becomes `g`; anything else is dropped with its children.
_ELEMENTS = frozenset({"svg", "g", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text", "tspan"})
_RENAMED = {"a": "g"}

_NUMBER = r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_NUMBERS = re.compile(rf"^(?:{_NUMBER})(?:[\s,]+{_NUMBER})*$")
_LENGTH = re.compile(rf"^{_NUMBER}(?:pt|px|em|%)?$")
_COLOUR = re.compile(r"^(?:#[0-9a-fA-F]{3,8}|[a-z]{3,20})$")
_PATH = re.compile(r"^[MmLlHhVvCcSsQqTtAaZz0-9eE.,\s-]*$")
_TRANSFORM = re.compile(rf"^(?:\s*(?:scale|rotate|translate|matrix)\((?:\s*{_NUMBER}\s*,?)*\))+\s*$")
_WORDS = re.compile(r"^[A-Za-z][A-Za-z0-9 ,-]{0,60}$")

_ATTRIBUTES: dict[str, re.Pattern] = {
    "viewBox": _NUMBERS,
    "width": _LENGTH,
    "height": _LENGTH,
    "points": _NUMBERS,
    "d": _PATH,
    "transform": _TRANSFORM,
    "x": _NUMBERS,
    "y": _NUMBERS,
    "x1": _LENGTH,
    "y1": _LENGTH,
    "x2": _LENGTH,
    "y2": _LENGTH,
    "cx": _LENGTH,
    "cy": _LENGTH,
    "r": _LENGTH,
    "rx": _LENGTH,
    "ry": _LENGTH,
    "fill": _COLOUR,
    "stroke": _COLOUR,
    "stroke-width": _LENGTH,
    "stroke-dasharray": _NUMBERS,
    "fill-opacity": _LENGTH,
    "stroke-opacity": _LENGTH,
    "text-anchor": _WORDS,
    "font-family": _WORDS,
    "font-size": _LENGTH,
    "font-weight": _WORDS,
    "font-style": _WORDS,
    "class": _WORDS,
}


class UnsafeSvg(ValueError):
    """The layout engine gave something that is not a plain SVG drawing."""


def _local(name: str) -> tuple[str | None, str]:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return None, name


def _attributes(element: ET.Element) -> list[tuple[str, str]]:
    kept = []
    for name, value in element.attrib.items():
        namespace, local = _local(name)
        if namespace is not None:  # xlink:title, xml:space ...
            continue
        pattern = _ATTRIBUTES.get(local)
        if pattern is not None and pattern.match(value.strip()):
            kept.append((local, value.strip()))
    return sorted(kept)


def _write(element: ET.Element, out: list[str]) -> None:
    namespace, local = _local(element.tag)
    if namespace != SVG_NS:
        return
    local = _RENAMED.get(local, local)
    if local not in _ELEMENTS:
        return
    attributes = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in _attributes(element))
    out.append(f"<{local}{attributes}>")
    if element.text and local in ("text", "tspan"):
        out.append(html.escape(element.text, quote=False))
    for child in element:
        _write(child, out)
        if child.tail and local in ("text", "tspan"):
            out.append(html.escape(child.tail, quote=False))
    out.append(f"</{local}>")


def inline_svg(data: bytes, *, label_id: str, label: str, described_by: str | None = None, css_class: str = "diagram") -> str:
    """Graphviz SVG as an HTML fragment: an `<svg role="img">` named by a `<title>`.

    `label` is the diagram's accessible name (plain text, escaped here) and
    `described_by` the id of the visible text that says what it shows.
    """
    if b"<!ENTITY" in data:
        raise UnsafeSvg("the diagram declares XML entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise UnsafeSvg(f"the diagram is not well-formed SVG: {error}") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise UnsafeSvg("the diagram is not an SVG drawing")
    body: list[str] = []
    for child in root:
        _write(child, body)
    attributes = [(name, value) for name, value in _attributes(root) if name in ("viewBox", "width", "height")]
    attributes += [("class", css_class), ("role", "img"), ("focusable", "false"), ("aria-labelledby", label_id)]
    if described_by:
        attributes.append(("aria-describedby", described_by))
    opening = "<svg" + "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes) + ">"
    title = f'<title id="{html.escape(label_id, quote=True)}">{html.escape(label, quote=False)}</title>'
    return opening + title + "".join(body) + "</svg>"


def width_in_points(data: bytes) -> float:
    """The drawing's width as Graphviz gives it (`width="360pt"`), or 0 if it does not say."""
    match = re.search(rb'<svg[^>]*?\swidth="(\d+(?:\.\d+)?)pt"', data)
    return float(match.group(1)) if match else 0.0
