"""The formatter: one canonical layout for `.gov` files (see printer.py)."""

from govdsl.fmt.printer import FormatError, format_source, syntax_shape

__all__ = ["FormatError", "format_source", "syntax_shape"]
