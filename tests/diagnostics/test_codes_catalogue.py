"""The catalogue of language codes stays true: every ```gov example triggers its code,
every fix is clean, and docs/diagnostics.md is up to date."""

from __future__ import annotations

import pytest

import govdsl
from govdsl.codes import LANGUAGE_CODES
from govdsl.docgen import render_pages

WITH_EXAMPLES = [doc for doc in LANGUAGE_CODES.values() if doc.gov_blocks("example")]


def compile_block(text: str):
    return govdsl.load_text(text, "example.gov")


@pytest.mark.parametrize("doc", [d for d in WITH_EXAMPLES if "include " not in d.gov_blocks("example")[0]], ids=lambda d: d.code)
def test_example_triggers_its_code(doc):
    codes = [d.code for d in compile_block(doc.gov_blocks("example")[0]).diagnostics]
    assert doc.code in codes


@pytest.mark.parametrize("doc", [d for d in WITH_EXAMPLES if "include " not in d.gov_blocks("example")[0]], ids=lambda d: d.code)
def test_example_shows_one_error_for_one_mistake(doc):
    codes = [d.code for d in compile_block(doc.gov_blocks("example")[0]).diagnostics]
    assert codes.count(doc.code) >= 1
    assert all(code == doc.code for code in codes), codes


@pytest.mark.parametrize("doc", [d for d in LANGUAGE_CODES.values() if d.gov_blocks("fix")], ids=lambda d: d.code)
def test_fix_is_clean(doc):
    for block in doc.gov_blocks("fix"):
        if "include " in block:
            continue
        assert compile_block(block).diagnostics == ()


def test_diagnostics_page_is_up_to_date():
    from govdsl.docgen import DEFAULT_DOCS_DIR

    for relative, text in render_pages().items():
        assert (DEFAULT_DOCS_DIR / relative).read_text(encoding="utf-8") == text, (
            f"docs/{relative} is out of date; run `python -m govdsl.docgen`"
        )
