"""`govdsl test PATH...`: run the assertion files (`*.govtest`) kept beside a model.

    govdsl test examples/northmoor
    govdsl test examples                       # every .govtest file under examples/
    govdsl test examples/riverbank/riverbank.govtest --format json

Each `.govtest` file is tested against the model in its own folder (all the
`.gov` files under it, read with the folder's govdsl.toml), or against the
files its `model:` header names. See `govdsl.assertions` and
docs/testing-governance.md for the format.

The output ends with one line, `N passed, N failed`. Exit status: 0 when
every assertion passes; 1 when one fails (or a model has errors, so its
assertions cannot run); 2 for a malformed line, a file that cannot be read,
no `.govtest` files found, or another usage problem.
"""

from __future__ import annotations

import sys

from govdsl.cli.common import EXIT_FINDINGS as EXIT_FAILED
from govdsl.cli.common import EXIT_OK, EXIT_USAGE


def add_parser(commands) -> None:
    from govdsl.cli.common import _date

    parser = commands.add_parser(
        "test",
        help="run the assertions in .govtest files kept beside the model, like unit tests",
        description="Run the assertions in .govtest files against the model in each file's folder, "
        "and report each one as passed or failed.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".govtest files, or folders to search for them")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text for people, json for tools")
    parser.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="test the arrangements in force on this date (default: each file's `as-of:` header, else today)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="say what was found for passing assertions too")
    parser.add_argument("--allow-outside-root", action="store_true", help="allow includes that leave the folder of the model")
    parser.set_defaults(run=run)


def _print_problems(problems, err) -> None:
    from rich.text import Text

    for problem in problems:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        err.print(Text(f"{where}: ", style="bold") + Text("error", style="bold red") + Text(f": {problem.message}"))
        if problem.hint:
            for i, line in enumerate(problem.hint.splitlines()):
                err.print(Text(("  = hint: " if i == 0 else "    ") + line))


def run(args, out, err) -> int:
    import datetime as dt

    from govdsl.assertions import FileReport, Subject, find_files, parse_file, print_text, to_json, totals
    from govdsl.assertions import run as run_assertions
    from govdsl.api import check

    files, problems = find_files(args.paths)
    parsed = [parse_file(path) for path in files]
    for test_file in parsed:
        problems.extend(test_file.problems)
    compiled: dict = {}  # model paths -> (compilation, config, why it cannot run)
    reports = []
    io_failed = False
    for test_file in parsed:
        model_paths = test_file.model_paths()
        as_of = args.as_of or test_file.as_of or dt.date.today()
        cache_key = tuple(model_paths)
        if cache_key not in compiled:
            result = check(model_paths, rules=False, allow_outside_root=args.allow_outside_root)
            compilation, config, config_problems = result.compilation, result.config, result.config_problems
            why = None
            if config_problems:
                why = f"its configuration has errors: {config_problems[0].message}"
                io_failed = True
            elif compilation.io_failed:
                why = "its files could not be read: " + "; ".join(d.message for d in compilation.errors[:3])
                io_failed = True
            elif compilation.errors:
                first = compilation.errors[0]
                why = (
                    f"the model has {len(compilation.errors)} error{'s' if len(compilation.errors) != 1 else ''} "
                    f"(run `govdsl check {' '.join(model_paths)}`); the first: {first.code} {first.message}"
                )
            compiled[cache_key] = (compilation, config, why)
        compilation, config, why = compiled[cache_key]
        shown = tuple(model_paths)
        if why:
            reports.append(FileReport(test_file.path, shown, as_of, (), why, len(test_file.assertions)))
            continue
        results = run_assertions(test_file, Subject(compilation, config, as_of))
        reports.append(FileReport(test_file.path, shown, as_of, tuple(results), None, len(test_file.assertions)))
    if args.format == "json":
        sys.stdout.write(to_json(reports, problems))
    else:
        _print_problems(problems, err)
        print_text(reports, out, verbose=args.verbose)
    if problems or io_failed or not parsed:
        return EXIT_USAGE
    _, failed = totals(reports)
    return EXIT_FAILED if failed else EXIT_OK
