"""The fast parser (lark-cython) and the careful one (pure lark, with error recovery)
must build the same syntax tree, spans and comments included."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govdsl.source import SourceFile
from govdsl.syntax.parser import _parser

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p for p in (ROOT / "examples").rglob("*.gov") if "broken" not in p.parts) + [ROOT / "tests" / "render" / "model.gov"]


def careful(source):
    parser = _parser()
    fast, parser.fast = parser.fast, None
    try:
        return parser.parse(source)
    finally:
        parser.fast = fast


@pytest.mark.skipif(_parser().fast is None, reason="lark-cython is not installed; only the careful parser runs")
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_fast_and_careful_parsers_agree(path):
    source = SourceFile(str(path), path.read_text(encoding="utf-8"))
    assert _parser().parse(source) == careful(source)


@pytest.mark.skipif(_parser().fast is None, reason="lark-cython is not installed")
def test_agree_on_a_generated_system():
    sys.path.insert(0, str(ROOT))
    from benchmarks.generate import generate

    source = SourceFile("system.gov", generate("system"))
    assert _parser().parse(source) == careful(source)
