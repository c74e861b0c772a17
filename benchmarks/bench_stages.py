"""Benchmarks of every later stage, on the same generated models as bench_core.py.

Each stage is timed at the scales chosen by GOVDSL_BENCH_SCALE (see
bench_core.py) and reported with its ratio to bare lark parsing of the same
text, measured in the same run, so the growth of cost with size is visible:

- `check`: what `govdsl check` does after reading the files: parse, resolve
  and every governance rule (the issue's target: at most 1.5× bare lark);
- `rules: SUB` ... `rules: TIME`: each rule family alone, on a resolved model;
- `dot: VIEW`: building each view's DOT text;
- `layout: structure (one place)`: Graphviz layout of a focused view, the
  size a reader looks at;
- `fmt`, `diff`: the formatter on the whole text, and a semantic diff of the
  model against itself with one delegation changed;
- `handbook`: the HTML handbook (place and system scales only).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from functools import cache

import pytest

import govdsl
from govdsl.check.engine import check_compilation, run_rules
from govdsl.check.registry import CATEGORIES, all_rules
from govdsl.config import Config
from govdsl.diff import diff_models
from govdsl.fmt import format_source
from govdsl.render import VIEWS, render

from benchmarks.bench_core import SCALE_NAMES, describe, model_text, record, run

AS_OF = dt.date(2026, 11, 24)


@cache
def compiled(scale: str):
    return govdsl.load_text(model_text(scale), f"{scale}.gov")


@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_check(benchmark, bench_results, scale):
    text = describe(benchmark, scale, "check")

    def check():
        return check_compilation(govdsl.load_text(text, f"{scale}.gov"), Config(), AS_OF)

    diagnostics = run(benchmark, scale, check)
    assert not any(d.code.startswith(("SYN", "REF", "DCL", "VAL")) for d in diagnostics)
    record(benchmark, bench_results, scale, "check")


@pytest.mark.parametrize("category", list(CATEGORIES))
@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_rule_family(benchmark, bench_results, scale, category):
    describe(benchmark, scale, f"rules: {category}")
    model = compiled(scale).model
    rules = [r for r in all_rules() if r.category() == category]
    run(benchmark, scale, run_rules, model, Config(), AS_OF, rules)
    record(benchmark, bench_results, scale, f"rules: {category}")


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_view_dot(benchmark, bench_results, scale, view):
    describe(benchmark, scale, f"dot: {view}")
    model = compiled(scale).model
    dot = run(benchmark, scale, render, model, view, "dot")
    assert dot.startswith(b"digraph")
    record(benchmark, bench_results, scale, f"dot: {view}")


@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_layout_of_one_place(benchmark, bench_results, scale):
    describe(benchmark, scale, "layout: structure (one place)")
    model = compiled(scale).model
    place = next(t.id for t in model.tiers if t.kind == "place")
    svg = run(benchmark, "national" if scale == "national" else scale, render, model, "structure", "svg", place, 1)
    assert b"<svg" in svg
    record(benchmark, bench_results, scale, "layout: structure (one place)")


@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_fmt(benchmark, bench_results, scale):
    text = describe(benchmark, scale, "fmt")
    formatted = run(benchmark, scale, format_source, text, f"{scale}.gov")
    assert formatted
    record(benchmark, bench_results, scale, "fmt")


@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_diff(benchmark, bench_results, scale):
    text = describe(benchmark, scale, "diff")
    old = compiled(scale).model
    changed = text.replace("limit: £", "limit: £1", 1)
    new = govdsl.load_text(changed, f"{scale}.gov").model
    result = run(benchmark, scale, diff_models, old, new)
    assert result.money_by_forum
    record(benchmark, bench_results, scale, "diff")


@pytest.mark.parametrize("scale", [s for s in SCALE_NAMES if s != "national"])
def test_handbook(benchmark, bench_results, scale):
    from govdsl.site import build_site

    describe(benchmark, scale, "handbook")
    compilation = compiled(scale)

    def build():
        with tempfile.TemporaryDirectory() as folder:
            return build_site(compilation, f"{folder}/site", public=False, as_of=AS_OF)

    run(benchmark, scale, build)
    record(benchmark, bench_results, scale, "handbook")
