"""Inline suppressions: `# govdsl: allow CODE because REASON`.

A suppression written at the end of a line covers that line. Written on a
line of its own, it covers the next line, and if that line opens a block
(a declaration, or an attribute with `{ ... }`), the whole block. A reason is
mandatory; a suppression without one, with a code that is not a rule, or
that suppresses nothing is itself reported, so suppressions cannot rot.
"""

from __future__ import annotations

import re

import attrs

from govdsl.diagnostics import Diagnostic, Edit, Fix, Severity, did_you_mean
from govdsl.source import SourceFile, Span
from govdsl.syntax import nodes

_DIRECTIVE = re.compile(r"#\s*govdsl\s*:\s*(?P<body>.*)$")
_ALLOW = re.compile(r"^allow\s+(?P<codes>[A-Za-z0-9_,\s]+?)(?:\s+because\b\s*(?P<reason>.*))?$")


@attrs.define
class Suppression:
    codes: tuple[str, ...]
    reason: str
    span: Span  # the comment
    file: str
    first_line: int
    last_line: int
    used: set = attrs.field(factory=set)


def _block_lines(document: nodes.Document, source: SourceFile) -> dict[int, int]:
    """For each line that opens a block, the line where the block ends."""
    ends: dict[int, int] = {}

    def visit_block(block: nodes.Block):
        for attr in block.attributes:
            if attr.block is not None:
                start = source.position(attr.span.start).line
                ends[start] = max(ends.get(start, start), source.position(attr.span.end).line)
                visit_block(attr.block)

    for item in document.items:
        if isinstance(item, nodes.Declaration):
            start = source.position(item.span.start).line
            ends[start] = max(ends.get(start, start), source.position(item.span.end).line)
            visit_block(item.block)
    return ends


def collect(documents, sources: dict, known_codes: set[str]) -> tuple[list[Suppression], list[Diagnostic]]:
    suppressions: list[Suppression] = []
    problems: list[Diagnostic] = []
    for document in documents:
        source: SourceFile = sources.get(document.path)
        if source is None or not document.comments:
            continue
        block_ends = None
        for comment in document.comments:
            match = _DIRECTIVE.match(comment.text)
            if not match:
                continue
            body = match.group("body").strip()
            allow = _ALLOW.match(body)
            if not allow:
                word = body.split()[0] if body.split() else ""
                hint = "Write it as `# govdsl: allow CODE because REASON`."
                fix = None
                if word and word != "allow" and did_you_mean(word, ["allow"]):
                    hint = "Did you mean `allow`? " + hint
                    fix = _corrected(comment, match, word, "allow")
                problems.append(
                    Diagnostic("SUP003", Severity.ERROR, "this govdsl comment is not understood", comment.span, hint, fix=fix)
                )
                continue
            codes = tuple(c for c in re.split(r"[\s,]+", allow.group("codes").strip()) if c)
            bad = [c for c in codes if c not in known_codes]
            for code in bad:
                suggestion = did_you_mean(code, known_codes)
                problems.append(
                    Diagnostic(
                        "SUP003",
                        Severity.ERROR,
                        f"`{code}` is not a rule code",
                        comment.span,
                        f"Did you mean `{suggestion}`?" if suggestion else "Run `govdsl rules` to list the codes.",
                        fix=_corrected(comment, match, code, suggestion) if suggestion else None,
                    )
                )
            reason = (allow.group("reason") or "").strip()
            if not reason:
                problems.append(
                    Diagnostic(
                        "SUP001",
                        Severity.ERROR,
                        "a suppression must give its reason",
                        comment.span,
                        f"Say why, so the next reader knows: `# govdsl: allow {', '.join(codes)} because ...`.",
                    )
                )
            line = source.position(comment.span.start).line
            before = source.line_text(line)[: source.position(comment.span.start).column - 1]
            if before.strip():
                first = last = line  # at the end of a line of code: that line
            else:
                first = _next_code_line(source, line)
                if block_ends is None:
                    block_ends = _block_lines(document, source)
                last = block_ends.get(first, first)
            good = tuple(c for c in codes if c in known_codes)
            if good:
                suppressions.append(Suppression(good, reason, comment.span, document.path, first, last))
    return suppressions, problems


def _corrected(comment: nodes.Comment, match: re.Match, wrong: str, meant: str) -> Fix:
    """The comment with its first `wrong` word after `govdsl:` written as `meant`."""
    start = match.start("body")
    text = comment.text[:start] + comment.text[start:].replace(wrong, meant, 1)
    return Fix(f"Change `{wrong}` to `{meant}`", (Edit(comment.span, text),))


def _next_code_line(source: SourceFile, line: int) -> int:
    n = line + 1
    total = source.text.count("\n") + 1
    while n <= total:
        text = source.line_text(n).strip()
        if text and not text.startswith("#"):
            return n
        n += 1
    return line


def apply(diagnostics, suppressions: list[Suppression], sources: dict, enabled: set[str]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Split rule findings into kept ones, and report suppressions of enabled rules that matched nothing."""
    by_file: dict[str, list[Suppression]] = {}
    for s in suppressions:
        by_file.setdefault(s.file, []).append(s)
    kept = []
    for d in diagnostics:
        if d.span is not None and d.span.file in by_file:
            line = sources[d.span.file].position(d.span.start).line
            match = next(
                (s for s in by_file[d.span.file] if d.code in s.codes and s.first_line <= line <= s.last_line),
                None,
            )
            if match is not None:
                match.used.add(d.code)
                continue
        kept.append(d)
    unused = []
    for s in suppressions:
        for code in s.codes:
            if code not in s.used and code in enabled:
                unused.append(
                    Diagnostic(
                        "SUP002",
                        Severity.WARNING,
                        f"the suppression of {code} here suppresses nothing",
                        s.span,
                        "Remove it: the finding it was for is gone.",
                    )
                )
    return kept, unused
