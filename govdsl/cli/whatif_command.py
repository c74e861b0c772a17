"""`govdsl whatif PATH... --remove ID | --vacant FORUM:PERSON`: what breaks if someone or something goes.

    govdsl whatif examples/riverbank --remove calder_council
    govdsl whatif examples/northmoor --vacant nm_audit:lena_frost --format json

Exit status: 0 when nothing breaks; 1 when a forum can no longer make a
quorum, a decision loses its decision-maker, or the change introduces an
error finding (and when the model has errors); 2 for a usage problem, such
as a name that is not declared.
"""

from __future__ import annotations

import sys

EXIT_OK, EXIT_BREAKS, EXIT_USAGE = 0, 1, 2


def add_parser(commands) -> None:
    from govdsl.cli.common import add_model_options

    parser = commands.add_parser(
        "whatif",
        help="show what breaks if a person, organisation or forum is removed, or a seat falls vacant",
        description="Take people, organisations or forums out of the model, or leave seats vacant, and report "
        "what breaks: quorums, decisions, lines of accountability, chairs, voting power and findings.",
    )
    add_model_options(parser, public=False)
    parser.add_argument("--remove", action="append", default=[], metavar="ID", help="a person, organisation or forum to take out (may be repeated)")
    parser.add_argument("--vacant", action="append", default=[], metavar="FORUM:PERSON", help="a seat to leave vacant (may be repeated)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--config", metavar="FILE", help="a govdsl.toml to use instead of the nearest one")
    parser.set_defaults(run=run)


def run(args, out, err) -> int:
    import datetime as dt

    from govdsl import load
    from govdsl.cli.output import print_text as print_diagnostics
    from govdsl.whatif import UnknownTarget, print_text, removal_for, to_json, what_if

    if not args.remove and not args.vacant:
        err.print("govdsl: error: say what to take out: --remove ID or --vacant FORUM:PERSON", markup=False, highlight=False)
        return EXIT_USAGE
    from govdsl.cli.common import config_or_report

    config = config_or_report(args.paths, err, args.config)
    if config is None:
        return EXIT_USAGE
    compilation = load(args.paths, allow_outside_root=args.allow_outside_root, root=config.project_root)
    if compilation.errors or compilation.io_failed:
        print_diagnostics(err, compilation.diagnostics, compilation.sources, len(compilation.sources))
        err.print("Nothing was tried: fix the errors above first.", highlight=False)
        return EXIT_USAGE if compilation.io_failed else EXIT_BREAKS
    try:
        removal = removal_for(compilation.model, args.remove, args.vacant)
    except UnknownTarget as problem:
        err.print(f"govdsl: error: {problem}", markup=False, highlight=False)
        return EXIT_USAGE
    result = what_if(compilation.model, removal, config, args.as_of or dt.date.today())
    if args.format == "json":
        sys.stdout.write(to_json(result))
    else:
        print_text(result, out)
    return EXIT_BREAKS if result.breaks else EXIT_OK
