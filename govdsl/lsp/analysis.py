"""Answers to an editor's questions, from the compiled project.

A `Project` is one model: the `.gov` files of a folder (the nearest folder
holding a govdsl.toml, else the folder of the file), with the unsaved text
of open files laid over the disk. It is compiled again after each edit;
the last parse of each file is kept, so an edit re-parses only the
declarations it touched (see syntax/incremental.py), and name resolution
and the rules run over the model again (each is linear in its size).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs

from govdsl.api import check
from govdsl.diagnostics import Diagnostic
from govdsl.fmt import FormatError, format_source
from govdsl.analysis.procedure import Procedures, method_words, quorum_words, standing_orders_terms
from govdsl.model import schema
from govdsl.model import vocabulary as v
from govdsl.model.types import Delegation, Forum, Function, Organisation, Person, Tier
from govdsl.source import SourceFile, Span
from govdsl.syntax import nodes
from govdsl.syntax.incremental import ParseCache
from govdsl.text import money

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_WORD = re.compile(r"[A-Za-z0-9_.]")


def project_root(path: Path, workspace_root: Path | None) -> Path:
    folder = path.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "govdsl.toml").is_file():
            return candidate
        if workspace_root is not None and candidate == workspace_root:
            break
    return folder


@attrs.define
class Project:
    root: Path
    overlays: dict = attrs.field(factory=dict)  # resolved path -> text
    parse_cache: ParseCache = attrs.field(factory=ParseCache)
    compilation: object = None
    diagnostics: tuple[Diagnostic, ...] = ()

    def compile(self, as_of: dt.date | None = None):
        """Run the pipeline (`govdsl.check`) over the project, as `govdsl check` runs it."""
        result = check([self.root], as_of=as_of, allow_outside_root=True, overlays=self.overlays, parse_cache=self.parse_cache)
        self.compilation = result.compilation
        self.diagnostics = result.diagnostics
        # forget files that are no longer part of the model
        self.parse_cache.keep_only(Path(p).resolve() for p in self.compilation.sources)
        return self.compilation

    # -- files -----------------------------------------------------------------------------------
    def absolute(self, display: str) -> Path:
        return (Path.cwd() / display).resolve()

    def source(self, path: Path) -> SourceFile | None:
        for display, source in self.compilation.sources.items():
            if self.absolute(display) == path.resolve():
                return source
        return None

    def diagnostics_by_file(self) -> dict[Path, list[Diagnostic]]:
        by_file: dict[Path, list[Diagnostic]] = {self.absolute(d): [] for d in self.compilation.sources}
        for d in self.diagnostics:
            if d.span is not None:
                by_file.setdefault(self.absolute(d.span.file), []).append(d)
        return by_file

    # -- names -----------------------------------------------------------------------------------
    def name_at(self, source: SourceFile, offset: int) -> tuple[str, Span] | None:
        """The declared name under the cursor (a use or a declaration)."""
        for name, span in self.compilation.references:
            if span.file == source.path and span.start <= offset <= span.end:
                return name, span
        for name, symbol in self.compilation.symbols.items():
            span = symbol.declaration.name.span
            if span.file == source.path and span.start <= offset <= span.end:
                return name, span
        return None

    def definition(self, name: str) -> Span | None:
        symbol = self.compilation.symbols.get(name)
        return symbol.declaration.name.span if symbol else None

    def references(self, name: str, include_declaration: bool = True) -> list[Span]:
        spans = [span for n, span in self.compilation.references if n == name]
        if include_declaration and name in self.compilation.symbols:
            spans.insert(0, self.compilation.symbols[name].declaration.name.span)
        return sorted(set(spans), key=lambda s: (s.file, s.start))

    def rename(self, name: str, new_name: str) -> dict[str, list[Span]] | str:
        """Spans to replace by file, or the reason the rename cannot be done."""
        if not NAME.match(new_name):
            return f"`{new_name}` is not a valid name: use letters, digits and underscores"
        if new_name in self.compilation.symbols and new_name != name:
            return f"the name `{new_name}` is already used"
        edits: dict[str, list[Span]] = {}
        for span in self.references(name):
            edits.setdefault(span.file, []).append(span)
        return edits

    # -- hover -------------------------------------------------------------------------------------
    def hover(self, name: str, today: dt.date | None = None) -> str:
        """What a name is, in a few lines of Markdown. Dates are read against `today` (the
        computer's date unless given): a forum's closing date is "Closed" or "Closes", and a
        post that has ended is marked as former."""
        from govdsl.analysis.wording import long_date, period_words

        today = today or dt.date.today()
        symbol = self.compilation.symbols[name]
        model = self.compilation.model
        entity = model.entity(name)
        title = getattr(entity, "title", None) or getattr(entity, "name", None) or name
        lines = [f"**{title}** (`{name}`): {symbol.description}"]
        if isinstance(entity, Forum):
            if entity.established:
                lines.append(f"- Established: {long_date(entity.established)}")
            if entity.closed:
                lines.append(f"- {'Closed' if entity.closed < today else 'Closes'}: {long_date(entity.closed)}")
            chairs = [model.entity(s.person) for s in entity.seats if "chair" in s.capacities]
            voting = sum(1 for s in entity.seats if s.voting)
            lines.append(f"- Members: {len(entity.seats)} ({voting} voting)")
            if chairs and chairs[0] is not None:
                lines.append(f"- Chair: {chairs[0].name}")
            if entity.advisory:
                lines.append("- Advisory only: it holds no decision-making powers")
            procedure = Procedures(model).of(entity)

            def source(value) -> str:
                return f" (from the standing orders of `{value.source}`)" if value.source else ""

            if procedure.quorum.value:
                lines.append(f"- Quorum: {quorum_words(procedure.quorum.value)}" + source(procedure.quorum))
            if procedure.decision_rule.value:
                lines.append(f"- Decides by: {method_words(procedure.decision_rule.value)}" + source(procedure.decision_rule))
            if procedure.meets_in_public.value is not None:
                lines.append(f"- Meets in public: {'yes' if procedure.meets_in_public.value else 'no'}" + source(procedure.meets_in_public))
            if procedure.frequency.value:
                lines.append(f"- Meets: {v.FREQUENCIES[procedure.frequency.value].label}" + source(procedure.frequency))
            if entity.budget is not None:
                lines.append(f"- Budget: {money(entity.budget)}")
            received = [d for d in model.delegations if d.delegate == name]
            given = [d for d in model.delegations if d.delegator == name]
            if received:
                total = sum((d.limit for d in received if d.limit is not None), start=0)
                lines.append(f"- Delegated to it: {len(received)} delegation(s), {money(total) or '£0'}")
            if given:
                lines.append(f"- Delegates onward: {len(given)} delegation(s)")
        elif isinstance(entity, Organisation):
            lines.append(f"- Sector: {v.SECTORS[entity.sector].label}; {'statutory' if entity.statutory else 'not statutory'}")
            if entity.population:
                lines.append(f"- Population: {entity.population:,}")
            if entity.established:
                lines.append(f"- Established: {long_date(entity.established)}")
            if entity.dissolved:
                lines.append(f"- {'Dissolved' if entity.dissolved < today else 'Dissolves'}: {long_date(entity.dissolved)}")
            if entity.succeeded_by:
                lines.append(f"- Succeeded by: `{entity.succeeded_by}`")
            if entity.budget is not None:
                lines.append(f"- Budget: {money(entity.budget)}")
            if entity.standing_orders is not None:
                lines.append("- Standing orders, followed by its forums unless their terms say otherwise:")
                lines += [f"  - {heading.lower()}: {words}" for heading, words in standing_orders_terms(entity.standing_orders)]
        elif isinstance(entity, Tier):
            if entity.population:
                lines.append(f"- Population: {entity.population:,}")
            if entity.parent:
                lines.append(f"- Within: `{entity.parent}`")
        elif isinstance(entity, Person):
            for post in entity.posts:
                text = f"- {post.title or v.POST_ROLES[post.role].label}" + (f" at `{post.organisation}`" if post.organisation else "")
                if post.start and post.start > today:
                    period = f"from {long_date(post.start)}" + (f" to {long_date(post.end)}" if post.end else "") + "; not yet taken up"
                elif post.end and post.end < today:
                    period = f"{period_words(post.start, post.end)}; former post"
                else:
                    period = period_words(post.start, post.end)
                lines.append(text + (f" ({period})" if period else ""))
            seats = [(f.id, s) for f in model.forums for s in f.seats if s.person == name]
            for forum_id, seat in seats:
                lines.append(f"- Sits on `{forum_id}` as " + " and ".join(v.CAPACITIES[c].label for c in seat.capacities))
            lines.append(f"- Interests declared: {len(entity.interests)}" + (" (nil return)" if entity.nil_return else ""))
        elif isinstance(entity, Delegation):
            band = f"{money(entity.floor)} to {money(entity.limit)}" if entity.floor is not None else money(entity.limit)
            lines.append(f"- From `{entity.delegator}` to `{entity.delegate}`; limit {band or 'not stated'}")
        elif isinstance(entity, Function):
            if entity.holder:
                lines.append(f"- Held by `{entity.holder}`" + (f"; reserved to `{entity.reserved_to}`" if entity.reserved_to else ""))
        return "\n".join(lines)

    # -- completion ----------------------------------------------------------------------------------
    def completions(self, source: SourceFile, offset: int) -> list[tuple[str, str, str]]:
        """(label, kind, detail): kind is keyword, attribute, name or value."""
        text = source.text
        line_start = text.rfind("\n", 0, offset) + 1
        segment = text[line_start:offset].rsplit("{", 1)[-1]  # since the last brace on this line
        depth_kind, nested_key = self._enclosing(source, offset)
        keys = list(re.finditer(r"([A-Za-z_][A-Za-z0-9_]*):", segment))
        if not keys:
            if depth_kind is None:  # top level: declaration kinds
                return [(k, "keyword", "declaration") for k in [*schema.CATEGORY_OF_KIND, "include"]]
            specs = schema.NESTED.get(nested_key) if nested_key else schema.for_declaration(depth_kind)
            return [(f"{k}: ", "attribute", spec.help) for k, spec in (specs or {}).items()]
        key = keys[-1].group(1)
        specs = schema.NESTED.get(nested_key) if nested_key else schema.for_declaration(depth_kind or "")
        spec = (specs or {}).get(key)
        if spec is None:
            return []
        if spec.phrase is not None:
            return self._phrase_completions(spec.phrase, segment[keys[-1].end() :])
        return self._values(spec)

    def _values(self, spec: schema.AttributeSpec) -> list[tuple[str, str, str]]:
        """What may be written where `spec` is expected: names of its categories, words of its vocabulary."""
        if spec.categories:
            return self._names(spec.categories)
        if spec.vocabulary is not None:
            return [(word, "value", term.label) for word, term in spec.vocabulary.items()]
        if spec.expects == "bool":
            return [("yes", "value", ""), ("no", "value", "")]
        return []

    def _phrase_completions(self, phrase: schema.PhraseSpec, text: str) -> list[tuple[str, str, str]]:
        """In a phrase (`seat: ann_hale as |`): what the head or the option before the cursor expects,
        else the options not given yet."""
        words = text.split()
        if words and not text[-1].isspace():
            words.pop()  # the word being typed
        if len(words) < len(phrase.head):
            return self._values(phrase.head[len(words)])
        last = words[-1] if words else None
        option = phrase.options.get(last)
        if option is None and last == "and":  # `as chair and |`: the option that takes words joined by `and`
            led = next((w for w in reversed(words) if w in phrase.options), None)
            option = phrase.options[led] if led and phrase.options[led].arity == "and" else None
        if option is not None and option.arity != 0:
            return self._values(option.value)
        return [(f"{word} ", "keyword", o.value.help) for word, o in phrase.options.items() if word not in words]

    def _names(self, categories) -> list[tuple[str, str, str]]:
        return [(n, "name", s.description) for n, s in sorted(self.compilation.symbols.items()) if s.category in categories]

    def _enclosing(self, source: SourceFile, offset: int) -> tuple[str | None, str | None]:
        """The kind of the declaration around `offset`, and the key of a nested block it is in."""
        document = next((d for d in self.compilation.documents if d.path == source.path), None)
        if document is None:
            return self._enclosing_by_text(source.text, offset)
        for item in document.items:
            if isinstance(item, nodes.Declaration) and item.block.span.start < offset < item.block.span.end:
                for attr in item.block.attributes:
                    if attr.block is not None and attr.block.span.start < offset < attr.block.span.end:
                        return item.kind.text, attr.key
                return item.kind.text, None
        return self._enclosing_by_text(source.text, offset)

    @staticmethod
    def _enclosing_by_text(text: str, offset: int) -> tuple[str | None, str | None]:
        """While the file does not parse, find the enclosing declaration from the text."""
        depth, i = 0, offset - 1
        while i >= 0:
            if text[i] == "}":
                depth += 1
            elif text[i] == "{":
                if depth == 0:
                    line_start = text.rfind("\n", 0, i) + 1
                    words = text[line_start:i].split()
                    if words and words[0] in schema.CATEGORY_OF_KIND:
                        return words[0], None
                    if words and words[0].endswith(":"):
                        key = words[0][:-1]
                        outer, _ = Project._enclosing_by_text(text, line_start)
                        return outer, key
                    return None, None
                depth -= 1
            i -= 1
        return None, None

    # -- symbols -------------------------------------------------------------------------------------
    def document_symbols(self, source: SourceFile) -> list[tuple[str, str, Span, Span]]:
        """(name, kind word, declaration span, name span) for each declaration in a file.

        The kind word is the word the declaration starts with (`committee`); its
        category is `schema.CATEGORY_OF_KIND` of it, if it is a kind at all.
        """
        document = next((d for d in self.compilation.documents if d.path == source.path), None)
        if document is None:
            return []
        return [
            (item.name.text, item.kind.text, item.span, item.name.span)
            for item in document.items
            if isinstance(item, nodes.Declaration)
        ]

    def workspace_symbols(self, query: str) -> list[tuple[str, str, str, Span]]:
        """(name, kind, category, name span) of each declared name matching `query`.

        The kind is the declaration's kind word, or an organisation's `kind:` (`icb`).
        """
        q = query.lower()
        found = []
        for name, symbol in sorted(self.compilation.symbols.items()):
            title = symbol.declaration.title.value if symbol.declaration.title else ""
            if q in name.lower() or q in title.lower():
                found.append((name, symbol.kind, symbol.category, symbol.declaration.name.span))
        return found

    # -- formatting and fixes ------------------------------------------------------------------------
    @staticmethod
    def formatted(source: SourceFile) -> str | None:
        try:
            result = format_source(source.text, source.path)
        except FormatError:
            return None
        return None if result == source.text else result

    def quick_fixes(self, diagnostic: Diagnostic) -> list[tuple[str, tuple[tuple[Span, str], ...]]]:
        """(title, edits) for a diagnostic's fix: each edit a span to replace and the new text.

        The fix is data the diagnostic carries (`Diagnostic.fix`); an attribute to
        add goes at the end of the block of the declaration it belongs to.
        """
        fix = diagnostic.fix
        if fix is None:
            return []
        edits = tuple((edit.span, edit.text) for edit in fix.edits)
        if fix.add_attribute is not None:
            id, line = fix.add_attribute
            symbol = self.compilation.symbols.get(id)
            if symbol is None:
                return []
            block = symbol.declaration.block
            end = block.span.end - 1  # before the closing brace
            edits += ((Span(block.span.file, end, end), f"  {line}\n"),)
        return [(fix.title, edits)] if edits else []
