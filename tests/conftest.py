"""Shared helpers for the govdsl test suite.

- `compile_snippet(text)`: compile one file's text with `govdsl.load_text`.
- `snippet_codes(text)`: the sorted diagnostic codes of a snippet.
- `locate(compilation, diagnostic)`: the 1-based (line, column) a diagnostic points at.
- `run_cli(*args, cwd=...)`: run `python -m govdsl ...` in a subprocess and return
  `(exit status, stdout, stderr)`. Rich sees no terminal there, so the text is plain.

Tests assert on codes and positions, never on message text (house style, section 3),
except the golden tests in `tests/golden`, which exist to pin the text down.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import govdsl

REPO = Path(__file__).resolve().parent.parent


def compile_text(text: str, path: str = "snippet.gov") -> govdsl.Compilation:
    """Compile a snippet (dedented) without touching the disk."""
    return govdsl.load_text(textwrap.dedent(text), path)


def codes_of(text_or_compilation) -> list[str]:
    """The sorted codes of a snippet's diagnostics (or of a compilation's)."""
    compilation = (
        compile_text(text_or_compilation) if isinstance(text_or_compilation, str) else text_or_compilation
    )
    return sorted(d.code for d in compilation.diagnostics)


def locate(compilation: govdsl.Compilation, diagnostic, *, end: bool = False) -> tuple[int, int]:
    """The (line, column) of a diagnostic's span start (or end), through SourceFile.position."""
    span = diagnostic.span if hasattr(diagnostic, "span") else diagnostic
    source = compilation.sources[span.file]
    position = source.position(span.end if end else span.start)
    return position.line, position.column


def spanned(compilation: govdsl.Compilation, span) -> str:
    """The text a span covers."""
    return compilation.sources[span.file].text[span.start : span.end]


@pytest.fixture
def compile_snippet():
    return compile_text


@pytest.fixture
def snippet_codes():
    return codes_of


@pytest.fixture
def locate_diagnostic():
    return locate


@pytest.fixture
def span_text():
    return spanned


def _cli_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    # Make the package importable whatever the working folder, and keep rich plain.
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE", "PY_COLORS", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "200"
    env["TERM"] = "dumb"
    env["PYTHONIOENCODING"] = "utf-8"
    for name, value in (extra or {}).items():  # a test's own settings; None removes a variable
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_govdsl(
    *args, cwd=None, input: bytes | None = None, timeout: float = 60, env: dict | None = None
) -> tuple[int, str, str]:
    """Run `python -m govdsl ARGS` in a subprocess: (exit status, stdout, stderr).

    `env` adds to (or, with None, removes from) the plain environment the tests use.
    """
    completed = subprocess.run(
        [sys.executable, "-m", "govdsl", *map(str, args)],
        cwd=str(cwd) if cwd is not None else None,
        input=input,
        capture_output=True,
        env=_cli_env(env),
        timeout=timeout,
    )
    return (
        completed.returncode,
        completed.stdout.decode("utf-8", errors="replace"),
        completed.stderr.decode("utf-8", errors="replace"),
    )


@pytest.fixture
def run_cli():
    return run_govdsl
