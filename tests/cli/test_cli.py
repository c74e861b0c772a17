"""The command line, run as a user runs it: `python -m govdsl ...` in a subprocess.

Exit status: 0 clean, 1 errors found, 2 usage or input problem, 3 internal error.
"""

from __future__ import annotations

import json
import os

import pytest

import govdsl

CLEAN = 'organisation northmoor_icb "NHS Northmoor ICB" {\n  kind: icb\n}\n'
BROKEN = 'committee audit "Audit" {\n  parent: northmoor_ibc\n}\norganisation northmoor_icb { kind: icb }\nperson p { post: chair at audit }\n'


@pytest.fixture
def folder(tmp_path):
    def write(name: str, content: str | bytes = CLEAN):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    write.path = tmp_path
    return write


def no_traceback(stderr: str):
    assert "Traceback" not in stderr
    assert "internal error" not in stderr


def test_version(run_cli):
    status, out, err = run_cli("--version")
    assert status == 0
    assert out.strip() == f"govdsl {govdsl.__version__}"


def test_no_command_is_a_usage_error(run_cli):
    status, out, err = run_cli()
    assert status == 2
    assert "check" in out  # the help lists the commands
    no_traceback(err)


@pytest.mark.parametrize("extra", [[], ["--no-rules"]])
def test_clean_file_exits_0(run_cli, folder, extra):
    folder("model.gov")
    status, out, err = run_cli("check", *extra, "model.gov", cwd=folder.path)
    assert status == 0, out + err
    assert err == ""


def test_errors_exit_1(run_cli, folder):
    folder("model.gov", BROKEN)
    status, out, err = run_cli("check", "--no-rules", "model.gov", cwd=folder.path)
    assert status == 1
    assert "REF001" in out and "REF002" in out
    assert "model.gov:2:11" in out
    no_traceback(err)


def test_warnings_alone_exit_0_unless_fail_on_warning(run_cli, folder):
    folder("a.gov", 'include "b.gov"\n' + CLEAN)
    folder("b.gov", 'include "a.gov"\n')
    status, out, _ = run_cli("check", "--no-rules", "a.gov", cwd=folder.path)
    assert (status, "SRC009" in out) == (0, True)
    status, _, _ = run_cli("check", "--no-rules", "--fail-on", "warning", "a.gov", cwd=folder.path)
    assert status == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--bogus"],
        ["check", "--format", "xml", "x.gov"],
        ["check", "--as-of", "yesterday", "x.gov"],
        ["check", "--fail-on", "panic", "x.gov"],
        ["frobnicate"],
        ["check", "--config", "no_such_config.toml", "x.gov"],
    ],
    ids=["unknown-option", "unknown-format", "bad-date", "bad-fail-on", "unknown-command", "missing-config"],
)
def test_bad_usage_exits_2(folder, monkeypatch, capsys, args):
    from govdsl.cli.main import main

    folder("x.gov")
    monkeypatch.chdir(folder.path)
    try:
        status = main(args)
    except SystemExit as exit_:  # argparse's own way out
        status = exit_.code
    out, err = capsys.readouterr()
    assert status == 2
    assert err.strip()
    no_traceback(err)


def test_bad_usage_in_a_subprocess(run_cli, folder):
    folder("x.gov")
    for args in (["check", "--bogus"], ["check", "--config", "no_such_config.toml", "x.gov"]):
        status, out, err = run_cli(*args, cwd=folder.path)
        assert status == 2, args
        assert "usage" in err or "error" in err
        no_traceback(err)


# (name, files to write, arguments after `check`, code expected)
BAD_INPUTS = [
    ("no-input", {}, [], "SRC005"),
    ("missing-path", {}, ["missing.gov"], "SRC001"),
    ("missing-folder", {}, ["nowhere/"], "SRC001"),
    ("folder-without-gov-files", {"docs/readme.txt": "hello"}, ["docs"], "SRC005"),
    ("binary", {"image.gov": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, ["image.gov"], "SRC003"),
    ("non-utf8", {"ansi.gov": "person p { contact: \"£5\" }".encode("cp1252")}, ["ansi.gov"], "SRC004"),
    ("utf16", {"utf16.gov": "person p {}".encode("utf-16")}, ["utf16.gov"], "SRC003"),
]


@pytest.mark.parametrize("name,files,args,code", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_unreadable_input_exits_2_without_a_traceback(run_cli, folder, name, files, args, code):
    for file, content in files.items():
        folder(file, content)
    status, out, err = run_cli("check", *args, cwd=folder.path)
    assert status == 2
    no_traceback(err)
    assert f"error[{code}]" in out


@pytest.mark.parametrize("name,files,args,code", [b for b in BAD_INPUTS if b[0] in ("no-input", "binary", "non-utf8")])
def test_unreadable_input_in_json(run_cli, folder, name, files, args, code):
    for file, content in files.items():
        folder(file, content)
    status, out, err = run_cli("check", "--format", "json", *args, cwd=folder.path)
    assert status == 2
    no_traceback(err)
    report = json.loads(out)
    assert [d["code"] for d in report["diagnostics"]] == [code]


ODD = {
    "empty": "",
    "blank": "\n\n   \n",
    "comment": "# just a comment",
    "bom-only": b"\xef\xbb\xbf",
    "punctuation": b"}{][\"\"\"\xc2\xa3%%%\n" * 20,
    "repeated-keyword": "organisation " * 200,
    "open-braces": "{" * 2000,
    "brackets-and-braces": "[" * 2000 + "}" * 2000,
    "terminal-escapes": b"\x1b[31mred\x1b[0m person p {}",
    "one-long-word": "x" * 100_000,
    "words": "a b c d e f g h i j k l m n o p q r s t u v w x y z\n" * 200,
    "garbage-bytes": bytes(range(1, 256)) * 4,
}


@pytest.mark.parametrize("name", list(ODD))
def test_odd_text_never_gives_a_traceback_in_process(folder, monkeypatch, capsys, name):
    from govdsl.cli.main import main

    folder(f"{name}.gov", ODD[name])
    monkeypatch.chdir(folder.path)
    status = main(["check", "--no-rules", f"{name}.gov"])
    out, err = capsys.readouterr()
    assert status in (0, 1, 2)
    no_traceback(err)
    assert "\x1b" not in out


def test_odd_text_never_gives_a_traceback(run_cli, folder):
    for name, content in ODD.items():
        folder(f"odd/{name}.gov", content)
    for args in (["--no-rules"], ["--format", "json"]):  # the language only; the whole check, as JSON
        status, out, err = run_cli("check", *args, "odd", cwd=folder.path)
        assert status in (1, 2), args  # the garbage bytes are not UTF-8: an input error
        no_traceback(err)
        assert "\x1b" not in out  # no escape codes reach the terminal, not even the user's


def test_json_report(run_cli, folder):
    folder("model.gov", BROKEN)
    status, out, err = run_cli("check", "--no-rules", "--format", "json", "model.gov", cwd=folder.path)
    assert status == 1
    report = json.loads(out)
    assert report["format_version"] == 1
    assert report["govdsl_version"] == govdsl.__version__
    assert report["valid"] is False
    assert (report["error_count"], report["warning_count"], report["info_count"]) == (2, 0, 0)
    assert report["files"] == ["model.gov"]
    ref001, ref002 = report["diagnostics"]
    assert set(ref001) >= {"code", "severity", "message", "hint", "range", "related"}
    assert ref001["code"] == "REF001"
    assert ref001["severity"] == "error"
    assert ref001["message"]
    assert "northmoor_icb" in ref001["hint"]
    assert ref001["range"] == {
        "filename": "model.gov",
        "start": {"line": 2, "column": 11, "offset": 36},
        "end": {"line": 2, "column": 24, "offset": 49},
    }
    assert ref001["related"] == []
    (related,) = ref002["related"]
    assert related["message"]
    assert related["range"]["filename"] == "model.gov"
    assert related["range"]["start"] == {"line": 1, "column": 11, "offset": 10}


def test_json_report_of_a_clean_model(run_cli, folder):
    folder("model.gov")
    status, out, _ = run_cli("check", "--no-rules", "--format", "json", "model.gov", cwd=folder.path)
    report = json.loads(out)
    assert status == 0
    assert report["valid"] is True
    assert report["diagnostics"] == []
    assert report["error_count"] == 0


def test_json_range_is_null_without_a_location(run_cli, folder):
    status, out, _ = run_cli("check", "--format", "json", "missing.gov", cwd=folder.path)
    (d,) = json.loads(out)["diagnostics"]
    assert d["range"] is None
    assert status == 2


def test_json_is_stdout_only_and_stable(run_cli, folder):
    folder("model.gov", BROKEN)
    first = run_cli("check", "--no-rules", "--format", "json", "model.gov", cwd=folder.path)
    second = run_cli("check", "--no-rules", "--format", "json", "model.gov", cwd=folder.path)
    assert first == second
    assert first[2] == ""


def test_json_counts_warnings(run_cli, folder):
    folder("a.gov", 'include "b.gov"\n' + CLEAN)
    folder("b.gov", 'include "a.gov"\nperson p { contact: 5 }')
    status, out, _ = run_cli("check", "--no-rules", "--format", "json", "a.gov", cwd=folder.path)
    report = json.loads(out)
    assert (report["error_count"], report["warning_count"]) == (1, 1)
    assert {d["severity"] for d in report["diagnostics"]} == {"error", "warning"}
    assert report["files"] == ["a.gov", "b.gov"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_input_files_are_never_modified(run_cli, folder, fmt):
    files = [
        folder("model/a.gov", 'include "b.gov"\n' + BROKEN),
        folder("model/b.gov", "person q {\n  contact: 5\n"),
        folder("model/c.gov", CLEAN),
        folder("model/d.gov", b"\x00binary"),
    ]
    old = 1_000_000_000
    for path in files:
        os.utime(path, (old, old))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    listing = sorted(p.name for p in (folder.path / "model").iterdir())
    run_cli("check", "--format", fmt, "model", cwd=folder.path)
    run_cli("check", "--no-rules", "--format", fmt, "model/a.gov", cwd=folder.path)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    assert after == before
    assert sorted(p.name for p in (folder.path / "model").iterdir()) == listing


def test_text_report_ends_with_a_summary(run_cli, folder):
    folder("model.gov", BROKEN)
    status, out, _ = run_cli("check", "--no-rules", "model.gov", cwd=folder.path)
    assert out.rstrip().splitlines()[-1] == "2 errors in 1 file."
    folder("ok.gov")
    status, out, _ = run_cli("check", "--no-rules", "ok.gov", cwd=folder.path)
    assert out.strip() == "No problems found in 1 file."
