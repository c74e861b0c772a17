"""Properties over generated models: no traceback, no hang, every diagnostic placed,
formatting round-trips, and every model renders to DOT and SVG that parse."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings

from govdsl import load_text
from govdsl.check.engine import check_compilation
from govdsl.fmt import FormatError, format_source
from govdsl.render import VIEWS, render

from tests.property.strategies import models, mutated

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
AS_OF = dt.date(2026, 11, 24)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_placed(diagnostics, text):
    for d in diagnostics:
        assert CODE.match(d.code), d
        assert d.message
        assert d.span is not None, d
        assert 0 <= d.span.start <= d.span.end <= len(text), d


@FAST
@given(models())
def test_valid_models_resolve_without_errors(text):
    compilation = load_text(text, "m.gov")
    assert compilation.errors == (), [d.message for d in compilation.errors]
    findings = check_compilation(compilation, None, AS_OF)
    assert_well_placed(findings, text)


@FAST
@given(mutated())
def test_bad_input_never_raises_and_every_diagnostic_is_placed(text):
    compilation = load_text(text, "m.gov")
    assert_well_placed(compilation.diagnostics, text)
    assert_well_placed(check_compilation(compilation, None, AS_OF), text)
    try:
        format_source(text)
    except FormatError:
        pass


@FAST
@given(models())
def test_fmt_round_trips_and_keeps_the_model(text):
    formatted = format_source(text)
    assert format_source(formatted) == formatted
    assert load_text(formatted, "m.gov").model == load_text(text, "m.gov").model


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_every_model_renders_to_dot_and_svg(text):
    model = load_text(text, "m.gov").model
    for view in VIEWS:
        dot = render(model, view, "dot").decode()
        assert dot.startswith("digraph govdsl {")
    for view in ("structure", "delegation"):
        svg = render(model, view, "svg")
        ET.fromstring(svg)
