"""The rule registry: every governance rule, registered in one place.

A rule is one class with a stable code, a kebab-case name, a default
severity, the model entities it looks at (`targets`) and a docstring in four
sections (What it does / Why is this bad? / Example / Use instead). The
docstring is the rule's documentation: `govdsl explain`, `govdsl rules` and
the pages in docs/rules/ are all generated from it, and the tests run its
Example (which must trigger the rule) and Use instead (which must not).
"""

from __future__ import annotations

import re
import textwrap
from typing import ClassVar, Iterator

import attrs

from govdsl.diagnostics import Fix, Related, Severity
from govdsl.source import Span

CATEGORIES: dict[str, str] = {
    "SUB": "Subsidiarity and tiers",
    "DEL": "Delegation",
    "ACC": "Accountability",
    "COI": "Conflicts of interest",
    "STAT": "Statutory composition",
    "GOV": "NHS England guidance and good practice",
    "TIME": "Dates, tenures and reviews",
}

_CODE = re.compile(r"^(?P<category>[A-Z]{2,4})\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")


@attrs.frozen
class Finding:
    """What a rule found: the diagnostic minus the code and severity the engine adds."""

    span: Span | None
    message: str
    hint: str | None = None
    related: tuple[Related, ...] = ()
    severity: Severity | None = None  # only to lower a finding below the rule's default
    subjects: tuple[str, ...] = ()  # ids of the entities it is about, most important first
    fix: Fix | None = None


@attrs.frozen
class RuleDoc:
    what: str
    why: str
    example: str
    use_instead: str
    extra: tuple[tuple[str, str], ...] = ()  # further sections, e.g. References, Options

    def gov_block(self, section: str) -> str:
        """The ```gov code block of the Example or Use instead section."""
        text = self.example if section == "Example" else self.use_instead
        match = re.search(r"```gov\n(.*?)```", text, re.DOTALL)
        return match.group(1) if match else ""


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    targets: ClassVar[tuple[str, ...]]  # model collections: "forums", "delegations", ... or "model"
    summary: ClassVar[str] = ""  # the docstring's first line

    def check(self, target, ctx) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def category(cls) -> str:
        return _CODE.match(cls.code).group("category")

    @classmethod
    def doc(cls) -> RuleDoc:
        return parse_doc(cls.__doc__ or "")


def parse_doc(docstring: str) -> RuleDoc:
    text = textwrap.dedent("\n".join(docstring.splitlines()[1:])).strip()
    sections: dict[str, str] = {}
    order: list[str] = []
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            order.append(current)
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    sections = {k: v.strip() for k, v in sections.items()}
    extra = tuple((k, sections[k]) for k in order if k not in SECTIONS)
    return RuleDoc(*(sections.get(s, "") for s in SECTIONS), extra=extra)


RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry, checking it is well formed."""
    if not _CODE.match(cls.code) or _CODE.match(cls.code).group("category") not in CATEGORIES:
        raise ValueError(f"{cls.__name__}: bad rule code {cls.code!r}")
    if not _NAME.match(cls.name):
        raise ValueError(f"{cls.__name__}: rule names are kebab-case, not {cls.name!r}")
    if cls.code in RULES and RULES[cls.code] is not cls:
        raise ValueError(f"rule code {cls.code} is used twice ({RULES[cls.code].__name__}, {cls.__name__})")
    if any(r.name == cls.name and r is not cls for r in RULES.values()):
        raise ValueError(f"rule name {cls.name} is used twice")
    doc = cls.doc()
    missing = [s for s, body in zip(SECTIONS, (doc.what, doc.why, doc.example, doc.use_instead)) if not body]
    if missing:
        raise ValueError(f"{cls.__name__}: docstring lacks section(s) {missing}")
    cls.summary = (cls.__doc__ or "").strip().splitlines()[0].strip()
    RULES[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    """Every registered rule, in code order (importing the rule modules)."""
    import govdsl.check.rules  # noqa: F401  (registers the rules)

    return [RULES[code] for code in sorted(RULES, key=_code_order)]


def _code_order(code: str):
    category = _CODE.match(code).group("category")
    return (list(CATEGORIES).index(category), code)


def rule_categories() -> dict[str, str]:
    """Every code mapped to its category prefix (for configuration checks)."""
    return {rule.code: rule.category() for rule in all_rules()}
