"""`govdsl rules` and `govdsl explain`: the rules' own documentation, printed."""

from __future__ import annotations

import json

from rich.table import Table

from govdsl.check.registry import CATEGORIES, RULES, all_rules
from govdsl.check.rule_docs import rule_markdown


def explain_code(code: str) -> str | None:
    all_rules()
    if code in RULES:
        return rule_markdown(RULES[code])
    try:
        from govdsl.codes import LANGUAGE_CODES
    except ImportError:  # pragma: no cover - the catalogue ships with the package
        return None
    entry = LANGUAGE_CODES.get(code)
    if entry is None:
        return None
    return (
        f"# {entry.code}: {entry.name}\n\n**{entry.summary}**\n\nSeverity: {entry.severity.label}\n\n"
        f"## Why it matters\n{entry.explanation}\n\n## Example\n{entry.example}\n\n## How to fix it\n{entry.fix}\n"
    )


def rules_table(rules) -> Table:
    table = Table(title="govdsl rules", show_lines=False)
    table.add_column("Code", no_wrap=True)
    table.add_column("Name", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("What it checks")
    for rule in rules:
        table.add_row(rule.code, rule.name, rule.severity.label, rule.summary)
    return table


def rules_json(rules) -> str:
    out = []
    for rule in rules:
        doc = rule.doc()
        out.append(
            {
                "code": rule.code,
                "name": rule.name,
                "category": rule.category(),
                "category_name": CATEGORIES[rule.category()],
                "severity": rule.severity.label,
                "summary": rule.summary,
                "what_it_does": doc.what,
                "why": doc.why,
                "example": doc.example,
                "use_instead": doc.use_instead,
                "documentation": rule_markdown(rule),
            }
        )
    return json.dumps({"format_version": 1, "rules": out}, indent=2, ensure_ascii=False) + "\n"
