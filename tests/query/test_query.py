"""`govdsl query`: each question form, the forgiving phrase grammar, unknown names and questions, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

import govdsl
from govdsl.analysis.wording import pounds
from govdsl.query import (
    QUESTIONS,
    Answer,
    ModelView,
    QueryError,
    ask,
    parse_amount,
    to_data,
    words_of,
)

HERE = Path(__file__).resolve().parent
MODEL = HERE / "fenmoor.gov"
EXAMPLES = HERE.parent.parent / "examples"
ON = dt.date(2026, 7, 1)


@pytest.fixture(scope="module")
def model():
    compilation = govdsl.load([MODEL])
    assert not compilation.errors, compilation.errors
    return compilation.model


@pytest.fixture(scope="module")
def view(model):
    return ModelView(model, ON)


def answer(view, question) -> Answer:
    return ask(view.history, question, view=view)


def decider_ids(result: Answer) -> list[str]:
    return [d["id"] for d in result.data["deciders"]]


def chain_ids(decider: dict) -> list[str]:
    return [link["delegation"] for link in decider["chain"]]


# -- words --------------------------------------------------------------------------------------------


def test_words_drop_case_punctuation_and_fillers_but_keep_ids_and_amounts():
    assert words_of("Who is the ICB Board accountable to?") == ["who", "icb", "board", "accountable", "to"]
    assert words_of("what does nm.community_services.north cost, £1,200,000?") == [
        "what", "nm.community_services.north", "cost", "£1,200,000",
    ]


@pytest.mark.parametrize(
    "text, amount",
    [("£5m", "5000000"), ("5m", "5000000"), ("£1,200,000", "1200000"), ("1.02m", "1020000"), ("250k", "250000"),
     ("5 million", "5000000"), ("£2bn", "2000000000"), ("nonsense", None)],
)
def test_amounts(text, amount):
    assert parse_amount(text) == (Decimal(amount) if amount else None)


def test_pounds_are_short_when_exact():
    assert pounds(Decimal(18_000_000)) == "£18m"
    assert pounds(Decimal(1_200_000)) == "£1.2m"
    assert pounds(Decimal(1_250_001)) == "£1,250,001"
    assert pounds(None) == "no limit"


# -- who decides FUNCTION for PLACE -----------------------------------------------------------------------


def test_who_decides_follows_the_delegation_to_the_place(view):
    result = answer(view, "who decides community.north for fen_north")
    assert result.form == "who decides FUNCTION for PLACE"
    assert decider_ids(result) == ["north_committee"]
    decider = result.data["deciders"][0]
    assert decider["limit"] == "18000000"
    assert chain_ids(decider) == ["to_north"]
    assert decider["chain"][0]["basis"] == "scheme_of_delegation"


def test_who_decides_reads_titles_and_picks_the_function_for_the_place(view):
    result = answer(view, "Who decides community services for Fen South?")
    assert result.data["function"]["id"] == "community.south"
    assert decider_ids(result) == ["south_committee"]
    assert result.data["deciders"][0]["limit"] == "25000000"


def test_who_decides_for_a_neighbourhood_uses_the_tiers_above_it(view):
    result = answer(view, "who decides commissioning.primary_medical for marsh")
    assert decider_ids(result) == ["north_committee"]
    # From NHS England (its region counts as NHS England) to the ICB, then to the place.
    assert chain_ids(result.data["deciders"][0]) == ["pms_to_icb", "pms_to_north"]


def test_who_decides_for_another_place_falls_back_to_the_nearest_tier_above(view):
    result = answer(view, "who decides commissioning.primary_medical for fen_south")
    assert decider_ids(result) == ["fenmoor_icb"]
    assert result.data["deciders"][0]["limit"] is None


def test_who_decides_a_function_scoped_to_another_place(view):
    result = answer(view, "who decides community.north for fen_south")
    assert result.data["deciders"] == []
    assert result.data["note"]


def test_who_decides_without_a_place_lists_every_holder_with_limits(view):
    result = answer(view, "who decides acute")
    assert decider_ids(result) == ["fenmoor_icb", "dev"]
    assert [d["limit"] for d in result.data["deciders"]] == [None, "1200000"]


def test_a_limited_decider_says_who_decides_above_the_limit(view):
    result = answer(view, "who decides acute for fen_north")
    assert decider_ids(result) == ["dev"]
    assert any("icb_board" in detail for item in result.sections[-2].items for detail in item.details)


def test_a_delegation_not_in_force_gives_nothing(model):
    early = ModelView(model, dt.date(2026, 3, 1))  # to_south starts on 2026-04-01
    result = ask(model, "who decides community.south for fen_south", view=early)
    assert decider_ids(result) == ["fenmoor_icb"]


def test_widest_chain_gives_the_largest_limit():
    text = """
    organisation icb "ICB" { kind: icb }
    board board "Board" { parent: icb }
    committee a "A" { parent: board }
    committee b "B" { parent: board }
    committee c "C" { parent: a }
    function f "F" { held_by: icb }
    delegation d1 "1" { from: board to: a functions: [f] limit: £10m further_delegation: yes }
    delegation d2 "2" { from: board to: b functions: [f] limit: £3m further_delegation: yes }
    delegation d3 "3" { from: a to: c functions: [f] }
    delegation d4 "4" { from: b to: c functions: [f] }
    """
    model = govdsl.load_text(text).model
    result = ask(model, "what can c decide", ON)
    assert result.data["delegated"][0]["limit"] == "10000000"
    assert chain_ids(result.data["delegated"][0]) == ["d1", "d3"]


# -- what can FORUM decide ------------------------------------------------------------------------------------


def test_what_a_committee_can_decide(view):
    result = answer(view, "what can north_committee decide")
    assert result.form == "what can FORUM decide"
    delegated = {d["function"]: d for d in result.data["delegated"]}
    assert set(delegated) == {"community.north", "commissioning.primary_medical"}
    assert delegated["community.north"]["limit"] == "18000000"
    assert delegated["commissioning.primary_medical"]["further_delegation"] is False


def test_what_the_board_decides_includes_reserved_functions(view):
    result = answer(view, "What does the ICB board decide?")
    assert result.data["party"]["id"] == "icb_board"
    assert result.data["acts_for"] == "fenmoor_icb"
    assert result.data["reserved"] == ["accounts"]
    assert "acute" in {h["function"] for h in result.data["holds"]}
    assert {d["delegation"] for d in result.data["delegates_on"]} >= {"to_north", "variations"}


def test_what_a_person_can_decide(view):
    result = answer(view, "what can Dev Finance decide")
    assert [d["function"] for d in result.data["delegated"]] == ["acute"]


def test_a_delegation_from_a_body_that_does_not_hold_the_function_is_shown_as_without_authority():
    text = """
    organisation icb "ICB" { kind: icb }
    board board "Board" { parent: icb }
    committee a "A" { parent: board }
    committee b "B" { parent: board }
    function f "F" { held_by: icb }
    delegation d "D" { from: a to: b functions: [f] }
    """
    result = ask(govdsl.load_text(text).model, "what can b decide", ON)
    assert result.data["delegated"] == []
    assert any(section.heading == "Delegated to it without authority" for section in result.sections)


# -- who is FORUM accountable to ------------------------------------------------------------------------------


def test_accountability_reaches_nhs_england(view):
    result = answer(view, "who is audit accountable to")
    assert result.form == "who is FORUM accountable to"
    assert result.data["reaches_nhs_england"] is True
    reached = {entry["id"]: [step["to"] for step in entry["path"]] for entry in result.data["accountable_to"]}
    assert reached["nhse"] == ["icb_board", "nhse"]
    assert "fenmoor_icb" in reached and "nhse_east" in reached


def test_a_council_forum_does_not_reach_nhs_england(view):
    result = answer(view, "to whom is the health and wellbeing board accountable")
    assert result.data["party"]["id"] == "hwb"
    assert result.data["reaches_nhs_england"] is False
    assert [entry["id"] for entry in result.data["accountable_to"]] == ["fenmoor_council"]


def test_a_person_answers_through_the_delegation_they_report_on(view):
    result = answer(view, "who does dev report to")
    reached = {entry["id"]: entry["path"] for entry in result.data["accountable_to"]}
    assert reached["audit"][0]["delegation"] == "variations"
    assert result.data["reaches_nhs_england"] is True


# -- who sits on FORUM, where does PERSON sit ----------------------------------------------------------------


def test_who_sits_on_a_forum(view):
    result = answer(view, "who sits on the audit committee")
    assert result.form == "who sits on FORUM"
    seats = {s["person"]: s for s in result.data["seats"]}
    assert set(seats) == {"cara", "ada", "dev"}
    assert seats["cara"]["capacities"] == ["chair", "non_executive"]
    assert seats["dev"]["voting"] is False


def test_where_a_person_sits_depends_on_the_date(model, view):
    now = answer(view, "where does bill sit")
    assert now.form == "where does PERSON sit"
    assert {s["forum"] for s in now.data["seats"]} == {"icb_board", "north_committee", "icp", "hwb"}
    before = ask(model, "where does Bill Trust sit?", dt.date(2025, 6, 1))
    assert "south_committee" in {s["forum"] for s in before.data["seats"]}


# -- which decisions must PERSON step out of -----------------------------------------------------------------


def test_step_out_recorded(view):
    result = answer(view, "which decisions must bill step out of")
    assert result.form == "which decisions must PERSON step out of"
    (entry,) = result.data["decisions"]
    assert entry["decision"] == "north_contract"
    assert entry["must_step_out"] is True and entry["recorded_as_excluded"] is True
    assert entry["action"] == "exclude_from_decision"


def test_step_out_through_a_practice_in_an_affected_pcn_not_recorded(view):
    result = answer(view, "What decisions should Dr Gwen Partner step out of?")
    by_decision = {(e["decision"], e["stake"]): e for e in result.data["decisions"]}
    pcn = by_decision[("pcn_funding", "fen_practice")]
    assert pcn["affects"] == "fen_pcn"
    assert pcn["must_step_out"] is True and pcn["recorded_as_excluded"] is False
    # Her interest in the trust is managed by declaring it: she may stay.
    contract = by_decision[("north_contract", "fen_hospitals")]
    assert contract["must_step_out"] is False


def test_an_undeclared_post_at_an_affected_organisation_means_stepping_out():
    text = """
    organisation icb "ICB" { kind: icb }
    organisation trust "Trust" { kind: nhs_trust }
    person pat "Pat" { post: chief_executive at trust }
    board board "Board" { parent: icb  seat: pat as partner_member_trusts }
    decision contract "Contract" { forum: board  date: 2026-05-01  affects: [trust] }
    """
    result = ask(govdsl.load_text(text).model, "which decisions must pat step out of", ON)
    (entry,) = result.data["decisions"]
    assert entry["undeclared_post"] and entry["must_step_out"] is True


@pytest.mark.parametrize(
    "dates,steps_out",
    [
        ("from 2019-01-01 to 2026-03-31", False),  # left the trust before the decision
        ("from 2026-06-01", False),  # joined it after
        ("from 2019-01-01 to 2026-06-30", True),  # held the post that day, left since
    ],
)
def test_only_a_post_held_on_the_decision_date_means_stepping_out(dates, steps_out):
    text = f"""
    organisation icb "ICB" {{ kind: icb }}
    organisation trust "Trust" {{ kind: nhs_trust }}
    person pat "Pat" {{ post: chief_executive at trust {dates} }}
    board board "Board" {{ parent: icb  seat: pat as partner_member_trusts }}
    decision contract "Contract" {{ forum: board  date: 2026-05-01  affects: [trust] }}
    """
    result = ask(govdsl.load_text(text).model, "which decisions must pat step out of", ON)
    assert bool(result.data["decisions"]) is steps_out


def test_nobody_to_step_out(view):
    result = answer(view, "which decisions must lee step out of")
    assert result.data["decisions"] == []


# -- names and questions not understood ---------------------------------------------------------------


def test_kind_aliases_and_loose_words_name_one_thing(view):
    assert answer(view, "who sits on the ICP").data["forum"]["id"] == "icp"
    assert answer(view, "who sits on the HWB").data["forum"]["id"] == "hwb"
    assert answer(view, "who sits on north").data["forum"]["id"] == "north_committee"
    assert answer(view, "WHO SITS ON FENMOOR ICB BOARD???").data["forum"]["id"] == "icb_board"


def test_an_unknown_name_suggests_the_closest(view):
    with pytest.raises(QueryError) as caught:
        answer(view, "who sits on audt")
    assert "`audit`" in str(caught.value)


def test_a_name_of_the_wrong_kind_says_what_it_is(view):
    with pytest.raises(QueryError) as caught:
        answer(view, "who sits on ada")
    assert "person" in str(caught.value)


def test_an_ambiguous_name_lists_the_choices(view):
    with pytest.raises(QueryError) as caught:
        answer(view, "who decides community services")
    assert "community.north" in str(caught.value) and "community.south" in str(caught.value)


def test_an_unknown_question_lists_the_questions(view):
    with pytest.raises(QueryError) as caught:
        answer(view, "how much is the better care fund")
    for form, _ in QUESTIONS:
        assert form in str(caught.value)


@pytest.mark.parametrize(
    "question, form",
    [
        ("who can decide acute", "who decides FUNCTION for PLACE"),
        ("who takes decisions on acute for fen north", "who decides FUNCTION for PLACE"),
        ("what may the audit committee decide", "what can FORUM decide"),
        ("what decisions can north_committee take", "what can FORUM decide"),
        ("who is audit answerable to", "who is FORUM accountable to"),
        ("who are the members of the audit committee", "who sits on FORUM"),
        ("members of audit", "who sits on FORUM"),
        ("which committees does cara sit on", "where does PERSON sit"),
        ("where must gwen step out", "which decisions must PERSON step out of"),
    ],
)
def test_other_ways_of_asking(view, question, form):
    assert answer(view, question).form == form


def test_json_data_is_versioned_and_serialisable(view):
    data = to_data(answer(view, "who decides community.north for fen_north"), ON)
    assert data["format_version"] == 1 and data["as_of"] == "2026-07-01"
    assert json.loads(json.dumps(data)) == data


# -- the command line -----------------------------------------------------------------------------------------


def test_cli_answers_with_exit_0(run_cli):
    status, out, err = run_cli("query", MODEL, "who decides community.north for fen_north", "--as-of", "2026-07-01")
    assert status == 0, err
    assert "north_committee" in out and "to_north" in out


def test_cli_json(run_cli):
    status, out, _ = run_cli("query", MODEL, "who sits on audit", "--format", "json", "--as-of", "2026-07-01")
    assert status == 0
    data = json.loads(out)
    assert data["understood_as"] == "who sits on FORUM"
    assert {s["person"] for s in data["data"]["seats"]} == {"cara", "ada", "dev"}


def test_cli_unknown_question_and_unknown_name_exit_2(run_cli):
    status, _, err = run_cli("query", MODEL, "what is the weather")
    assert status == 2 and "who sits on FORUM" in err
    status, _, err = run_cli("query", MODEL, "who sits on audt")
    assert status == 2 and "audit" in err


def test_cli_model_with_errors_exits_1(run_cli, tmp_path):
    broken = tmp_path / "broken.gov"
    broken.write_text('committee x "X" { parent: nobody }\n', encoding="utf-8")
    status, out, err = run_cli("query", broken, "who sits on x")
    assert status == 1 and "REF001" in err


def test_cli_missing_path_exits_2(run_cli, tmp_path):
    status, _, _ = run_cli("query", tmp_path / "nothing.gov", "who sits on x")
    assert status == 2


@pytest.mark.skipif(not (EXAMPLES / "northmoor").is_dir(), reason="the Northmoor example is not there")
def test_cli_on_the_northmoor_example(run_cli):
    status, out, err = run_cli(
        "query", EXAMPLES / "northmoor", "Who decides community services for North Northmoor?", "--as-of", "2026-11-24",
        "--format", "json",
    )
    assert status == 0, err
    data = json.loads(out)
    assert [d["id"] for d in data["data"]["deciders"]] == ["nm_north_committee"]
    assert data["data"]["deciders"][0]["limit"] == "18000000"
