"""The pipeline in one place: load → parse → resolve (→ check)."""

from __future__ import annotations

from pathlib import Path

import attrs

from govdsl.diagnostics import Diagnostic, Severity, sort_diagnostics
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
        return any(d.code in IO_CODES for d in self.diagnostics)


def _compile(loaded: LoadResult) -> Compilation:
    resolved = resolve(loaded.documents)
    diagnostics = sort_diagnostics(loaded.diagnostics + resolved.diagnostics)
    return Compilation(
        resolved.model, diagnostics, loaded.sources, loaded.documents, resolved.symbols, resolved.references
    )


def load(paths, *, allow_outside_root: bool = False, overlays=None, parse_cache=None) -> Compilation:
    """Compile `.gov` files and folders (searched for `*.gov`) into a model.

    Editors pass `overlays` (unsaved text by resolved path) and a `parse_cache` dict.
    """
    loaded = load_files(
        [Path(p) for p in paths], allow_outside_root=allow_outside_root, overlays=overlays, parse_cache=parse_cache
    )
    return _compile(loaded)


def load_text(text: str, path: str = "<text>") -> Compilation:
    """Compile one file's text, without touching the disk (includes are not followed)."""
    source = SourceFile(path, text)
    parsed = parse(source)
    return _compile(LoadResult({path: source}, (parsed.document,), parsed.diagnostics))
