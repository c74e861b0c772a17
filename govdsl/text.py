"""Plain English for people, and user text made safe to show.

Names come from `.gov` files written by anyone. Before any output (terminal,
DOT, SVG, HTML, Mermaid, CSV, Markdown, spreadsheets) escapes text for its
own syntax, `clean` makes it inert: nothing in it can hide or reorder text
on screen. Combining marks, the zero-width joiners some scripts need and
right-to-left scripts are kept: they are legitimate text.

The small pieces of English here (`article`, `wrap`, `money`) know nothing
of the model, so every layer, the resolver's messages included, can use
them; how a model's entities are worded is `govdsl.analysis.wording`.
"""

from __future__ import annotations

import unicodedata

# Line and paragraph separators, written as a line break.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n"})
# Format characters that are part of writing some languages, not tricks: kept.
_JOINERS = frozenset({"\u200c", "\u200d"})


def clean(text: str | None, limit: int | None = None, *, lines: bool = False) -> str:
    """User text made inert, for any output.

    Line breaks become spaces (kept as `\\n` with `lines`, for documents whose
    cells may hold several lines); tabs and other spaces become plain spaces;
    every other control or format character, including the direction
    overrides of "Trojan source" tricks (U+202E, the right-to-left override),
    becomes U+FFFD, so that it shows up instead of silently changing what is
    read. Leading and trailing spaces go; `limit` shortens to that many
    characters, ending with `…`.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\n" if lines else " ")
        elif ch.isprintable() or ch in _JOINERS:
            out.append(ch)
        elif ch == "\t" or unicodedata.category(ch) == "Zs":
            out.append(" ")
        else:
            out.append("\N{REPLACEMENT CHARACTER}")
    result = "".join(out).strip()
    if limit is not None and len(result) > limit:
        result = result[: limit - 1].rstrip() + "…"
    return result


def article(label: str) -> str:
    """`a committee`, `an integrated care board`, `an NHS trust`, `a unitary council`."""
    if label.startswith(("NHS", "ICB", "ICP")):
        vowel_sound = True
    elif label.startswith(("uni", "use")):
        vowel_sound = False
    else:
        vowel_sound = label[:1].lower() in "aeiou"
    return ("an " if vowel_sound else "a ") + label


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
    if value == float("inf"):
        return "unlimited"  # `limit: unlimited`, which is not the same as no limit stated
    if value >= 1_000_000_000:
        return f"£{value / 1_000_000_000:.2f}".rstrip("0").rstrip(".") + "bn"
    if value >= 1_000_000:
        return f"£{value / 1_000_000:.2f}".rstrip("0").rstrip(".") + "m"
    if value >= 1_000:
        return f"£{value / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    return f"£{value:,.0f}"
