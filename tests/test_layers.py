"""The layers of govdsl: no import runs back up the stages (docs/architecture.md, "Layers").

Every `import` in govdsl/ is read with `ast` — at the top of a module or
inside a function, since a lazy import is a dependency all the same — and
checked against the rules below. A breach that another piece of work is
mending is listed in `ALLOWED`, with why, until it lands.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "govdsl"

# (who, must not import, why). A name stands for the module and everything under it.
RULES: list[tuple[str, tuple[str, ...], str]] = [
    ("govdsl.syntax", ("govdsl.model", "govdsl.analysis", "govdsl.check", "govdsl.render", "govdsl.export",
                       "govdsl.site", "govdsl.cli", "govdsl.lsp"),
     "the parser knows nothing of governance, nor of what is made from its trees"),
    ("govdsl.model", ("govdsl.analysis", "govdsl.check", "govdsl.render", "govdsl.export", "govdsl.site",
                      "govdsl.cli", "govdsl.lsp"),
     "the model is what every later stage reads; it reads none of them"),
    ("govdsl.analysis", ("govdsl.check", "govdsl.render", "govdsl.export", "govdsl.site", "govdsl.cli", "govdsl.lsp",
                         "govdsl.lenses", "govdsl.query", "govdsl.whatif", "govdsl.diff", "govdsl.model.resolve"),
     "the analysis layer answers questions about the resolved model for every later stage; it reads none of them"),
    ("govdsl.check", ("govdsl.cli", "govdsl.render", "govdsl.export", "govdsl.site", "govdsl.lsp"),
     "the rules find problems; how they are shown is the front ends' business"),
    ("govdsl.check", ("govdsl.model.resolve",),
     "rules read the resolved model, not the resolver that built it"),
    ("govdsl.render", ("govdsl.cli", "govdsl.lsp"), "outputs are made for any front end"),
    ("govdsl.export", ("govdsl.cli", "govdsl.lsp"), "outputs are made for any front end"),
    ("govdsl.site", ("govdsl.cli", "govdsl.lsp"), "outputs are made for any front end"),
    ("govdsl.docgen", ("govdsl.cli", "govdsl.lsp"), "the docs are generated from the library, not from a front end"),
    ("govdsl.lsp", ("govdsl.cli", "govdsl.export", "govdsl.render", "govdsl.site"),
     "the language server asks the library, and shows no document format's wording"),
]

# Breaches being mended by other work, each with what mends it. Remove an entry when it lands.
ALLOWED: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (PACKAGE.parent / relative).with_suffix(".py").is_file() or (PACKAGE.parent / relative / "__init__.py").is_file()


def imports_of(path: Path) -> set[str]:
    """The govdsl modules a file imports, anywhere in it, relative imports resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            found.add(base)
            # `from govdsl.model import schema` imports the module govdsl.model.schema
            found.update(f"{base}.{alias.name}" for alias in node.names if _is_module(f"{base}.{alias.name}"))
    return {name for name in found if name == "govdsl" or name.startswith("govdsl.")}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def all_imports() -> dict[str, set[str]]:
    return {_module_name(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


def breaches(graph: dict[str, set[str]]) -> set[tuple[str, str, str]]:
    found = set()
    for importer, targets in graph.items():
        for who, forbidden, why in RULES:
            if not _within(importer, who):
                continue
            for target in targets:
                if any(_within(target, f) for f in forbidden):
                    found.add((importer, target, why))
    return found


def test_no_import_runs_back_up_the_layers():
    found = {(a, b, why) for a, b, why in breaches(all_imports()) if (a, b) not in ALLOWED}
    assert not found, "\n".join(f"{a} imports {b}: {why}" for a, b, why in sorted(found))


def test_every_allowed_breach_is_still_there():
    """An entry left in ALLOWED after its breach is mended would hide a new one: remove it."""
    present = {(a, b) for a, b, _ in breaches(all_imports())}
    assert ALLOWED <= present, sorted(ALLOWED - present)


@pytest.mark.parametrize("who", sorted({who for who, _, _ in RULES}))
def test_every_layer_named_in_the_rules_exists(who):
    assert any(_within(module, who) for module in all_imports()), who


def test_the_import_reader_sees_every_form_of_import(tmp_path, monkeypatch):
    """A breach written as a lazy, relative or `from package import module` import is still seen."""
    package = tmp_path / "govdsl"
    (package / "model").mkdir(parents=True)
    (package / "cli").mkdir()
    for name in ("__init__.py", "model/__init__.py", "cli/__init__.py", "cli/output.py", "model/values.py"):
        (package / name).write_text("", encoding="utf-8")
    (package / "model" / "types.py").write_text(
        "from . import values\n"
        "from ..cli import output\n"
        "def later():\n"
        "    import govdsl.cli.main\n"
        "    from govdsl.cli import output\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    graph = {"govdsl.model.types": imports_of(package / "model" / "types.py")}
    assert graph["govdsl.model.types"] == {
        "govdsl.model", "govdsl.model.values", "govdsl.cli", "govdsl.cli.output", "govdsl.cli.main",
    }  # fmt: skip
    assert {b for _, b, _ in breaches(graph)} == {"govdsl.cli", "govdsl.cli.output", "govdsl.cli.main"}
