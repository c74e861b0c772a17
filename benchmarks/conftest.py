"""Collects the medians measured by bench_core.py and reports each stage's ratio to bare lark."""

from __future__ import annotations

import pytest

# (scale, stage) -> median seconds, filled in by the benchmarks when they are enabled.
_RESULTS: dict[tuple[str, str], float] = {}
_STAGES = ("bare-lark", "parse", "parse+resolve")


@pytest.fixture(scope="session")
def bench_results():
    return _RESULTS


def ratios() -> dict[tuple[str, str], float]:
    out = {}
    for (scale, stage), median in _RESULTS.items():
        baseline = _RESULTS.get((scale, "bare-lark"))
        if baseline:
            out[(scale, stage)] = median / baseline
    return out


def pytest_benchmark_update_json(config, benchmarks, output_json):
    found = ratios()
    for bench in output_json.get("benchmarks", []):
        info = bench.get("extra_info", {})
        key = (info.get("scale"), info.get("stage"))
        if key in found:
            info["ratio_to_bare_lark"] = round(found[key], 3)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not _RESULTS:
        return
    found = ratios()
    write = terminalreporter.write_line
    terminalreporter.section("govdsl language core: median time and ratio to bare lark")
    write(f"{'scale':<10} " + " ".join(f"{stage:>24}" for stage in _STAGES))
    for scale in dict.fromkeys(scale for scale, _ in _RESULTS):
        cells = []
        for stage in _STAGES:
            median = _RESULTS.get((scale, stage))
            ratio = found.get((scale, stage))
            cells.append(f"{median * 1000:>12.1f} ms (×{ratio:.2f})" if median is not None and ratio else f"{'-':>24}")
        write(f"{scale:<10} " + " ".join(f"{c:>24}" for c in cells))
