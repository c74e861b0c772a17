"""The coverage-guided fuzzer (fuzz/fuzz_compile.py), run for a bounded time in every test run.

It starts from the seed corpus (a copy, so the repository is not changed) and
mutates for FUZZ_SECONDS; any traceback, misplaced diagnostic, unstable
formatting or disagreement between incremental and full parsing is a crash,
which fails this test with the input that caused it. Longer runs by hand:
`python fuzz/fuzz_compile.py fuzz/corpus -max_total_time=300`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FUZZ_SECONDS = int(os.environ.get("GOVDSL_FUZZ_SECONDS", "20"))


def test_fuzzer_finds_nothing_in_bounded_time(tmp_path):
    pytest.importorskip("atheris", reason="atheris has no built wheel for this platform; run the fuzzer elsewhere")
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "fuzz" / "corpus", corpus)
    artifacts = tmp_path / "crashes"
    artifacts.mkdir()
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "fuzz_compile.py"),
            str(corpus),
            f"-max_total_time={FUZZ_SECONDS}",
            f"-artifact_prefix={artifacts}/",
            "-rss_limit_mb=2048",
        ],
        capture_output=True,
        text=True,
        timeout=FUZZ_SECONDS * 10 + 120,
        cwd=tmp_path,
    )
    crashes = sorted(artifacts.iterdir())
    shown = "\n".join(f"{c.name}: {c.read_bytes()[:300]!r}" for c in crashes)
    assert run.returncode == 0 and not crashes, f"the fuzzer found a crash:\n{shown}\n{run.stderr[-3000:]}"
    assert "Done " in run.stderr  # libFuzzer's closing line: it ran, and ran to the end
