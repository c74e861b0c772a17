"""Loading the grammar: one LALR parser per process, built on first use.

The grammar lives in `grammar/govdsl.lark` at the top of the repository; a
wheel carries a copy inside the package (`govdsl/_grammar/`, see
pyproject.toml), which is preferred when present.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent.parent / "_grammar" / "govdsl.lark"
_REPOSITORY = Path(__file__).resolve().parents[2] / "grammar" / "govdsl.lark"


def grammar_path() -> Path:
    return _PACKAGED if _PACKAGED.exists() else _REPOSITORY


@cache
def grammar_text() -> str:
    return grammar_path().read_text(encoding="utf-8")


@cache
def bare_parser():
    """The plain lark LALR parser, building lark trees: the benchmark baseline."""
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", lexer="contextual")
