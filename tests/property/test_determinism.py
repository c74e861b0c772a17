"""Determinism: the same input gives byte-identical outputs, whatever the order of the input files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from govdsl import load
from govdsl.check.engine import check_compilation
from govdsl.render import VIEWS, render

MODEL = Path(__file__).resolve().parents[1] / "render" / "model.gov"
AS_OF = dt.date(2026, 11, 24)


@pytest.fixture()
def split_model(tmp_path):
    """The render test model split into one file per declaration."""
    text = MODEL.read_text(encoding="utf-8").replace('include "national.gov"', "")
    text += "\n" + (MODEL.parent / "national.gov").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if b.strip()]
    paths = []
    for i, block in enumerate(blocks):
        path = tmp_path / f"part_{i:02d}.gov"
        path.write_text(block + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def outputs(paths):
    compilation = load(paths)
    diagnostics = check_compilation(compilation, None, AS_OF)
    rendered = {(view, fmt): render(compilation.model, view, fmt) for view in VIEWS for fmt in ("dot", "mermaid")}
    return compilation.model, [(d.code, d.message, d.span) for d in diagnostics], rendered


def test_file_order_does_not_matter(split_model):
    forwards = outputs(split_model)
    backwards = outputs(list(reversed(split_model)))
    assert forwards[0] == backwards[0]
    assert forwards[1] == backwards[1]
    assert forwards[2] == backwards[2]


def test_cli_outputs_identical_across_runs(tmp_path, split_model):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "govdsl", *args], capture_output=True, cwd=tmp_path).stdout

    for args in (
        ("check", "--format", "json", "--as-of", "2026-11-24", "."),
        ("check", "--format", "sarif", "--as-of", "2026-11-24", "."),
        ("render", ".", "--view", "accountability", "--format", "dot", "--as-of", "2026-11-24"),
    ):
        assert run(*args) == run(*args)
    first = tmp_path / "a.svg"
    second = tmp_path / "b.svg"
    run("render", ".", "--format", "svg", "-o", str(first), "--as-of", "2026-11-24")
    run("render", ".", "--format", "svg", "-o", str(second), "--as-of", "2026-11-24")
    assert first.read_bytes() == second.read_bytes()
