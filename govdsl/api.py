"""The pipeline in one place: configure → load → parse → resolve → check.

Every command and the language server go through `check` (or `compile`, the
same without the governance rules), so the configuration (`govdsl.toml`:
rules selected, severities, thresholds, project root), the inline
suppressions and the gating on language errors are applied the same way
wherever a model is read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from govdsl.config import Config
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


# -- configuration ------------------------------------------------------------------------------------


def project_config(paths, explicit: str | None = None) -> tuple[Config, tuple[Diagnostic, ...]]:
    """The configuration for a run, and any problems reading it (CFG001 diagnostics).

    `explicit` is a file named with `--config`; otherwise the nearest govdsl.toml
    (or pyproject.toml with [tool.govdsl]) at or above the first path is read.
    """
    from govdsl.check.registry import rule_categories
    from govdsl.config import find_config, load_config

    if explicit:
        path = Path(explicit)
        if not path.is_file():
            missing = Diagnostic(
                "CFG001",
                Severity.ERROR,
                f"the configuration file `{explicit}` does not exist",
                None,
                "Check the path given to --config.",
            )
            return Config(), (missing,)
        return load_config(path, rule_categories())
    start = Path(paths[0]) if paths else Path.cwd()
    return load_config(find_config(start.resolve() if start.exists() else Path.cwd()), rule_categories())


# -- the whole pipeline -------------------------------------------------------------------------------


@attrs.frozen
class CheckResult:
    """A compiled model with its configuration, and what the checks said about it.

    `diagnostics` are the configuration's problems, the language diagnostics
    and (when `checked`) the governance findings after the configuration and
    the inline suppressions, sorted: what `govdsl check` reports.
    """

    compilation: Compilation
    config: Config
    as_of: dt.date
    diagnostics: tuple[Diagnostic, ...]
    config_problems: tuple[Diagnostic, ...] = ()
    checked: bool = False  # whether the governance rules ran

    @property
    def model(self) -> Model:
        return self.compilation.model

    @property
    def sources(self) -> dict:
        return self.compilation.sources

    @property
    def io_failed(self) -> bool:
        return self.compilation.io_failed

    @property
    def usable(self) -> bool:
        """Whether the model may be shown or reasoned about: configuration read, files free of errors."""
        return not (self.config_problems or self.compilation.errors or self.compilation.io_failed)

    def failed(self, threshold: Severity = Severity.ERROR) -> bool:
        """Whether any diagnostic is at least as serious as `threshold` (`--fail-on`)."""
        return any(d.severity >= threshold for d in self.diagnostics)

    def findings_for(self, model: Model) -> tuple[Diagnostic, ...]:
        """The governance findings on `model`, a changed copy of this model (what-if), judged
        with this run's configuration, date and inline suppressions, as `check` judges the original."""
        from govdsl.check.engine import rule_findings

        return rule_findings(self.compilation, self.config, self.as_of, model)


def check(
    paths,
    *,
    config: Config | None = None,
    config_file: str | None = None,
    as_of: dt.date | None = None,
    rules: bool = True,
    allow_outside_root: bool = False,
    overlays=None,
    parse_cache=None,
) -> CheckResult:
    """Configure, compile and check `.gov` files and folders: the pipeline every command runs.

    Without `config`, the configuration is read from `config_file` or the nearest
    govdsl.toml; a configuration with problems stops the rules from running (its
    problems are diagnostics). The rules run on the arrangements in force on
    `as_of` (default: today), only over files free of language errors.
    """
    problems: tuple[Diagnostic, ...] = ()
    if config is None:
        config, problems = project_config(list(paths), config_file)
    as_of = as_of or dt.date.today()
    compilation = load(
        paths,
        allow_outside_root=allow_outside_root,
        overlays=overlays,
        parse_cache=parse_cache,
        root=config.project_root,
    )
    run_rules = rules and not problems
    if run_rules:
        from govdsl.check.engine import check_compilation

        diagnostics = check_compilation(compilation, config, as_of)
    else:
        diagnostics = compilation.diagnostics
    return CheckResult(compilation, config, as_of, tuple(problems) + diagnostics, tuple(problems), run_rules)


def compile(paths, **options) -> CheckResult:  # noqa: A001 - the stage's name
    """`check` without the governance rules: the configured, compiled model and its language diagnostics."""
    return check(paths, rules=False, **options)
