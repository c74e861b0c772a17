"""The power lens: exact power indices, checked against games solved by hand and in the literature.

Hand-computed and published values are written as fractions, so the tests
check the exact arithmetic, not a rounding of it. Property tests check that
the two algorithms (enumeration and dynamic programming) agree on random
games, and that the indices behave as indices must.
"""

from __future__ import annotations

import json
import textwrap
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdsl
from govdsl.cli.main import main
from govdsl.lenses import LENSES, FocusError, LensFinding, LensReport, LensUnavailable, Section, Table, get_lens
from govdsl.lenses import power
from govdsl.lenses.power import Game, analyse_forum, solve
from govdsl.lenses.report import JSON_FORMAT_VERSION, to_html, to_json, to_text

METHODS = ("enumeration", "dp")


def both(game: Game):
    """The indices by each algorithm, checked to be identical."""
    first, second = (solve(game, m) for m in METHODS)
    assert first.swings == second.swings
    assert first.banzhaf == second.banzhaf
    assert first.shapley_shubik == second.shapley_shubik
    return first


# -- published and hand-computed games ---------------------------------------------------------------


def test_eec_council_of_ministers_1958():
    """France, Germany, Italy 4; Belgium, the Netherlands 2; Luxembourg 1; quota 12 of 17.

    The classic example: Luxembourg's vote never matters. Shapley–Shubik
    (14, 14, 14, 9, 9, 0)/60; normalised Banzhaf (5, 5, 5, 3, 3, 0)/21.
    """
    result = both(Game.weighted([4, 4, 4, 2, 2, 1], 12))
    assert result.shapley_shubik == (F(14, 60),) * 3 + (F(9, 60),) * 2 + (F(0),)
    assert result.banzhaf == (F(5, 21),) * 3 + (F(3, 21),) * 2 + (F(0),)
    assert result.swings == (10, 10, 10, 6, 6, 0)
    assert result.dummies == (False,) * 5 + (True,)
    assert not any(result.veto) and not any(result.dictator)


def test_dictator_game():
    """[4; 4, 2, 1]: the first player wins alone and nothing wins without them."""
    result = both(Game.weighted([4, 2, 1], 4))
    assert result.banzhaf == (F(1), F(0), F(0))
    assert result.shapley_shubik == (F(1), F(0), F(0))
    assert result.dictator == (True, False, False)
    assert result.veto == (True, False, False)
    assert result.dummies == (False, True, True)


def test_weighted_game_with_a_veto_player():
    """[3; 2, 1, 1], by hand.

    Winning: AB, AC, ABC. Swings: A in all three (3), B in AB, C in AC: Banzhaf (3, 1, 1)/5.
    Orderings: A is pivotal in BAC, BCA, CAB, CBA; B in ABC; C in ACB: Shapley–Shubik (4, 1, 1)/6.
    """
    result = both(Game.weighted([2, 1, 1], 3))
    assert result.banzhaf == (F(3, 5), F(1, 5), F(1, 5))
    assert result.shapley_shubik == (F(2, 3), F(1, 6), F(1, 6))
    assert result.veto == (True, False, False)
    assert result.dictator == (False, False, False)


def test_symmetric_game():
    result = both(Game.weighted([1] * 5, 3))
    assert result.banzhaf == (F(1, 5),) * 5
    assert result.shapley_shubik == (F(1, 5),) * 5


def test_unanimity_gives_equal_power_whatever_the_weights():
    result = both(Game.weighted([3, 2, 1], 6))
    assert result.banzhaf == (F(1, 3),) * 3
    assert result.shapley_shubik == (F(1, 3),) * 3
    assert result.veto == (True, True, True)


def test_double_majority_by_hand():
    """Overall majority of 5 votes, a majority of the NHS bloc and of the council bloc.

    Players (overall, NHS, council weights): ICB (2, 2, 0), trust (1, 1, 0),
    three councils (1, 0, 1); quotas (3, 2, 2). The NHS majority needs the ICB
    (the trust's 1 of 3 is not enough), and then any two councils carry it:
    winning = ICB and at least two councils, trust in or out.

    Banzhaf: the ICB swings in all 4 × 2 = 8 winning coalitions; a council in
    the 2 × 2 = 4 with exactly two councils including it; the trust never:
    (8, 0, 4, 4, 4)/20.
    Shapley–Shubik: the ICB is pivotal when at least two councils come before
    it: over its five positions, (0 + 0 + 1/2 + 1 + 1)/5 = 1/2; the councils
    share the rest equally.
    """
    game = Game(((2, 2, 0), (1, 1, 0), (1, 0, 1), (1, 0, 1), (1, 0, 1)), (3, 2, 2))
    result = both(game)
    assert result.banzhaf == (F(2, 5), F(0), F(1, 5), F(1, 5), F(1, 5))
    assert result.shapley_shubik == (F(1, 2), F(0), F(1, 6), F(1, 6), F(1, 6))
    assert result.veto == (True, False, False, False, False)
    assert result.dummies == (False, True, False, False, False)


def test_large_games_use_dynamic_programming_and_agree_with_enumeration():
    weights = [3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]  # 16 players: above the enumeration limit
    game = Game.weighted(weights, 12)
    auto = solve(game)
    assert auto.method == "dynamic programming"
    listed = solve(game, "enumeration")
    assert auto.banzhaf == listed.banzhaf and auto.shapley_shubik == listed.shapley_shubik
    assert sum(auto.banzhaf) == 1 and sum(auto.shapley_shubik) == 1


def test_a_large_symmetric_game():
    result = solve(Game.weighted([1] * 40, 21))
    assert result.method == "dynamic programming"
    assert result.banzhaf == (F(1, 40),) * 40
    assert result.shapley_shubik == (F(1, 40),) * 40


def test_games_too_large_to_count_exactly_are_refused_not_hung(monkeypatch):
    monkeypatch.setattr(power, "STATE_LIMIT", 1000)
    distinct = [2**i for i in range(20)]  # every coalition has its own total
    with pytest.raises(power.GameTooLarge):
        solve(Game.weighted(distinct, 2**19), "dp")
    model = model_of(
        people(*(f"p{i}@icb" for i in range(20)))
        + 'committee f "F" { parent: icb decision: simple_majority '
        + " ".join(f"seat: p{i} as voting_member weight {2**i}" for i in range(20))
        + " }\n"
    )
    report = power.assess(model)
    assert "too many players" in report.summary[0]


def test_no_winning_coalition_gives_zero_power():
    result = both(Game.weighted([1, 1], 3))
    assert result.banzhaf == (F(0), F(0))
    assert result.shapley_shubik == (F(0), F(0))


# -- property tests ------------------------------------------------------------------------------------


@st.composite
def games(draw, max_players=7, max_dimensions=3):
    n = draw(st.integers(1, max_players))
    dimensions = draw(st.integers(1, max_dimensions))
    weights = tuple(
        tuple(draw(st.integers(0, 6)) for _ in range(dimensions)) for _ in range(n)
    )
    totals = [sum(w[d] for w in weights) for d in range(dimensions)]
    quotas = tuple(draw(st.integers(1, max(t, 1))) for t in totals)
    return Game(weights, quotas)


@settings(max_examples=200, deadline=None)
@given(games())
def test_dynamic_programming_agrees_with_enumeration(game):
    both(game)


@settings(max_examples=200, deadline=None)
@given(games())
def test_indices_sum_to_one_when_the_game_is_decisive(game):
    result = solve(game)
    everyone = range(game.n)
    if game.wins(everyone):  # quotas are at least 1, so the empty coalition loses
        assert sum(result.shapley_shubik) == 1
        assert sum(result.banzhaf) == 1
    else:
        assert sum(result.shapley_shubik) == 0 and sum(result.banzhaf) == 0
    assert all(0 <= x <= 1 for x in result.banzhaf + result.shapley_shubik)


@settings(max_examples=100, deadline=None)
@given(games(max_dimensions=1))
def test_players_with_equal_weights_have_equal_power(game):
    result = solve(game)
    for i in range(game.n):
        for j in range(game.n):
            if game.weights[i] == game.weights[j]:
                assert result.banzhaf[i] == result.banzhaf[j]
                assert result.shapley_shubik[i] == result.shapley_shubik[j]


@settings(max_examples=100, deadline=None)
@given(games(max_dimensions=1))
def test_a_heavier_player_never_has_less_power(game):
    result = solve(game)
    for i in range(game.n):
        for j in range(game.n):
            if game.weights[i] >= game.weights[j]:
                assert result.banzhaf[i] >= result.banzhaf[j]
                assert result.shapley_shubik[i] >= result.shapley_shubik[j]


# -- from forums to games ------------------------------------------------------------------------------

ORGANISATIONS = """
organisation icb "NHS Test ICB" { kind: icb }
organisation trust "Test Hospitals NHS FT" { kind: foundation_trust }
organisation c1 "First Council" { kind: unitary_council }
organisation c2 "Second Council" { kind: unitary_council }
organisation c3 "Third Council" { kind: unitary_council }
organisation c4 "Fourth Council" { kind: unitary_council }
organisation c5 "Fifth Council" { kind: unitary_council }
organisation vcse "Test Voluntary Action" { kind: vcse }
"""


def model_of(text: str):
    compilation = govdsl.load_text(ORGANISATIONS + textwrap.dedent(text), "test.gov")
    assert not compilation.errors, [d.message for d in compilation.errors]
    return compilation.model


def people(*specs: str) -> str:
    """`person id "Name" { post: ... }` for each `id@organisation`."""
    out = []
    for spec in specs:
        person, _, organisation = spec.partition("@")
        post = f" post: director at {organisation}" if organisation else ""
        out.append(f'person {person} "{person.title()}" {{{post} }}')
    return "\n".join(out) + "\n"


def forum_power(text: str, forum: str = "f"):
    model = model_of(text)
    return analyse_forum(model, model.entity(forum))


def indices_by_player(result) -> dict:
    return {
        p.id: (b, s)
        for p, b, s in zip(result.players, result.indices.banzhaf, result.indices.shapley_shubik)
    }


def test_chair_casting_vote_breaks_a_tie():
    """Four members, simple majority, the chair breaks ties.

    Winning: three or four members, or two including the chair. The chair
    swings in the 3 pairs and 3 triples that include them (6); another member
    in the pair with the chair and the triple without the chair (2 each):
    Banzhaf (6, 2, 2, 2)/12. The chair is pivotal in positions 2 and 3:
    Shapley–Shubik 1/2, the others 1/6 each.
    """
    result = forum_power(
        people("a", "b", "c", "d")
        + """
        committee f "F" { parent: icb
          decision: simple_majority with casting_vote
          seat: a as chair
          seat: b as voting_member
          seat: c as voting_member
          seat: d as voting_member
        }
        """
    )
    assert result.casting_chair == "a"
    members = indices_by_player(result.levels["member"])
    assert members["a"] == (F(1, 2), F(1, 2))
    for other in "bcd":
        assert members[other] == (F(1, 6), F(1, 6))


def test_without_a_casting_vote_a_tie_fails_and_four_members_are_equal():
    result = forum_power(
        people("a", "b", "c", "d")
        + """
        committee f "F" { parent: icb
          decision: simple_majority
          seat: a as chair
          seat: b as voting_member
          seat: c as voting_member
          seat: d as voting_member
        }
        """
    )
    assert result.levels["member"].game.quotas == (3,)
    assert set(indices_by_player(result.levels["member"]).values()) == {(F(1, 4), F(1, 4))}


RIVERBANK_LIKE_ICP = """
person icb_rep "ICB Rep" {}
person r1 "R1" {}
person r2 "R2" {}
person r3 "R3" {}
person r4 "R4" {}
person r5 "R5" {}
person hw "Healthwatch Rep" {}
organisation healthwatch "Healthwatch" { kind: healthwatch }
integrated_care_partnership f "ICP" {
  decision: RULE
  seat: icb_rep as vice_chair for icb
  seat: r1 as chair and councillor for c1
  seat: r2 as councillor for c2
  seat: r3 as councillor for c3
  seat: r4 as councillor for c4
  seat: r5 as councillor for c5
  seat: hw as co_opted for healthwatch non_voting
}
"""


def test_icp_by_simple_majority_gives_the_councils_control():
    """The primer's Riverbank test: the ICB and five councils, one vote each.

    By simple majority (4 of 6) the councils hold 5/6 of the votes and, voting
    together, carry every motion: the local government sector is a dictator.
    """
    result = forum_power(RIVERBANK_LIKE_ICP.replace("RULE", "simple_majority"))
    sectors = indices_by_player(result.levels["sector"])
    assert sectors["local_government"] == (F(1), F(1))
    assert sectors["nhs"] == (F(0), F(0))
    assert result.levels["sector"].share(0) in (F(5, 6), F(1, 6))
    organisations = indices_by_player(result.levels["organisation"])
    assert "healthwatch" not in organisations  # non-voting seats are not players
    # Six equal players, quota 4: each has 1/6.
    assert set(organisations.values()) == {(F(1, 6), F(1, 6))}


def test_icp_by_double_majority_gives_the_icb_a_veto():
    """The same ICP with "both NHS and local government must agree".

    Winning: the ICB and at least three councils (a majority of five). The
    ICB swings in all C(5,3)+C(5,4)+C(5,5) = 16 winning coalitions, each
    council in the C(4,2) = 6 with exactly three councils: Banzhaf 16/46 for
    the ICB and 6/46 per council. The ICB is pivotal when at least three
    councils precede it (positions 4 to 6 of 6): Shapley–Shubik 1/2.
    """
    result = forum_power(RIVERBANK_LIKE_ICP.replace("RULE", "double_majority of [nhs, local_government]"))
    organisations = indices_by_player(result.levels["organisation"])
    assert organisations["icb"] == (F(16, 46), F(1, 2))
    for council in ("c1", "c2", "c3", "c4", "c5"):
        assert organisations[council] == (F(6, 46), F(1, 10))
    sectors = indices_by_player(result.levels["sector"])
    assert sectors == {"nhs": (F(1, 2), F(1, 2)), "local_government": (F(1, 2), F(1, 2))}
    icb = [p.id for p, veto in zip(result.levels["organisation"].players, result.levels["organisation"].indices.veto) if veto]
    assert icb == ["icb"]


def test_members_are_summed_by_the_organisation_they_sit_for_then_their_employer():
    result = forum_power(
        """
        person a "A" { post: director at icb }
        person b "B" { post: director at icb }
        person c "C" { employer: trust }
        person d "D" { post: director at trust }
        person e "E" {}
        committee f "F" { parent: icb
          decision: simple_majority
          seat: a as chair
          seat: b as voting_member for c1
          seat: c as voting_member
          seat: d as voting_member weight 2
          seat: e as voting_member
        }
        """
    )
    organisations = {p.id: (p.weight, p.seats, p.members) for p in result.levels["organisation"].players}
    assert organisations == {
        "icb": (F(1), 1, ("a",)),
        "c1": (F(1), 1, ("b",)),
        "trust": (F(3), 2, ("c", "d")),
        "e": (F(1), 1, ("e",)),  # no organisation: a player on their own
    }
    sectors = {p.id: p.weight for p in result.levels["sector"].players}
    assert sectors == {"nhs": F(4), "local_government": F(1), "e": F(1)}


def test_two_thirds_and_weighted_thresholds():
    base = people("a@icb", "b@trust", "c@c1") + """
        committee f "F" { parent: icb
          decision: RULE
          seat: a as chair
          seat: b as voting_member
          seat: c as voting_member
        }
        """

    def quotas(rule):
        return forum_power(base.replace("RULE", rule)).levels["member"].game.quotas

    assert quotas("two_thirds_majority") == (2,)  # 2 of 3 is two thirds
    assert quotas("weighted_majority threshold 60%") == (2,)  # 1.8 rounds up
    assert quotas("weighted_majority threshold 67%") == (3,)  # 2.01 rounds up
    assert quotas("simple_majority") == (2,)
    assert quotas("simple_majority with casting_vote") == (4,)  # doubled weights 3, 2, 2 of 6: more than 3
    assert quotas("unanimity") == quotas("consensus") == (3,)


def test_fractional_weights_are_exact():
    result = forum_power(
        people("a@icb", "b@trust", "c@c1")
        + """
        committee f "F" { parent: icb
          decision: weighted_majority
          seat: a as chair weight 1.5
          seat: b as voting_member weight 0.5
          seat: c as voting_member weight 1
        }
        """
    )
    # Weights 3:1:2 of 6; more than half needs 4: a with b or c. b and c are symmetric.
    members = indices_by_player(result.levels["member"])
    assert members["a"] == (F(3, 5), F(2, 3))
    assert members["b"] == members["c"] == (F(1, 5), F(1, 6))


def test_forums_without_a_rule_or_voting_members_are_not_analysed():
    model = model_of(
        people("a@icb")
        + """
        committee f "F" { parent: icb seat: a as chair }
        committee g "G" { parent: icb decision: simple_majority seat: a as participant }
        """
    )
    assert analyse_forum(model, model.entity("f")) is None
    assert analyse_forum(model, model.entity("g")) is None
    report = power.assess(model)
    assert "2 not analysed" in report.summary[0]


# -- the lens report ------------------------------------------------------------------------------------

PARTNERSHIP = people("a@icb", "b@icb", "c@trust", "d@c1", "e@vcse") + """
joint_committee f "Test <Joint> Committee" {
  parent: [icb, c1]
  decision: simple_majority
  seat: a as chair
  seat: b as voting_member
  seat: c as voting_member
  seat: d as voting_member
  seat: e as voting_member
}
committee g "Small" {
  parent: icb
  decision: simple_majority with casting_vote
  seat: a as chair
  seat: d as voting_member
}
"""


def findings_about(report: LensReport, subject: str) -> list[LensFinding]:
    return [f for f in report.findings if f.subject_id == subject]


def test_report_flags_power_beyond_votes():
    report = power.assess(model_of(PARTNERSHIP))
    assert report.lens == "power"
    # 3 of 5 NHS votes carry every motion: the NHS sector is a dictator in a joint committee.
    assert any(f.severity == "warning" and "decides alone" in f.message for f in findings_about(report, "nhs"))
    # In `g` the ICB's chair breaks the tie: the ICB decides alone, as expected in its own committee.
    icb = [f for f in findings_about(report, "icb") if "`g`" in f.message]
    assert icb and icb[0].severity == "info"


def test_report_focus():
    model = model_of(PARTNERSHIP + 'function commissioning.x "X" { held_by: icb }\n')
    assert [s.subject_id for s in power.assess(model, focus="g").sections] == [None, "g"]  # overview, then the forum
    assert [s.subject_id for s in power.assess(model, focus="c").sections] == [None, "f"]  # where the person sits
    assert [s.subject_id for s in power.assess(model, focus="trust").sections] == [None, "f"]  # where it has votes
    with pytest.raises(FocusError):
        power.assess(model, focus="commissioning.x")


def test_report_as_json_is_versioned_and_keeps_numbers():
    report = power.assess(model_of(PARTNERSHIP))
    data = json.loads(to_json(report))
    assert data["format_version"] == JSON_FORMAT_VERSION == 1
    assert data["lens"] == "power"
    section = next(s for s in data["sections"] if s["subject_id"] == "f")
    assert section["table"]["columns"][:6] == ["Level", "Player", "Votes", "Vote share", "Banzhaf", "Shapley–Shubik"]
    row = next(r for r in section["table"]["rows"] if r[0] == "sector" and r[1] == "NHS")
    assert row[2] == 3 and row[3] == 0.6 and row[4] == 1.0
    assert to_json(report) == to_json(power.assess(model_of(PARTNERSHIP)))  # deterministic


def test_report_as_html_escapes_user_text():
    page = to_html(power.assess(model_of(PARTNERSHIP)))
    assert page.startswith("<!DOCTYPE html>")
    assert "Test &lt;Joint&gt; Committee" in page
    assert "<Joint>" not in page
    assert '<html lang="en-GB">' in page and "<caption>" in page and 'scope="col"' in page
    assert "<script" not in page and "http" not in page.split("<body>")[1]  # self-contained


def test_report_renderers_make_hostile_text_inert():
    hostile = "<script>alert(1)</script> [bold red]x[/] \u202eevil\x1b[31m"
    report = LensReport(
        "power",
        hostile,
        (hostile,),
        (Section(hostile, hostile, Table((hostile,), ((hostile,),)), (LensFinding("warning", hostile, hostile),)),),
    )
    page = to_html(report)
    assert "<script>" not in page and "\u202e" not in page and "\x1b" not in page
    text = to_text(report)
    assert "[bold red]x[/]" in text  # shown literally, not read as markup
    assert "\u202e" not in text and "\x1b" not in text
    assert "\u202e" not in to_json(report)


def test_lens_registry_is_lazy_and_explains_missing_lenses(monkeypatch):
    assert set(LENSES) == {"power", "inclusion", "ostrom", "collaborative"}
    assert get_lens("power") is power
    monkeypatch.setitem(LENSES, "missing", "govdsl.lenses.no_such_lens")
    with pytest.raises(LensUnavailable, match="not available"):
        get_lens("missing")
    with pytest.raises(LensUnavailable, match="no lens called"):
        get_lens("astrology")


def test_table_rows_must_match_columns():
    with pytest.raises(ValueError):
        Table(("a", "b"), (("only one",),))
    with pytest.raises(ValueError):
        LensFinding("error", None, "errors are for the checks, not the lenses")


# -- the command ------------------------------------------------------------------------------------------


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "model.gov"
    path.write_text(ORGANISATIONS + PARTNERSHIP, encoding="utf-8")
    return path


def test_assess_command_text_json_html(model_file, tmp_path, capsys):
    assert main(["assess", str(model_file), "--lens", "power"]) == 0
    assert "Voting power" in capsys.readouterr().out
    assert main(["assess", str(model_file), "--lens", "power", "--format", "json", "--focus", "f"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["subject_id"] for s in data["sections"]] == [None, "f"]
    out = tmp_path / "power.html"
    assert main(["assess", str(model_file), "--lens", "power", "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_assess_command_usage_problems(model_file, capsys):
    assert main(["assess", str(model_file), "--lens", "power", "--focus", "trusst"]) == 2
    assert "Did you mean `trust`?" in capsys.readouterr().err
    assert main(["assess", str(model_file), "--lens", "power", "--focus", "icb_and_more_words_xyz"]) == 2
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit:
        main(["assess", str(model_file), "--lens", "astrology"])
    assert exit.value.code == 2


def test_assess_command_focus_on_something_the_lens_cannot_focus_on(tmp_path, capsys):
    path = tmp_path / "model.gov"
    path.write_text(
        ORGANISATIONS + PARTNERSHIP + 'function commissioning.x "X" { held_by: icb }\n', encoding="utf-8"
    )
    assert main(["assess", str(path), "--lens", "power", "--focus", "commissioning.x"]) == 2
    assert "can focus on" in capsys.readouterr().err


def test_assess_command_missing_lens_module(model_file, capsys, monkeypatch):
    monkeypatch.setitem(LENSES, "ostrom", "govdsl.lenses.not_written_yet")
    assert main(["assess", str(model_file), "--lens", "ostrom"]) == 2
    assert "not available" in capsys.readouterr().err


def test_assess_command_model_with_errors(tmp_path, capsys):
    path = tmp_path / "broken.gov"
    path.write_text('committee f "F" { parent: nowhere }\n', encoding="utf-8")
    assert main(["assess", str(path), "--lens", "power"]) == 1
