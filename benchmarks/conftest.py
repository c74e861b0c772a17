"""Collects the medians measured by bench_core.py and reports each stage's ratio to bare lark."""

from __future__ import annotations

import pytest

# (scale, stage) -> median seconds, filled in by the benchmarks when they are enabled.
_RESULTS: dict[tuple[str, str], float] = {}
_CORE_STAGES = ("bare-lark", "parse", "parse+resolve")


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
    stages = list(dict.fromkeys([*(_s for _s in _CORE_STAGES), *(stage for _, stage in _RESULTS)]))
    scales = list(dict.fromkeys(scale for scale, _ in _RESULTS))
    write(f"{'stage':<28} " + " ".join(f"{scale:>26}" for scale in scales))
    for stage in stages:
        cells = []
        for scale in scales:
            median = _RESULTS.get((scale, stage))
            ratio = found.get((scale, stage))
            if median is None:
                cells.append(f"{'-':>26}")
            elif ratio:
                cells.append(f"{median * 1000:>13.1f} ms (×{ratio:.2f})")
            else:
                cells.append(f"{median * 1000:>13.1f} ms")
        write(f"{stage:<28} " + " ".join(f"{c:>26}" for c in cells))
