"""What-if: taking people, organisations, forums and seats out of a model, and what breaks."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections import Counter
from fractions import Fraction as F
from pathlib import Path

import pytest

import govdsl
from govdsl.cli.main import main
from govdsl.model.types import Forum
from govdsl.whatif import Removal, UnknownTarget, apply, removal_for, to_json, what_if

RENDER_MODEL = Path(__file__).resolve().parent.parent / "render" / "model.gov"
ON = dt.date(2026, 7, 1)


@pytest.fixture(scope="module")
def fenmoor():
    compilation = govdsl.load([RENDER_MODEL])
    assert not compilation.errors
    return compilation.model


def run(model, remove=(), vacant=()):
    return what_if(model, removal_for(model, list(remove), list(vacant)), as_of=ON)


def ids(items):
    return [item.subject for item in items]


def codes(diagnostics):
    return sorted(d.code for d in diagnostics)


# -- people --------------------------------------------------------------------------------------------


def test_removing_a_member_leaves_the_board_inquorate(fenmoor):
    result = run(fenmoor, remove=["bill"])
    assert ids(result.inquorate) == ["icb_board"]  # quorum 2, one voting member left
    assert "GOV005" in codes(result.introduced)  # the quorum rule agrees
    assert result.breaks


def test_removing_the_chair_leaves_forums_without_a_chair_and_moves_power(fenmoor):
    result = run(fenmoor, remove=["ada"])
    assert ids(result.chairless) == ["icb_board", "north_committee"]
    board = {(s.level, s.player): (s.before, s.after) for s in result.power if s.forum == "icb_board"}
    # Before: the ICB's chair breaks the 1-1 tie, so the ICB decides alone. After: only the trust votes.
    assert board[("organisation", "fenmoor_icb")] == (F(1), F(0))
    assert board[("organisation", "fen_hospitals")] == (F(0), F(1))


def test_removing_a_person_drops_every_reference_to_them(fenmoor):
    after = apply(fenmoor, removal_for(fenmoor, ["bill"]))
    assert after.entity("bill") is None
    assert all(s.person != "bill" for s in after.seats())
    assert all("bill" not in d.excluded for d in after.decisions)


# -- organisations ---------------------------------------------------------------------------------------


def test_removing_an_organisation_takes_the_seats_held_for_it_or_by_its_staff(fenmoor):
    after = apply(fenmoor, removal_for(fenmoor, ["fen_hospitals"]))
    # Bill sits on the board `for fen_hospitals`, and on the committee as its chief executive.
    assert all(s.person != "bill" for s in after.seats())
    # The organisation itself stays declared: the bodies and funds that name it still resolve.
    assert after.entity("fen_hospitals") is not None
    assert after.entity("bill") is not None


def test_a_member_sitting_for_another_organisation_keeps_their_seat():
    model = compile_model(
        """
        person p "P" { post: director at trust }
        person q "Q" { post: director at icb }
        committee f "F" {
          parent: icb
          seat: q as chair
          seat: p as voting_member for council
        }
        """
    )
    after = apply(model, removal_for(model, ["trust"]))
    assert [s.person for s in after.entity("f").seats] == ["q", "p"]
    after = apply(model, removal_for(model, ["council"]))
    assert [s.person for s in after.entity("f").seats] == ["q"]


# -- forums ----------------------------------------------------------------------------------------------


def test_removing_a_forum_cuts_its_delegations_and_their_decisions(fenmoor):
    result = run(fenmoor, remove=["icb_board"])
    assert ids(result.delegations_cut) == ["to_north"]  # the delegator is gone
    assert ids(result.decisions_lost) == ["community_contract"]  # taken under `to_north`
    assert "STAT001" in codes(result.introduced)  # the ICB has no board
    assert result.breaks


def test_removing_a_forum_loses_the_decisions_it_takes(fenmoor):
    result = run(fenmoor, remove=["north_committee"])
    assert ids(result.decisions_lost) == ["community_contract"]
    assert "its forum `north_committee` is removed" in result.decisions_lost[0].reason
    after = apply(fenmoor, removal_for(fenmoor, ["north_committee"]))
    assert after.entity("community_contract") is None and after.entity("to_north") is None


def test_a_delegation_loses_the_body_it_reports_to():
    model = compile_model(
        """
        person a "A" { post: director at icb }
        person b "B" { post: director at icb }
        board board "Board" { parent: icb  seat: a as chair }
        committee audit "Audit" { parent: board  seat: b as chair }
        committee place "Place" { parent: board  seat: b as chair }
        function commissioning.x "X" { held_by: icb }
        delegation d "D" {
          from: board
          to: place
          functions: [commissioning.x]
          reports_to: [audit]
        }
        """
    )
    result = what_if(model, removal_for(model, ["audit"]), as_of=ON)
    assert ids(result.delegations_cut) == ["d"]
    assert "no longer reports to anyone" in result.delegations_cut[0].reason
    assert apply(model, removal_for(model, ["audit"])).entity("d").reports_to == ()


def test_decisions_of_a_forum_that_has_closed_are_not_lost_by_a_removal():
    # The old committee closed before the as-of date: its decisions are history. Taking a
    # member out does not lose them, nor does looking at them fail; removing the board, which
    # made the delegation one was taken under, still does.
    model = compile_model(
        """
        person a "A" { post: director at icb }
        board board "Board" { parent: icb  seat: a as chair }
        committee old "Old" { parent: board  closed: 2026-03-31  seat: a as chair }
        function commissioning.x "X" { held_by: icb }
        delegation d "D" { from: board  to: old  functions: [commissioning.x]  reports_to: [board]  expires: 2026-03-31 }
        decision past "Past" { forum: old  date: 2026-02-01  under: d }
        """
    )
    assert ids(what_if(model, removal_for(model, ["a"]), as_of=ON).decisions_lost) == []
    lost = what_if(model, removal_for(model, ["board"]), as_of=ON).decisions_lost
    assert [(b.subject, b.reason) for b in lost] == [("past", "the delegation `d` it is taken under is gone")]


# -- seats -----------------------------------------------------------------------------------------------


def test_a_vacant_seat_takes_only_that_seat(fenmoor):
    after = apply(fenmoor, removal_for(fenmoor, vacant=["icb_board:bill"]))
    assert [s.person for s in after.entity("icb_board").seats] == ["ada"]
    assert [s.person for s in after.entity("north_committee").seats] == ["ada", "bill"]


def test_nothing_breaks_when_a_quorum_survives():
    model = compile_model(
        """
        person a "A" { post: director at icb }
        person b "B" { post: director at icb }
        person c "C" { post: director at icb }
        committee f "F" {
          parent: icb
          quorum: 2
          decision: simple_majority
          seat: a as chair
          seat: b as voting_member
          seat: c as voting_member
        }
        """
    )
    result = what_if(model, removal_for(model, vacant=["f:c"]), as_of=ON)
    assert not result.inquorate and not result.decisions_lost and not result.errors_introduced
    assert not result.breaks
    # All three sit for the ICB: its power does not move, so no shift is reported as a change.
    assert all(s.change == 0 for s in result.power)


def test_removing_nothing_changes_nothing(fenmoor):
    result = what_if(fenmoor, Removal(), as_of=ON)
    assert result.changes == ()
    assert not any((result.inquorate, result.decisions_lost, result.delegations_cut, result.chairless, result.power))
    assert result.introduced == () and result.resolved == ()
    assert apply(fenmoor, Removal()) == fenmoor


# -- what may be removed -----------------------------------------------------------------------------------


def test_unknown_names_suggest_the_nearest(fenmoor):
    with pytest.raises(UnknownTarget, match="Did you mean `fen_hospitals`"):
        removal_for(fenmoor, ["fen_hospital"])
    with pytest.raises(UnknownTarget, match="Did you mean `bill`"):
        removal_for(fenmoor, vacant=["icb_board:bil"])
    with pytest.raises(UnknownTarget, match="not a forum"):
        removal_for(fenmoor, vacant=["bill:ada"])
    with pytest.raises(UnknownTarget, match="is a function"):
        removal_for(fenmoor, ["commissioning.community"])


def test_the_model_after_a_removal_has_no_dangling_references(fenmoor):
    for target in ("ada", "bill", "fen_hospitals", "fenmoor_icb", "icb_board", "north_committee", "icp"):
        after = apply(fenmoor, removal_for(fenmoor, [target]))
        for seat in after.seats():
            assert seat.person in after
            for other in (seat.nominated_by, seat.appointed_by, seat.approved_by, seat.representing):
                assert other is None or other in after
        for delegation in after.delegations:
            assert delegation.delegator in after and delegation.delegate in after
            assert all(r in after for r in delegation.reports_to)
        for decision in after.decisions:
            assert isinstance(after.entity(decision.forum), Forum)
            assert decision.under is None or decision.under in after
        for forum in after.forums:
            assert all(p in after for p in forum.parents)
        for line in after.lines:
            assert line.source in after and line.target in after


# -- the command --------------------------------------------------------------------------------------------


def test_whatif_command_exit_status(capsys):
    assert main(["whatif", str(RENDER_MODEL), "--remove", "bill", "--as-of", "2026-07-01"]) == 1
    assert "icb_board" in capsys.readouterr().out
    assert main(["whatif", str(RENDER_MODEL), "--vacant", "north_committee:bill", "--as-of", "2026-07-01"]) == 0
    capsys.readouterr()


def test_whatif_command_json(capsys):
    status = main(["whatif", str(RENDER_MODEL), "--remove", "icb_board", "--format", "json", "--as-of", "2026-07-01"])
    data = json.loads(capsys.readouterr().out)
    assert status == 1
    assert data["format_version"] == 1 and data["breaks"] is True
    assert [d["id"] for d in data["delegations_cut"]] == ["to_north"]
    assert "STAT001" in [f["code"] for f in data["findings_introduced"]]


def test_whatif_command_usage_problems(capsys):
    assert main(["whatif", str(RENDER_MODEL), "--remove", "fen_hospital"]) == 2
    assert "Did you mean `fen_hospitals`?" in capsys.readouterr().err
    assert main(["whatif", str(RENDER_MODEL)]) == 2
    assert "--remove" in capsys.readouterr().err


def test_whatif_json_is_deterministic(fenmoor):
    first = to_json(run(fenmoor, remove=["ada"]))
    assert first == to_json(run(fenmoor, remove=["ada"]))


# -- helpers ------------------------------------------------------------------------------------------------

ORGANISATIONS = """
organisation icb "NHS Test ICB" { kind: icb }
organisation trust "Test Hospitals NHS FT" { kind: foundation_trust }
organisation council "Test Council" { kind: unitary_council }
"""


def compile_model(text: str):
    compilation = govdsl.load_text(ORGANISATIONS + textwrap.dedent(text), "test.gov")
    assert not compilation.errors, [d.message for d in compilation.errors]
    return compilation.model


# -- the pipeline: suppressions and configuration apply as in `check` -------------------------------------

_BILL_ON_THE_BOARD = "  seat: bill as partner_member_trusts for fen_hospitals\n"
_SUPPRESSION = "# govdsl: allow GOV005 because a second partner member is being appointed\n"


def _project(tmp_path, *, suppressed: bool, bill: bool = True) -> Path:
    """The render model in a folder of its own; optionally suppressing GOV005 on the board, or without Bill's seat."""
    folder = tmp_path / ("suppressed" if suppressed else "plain") / ("with" if bill else "without")
    folder.mkdir(parents=True)
    text = RENDER_MODEL.read_text(encoding="utf-8")
    assert _BILL_ON_THE_BOARD in text and "\nboard icb_board " in text
    if suppressed:
        text = text.replace("\nboard icb_board ", "\n" + _SUPPRESSION + "board icb_board ")
    if not bill:
        text = text.replace(_BILL_ON_THE_BOARD, "")
    (folder / "model.gov").write_text(text, encoding="utf-8")
    (folder / "national.gov").write_text((RENDER_MODEL.parent / "national.gov").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _findings(diagnostics):
    """Rule findings as what-if compares them: by code and message (not by place: the texts differ)."""
    return Counter((d.code, d.message) for d in diagnostics if not d.code.startswith("SUP"))


@pytest.mark.parametrize("suppressed", [False, True], ids=["plain", "suppressed"])
def test_whatif_reports_the_findings_check_reports_after_the_change(tmp_path, suppressed):
    before = govdsl.check([_project(tmp_path, suppressed=suppressed)], as_of=ON)
    after = govdsl.check([_project(tmp_path, suppressed=suppressed, bill=False)], as_of=ON)
    assert before.checked and after.checked
    expected_introduced = _findings(after.diagnostics) - _findings(before.diagnostics)
    expected_resolved = _findings(before.diagnostics) - _findings(after.diagnostics)
    assert any(code == "GOV005" for code, _ in expected_introduced) is not suppressed  # one member left

    removal = removal_for(before.model, vacant=["icb_board:bill"])
    result = what_if(before.model, removal, before.config, before.as_of, findings=before.findings_for)
    assert _findings(result.introduced) == expected_introduced
    assert _findings(result.resolved) == expected_resolved


def test_whatif_command_applies_suppressions(tmp_path, capsys):
    for suppressed in (False, True):
        folder = _project(tmp_path, suppressed=suppressed)
        status = main(["whatif", str(folder), "--vacant", "icb_board:bill", "--as-of", ON.isoformat(), "--format", "json"])
        data = json.loads(capsys.readouterr().out)
        introduced = [f["code"] for f in data["findings_introduced"]]
        assert ("GOV005" in introduced) is not suppressed
        assert all(f["subjects"] for f in data["findings_introduced"] + data["findings_resolved"])
        assert status == 1  # the board cannot make its quorum either way
