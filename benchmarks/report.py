"""Write the measured figures into docs/performance.md, from the output of benchmarks.stages.

The figures in docs/performance.md are never typed by hand: this script
replaces the text between the two markers below with tables made from the
JSON files that `python -m benchmarks.stages --json FILE` wrote, one per scale.

    python -m benchmarks.stages --scale place --json /tmp/place.json
    python -m benchmarks.stages --scale system --json /tmp/system.json
    python -m benchmarks.report /tmp/place.json /tmp/system.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.stages import BASELINE, CYTHON_BASELINE

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
BEGIN = "<!-- figures: written by `python -m benchmarks.report`; do not edit by hand -->"
END = "<!-- end of figures -->"
_ORDER = (BASELINE, CYTHON_BASELINE, "govdsl parse", "parse + resolve", "check")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.2f} s"


def tables(reports: list[dict]) -> str:
    """Markdown for the figures: one row per stage, one column group per scale."""
    reports = sorted(reports, key=lambda r: r["lines"])
    head = "| stage | " + " | ".join(
        f"{r['scale']} ({r['lines']:,} lines): CPU min / median | ÷ {BASELINE} | ÷ {CYTHON_BASELINE}" for r in reports
    ) + " |"
    rule = "|---|" + "---:|---:|---:|" * len(reports)
    rows = [head, rule]
    stages = [s for s in _ORDER if any(s in r["stages"] for r in reports)]
    for stage in stages:
        cells = []
        for r in reports:
            times = r["stages"].get(stage)
            if times is None:
                cells += ["—", "—", "—"]
                continue
            found = r["ratios"].get(stage, {})
            cells.append(f"{_ms(times['cpu']['min'])} / {_ms(times['cpu']['median'])}")
            for baseline in (BASELINE, CYTHON_BASELINE):
                ratio = found.get(f"cpu ÷ {baseline}")
                cells.append(f"{ratio:.2f}×" if ratio is not None else "—")
        rows.append(f"| {stage} | " + " | ".join(cells) + " |")
    whole = [r for r in reports if "whole process: govdsl check" in r]
    if whole:
        rows.append("")
        rows.append("| whole process (`govdsl check FILE`, output to a pipe) | CPU min / median | wall min / median |")
        rows.append("|---|---:|---:|")
        for r in whole:
            w = r["whole process: govdsl check"]
            rows.append(
                f"| {r['scale']} ({r['lines']:,} lines) | {_ms(w['cpu']['min'])} / {_ms(w['cpu']['median'])} "
                f"| {_ms(w['wall']['min'])} / {_ms(w['wall']['median'])} |"
            )
    machines = {
        (r["machine"]["implementation"], r["machine"]["python"], r["machine"]["cpus"], r["machine"]["date"])
        for r in reports
    }
    notes = "; ".join(f"{impl} {py}, {cpus} CPUs, measured {date}" for impl, py, cpus, date in sorted(machines))
    loads = [r["machine"].get("load average") for r in reports if r["machine"].get("load average") is not None]
    if loads:
        notes += f", load average {min(loads)}–{max(loads)} when the runs began"
    rounds = ", ".join(f"{r['scale']} {r['rounds']} rounds" for r in reports)
    problems = [p for r in reports for p in r["impossible"]]
    rows += ["", f"Stages interleaved in one process ({rounds}); {notes}."]
    if problems:
        rows.append("Impossible figures in this run (a stage faster than one it contains): " + "; ".join(problems) + ".")
    return "\n".join(rows) + "\n"


def rewrite(doc_text: str, figures: str) -> str:
    """The page with the text between the markers replaced by `figures`."""
    start = doc_text.index(BEGIN) + len(BEGIN)
    end = doc_text.index(END)
    return doc_text[:start] + "\n\n" + figures + "\n" + doc_text[end:]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="+", help="JSON files written by benchmarks.stages")
    parser.add_argument("--doc", default=str(DOC), help="the page to rewrite (default: docs/performance.md)")
    args = parser.parse_args(argv)
    reports = [json.loads(Path(p).read_text(encoding="utf-8")) for p in args.results]
    doc = Path(args.doc)
    doc.write_text(rewrite(doc.read_text(encoding="utf-8"), tables(reports)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
