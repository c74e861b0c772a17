"""The tables that must agree with the attribute schema (govdsl/model/schema.py).

The schema says which declarations the language has, where the model keeps
each, which attributes each accepts, which categories of declaration a name
may be of and which vocabulary a word is from. The model's collections, the
resolver's checks and the language server read it; these tests fail when one
of them disagrees with it.
"""

from __future__ import annotations

from typing import get_args, get_type_hints

import attrs
import pytest

import govdsl
from govdsl.lsp.server import SYMBOL_KINDS
from govdsl.model import schema
from govdsl.model import types as m
from govdsl.model import vocabulary as v
from govdsl.model.resolve import _CATEGORY_WORDS

# One declaration of every category (and of an ICB and a council, which some references require).
WORLD = """\
system s1 { }
place p1 { within: s1 }
organisation icb1 { kind: icb }
organisation council1 { kind: unitary_council }
board f1 { parent: icb1 }
person per1 { }
function fn1 { }
delegation d1 {
  from: icb1
  to: f1
  functions: [fn1]
}
pooled_fund pf1 { host: icb1 }
decision dec1 { forum: f1 }
"""
CATEGORY_OF_NAME = {
    "s1": "tier", "p1": "tier", "icb1": "organisation", "council1": "organisation", "f1": "forum",
    "per1": "person", "fn1": "function", "d1": "delegation", "pf1": "pooled_fund", "dec1": "decision",
}  # fmt: skip


def _attribute_cases(want):
    """(declaration kind, nested block key or None, attribute key, spec) for every attribute `want` picks."""
    for kind in schema.CATEGORY_OF_KIND:
        for key, spec in schema.for_declaration(kind).items():
            if want(spec):
                yield kind, None, key, spec
    for key, spec in schema.SEAT.items():
        if want(spec):
            yield "board", "seat", key, spec


def _probes(kind: str, nested: str | None, key: str, values: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """WORLD and one declaration per value giving `key` that value; the span of each value."""
    text, spans = WORLD, []
    for i, value in enumerate(values):
        if nested == "seat":
            head = f'{kind} probe_{i} {{\n  seat: per1 as chair {{\n    {key}: '
            tail = "\n  }\n}\n"
        else:
            head = f"{kind} probe_{i} {{\n  {key}: "
            tail = "\n}\n"
        start = len(text) + len(head)
        spans.append((start, start + len(value)))
        text += head + value + tail
    return text, spans


def _codes_within(compilation, span) -> list[str]:
    start, end = span
    return [d.code for d in compilation.diagnostics if d.span is not None and start <= d.span.start < end]


# -- the model's collections ----------------------------------------------------------------------
def test_every_category_is_a_collection_of_the_model_of_its_entity_type():
    hints = get_type_hints(m.Model)
    assert {c.collection for c in schema.CATEGORIES} == set(m.ENTITY_COLLECTIONS)
    for category in schema.CATEGORIES:
        assert get_args(hints[category.collection]) == (category.entity, ...)
    assert {c.entity for c in schema.CATEGORIES} == set(get_args(m.Entity))
    assert len({c.name for c in schema.CATEGORIES}) == len(schema.CATEGORIES)


def test_the_model_indexes_and_copies_every_collection():
    compilation = govdsl.load_text(WORLD, "world.gov")
    model = compilation.model
    for category in schema.CATEGORIES:
        entities = getattr(model, category.collection)
        assert entities and all(model.entity(e.id) is e for e in entities), category.name
    assert model.replace() == model
    assert [f.name for f in attrs.fields(m.Model) if f.init and f.name not in m.ENTITY_COLLECTIONS] == ["lines", "files"]


def test_every_rule_targets_a_collection_of_the_model():
    from govdsl.check.registry import all_rules

    allowed = {*m.ENTITY_COLLECTIONS, "lines", "model"}
    for rule in all_rules():
        assert rule.targets and set(rule.targets) <= allowed, (rule.code, rule.targets)


def test_every_declaration_word_has_one_category_and_its_attributes():
    kinds = [kind for c in schema.CATEGORIES for kind in c.kinds]
    assert len(kinds) == len(set(kinds)) == len(schema.CATEGORY_OF_KIND)
    assert set(v.TIER_KINDS) | set(v.FORUM_KINDS) <= set(kinds)
    for kind in kinds:
        assert schema.for_declaration(kind), kind


def test_every_reference_and_vocabulary_in_the_schema_exists():
    names = {c.name for c in schema.CATEGORIES}
    tables = [schema.for_declaration(kind) for kind in schema.CATEGORY_OF_KIND] + list(schema.NESTED.values())
    for table in tables:
        for key, spec in table.items():
            form, _, detail = spec.expects.partition(":")
            if form in ("ref", "refs"):
                assert spec.categories and set(spec.categories) <= names, (key, spec.expects)
            if form == "vocab":
                assert spec.vocabulary is getattr(v, detail), (key, spec.expects)


def test_the_resolver_describes_every_category():
    assert set(_CATEGORY_WORDS) == {c.name for c in schema.CATEGORIES}


# -- the resolver reads what the schema says --------------------------------------------------------
REFERENCES = list(_attribute_cases(lambda spec: spec.categories))


@pytest.mark.parametrize("kind, nested, key, spec", REFERENCES, ids=[f"{k}.{n or ''}.{a}" for k, n, a, _ in REFERENCES])
def test_a_reference_may_name_exactly_the_categories_the_schema_allows(kind, nested, key, spec):
    names = list(CATEGORY_OF_NAME)
    text, spans = _probes(kind, nested, key, names)
    compilation = govdsl.load_text(text, "probe.gov")
    accepted = {name for name, span in zip(names, spans) if not _codes_within(compilation, span)}
    for name, span in zip(names, spans):
        if CATEGORY_OF_NAME[name] not in spec.categories:
            assert _codes_within(compilation, span) == ["REF002"], (name, _codes_within(compilation, span))
    # some references accept only part of a category (an ICB, a council, the tier a place is within)
    assert {CATEGORY_OF_NAME[name] for name in accepted} == set(spec.categories), accepted


VOCABULARIES = list(_attribute_cases(lambda spec: spec.vocabulary is not None))


@pytest.mark.parametrize("kind, nested, key, spec", VOCABULARIES, ids=[f"{k}.{n or ''}.{a}" for k, n, a, _ in VOCABULARIES])
def test_a_word_is_read_from_the_vocabulary_the_schema_names(kind, nested, key, spec):
    words = [*spec.vocabulary, "not_a_word_of_any_vocabulary"]
    text, spans = _probes(kind, nested, key, words)
    compilation = govdsl.load_text(text, "probe.gov")
    rejected_key = [d for d in compilation.diagnostics if d.code == "DCL003" and d.message.startswith("only")]
    if rejected_key:
        # `model` on a forum that is not a place partnership or provider collaborative: the
        # resolver accepts the key only to say which forums have one, and reads no value
        assert key == "model" and kind not in ("place_partnership", "provider_collaborative")
        return
    for word, span in zip(words[:-1], spans):
        assert _codes_within(compilation, span) == [], word
    assert _codes_within(compilation, spans[-1]) == ["VAL003"]


# -- the language server offers what the schema says -------------------------------------------------
def test_every_category_has_a_symbol_kind():
    assert set(SYMBOL_KINDS) == {c.name for c in schema.CATEGORIES}


@pytest.fixture()
def project(tmp_path):
    from govdsl.lsp.analysis import Project

    (tmp_path / "world.gov").write_text(WORLD, encoding="utf-8")
    project = Project(tmp_path)
    project.compile()
    return project


def _complete(project, tmp_path, text: str):
    (tmp_path / "world.gov").write_text(WORLD + text, encoding="utf-8")
    project.compile()
    source = next(s for p, s in project.compilation.sources.items() if p.endswith("world.gov"))
    return project.completions(source, len(WORLD) + text.index("|"))


def test_completion_offers_every_declaration_word(project, tmp_path):
    offered = [label for label, kind, _ in _complete(project, tmp_path, "|\n") if kind == "keyword"]
    assert offered == [*schema.CATEGORY_OF_KIND, "include"]


@pytest.mark.parametrize("kind, words", [("place_partnership", v.PLACE_MODELS), ("provider_collaborative", v.COLLABORATIVE_MODELS)])
def test_completion_offers_the_models_the_resolver_accepts(project, tmp_path, kind, words):
    offered = _complete(project, tmp_path, f"{kind} x {{\n  model: |\n}}\n")
    assert [label for label, _, _ in offered] == list(words)


def test_completion_offers_names_of_the_categories_a_reference_allows(project, tmp_path):
    offered = _complete(project, tmp_path, "delegation x {\n  reports_to: |\n}\n")
    allowed = schema.DELEGATION["reports_to"].categories
    expected = sorted(n for n, c in CATEGORY_OF_NAME.items() if c in allowed) + ["x"] * ("delegation" in allowed)
    assert [label for label, _, _ in offered] == expected


# -- phrases: `seat: ann_hale as chair for northmoor_icb` ---------------------------------------------
PHRASES = [
    (kind, key, spec.phrase)
    for kind in ("board", "person", "pooled_fund")
    for key, spec in schema.for_declaration(kind).items()
    if spec.phrase is not None and key not in ("quorum", "decision")
]
# What a phrase must say besides the part under test, so that it is otherwise correct.
_NEEDS = {"seat": {"as": "chair"}, "interest": {"in": "icb1"}}
_A_NAME = {"tier": "p1", "organisation": "icb1", "forum": "f1", "person": "per1", "function": "fn1",
           "delegation": "d1", "pooled_fund": "pf1", "decision": "dec1"}  # fmt: skip


def _a_value(spec) -> str:
    if spec.categories:
        return _A_NAME[spec.categories[0]]
    if spec.vocabulary is not None:
        return next(iter(spec.vocabulary))
    return {"money": "£1m", "date": "2020-01-01", "count": "2", "bool": "yes"}[spec.expects]


def _phrase_positions():
    """(kind, key, phrase, where) for each part of a phrase that names a declaration: a head index or an option word."""
    for kind, key, phrase in PHRASES:
        for i, spec in enumerate(phrase.head):
            if spec.categories:
                yield kind, key, phrase, i
        for word, option in phrase.options.items():
            if option.value.categories:
                yield kind, key, phrase, word


def _phrase_text(key, phrase, where, value) -> str:
    head = [value if i == where else _a_value(spec) for i, spec in enumerate(phrase.head)]
    options = dict(_NEEDS.get(key, {}))
    if isinstance(where, str):
        options[where] = value
    return " ".join([*head, *(f"{word} {v}" for word, v in options.items())])


PHRASE_POSITIONS = list(_phrase_positions())


@pytest.mark.parametrize(
    "kind, key, phrase, where", PHRASE_POSITIONS, ids=[f"{k}.{key}.{w}" for k, key, _, w in PHRASE_POSITIONS]
)
def test_a_name_in_a_phrase_may_be_of_exactly_the_categories_the_schema_allows(kind, key, phrase, where):
    spec = phrase.head[where] if isinstance(where, int) else phrase.options[where].value
    at = _phrase_text(key, phrase, where, "\0").index("\0")  # where the part under test starts
    text, spans = WORLD, []
    for i, name in enumerate(CATEGORY_OF_NAME):
        head = f"{kind} probe_{i} {{\n  {key}: "
        start = len(text) + len(head) + at
        spans.append((name, (start, start + len(name))))
        text += head + _phrase_text(key, phrase, where, name) + "\n}\n"
    compilation = govdsl.load_text(text, "probe.gov")
    accepted = set()
    for name, span in spans:
        found = _codes_within(compilation, span)
        if CATEGORY_OF_NAME[name] not in spec.categories:
            assert found == ["REF002"], (name, found)
        elif not found:
            accepted.add(CATEGORY_OF_NAME[name])
    assert accepted == set(spec.categories)


@pytest.mark.parametrize("kind, key, phrase", PHRASES, ids=[f"{k}.{key}" for k, key, _ in PHRASES])
def test_completion_in_a_phrase_offers_what_the_schema_says_comes_next(project, tmp_path, kind, key, phrase):
    def expected(spec):
        if spec.categories:
            return sorted(n for n, c in CATEGORY_OF_NAME.items() if c in spec.categories)
        return list(spec.vocabulary) if spec.vocabulary is not None else []

    def offered(words: str):
        found = _complete(project, tmp_path, f"{kind} x {{\n  {key}: {words}|\n}}\n")
        return [label for label, _, _ in found if label != "x"]

    assert offered("") == expected(phrase.head[0])
    head = " ".join(_a_value(spec) for spec in phrase.head)
    assert [label.strip() for label in offered(head + " ")] == list(phrase.options)
    for word, option in phrase.options.items():
        if option.arity != 0 and (option.value.categories or option.value.vocabulary is not None):
            assert offered(f"{head} {word} ") == expected(option.value), word
            assert offered(f"{head} {word} x") == expected(option.value), word  # a word being typed


def test_every_seat_option_a_block_may_give_has_its_wording_in_the_resolver():
    from govdsl.model.resolve import Resolver

    in_block = {word for word, option in schema.SEAT_PHRASE.options.items() if option.arity == 1 and word in schema.SEAT}
    assert set(Resolver._SEAT_BLOCK_VALUES) == in_block


@pytest.mark.parametrize("key, block", [("seat", "for: icb1"), ("seat", "from: 2020-01-01"), ("post", "to: 2030-01-01"),
                                        ("interest", "declared: 2020-01-01"), ("interest", "action: exclude_from_decision")])
def test_an_option_given_in_both_a_phrase_and_its_block_is_reported_once(key, block):
    phrase = {"seat": "per1 as chair", "post": "chair at icb1", "interest": "financial in icb1"}[key]
    word, value = block.split(": ")
    kind = "board probe {\n  parent: icb1\n" if key == "seat" else "person probe {\n"
    text = WORLD + f"{kind}  {key}: {phrase} {word} {value} {{\n    {block}\n  }}\n}}\n"
    compilation = govdsl.load_text(text, "probe.gov")
    assert [d.code for d in compilation.diagnostics if d.span.start > len(WORLD)] == ["DCL005"]
