"""The `govdsl` command line: a thin shell over the library.

Exit status: 0 no errors; 1 errors found (or, for `fmt --check`, files would
change); 2 usage, configuration or input/output problem; 3 internal error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback

from rich.console import Console

from govdsl import __version__
from govdsl.cli.common import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, _date, usage_error


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
    check.add_argument(
        "--format",
        choices=("text", "json", "sarif", "github"),
        default="text",
        help="how to report: text for people, json for tools, sarif for code scanning, github for workflow annotations",
    )
    check.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="check the arrangements in force on this date, such as 2026-04-01 (default: today)",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="the least serious finding that makes the exit status 1 (default: error)",
    )
    check.add_argument("--config", metavar="FILE", help="a govdsl.toml to use instead of the nearest one")
    check.add_argument("--no-rules", action="store_true", help="check the language only, not the governance rules")
    check.add_argument(
        "--allow-outside-root",
        action="store_true",
        help="allow includes that leave the folder of the files given",
    )
    check.set_defaults(run=run_check)

    rules = commands.add_parser("rules", help="list every governance rule")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(run=run_rules)

    explain = commands.add_parser("explain", help="explain a rule or diagnostic code, such as COI003")
    explain.add_argument("code", metavar="CODE")
    explain.set_defaults(run=run_explain)

    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_parser(commands)
    return parser


# Further commands live in their own modules, each with `add_parser(commands)`
# that adds a sub-parser and sets `run=function(args, out, err) -> exit status`.
COMMAND_MODULES: tuple[str, ...] = (
    "govdsl.cli.render_command",
    "govdsl.cli.fmt_command",
    "govdsl.cli.export_command",
    "govdsl.cli.diff_command",
    "govdsl.cli.lsp_command",
    "govdsl.cli.site_command",
    "govdsl.cli.assess_command",
    "govdsl.cli.whatif_command",
    "govdsl.cli.query_command",
    "govdsl.cli.test_command",
)


def run_check(args, out: Console, err: Console) -> int:
    from pathlib import Path

    from govdsl.api import check
    from govdsl.cli.output import print_text, to_json
    from govdsl.diagnostics import Severity

    if args.config and not Path(args.config).is_file():  # a usage error, not a finding for the report
        return usage_error(err, f"the configuration file {args.config} does not exist")
    result = check(
        args.paths,
        config_file=args.config,
        as_of=args.as_of,
        rules=not args.no_rules,
        allow_outside_root=args.allow_outside_root,
    )
    diagnostics, sources = result.diagnostics, result.sources
    if args.format == "json":
        sys.stdout.write(to_json(diagnostics, sources, sources.keys()))
    elif args.format in ("sarif", "github"):
        from govdsl.cli.ci_formats import to_github, to_sarif

        write = to_sarif if args.format == "sarif" else to_github
        sys.stdout.write(write(diagnostics, sources))
    else:
        print_text(out, diagnostics, sources, len(sources))
    if result.io_failed or result.config_problems:
        return EXIT_USAGE
    return EXIT_FINDINGS if result.failed(Severity.parse(args.fail_on)) else EXIT_OK


def run_rules(args, out: Console, err: Console) -> int:
    from govdsl.check.registry import all_rules
    from govdsl.cli.explain import rules_json, rules_table

    if args.format == "json":
        sys.stdout.write(rules_json(all_rules()))
    elif out.is_terminal:
        out.print(rules_table(all_rules()))
    else:  # piped or redirected: one plain line a rule, not a table wrapped to 80 columns
        for rule in all_rules():
            sys.stdout.write(f"{rule.code}  {rule.name:<48} {rule.severity.label:<8} {rule.summary}\n")
    return EXIT_OK


def run_explain(args, out: Console, err: Console) -> int:
    from govdsl.cli.explain import explain_code

    text = explain_code(args.code.upper())
    if text is None:
        return usage_error(err, f"{args.code} is not a rule or diagnostic code; run `govdsl rules` to list them")
    from rich.markdown import Markdown

    out.print(Markdown(text) if out.is_terminal else text, markup=False)
    return EXIT_OK


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    from govdsl.cli.output import terminal

    out = terminal()
    err = terminal(stderr=True)
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
