"""Subsidiarity and tier rules (SUB002-SUB006): behaviour beyond the fixtures.

Only the SUB rules run here, so the tests do not depend on other categories.
"""

from __future__ import annotations

import textwrap

from govdsl.config import Config
from govdsl.diagnostics import Severity

from tests.rules.harness import FIXTURES, check_text, codes

SUB = Config(select=("SUB",))


def sub(text: str):
    return [d for d in check_text(textwrap.dedent(text), SUB) if d.code != "SUB001"]


COUNCILS = """\
organisation fenshire "Fenshire County Council" { kind: county_council }
organisation fen_east "East Fenshire District Council" { kind: district_council  part_of: fenshire }
organisation portsby "Portsby Council" { kind: unitary_council }
organisation stanmere "Stanmere Council" { kind: unitary_council }
organisation wold "Wold County Council" { kind: county_council }
"""


# -- SUB002 ------------------------------------------------------------------------------------
def test_council_in_three_subsystems_is_one_finding_naming_all_three():
    found = sub(
        COUNCILS
        + """
        system fens "Fens" { population: 2.5m  footprint: [fenshire, portsby, stanmere, wold] }
        subsystem a "A" { within: fens  population: 800k  footprint: [fenshire, stanmere] }
        subsystem b "B" { within: fens  population: 800k  footprint: [portsby, stanmere] }
        subsystem c "C" { within: fens  population: 800k  footprint: [wold, stanmere] }
        """
    )
    assert codes(found) == ["SUB002"]
    assert "`stanmere`" in found[0].message and "`a`, `b` and `c`" in found[0].message
    assert len(found[0].related) == 2


def test_sibling_places_may_share_a_council_without_sub002():
    found = sub(
        COUNCILS
        + """
        system fens "Fens" { population: 1.2m  footprint: [fenshire] }
        place east "East" { within: fens  population: 410k  footprint: [fenshire] }
        place west "West" { within: fens  population: 410k  footprint: [fenshire] }
        """
    )
    assert codes(found) == ["SUB003", "SUB003"]


def test_children_within_five_percent_of_the_parent_are_accepted():
    text = """
        system s "S" { population: 1m }
        place a "A" { within: s  population: 350k }
        place b "B" { within: s  population: 350k }
        place c "C" { within: s  population: 340k }
        """
    assert codes(sub(text)) == []  # 1.04m: within 5%
    assert codes(sub(text.replace("340k", "360k"))) == ["SUB002"]  # 1.06m


def test_a_child_bigger_than_its_parent_is_reported_once_not_again_as_a_sum():
    found = sub(
        """
        system s "S" { population: 1m }
        subsystem big "Big" { within: s  population: 1.2m }
        subsystem small "Small" { within: s  population: 600k }
        """
    )
    assert codes(found) == ["SUB002"]
    assert "more than the 1m of system `s`" in found[0].message


def test_district_inside_its_county_is_inside_the_parent_footprint():
    base = (
        COUNCILS
        + """
        system fens "Fens" { population: 1.2m  footprint: [fenshire, portsby] }
        place east "East" { within: fens  population: 410k  footprint: [fen_east] }
        """
    )
    assert codes(sub(base)) == []
    outside = base.replace("footprint: [fen_east]", "footprint: [fen_east, wold]")
    found = sub(outside)
    assert codes(found) == ["SUB002", "SUB003"]
    assert "`wold`" in next(d for d in found if d.code == "SUB002").message


def test_a_combined_authority_above_a_county_ends_the_walk_up_its_councils():
    # The county is part of a combined county authority, which is not a council: the district
    # is inside the county's footprint all the same, and outside a footprint without the county.
    base = (FIXTURES / "SUB002_county_in_combined_authority.gov").read_text(encoding="utf-8")
    assert codes(sub(base)) == []
    outside = base.replace("footprint: [fenshire, portsby]\n}\nplace", "footprint: [portsby]\n}\nplace")
    found = sub(outside)
    assert codes(found) == ["SUB002"]
    assert found[0].message == (
        "place `fenshire_east` covers councils `fenshire` and `fen_east`, outside the footprint of "
        "sub-system `north` it is within"
    )


def test_footprints_are_compared_only_when_both_are_given():
    found = sub(
        COUNCILS
        + """
        system fens "Fens" { population: 1.2m }
        place p "P" { within: fens  population: 300k  footprint: [wold] }
        """
    )
    assert codes(found) == []


# -- SUB003 ------------------------------------------------------------------------------------
def test_missing_footprint_is_noted_only_when_the_model_names_councils():
    sketch = """
        system s "S" { population: 1m }
        place p "P" { within: s  population: 300k }
        """
    assert codes(sub(sketch)) == []
    found = sub(COUNCILS + sketch)
    assert codes(found) == ["SUB003"]
    assert found[0].severity is Severity.INFO


def test_district_listed_with_its_county_is_one_council():
    found = sub(
        COUNCILS
        + """
        system fens "Fens" { population: 1.2m }
        place p "P" { within: fens  population: 400k  footprint: [fenshire, fen_east] }
        """
    )
    assert codes(found) == []


def test_split_council_names_the_other_place_and_points_at_it():
    found = sub(
        COUNCILS
        + """
        system fens "Fens" { population: 1.2m }
        place east "East" { within: fens  population: 410k  footprint: [fenshire] }
        place west "West" { within: fens  population: 410k  footprint: [fenshire] }
        """
    )
    east = next(d for d in found if "`east`" in d.message.split(" shares")[0])
    assert "with `west`" in east.message
    assert [r.message for r in east.related] == ["`west` also covers `fenshire`"]


# -- SUB004 ------------------------------------------------------------------------------------
TRUSTS = """\
organisation acute_a "Acute A NHS FT" { kind: foundation_trust  services: [acute] }
organisation acute_b "Acute B NHS Trust" { kind: nhs_trust  services: [acute] }
person ceo_a "CEO A" {}
person ceo_b "CEO B" {}
"""


def test_seats_for_trusts_do_not_make_them_partners():
    found = sub(
        TRUSTS
        + """
        provider_collaborative pc "PC" {
          model: committees_in_common
          seat: ceo_a as chair for acute_a
          seat: ceo_b as voting_member for acute_b
        }
        """
    )
    # the collaborative has no partner trust, so both acute trusts are outside any collaborative
    assert codes(found) == ["SUB004", "SUB004", "SUB004"]
    assert any("no NHS trust or foundation trust" in d.message for d in found)


def test_a_trust_in_a_too_small_collaborative_is_not_also_reported_as_outside():
    found = sub(
        TRUSTS
        + """
        provider_collaborative pc "PC" { model: lead_provider  lead_provider: acute_a }
        provider_collaborative pc2 "PC2" { model: lead_provider  lead_provider: acute_b  partners: [acute_a] }
        """
    )
    assert codes(found) == ["SUB004"]
    assert "`pc`" in found[0].message


def test_trusts_without_acute_or_mental_health_services_need_no_collaborative():
    found = sub(
        """
        organisation community "Community NHS Trust" { kind: nhs_trust  services: [community] }
        organisation ambulance "Ambulance NHS FT" { kind: foundation_trust  services: [ambulance] }
        organisation unknown "Trust with no services given" { kind: nhs_trust }
        """
    )
    assert codes(found) == []


# -- SUB005 ------------------------------------------------------------------------------------
SYSTEM = """\
organisation icb "ICB" { kind: icb  serves: s }
system s "S" { population: 1.02m }
subsystem east "East" { within: s  population: 700k }
place north "North" { within: s  population: 330k }
board icb_board "ICB Board" { parent: icb }
committee finance "Finance" { parent: icb_board }
committee north_committee "North committee" { parent: icb_board  serves: north }
"""


def test_function_held_at_system_level_with_nothing_below_is_reported_with_a_reason_hint():
    found = sub(SYSTEM + 'function f "F" { held_by: icb  scope: north }\n')
    assert codes(found) == ["SUB005"]
    assert found[0].hint.endswith('if keeping it higher is deliberate, record why on the function: `reason: "..."`.')
    assert found[0].related[0].message == "`icb` holds it, at system level"


def test_reserved_function_gets_its_own_hint():
    found = sub(SYSTEM + 'function f "F" { held_by: icb  reserved_to: icb_board  scope: north }\n')
    assert codes(found) == ["SUB005"]
    assert found[0].hint.startswith(
        'It is reserved to `icb_board`. If that is deliberate, record why on the function (`reason: "..."`)'
    )


def test_delegated_function_hint_offers_the_delegation_or_the_function():
    found = sub(SYSTEM + 'function f "F" { held_by: icb  scope: north }\ndelegation d "D" { from: icb_board  to: finance  functions: [f] }\n')
    assert codes(found) == ["SUB005"]
    assert '`reason: "..."` on its delegation, or on the function.' in found[0].hint


def test_a_reason_on_the_function_keeps_the_rule_silent():
    text = SYSTEM + 'function f "F" { held_by: icb  reserved_to: icb_board  scope: north  reason: "One contract for the county" }\n'
    assert codes(sub(text)) == []


def test_a_reason_on_a_decision_that_exercises_it_keeps_the_rule_silent():
    decision = 'decision d "D" { forum: finance  functions: [f]  REASON }\n'
    text = SYSTEM + 'function f "F" { held_by: icb  scope: north }\n' + decision
    assert codes(sub(text.replace("REASON", ""))) == ["SUB005"]
    assert codes(sub(text.replace("REASON", 'reason: "Urgent: the place committee had not met"'))) == []


def test_subsystem_scope_decided_at_system_level_is_reported():
    assert codes(sub(SYSTEM + 'function f "F" { held_by: icb  scope: east }\n')) == ["SUB005"]


def test_system_scope_and_no_scope_are_not_judged():
    assert codes(sub(SYSTEM + 'function f "F" { held_by: icb  scope: s }\nfunction g "G" { held_by: icb }\n')) == []


def test_a_decision_at_place_level_is_enough():
    text = SYSTEM + (
        'function f "F" { held_by: icb  scope: north }\n'
        'decision d "D" { forum: north_committee  functions: [f] }\n'
    )
    assert codes(sub(text)) == []


def test_someone_of_unknown_tier_exercising_it_keeps_the_rule_silent():
    text = SYSTEM + (
        'person someone "Someone" {}\n'
        'function f "F" { held_by: icb  scope: north }\n'
        'delegation d "D" { from: icb_board  to: someone  functions: [f] }\n'
    )
    assert codes(sub(text)) == []


def test_a_delegation_not_yet_in_force_does_not_count():
    text = SYSTEM + (
        'function f "F" { held_by: icb  scope: north }\n'
        'delegation d "D" { from: icb_board  to: north_committee  functions: [f]  effective: 2027-04-01 }\n'
    )
    assert codes(sub(text)) == ["SUB005"]


# -- SUB006 ------------------------------------------------------------------------------------
def test_nhs_england_and_its_region_delegate_downwards():
    text = SYSTEM + (
        'organisation nhse "NHS England" { kind: nhs_england }\n'
        'organisation nhse_north "NHS England North" { kind: nhs_england_region  part_of: nhse }\n'
        'function f "F" { held_by: nhse }\n'
        'delegation d1 "D1" { from: nhse  to: icb  functions: [f] }\n'
        'delegation d2 "D2" { from: nhse_north  to: icb_board  functions: [f] }\n'
        'delegation d3 "D3" { from: icb_board  to: north_committee  functions: [f] }\n'
    )
    assert codes(sub(text)) == []


def test_a_place_trust_delegating_to_the_icb_is_upwards_unless_a_reason_is_given():
    text = SYSTEM + (
        'organisation trust "Trust" { kind: nhs_trust  serves: north }\n'
        'function f "F" { held_by: trust }\n'
        'delegation d "D" { from: trust  to: icb  functions: [f] }\n'
    )
    found = sub(text)
    assert codes(found) == ["SUB006"]
    assert "NHS trust `trust` (place level)" in found[0].message
    assert "integrated care board `icb` (system level)" in found[0].message
    with_reason = text.replace("functions: [f] }", 'functions: [f]  reason: "Asked the ICB to procure for it" }')
    assert codes(sub(with_reason)) == []
    assert '`reason: "..."` on the delegation (or on each function it passes up)' in found[0].hint


def test_an_upward_delegation_is_explained_when_every_function_it_passes_up_records_a_reason():
    text = SYSTEM + (
        'organisation trust "Trust" { kind: nhs_trust  serves: north }\n'
        'function f "F" { held_by: trust  reason: "Procured once for the whole system" }\n'
        'function g "G" { held_by: trust  GREASON }\n'
        'delegation d "D" { from: trust  to: icb  functions: [f, g] }\n'
    )
    assert codes(sub(text.replace("GREASON", ""))) == ["SUB006"]  # g is not explained
    assert codes(sub(text.replace("GREASON", 'reason: "Needs the ICB\'s scale"'))) == []


def test_place_director_employed_by_the_icb_works_at_place_level():
    text = SYSTEM + (
        'person director "Director" { post: place_director at icb  employer: icb }\n'
        'function f "F" { held_by: icb }\n'
        'delegation d "D" { from: director  to: finance  functions: [f] }\n'
    )
    found = sub(text)
    assert codes(found) == ["SUB006"]
    assert "`director` (place level)" in found[0].message


def test_parties_of_unknown_tier_are_not_judged():
    text = SYSTEM + (
        'organisation council "Council" { kind: unitary_council }\n'
        'function f "F" { held_by: council }\n'
        'delegation d "D" { from: north_committee  to: council  functions: [f] }\n'
    )
    assert "SUB006" not in codes(sub(text))


def test_sub002_hint_suggests_part_of_for_a_district_outside_its_county():
    from tests.rules.harness import FIXTURES, check_path

    found = [d for d in check_path(FIXTURES / "SUB002_district_without_part_of.gov") if d.code == "SUB002"]
    assert len(found) == 1 and "`part_of: wold_cc`" in found[0].hint
