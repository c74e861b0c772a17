"""Files written atomically get the usual mode, not mkstemp's 0600 (item 2)."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from govdsl.atomic import write_atomic

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_new_file_has_the_mode_open_would_give(tmp_path, mask):
    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "out.md", "text")
        expected = 0o666 & ~mask
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.md").stat().st_mode) == expected
    assert (tmp_path / "out.md").read_text() == "text"


def test_replaced_file_also_has_the_usual_mode(tmp_path):
    target = tmp_path / "page.md"
    target.write_text("old")
    old = os.umask(0o022)
    try:
        write_atomic(target, b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]  # no temporary file left behind
