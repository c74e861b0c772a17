"""`govdsl query PATH... "QUESTION"`: ask the model a question in plain English.

    govdsl query examples/northmoor "who decides community services for North Northmoor"
    govdsl query examples/northmoor "what can nm_north_committee decide" --format json
    govdsl query examples/riverbank "who is rb_denholm_partnership accountable to"

The answer comes from the model, with its evidence: the chain of delegations
with each link's limit and legal basis, the seats and their capacities, the
line of accountability. See `govdsl.query` and docs/query.md for the
questions understood.

Exit status: 0 when the question was answered; 1 when the model has errors
(they are shown instead); 2 for a question that is not understood, a name
that is not declared, or files that cannot be read.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_MODEL_ERRORS, EXIT_USAGE = 0, 1, 2


def add_parser(commands) -> None:
    from govdsl.cli.common import _date
    from govdsl.query import QUESTIONS

    examples = "\n".join(f"  {form}\n      e.g. {example}" for form, example in QUESTIONS)
    parser = commands.add_parser(
        "query",
        help="ask the model a question, such as who decides a function for a place",
        description="Answer a question about the governance from the model, with the evidence.",
        epilog="Questions understood:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".gov files, or folders to search for them")
    parser.add_argument("question", metavar="QUESTION", help="the question, in quotes")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text for people, json for tools")
    parser.add_argument("--as-of", type=_date, metavar="DATE", help="the arrangements in force on this date (default: today)")
    parser.add_argument(
        "--public",
        action="store_true",
        help="the publication version: leave out indirect and private interests",
    )
    parser.add_argument("--config", metavar="FILE", help="a govdsl.toml to use instead of the nearest one")
    parser.add_argument("--allow-outside-root", action="store_true", help="allow includes that leave the folder of the files given")
    parser.set_defaults(run=run)


def load_with_config(paths, *, config_file=None, allow_outside_root=False, err=None):
    """The compilation of `paths` with the nearest govdsl.toml (its project root), or None after saying why.

    Returns (compilation or None, config or None, exit status).
    """
    from govdsl import load
    from govdsl.cli.common import config_or_report
    from govdsl.cli.output import print_text

    config = config_or_report(paths, err, config_file)
    if config is None:
        return None, None, EXIT_USAGE
    compilation = load(paths, allow_outside_root=allow_outside_root, root=config.project_root)
    if compilation.errors or compilation.io_failed:
        print_text(err, compilation.diagnostics, compilation.sources, len(compilation.sources))
        err.print("The model has errors, so the question was not answered: fix them first.", highlight=False)
        return None, config, (EXIT_USAGE if compilation.io_failed else EXIT_MODEL_ERRORS)
    return compilation, config, EXIT_OK


def run(args, out, err) -> int:
    import datetime as dt

    from govdsl.model.public import public_model
    from govdsl.query import QueryError, ask, print_text, to_json

    compilation, _, status = load_with_config(
        args.paths, config_file=args.config, allow_outside_root=args.allow_outside_root, err=err
    )
    if compilation is None:
        return status
    model = public_model(compilation.model) if args.public else compilation.model
    as_of = args.as_of or dt.date.today()
    try:
        answer = ask(model, args.question, as_of)
    except QueryError as problem:
        err.print(f"govdsl: error: {problem}", markup=False, highlight=False)
        return EXIT_USAGE
    if args.format == "json":
        sys.stdout.write(to_json(answer, as_of))
    else:
        print_text(answer, out)
    return EXIT_OK
