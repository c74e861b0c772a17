"""Configuration: which rules run, how serious each is, and the thresholds they use.

Read from `govdsl.toml`, or from `[tool.govdsl]` in `pyproject.toml`, in the
folder of the files checked or the nearest folder above it. Example:

    [project]
    root = ".."                 # includes may reach files up to this folder

    [rules]
    select = ["ALL"]            # codes, categories (SUB, COI) or ALL
    ignore = ["SUB003"]
    severity = { SUB001 = "error" }

    [thresholds]
    system_population = [1_000_000, 3_000_000]
    place_population = [250_000, 500_000]
    neighbourhood_population = [30_000, 50_000]
    declaration_days = 28
    expiry_warning_days = 90

A mistake in the configuration is a diagnostic (CFG001), like a mistake in a
`.gov` file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import attrs

from govdsl.diagnostics import Diagnostic, Severity, did_you_mean


@attrs.frozen
class Thresholds:
    system_population: tuple[int, int] = (1_000_000, 3_000_000)
    subsystem_population: tuple[int, int] = (500_000, 1_500_000)
    place_population: tuple[int, int] = (250_000, 500_000)
    neighbourhood_population: tuple[int, int] = (30_000, 50_000)
    band_tolerance: float = 0.10  # within this share of a band's edge: info, not warning
    declaration_days: int = 28
    expiry_warning_days: int = 90


@attrs.frozen
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # (code, severity) overrides
    thresholds: Thresholds = Thresholds()
    path: str | None = None  # the file it was read from
    project_root: str | None = None  # [project] root: the folder includes may reach up to

    def severity_for(self, code: str, default: Severity) -> Severity:
        for overridden, severity in self.severity:
            if overridden == code:
                return severity
        return default

    def enabled(self, code: str, category: str) -> bool:
        def matches(selector):
            return selector == "ALL" or selector == code or selector == category

        return any(matches(s) for s in self.select) and not any(matches(s) for s in self.ignore)


CONFIG_FILES = ("govdsl.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    """The nearest govdsl.toml, or pyproject.toml with [tool.govdsl], at or above `start`."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        own = candidate / "govdsl.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file():
            try:
                if "govdsl" in tomllib.loads(project.read_text(encoding="utf-8")).get("tool", {}):
                    return project
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
    return None


def load_config(path: Path | None, known_codes: dict[str, str]) -> tuple[Config, tuple[Diagnostic, ...]]:
    """Read a config file; `known_codes` maps each rule code to its category prefix."""
    if path is None:
        return Config(), ()
    problems: list[Diagnostic] = []
    shown = str(path)

    def problem(message, hint=None):
        problems.append(Diagnostic("CFG001", Severity.ERROR, f"{shown}: {message}", None, hint))

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        problem(f"could not be read ({error})")
        return Config(path=shown), tuple(problems)
    except tomllib.TOMLDecodeError as error:
        problem(f"is not valid TOML: {error}")
        return Config(path=shown), tuple(problems)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("govdsl", {})

    selectors = set(known_codes) | set(known_codes.values()) | {"ALL"}

    def codes(section, key):
        value = section.get(key, None)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem(f"`{key}` must be a list of rule codes or categories, such as [\"SUB001\", \"COI\"]")
            return None
        for item in value:
            if item not in selectors:
                suggestion = did_you_mean(item, selectors)
                problem(f"`{item}` in `{key}` is not a rule code or category", f"Did you mean `{suggestion}`?" if suggestion else "Run `govdsl rules` to list them.")
        return tuple(value)

    for key in data:
        if key not in ("rules", "thresholds", "project"):
            problem(f"unknown section `{key}`", "The sections are [project], [rules] and [thresholds].")
    project_root = None
    project = data.get("project", {})
    if not isinstance(project, dict):
        problem("`project` must be a table")
        project = {}
    for key, value in project.items():
        if key != "root":
            problem(f"unknown setting `project.{key}`", "The only setting in [project] is `root`.")
        elif not isinstance(value, str):
            problem('`project.root` must be a folder, such as ".."')
        else:
            folder = (path.parent / value).resolve()
            if not folder.is_dir():
                problem(f"`project.root` names `{value}`, which is not a folder")
            else:
                project_root = str(folder)
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        problem("`rules` must be a table")
        rules = {}
    for key in rules:
        if key not in ("select", "ignore", "severity"):
            suggestion = did_you_mean(key, ("select", "ignore", "severity"))
            problem(f"unknown setting `rules.{key}`", f"Did you mean `{suggestion}`?" if suggestion else None)
    select = codes(rules, "select") or ("ALL",)
    ignore = codes(rules, "ignore") or ()
    severities = []
    for code, level in sorted((rules.get("severity") or {}).items()):
        if code not in known_codes:
            problem(f"`{code}` in `rules.severity` is not a rule code")
            continue
        try:
            severities.append((code, Severity.parse(str(level))))
        except KeyError:
            problem(f"severity `{level}` for {code} must be \"error\", \"warning\" or \"info\"")

    thresholds = Thresholds()
    raw = data.get("thresholds", {})
    fields = {f.name: f for f in attrs.fields(Thresholds)}
    changes = {}
    for key, value in (raw.items() if isinstance(raw, dict) else ()):
        if key not in fields:
            suggestion = did_you_mean(key, fields)
            problem(f"unknown threshold `{key}`", f"Did you mean `{suggestion}`?" if suggestion else None)
            continue
        default = getattr(thresholds, key)
        if isinstance(default, tuple):
            if (
                isinstance(value, list)
                and len(value) == 2
                and all(isinstance(x, int) and x > 0 for x in value)
                and value[0] <= value[1]
            ):
                changes[key] = (value[0], value[1])
            else:
                problem(f"`{key}` must be two whole numbers, lowest first, such as [250000, 500000]")
        elif isinstance(default, float):
            if isinstance(value, (int, float)) and 0 <= value < 1:
                changes[key] = float(value)
            else:
                problem(f"`{key}` must be a fraction between 0 and 1, such as 0.1")
        elif isinstance(value, int) and value >= 0:
            changes[key] = value
        else:
            problem(f"`{key}` must be a whole number")
    return (
        Config(select, ignore, tuple(severities), attrs.evolve(thresholds, **changes), shown, project_root),
        tuple(problems),
    )
