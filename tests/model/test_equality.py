"""The model is a value: layout and comments do not change it; compiling is deterministic."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import govdsl

FULL = Path(__file__).with_name("full.gov")
REPO = Path(__file__).resolve().parents[2]


def compile_(text: str, path: str = "a.gov"):
    compilation = govdsl.load_text(text, path)
    assert compilation.diagnostics == ()
    return compilation.model


def relayout(text: str) -> str:
    """The same model written differently: other indentation, blank lines and comments everywhere."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue  # drop the original comments and blank lines
        indent = len(line) - len(line.lstrip())
        comment = "" if '"' in stripped and stripped.count('"') % 2 else "   # a remark"
        out.append("\t" * (indent // 2) + "    " + stripped + comment)
        out.append("")
    return "# A different layout\n\n" + "\r\n".join(out) + "\n"


def test_layout_and_comments_do_not_change_the_model():
    text = FULL.read_text(encoding="utf-8")
    other = relayout(text)
    assert other != text
    first, second = compile_(text, "full.gov"), compile_(other, "elsewhere/other_name.gov")
    assert first == second
    assert hash(first) == hash(second)
    # ... although every span moved, and the files have other names
    assert first.entity("icb_board").span != second.entity("icb_board").span
    assert first.files != second.files


def test_one_line_and_many_lines_are_the_same():
    one = compile_('organisation o "O" { kind: icb serves: [s] }  system s "S" { population: 1m }')
    many = compile_(
        """
        system s "S" {
          population: 1_000_000   # one million
        }

        organisation o "O" {
          kind: icb
          serves: [
            s,
          ]
        }
        """
    )
    # declaration order differs, so compare entities rather than the tuples
    assert one.entity("o") == many.entity("o")
    assert one.entity("s") == many.entity("s")


def test_a_change_of_meaning_is_a_different_model():
    text = FULL.read_text(encoding="utf-8")
    assert compile_(text) != compile_(text.replace("limit: £18m", "limit: £19m"))
    assert compile_(text) != compile_(text.replace('"Dr Ann Hale"', '"Dr Ann Hale OBE"'))


def test_the_model_keeps_declaration_order():
    a = compile_("person a {}\nperson b {}")
    b = compile_("person b {}\nperson a {}")
    assert [p.id for p in a.people] == ["a", "b"]
    assert a != b


def test_spans_point_at_the_declared_names():
    text = FULL.read_text(encoding="utf-8")
    model = compile_(text)
    for entity in model.entities:
        assert text[entity.span.start : entity.span.end] == entity.id
    for seat in model.seats():
        assert text[seat.span.start : seat.span.end].startswith("seat:")


def test_compiling_twice_gives_equal_results():
    text = FULL.read_text(encoding="utf-8")
    first, second = govdsl.load_text(text, "f.gov"), govdsl.load_text(text, "f.gov")
    assert first.model == second.model
    assert repr(first.model) == repr(second.model)
    broken = text.replace("kind: icb", "kind: ibc").replace("parent: icb_board", "parent: icb_bord")
    assert govdsl.load_text(broken, "f.gov").diagnostics == govdsl.load_text(broken, "f.gov").diagnostics


_PROGRAM = """
import sys, govdsl
text = open(sys.argv[1], encoding="utf-8").read()
broken = text.replace("kind: icb", "kind: ibc").replace("parent: icb_board", "parent: icb_bord")
for t in (text, broken):
    c = govdsl.load_text(t, "f.gov")
    print(repr(c.model))
    print([(d.code, d.span.start, d.span.end, d.message, d.hint) for d in c.diagnostics])
"""


def test_results_do_not_depend_on_hash_randomisation():
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(REPO))
        done = subprocess.run(
            [sys.executable, "-c", _PROGRAM, str(FULL)], capture_output=True, env=env, check=True, text=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert re.search(r"REF001", outputs.pop())
