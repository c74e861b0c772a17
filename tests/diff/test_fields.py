"""`diff` compares every field of the model, or says why not.

For every attrs field of every type in govdsl/model/types.py, two models are
built that differ in that field alone. The diff of the two must not be empty,
unless the field is in `NOT_COMPARED` (the one list of fields left out, each
with its reason), in which case it must be empty. A field added to the model
is thus compared without touching diff code, or this test fails until it is
listed as not compared.
"""

from __future__ import annotations

import datetime as dt
import inspect
import types as pytypes
from decimal import Decimal
from typing import Union, get_args, get_origin, get_type_hints

import attrs
import pytest

from govdsl.diff import diff_models
from govdsl.diff.compare import CATEGORIES, NOT_COMPARED
from govdsl.model import schema
from govdsl.model import types as m
from govdsl.source import Span

MODEL_TYPES = [t for _, t in inspect.getmembers(m, inspect.isclass) if attrs.has(t) and t.__module__ == m.__name__]

_SPAN = Span("a.gov", 0, 1)

# One of every kind of thing a model holds, each with its optional fields given.
SAMPLES = {
    m.Post: m.Post("chief_executive", "org", "Chief executive", dt.date(2020, 1, 1), dt.date(2030, 1, 1), _SPAN),
    m.Interest: m.Interest("per", "financial", "org", None, "shares", "spouse", dt.date(2020, 1, 1), dt.date(2030, 1, 1),
                           dt.date(2020, 2, 1), "exclude_from_decision", False, _SPAN),
    m.QuorumRequirement: m.QuorumRequirement(1, ("chair",), _SPAN),
    m.DecisionRule: m.DecisionRule("simple_majority", True, ("nhs",), Decimal(60), _SPAN),
    m.TermsOfReference: m.TermsOfReference("purpose", True, True, "monthly", dt.date(2020, 1, 1), dt.date(2030, 1, 1), True, _SPAN),
    m.Seat: m.Seat("forum", "per", ("chair",), True, "org", "org", "org", "org", dt.date(2020, 1, 1), dt.date(2030, 1, 1),
                   Decimal(1), _SPAN),
    m.Contribution: m.Contribution("org", Decimal(100), _SPAN),
    m.Line: m.Line("reports_to", "forum", "org", _SPAN),
    m.Tier: m.Tier("tier", "place", "Tier", "system", 1000, ("org",), "org", "org", "in words", _SPAN),
    m.Organisation: m.Organisation("org", "icb", "Org", "nhs", True, ("org",), 1000, ("tier",), "org", ("x",), ("org",), _SPAN),
    m.Function: m.Function("fn", "Function", "org", "forum", "the Act", "tier", "why", _SPAN),
    m.Delegation: m.Delegation("del", "Delegation", "org", "forum", ("fn",), Decimal(10), True, "s65z5", ("org",),
                               dt.date(2020, 1, 1), dt.date(2030, 1, 1), dt.date(2025, 1, 1), "conditions", "why", _SPAN),
    m.Decision: m.Decision("dec", "Decision", "forum", dt.date(2024, 1, 1), ("org",), Decimal(5), ("fn",), "del", ("per",), "why", _SPAN),
}  # fmt: skip
SAMPLES[m.Quorum] = m.Quorum(3, (SAMPLES[m.QuorumRequirement],), _SPAN)
SAMPLES[m.StandingOrders] = m.StandingOrders(
    SAMPLES[m.Quorum], SAMPLES[m.DecisionRule], "counted", "defer", True, True, "monthly", dt.date(2020, 1, 1),
    dt.date(2030, 1, 1), "Constitution, Appendix 2", _SPAN,
)
SAMPLES[m.Organisation] = attrs.evolve(SAMPLES[m.Organisation], standing_orders=SAMPLES[m.StandingOrders])
SAMPLES[m.Person] = m.Person("per", "Person", (SAMPLES[m.Post],), ("org",), ("finance",), False, (SAMPLES[m.Interest],),
                             dt.date(2020, 1, 1), "contact", _SPAN)  # fmt: skip
SAMPLES[m.Forum] = m.Forum("forum", "committee", "Forum", "audit", ("org",), "tier", "lead_provider", "org", ("org",),
                           SAMPLES[m.TermsOfReference], SAMPLES[m.Quorum], SAMPLES[m.DecisionRule], (SAMPLES[m.Seat],),
                           dt.date(2020, 1, 1), dt.date(2030, 1, 1), _SPAN)  # fmt: skip
SAMPLES[m.PooledFund] = m.PooledFund("fund", "Fund", "org", "s75_agreement", (SAMPLES[m.Contribution],), "forum", ("x",),
                                     dt.date(2020, 1, 1), dt.date(2030, 1, 1), _SPAN)  # fmt: skip
SAMPLES[m.Model] = m.Model(
    **{c.collection: (SAMPLES[c.entity],) for c in schema.CATEGORIES}, lines=(SAMPLES[m.Line],), files=("a.gov",)
)

# Words the model only ever holds from a vocabulary (the diff shows their labels).
OTHER_WORDS = {
    (m.Line, "kind"): "advises",
    (m.Seat, "capacities"): ("vice_chair",),
    (m.Interest, "type"): "non_financial_professional",
    (m.DecisionRule, "method"): "consensus",
    (m.DecisionRule, "fallback"): "two_thirds_majority",
    (m.Quorum, "share"): "majority",
}


def _other(kind: type, name: str, hint, value):
    """A value of the field's type that differs from `value`."""
    if (kind, name) in OTHER_WORDS:
        return OTHER_WORDS[kind, name]
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, pytypes.UnionType):
        inner = next(a for a in args if a is not type(None))
        return None if value is not None else _other(kind, name, inner, None)
    if origin is tuple:
        item = args[0]
        if attrs.has(item):
            return () if value else (SAMPLES[item],)
        return (*(value or ()), _other(kind, name, item, None))
    if attrs.has(hint):
        return SAMPLES[hint]
    if hint is bool:
        return not value
    if hint in (int, Decimal):
        return (value or 0) + 1
    if hint is dt.date:
        return (value or dt.date(2000, 1, 1)) + dt.timedelta(days=1)
    if hint is str:
        return (value or "") + "_other"
    if hint is dict:
        return {"another": None}
    raise AssertionError(f"no other value for {kind.__name__}.{name}: {hint}")


def _with(model: m.Model, kind: type, change) -> m.Model:
    """The model with its one `kind` of thing changed by `change`."""
    if kind is m.Model:
        return change(model)
    for category in schema.CATEGORIES:
        if kind is category.entity:
            return model.replace(**{category.collection: (change(SAMPLES[kind]),)})
    person, forum = SAMPLES[m.Person], SAMPLES[m.Forum]
    nested = {
        m.Post: lambda: model.replace(people=(attrs.evolve(person, posts=(change(SAMPLES[m.Post]),)),)),
        m.Interest: lambda: model.replace(people=(attrs.evolve(person, interests=(change(SAMPLES[m.Interest]),)),)),
        m.Seat: lambda: model.replace(forums=(attrs.evolve(forum, seats=(change(SAMPLES[m.Seat]),)),)),
        m.Quorum: lambda: model.replace(forums=(attrs.evolve(forum, quorum=change(SAMPLES[m.Quorum])),)),
        m.QuorumRequirement: lambda: model.replace(
            forums=(attrs.evolve(forum, quorum=attrs.evolve(SAMPLES[m.Quorum], requirements=(change(SAMPLES[m.QuorumRequirement]),))),)
        ),
        m.DecisionRule: lambda: model.replace(forums=(attrs.evolve(forum, decision_rule=change(SAMPLES[m.DecisionRule])),)),
        m.TermsOfReference: lambda: model.replace(forums=(attrs.evolve(forum, terms=change(SAMPLES[m.TermsOfReference])),)),
        m.Contribution: lambda: model.replace(
            pooled_funds=(attrs.evolve(SAMPLES[m.PooledFund], contributions=(change(SAMPLES[m.Contribution]),)),)
        ),
        m.Line: lambda: model.replace(lines=(change(SAMPLES[m.Line]),)),
        m.StandingOrders: lambda: model.replace(
            organisations=(attrs.evolve(SAMPLES[m.Organisation], standing_orders=change(SAMPLES[m.StandingOrders])),),
        ),
    }
    return nested[kind]()


FIELDS = [(kind, field.name) for kind in MODEL_TYPES for field in attrs.fields(kind)]


def test_every_type_of_the_model_has_a_sample():
    assert set(MODEL_TYPES) == set(SAMPLES)


@pytest.mark.parametrize("kind, name", FIELDS, ids=[f"{k.__name__}.{n}" for k, n in FIELDS])
def test_a_change_to_any_field_is_in_the_diff_unless_it_is_listed_as_not_compared(kind, name):
    hint = get_type_hints(kind)[name]
    base = SAMPLES[m.Model]

    def change(thing):
        return attrs.evolve(thing, **{name.lstrip("_"): _other(kind, name, hint, getattr(thing, name))})

    if not attrs.fields_dict(kind)[name].init:
        assert (kind, name) in NOT_COMPARED, f"{kind.__name__}.{name} is neither compared nor listed in NOT_COMPARED"
        return
    changed = _with(base, kind, change)
    assert changed is not base
    result = diff_models(base, changed)
    if (kind, name) in NOT_COMPARED:
        assert result.empty, f"{kind.__name__}.{name} is listed as not compared, but the diff shows it"
    else:
        assert not result.empty, f"{kind.__name__}.{name} is neither compared nor listed in NOT_COMPARED"


def test_every_field_listed_as_not_compared_exists_and_says_why():
    for (kind, name), why in NOT_COMPARED.items():
        assert name in attrs.fields_dict(kind), (kind, name)
        assert why.strip()


def test_every_collection_of_the_model_has_a_heading():
    assert {collection for collection, _ in CATEGORIES} == set(m.ENTITY_COLLECTIONS)
