"""Stage 1: source text to a syntax tree with spans (see `parse`)."""

from govdsl.syntax.parser import ParseResult, parse

__all__ = ["ParseResult", "parse"]
