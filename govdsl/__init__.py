"""govdsl: a language and compiler for the governance of NHS Integrated Care Systems.

The public API is small. `load` reads `.gov` files and folders into a
`Compilation`: the resolved `Model` that every check, renderer and export
reads, the diagnostics found on the way, and the sources they point into.

    >>> from govdsl import load
    >>> compilation = load(["examples/northmoor"])
    >>> compilation.model.entity("northmoor_icb").kind
    'icb'

The stages are visible in the package: `loader` (files and includes) →
`syntax` (text to syntax tree) → `model` (resolve names into a Model) →
`check` (governance rules) → renderers and exports.
"""

from __future__ import annotations

__version__ = "0.1.0"

from govdsl.api import Compilation, load, load_text

__all__ = ["Compilation", "load", "load_text", "__version__"]
