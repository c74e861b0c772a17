"""Stage 0: finding, reading and parsing the files of a model, following includes.

The paths given on the command line (files, or folders searched for `*.gov`)
and every file they include make one model. Files are read as UTF-8 (a byte
order mark is allowed); a missing, unreadable, binary or non-UTF-8 file is a
diagnostic, never an exception. Includes may not leave the project root (the
folder of the paths given) unless allowed, and limits on file size and
include depth keep a hostile input from exhausting the machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from govdsl.diagnostics import Diagnostic, Fix, Severity, did_you_mean, sort_diagnostics
from govdsl.source import SourceFile, Span
from govdsl.syntax import parse
from govdsl.syntax.nodes import Document, Include

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_FILES = 20_000
MAX_INCLUDE_DEPTH = 32

# Diagnostics that mean an input could not be read at all: as errors, they make the
# command line exit with status 2 (SRC005 is also a warning, for an included folder
# with no .gov files, which does not).
IO_CODES = frozenset({"SRC001", "SRC002", "SRC003", "SRC004", "SRC005", "SRC006"})


@attrs.frozen
class LoadResult:
    sources: dict  # display path -> SourceFile
    documents: tuple[Document, ...]
    diagnostics: tuple[Diagnostic, ...]


def display_path(path: Path) -> str:
    """The path as shown in messages: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _gov_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.gov") if p.is_file() or p.is_symlink())


class Loader:
    def __init__(self, root: Path | None, allow_outside_root: bool, overlays=None, parse_cache=None):
        self.root = root
        self.allow_outside_root = allow_outside_root
        # Editors: the unsaved text of open files, by resolved path, read instead of the disk.
        self.overlays: dict = overlays or {}
        # Editors: the last parse of each file (syntax.incremental.ParseCache), so that only
        # what was edited is parsed again.
        self.parse_cache = parse_cache
        self.sources: dict[str, SourceFile] = {}
        self.documents: dict[Path, Document] = {}
        self.diagnostics: list[Diagnostic] = []
        self._stack: list[Path] = []
        self._cycles_seen: set[frozenset] = set()

    def report(self, code, message, span=None, hint=None, related=(), severity=Severity.ERROR, fix=None):
        self.diagnostics.append(Diagnostic(code, severity, message, span, hint, tuple(related), fix=fix))

    # -- reading ----------------------------------------------------------------------------
    def read(self, path: Path, span: Span | None = None) -> SourceFile | None:
        shown = display_path(path)
        overlay = self.overlays.get(path.resolve()) if self.overlays else None
        if overlay is not None:
            source = SourceFile(shown, overlay)
            self.sources[shown] = source
            return source
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.report(
                    "SRC006",
                    f"`{shown}` is too large to read ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})",
                    span,
                    "Split the model into several files joined with `include`.",
                )
                return None
            data = path.read_bytes()
        except IsADirectoryError:
            self.report("SRC002", f"`{shown}` is a folder, not a file", span)
            return None
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.report("SRC002", f"`{shown}` could not be read: {reason.lower()}", span)
            return None
        if b"\x00" in data:
            self.report(
                "SRC003",
                f"`{shown}` is not a text file",
                span,
                "A .gov file is plain text; check that the right file was given.",
            )
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            line_start = data.rfind(b"\n", 0, error.start) + 1
            # count characters, not bytes, as an editor does
            column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
            self.report(
                "SRC004",
                f"`{shown}` is not UTF-8 text (an invalid byte at line {line}, column {column})",
                span,
                "Save the file as UTF-8 in your editor.",
            )
            return None
        source = SourceFile(shown, text)
        self.sources[shown] = source
        return source

    # -- loading ---------------------------------------------------------------------------
    def load_path(self, path: Path, span: Span | None = None) -> None:
        resolved = path.resolve()
        if resolved in self.documents:
            return
        if len(self.documents) >= MAX_FILES:
            self.report("SRC006", f"more than {MAX_FILES:,} files; the rest were not read", span)
            return
        source = self.read(path, span)
        if source is None:
            return
        result = parse(source) if self.parse_cache is None else self.parse_cache.parse(resolved, source)
        self.documents[resolved] = result.document
        self.diagnostics.extend(result.diagnostics)
        self._stack.append(resolved)
        for item in result.document.items:
            if isinstance(item, Include):
                self.follow(item, path)
        self._stack.pop()

    def follow(self, include: Include, from_path: Path) -> None:
        target_text = include.path.value
        target = (from_path.parent / target_text)
        if len(self._stack) >= MAX_INCLUDE_DEPTH:
            self.report(
                "SRC010",
                f"includes are nested more than {MAX_INCLUDE_DEPTH} deep, so `{target_text}` was not read",
                include.path.span,
                "Make the chain of includes shorter: have one top-level file include the others directly, "
                'or include a whole folder with `include "places"`.',
            )
            return
        if not self._inside_root(target):
            self.report(
                "SRC008",
                f"`{target_text}` is outside the project folder",
                include.path.span,
                "Keep every file of the model inside one folder, or run with `--allow-outside-root`.",
            )
            return
        if not target.exists():
            siblings = [p.name for p in target.parent.glob("*.gov")] if target.parent.is_dir() else []
            suggestion = did_you_mean(target.name, siblings)
            meant = f'"{os.path.join(os.path.dirname(target_text), suggestion)}"' if suggestion else None
            hint = f"Did you mean `{meant}`?" if meant else "Paths are relative to the file that includes them."
            fix = Fix.replace(include.path.span, meant) if meant and include.path.span is not None else None
            self.report("SRC007", f"the included file `{target_text}` does not exist", include.path.span, hint, fix=fix)
            return
        files = _gov_files(target) if target.is_dir() else [target]
        if target.is_dir() and not files:
            self.report(
                "SRC005",
                f"the included folder `{target_text}` has no .gov files in it",
                include.path.span,
                "Check the folder's name, and that its files end in `.gov`; or remove the include.",
                severity=Severity.WARNING,
            )
        for file in files:
            resolved = file.resolve()
            if resolved in self._stack:
                self._report_cycle(include, resolved)
                continue
            self.load_path(file, include.path.span)

    def _report_cycle(self, include: Include, resolved: Path) -> None:
        cycle = self._stack[self._stack.index(resolved):]
        key = frozenset(cycle)
        if key in self._cycles_seen:
            return
        self._cycles_seen.add(key)
        chain = " → ".join(display_path(p) for p in cycle + [resolved])
        self.report(
            "SRC009",
            f"files include each other in a circle: {chain}",
            include.path.span,
            "Each file is read once, so this does no harm, but the includes are simpler without the circle.",
            severity=Severity.WARNING,
        )

    def _inside_root(self, target: Path) -> bool:
        if self.allow_outside_root or self.root is None:
            return True
        try:
            target.resolve().relative_to(self.root)
            return True
        except ValueError:
            return False


def project_root(paths: list[Path]) -> Path | None:
    """The folder includes may not leave: the common folder of the paths given.

    A `govdsl.toml` can widen it (`[project] root = ".."`, see config.py), so
    that models in sibling folders can share a file of national bodies.
    """
    folders = [(p if p.is_dir() else p.parent).resolve() for p in paths if p.exists()]
    if not folders:
        return None
    return Path(os.path.commonpath([str(f) for f in folders]))


def _within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return path.suffix == ".gov"
    except ValueError:
        return False


def load(paths, *, allow_outside_root: bool = False, overlays=None, parse_cache=None, root=None) -> LoadResult:
    """Read and parse the given files and folders and everything they include.

    `overlays` (resolved path -> text) and `parse_cache` are for editors: see `Loader`.
    `root` widens the folder that includes may not leave (a project's configured root).
    """
    paths = [Path(p) for p in paths]
    own_root = project_root(paths)
    if root is not None and own_root is not None:
        own_root = Path(os.path.commonpath([str(Path(root).resolve()), str(own_root)]))
    loader = Loader(own_root, allow_outside_root, overlays, parse_cache)
    if not paths:
        loader.report("SRC005", "no files were given to check", None, "Name a .gov file or a folder of them.")
    # The order the paths are given in must not change the model (or any output):
    for path in sorted(paths, key=lambda p: str(p.resolve())):
        shown = display_path(path)
        if not path.exists():
            parent = path.parent if str(path.parent) else Path(".")
            names = [p.name for p in parent.iterdir()] if parent.is_dir() else []
            suggestion = did_you_mean(path.name, names)
            hint = f"Did you mean `{display_path(parent / suggestion)}`?" if suggestion else None
            loader.report("SRC001", f"`{shown}` does not exist", None, hint)
        elif path.is_dir():
            files = sorted(set(_gov_files(path)) | {p for p in loader.overlays if _within(p, path.resolve())})
            if not files:
                loader.report("SRC005", f"`{shown}` has no .gov files in it", None)
            for file in files:
                loader.load_path(file)
        else:
            loader.load_path(path)
    return LoadResult(dict(loader.sources), tuple(loader.documents.values()), sort_diagnostics(loader.diagnostics))
