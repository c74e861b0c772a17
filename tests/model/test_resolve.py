"""Resolution: every declaration kind and attribute into the model, with its defaults.

`full.gov` (next to this file) uses every kind and every attribute; the tables
below check smaller snippets for the rules of defaults and phrases.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import govdsl
from govdsl.model import types as m
from govdsl.model import vocabulary as v

FULL = Path(__file__).with_name("full.gov")


@pytest.fixture(scope="module")
def full():
    compilation = govdsl.load_text(FULL.read_text(encoding="utf-8"), "full.gov")
    assert compilation.diagnostics == ()
    return compilation.model


def entity(model, id_):
    found = model.entity(id_)
    assert found is not None, id_
    return found


# -- the whole model --------------------------------------------------------------------------


def test_every_family_is_in_the_model_in_declaration_order(full):
    assert [t.id for t in full.tiers] == ["northmoor", "northmoor_east", "east_coast", "north", "moorside"]
    assert [o.id for o in full.organisations][:3] == ["nhse", "nhse_north", "northmoor_icb"]
    assert [p.id for p in full.people] == ["ann_hale", "hugh_marsh", "karen_blythe", "tom_reyes"]
    assert {f.kind for f in full.forums} == set(v.FORUM_KINDS)
    assert [f.id for f in full.functions] == ["commissioning.community_services", "accounts.annual"]
    assert [d.id for d in full.delegations] == ["community_to_north", "to_director"]
    assert [p.id for p in full.pooled_funds] == ["better_care"]
    assert [d.id for d in full.decisions] == ["acute_contract_2025"]
    assert full.files == ("full.gov",)


def test_lookup_by_id(full):
    assert "northmoor_icb" in full
    assert "nobody" not in full
    assert full.entity("nobody") is None
    assert len(list(full.entities)) == sum(
        len(g)
        for g in (full.tiers, full.organisations, full.people, full.forums, full.functions,
                  full.delegations, full.pooled_funds, full.decisions)
    )
    assert len(list(full.seats())) == sum(len(f.seats) for f in full.forums)
    assert len(list(full.interests())) == 4


# -- tiers ---------------------------------------------------------------------------------------


def test_system(full):
    system = entity(full, "northmoor")
    assert system == m.Tier(
        id="northmoor",
        kind="system",
        title="Northmoor ICS",
        parent=None,
        population=1_020_000,
        footprint=("northmoor_council", "moor_county"),
        icb="northmoor_icb",
        arbiter="nhse_north",
        dispute_resolution="Escalate to the ICB chair, then to NHS England North",
    )


def test_nested_tiers(full):
    assert entity(full, "northmoor_east").parent == "northmoor"
    assert entity(full, "east_coast").parent == "northmoor_east"
    assert entity(full, "east_coast").footprint == ("northmoor_council",)  # one name means a list of one
    assert entity(full, "north").parent == "northmoor"
    assert entity(full, "north").population == 330_000
    assert entity(full, "north").footprint == ("moor_county", "moor_district")
    assert entity(full, "moorside").kind == "neighbourhood"
    assert entity(full, "moorside").parent == "north"


def test_title_defaults_from_the_name(full):
    assert entity(full, "north").title == "North"
    assert entity(full, "commissioning.community_services").title == "Commissioning community services"


# -- organisations ---------------------------------------------------------------------------------


def test_organisation_attributes(full):
    trust = entity(full, "northmoor_hospitals")
    assert trust.kind == "foundation_trust"
    assert trust.sector == "nhs"
    assert trust.statutory is True
    assert trust.services == ("acute", "specialist")
    assert trust.area == ("northmoor", "north")
    assert trust.accountable_to == ("nhse_north",)
    assert entity(full, "nhse_north").part_of == "nhse"
    assert entity(full, "moorside_surgery").part_of == "moorside_pcn"
    assert entity(full, "moorside_surgery").services == ("primary_care",)
    assert entity(full, "moorside_pcn").population == 42_000
    assert entity(full, "northmoor_healthwatch").footprint == ("northmoor_council",)


def test_sector_and_statutory_can_be_overridden(full):
    hospice = entity(full, "moor_hospice")
    assert hospice.kind == "vcse"
    assert hospice.sector == "independent"
    assert hospice.statutory is True


@pytest.mark.parametrize("kind", sorted(v.ORGANISATION_KINDS))
def test_sector_and_statutory_default_from_the_kind(compile_snippet, kind):
    compilation = compile_snippet(f"organisation o {{ kind: {kind} }}")
    assert compilation.diagnostics == ()
    org = compilation.model.entity("o")
    assert org.sector == v.ORGANISATION_KINDS[kind].sector
    assert org.statutory is v.ORGANISATION_KINDS[kind].statutory


@pytest.mark.parametrize(
    "kind,sector,statutory",
    [("icb", "nhs", True), ("gp_practice", "nhs", False), ("unitary_council", "local_government", True),
     ("vcse", "vcse", False), ("healthwatch", "public_voice", True), ("university", "independent", False)],
)
def test_some_defaults_spelt_out(compile_snippet, kind, sector, statutory):
    org = compile_snippet(f"organisation o {{ kind: {kind} }}").model.entity("o")
    assert (org.sector, org.statutory) == (sector, statutory)


def test_statutory_no_overrides_a_statutory_kind(compile_snippet):
    org = compile_snippet("organisation o { kind: icb  statutory: No }").model.entity("o")
    assert org.statutory is False


# -- lines ------------------------------------------------------------------------------------------


def test_accountability_lines(full):
    lines = {(line.kind, line.source, line.target) for line in full.lines}
    assert lines == {
        ("accountable_to", "northmoor_icb", "nhse"),
        ("accountable_to", "northmoor_hospitals", "nhse_north"),
        ("advises", "northmoor_healthwatch", "northmoor_icb"),
        ("reports_to", "moor_hospice", "icb_board"),
        ("assures", "moor_hospice", "icb_board"),
        ("accountable_to", "icb_board", "nhse"),
        ("reports_to", "audit", "icb_board"),
        ("advises", "northmoor_icp", "icb_board"),
    }
    assert all(line.kind in m.LINE_KINDS for line in full.lines)


# -- people ------------------------------------------------------------------------------------------


def test_person(full):
    ann = entity(full, "ann_hale")
    assert ann.name == "Dr Ann Hale"
    assert ann.posts == (m.Post("chair", "northmoor_icb"),)
    assert ann.expertise == ("clinical", "finance")
    assert ann.independent is True
    assert ann.nil_return == dt.date(2024, 4, 1)
    assert ann.contact == "Via the board secretary"
    assert ann.interests == ()


def test_posts(full):
    hugh = entity(full, "hugh_marsh")
    assert hugh.posts == (
        m.Post("chief_executive", "northmoor_hospitals", start=dt.date(2019, 1, 1)),
        # a post known by its title
        m.Post("employee", "moor_hospice", "Trustee, Moor Hospice", dt.date(2016, 5, 1), dt.date(2022, 6, 30)),
        # the dates may be given in the post's block
        m.Post("director_of_finance", "northmoor_icb", "Chief Finance Officer", dt.date(2015, 4, 1), dt.date(2018, 12, 31)),
        m.Post("governor", None),
    )
    assert hugh.employers == ("northmoor_hospitals",)
    assert hugh.independent is False  # the default


def test_interests(full):
    financial, professional, indirect, personal = entity(full, "hugh_marsh").interests
    assert financial == m.Interest(
        person="hugh_marsh",
        type="financial",
        organisation="northmoor_hospitals",
        matter=None,
        start=dt.date(2019, 1, 1),
        declared=dt.date(2022, 7, 1),
    )
    assert professional.end == dt.date(2022, 6, 30)
    assert professional.action == "none"
    assert indirect == m.Interest(
        person="hugh_marsh",
        type="indirect",
        organisation=None,
        matter="Spouse is a partner in a firm of solicitors",
        description="The firm advises care homes in Northmoor",
        relationship="spouse",
        declared=dt.date(2023, 1, 10),
        action="declare_and_participate",
        private=True,
    )
    # options may be given in a block instead of the phrase
    assert (personal.start, personal.end, personal.declared, personal.action) == (
        dt.date(2020, 1, 1),
        dt.date(2021, 1, 1),
        dt.date(2020, 2, 1),
        "exclude_from_vote",
    )


# -- forums -------------------------------------------------------------------------------------------


def test_board(full):
    board = entity(full, "icb_board")
    assert board.kind == "board"
    assert board.parents == ("northmoor_icb",)
    assert board.terms == m.TermsOfReference(
        purpose="Runs the ICB",
        meets_in_public=True,
        papers_published=True,
        frequency="bimonthly",
        approved=dt.date(2024, 3, 28),
        review=dt.date(2025, 3, 31),
        self_determined=False,
    )
    assert board.quorum == m.Quorum(
        6,
        (
            m.QuorumRequirement(1, ("chair", "vice_chair")),
            m.QuorumRequirement(2, ("clinician",)),
            m.QuorumRequirement(1, ("non_executive", "independent")),
        ),
    )
    assert board.decision_rule == m.DecisionRule("simple_majority", casting_vote=True)


def test_seats(full):
    ann, hugh, karen, tom = entity(full, "icb_board").seats
    assert ann == m.Seat(
        forum="icb_board",
        person="ann_hale",
        capacities=("chair", "non_executive"),
        voting=True,
        appointed_by="nhse",
        approved_by="nhse",
        start=dt.date(2022, 7, 1),
        end=dt.date(2026, 6, 30),
    )
    assert (hugh.representing, hugh.nominated_by, hugh.weight) == ("northmoor_hospitals", "northmoor_hospitals", 2)
    # options given in the seat's block
    assert (karen.representing, karen.nominated_by, karen.start) == (
        "northmoor_council",
        "northmoor_council",
        dt.date(2022, 7, 1),
    )
    assert karen.weight == Decimal(1)
    assert tom.voting is False


def test_forum_attributes(full):
    audit = entity(full, "audit")
    assert (audit.role, audit.parents) == ("audit", ("icb_board",))
    assert audit.quorum == m.Quorum(2, (m.QuorumRequirement(1, ("chair",)), m.QuorumRequirement(1, ("clinician",))))
    joint = entity(full, "north_joint")
    assert joint.parents == ("northmoor_icb", "northmoor_council")
    assert (joint.established, joint.closed) == (dt.date(2023, 4, 1), dt.date(2026, 3, 31))
    assert (audit.established, audit.closed) == (None, None)  # a forum without dates always exists
    assert joint.tier == "north"
    assert joint.decision_rule == m.DecisionRule("weighted_majority", casting_vote=True, threshold=Decimal(60))
    partnership = entity(full, "north_partnership")
    assert (partnership.model, partnership.tier) == ("icb_committee", "north")
    assert partnership.partners == ("northmoor_icb", "northmoor_council", "northmoor_hospitals")
    collaborative = entity(full, "acute_collaborative")
    assert (collaborative.model, collaborative.lead_provider) == ("lead_provider", "northmoor_hospitals")
    assert entity(full, "northmoor_icp").decision_rule == m.DecisionRule(
        "double_majority", blocs=("nhs", "local_government")
    )
    assert entity(full, "northmoor_hwb").decision_rule.blocs == ("nhs",)
    assert entity(full, "acute_cic").terms is None
    assert entity(full, "acute_cic").quorum is None


PREAMBLE = """
organisation o { kind: icb }
person p {}
"""


def one_seat(compile_snippet, phrase: str) -> m.Seat:
    compilation = compile_snippet(PREAMBLE + f"board b {{ parent: o  seat: {phrase} }}")
    assert compilation.diagnostics == ()
    (seat,) = compilation.model.entity("b").seats
    return seat


@pytest.mark.parametrize(
    "phrase,voting",
    [
        ("p as chair", True),
        ("p as voting_member", True),
        ("p as participant", False),
        ("p as observer", False),
        ("p as observer and participant", False),
        ("p as participant and voting_member", True),
        ("p as chair non_voting", False),
        ("p as chair { non_voting: yes }", False),
        ("p as chair { non_voting: no }", True),
        ("p as partner_member_trusts for o", True),
    ],
)
def test_seat_votes_unless_every_capacity_is_non_voting(compile_snippet, phrase, voting):
    assert one_seat(compile_snippet, phrase).voting is voting


def test_seat_capacities_are_not_repeated(compile_snippet):
    assert one_seat(compile_snippet, "p as chair and chair").capacities == ("chair",)


@pytest.mark.parametrize("weight,expected", [("2", Decimal(2)), ("0.5", Decimal("0.5")), ("1_000", Decimal(1000))])
def test_seat_weight(compile_snippet, weight, expected):
    assert one_seat(compile_snippet, f"p as voting_member weight {weight}").weight == expected


QUORUMS = [
    ("5", m.Quorum(5)),
    ("5 including chair", m.Quorum(5, (m.QuorumRequirement(1, ("chair",)),))),
    ("5 including chair and clinician", m.Quorum(5, (m.QuorumRequirement(1, ("chair",)), m.QuorumRequirement(1, ("clinician",))))),
    ("3 including [chair or vice_chair]", m.Quorum(3, (m.QuorumRequirement(1, ("chair", "vice_chair")),))),
    ("3 including [2 clinicians]", m.Quorum(3, (m.QuorumRequirement(2, ("clinician",)),))),
    ("3 including [2 non_executives, nhs]", m.Quorum(3, (m.QuorumRequirement(2, ("non_executive",)), m.QuorumRequirement(1, ("nhs",))))),
    ("4 including [1 executive_finance or executive, local_government or vcse or public_voice]",
     m.Quorum(4, (m.QuorumRequirement(1, ("executive_finance", "executive")),
                  m.QuorumRequirement(1, ("local_government", "vcse", "public_voice"))))),
    ("1.5k", m.Quorum(1500)),
]


@pytest.mark.parametrize("phrase,expected", QUORUMS, ids=[q for q, _ in QUORUMS])
def test_quorum(compile_snippet, phrase, expected):
    compilation = compile_snippet(PREAMBLE + f"board b {{ parent: o  quorum: {phrase} }}")
    assert compilation.diagnostics == ()
    assert compilation.model.entity("b").quorum == expected


RULES = [
    ("consensus", m.DecisionRule("consensus")),
    ("unanimity", m.DecisionRule("unanimity")),
    ("two_thirds_majority with casting_vote", m.DecisionRule("two_thirds_majority", casting_vote=True)),
    ("weighted_majority threshold 62.5%", m.DecisionRule("weighted_majority", threshold=Decimal("62.5"))),
    ("weighted_majority with casting_vote threshold 60%",
     m.DecisionRule("weighted_majority", casting_vote=True, threshold=Decimal(60))),
    ("double_majority of [nhs, local_government, vcse]",
     m.DecisionRule("double_majority", blocs=("nhs", "local_government", "vcse"))),
    ("double_majority of local_government", m.DecisionRule("double_majority", blocs=("local_government",))),
]


@pytest.mark.parametrize("phrase,expected", RULES, ids=[r for r, _ in RULES])
def test_decision_rule(compile_snippet, phrase, expected):
    compilation = compile_snippet(PREAMBLE + f"board b {{ parent: o  decision: {phrase} }}")
    assert compilation.diagnostics == ()
    assert compilation.model.entity("b").decision_rule == expected


# -- functions, delegations, pooled funds, decisions ---------------------------------------------------


def test_functions(full):
    community = entity(full, "commissioning.community_services")
    assert (community.holder, community.scope, community.reserved_to) == ("northmoor_icb", "north", None)
    assert community.reason == "Commissioned with the system-wide contract until the place is ready"
    accounts = entity(full, "accounts.annual")
    assert accounts == m.Function(
        id="accounts.annual",
        title="Approving the annual report and accounts",
        holder="northmoor_icb",
        reserved_to="icb_board",
        source="ICB constitution, reservation 4.2",
    )


def test_delegations(full):
    assert entity(full, "community_to_north") == m.Delegation(
        id="community_to_north",
        title="Community services to North",
        delegator="icb_board",
        delegate="north_partnership",
        functions=("commissioning.community_services",),
        limit=Decimal(18_000_000),
        further_delegation=False,
        basis="scheme_of_delegation",
        reports_to=("icb_board", "audit"),
        start=dt.date(2024, 4, 1),
        end=dt.date(2027, 3, 31),
        review=dt.date(2025, 3, 31),
        conditions="Within the budget approved by the board",
        reason="The place knows its community services best",
    )
    to_person = entity(full, "to_director")
    assert (to_person.delegate, to_person.functions, to_person.further_delegation, to_person.limit) == (
        "tom_reyes",
        ("commissioning.community_services",),
        True,
        None,
    )


def test_pooled_fund_and_its_total(full):
    fund = entity(full, "better_care")
    assert (fund.host, fund.basis, fund.governed_by) == ("northmoor_council", "s75_agreement", "northmoor_hwb")
    assert [(c.partner, c.amount) for c in fund.contributions] == [
        ("northmoor_icb", Decimal(71_000_000)),
        ("northmoor_council", Decimal(25_500_000)),
        ("moor_county", Decimal(1_200_000)),
    ]
    assert fund.total == Decimal(97_700_000)
    assert len(fund.agreement_terms) == 6
    assert (fund.start, fund.end) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))


def test_pooled_fund_without_contributions_totals_zero(compile_snippet):
    compilation = compile_snippet("organisation o { kind: icb }\npooled_fund f { host: o }")
    assert compilation.diagnostics == ()
    assert compilation.model.entity("f").total == 0


def test_decision(full):
    assert entity(full, "acute_contract_2025") == m.Decision(
        id="acute_contract_2025",
        title="Acute services contract 2025/26",
        forum="icb_board",
        date=dt.date(2025, 3, 27),
        affects=("northmoor_hospitals",),
        amount=Decimal(412_000_000),
        functions=("commissioning.community_services",),
        under="community_to_north",
        excluded=("hugh_marsh",),
        reason="One contract for the whole system",
    )


def test_names_may_be_used_before_they_are_declared(compile_snippet):
    compilation = compile_snippet("board b { parent: o }\norganisation o { kind: icb }")
    assert compilation.diagnostics == ()
    assert compilation.model.entity("b").parents == ("o",)


def test_a_list_names_each_reference_once(compile_snippet):
    compilation = compile_snippet("organisation o { kind: icb }\nboard b { parent: [o, o] }")
    assert compilation.model.entity("b").parents == ("o",)
