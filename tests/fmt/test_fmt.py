"""The formatter: golden cases, idempotence, meaning kept, comments kept, the command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govdsl import load
from govdsl.fmt import FormatError, format_source, syntax_shape
from govdsl.source import SourceFile
from govdsl.syntax import parse

CASES = sorted((Path(__file__).parent / "cases").glob("*.gov"))
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_FILES = sorted((ROOT / "examples").rglob("*.gov"))
VALID_EXAMPLES = [p for p in EXAMPLE_FILES if "broken" not in p.parts]


def split_case(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    if "\n# output\n" in text:
        source, expected = text.split("\n# output\n", 1)
        return source + "\n", expected
    return text, text


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path):
    source, expected = split_case(path)
    assert format_source(source) == expected
    assert format_source(expected) == expected


def shape(text):
    return syntax_shape(parse(SourceFile("x.gov", text)).document)


@pytest.mark.parametrize("path", VALID_EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in VALID_EXAMPLES])
def test_examples_are_formatted_and_stable(path):
    text = path.read_text(encoding="utf-8")
    formatted = format_source(text)
    assert formatted == text, "run `govdsl fmt examples` to format the bundled examples"
    assert shape(formatted) == shape(text)


def test_formatting_keeps_the_model_of_every_example(tmp_path):
    if not VALID_EXAMPLES:
        pytest.skip("no examples")
    for folder in sorted({p.relative_to(ROOT / "examples").parts[0] for p in VALID_EXAMPLES}):
        source = ROOT / "examples" / folder
        copy = tmp_path / folder
        for path in source.rglob("*.gov"):
            target = copy / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            # scramble the layout, then format it back
            scrambled = " ".join(path.read_text(encoding="utf-8").replace("\n", "\n ").split(" "))
            target.write_text(format_source(scrambled), encoding="utf-8")
        if (ROOT / "examples" / "shared").exists() and not (tmp_path / "shared").exists():
            for path in (ROOT / "examples" / "shared").rglob("*.gov"):
                target = tmp_path / "shared" / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        assert load([copy], allow_outside_root=True).model == load([source], allow_outside_root=True).model


def test_every_comment_is_kept():
    source, _ = split_case(CASES[0])
    formatted = format_source(source)
    original = [c.text.strip() for c in parse(SourceFile("a", source)).document.comments]
    kept = [c.text.strip() for c in parse(SourceFile("b", formatted)).document.comments]
    assert original == kept


def test_syntax_errors_are_refused():
    with pytest.raises(FormatError):
        format_source('place p "P" {\n  within s\n}\n')


def test_crlf_and_bom_input():
    assert format_source('place p "P" {\r\n  within: s  # note\r\n}\r\n') == 'place p "P" {\n  within: s  # note\n}\n'


def run(*args):
    return subprocess.run([sys.executable, "-m", "govdsl", "fmt", *args], capture_output=True, text=True)


def test_command_check_diff_and_write(tmp_path):
    path = tmp_path / "m.gov"
    path.write_text('place p "P" { within: s }\n', encoding="utf-8")
    before = path.stat().st_mtime_ns
    result = run("--check", str(tmp_path))
    assert result.returncode == 1 and "would reformat" in result.stdout
    result = run("--diff", str(path))
    assert result.returncode == 1 and "+  within: s" in result.stdout
    assert path.stat().st_mtime_ns == before
    assert run(str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == 'place p "P" {\n  within: s\n}\n'
    after = path.stat().st_mtime_ns
    assert run(str(path)).returncode == 0
    assert path.stat().st_mtime_ns == after, "an unchanged file is not rewritten"
    assert run("--check", str(path)).returncode == 0


def test_command_on_bad_input(tmp_path):
    broken = tmp_path / "broken.gov"
    broken.write_text('place p "P" {\n  within s\n}\n', encoding="utf-8")
    result = run(str(broken))
    assert result.returncode == 1 and "SYN003" in result.stderr and "Traceback" not in result.stderr
    assert broken.read_text(encoding="utf-8") == 'place p "P" {\n  within s\n}\n'
    result = run(str(tmp_path / "missing.gov"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
