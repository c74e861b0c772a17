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

from govdsl.cli.common import EXIT_OK


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


def run(args, out, err) -> int:
    from govdsl.cli.common import checked_or_report, usage_error
    from govdsl.model.public import public_model
    from govdsl.query import QueryError, ask, print_text, to_json

    result, status = checked_or_report(
        args, err, "The model has errors, so the question was not answered: fix them first."
    )
    if result is None:
        return status
    model = public_model(result.model) if args.public else result.model
    try:
        answer = ask(model, args.question, result.as_of)
    except QueryError as problem:
        return usage_error(err, str(problem))
    if args.format == "json":
        sys.stdout.write(to_json(answer, result.as_of))
    else:
        print_text(answer, out)
    return EXIT_OK
