"""`govdsl export KIND PATH...`: the documents a secretariat keeps, from the model.

    govdsl export sord examples/northmoor --format xlsx -o sord.xlsx
    govdsl export interests examples/northmoor --public --as-of 2026-04-01 > register.md

Markdown and CSV go to standard output unless `-o FILE` is given; a
spreadsheet needs `-o`. Files are written atomically, so a failed run never
leaves half a file. A model with language errors is not exported: the errors
are printed and the exit status is 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

_KIND_HELP = {
    "sord": "the scheme of reservation and delegation",
    "interests": "the register of interests",
    "membership": "the membership matrix, with each forum's quorum and decision rule",
    "tor": "terms-of-reference summaries, one per forum",
}
_SUFFIXES = {".md": "md", ".markdown": "md", ".csv": "csv", ".xlsx": "xlsx"}

from govdsl.cli.common import EXIT_OK


def add_parser(commands) -> None:
    from govdsl.cli.common import add_model_options
    from govdsl.export import FORMATS, KINDS

    parser = commands.add_parser(
        "export",
        help="write a scheme of delegation, register of interests, membership matrix or terms of reference",
        description="Write a governance document from .gov files: "
        + "; ".join(f"{kind}: {_KIND_HELP[kind]}" for kind in KINDS)
        + ".",
    )
    parser.add_argument("kind", choices=KINDS, metavar="KIND", help="sord, interests, membership or tor")
    add_model_options(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="md (Markdown), csv or xlsx (default: from the output file's name, otherwise md)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="the file to write; `-` or none for standard output")
    parser.set_defaults(run=run_export)


def _format(args) -> str:
    if args.format:
        return args.format
    if args.output and args.output != "-":
        return _SUFFIXES.get(Path(args.output).suffix.lower(), "md")
    return "md"


def run_export(args, out: Console, err: Console) -> int:
    from govdsl.atomic import write_atomic
    from govdsl.cli.common import checked_or_report, usage_error
    from govdsl.export import build, write

    fmt = _format(args)
    to_stdout = not args.output or args.output == "-"
    if fmt == "xlsx" and to_stdout:
        return usage_error(err, "a spreadsheet cannot go to standard output; name a file with -o, such as -o sord.xlsx")
    result, status = checked_or_report(args, err, "Nothing was exported: fix the errors above first.")
    if result is None:
        return status
    document = build(result.model, args.kind, result.as_of, args.public)
    data = write(document, fmt)
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        write_atomic(args.output, data)
    except OSError as error:
        reason = error.strerror or str(error)
        return usage_error(err, f"cannot write {args.output}: {reason}")
    err.print(f"Wrote {args.output} ({document.title}).", markup=False, highlight=False)
    return EXIT_OK
