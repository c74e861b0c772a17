"""Every input the fuzzer (fuzz/fuzz_compile.py) ever crashed on, replayed: it must not crash again."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((ROOT / "tests" / "fuzz_regressions").glob("*.gov")) + sorted((ROOT / "fuzz" / "corpus").glob("*.gov"))


def _checker():
    """fuzz_compile.compile_and_check, without needing atheris installed."""
    import sys
    import types

    sys.modules.setdefault("atheris", types.SimpleNamespace(instrument_imports=lambda: __import__("contextlib").nullcontext()))
    spec = importlib.util.spec_from_file_location("fuzz_compile", ROOT / "fuzz" / "fuzz_compile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compile_and_check


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_replay(path):
    _checker()(path.read_bytes().decode("utf-8", "replace"))
