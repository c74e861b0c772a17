"""A system is the widest tier: it has no `within` (item 4)."""

from __future__ import annotations

from govdsl.model import schema

from tests.snippets import codes, found, only


def test_system_schema_has_no_within():
    assert "within" not in schema.SYSTEM
    assert "within" in schema.TIER
    assert {"icb", "arbiter", "dispute_resolution", "population", "footprint"} <= set(schema.SYSTEM)


def test_within_on_a_system_is_an_unknown_attribute_with_a_hint():
    d = only("system a { within: b }\nsystem b {}")
    assert d.code == "DCL003"
    assert "`within`" in d.message
    assert "widest tier" in d.hint  # says why, instead of a list of attributes


def test_within_on_a_system_naming_a_place_is_one_error():
    assert found("system a { within: p }\nplace p { within: a }") == [("DCL003", 1, 12)]


def test_places_still_need_and_accept_within():
    assert codes("system s {}\nplace p { within: s }\nneighbourhood n { within: p }") == []
    assert codes("system s {}\nplace p {}") == ["DCL004"]
    assert codes("system s {}\nplace p { within: s }\nplace q { within: p }") == ["REF002"]
