"""Stage 3: running the governance rules over a resolved model.

The engine walks the model and hands each rule the entities it targets, so a
rule never scans the model itself; it applies the configuration (which rules,
what severity) and the inline suppressions, and returns sorted diagnostics.
Rules run only on a model whose files are free of language errors: a rule
reading a half-resolved model would report faults that are not there.
"""

from __future__ import annotations

import datetime as dt

import attrs

from govdsl.check import suppress
from govdsl.analysis.facts import Facts
from govdsl.check.registry import Finding, Rule, all_rules
from govdsl.analysis.dates import as_of as model_as_of
from govdsl.config import Config
from govdsl.diagnostics import Diagnostic, Severity, Subject, sort_diagnostics
from govdsl.model import schema
from govdsl.model.types import Model

# The role of a finding's subject is the category of the entity it names ("person", "forum", ...).
ROLES = {category.entity: category.name for category in schema.CATEGORIES}


@attrs.define
class CheckContext:
    """What a rule may read: the model as of the check date, derived facts, settings."""

    model: Model
    history: Model
    as_of: dt.date
    config: Config
    facts: Facts

    @property
    def thresholds(self):
        return self.config.thresholds


def _targets(rule: type[Rule], model: Model):
    for name in rule.targets:
        if name == "model":
            yield model
        else:
            yield from getattr(model, name)


def run_rules(model: Model, config: Config, as_of: dt.date, rules=None) -> list[Diagnostic]:
    current = model_as_of(model, as_of)
    ctx = CheckContext(current, model, as_of, config, Facts(current, model))
    diagnostics = []
    for rule_class in rules if rules is not None else all_rules():
        if not config.enabled(rule_class.code, rule_class.category()):
            continue
        rule = rule_class()
        severity = config.severity_for(rule_class.code, rule_class.severity)
        for target in _targets(rule_class, current):
            for finding in rule.check(target, ctx):
                diagnostics.append(_diagnostic(rule_class, finding, severity, config, ctx))
    return diagnostics


def subject(id: str, *models: Model) -> Subject:
    """The subject `id`, with the role of the entity it names in the first model that has it."""
    for model in models:
        entity = model.entity(id)
        if entity is not None:
            return Subject(id, ROLES[type(entity)])
    return Subject(id, "undeclared")


def _diagnostic(rule: type[Rule], finding: Finding, severity: Severity, config: Config, ctx: CheckContext) -> Diagnostic:
    if finding.severity is not None and not any(code == rule.code for code, _ in config.severity):
        severity = min(severity, finding.severity)
    subjects = tuple(subject(id, ctx.model, ctx.history) for id in dict.fromkeys(finding.subjects) if id)
    return Diagnostic(
        rule.code,
        severity,
        finding.message,
        finding.span,
        finding.hint,
        finding.related,
        rule=rule.name,
        subjects=subjects,
        fix=finding.fix,
    )


def _suppressed(compilation, config: Config, as_of: dt.date, model: Model):
    """Findings on `model` split by the compilation's inline suppressions: (kept, unused, problems)."""
    rules = all_rules()
    known = {r.code for r in rules}
    suppressions, problems = suppress.collect(compilation.documents, compilation.sources, known)
    findings = run_rules(model, config, as_of, rules)
    enabled = {r.code for r in rules if config.enabled(r.code, r.category())}
    kept, unused = suppress.apply(findings, suppressions, compilation.sources, enabled)
    return kept, unused, problems


def check_compilation(compilation, config: Config | None = None, as_of: dt.date | None = None) -> tuple[Diagnostic, ...]:
    """Language diagnostics plus rule findings (after suppressions), sorted."""
    config = config or Config()
    as_of = as_of or dt.date.today()
    if compilation.errors:
        return compilation.diagnostics
    kept, unused, problems = _suppressed(compilation, config, as_of, compilation.model)
    return sort_diagnostics(list(compilation.diagnostics) + kept + unused + problems)


def rule_findings(compilation, config: Config, as_of: dt.date, model: Model | None = None) -> tuple[Diagnostic, ...]:
    """The rule findings on `model` (by default the compilation's) that its suppressions leave, sorted.

    `model` may be a changed copy of the compilation's model (what-if): its
    entities keep the spans of their declarations, so the suppressions written
    in the files cover its findings exactly as they cover the original's.
    """
    kept, _, _ = _suppressed(compilation, config, as_of, compilation.model if model is None else model)
    return sort_diagnostics(kept)
