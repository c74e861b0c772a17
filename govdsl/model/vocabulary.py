"""The words of the governance domain that `.gov` files use as values.

Each vocabulary maps the word written in a file (`foundation_trust`) to what
govdsl knows about it. Rules and renderers read these tables rather than
repeating lists of words, so adding a kind of body is a change in one place.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Term:
    """One word of a vocabulary, with the label used in documents."""

    word: str
    label: str


def _vocab(*pairs: tuple[str, str]) -> dict[str, Term]:
    return {word: Term(word, label) for word, label in pairs}


# -- sectors --------------------------------------------------------------------
SECTORS = _vocab(
    ("nhs", "NHS"),
    ("local_government", "local government"),
    ("vcse", "voluntary, community and social enterprise"),
    ("independent", "independent sector"),
    ("public_voice", "public voice"),
)


# -- organisations ----------------------------------------------------------------
@attrs.frozen
class OrganisationKind:
    word: str
    label: str
    sector: str
    statutory: bool
    council: bool = False  # a local authority of some kind
    responsible_council: bool = False  # upper-tier or unitary: social care, ICP and HWB member
    nhs_body: bool = False  # a "relevant body" for s.65Z5 (NHS England, ICB, NHS trust, FT)
    provider: bool = False  # provides health or care services


ORGANISATION_KINDS: dict[str, OrganisationKind] = {
    k.word: k
    for k in (
        OrganisationKind("nhs_england", "NHS England", "nhs", True, nhs_body=True),
        OrganisationKind("nhs_england_region", "NHS England region", "nhs", True, nhs_body=True),
        OrganisationKind("icb", "integrated care board", "nhs", True, nhs_body=True),
        OrganisationKind("nhs_trust", "NHS trust", "nhs", True, nhs_body=True, provider=True),
        OrganisationKind("foundation_trust", "NHS foundation trust", "nhs", True, nhs_body=True, provider=True),
        OrganisationKind("county_council", "county council", "local_government", True, True, True),
        OrganisationKind("district_council", "district council", "local_government", True, True, False),
        OrganisationKind("unitary_council", "unitary council", "local_government", True, True, True),
        OrganisationKind("metropolitan_borough", "metropolitan borough council", "local_government", True, True, True),
        OrganisationKind("london_borough", "London borough council", "local_government", True, True, True),
        OrganisationKind("combined_authority", "combined authority", "local_government", True),
        OrganisationKind("primary_care_network", "primary care network", "nhs", False, provider=True),
        OrganisationKind("gp_practice", "GP practice", "nhs", False, provider=True),
        OrganisationKind("gp_federation", "GP federation", "nhs", False, provider=True),
        OrganisationKind("vcse", "voluntary, community or social enterprise organisation", "vcse", False, provider=True),
        OrganisationKind("healthwatch", "local Healthwatch", "public_voice", True),
        OrganisationKind("social_enterprise", "social enterprise", "vcse", False, provider=True),
        OrganisationKind("independent_provider", "independent provider", "independent", False, provider=True),
        OrganisationKind("university", "university", "independent", False),
        OrganisationKind("police", "police", "local_government", True),
        OrganisationKind("other", "other organisation", "independent", False),
    )
}

SERVICES = _vocab(
    ("acute", "acute hospital services"),
    ("mental_health", "mental health services"),
    ("community", "community health services"),
    ("ambulance", "ambulance services"),
    ("specialist", "specialist services"),
    ("primary_care", "primary care"),
    ("social_care", "social care"),
    ("public_health", "public health"),
    ("hospice", "hospice care"),
)


# -- geography ----------------------------------------------------------------------
@attrs.frozen
class TierKind:
    word: str
    label: str
    rank: int  # 0 = system; larger is closer to people
    parents: tuple[str, ...]  # the tiers it may be nested in


TIER_KINDS: dict[str, TierKind] = {
    t.word: t
    for t in (
        TierKind("system", "system", 0, ()),
        TierKind("subsystem", "sub-system", 1, ("system",)),
        TierKind("place", "place", 2, ("system", "subsystem")),
        TierKind("neighbourhood", "neighbourhood", 3, ("place",)),
    )
}


# -- forums -------------------------------------------------------------------------------
# What a place partnership or provider collaborative is, in law (`model:`).
PLACE_MODELS = _vocab(
    ("consultative_forum", "consultative forum"),
    ("icb_committee", "ICB committee"),
    ("joint_committee", "joint committee"),
    ("individual_director", "individual director with delegated authority"),
    ("lead_provider_contract", "lead-provider contract"),
)

COLLABORATIVE_MODELS = _vocab(
    ("lead_provider", "lead provider"),
    ("joint_committee", "joint committee"),
    ("committees_in_common", "committees in common"),
)



@attrs.frozen
class ForumKind:
    """A kind of forum and what it means.

    Rules, diagrams, documents, queries and lenses read these attributes,
    never lists of kind words, so that a new kind of forum is one entry here
    (and its word in the editor grammar, which a test checks).
    """

    word: str
    label: str
    committee_like: bool  # needs terms of reference, a chair, members and a quorum
    governing_body: bool  # an organisation's own board: decides for it, and a delegation from it is the organisation's
    decides: bool  # takes decisions, so its members must be on a register of interests (otherwise it advises or plans)
    answerable: bool  # exercises functions on someone's behalf, so must answer to a statutory body (ACC002)
    joint: bool  # bodies exercise functions together through it (s.65Z5 joint exercise; the scheme's section D)
    bodies_decide_apart: bool  # each body's own committee decides for that body alone, meeting together (DEL005)
    partnership: bool  # brings partners together: the collaborative governance lens assesses it
    collaborative: bool  # partners organise themselves in it: the inclusion and Ostrom lenses read it as self-governing
    statutory_partnership: str | None  # set up by statute: by the "council" (HWB) or the "icb_and_councils" (ICP)
    needs_parent: bool  # must name the body it belongs to (`parent:`)
    models: str | None  # the vocabulary its `model:` words come from ("PLACE_MODELS"), or None if it takes none
    plural: bool  # spoken of in the plural ("committees in common have")
    style: str  # how diagrams draw it (colour and shape): a key of govdsl.render.style.NODE_STYLES
    expected_voices: tuple[str, ...] = ()  # the stakeholder classes the collaborative lens (CG001) expects as members
    abbreviation: str | None = None  # a short name `govdsl query` understands

    @property
    def model_words(self) -> dict[str, Term]:
        """The words its `model:` may take ({} if it takes none)."""
        return globals()[self.models] if self.models else {}


_PARTNERS = ("nhs", "primary_care", "local_government", "vcse", "public_voice")

FORUM_KINDS: dict[str, ForumKind] = {
    f.word: f
    for f in (
        ForumKind(
            "board", "board", committee_like=False, governing_body=True, decides=True, answerable=False,
            joint=False, bodies_decide_apart=False, partnership=False, collaborative=False,
            statutory_partnership=None, needs_parent=True, models=None, plural=False, style="board",
        ),
        ForumKind(
            "committee", "committee", committee_like=True, governing_body=False, decides=True, answerable=True,
            joint=False, bodies_decide_apart=False, partnership=False, collaborative=False,
            statutory_partnership=None, needs_parent=True, models=None, plural=False, style="committee",
        ),
        ForumKind(
            "subcommittee", "sub-committee", committee_like=True, governing_body=False, decides=True, answerable=True,
            joint=False, bodies_decide_apart=False, partnership=False, collaborative=False,
            statutory_partnership=None, needs_parent=True, models=None, plural=False, style="committee",
        ),
        ForumKind(
            "joint_committee", "joint committee", committee_like=True, governing_body=False, decides=True,
            answerable=True, joint=True, bodies_decide_apart=False, partnership=True, collaborative=False,
            statutory_partnership=None, needs_parent=False, models=None, plural=False, style="joint",
        ),
        ForumKind(
            "committees_in_common", "committees in common", committee_like=True, governing_body=False, decides=True,
            answerable=True, joint=True, bodies_decide_apart=True, partnership=True, collaborative=False,
            statutory_partnership=None, needs_parent=False, models=None, plural=True, style="joint",
            abbreviation="cic",
        ),
        ForumKind(
            "place_partnership", "place-based partnership", committee_like=False, governing_body=False,
            decides=False, answerable=True, joint=False, bodies_decide_apart=False, partnership=True,
            collaborative=True, statutory_partnership=None, needs_parent=False, models="PLACE_MODELS", plural=False,
            style="partnership", expected_voices=_PARTNERS,
        ),
        ForumKind(
            "provider_collaborative", "provider collaborative", committee_like=False, governing_body=False,
            decides=False, answerable=True, joint=False, bodies_decide_apart=False, partnership=True,
            collaborative=True, statutory_partnership=None, needs_parent=False, models="COLLABORATIVE_MODELS",
            plural=False, style="collaborative",
        ),
        ForumKind(
            "integrated_care_partnership", "integrated care partnership", committee_like=False,
            governing_body=False, decides=False, answerable=True, joint=True, bodies_decide_apart=False,
            partnership=True, collaborative=True, statutory_partnership="icb_and_councils", needs_parent=False,
            models=None, plural=False, style="partnership", expected_voices=_PARTNERS, abbreviation="icp",
        ),
        ForumKind(
            "health_and_wellbeing_board", "health and wellbeing board", committee_like=False,
            governing_body=False, decides=False, answerable=True, joint=False, bodies_decide_apart=False,
            partnership=True, collaborative=False, statutory_partnership="council", needs_parent=False,
            models=None, plural=False, style="partnership",
            expected_voices=("nhs", "local_government", "public_voice"), abbreviation="hwb",
        ),
    )
}

# What a committee is for, where a rule depends on it (an ICB must have an audit committee).
FORUM_ROLES = _vocab(
    ("audit", "audit committee"),
    ("remuneration", "remuneration committee"),
    ("quality", "quality committee"),
    ("finance", "finance and performance committee"),
    ("primary_care", "primary care commissioning committee"),
    ("people", "people and workforce committee"),
    ("place", "place committee"),
    ("subsystem", "sub-system committee"),
    ("specialised_commissioning", "specialised commissioning committee"),
    ("other", "other committee"),
)

FREQUENCIES = _vocab(
    ("weekly", "weekly"),
    ("fortnightly", "fortnightly"),
    ("monthly", "monthly"),
    ("bimonthly", "every two months"),
    ("quarterly", "quarterly"),
    ("twice_yearly", "twice a year"),
    ("annually", "annually"),
    ("as_required", "as required"),
)


# What standing orders say about members who step out for a conflict of interest.
CONFLICTED_MEMBERS = _vocab(
    ("not_counted", "members who step out for a conflict of interest do not count towards the quorum"),
    ("counted", "members who step out for a conflict of interest are deemed present for the quorum"),
)

# What standing orders provide when a meeting cannot be quorate (after conflicted members step out).
INQUORATE_ROUTES = _vocab(
    ("refer_to_parent", "the matter goes to the body the forum reports to"),
    ("co_opt", "the chair may co-opt members so that the meeting is quorate"),
    ("defer", "the matter is deferred to a meeting that can be quorate"),
)

# What part of a role a committee or panel covers, where a rule depends on it.
ROLE_SCOPES = _vocab(
    ("non_executive_pay", "the pay of non-executive members only"),
    ("executive_pay", "the pay of the chief executive and executive members only"),
)


# -- seats --------------------------------------------------------------------------------
CAPACITIES = _vocab(
    ("chair", "chair"),
    ("vice_chair", "vice-chair"),
    ("voting_member", "voting member"),
    ("participant", "non-voting participant"),
    ("observer", "observer"),
    ("partner_member_trusts", "partner member nominated by NHS trusts and foundation trusts"),
    ("partner_member_primary_care", "partner member nominated by primary medical services"),
    ("partner_member_local_authority", "partner member nominated by local authorities"),
    ("non_executive", "non-executive member"),
    ("chief_executive", "chief executive"),
    ("executive_finance", "executive member for finance"),
    ("executive_medical", "executive member (medical)"),
    ("executive_nursing", "executive member (nursing)"),
    ("executive", "executive member"),
    ("councillor", "councillor"),
    ("co_opted", "co-opted member"),
)

NON_VOTING_CAPACITIES = frozenset({"participant", "observer"})
PARTNER_CAPACITIES = frozenset(
    {"partner_member_trusts", "partner_member_primary_care", "partner_member_local_authority"}
)

# Qualities a quorum may require besides capacities: "1 independent member and 1 clinician".
QUORUM_QUALITIES = _vocab(
    ("member", "member"),
    ("independent", "independent member"),
    ("clinician", "clinician"),
    ("executive_member", "executive member"),
    ("nhs", "member from the NHS"),
    ("local_government", "member from local government"),
    ("vcse", "member from the voluntary sector"),
    ("public_voice", "member representing the public"),
)


# A quorum written as a share of the voting members: `quorum: majority`.
QUORUM_SHARES = _vocab(
    ("majority", "a majority of the voting members"),
    ("half", "half of the voting members"),
    ("one_third", "a third of the voting members"),
    ("two_thirds", "two-thirds of the voting members"),
    ("three_quarters", "three-quarters of the voting members"),
)


# -- people --------------------------------------------------------------------------------
POST_ROLES = _vocab(
    ("chair", "chair"),
    ("chief_executive", "chief executive"),
    ("non_executive_director", "non-executive director"),
    ("executive_director", "executive director"),
    ("director", "director"),
    ("director_of_finance", "director of finance"),
    ("medical_director", "medical director"),
    ("director_of_nursing", "director of nursing"),
    ("place_director", "place director"),
    ("gp_partner", "GP partner"),
    ("salaried_gp", "salaried GP"),
    ("clinical_director", "clinical director"),
    ("councillor", "councillor"),
    ("council_leader", "leader of the council"),
    ("mayor", "mayor"),
    ("director_of_adult_social_services", "director of adult social services"),
    ("director_of_childrens_services", "director of children's services"),
    ("director_of_public_health", "director of public health"),
    ("chief_officer", "chief officer"),
    ("trustee", "trustee"),
    ("governor", "governor"),
    ("employee", "employee"),
    ("consultant", "consultant"),
    ("shareholder", "shareholder"),
)

# Posts that give a financial or professional stake in the organisation.
INTEREST_BEARING_POSTS = frozenset(
    {
        "chair",
        "chief_executive",
        "non_executive_director",
        "executive_director",
        "director",
        "director_of_finance",
        "medical_director",
        "director_of_nursing",
        "gp_partner",
        "salaried_gp",
        "clinical_director",
        "trustee",
        "employee",
        "consultant",
        "shareholder",
        "chief_officer",
    }
)

EXPERTISE = _vocab(
    ("finance", "finance"),
    ("audit", "audit"),
    ("clinical", "clinical"),
    ("medical", "medical"),
    ("nursing", "nursing"),
    ("mental_health", "mental health"),
    ("primary_care", "primary care"),
    ("public_health", "public health"),
    ("social_care", "social care"),
    ("legal", "legal"),
    ("digital", "digital"),
    ("workforce", "workforce"),
    ("lived_experience", "lived experience"),
)
CLINICAL_EXPERTISE = frozenset({"clinical", "medical", "nursing", "mental_health", "primary_care"})

# -- interests -----------------------------------------------------------------------------
INTEREST_TYPES = _vocab(
    ("financial", "financial"),
    ("non_financial_professional", "non-financial professional"),
    ("non_financial_personal", "non-financial personal"),
    ("indirect", "indirect"),
)

MANAGEMENT_ACTIONS = _vocab(
    ("none", "no action needed"),
    ("declare_and_participate", "declare and participate"),
    ("exclude_from_vote", "exclude from the vote"),
    ("exclude_from_decision", "exclude from the decision"),
    ("exclude_from_discussion_and_decision", "exclude from discussion and decision"),
    ("withhold_papers", "withhold papers"),
)
EXCLUDING_ACTIONS = frozenset(
    {"exclude_from_vote", "exclude_from_decision", "exclude_from_discussion_and_decision"}
)

# -- decisions and delegation ----------------------------------------------------------------
DECISION_METHODS = _vocab(
    ("consensus", "consensus"),
    ("unanimity", "unanimity"),
    ("simple_majority", "simple majority"),
    ("two_thirds_majority", "two-thirds majority"),
    ("weighted_majority", "weighted majority"),
    ("double_majority", "double majority"),
)

LEGAL_BASES = _vocab(
    ("scheme_of_delegation", "the body's own scheme of reservation and delegation"),
    ("s65z5_delegation", "delegation under s.65Z5 NHS Act 2006"),
    ("s65z5_joint_exercise", "joint exercise under s.65Z5 NHS Act 2006"),
    ("s75_agreement", "partnership arrangement under s.75 NHS Act 2006"),
    ("nhse_delegation_agreement", "NHS England delegation agreement"),
    ("lead_provider_contract", "lead-provider contract"),
    ("lga_s101", "arrangement under s.101 Local Government Act 1972"),
)

# The matters a s.75 pooled-fund agreement must set out (SI 2000/617 reg 7(3)).
POOLED_FUND_TERMS = _vocab(
    ("aims_and_outcomes", "aims and outcomes"),
    ("contributions", "contributions and how they may vary"),
    ("functions", "the NHS and health-related functions"),
    ("persons_and_services", "the persons and services covered"),
    ("staff_goods_accommodation", "staff, goods, services and accommodation"),
    ("duration_and_review", "duration, review and termination"),
    ("management_and_monitoring", "management and monitoring of the fund"),
)

BOOLEAN_WORDS = {"yes": True, "true": True, "no": False, "false": False}
