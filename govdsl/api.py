"""The pipeline in one place: load → parse → resolve (→ check)."""

from __future__ import annotations

from pathlib import Path

import attrs

from govdsl.diagnostics import Diagnostic, Related, Severity, sort_diagnostics
from govdsl.loader import IO_CODES, LoadResult, load as load_files
from govdsl.model.resolve import resolve
from govdsl.model.types import Model
from govdsl.source import SourceFile
from govdsl.syntax import parse


@attrs.frozen
class Compilation:
    """The result of compiling a set of files."""

    model: Model
    diagnostics: tuple[Diagnostic, ...]
    sources: dict  # display path -> SourceFile
    documents: tuple = ()
    symbols: dict = attrs.field(factory=dict)  # name -> resolve.Symbol (declarations, for editors)
    references: tuple = ()  # (name, Span) of every use of a declared name

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def io_failed(self) -> bool:
        """An input could not be read at all (the command line's exit status 2)."""
        return any(d.code in IO_CODES and d.severity is Severity.ERROR for d in self.diagnostics)


# Loader diagnostics that, with a span, mean an `include` was not read (or read nothing).
_UNREAD_INCLUDE_CODES = frozenset({"SRC002", "SRC003", "SRC004", "SRC005", "SRC006", "SRC007", "SRC008", "SRC010"})
_MAX_INCLUDE_NOTES = 3


def _note_unread_includes(resolved: tuple[Diagnostic, ...], loaded: LoadResult) -> tuple[Diagnostic, ...]:
    """Point each undeclared name (REF001) at the includes that could not be read.

    Diagnostics are listed by file and position, so the error about a mistyped
    include may come after the "nothing called ... is declared" errors it causes.
    A note on each of those, pointing at the include, says why the name may be
    missing, wherever the two errors are listed.
    """
    notes = []
    for d in loaded.diagnostics:
        if d.code in _UNREAD_INCLUDE_CODES and d.span is not None and len(notes) < _MAX_INCLUDE_NOTES:
            source = loaded.sources.get(d.span.file)
            written = source.text[d.span.start : d.span.end].strip('"') if source else ""
            if d.code == "SRC005":
                note = f"the included folder `{written}` has no .gov files; this name may be meant to be declared there"
            else:
                note = f"`{written}` could not be included; this name may be declared there"
            notes.append(Related(d.span, note))
    if not notes:
        return resolved
    return tuple(
        attrs.evolve(d, related=d.related + tuple(notes)) if d.code == "REF001" else d for d in resolved
    )


def _compile(loaded: LoadResult) -> Compilation:
    resolved = resolve(loaded.documents)
    diagnostics = sort_diagnostics(loaded.diagnostics + _note_unread_includes(resolved.diagnostics, loaded))
    return Compilation(
        resolved.model, diagnostics, loaded.sources, loaded.documents, resolved.symbols, resolved.references
    )


def load(paths, *, allow_outside_root: bool = False, overlays=None, parse_cache=None, root=None) -> Compilation:
    """Compile `.gov` files and folders (searched for `*.gov`) into a model.

    Editors pass `overlays` (unsaved text by resolved path) and a `parse_cache`
    (syntax.incremental.ParseCache);
    `root` is a project root from configuration that includes may reach up to.
    """
    loaded = load_files(
        [Path(p) for p in paths],
        allow_outside_root=allow_outside_root,
        overlays=overlays,
        parse_cache=parse_cache,
        root=root,
    )
    return _compile(loaded)


def load_text(text: str, path: str = "<text>") -> Compilation:
    """Compile one file's text, without touching the disk (includes are not followed)."""
    source = SourceFile(path, text)
    parsed = parse(source)
    return _compile(LoadResult({path: source}, (parsed.document,), parsed.diagnostics))
