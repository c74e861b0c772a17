"""Coverage-guided fuzzing of the parser, resolver, rules and formatter (atheris).

Each input is also parsed as the language server parses an edit (a character
typed in its middle, and taken out again): the result must be exactly what
parsing the whole text gives.

    pip install atheris
    python fuzz/fuzz_compile.py fuzz/corpus -max_total_time=300

Any input that raises (a traceback is a govdsl bug: bad input must give
diagnostics) or leaves a diagnostic without a code and a location in the file
is a crash. Save the crashing input under tests/fuzz_regressions/ as a `.gov`
file: tests/property/test_fuzz_regressions.py replays every file there.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from govdsl import load_text
    from govdsl.check.engine import check_compilation
    from govdsl.fmt import FormatError, format_source
    from govdsl.source import SourceFile
    from govdsl.syntax import parse
    from govdsl.syntax.grammar import bare_parser
    from govdsl.syntax.incremental import ParseCache
    from govdsl.syntax.parser import parse_carefully
    from govdsl.syntax.reader import read

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
AS_OF = dt.date(2026, 11, 24)


def one_input(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    compile_and_check(text)


def edits_agree(text: str) -> None:
    """Re-parsing after an edit in the middle gives what a full parse gives, both ways."""
    middle = len(text) // 2
    shorter = text[:middle] + text[middle + 1 :]
    for before, after in ((shorter, text), (text, shorter)):
        cache = ParseCache()
        cache.parse(Path("fuzz.gov"), SourceFile("fuzz.gov", before))
        if cache.parse(Path("fuzz.gov"), SourceFile("fuzz.gov", after)) != parse(SourceFile("fuzz.gov", after)):
            raise AssertionError("re-parsing after an edit differs from parsing the whole text")


def reader_agrees(text: str) -> None:
    """The quick reader reads exactly the texts the grammar accepts, into the careful parser's tree."""
    try:
        bare_parser().parse(text)
        grammatical = True
    except Exception:
        grammatical = False
    if (read(text, "fuzz.gov") is not None) != grammatical:
        raise AssertionError(f"the quick reader {'gave up on' if grammatical else 'accepted'} this text")
    if grammatical and parse(SourceFile("fuzz.gov", text)) != parse_carefully(SourceFile("fuzz.gov", text)):
        raise AssertionError("the quick reader built a different tree from the careful parser's")


def compile_and_check(text: str) -> None:
    reader_agrees(text)
    edits_agree(text)
    compilation = load_text(text, "fuzz.gov")
    for d in check_compilation(compilation, None, AS_OF):
        if not CODE.match(d.code) or d.span is None or not (0 <= d.span.start <= d.span.end <= len(text)):
            raise AssertionError(f"misplaced diagnostic: {d}")
    try:
        formatted = format_source(text)
    except FormatError:
        return
    if format_source(formatted) != formatted:
        raise AssertionError("formatting is not stable")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
