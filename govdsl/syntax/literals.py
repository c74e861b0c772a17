"""The values of literals as written: numbers with their scale, strings with their escapes.

Shared by the careful parser's builder (parser.py) and the quick reader (reader.py), so the
two build the same values from the same text.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from govdsl.syntax import nodes

_SCALE = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000}


def scaled_number(raw: str) -> Decimal:
    """`1_020_000`, `330k`, `1.02m`, `1,200,000` as a Decimal."""
    text = raw.replace("_", "").replace(",", "")
    suffix = ""
    for candidate in ("bn", "k", "m", "b"):
        if text.endswith(candidate):
            suffix = candidate
            text = text[: -len(candidate)]
            break
    try:
        return Decimal(text) * _SCALE[suffix]
    except InvalidOperation:  # the grammar's patterns make this unreachable
        return Decimal(0)


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unescape(raw: str) -> str:
    body = raw[1:-1]
    if "\\" not in body:
        return body
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append(_ESCAPES.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def term_node(kind: str, value: str, span) -> nodes.Term | None:
    """The syntax node of a one-token term of the grammar's kind `kind`; None for any other kind."""
    if kind == "NAME":
        return nodes.Word(value, span)
    if kind == "STRING":
        return nodes.Str(unescape(value), value, span)
    if kind == "NUMBER":
        return nodes.Number(scaled_number(value), value, span)
    if kind == "MONEY":
        return nodes.Money(scaled_number(value[1:]), value, span)
    if kind == "PERCENT":
        return nodes.Percent(Decimal(value[:-1]), value, span)
    if kind == "DATE":
        return nodes.DateLit(value, span)
    return None
