"""Semantic diff: layout changes nothing; every kind of governance change is reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


from govdsl import load_text
from govdsl.check.engine import check_compilation
from govdsl.diff import diff_models
from govdsl.diff.report import to_json, to_markdown
from govdsl.fmt import format_source

from tests.rules.harness import AS_OF

BASE = (Path(__file__).resolve().parents[1] / "render" / "model.gov").read_text(encoding="utf-8")
NATIONAL = (Path(__file__).resolve().parents[1] / "render" / "national.gov").read_text(encoding="utf-8")
BASE_TEXT = BASE.replace('include "national.gov"', NATIONAL)


def diff(old: str, new: str):
    a, b = load_text(old), load_text(new)
    assert a.errors == () and b.errors == ()
    return diff_models(a.model, b.model, check_compilation(a, None, AS_OF), check_compilation(b, None, AS_OF))


def test_layout_and_order_alone_give_an_empty_diff():
    blocks = BASE_TEXT.split("\n\n")
    reordered = "\n\n".join(reversed(blocks))
    scrambled = format_source(" ".join(BASE_TEXT.replace("\n", "\n  ").split(" ")))
    assert diff(BASE_TEXT, reordered).empty
    assert diff(BASE_TEXT, scrambled).empty
    assert diff(BASE_TEXT, "# a new comment\n" + BASE_TEXT).empty


def test_money_moved_by_forum_and_tier():
    result = diff(BASE_TEXT, BASE_TEXT.replace("limit: £18m", "limit: £20.5m"))
    change = next(c for c in result.changes if c.id == "to_north")
    assert change.details == ("financial limit: £18m → £20.5m (+£2.5m)",)
    assert [(m.holder, str(m.delta)) for m in result.money_by_forum] == [("north_committee", "2500000.0")]
    assert [m.holder for m in result.money_by_tier] == ["fen_north"]


def test_seats_chairs_quorum_and_decision_rule():
    changed = (
        BASE_TEXT.replace("seat: ada as chair\n  seat: bill as voting_member", "seat: bill as chair\n  seat: ada as voting_member")
        .replace("quorum: 2 including [chair]", "quorum: 3 including [chair, 1 clinician]")
        .replace("decision: simple_majority with casting_vote", "decision: consensus")
    )
    details = {d for c in diff(BASE_TEXT, changed).changes for d in c.details}
    assert "chair: Ada Chair (`ada`) → Bill Trust (`bill`)" in details
    assert "quorum: 2 including chair → 3 including chair, clinician" in details
    assert "decision rule: simple majority, chair's casting vote → consensus" in details


def test_added_removed_and_renamed():
    renamed = BASE_TEXT.replace("organisation healthwatch_fenmoor", "organisation healthwatch_fen")
    result = diff(BASE_TEXT, renamed)
    assert [(c.action, c.id) for c in result.changes] == [("renamed", "healthwatch_fen")]
    added = BASE_TEXT + '\nperson cara "Cara New" { no_interests: 2026-01-01 }\n'
    assert [(c.action, c.id) for c in diff(BASE_TEXT, added).changes] == [("added", "cara")]
    assert [(c.action, c.id) for c in diff(added, BASE_TEXT).changes] == [("removed", "cara")]


def test_accountability_lines_and_interests():
    changed = BASE_TEXT.replace("advises: icb_board", "reports_to: icb_board").replace(
        "interest: financial in fen_hospitals", "interest: non_financial_professional in fen_hospitals"
    )
    result = diff(BASE_TEXT, changed)
    lines = {d for c in result.changes if c.category == "lines" for d in c.details}
    assert any(d.startswith("now reports to") for d in lines)
    assert any(d.startswith("no longer advises") for d in lines)
    person = next(c for c in result.changes if c.id == "bill")
    assert "interest declared: non-financial professional in Fen Hospitals NHS Foundation Trust (`fen_hospitals`)" in person.details
    assert "interest withdrawn: financial in Fen Hospitals NHS Foundation Trust (`fen_hospitals`)" in person.details


def test_findings_introduced_and_resolved():
    worse = BASE_TEXT.replace("population: 300k", "population: 700k")
    result = diff(BASE_TEXT, worse)
    assert [f.code for f in result.findings_introduced] == ["SUB001"]
    assert [f.code for f in diff(worse, BASE_TEXT).findings_resolved] == ["SUB001"]


def test_markdown_and_json_reports():
    result = diff(BASE_TEXT, BASE_TEXT.replace("limit: £18m", "limit: £20m").replace('"Fen North Place Committee"', '"Fen | North <b>*Place*</b>"'))
    markdown = to_markdown(result)
    assert "\\| North \\<b\\>\\*Place\\*\\</b\\>" in markdown and "+£2m" in markdown
    data = json.loads(to_json(result))
    assert data["format_version"] == 1 and not data["empty"]
    assert "## Governance changes\n\nNo change" in to_markdown(diff(BASE_TEXT, BASE_TEXT))


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "govdsl", "diff", *args], capture_output=True, text=True, cwd=cwd)


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_diff_command_paths_and_git(tmp_path):
    for name in ("old", "new"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "national.gov").write_text(NATIONAL, encoding="utf-8")
    (tmp_path / "old" / "model.gov").write_text(BASE, encoding="utf-8")
    (tmp_path / "new" / "model.gov").write_text(BASE.replace("population: 300k", "population: 700k"), encoding="utf-8")
    result = run("old", "new", "--as-of", "2026-11-24", cwd=tmp_path)
    assert result.returncode == 0 and "SUB001" in result.stdout  # a warning does not fail the diff
    (tmp_path / "govdsl.toml").write_text('[rules]\nseverity = { SUB001 = "error" }\n', encoding="utf-8")
    result = run("old", "new", "--as-of", "2026-11-24", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and json.loads(result.stdout)["introduces_error"]

    repo = tmp_path / "repo"
    (repo / "model").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "t")
    (repo / "model" / "national.gov").write_text(NATIONAL, encoding="utf-8")
    (repo / "model" / "model.gov").write_text(BASE, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    (repo / "model" / "model.gov").write_text(BASE.replace("limit: £18m", "limit: £19m"), encoding="utf-8")
    git(repo, "commit", "-qam", "two")
    result = run("--git", "HEAD~1..HEAD", "model", "--format", "markdown", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "£18m → £19m (+£1m)" in result.stdout
    result = run("--git", "nope..HEAD", "model", cwd=repo)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_dates_of_posts_and_forums_and_reasons():
    changed = (
        BASE_TEXT.replace("post: chief_executive at fen_hospitals", "post: chief_executive at fen_hospitals to 2026-03-31")
        .replace('committee north_committee "Fen North Place Committee" {', 'committee north_committee "Fen North Place Committee" {\n  closed: 2027-03-31')
        .replace('function commissioning.community "Community services commissioning" {', 'function commissioning.community "Community services commissioning" {\n  reason: "One contract"')
    )
    details = {d for c in diff(BASE_TEXT, changed).changes for d in c.details}
    assert "posts: chief_executive at fen_hospitals → chief_executive at fen_hospitals to 2026-03-31" in details
    assert "closed: none → 2027-03-31" in details
    assert "reason: none → `One contract`" in details
