"""Golden files: compare produced output with a file kept in the repository.

A missing golden file fails the test; it is never written silently. Run with
GOVDSL_UPDATE_GOLDEN=1 to write (or rewrite) golden files after a deliberate
change, then review their diff like any other change.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

UPDATE = os.environ.get("GOVDSL_UPDATE_GOLDEN") == "1"


def assert_golden(path: Path, produced: str | bytes) -> None:
    """Fail unless `produced` equals the golden file at `path` (written only when UPDATE is set)."""
    data = produced.encode("utf-8") if isinstance(produced, str) else produced
    if UPDATE:
        path.write_bytes(data)
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.name}; run with GOVDSL_UPDATE_GOLDEN=1 to write it, then review it")
    expected = path.read_bytes()
    if data == expected:
        return
    try:
        diff = "".join(
            difflib.unified_diff(
                expected.decode("utf-8").splitlines(True),
                data.decode("utf-8").splitlines(True),
                f"{path.name} (expected)",
                f"{path.name} (actual)",
            )
        )
    except UnicodeDecodeError:
        diff = f"{len(expected)} bytes expected, {len(data)} produced"
    pytest.fail(f"{path.name} changed (GOVDSL_UPDATE_GOLDEN=1 to accept, then review):\n{diff}")
