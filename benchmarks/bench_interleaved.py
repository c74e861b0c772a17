"""The interleaved stage benchmark (benchmarks/stages.py) runs, is sane, and writes the docs.

Run in every test run on the smallest scale with few rounds, so the benchmark
that docs/performance.md is written from cannot rot.
"""

from __future__ import annotations

import json

from benchmarks import report, stages
from benchmarks.generate import generate


def test_every_stage_is_timed_against_named_baselines():
    result = stages.measure(generate("place"), "place.gov", rounds=3)
    assert {stages.BASELINE, "govdsl parse", "parse + resolve", "check"} <= set(result["stages"])
    for times in result["stages"].values():
        for clock in ("cpu", "wall"):
            assert 0 <= times[clock]["min"] <= times[clock]["median"]
    assert result["ratios"]["check"][f"cpu ÷ {stages.BASELINE}"] > 0
    assert result["impossible"] == []


def test_a_containing_stage_faster_than_what_it_contains_is_impossible():
    fast, slow = {"min": 0.010, "median": 0.011}, {"min": 0.050, "median": 0.055}
    result = {
        "govdsl parse": {"cpu": slow, "wall": slow},
        "parse + resolve": {"cpu": fast, "wall": fast},
        "check": {"cpu": slow, "wall": slow},
    }
    found = stages.impossible(result)
    assert len(found) == 1 and found[0].startswith("parse + resolve")


def test_the_report_rewrites_only_the_figures(tmp_path):
    measured = stages.run("place", rounds=2, process_rounds=1)
    page = tmp_path / "performance.md"
    page.write_text(f"# Before\n\n{report.BEGIN}\nold figures\n{report.END}\n\nAfter.\n", encoding="utf-8")
    results = tmp_path / "place.json"
    results.write_text(json.dumps(measured), encoding="utf-8")
    assert report.main([str(results), "--doc", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "old figures" not in text and text.startswith("# Before") and text.endswith("After.\n")
    assert "| check |" in text and f"÷ {stages.BASELINE}" in text and "whole process" in text


def test_the_performance_page_has_the_markers():
    text = report.DOC.read_text(encoding="utf-8")
    assert text.index(report.BEGIN) < text.index(report.END)
