"""Accountability rules (ACC001-ACC005): behaviour beyond the fixtures.

Only the ACC rules run here, so the tests do not depend on other categories.
"""

from __future__ import annotations

import textwrap
import time

from govdsl.check.rules.accountability import _Edge, _cycle_through, _strongly_connected
from govdsl.config import Config

from tests.rules.harness import FIXTURES, check_text, codes

ACC = Config(select=("ACC",))


def acc(text: str):
    return check_text(textwrap.dedent(text), ACC)


ICB = """\
organisation icb "ICB" { kind: icb }
organisation council "Council" { kind: unitary_council }
board icb_board "ICB Board" { parent: icb }
"""


# -- the graph algorithms --------------------------------------------------------------------------
def _graph(pairs):
    graph = {}
    for s, t in pairs:
        graph.setdefault(s, []).append(_Edge(s, t, "reports_to", None))
    return graph


def test_strongly_connected_components():
    graph = _graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "d"), ("f", "f")])
    components = sorted(sorted(c) for c in _strongly_connected(list(graph), graph))
    assert components == [["a", "b", "c"], ["d", "e"], ["f"]]


def test_shortest_circle_through_the_start():
    graph = _graph([("a", "b"), ("b", "c"), ("c", "a"), ("b", "a")])
    assert [(e.source, e.target) for e in _cycle_through("a", {"a", "b", "c"}, graph)] == [("a", "b"), ("b", "a")]


def test_a_very_long_chain_is_walked_without_recursion_and_quickly():
    n = 50_000
    graph = _graph([(f"n{i}", f"n{i + 1}") for i in range(n)] + [(f"n{n}", "n0")])
    start = time.perf_counter()
    components = _strongly_connected(list(graph), graph)
    assert len(components) == 1 and len(components[0]) == n + 1
    assert len(_cycle_through("n0", set(components[0]), graph)) == n + 1
    assert time.perf_counter() - start < 5


# -- ACC001 ------------------------------------------------------------------------------------
def test_a_forum_reporting_to_itself_is_a_circle_of_one():
    found = acc(ICB + 'committee q "Q" { parent: icb_board  reports_to: [q] }\n')
    assert codes(found) == ["ACC001"]
    assert "accountable to itself" in found[0].message
    assert [r.message for r in found[0].related] == ["`q` reports to `q`"]


def test_two_separate_circles_are_two_findings():
    found = acc(
        ICB
        + """
        committee a "A" { parent: icb_board  reports_to: [b] }
        committee b "B" { parent: icb_board  reports_to: [a] }
        committee c "C" { parent: icb_board  reports_to: [d] }
        committee d "D" { parent: icb_board  accountable_to: [c] }
        """
    )
    assert codes(found) == ["ACC001", "ACC001"]


def test_tangled_loop_is_reported_once_with_the_others_named():
    found = acc(
        ICB
        + """
        committee a "A" { parent: icb_board  reports_to: [b] }
        committee b "B" { parent: icb_board  reports_to: [a, c] }
        committee c "C" { parent: icb_board  reports_to: [b] }
        """
    )
    assert codes(found) == ["ACC001"]
    message = found[0].message
    assert "`a` reports to `b`, `b` reports to `a`" in message
    assert "`c` is caught in the same loop" in message
    assert len(found[0].related) == 2


def test_circle_is_reported_at_the_alphabetically_first_member():
    found = acc(
        ICB
        + """
        committee zeta "Z" { parent: icb_board  reports_to: [alpha] }
        committee alpha "A" { parent: icb_board  reports_to: [zeta] }
        """
    )
    assert found[0].message.startswith("lines of accountability go round in a circle: `alpha`")


def test_assures_and_advises_lines_are_not_accountability():
    text = ICB + (
        'committee q "Q" { parent: icb_board  assures: [q2]  advises: [q2] }\n'
        'committee q2 "Q2" { parent: icb_board  assures: [q]  advises: [q] }\n'
    )
    assert codes(acc(text)) == []


# -- ACC002 ------------------------------------------------------------------------------------
def test_consultative_forum_that_receives_a_delegation_must_be_accountable():
    text = ICB + (
        'place_partnership p "P" { model: consultative_forum }\n'
        'function f "F" { held_by: icb }\n'
        'delegation d "D" { from: icb_board  to: p  functions: [f] }\n'
    )
    found = acc(text)
    assert codes(found) == ["ACC002"]
    assert "has no `parent`, `accountable_to` or `reports_to`" in found[0].message
    assert codes(acc(text.replace("{ model: consultative_forum }", "{ model: consultative_forum  parent: icb }"))) == []


def test_a_line_to_a_forum_not_in_being_leads_nowhere_and_says_why():
    text = ICB + (
        'committee old "Old" { parent: icb_board  closed: 2025-03-31 }\n'
        'committee later "Later" { parent: icb_board  established: 2027-04-01 }\n'
        'subcommittee s "S" { parent: old  reports_to: later }\n'
    )
    found = acc(text)
    assert codes(found) == ["ACC002"]
    assert found[0].message == (
        "sub-committee `s` is not accountable to any statutory body: its lines lead only to `old` (closed on "
        "2025-03-31) and `later` (not established until 2027-04-01), and from there to no statutory body"
    )
    assert found[0].hint.endswith("point the lines at the forum that exists on this date.")
    # once the sub-committee follows its parent's successor, it answers to the ICB again
    assert codes(acc(text.replace("parent: old  reports_to: later", "parent: icb_board"))) == []


def test_a_body_marked_statutory_ends_the_line():
    text = 'organisation trust "Charity" { kind: vcse }\ncommittee c "C" { parent: trust }\n'
    assert codes(acc(text)) == ["ACC002"]
    assert codes(acc(text.replace("kind: vcse", "kind: vcse  statutory: yes"))) == []


def test_boards_are_not_judged_and_related_lines_are_shown():
    found = acc(
        """
        organisation charity "Charity" { kind: vcse }
        board charity_board "Board" { parent: charity }
        committee c "C" { parent: charity_board  reports_to: [charity_board] }
        """
    )
    assert codes(found) == ["ACC002"]
    assert "`c`" in found[0].message
    assert {r.message for r in found[0].related} == {
        "`c` belongs to `charity_board`, which leads to no statutory body",
        "`c` reports to `charity_board`, which leads to no statutory body",
    }


# -- ACC003 ------------------------------------------------------------------------------------
PEOPLE = """\
person ann "Ann" {}
person bob "Bob" {}
function f "F" { held_by: icb }
"""


def test_a_person_receiving_a_delegation_and_reporting_to_themself():
    found = acc(ICB + PEOPLE + 'delegation d "D" { from: icb_board  to: ann  functions: [f]  reports_to: [ann] }\n')
    assert codes(found) == ["ACC003"]
    assert "takes the decisions delegated to them" in found[0].message
    assert "is also the person the delegation reports to" in found[0].message


def test_a_person_receiving_a_delegation_and_chairing_the_assuring_forum():
    found = acc(
        ICB
        + PEOPLE
        + 'committee audit "Audit" { parent: icb_board  seat: ann as chair }\n'
        + 'delegation d "D" { from: icb_board  to: ann  functions: [f]  reports_to: [audit] }\n'
    )
    assert codes(found) == ["ACC003"]
    assert [r.message for r in found[0].related] == ["`ann` chairs `audit` here"]


def test_vice_chairs_and_members_are_not_the_decision_maker():
    text = ICB + PEOPLE + (
        'committee pc "PC" { parent: icb_board  seat: ann as vice_chair  seat: bob as chair }\n'
        'committee q "Q" { parent: icb_board  seat: ann as chair }\n'
        'delegation d "D" { from: icb_board  to: pc  functions: [f]  reports_to: [q] }\n'
    )
    assert codes(acc(text)) == []


def test_delegation_reporting_to_the_board_its_chair_chairs():
    found = acc(
        ICB.replace('board icb_board "ICB Board" { parent: icb }', 'board icb_board "ICB Board" { parent: icb  seat: ann as chair }')
        + PEOPLE
        + 'committee pc "PC" { parent: icb_board  seat: ann as chair }\n'
        + 'delegation d "D" { from: icb_board  to: pc  functions: [f]  reports_to: [icb_board] }\n'
    )
    assert codes(found) == ["ACC003"]
    assert "board `icb_board`" in found[0].message


# -- ACC004 ------------------------------------------------------------------------------------
def test_a_sketch_of_tiers_alone_is_not_asked_for_an_arbiter():
    assert codes(acc('system s "S" { population: 1m }\n')) == []
    assert codes(acc(ICB + 'system s "S" { population: 1m }\n')) == ["ACC004"]


def test_only_systems_are_asked():
    assert codes(acc(ICB + 'system s "S" { arbiter: icb }\nplace p "P" { within: s }\n')) == []


# -- ACC005 ------------------------------------------------------------------------------------
def test_hwb_accountable_to_an_icb_committee_is_reported_even_with_its_council():
    found = acc(
        ICB
        + """
        committee c "C" { parent: icb_board }
        health_and_wellbeing_board hwb "HWB" {
          parent: council
          accountable_to: [c]
        }
        """
    )
    assert codes(found) == ["ACC005"]
    assert [r.message for r in found[0].related] == ["`hwb` is accountable to `c`"]


def test_hwb_advising_the_icb_board_is_not_placed_under_it():
    text = (FIXTURES / "ACC005_hwb_advises_icb.gov").read_text(encoding="utf-8")
    assert codes(acc(text)) == []
    found = acc(text.replace("advises: icb_board", "accountable_to: icb_board"))
    assert codes(found) == ["ACC005"]
    assert found[0].message == (
        "health and wellbeing board `northmoor_hwb` is placed under `icb_board`, but a health and "
        "wellbeing board is a committee of its council, not of the ICB"
    )


def test_hwb_under_a_body_that_is_not_a_council():
    found = acc(
        ICB
        + """
        organisation charity "Charity" { kind: vcse  statutory: yes }
        health_and_wellbeing_board hwb "HWB" { parent: charity }
        """
    )
    assert codes(found) == ["ACC005"]
    assert "belongs to no council" in found[0].message


def test_hwb_with_no_parent_is_left_to_acc002():
    assert codes(acc(ICB + 'health_and_wellbeing_board hwb "HWB" {}\n')) == ["ACC002"]


def test_hwb_of_a_council_committee_is_fine():
    text = ICB + 'board cabinet "Cabinet" { parent: council }\nhealth_and_wellbeing_board hwb "HWB" { parent: cabinet }\n'
    assert codes(acc(text)) == []


def test_icp_parents():
    def icp(parents):
        return codes(acc(ICB + f'integrated_care_partnership icp "ICP" {{ parent: [{parents}] }}\n'))

    assert icp("icb") == ["ACC005"]
    assert icp("icb_board") == ["ACC005"]
    assert icp("icb, council") == []
    assert icp("icb_board, council") == []
    assert icp("council") == []
