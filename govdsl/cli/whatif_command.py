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

from govdsl.cli.common import EXIT_FINDINGS, EXIT_OK


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
    from govdsl.cli.common import checked_or_report, usage_error
    from govdsl.whatif import UnknownTarget, print_text, removal_for, to_json, what_if

    if not args.remove and not args.vacant:
        return usage_error(err, "say what to take out: --remove ID or --vacant FORUM:PERSON")
    result, status = checked_or_report(args, err, "Nothing was tried: fix the errors above first.")
    if result is None:
        return status
    try:
        removal = removal_for(result.model, args.remove, args.vacant)
    except UnknownTarget as problem:
        return usage_error(err, str(problem))
    change = what_if(result.model, removal, result.config, result.as_of, findings=result.findings_for)
    if args.format == "json":
        sys.stdout.write(to_json(change))
    else:
        print_text(change, out)
    return EXIT_FINDINGS if change.breaks else EXIT_OK
