"""`govdsl site PATH... -o DIR`: the governance handbook, as a static HTML site.

    govdsl site examples/northmoor -o handbook
    govdsl site examples/northmoor -o public-handbook --public --as-of 2026-04-01

The folder is built beside DIR and moved into place only when complete; a
folder holding an earlier handbook is replaced, and any other folder that is
not empty is refused. A model with language errors gives no handbook: the
errors are printed and the exit status is 1.
"""

from __future__ import annotations

from govdsl.cli.common import EXIT_OK


def add_parser(commands) -> None:
    from govdsl.cli.common import add_model_options

    parser = commands.add_parser(
        "site",
        help="build the governance handbook: a static HTML site that works offline",
        description="Build the governance handbook from .gov files: an index, a page for each organisation, "
        "board, committee and person with diagrams, members, quorum, delegations, interests and findings, "
        "the scheme of reservation and delegation and the register of interests. "
        "The site needs no network: open index.html, or publish the folder as it is.",
    )
    add_model_options(parser)
    parser.add_argument("-o", "--output", metavar="DIR", required=True, help="the folder to build the handbook in")
    parser.add_argument("--config", metavar="FILE", help="a govdsl.toml to use for the checks instead of the nearest one")
    parser.set_defaults(run=run)


def run(args, out, err) -> int:
    from govdsl.cli.common import load_model, usage_error
    from govdsl.render import LayoutError
    from govdsl.site import SiteError, build_site

    model, status, result = load_model(args, err, rules=True)
    if model is None:
        return status
    try:
        files = build_site(result.compilation, args.output, public=args.public, as_of=result.as_of, findings=result.diagnostics)
    except (SiteError, LayoutError) as error:
        return usage_error(err, str(error))
    pages = sum(1 for path in files if path.endswith(".html"))
    version = "publication version" if args.public else "working version, not for publication"
    err.print(f"Wrote the handbook to {args.output}: {pages} pages ({version}).", markup=False, highlight=False)
    return EXIT_OK
