"""Reports for CI: SARIF 2.1.0 (code-scanning uploads) and GitHub workflow annotations."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from govdsl import __version__
from govdsl.diagnostics import Diagnostic, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/govdsl/govdsl"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptions(codes: set[str]) -> list[dict]:
    """SARIF rule entries for the codes used: governance rules and language codes."""
    from govdsl.check.registry import RULES, all_rules
    from govdsl.cli.explain import explain_code, rule_markdown

    all_rules()
    entries = []
    for code in sorted(codes):
        if code in RULES:
            rule = RULES[code]
            doc = rule.doc()
            entries.append(
                {
                    "id": code,
                    "name": rule.name,
                    "shortDescription": {"text": rule.summary},
                    "fullDescription": {"text": doc.what},
                    "help": {"text": doc.why, "markdown": rule_markdown(rule)},
                    "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                    "properties": {"category": rule.category()},
                }
            )
            continue
        text = explain_code(code)
        summary = text.split("\n\n")[1].strip("*") if text else code
        entry = {"id": code, "shortDescription": {"text": summary}}
        if text:
            entry["help"] = {"text": summary, "markdown": text}
        entries.append(entry)
    return entries


def _region(span, sources) -> dict | None:
    source = sources.get(span.file)
    if source is None:
        return None
    start = source.position(span.start)
    end = source.position(max(span.end, span.start))
    region = {"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column}
    if end.line < start.line or (end.line == start.line and end.column <= start.column):
        region["endColumn"] = start.column + 1
        region["endLine"] = start.line
    return region


def _artifact(path: str) -> dict:
    """Paths inside the working folder are relative to the checkout (SRCROOT); others are file URIs."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path.replace("\\", "/")), "uriBaseId": "SRCROOT"}


def _physical(span, sources) -> dict:
    location = {"artifactLocation": _artifact(span.file)}
    region = _region(span, sources)
    if region:
        location["region"] = region
    return location


def _fixes(d: Diagnostic, sources) -> list[dict]:
    """A diagnostic's text edits as a SARIF fix (an attribute to add has no fixed place to show)."""
    if d.fix is None or not d.fix.edits:
        return []
    by_file: dict[str, list] = {}
    for edit in d.fix.edits:
        by_file.setdefault(edit.span.file, []).append(edit)
    changes = []
    for file, edits in by_file.items():
        replacements = []
        for edit in edits:
            region = {"charOffset": edit.span.start, "charLength": edit.span.end - edit.span.start}
            replacements.append({"deletedRegion": region, "insertedContent": {"text": edit.text}})
        changes.append({"artifactLocation": _artifact(file), "replacements": replacements})
    return [{"description": {"text": d.fix.title}, "artifactChanges": changes}]


def fingerprint(diagnostic: Diagnostic, sources, occurrence: int) -> str:
    """Stable across commits: the code, the file, the message and the text of the line, not its number."""
    line_text = ""
    if diagnostic.span is not None and diagnostic.span.file in sources:
        source = sources[diagnostic.span.file]
        line_text = source.line_text(source.position(diagnostic.span.start).line).strip()
    file = diagnostic.span.file if diagnostic.span else ""
    key = "\x1f".join((diagnostic.code, file, diagnostic.message, line_text, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def to_sarif(diagnostics, sources) -> str:
    codes = {d.code for d in diagnostics}
    rules = _rule_descriptions(codes)
    index = {r["id"]: i for i, r in enumerate(rules)}
    seen: dict[tuple, int] = {}
    results = []
    for d in diagnostics:
        text = d.message + (f"\n{d.hint}" if d.hint else "")
        result = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVEL[d.severity],
            "message": {"text": text},
        }
        location = {}
        if d.span is not None:
            location["physicalLocation"] = _physical(d.span, sources)
        if d.subjects:
            # the entities it is about: each a logical location whose kind is its role
            location["logicalLocations"] = [{"name": s.id, "fullyQualifiedName": s.id, "kind": s.role} for s in d.subjects]
            result["properties"] = {"subjects": [{"id": s.id, "role": s.role} for s in d.subjects]}
        if location:
            result["locations"] = [location]
        fixes = _fixes(d, sources)
        if fixes:
            result["fixes"] = fixes
        if d.related:
            result["relatedLocations"] = [
                {"id": i + 1, "physicalLocation": _physical(r.span, sources), "message": {"text": r.message}}
                for i, r in enumerate(d.related)
            ]
        key = (d.code, d.span.file if d.span else "", d.message)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        result["partialFingerprints"] = {"govdslFingerprint/v1": fingerprint(d, sources, occurrence)}
        results.append(result)
    report = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govdsl",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(diagnostics, sources) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for d in diagnostics:
        properties = []
        if d.span is not None:
            properties.append(f"file={_escape_property(d.span.file)}")
            region = _region(d.span, sources)
            if region:
                properties += [
                    f"line={region['startLine']}",
                    f"col={region['startColumn']}",
                    f"endLine={region['endLine']}",
                    f"endColumn={region['endColumn']}",
                ]
        properties.append(f"title={_escape_property(d.code + (' ' + d.rule if d.rule else ''))}")
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(f"::{command[d.severity]} {','.join(properties)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
