"""Every ```gov example in docs/language.md is read with the running example and the language reports nothing.

The reference promises that each example has been checked this way; this test keeps the
promise as the language grows (standing orders, bands of authority, bodies that merge...).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govdsl.api import load_text

DOC = Path(__file__).resolve().parents[2] / "docs" / "language.md"
_BLOCK = re.compile(r"```gov\n(.*?)```", re.DOTALL)


def _blocks() -> tuple[str, list[str]]:
    text = DOC.read_text(encoding="utf-8")
    running = text.split("<!-- example: running -->", 1)[1]
    first = _BLOCK.search(running).group(1)
    others = [b for b in _BLOCK.findall(text) if b != first]
    return first, others


RUNNING, EXAMPLES = _blocks()


def test_the_reference_has_examples():
    assert len(EXAMPLES) > 20


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_example_reads_cleanly_with_the_running_example(example):
    compilation = load_text(RUNNING + "\n" + example, "language.gov")
    assert [(d.code, d.message) for d in compilation.diagnostics] == []
