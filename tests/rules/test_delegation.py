"""Delegation rules (DEL001-DEL009): behaviour the fixtures cannot show by codes alone."""

from __future__ import annotations

import datetime as dt
import textwrap
import time
from decimal import Decimal

from govdsl.check.engine import run_rules
from govdsl.check.registry import all_rules
from govdsl.check.rules.delegation import _FITS
from govdsl.config import Config
from govdsl.diagnostics import Severity
from govdsl.model import types as m
from govdsl.model import vocabulary as v

from tests.rules.harness import FIXTURES, check_path, check_text, codes


def run(text: str, as_of=None):
    found = check_text(textwrap.dedent(text), as_of=as_of) if as_of else check_text(textwrap.dedent(text))
    return [d for d in found if d.code.startswith("DEL")]


ICB = """\
organisation nhse "NHS England" { kind: nhs_england }
organisation icb "NHS Northmoor ICB" { kind: icb }
board icb_board "ICB Board" { parent: icb }
committee pc "Primary Care Committee" { parent: icb_board  role: primary_care }
function pms "Primary medical services" { held_by: nhse }
"""


def test_missing_basis_is_a_warning_and_unfit_basis_an_error():
    found = run(
        ICB
        + """
        delegation a "A" { from: nhse  to: icb  functions: [pms]  further_delegation: yes  reports_to: [nhse] }
        delegation b "B" { from: icb_board  to: pc  functions: [pms]  basis: s75_agreement  reports_to: [icb_board] }
        """
    )
    assert [(d.code, d.severity) for d in found] == [
        ("DEL007", Severity.WARNING),
        ("DEL007", Severity.ERROR),
    ]
    assert "nhse_delegation_agreement" in found[0].hint
    assert "scheme_of_delegation" in found[1].hint


def test_configured_severity_still_wins_over_the_lowered_warning():
    text = ICB + 'delegation a "A" { from: nhse  to: icb  functions: [pms]  reports_to: [nhse] }\n'
    found = check_text(text, Config(severity=(("DEL007", Severity.ERROR),)))
    assert [(d.code, d.severity) for d in found] == [("DEL007", Severity.ERROR)]


def test_reserved_nhs_england_function_cites_the_regulations_and_others_do_not():
    nhse = run(
        """
        organisation nhse "NHS England" { kind: nhs_england }
        board nhse_board "Board" { parent: nhse }
        organisation icb "ICB" { kind: icb }
        function f "F" { held_by: nhse  reserved_to: nhse_board }
        delegation d "D" { from: nhse  to: icb  functions: [f]  basis: nhse_delegation_agreement  reports_to: [nhse] }
        """
    )
    local = run(
        """
        organisation icb "ICB" { kind: icb }
        board icb_board "Board" { parent: icb }
        committee c "C" { parent: icb_board }
        function f "F" { held_by: icb  reserved_to: icb_board }
        delegation d "D" { from: icb_board  to: c  functions: [f]  basis: scheme_of_delegation  reports_to: [icb_board] }
        """
    )
    assert codes(nhse) == ["DEL001"] and "SI 2022/642 reg 2" in nhse[0].message
    assert codes(local) == ["DEL001"] and "SI 2022/642" not in local[0].message + (local[0].hint or "")


def test_over_limit_reports_the_chain_that_sets_the_limit():
    found = run(
        """
        organisation icb "ICB" { kind: icb }
        board b "Board" { parent: icb }
        committee s "Sub-system" { parent: b }
        committee p "Place" { parent: s }
        committee n "Neighbourhood" { parent: p }
        function f "F" { held_by: icb }
        delegation one "1" { from: b  to: s  functions: [f]  limit: £10m  further_delegation: yes  basis: scheme_of_delegation  reports_to: [b] }
        delegation two "2" { from: s  to: p  functions: [f]  further_delegation: yes  basis: scheme_of_delegation  reports_to: [s] }
        delegation three "3" { from: p  to: n  functions: [f]  limit: £10,000,001  basis: scheme_of_delegation  reports_to: [p] }
        """
    )
    assert codes(found) == ["DEL004"]
    finding = found[0]
    assert "£10,000,001" in finding.message and "£10m" in finding.message
    notes = [r.message for r in finding.related]
    assert notes[0].startswith("`f` is held by `icb`")
    assert "`b` gives `s` £10m here" in notes[1]
    assert "`s` gives `p` no limit of its own here" in notes[2]


def test_the_most_generous_route_counts():
    found = run(
        """
        organisation icb "ICB" { kind: icb }
        board b "Board" { parent: icb }
        committee x "X" { parent: b }
        committee y "Y" { parent: b }
        committee z "Z" { parent: y }
        function f "F" { held_by: icb }
        delegation bx "1" { from: b  to: x  functions: [f]  limit: £50m  further_delegation: yes  basis: scheme_of_delegation  reports_to: [b] }
        delegation xy "2" { from: x  to: y  functions: [f]  limit: £40m  further_delegation: yes  basis: scheme_of_delegation  reports_to: [x] }
        delegation by "3" { from: b  to: y  functions: [f]  limit: £5m  further_delegation: yes  basis: scheme_of_delegation  reports_to: [b] }
        delegation yz "4" { from: y  to: z  functions: [f]  limit: £30m  basis: scheme_of_delegation  reports_to: [y] }
        """
    )
    assert found == []


def test_a_delegation_not_in_force_gives_no_authority():
    text = ICB + textwrap.dedent(
        """
        delegation a "A" { from: nhse  to: icb  functions: [pms]  further_delegation: yes  basis: nhse_delegation_agreement  reports_to: [nhse]  expires: 2026-03-31 }
        delegation b "B" { from: icb_board  to: pc  functions: [pms]  basis: scheme_of_delegation  reports_to: [icb_board] }
        """
    )
    assert codes(run(text, as_of=dt.date(2025, 6, 1))) == []
    later = run(text, as_of=dt.date(2026, 6, 1))
    assert codes(later) == ["DEL004"]
    assert "no delegation in force gives it to `icb_board`" in later[0].message


def test_a_region_without_part_of_counts_as_the_only_nhs_england():
    found = run(
        """
        organisation nhse "NHS England" { kind: nhs_england }
        organisation north "NHS England North" { kind: nhs_england_region }
        organisation icb "ICB" { kind: icb }
        function pms "PMS" { held_by: nhse }
        delegation d "D" { from: north  to: icb  functions: [pms]  basis: nhse_delegation_agreement  reports_to: [north] }
        """
    )
    assert found == []


def test_a_cycle_without_a_holder_is_reported_not_looped():
    found = run(
        """
        organisation icb "ICB" { kind: icb }
        board b "Board" { parent: icb }
        committee x "X" { parent: b }
        committee y "Y" { parent: b }
        function f "F" { held_by: icb }
        delegation xy "1" { from: x  to: y  functions: [f]  further_delegation: yes  basis: scheme_of_delegation  reports_to: [x] }
        delegation yx "2" { from: y  to: x  functions: [f]  further_delegation: yes  basis: scheme_of_delegation  reports_to: [y] }
        """
    )
    assert codes(found) == ["DEL004", "DEL004"]


def test_functions_without_a_holder_are_not_traced():
    found = run(
        """
        organisation icb "ICB" { kind: icb }
        board b "Board" { parent: icb }
        committee x "X" { parent: b }
        committee y "Y" { parent: x }
        function f "F" { }
        delegation bx "1" { from: b  to: x  functions: [f]  basis: scheme_of_delegation  reports_to: [b] }
        delegation xy "2" { from: x  to: y  functions: [f]  basis: scheme_of_delegation  reports_to: [x] }
        """
    )
    assert found == []


def test_pooled_fund_lists_missing_terms_by_label():
    found = run(
        """
        organisation icb "ICB" { kind: icb }
        organisation council "Council" { kind: county_council }
        pooled_fund f "F" {
          host: council
          basis: s75_agreement
          contribution: icb £1m
          contribution: council £1m
          agreement: [aims_and_outcomes, contributions, functions, persons_and_services, duration_and_review]
        }
        """
    )
    assert codes(found) == ["DEL006"]
    assert found[0].message.endswith(
        "staff, goods, services and accommodation; management and monitoring of the fund"
    )


def test_long_chains_are_checked_in_linear_time():
    n = 3000
    lines = [
        'organisation icb "ICB" { kind: icb }',
        'board b "Board" { parent: icb }',
        'function f "F" { held_by: icb }',
        *(f'committee c{i} "C{i}" {{ parent: b }}' for i in range(n)),
        'delegation d0 "D0" { from: b  to: c0  functions: [f]  limit: £1m  basis: scheme_of_delegation  reports_to: [b] }',
        *(
            f'delegation d{i} "D{i}" {{ from: c{i - 1}  to: c{i}  functions: [f]  further_delegation: yes  '
            f"basis: scheme_of_delegation  reports_to: [c{i - 1}] }}"
            for i in range(1, n)
        ),
        f'delegation big "Big" {{ from: c{n - 1}  to: b  functions: [f]  limit: £2m  basis: scheme_of_delegation  reports_to: [b] }}',
    ]
    text = "\n".join(lines)
    start = time.perf_counter()
    found = run(text)
    elapsed = time.perf_counter() - start
    # d0 forbids further delegation: only d1 breaks it; the rest were allowed by their givers.
    # The £1m set by d0 is carried 3000 links down, so `big` (£2m) is over it.
    assert codes(found) == ["DEL004", "DEL008"]
    assert "more than the £1m `c2999` itself has" in next(d for d in found if d.code == "DEL004").message
    assert elapsed < 20


def test_partial_model_does_not_crash():
    model = m.Model(
        organisations=(m.Organisation("icb", "icb", "ICB", "nhs", True),),
        forums=(m.Forum("pp", "place_partnership", "PP", parents=("nowhere",), model="consultative_forum"),),
        functions=(m.Function("f", "F", holder="icb", reserved_to="missing_board"),),
        delegations=(
            m.Delegation("d1", "D1", "", "", ("f",)),
            m.Delegation("d2", "D2", "icb", "pp", ("f", "unknown_function"), basis="s75_agreement"),
            m.Delegation("d3", "D3", "ghost", "icb", ("f",), limit=Decimal(5), basis="nhse_delegation_agreement"),
        ),
        pooled_funds=(m.PooledFund("p", "P", host=None, basis="s75_agreement"),),
        decisions=(m.Decision("x", "X", forum="", amount=Decimal(3)), m.Decision("y", "Y", forum="pp", amount=Decimal(3))),
    )
    rules = [rule for rule in all_rules() if rule.code.startswith("DEL")]
    found = run_rules(model, Config(), dt.date(2026, 1, 1), rules)
    assert {d.code for d in found} >= {"DEL001", "DEL006", "DEL009"}


def fixture(name: str):
    return [d for d in check_path(FIXTURES / f"{name}.gov") if d.code.startswith("DEL")]


def test_every_legal_basis_the_language_accepts_has_a_fit():
    # DEL007 judges any `basis:` the resolver lets through, so each one needs its check.
    assert set(_FITS) == set(v.LEGAL_BASES)


def test_reserved_function_without_a_holder_is_not_called_an_nhs_england_function():
    found = fixture("DEL001_reserved_without_holder")
    assert codes(found) == ["DEL001"]
    assert found[0].message == (
        "`accounts.annual` is reserved to `icb_board`, which must decide it itself, "
        "but delegation `accounts_to_audit` hands it to `audit`"
    )
    assert "SI 2022/642" not in found[0].hint


def test_an_advises_line_is_not_a_line_back():
    found = fixture("DEL002_advises_is_not_a_line_back")
    assert codes(found) == ["DEL002"]
    assert found[0].message == (
        "nothing says how `quality` reports back to `icb_board` on what it does under delegation "
        "`surveillance_to_quality`"
    )


def test_a_board_of_a_forum_holds_only_what_it_is_given():
    found = fixture("DEL004_collaborative_board_over_limit")
    assert codes(found) == ["DEL004"]
    assert found[0].message == (
        "delegation `secure_to_committee` lets `secure_committee` commit up to £50m on "
        "`commissioning.secure_mental_health`, more than the £40m `mh_board` itself has for it"
    )
    assert [r.message for r in found[0].related] == [
        "`commissioning.secure_mental_health` is held by `northmoor_icb` with no limit",
        "`icb_board` gives `mh_board` £40m here",
    ]


def test_a_delegation_from_a_joint_committee_is_no_single_bodys_delegation():
    found = fixture("DEL005_joint_committee_delegates")
    assert codes(found) == ["DEL005"]
    assert found[0].message == (
        "committees in common `pod_cic` have no delegation from `eastvale_icb`, "
        "so they cannot take decisions for that body"
    )
    assert [r.message for r in found[0].related] == ["`northmoor_icb` delegates to it here"]


def test_scheme_of_delegation_does_not_reach_a_joint_committee():
    found = fixture("DEL007_scheme_to_joint_committee")
    assert codes(found) == ["DEL007"]
    assert found[0].message.endswith(
        "but `community_jc` belongs to `northmoor_council` as well as, or instead of, "
        "the organisation `icb_board` acts for"
    )
    assert found[0].hint == (
        "For these parties the basis is usually `basis: s65z5_joint_exercise` or `basis: s75_agreement`."
    )


def test_a_post_makes_a_person_staff_of_the_organisation():
    assert fixture("DEL007_scheme_to_an_officer") == []
    # The same person with her post at a trust is not the ICB's staff.
    text = (FIXTURES / "DEL007_scheme_to_an_officer.gov").read_text(encoding="utf-8")
    text = text.replace(
        "post: director_of_finance at northmoor_icb",
        "post: director_of_finance at northmoor_hospitals",
    ) + 'organisation northmoor_hospitals "Northmoor Hospitals NHS FT" { kind: foundation_trust }\n'
    found = [d for d in check_text(text) if d.code.startswith("DEL")]
    assert codes(found) == ["DEL007"]
    assert "`kim_walsh` belongs to `northmoor_hospitals` as well as, or instead of" in found[0].message


def test_a_lead_provider_contract_fits_a_collaborative_only_through_a_provider_lead():
    assert fixture("DEL007_lead_provider_collaborative") == []
    found = fixture("DEL007_collaborative_led_by_commissioner")
    assert codes(found) == ["DEL007"]
    assert found[0].message.endswith(
        "a lead-provider contract is held by a provider, and `mh_collaborative` "
        "(a provider collaborative) is not one"
    )


def test_a_council_arranging_its_own_business_is_only_asked_for_a_basis():
    found = fixture("DEL007_council_committee_no_basis")
    assert [(d.code, d.severity) for d in found] == [("DEL007", Severity.WARNING)]
    assert found[0].message == "delegation `charging_to_committee` does not say under what power it is made"


def test_further_delegation_refused_by_every_route_names_each_route():
    found = fixture("DEL008_two_links_no")
    assert codes(found) == ["DEL008"]
    assert found[0].message == (
        "delegation `community_to_director` passes `commissioning.community_services` on from `north_place`, "
        "but none of the delegations that gave it to `north_place` "
        "(`community_to_place` and `community_pilot_to_place`) allows further delegation"
    )
    assert [r.message for r in found[0].related] == [
        "`north` gives it to `north_place` here, with no further delegation",
        "`icb_board` gives it to `north_place` here, with no further delegation",
    ]
