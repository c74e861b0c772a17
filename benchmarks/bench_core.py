"""Benchmarks of the language core, against bare lark as the baseline.

For each scale of generated model (benchmarks/generate.py) three stages are
timed on the same text, in one benchmark group per scale:

- `bare-lark`: `govdsl.syntax.grammar.bare_parser().parse(text)`, lark's LALR
  parser with the same grammar building a plain lark tree: the baseline;
- `parse`: `govdsl.syntax.parse`, which builds govdsl's syntax nodes with
  spans and captures comments, with error recovery armed;
- `parse+resolve`: `govdsl.load_text`, the whole language core (parse,
  resolve every name, apply defaults, build the model).

In the normal test run (`--benchmark-disable` in pyproject.toml) each body
runs once, as a test, on the smallest scale. To measure:

    .venv/bin/python -m pytest benchmarks/bench_core.py --benchmark-enable
    GOVDSL_BENCH_SCALE=all .venv/bin/python -m pytest benchmarks/bench_core.py --benchmark-enable

GOVDSL_BENCH_SCALE takes a comma-separated list of scales (`place`,
`system`, `national`) or `all`; the default is `place`, and `national` alone
means all three, so that the ratios can be read side by side. After a run
with benchmarks enabled, a table of medians and ratios to bare lark is printed
(see conftest.py), and `--benchmark-json` output gets the same ratios in each
benchmark's `extra_info`.
"""

from __future__ import annotations

import os
from functools import cache

import pytest

import govdsl
from govdsl.source import SourceFile
from govdsl.syntax import parse
from govdsl.syntax.grammar import bare_parser

from benchmarks.generate import SCALES, generate, stats


def selected_scales() -> list[str]:
    wanted = os.environ.get("GOVDSL_BENCH_SCALE", "").strip()
    if not wanted:
        return ["place"]
    if wanted == "all":
        return list(SCALES)
    names = [w.strip() for w in wanted.split(",") if w.strip()]
    if "national" in names and len(names) == 1:
        names = ["place", "system", "national"]  # the small ones too, for the ratios side by side
    unknown = [n for n in names if n not in SCALES]
    if unknown:
        raise pytest.UsageError(f"GOVDSL_BENCH_SCALE: unknown scale(s) {unknown}; use {sorted(SCALES)} or all")
    return names


SCALE_NAMES = selected_scales()


@cache
def model_text(scale: str) -> str:
    return generate(scale, seed=2024)


def describe(benchmark, scale: str, stage: str) -> str:
    text = model_text(scale)
    counts = stats(text)
    benchmark.group = f"core: {scale}"
    benchmark.name = f"{stage} [{scale}]"
    benchmark.extra_info.update(
        {
            "scale": scale,
            "stage": stage,
            "lines": counts["lines"],
            "bytes": counts["bytes"],
            "people": counts["person"],
            "delegations": counts["delegation"],
        }
    )
    return text


def run(benchmark, scale: str, function, *args):
    if scale == "national":
        # Tens of seconds a round: three rounds, no calibration.
        return benchmark.pedantic(function, args=args, rounds=3, iterations=1, warmup_rounds=0)
    return benchmark(function, *args)


def record(benchmark, results, scale: str, stage: str) -> None:
    if not benchmark.disabled and benchmark.stats is not None:
        results[(scale, stage)] = benchmark.stats.stats.median
        benchmark.extra_info["median_s"] = benchmark.stats.stats.median


@pytest.fixture(scope="module", autouse=True)
def _warm_parsers():
    # Build the parsers (grammar analysis) outside the timed code.
    bare_parser().parse("person p {}")
    parse(SourceFile("warm.gov", "person p {}"))


@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_bare_lark_parse(benchmark, bench_results, scale):
    text = describe(benchmark, scale, "bare-lark")
    parser = bare_parser()
    tree = run(benchmark, scale, parser.parse, text)
    assert tree.data == "start"
    record(benchmark, bench_results, scale, "bare-lark")


@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_govdsl_parse(benchmark, bench_results, scale):
    text = describe(benchmark, scale, "parse")
    source = SourceFile(f"{scale}.gov", text)
    result = run(benchmark, scale, parse, source)
    assert result.diagnostics == ()
    assert len(result.document.items) > 0
    record(benchmark, bench_results, scale, "parse")


@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_parse_and_resolve(benchmark, bench_results, scale):
    text = describe(benchmark, scale, "parse+resolve")
    compilation = run(benchmark, scale, govdsl.load_text, text, f"{scale}.gov")
    assert compilation.diagnostics == ()
    assert len(compilation.model.people) >= SCALES[scale].people
    record(benchmark, bench_results, scale, "parse+resolve")
