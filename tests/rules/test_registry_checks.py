"""The registry refuses malformed rules, so that every rule has a code, a name and its documentation."""

from __future__ import annotations

import pytest

from govdsl.check.registry import RULES, Rule, all_rules, parse_doc, register
from govdsl.diagnostics import Severity

DOC = """Summary line.

    ## What it does
    Something.

    ## Why is this bad?
    Because.

    ## Example
    ```gov
    person p {}
    ```

    ## Use instead
    ```gov
    person q {}
    ```
    """


def make_rule(code="SUB901", name="throwaway-rule", doc=DOC):
    return type("Throwaway", (Rule,), {"__doc__": doc, "code": code, "name": name, "severity": Severity.WARNING, "targets": ("model",)})


def register_and_clean(cls):
    """Register a rule, taking it out of the registry again whatever happens."""
    before = dict(RULES)
    try:
        return register(cls)
    finally:
        RULES.clear()
        RULES.update(before)


@pytest.mark.parametrize("code", ["sub901", "SUB9", "XYZ001", "SUB0001"])
def test_a_bad_code_is_refused(code):
    with pytest.raises(ValueError, match=f"Throwaway: bad rule code '{code}'"):
        register_and_clean(make_rule(code=code))
    assert all(cls.__name__ != "Throwaway" for cls in RULES.values())


@pytest.mark.parametrize("name", ["Throwaway-Rule", "throwaway_rule", "-throwaway", "throwaway-"])
def test_a_name_not_in_kebab_case_is_refused(name):
    with pytest.raises(ValueError, match=f"rule names are kebab-case, not '{name}'"):
        register_and_clean(make_rule(name=name))


def test_a_code_used_twice_is_refused():
    taken = all_rules()[0].code
    with pytest.raises(ValueError, match=f"rule code {taken} is used twice"):
        register_and_clean(make_rule(code=taken))
    assert RULES[taken].__name__ != "Throwaway"


def test_a_name_used_twice_is_refused():
    taken = all_rules()[0].name
    with pytest.raises(ValueError, match=f"rule name {taken} is used twice"):
        register_and_clean(make_rule(name=taken))


def test_a_docstring_missing_sections_is_refused():
    with pytest.raises(ValueError, match=r"Throwaway: docstring lacks section\(s\) \['Why is this bad\?', 'Use instead'\]"):
        register_and_clean(make_rule(doc="Summary line.\n\n    ## What it does\n    X.\n\n    ## Example\n    Y.\n"))


def test_a_well_formed_rule_is_registered_with_its_summary():
    before = set(RULES)
    cls = register_and_clean(make_rule())
    assert cls.summary == "Summary line."
    assert set(RULES) == before  # and taken out again


def test_text_before_the_first_section_is_not_part_of_any_section():
    doc = parse_doc("Summary.\n\n    An introduction.\n\n    ## What it does\n    X.\n\n    ## References\n    R.\n")
    assert doc.what == "X."
    assert doc.extra == (("References", "R."),)
    assert "introduction" not in doc.what + doc.why + doc.example + doc.use_instead
