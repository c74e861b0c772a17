"""Making user text safe to show: no control characters, no direction overrides.

Names come from `.gov` files written by anyone. Before any output (terminal,
DOT, SVG, HTML, Mermaid, CSV) escapes text for its own syntax, `clean`
removes what could hide or reorder text on screen: control characters and
the Unicode bidirectional overrides used in "Trojan source" tricks.
Combining marks and right-to-left scripts are kept: they are legitimate text.
"""

from __future__ import annotations

import unicodedata

_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}


def clean(text: str, limit: int | None = None) -> str:
    out = []
    for ch in text:
        if ch in _BIDI_CONTROLS:
            continue
        if ch in "\n\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cs"):
            out.append("\N{REPLACEMENT CHARACTER}")
        else:
            out.append(ch)
    result = "".join(out)
    if limit is not None and len(result) > limit:
        result = result[: limit - 1].rstrip() + "…"
    return result


def wrap(text: str, width: int = 26) -> list[str]:
    """Split a label into lines of about `width` characters, at spaces."""
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines or [""]


def money(amount) -> str:
    """£18m, £1.5m, £250k, £900 — short amounts for diagram labels."""
    if amount is None:
        return ""
    value = float(amount)
    if value >= 1_000_000_000:
        return f"£{value / 1_000_000_000:.2f}".rstrip("0").rstrip(".") + "bn"
    if value >= 1_000_000:
        return f"£{value / 1_000_000:.2f}".rstrip("0").rstrip(".") + "m"
    if value >= 1_000:
        return f"£{value / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    return f"£{value:,.0f}"
