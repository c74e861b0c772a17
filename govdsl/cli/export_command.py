"""`govdsl export KIND PATH...`: the documents a secretariat keeps, from the model.

    govdsl export sord examples/northmoor --format xlsx -o sord.xlsx
    govdsl export interests examples/northmoor --public --as-of 2026-04-01 > register.md

Markdown and CSV go to standard output unless `-o FILE` is given; a
spreadsheet needs `-o`. Files are written atomically, so a failed run never
leaves half a file. A model with language errors is not exported: the errors
are printed and the exit status is 1.
"""

from __future__ import annotations

import datetime as dt
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

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


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
    from govdsl import load
    from govdsl.atomic import write_atomic
    from govdsl.cli.output import print_text
    from govdsl.export import build, write

    fmt = _format(args)
    to_stdout = not args.output or args.output == "-"
    if fmt == "xlsx" and to_stdout:
        err.print("govdsl: error: a spreadsheet cannot go to standard output; name a file with -o, such as -o sord.xlsx", markup=False)
        return EXIT_USAGE
    from govdsl.cli.common import project_config

    config, problems = project_config(args.paths)
    if problems:
        print_text(err, problems, {}, 0)
        return EXIT_USAGE
    compilation = load(args.paths, allow_outside_root=args.allow_outside_root, root=config.project_root)
    if compilation.errors or compilation.io_failed:
        print_text(err, compilation.diagnostics, compilation.sources, len(compilation.sources))
        err.print("Nothing was exported: fix the errors above first.", highlight=False)
        return EXIT_USAGE if compilation.io_failed else EXIT_FINDINGS
    document = build(compilation.model, args.kind, args.as_of or dt.date.today(), args.public)
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
        err.print(f"govdsl: error: cannot write {args.output}: {reason}", markup=False, highlight=False)
        return EXIT_USAGE
    err.print(f"Wrote {args.output} ({document.title}).", markup=False, highlight=False)
    return EXIT_OK
