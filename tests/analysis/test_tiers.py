"""The tier an entity sits at: one definition for the rules, the diagrams and the handbook.

Before the analysis layer the rules (`Facts.tier_of`) and the renderer
(`home_tier`) each had a definition; the cases where they disagreed are here.
"""

from __future__ import annotations

import textwrap

import govdsl
from govdsl.analysis.facts import Facts
from govdsl.render.views import structure

TIERS = """\
system sys "System" { icb: icb }
system other_sys "Second system naming the same ICB" { icb: icb }
subsystem east "East" { within: sys }
place east_a "East A" { within: east }
place east_b "East B" { within: east }
organisation icb { kind: icb }
organisation trust "Trust serving the system and one place" {
  kind: nhs_trust
  serves: [east_a, sys]
}
organisation two_places "Trust serving two places" {
  kind: nhs_trust
  serves: [east_a, east_b]
}
board trust_board { parent: trust }
committees_in_common cic { parent: [trust, two_places] }
person p { employer: two_places }
"""


def model_of(text: str):
    compilation = govdsl.load_text(textwrap.dedent(text), "case.gov")
    assert [d.code for d in compilation.errors] == []
    return compilation.model


def test_an_organisation_sits_at_the_widest_tier_it_serves():
    # The renderer drew it in the first tier of its area (the place); it serves the whole system.
    assert Facts(model_of(TIERS)).tier_of("trust") == "sys"


def test_of_tiers_equally_wide_the_first_is_taken():
    assert Facts(model_of(TIERS)).tier_of("two_places") == "east_a"


def test_an_icb_named_by_two_systems_sits_at_the_first():
    # The rules took the last system declared, the renderer the first.
    assert Facts(model_of(TIERS)).tier_of("icb") == "sys"


def test_forums_and_people_take_their_tier_from_what_they_belong_to():
    facts = Facts(model_of(TIERS))
    assert facts.tier_of("trust_board") == "sys"  # through its organisation
    assert facts.tier_of("cic") == "sys"  # its first parent's
    assert facts.tier_of("p") == "east_a"  # their employer's
    assert facts.tier_of("east_a") == "east_a"  # a tier is its own


def test_the_structure_diagram_draws_each_entity_in_the_tier_the_rules_see():
    model = model_of(TIERS)
    facts = Facts(model)
    graph = structure.build(model)
    for node in graph.nodes:
        assert node.cluster == facts.tier_of(node.id), node.id


def test_the_tier_a_forum_covers_contains_all_it_belongs_to():
    facts = Facts(model_of(TIERS))
    assert facts.footprint_tier("two_places") == "east"  # both its places
    assert facts.footprint_tier("cic") == "sys"
    assert facts.tier_path("east_a") == ["east_a", "east", "sys"]
    assert facts.common_tier(["east_a", "east_b"]) == "east"
    assert facts.common_tier([]) is None
