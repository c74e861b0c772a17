"""Showing a semantic diff: as text for a terminal, Markdown for a pull request, or JSON."""

from __future__ import annotations

import json

import attrs

from govdsl.diff.compare import CATEGORIES, ModelDiff
from govdsl.text import clean, money

_SECTION_TITLES = dict(CATEGORIES) | {"lines": "Accountability lines"}
_ACTION_WORDS = {"added": "Added", "removed": "Removed", "changed": "Changed", "renamed": "Renamed"}


def _signed(amount) -> str:
    if amount == 0:
        return "£0"
    return ("+" if amount > 0 else "−") + money(abs(amount))


def _sections(diff: ModelDiff):
    order = [c for c, _ in CATEGORIES] + ["lines"]
    for category in order:
        changes = [c for c in diff.changes if c.category == category]
        if changes:
            yield _SECTION_TITLES[category], changes


def to_markdown(diff: ModelDiff, title: str = "Governance changes") -> str:
    def md(text: str) -> str:
        text = clean(text)
        for ch in "\\|<>*_[]#":
            text = text.replace(ch, "\\" + ch)
        return text.replace("\\`", "`")

    lines = [f"## {md(title)}", ""]
    if diff.empty:
        lines.append("No change to the governance arrangements (layout, comments and order do not count).")
        return "\n".join(lines) + "\n"
    if diff.introduces_error:
        lines += ["> **This change introduces errors** — see *Findings introduced* below.", ""]
    for section, changes in _sections(diff):
        lines += [f"### {section}", ""]
        for change in changes:
            lines.append(f"- **{_ACTION_WORDS[change.action]}** {md(change.title)} (`{change.id}`)")
            for detail in change.details:
                lines.append(f"  - {md(detail)}")
        lines.append("")
    for heading, moves in (("Delegated money by forum", diff.money_by_forum), ("Delegated money by tier", diff.money_by_tier)):
        if moves:
            lines += [f"### {heading}", "", "| | Before | After | Change |", "|---|---:|---:|---:|"]
            for m in moves:
                lines.append(f"| {md(m.title)} | {money(m.before) or '£0'} | {money(m.after) or '£0'} | {_signed(m.delta)} |")
            lines.append("")
    for heading, findings in (("Findings introduced", diff.findings_introduced), ("Findings resolved", diff.findings_resolved)):
        if findings:
            lines += [f"### {heading}", ""]
            for f in findings:
                lines.append(f"- `{f.code}` {f.severity}: {md(f.message)}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def print_text(console, diff: ModelDiff) -> None:
    from rich.markup import escape

    if diff.empty:
        console.print("No change to the governance arrangements.", highlight=False)
        return
    colours = {"added": "green", "removed": "red", "changed": "yellow", "renamed": "cyan"}
    for section, changes in _sections(diff):
        console.print(f"[bold]{escape(section)}[/]", highlight=False)
        for change in changes:
            colour = colours[change.action]
            console.print(f"  [{colour}]{_ACTION_WORDS[change.action]}[/] {escape(clean(change.title))} ({escape(change.id)})", highlight=False)
            for detail in change.details:
                console.print(f"      {escape(clean(detail))}", highlight=False)
        console.print()
    for heading, moves in (("Delegated money by forum", diff.money_by_forum), ("Delegated money by tier", diff.money_by_tier)):
        if moves:
            console.print(f"[bold]{heading}[/]", highlight=False)
            for m in moves:
                console.print(f"  {escape(clean(m.title))}: {money(m.before) or '£0'} → {money(m.after) or '£0'} ({_signed(m.delta)})", highlight=False)
            console.print()
    for heading, findings, colour in (
        ("Findings introduced", diff.findings_introduced, "red"),
        ("Findings resolved", diff.findings_resolved, "green"),
    ):
        if findings:
            console.print(f"[bold]{heading}[/]", highlight=False)
            for f in findings:
                console.print(f"  [{colour}]{f.code}[/] {f.severity}: {escape(clean(f.message))}", highlight=False)
            console.print()


def to_json(diff: ModelDiff) -> str:
    def plain(value):
        return attrs.asdict(value, value_serializer=lambda _i, _a, v: str(v) if hasattr(v, "as_tuple") else v)

    report = {
        "format_version": 1,
        "empty": diff.empty,
        "introduces_error": diff.introduces_error,
        "changes": [plain(c) for c in diff.changes],
        "money_by_forum": [plain(m) | {"delta": str(m.delta)} for m in diff.money_by_forum],
        "money_by_tier": [plain(m) | {"delta": str(m.delta)} for m in diff.money_by_tier],
        "findings_introduced": [plain(f) for f in diff.findings_introduced],
        "findings_resolved": [plain(f) for f in diff.findings_resolved],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
