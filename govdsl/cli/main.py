"""The `govdsl` command line: a thin shell over the library.

Exit status: 0 no errors; 1 errors found (or, for `fmt --check`, files would
change); 2 usage, configuration or input/output problem; 3 internal error.
"""

from __future__ import annotations

import argparse
import sys
import traceback

from rich.console import Console

from govdsl import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with a short message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"govdsl: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govdsl",
        description="Check and render the governance of NHS Integrated Care Systems, written in .gov files.",
    )
    parser.add_argument("--version", action="version", version=f"govdsl {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="check .gov files and report problems")
    check.add_argument("paths", nargs="*", metavar="PATH", help=".gov files, or folders to search for them")
    check.add_argument("--format", choices=("text", "json"), default="text", help="how to report (default: text)")
    check.add_argument(
        "--allow-outside-root",
        action="store_true",
        help="allow includes that leave the folder of the files given",
    )
    check.set_defaults(run=run_check)
    return parser


def run_check(args, out: Console, err: Console) -> int:
    from govdsl import load
    from govdsl.cli.output import print_text, to_json

    compilation = load(args.paths, allow_outside_root=args.allow_outside_root)
    diagnostics = compilation.diagnostics
    if args.format == "json":
        sys.stdout.write(to_json(diagnostics, compilation.sources, compilation.sources.keys()))
    else:
        print_text(out, diagnostics, compilation.sources, len(compilation.sources))
    if compilation.io_failed:
        return EXIT_USAGE
    return EXIT_FINDINGS if compilation.errors else EXIT_OK


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        return args.run(args, out, err)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # a bug in govdsl, not in the user's files
        err.print("[bold red]govdsl: internal error[/] — this is a bug in govdsl, not in your files.", highlight=False)
        err.print("Please report it with the text below.", highlight=False)
        err.print(traceback.format_exc(limit=8), markup=False, highlight=False)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
