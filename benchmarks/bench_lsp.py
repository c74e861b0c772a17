"""The language server's re-check after a one-character edit.

What a governance lead waits for after typing: the server has the model
compiled, a character is typed in the middle of the largest file, and the
project is compiled again (the edited declarations parsed again, the model
resolved and every rule run) exactly as `govdsl lsp` does after its debounce,
including freezing the garbage collector's view of the compiled model.

The model is written as `benchmarks/generate.py --split` writes it: NHS
England in one file and each system in one file of its own, so at the
`system` scale the edit lands in a single file of about 10,000 lines, the
hardest case for re-parsing. The edit alternates between typing a letter
inside a title and deleting it again, so every round is a real change.

    GOVDSL_BENCH_SCALE=system .venv/bin/python -m pytest benchmarks/bench_core.py benchmarks/bench_lsp.py --benchmark-enable

The ratio printed is to bare lark parsing of the whole model in the same run
(bench_core.py), so it also shows how much less than a full parse an edit costs.
"""

from __future__ import annotations

import datetime as dt
import gc

import pytest

import govdsl
from govdsl.check.engine import check_compilation
from govdsl.lsp.analysis import Project

from benchmarks.bench_core import SCALE_NAMES, describe, record
from benchmarks.generate import generate_files

AS_OF = dt.date(2026, 11, 24)


@pytest.mark.parametrize("scale", SCALE_NAMES)
def test_recheck_after_one_character(benchmark, bench_results, scale, tmp_path):
    describe(benchmark, scale, "lsp: re-check after an edit")
    files = generate_files(scale, seed=2024)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    largest = max(files, key=lambda name: len(files[name]))
    path = (tmp_path / largest).resolve()
    original = files[largest]
    at = original.index(' "', len(original) // 2) + 2  # inside a title half way down the file
    edited = original[:at] + "x" + original[at:]

    project = Project(tmp_path)
    project.compile(AS_OF)
    gc.freeze()
    texts = [edited, original]

    def type_or_delete():
        project.overlays[path] = texts[0]
        texts.reverse()
        gc.freeze()  # as the server does after each compile
        return (), {}

    def recheck():
        return project.compile(AS_OF)

    rounds = 3 if scale == "national" else 30
    benchmark.pedantic(recheck, setup=type_or_delete, rounds=rounds, iterations=1, warmup_rounds=0 if scale == "national" else 2)
    # what the editor shows is what a check of the same text from scratch shows
    final = project.overlays[path]
    fresh_files = {**files, largest: final}
    fresh = govdsl.load_text("".join(fresh_files.values()), "model.gov")
    assert [d.code for d in project.diagnostics] == [d.code for d in check_compilation(fresh, None, AS_OF)]
    assert not any(d.code.startswith(("SYN", "REF", "DCL", "VAL")) for d in project.diagnostics)
    record(benchmark, bench_results, scale, "lsp: re-check after an edit")
