"""Printing a syntax tree back as text, in the one canonical layout.

The formatter works from the syntax tree and the comments, never from the
model, because the model has no comments or order (black formats the
concrete tree for the same reason). It has no options. The layout:

- two spaces of indentation per block; every block on its own lines,
  an empty block as `{}`;
- one blank line between top-level declarations, none between consecutive
  includes; inside a block, a blank line the author left between two
  attributes is kept (at most one);
- terms separated by one space, lists as `[a, b, c]`, broken one item a
  line (with a trailing comma) when the line would pass 100 characters or
  the list holds a comment;
- literals exactly as written (`£1,200,000` stays `£1,200,000`);
- every comment kept: a comment on its own line stays before the item that
  follows it, a comment at the end of a line stays at the end of that line.

`format_source` checks its own work before returning, like black: the result
must parse to the same tree (ignoring layout) with the same comments, and
formatting it again must change nothing.
"""

from __future__ import annotations

import bisect

from govdsl.source import SourceFile
from govdsl.syntax import nodes, parse

INDENT = "  "
LINE_LIMIT = 100


class FormatError(Exception):
    """The file cannot be formatted (it has syntax errors), or a formatter bug was caught."""


class _Printer:
    def __init__(self, source: SourceFile, document: nodes.Document):
        self.source = source
        self.text = source.text
        self.comments = list(document.comments)
        self.comment_starts = [c.span.start for c in self.comments]
        self.next_comment = 0
        self.lines: list[str] = []
        self.last_end = 0  # where the last thing printed ended in the source

    def blank(self) -> None:
        """One blank line, unless there is one already or a block has just opened."""
        if self.lines and self.lines[-1] != "" and not self.lines[-1].rstrip().endswith(("{", "[")):
            self.lines.append("")

    # -- comments ---------------------------------------------------------------------
    def _line_of(self, offset: int) -> int:
        return self.source.position(offset).line

    def leading_comments(self, before: int, indent: str) -> None:
        """Emit every comment that starts before `before`, each on its own line."""
        emitted = False
        while self.next_comment < len(self.comments) and self.comments[self.next_comment].span.start < before:
            comment = self.comments[self.next_comment]
            self.next_comment += 1
            if self._is_trailing(comment) and self.lines and not self.lines[-1].lstrip().startswith("#"):
                self.lines[-1] += "  " + comment.text.rstrip()
            else:
                if self._blank_line_between(self.last_end, comment.span.start):
                    self.blank()  # keep the author's paragraphs of comments
                self.lines.append(indent + comment.text.rstrip())
                emitted = True
            self.last_end = comment.span.end
        if emitted and before <= len(self.text) and self._blank_line_between(self.last_end, before):
            self.blank()

    def _is_trailing(self, comment: nodes.Comment) -> bool:
        """A comment with code before it on its line."""
        line_start = self.text.rfind("\n", 0, comment.span.start) + 1
        return bool(self.text[line_start : comment.span.start].strip())

    def trailing_comment(self, end: int) -> None:
        """Attach a comment that follows `end` on the same source line."""
        if self.next_comment >= len(self.comments):
            return
        comment = self.comments[self.next_comment]
        if self._line_of(comment.span.start) == self._line_of(max(end - 1, 0)) and comment.span.start >= end:
            self.next_comment += 1
            self.lines[-1] += "  " + comment.text.rstrip()

    def _comments_within(self, start: int, end: int) -> bool:
        """Whether a comment not yet printed starts in [start, end)."""
        i = bisect.bisect_left(self.comment_starts, start, lo=self.next_comment)
        return i < len(self.comment_starts) and self.comment_starts[i] < end

    def _blank_line_between(self, end: int, start: int) -> bool:
        """Whether the author left a blank line between two items."""
        gap = self.text[end:start]
        # comments between count as content, so look for an empty line anywhere in the gap
        return any(not line.strip() for line in gap.split("\n")[1:-1])

    # -- terms ---------------------------------------------------------------------------
    def term(self, term: nodes.Term) -> str:
        if isinstance(term, nodes.Word):
            return term.text
        if isinstance(term, nodes.ListTerm):
            return "[" + ", ".join(self.phrase_inline(item) for item in term.items) + "]"
        return term.raw

    def phrase_inline(self, phrase: nodes.Phrase) -> str:
        return " ".join(self.term(t) for t in phrase.terms)

    # -- document ----------------------------------------------------------------------------
    def document(self, document: nodes.Document) -> str:
        previous = None
        for item in document.items:
            if previous is not None:
                both_includes = isinstance(item, nodes.Include) and isinstance(previous, nodes.Include)
                if not both_includes:
                    self.blank()
            self.leading_comments(item.span.start, "")
            if isinstance(item, nodes.Include):
                self.lines.append(f"{item.keyword.text} {item.path.raw}")
                self.trailing_comment(item.span.end)
            else:
                self.declaration(item)
            self.last_end = item.span.end
            previous = item
        if self.next_comment < len(self.comments):
            if self.lines and document.items:
                self.lines.append("")
            self.leading_comments(len(self.text) + 1, "")
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n" if self.lines else ""

    def declaration(self, declaration: nodes.Declaration) -> None:
        head = f"{declaration.kind.text} {declaration.name.text}"
        if declaration.title is not None:
            head += " " + declaration.title.raw
        self.leading_comments(declaration.block.span.start, "")  # comments inside the head move above it
        self.block(head, declaration.block, "")

    def block(self, head: str, block: nodes.Block, indent: str) -> None:
        if not block.attributes and not self._comments_within(block.span.start, block.span.end):
            self.lines.append(f"{head} {{}}")
            self.trailing_comment(block.span.end)
            return
        self.lines.append(f"{head} {{")
        self.last_end = block.span.start + 1
        first = block.attributes[0].span.start if block.attributes else block.span.end
        if self.next_comment < len(self.comments) and self.comments[self.next_comment].span.start < first:
            self.trailing_comment(block.span.start + 1)
        inner = indent + INDENT
        previous_end = None
        for attr in block.attributes:
            if previous_end is not None and self._blank_line_between(previous_end, attr.span.start):
                self.blank()
            self.leading_comments(attr.span.start, inner)
            self.attribute(attr, inner)
            previous_end = self.last_end = attr.span.end
        self.leading_comments(block.span.end - 1, inner)
        self.lines.append(f"{indent}}}")
        self.trailing_comment(block.span.end)

    def attribute(self, attr: nodes.Attribute, indent: str) -> None:
        head = f"{indent}{attr.key}:"
        if attr.phrase is not None:
            head = self.phrase_lines(head, attr.phrase, indent)
        if attr.block is not None:
            self.block(head, attr.block, indent)
            return
        self.lines.append(head)
        self.trailing_comment(attr.span.end)

    def phrase_lines(self, head: str, phrase: nodes.Phrase, indent: str) -> str:
        """Text of `head` plus the phrase; a long or commented list is broken over lines.

        Returns the last (unfinished) line; earlier lines are appended to self.lines.
        """
        inline = head + " " + self.phrase_inline(phrase)
        lists = [t for t in phrase.terms if isinstance(t, nodes.ListTerm)]
        commented = any(self._comments_within(t.span.start, t.span.end) for t in lists)
        if (len(inline) <= LINE_LIMIT and not commented) or not lists:
            return inline  # a comment inside a phrase but outside any list follows the attribute
        # break the last list (usually the only one) one item a line
        target = lists[-1]
        line = head
        for term in phrase.terms:
            if term is target:
                line += " ["
                self.lines.append(line)
                for item in term.items:
                    self.leading_comments(item.span.start, indent + INDENT)
                    self.lines.append(f"{indent}{INDENT}{self.phrase_inline(item)},")
                    self.trailing_comment(item.span.end + (1 if self.text[item.span.end : item.span.end + 1] == "," else 0))
                self.leading_comments(term.span.end - 1, indent + INDENT)
                line = f"{indent}]"
            else:
                line += " " + self.term(term)
        return line


def syntax_shape(document: nodes.Document):
    """The tree with layout removed: what must not change when a file is formatted."""

    def term(t):
        if isinstance(t, nodes.ListTerm):
            return ("list", tuple(phrase(p) for p in t.items))
        if isinstance(t, nodes.Word):
            return ("word", t.text)
        return (type(t).__name__, t.raw)

    def phrase(p):
        return tuple(term(t) for t in p.terms) if p else None

    def block(b):
        return tuple((a.key, phrase(a.phrase), block(a.block) if a.block else None) for a in b.attributes) if b else None

    items = []
    for item in document.items:
        if isinstance(item, nodes.Include):
            items.append(("include", item.keyword.text, item.path.raw))
        else:
            items.append((item.kind.text, item.name.text, item.title.raw if item.title else None, block(item.block)))
    return tuple(items), tuple(c.text.rstrip() for c in document.comments)


def _format_once(source: SourceFile):
    parsed = parse(source)
    if parsed.diagnostics:
        return None, parsed
    return _Printer(source, parsed.document).document(parsed.document), parsed


def format_source(text: str, path: str = "<text>") -> str:
    """The canonical layout of a file's text. Raises FormatError on syntax errors."""
    source = SourceFile(path, text)
    formatted, parsed = _format_once(source)
    if formatted is None:
        raise FormatError(f"{path} has syntax errors; fix them before formatting", parsed.diagnostics)
    again, reparsed = _format_once(SourceFile(path, formatted))
    if again is None or syntax_shape(reparsed.document) != syntax_shape(parsed.document):
        raise FormatError(f"INTERNAL ERROR: formatting {path} would change its meaning; the file was left as it was")
    if again != formatted:
        raise FormatError(f"INTERNAL ERROR: formatting {path} is not stable; the file was left as it was")
    return formatted
