"""Forum kinds are data: what a kind of forum means lives in its vocabulary entry.

Rules, diagrams, documents, queries and lenses read the attributes of
`ForumKind`, never lists of kind words; these tests hold them to it.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import pytest

import govdsl
from govdsl.model import vocabulary as v
from govdsl.render.style import NODE_STYLES

PACKAGE = Path(govdsl.__file__).resolve().parent
STATUTES = (None, "council", "icb_and_councils")
VOICES = {"nhs", "primary_care", "local_government", "vcse", "public_voice"}

# Kind words that may be written as strings outside the vocabulary, and why.
ALLOWED = {
    ("render/style.py", "board"): "a diagram style named like the kind it draws",
    ("render/style.py", "committee"): "a diagram style named like the kind it draws",
    ("check/rules/delegation.py", "joint_committee"): "a word of the `model:` vocabularies",
    ("check/rules/delegation.py", "committees_in_common"): "a word of the `model:` vocabularies",
    ("check/rules/subsidiarity.py", "provider_collaborative"): "SUB004 is about provider collaboratives",
}


@pytest.mark.parametrize("kind", list(v.FORUM_KINDS.values()), ids=list(v.FORUM_KINDS))
def test_every_forum_kind_says_what_it_means(kind):
    for field in attrs.fields(v.ForumKind):
        value = getattr(kind, field.name)
        if field.type in ("bool",):
            assert isinstance(value, bool), field.name
    assert kind.word and kind.label
    assert kind.style in NODE_STYLES
    assert kind.statutory_partnership in STATUTES
    assert (kind.models is None) == (kind.model_words == {})
    assert all(isinstance(t, v.Term) for t in kind.model_words.values())
    assert set(kind.expected_voices) <= VOICES
    assert not (kind.governing_body and kind.answerable)  # a board answers for its organisation, to no forum


def test_abbreviations_name_one_kind_each():
    abbreviations = [k.abbreviation for k in v.FORUM_KINDS.values() if k.abbreviation]
    assert len(abbreviations) == len(set(abbreviations))


def _kind_words_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in v.FORUM_KINDS
    }


def test_no_module_keeps_its_own_list_of_forum_kinds():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        if where == "model/vocabulary.py":
            continue
        found += [(where, word) for word in sorted(_kind_words_in(path)) if (where, word) not in ALLOWED]
    assert found == []


NEW_KIND = """\
        ForumKind(
            "locality_board", "locality board", committee_like=False, governing_body=False, decides=False,
            answerable=True, joint=False, bodies_decide_apart=False, partnership=True, collaborative=True,
            statutory_partnership=None, needs_parent=False, models=None, plural=False, style="collaborative",
            expected_voices=("nhs", "vcse"),
        ),
"""

PROBE = """\
import sys
import govdsl
from govdsl.check.engine import check_compilation
from govdsl.render.views.common import entity_node

text = '''
organisation trust "Trust" { kind: nhs_trust }
organisation charity "Charity" { kind: vcse }
locality_board lb "Locality board" { partners: [trust, charity] }
'''
compilation = govdsl.load_text(text, "locality.gov")
assert compilation.errors == (), compilation.errors
forum = compilation.model.entity("lb")
print("style", entity_node(compilation.model, "lb").style)
print("codes", sorted({d.code for d in check_compilation(compilation) if d.span and d.span.start == forum.span.start}))
"""


def test_a_new_forum_kind_needs_only_its_vocabulary_entry(tmp_path):
    copy = tmp_path / "govdsl"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PACKAGE.parent / "grammar", tmp_path / "grammar")
    vocabulary = copy / "model" / "vocabulary.py"
    text = vocabulary.read_text(encoding="utf-8")
    anchor = "        ForumKind(\n            \"health_and_wellbeing_board\""
    assert anchor in text
    vocabulary.write_text(text.replace(anchor, NEW_KIND + anchor), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PROBE)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["style"] == "collaborative"  # the diagram draws it as its entry says
    assert "ACC002" in lines["codes"]  # answerable: it must answer to a statutory body, and answers to none
