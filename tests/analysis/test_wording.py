"""One wording of entities, dates and user text, where there were several copies."""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal

import govdsl
from govdsl.analysis.wording import (
    described,
    identified,
    kind_label,
    name_of,
    names,
    period_words,
    pounds,
    some_names,
    title_of,
)
from govdsl.text import article, clean

RLO = "\u202e"  # the right-to-left override of "Trojan source" tricks
FFFD = "\N{REPLACEMENT CHARACTER}"

MODEL = """\
organisation council "Northmoor Council" { kind: unitary_council }
organisation icb "NHS Northmoor ICB" { kind: icb }
board icb_board "ICB Board" { parent: icb }
committee audit "Audit Committee" { parent: icb_board }
person ann "Ann Hale" {}
"""


def model():
    compilation = govdsl.load_text(textwrap.dedent(MODEL), "case.gov")
    assert compilation.errors == ()
    return compilation.model


def test_direction_overrides_show_as_a_replacement_everywhere():
    # Diagrams and the terminal used to drop them silently while documents showed U+FFFD.
    assert clean(f"Ann {RLO}evil") == f"Ann {FFFD}evil"
    assert clean(f"Ann {RLO}evil", lines=True) == f"Ann {FFFD}evil"


def test_line_breaks_are_kept_only_for_documents():
    assert clean("first\r\nsecond\u2028third") == "first second third"
    assert clean("first\r\nsecond\u2028third", lines=True) == "first\nsecond\nthird"


def test_spaces_controls_and_joiners():
    assert clean("a\tb\u00a0c") == "a b c"  # tabs and no-break spaces are plain spaces
    assert clean("bell\x07") == f"bell{FFFD}"
    assert clean("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ kept
    assert clean("  padded  ") == "padded"
    assert clean(None) == "" and clean("") == ""
    assert clean("a long title for a diagram", limit=10) == "a long ti…"


def test_article_before_abbreviations_and_vowel_letters():
    # query and the collaborative lens used to say "a NHS trust" and "an unitary council".
    assert article("NHS trust") == "an NHS trust"
    assert article("unitary council") == "a unitary council"
    assert article("integrated care board") == "an integrated care board"
    assert article("committee") == "a committee"
    assert article("ICB committee") == "an ICB committee"


def test_entities_in_findings():
    m = model()
    assert described(m.entity("audit")) == "committee `audit`"
    assert described(m.entity("council"), "council") == "unitary council `council`"
    assert described(m.entity("ann"), "ann") == "`ann`"  # a person: the id alone
    assert described(None, "gone") == "`gone`"
    assert identified(m.entity("council"), "council") == "`council` (a unitary council)"
    assert identified(m.entity("ann"), "ann") == "`ann` (a person)"
    assert kind_label(m.entity("icb")) == "integrated care board"


def test_names_of_entities():
    m = model()
    assert title_of(m.entity("ann")) == "Ann Hale"
    assert title_of(m.entity("audit")) == "Audit Committee"
    assert name_of(m, "audit") == "Audit Committee"
    assert name_of(m, "nobody") == "nobody"
    assert name_of(m, None) == ""


def test_lists_of_names():
    assert names([]) == ""
    assert names(["a"]) == "`a`"
    assert names(["a", "b", "c"]) == "`a`, `b` and `c`"
    assert names(["a", "b"], note=lambda i: f" ({i.upper()})") == "`a` (A) and `b` (B)"
    assert some_names(["a", "b", "c", "d"], limit=2) == "`a`, `b` and 2 more"
    assert some_names(["a", "b"]) == "`a`, `b`"


def test_periods_in_documents_and_on_the_terminal():
    start, end = dt.date(2023, 4, 1), dt.date(2026, 3, 31)
    assert period_words(start, end) == "1 April 2023 to 31 March 2026"
    assert period_words(start, None) == "since 1 April 2023"
    assert period_words(None, end) == "until 31 March 2026"
    assert period_words(None, None) == ""
    assert period_words(start, end, iso=True) == "from 2023-04-01 to 2026-03-31"
    assert period_words(start, None, iso=True) == "since 2023-04-01"


def test_pounds_are_short_when_exact():
    # The delegation rules and query each had a copy.
    assert pounds(Decimal(18_000_000)) == "£18m"
    assert pounds(Decimal(1_500_000)) == "£1.5m"
    assert pounds(Decimal(10_000_001)) == "£10,000,001"
    assert pounds(Decimal("1500.50")) == "£1,500.50"
    assert pounds(Decimal(250_000)) == "£250k"
    assert pounds(Decimal(900)) == "£900"
    assert pounds(None) == "no limit" and pounds(Decimal("Infinity")) == "no limit"
