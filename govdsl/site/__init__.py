"""The governance handbook: a static HTML site built from the model (`govdsl site`).

    >>> from govdsl import load
    >>> from govdsl.site import build_site
    >>> build_site(load(["examples/northmoor"]), "handbook", public=True)

`render_site` gives every file of the site as bytes, keyed by its path in
the site; `build_site` writes them to a folder. The site works offline: one
stylesheet and one small script, both local, and no request to anywhere
else. Pages are built as data by `pages.py` and written by the Jinja
templates in `templates/`, with autoescaping on, so no name in a `.gov` file
can become markup. The same model always gives the same bytes.

The folder is written as a whole: the site is built in a temporary folder
beside it and moved into place only when complete. A folder that already
holds a handbook is replaced; any other folder that is not empty is left
alone and the build refused, so `-o .` cannot delete someone's files.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from govdsl.model.types import Model
from govdsl.site.pages import FINDINGS_PAGE, REGISTER_PAGE, SCHEME_PAGE, Page, SiteInfo, build_pages

MARKER = ".govdsl-handbook"
_MARKER_TEXT = (
    b"This folder is a governance handbook built by `govdsl site`.\n"
    b"Building the handbook again replaces the whole folder.\n"
)
STATIC = {"assets/handbook.css": "handbook.css", "assets/search.js": "search.js"}
NAV = (
    ("home", "index.html", "Home"),
    ("-organisations", "index.html#organisations", "Organisations"),
    ("-forums", "index.html#forums", "Boards and committees"),
    ("-people", "index.html#people", "People"),
    ("scheme", SCHEME_PAGE, "Scheme of delegation"),
    ("register", REGISTER_PAGE, "Register of interests"),
    ("findings", FINDINGS_PAGE, "Findings"),
)


class SiteError(Exception):
    """The handbook cannot be built or written; the message is for the user."""


@functools.cache
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("govdsl.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _static(name: str) -> bytes:
    return resources.files("govdsl.site").joinpath("static", name).read_bytes()


def render_page(info: SiteInfo, page: Page) -> str:
    template = _environment().get_template(page.template)
    return template.render(site=info, page=page, data=page.data, root=page.root, nav=NAV)


def render_site(source, *, public: bool = False, as_of: dt.date | None = None, config=None, findings=None) -> dict[str, bytes]:
    """Every file of the handbook, by its path in the site.

    `source` is a `Compilation` (the handbook then shows the findings of the
    governance checks: `findings`, the diagnostics of the pipeline's
    `govdsl.check`, or else the checks run here with `config`) or a bare
    `Model` (no findings).
    """
    as_of = as_of or dt.date.today()
    if isinstance(source, Model):
        model, compilation, findings = source, None, None
    else:
        compilation = source
        if compilation.errors:
            raise SiteError("the files have errors: fix them first (run `govdsl check`)")
        model = compilation.model
        if findings is None:
            from govdsl.check.engine import check_compilation

            findings = check_compilation(compilation, config, as_of)
    info, pages = build_pages(model, as_of, public, compilation, findings)
    files = {page.path: render_page(info, page).encode("utf-8") for page in pages}
    for path, name in STATIC.items():
        files[path] = _static(name)
    files[MARKER] = _MARKER_TEXT
    return dict(sorted(files.items()))


def build_site(
    source, out_dir, *, public: bool = False, as_of: dt.date | None = None, config=None, findings=None
) -> dict[str, bytes]:
    """Build the handbook into the folder `out_dir`, replacing it only when complete."""
    files = render_site(source, public=public, as_of=as_of, config=config, findings=findings)
    write_tree(out_dir, files)
    return files


def write_tree(out_dir, files: dict[str, bytes]) -> None:
    """Write `files` as the folder `out_dir`: built beside it, then moved into place."""
    target = Path(out_dir)
    if target.is_symlink():
        raise SiteError(f"{target} is a symbolic link; name a folder instead")
    if target.exists():
        if not target.is_dir():
            raise SiteError(f"{target} exists and is not a folder")
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise SiteError(
                f"{target} is not empty and does not hold a handbook built by govdsl; "
                "name a new or empty folder, so that nothing else is replaced"
            )
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as error:
        raise SiteError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(building, 0o777 & ~mask)
        for path, data in files.items():
            file = building / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
        if target.exists():
            old = building.with_name(building.name + ".old")
            os.rename(target, old)
            try:
                os.rename(building, target)
            except BaseException:
                os.rename(old, target)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(building, target)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise SiteError(f"cannot write {target}: {error.strerror or error}") from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


__all__ = ["MARKER", "SiteError", "build_site", "render_site", "write_tree"]
