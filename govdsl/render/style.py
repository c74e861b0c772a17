"""The visual language of govdsl diagrams: one shape and colour per kind of thing.

Colours come from the NHS identity palette. Every fill is paired with a text
colour that meets WCAG AA contrast (4.5:1) against it; `tests/render` checks.
"""

from __future__ import annotations

import attrs

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
NHS_LIGHT_BLUE = "#41B6E6"
NHS_DARK_GREEN = "#007F3B"
NHS_PURPLE = "#330072"
NHS_DARK_GREY = "#425563"
NHS_MID_GREY = "#768692"
NHS_PALE_GREY = "#E8EDEE"
NHS_WARM_YELLOW = "#FFB81C"
NHS_RED = "#DA291C"
NHS_DARK_PINK = "#7C2855"
TEXT = "#212B32"
WHITE = "#FFFFFF"


@attrs.frozen
class NodeStyle:
    legend: str  # what it means, for the key
    shape: str
    fill: str
    font: str
    border: str
    extra: tuple[tuple[str, str], ...] = ()  # further DOT attributes


NODE_STYLES: dict[str, NodeStyle] = {
    "nhs_england": NodeStyle("NHS England", "box", NHS_DARK_BLUE, WHITE, NHS_DARK_BLUE),
    "icb": NodeStyle("Integrated care board", "box", NHS_BLUE, WHITE, NHS_DARK_BLUE),
    "nhs_provider": NodeStyle("NHS trust or foundation trust", "box", NHS_LIGHT_BLUE, TEXT, NHS_BLUE),
    "primary_care": NodeStyle("Primary care", "box", NHS_DARK_PINK, WHITE, NHS_DARK_PINK),
    "council": NodeStyle("Local government", "box", NHS_DARK_GREEN, WHITE, NHS_DARK_GREEN),
    "vcse": NodeStyle("Voluntary sector and social enterprise", "box", NHS_PURPLE, WHITE, NHS_PURPLE),
    "public_voice": NodeStyle("Public voice (Healthwatch)", "box", NHS_WARM_YELLOW, TEXT, "#B27D00"),
    "independent": NodeStyle("Independent sector and other", "box", NHS_DARK_GREY, WHITE, NHS_DARK_GREY),
    "board": NodeStyle("Board", "box", NHS_PALE_GREY, TEXT, NHS_DARK_BLUE, (("peripheries", "2"),)),
    "committee": NodeStyle("Committee or sub-committee", "box", WHITE, TEXT, NHS_BLUE, (("style", "rounded,filled"),)),
    "joint": NodeStyle("Joint committee or committees in common", "box", WHITE, TEXT, NHS_DARK_GREEN, (("style", "rounded,filled,bold"),)),
    "partnership": NodeStyle("Partnership (ICP, health and wellbeing board, place)", "hexagon", "#F0F4F5", TEXT, NHS_DARK_GREEN),
    "collaborative": NodeStyle("Provider collaborative", "component", "#F0F4F5", TEXT, NHS_BLUE),
    "person": NodeStyle("Person", "ellipse", WHITE, TEXT, NHS_DARK_GREY),
    "decision": NodeStyle("Decision", "note", "#FFF4D6", TEXT, "#B27D00"),
    "fund": NodeStyle("Pooled fund", "cylinder", "#E6F4EC", TEXT, NHS_DARK_GREEN),
    "other": NodeStyle("Other", "box", WHITE, TEXT, NHS_MID_GREY),
}


@attrs.frozen
class EdgeStyle:
    legend: str
    colour: str
    dot_style: str  # solid, dashed, dotted, bold
    arrow: str = "normal"
    mermaid: str = "-->"  # -->, -.->, ==>, ---


EDGE_STYLES: dict[str, EdgeStyle] = {
    "part_of": EdgeStyle("is part of", NHS_MID_GREY, "solid", "none", "---"),
    "accountable_to": EdgeStyle("accountable to", TEXT, "solid", "normal", "-->"),
    "reports_to": EdgeStyle("reports to", NHS_BLUE, "dashed", "normal", "-.->"),
    "assures": EdgeStyle("gives assurance to", NHS_BLUE, "dashed", "normal", "-.->"),
    "advises": EdgeStyle("advises", NHS_DARK_GREY, "dotted", "vee", "-.->"),
    "arbiter": EdgeStyle("resolves disputes for", NHS_PURPLE, "dotted", "diamond", "-.->"),
    "delegates": EdgeStyle("delegates to", NHS_DARK_GREEN, "bold", "normal", "==>"),
    "contributes": EdgeStyle("contributes to", NHS_DARK_GREEN, "dashed", "normal", "-.->"),
    "seat": EdgeStyle("sits on", NHS_DARK_GREY, "solid", "none", "---"),
    "interest": EdgeStyle("has an interest in", NHS_RED, "dashed", "normal", "-.->"),
    "affects": EdgeStyle("affects", NHS_DARK_GREY, "dotted", "normal", "-.->"),
    "conflict": EdgeStyle("takes part although conflicted in", NHS_RED, "bold", "normal", "==>"),
    "stepped_out": EdgeStyle("stepped out of", NHS_DARK_GREEN, "dashed", "tee", "-.->"),
    "hosts": EdgeStyle("is hosted by", NHS_DARK_GREEN, "solid", "odiamond", "---"),
}

CLUSTER_STYLES = {
    "system": ("#F0F4F5", NHS_DARK_BLUE),
    "subsystem": ("#F7F9FA", NHS_BLUE),
    "place": ("#FFFFFF", NHS_DARK_GREEN),
    "neighbourhood": ("#FFFFFF", NHS_MID_GREY),
    "group": ("#FFFFFF", NHS_MID_GREY),
}

FONT = "Arial"


def organisation_style(kind: str, sector: str) -> str:
    if kind in ("nhs_england", "nhs_england_region"):
        return "nhs_england"
    if kind == "icb":
        return "icb"
    if kind in ("nhs_trust", "foundation_trust"):
        return "nhs_provider"
    if kind in ("gp_practice", "primary_care_network", "gp_federation"):
        return "primary_care"
    if sector in NODE_STYLES:
        return sector
    return {"local_government": "council"}.get(sector, "independent")


def relative_luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
