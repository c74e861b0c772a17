"""Honest stage timings: one process, stages interleaved, CPU and wall time, named baselines.

pytest-benchmark times one stage after another, so a stage measured while the
machine was busy looks slower than its neighbour measured when it was quiet,
and two stages from different runs cannot be compared. This benchmark times
every stage in every round, in a rotating order, in one process, and records
both CPU time (`time.process_time`, what the work costs) and wall time
(`time.perf_counter`, what a user waits), keeping the minimum and the median
of each over the rounds.

Every ratio is to a baseline named explicitly, timed in the same rounds on
the same text with the project's grammar (grammar/govdsl.lark):

- `bare pure lark`: lark's LALR parser with the contextual lexer, pure Python,
  building a plain lark tree (`Lark(grammar, parser="lalr", lexer="contextual")`);
- `bare lark-cython`: the same parser with the lark-cython plugin, where it is
  installed (govdsl uses it for files without mistakes).

The stages contain one another (`check` ⊃ `parse + resolve` ⊃ `parse`), so a
containing stage measured faster than a stage it contains is impossible: the
run says so and `impossible` lists it (benchmarks/bench_interleaved.py fails
on it).

    python -m benchmarks.stages --scale system --rounds 7 --json stages-system.json
    python -m benchmarks.report stages-*.json     # rewrites the figures in docs/performance.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import govdsl
from govdsl.check.engine import check_compilation
from govdsl.config import Config
from govdsl.source import SourceFile
from govdsl.syntax import parse
from govdsl.syntax.grammar import grammar_text

from benchmarks.generate import BENCHMARK_DATE, SCALES, generate

BASELINE = "bare pure lark"
CYTHON_BASELINE = "bare lark-cython"
# (containing stage, contained stage): the first can never cost less than the second.
CONTAINS = (("parse + resolve", "govdsl parse"), ("check", "parse + resolve"))
# How much faster than a stage it contains a containing stage may look before it is impossible
# (timer resolution and cache effects on the shortest stages).
TOLERANCE = 0.95


def _pure_lark():
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", lexer="contextual")


def _cython_lark():
    try:
        import lark_cython
        from lark import Lark
    except ImportError:
        return None
    return Lark(grammar_text(), parser="lalr", lexer="contextual", _plugins=lark_cython.plugins)


def stages(text: str, name: str) -> dict[str, Callable[[], object]]:
    """The stages timed, each a function of no arguments working on `text`."""
    pure = _pure_lark()
    cython = _cython_lark()
    found: dict[str, Callable[[], object]] = {BASELINE: lambda: pure.parse(text)}
    if cython is not None:
        found[CYTHON_BASELINE] = lambda: cython.parse(text)
    found["govdsl parse"] = lambda: parse(SourceFile(name, text))
    found["parse + resolve"] = lambda: govdsl.load_text(text, name)
    found["check"] = lambda: check_compilation(govdsl.load_text(text, name), Config(), BENCHMARK_DATE)
    return found


def _summary(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "median": statistics.median(values)}


def measure(text: str, name: str, rounds: int) -> dict:
    """Time every stage in every round, rotating the order; min and median of CPU and wall time."""
    timed = stages(text, name)
    for function in timed.values():  # warm up: grammar analysis and imports stay outside the timings
        function()
    order = list(timed)
    cpu: dict[str, list[float]] = {stage: [] for stage in order}
    wall: dict[str, list[float]] = {stage: [] for stage in order}
    for round_number in range(rounds):
        shift = round_number % len(order)
        for stage in order[shift:] + order[:shift]:
            gc.collect()
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            timed[stage]()
            cpu[stage].append(time.process_time() - cpu_start)
            wall[stage].append(time.perf_counter() - wall_start)
    result = {stage: {"cpu": _summary(cpu[stage]), "wall": _summary(wall[stage])} for stage in order}
    return {"stages": result, "ratios": ratios(result), "impossible": impossible(result)}


def ratios(result: dict) -> dict[str, dict[str, float]]:
    """Each stage's median CPU and wall time over each baseline's, from the same rounds."""
    out: dict[str, dict[str, float]] = {}
    for baseline in (BASELINE, CYTHON_BASELINE):
        if baseline not in result:
            continue
        for stage, times in result.items():
            for clock in ("cpu", "wall"):
                base = result[baseline][clock]["median"]
                if base > 0:
                    out.setdefault(stage, {})[f"{clock} ÷ {baseline}"] = times[clock]["median"] / base
    return out


def impossible(result: dict) -> list[str]:
    """Containing stages measured faster than a stage they contain (minimum CPU time)."""
    found = []
    for outer, inner in CONTAINS:
        if outer in result and inner in result:
            if result[outer]["cpu"]["min"] < TOLERANCE * result[inner]["cpu"]["min"]:
                found.append(f"{outer} ({result[outer]['cpu']['min']:.4f} s) < {inner} ({result[inner]['cpu']['min']:.4f} s)")
    return found


def whole_process(text: str, rounds: int) -> dict:
    """`govdsl check FILE` as a user runs it: interpreter start-up, reading, checking, printing.

    CPU time is the child's user + system time; output goes to a pipe, as in CI.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.gov"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "govdsl", "check", "--as-of", BENCHMARK_DATE.isoformat(), str(path)]
        cpu, wall = [], []
        for _ in range(rounds):
            before = os.times()
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            wall.append(time.perf_counter() - start)
            after = os.times()
            cpu.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    return {"cpu": _summary(cpu), "wall": _summary(wall)}


def run(scale: str, rounds: int, process_rounds: int) -> dict:
    text = generate(scale)
    report = measure(text, f"{scale}.gov", rounds)
    if process_rounds:
        report["whole process: govdsl check"] = whole_process(text, process_rounds)
    report["scale"] = scale
    report["rounds"] = rounds
    report["lines"] = text.count("\n")
    report["machine"] = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpus": os.cpu_count(),
        "date": dt.date.today().isoformat(),
        "load average": round(os.getloadavg()[0], 1),
    }
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="system")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of every stage (at least 5 for figures)")
    parser.add_argument("--process-rounds", type=int, default=5, help="runs of the whole `govdsl check` command")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args(argv)
    report = run(args.scale, args.rounds, args.process_rounds)
    for stage, times in report["stages"].items():
        shown = ", ".join(f"{key} {value:.2f}×" for key, value in report["ratios"].get(stage, {}).items() if "cpu" in key)
        print(f"{stage:<18} CPU min {times['cpu']['min'] * 1000:9.1f} ms  median {times['cpu']['median'] * 1000:9.1f} ms   {shown}")
    if "whole process: govdsl check" in report:
        whole = report["whole process: govdsl check"]
        print(f"{'govdsl check':<18} CPU min {whole['cpu']['min'] * 1000:9.1f} ms  median {whole['cpu']['median'] * 1000:9.1f} ms (whole process)")
    for problem in report["impossible"]:
        print(f"impossible: {problem}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 1 if report["impossible"] else 0


if __name__ == "__main__":
    sys.exit(main())
