"""A rule's documentation page, as Markdown, from its docstring.

What `govdsl explain CODE` prints, what docs/rules/ holds (docgen.py) and the
help SARIF output carries for each rule: one page, made here, below the
command line and the doc generator that both show it.
"""

from __future__ import annotations

from govdsl.check.registry import CATEGORIES


def rule_markdown(rule) -> str:
    """A rule's documentation page, as Markdown."""
    doc = rule.doc()
    parts = [
        f"# {rule.code}: {rule.name}",
        "",
        f"**{rule.summary}**",
        "",
        f"Category: {CATEGORIES[rule.category()]} · Default severity: {rule.severity.label}",
        "",
        "## What it does",
        doc.what,
        "",
        "## Why is this bad?",
        doc.why,
        "",
        "## Example",
        doc.example,
        "",
        "## Use instead",
        doc.use_instead,
    ]
    for title, body in doc.extra:
        parts += ["", f"## {title}", body]
    return "\n".join(parts).strip() + "\n"
