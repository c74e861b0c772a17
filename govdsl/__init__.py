"""govdsl: a language and compiler for the governance of NHS Integrated Care Systems.

The public API is small. `check` is the pipeline every command and the
language server run: it reads the configuration (the nearest govdsl.toml),
compiles `.gov` files and folders into a `Compilation` (the resolved `Model`
that every check, renderer and export reads, the diagnostics found on the
way, and the sources they point into) and runs the governance rules, with
the configuration and the inline suppressions applied. `compile` is the same
without the rules; `load` compiles without reading a configuration.

    >>> from govdsl import check
    >>> result = check(["examples/northmoor"])
    >>> result.model.entity("northmoor_icb").kind
    'icb'

The stages are visible in the package: `loader` (files and includes) →
`syntax` (text to syntax tree) → `model` (resolve names into a Model) →
`check` (governance rules) → renderers and exports.
"""

from __future__ import annotations

__version__ = "0.1.0"

# The package `govdsl.check` (the rules) is imported first: importing a
# submodule for the first time sets it as an attribute of its parent, which
# would otherwise replace the function `govdsl.check` the first time a rule
# module is imported.
import govdsl.check  # noqa: E402,F401  (the package; replaced just below by the function)
from govdsl.api import CheckResult, Compilation, check, compile, load, load_text  # noqa: E402

__all__ = ["CheckResult", "Compilation", "check", "compile", "load", "load_text", "__version__"]
