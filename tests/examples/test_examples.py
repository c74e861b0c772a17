"""The bundled examples: each system reports only its deliberate findings, and the broken
set shows every diagnostic and every rule, each file exactly what its `# expect:` lines say."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from govdsl import load
from govdsl.check.engine import check_compilation
from govdsl.check.registry import all_rules
from govdsl.codes import LANGUAGE_CODES
from govdsl.config import find_config, load_config
from govdsl.check.registry import rule_categories

from tests.rules.harness import check_path, codes, expected_codes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
BROKEN = EXAMPLES / "broken"
AS_OF = dt.date(2026, 11, 24)

# What each example reports on purpose (see the header of its system.gov).
DELIBERATE = {
    "northmoor": {"COI003": 1, "COI005": 1},
    "riverbank": {"SUB001": 2},
    "greater_fens": {"SUB001": 1, "SUB003": 4},
}
# Codes that need something other than one ordinary file to show (see examples/README.md).
SHOWN_IN_TESTS_ONLY = {"SRC001", "SRC002", "SRC003", "SRC004", "SRC005", "SRC006", "SRC010", "CFG001"}


def check_example(name: str):
    folder = EXAMPLES / name
    config, problems = load_config(find_config(folder), rule_categories())
    assert problems == ()
    compilation = load([folder], root=config.project_root)
    return check_compilation(compilation, config, AS_OF)


@pytest.mark.parametrize("name", sorted(DELIBERATE))
def test_example_reports_only_its_deliberate_findings(name):
    found = Counter(d.code for d in check_example(name))
    assert dict(found) == DELIBERATE[name]


BROKEN_FILES = sorted(p for p in BROKEN.rglob("*.gov") if "include_cycle" not in p.parts)


@pytest.mark.parametrize("path", BROKEN_FILES, ids=[str(p.relative_to(BROKEN)) for p in BROKEN_FILES])
def test_broken_file_shows_what_it_expects(path):
    text = path.read_text(encoding="utf-8")
    assert expected_codes(text), f"{path.name} needs `# expect: CODE` lines"
    assert codes(check_path(path, AS_OF)) == expected_codes(text)


def test_broken_set_covers_every_diagnostic_and_rule():
    shown = set()
    for path in BROKEN.rglob("*.gov"):
        shown.update(expected_codes(path.read_text(encoding="utf-8")))
    wanted = (set(LANGUAGE_CODES) - SHOWN_IN_TESTS_ONLY) | {r.code for r in all_rules()}
    assert wanted - shown == set()


# -- every view of every example -------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_models():
    from govdsl.analysis.dates import as_of

    models = {}
    for name in sorted(DELIBERATE):
        folder = EXAMPLES / name
        config, _ = load_config(find_config(folder), rule_categories())
        models[name] = as_of(load([folder], root=config.project_root).model, AS_OF)
    return models


@pytest.mark.parametrize("name", sorted(DELIBERATE))
def test_every_view_renders_for_every_example(example_models, name):
    import xml.etree.ElementTree as ET

    from govdsl.render import VIEWS, render

    model = example_models[name]
    for view in VIEWS:
        assert render(model, view, "dot").startswith(b"digraph govdsl {")
        assert render(model, view, "mermaid").startswith(b"---\ntitle:")
        ET.fromstring(render(model, view, "svg"))
    assert render(model, "structure", "png").startswith(b"\x89PNG")
