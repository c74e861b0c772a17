"""Laying out DOT: the system Graphviz `dot` where present, else `graphviz-pure`.

`graphviz-pure` is a pip-installable port of Graphviz, so a plain
`pip install govdsl` renders SVG and PNG on a machine without Graphviz. It
does not write PDF; for PDF a system Graphviz is needed, and govdsl says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

LAYOUT_TIMEOUT_SECONDS = 120


class LayoutError(Exception):
    """Layout could not be done; the message is for the user."""


def engines() -> list[tuple[str, str]]:
    """Available layout programs as (name, path), preferred first."""
    found = []
    if os.environ.get("GOVDSL_LAYOUT") != "pure":
        system = shutil.which("dot")
        if system:
            found.append(("graphviz", system))
    pure = shutil.which("graphviz-pure") or _beside_python("graphviz-pure")
    if pure:
        found.append(("graphviz-pure", pure))
    return found


def _beside_python(name: str) -> str | None:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else None


def layout(dot_source: str, fmt: str) -> bytes:
    """Run the layout engine on DOT text, returning SVG, PNG or PDF bytes."""
    available = engines()
    if fmt == "pdf":
        available = [e for e in available if e[0] == "graphviz"]
        if not available:
            raise LayoutError(
                "PDF needs the Graphviz `dot` program, which is not installed on this machine. "
                "Install Graphviz (for example `apt-get install graphviz`), or render SVG or PNG instead."
            )
    if not available:
        raise LayoutError("no layout engine found: reinstall govdsl (it brings graphviz-pure) or install Graphviz")
    name, program = available[0]
    try:
        result = subprocess.run(
            [program, f"-T{fmt}"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=LAYOUT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LayoutError(
            f"the layout took longer than {LAYOUT_TIMEOUT_SECONDS} seconds; "
            "use --focus and --depth to draw a smaller part of the model"
        ) from None
    except OSError as error:
        raise LayoutError(f"could not run {name}: {error}") from None
    if result.returncode != 0 or not result.stdout:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LayoutError(f"{name} could not lay out the diagram: {message[-1] if message else 'no output'}")
    return result.stdout
