"""The VS Code extension: the TextMate grammar is valid, complete and passes its scope tests."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govdsl.model.schema import CATEGORY_OF_KIND

ROOT = Path(__file__).resolve().parents[2]
VSCODE = ROOT / "editors" / "vscode"
GRAMMAR = json.loads((VSCODE / "syntaxes" / "gov.tmLanguage.json").read_text(encoding="utf-8"))


def patterns(node):
    if isinstance(node, dict):
        for key in ("match", "begin", "end"):
            if key in node:
                yield node[key]
        for value in node.values():
            yield from patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from patterns(value)


def test_every_pattern_compiles():
    for pattern in patterns(GRAMMAR):
        re.compile(pattern)


def test_every_declaration_kind_is_highlighted():
    declaration = GRAMMAR["repository"]["declaration"]["match"]
    for kind in CATEGORY_OF_KIND:
        assert re.match(declaration, f"{kind} some_name"), kind


def test_extension_manifest_is_consistent():
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    assert manifest["contributes"]["grammars"][0]["scopeName"] == GRAMMAR["scopeName"]
    assert (VSCODE / manifest["contributes"]["grammars"][0]["path"]).exists()
    assert (VSCODE / manifest["contributes"]["languages"][0]["configuration"]).exists()
    json.loads((VSCODE / "language-configuration.json").read_text(encoding="utf-8"))


def _tmgrammar_test() -> str | None:
    local = ROOT / ".ci" / "node_modules" / ".bin" / "vscode-tmgrammar-test"
    return str(local) if local.exists() else shutil.which("vscode-tmgrammar-test")


def test_scopes_with_vscode_tmgrammar_test():
    tool = _tmgrammar_test()
    if tool is None:
        pytest.skip("vscode-tmgrammar-test is not installed (`npm install --prefix .ci vscode-tmgrammar-test`; .ci/run does this)")
    result = subprocess.run(
        [tool, "-g", str(VSCODE / "syntaxes" / "gov.tmLanguage.json"), str(VSCODE / "tests" / "*.gov")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
