"""What every command shares: exit statuses, the options that name a model, and the
one way a command gets its model (the pipeline, `govdsl.check`) or says why it has none.

Exit status: 0 fine; 1 findings (errors in the model, a failed assertion, files
that would be reformatted); 2 usage, configuration or input/output problem;
3 internal error (a bug in govdsl).
"""

from __future__ import annotations

import datetime as dt

from rich.console import Console

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def add_model_options(parser, *, public=True) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".gov files, or folders to search for them")
    parser.add_argument("--as-of", type=_date, metavar="DATE", help="show the arrangements in force on this date (default: today)")
    if public:
        parser.add_argument(
            "--public",
            action="store_true",
            help="the publication version: leave out indirect and private interests and private contact details",
        )
    parser.add_argument("--allow-outside-root", action="store_true", help="allow includes that leave the folder of the files given")


def _date(text: str):
    import argparse

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2026-04-01") from None


def usage_error(err: Console, message: str) -> int:
    """Say what is wrong with how the command was used; the exit status for it."""
    err.print(f"govdsl: error: {message}", markup=False, highlight=False)
    return EXIT_USAGE


def project_config(paths, explicit: str | None = None):
    """The configuration for a run and its problems: see `govdsl.api.project_config`."""
    from govdsl.api import project_config as read

    return read(paths, explicit)


def config_or_report(paths, err: Console, explicit: str | None = None):
    """The configuration, or None after printing what is wrong with it (exit status 2)."""
    from govdsl.cli.output import print_text

    config, problems = project_config(paths, explicit)
    if problems:
        print_text(err, problems, {}, 0)
        return None
    return config


def checked_or_report(args, err: Console, refusal: str, *, paths=None, rules: bool = False):
    """The pipeline's result for the model a command works on, or (None, exit status) after saying why.

    The model's files and settings come from `args` (`paths`, `--config`,
    `--as-of`, `--allow-outside-root`). A configuration with problems is
    refused with exit status 2; so are files that cannot be read. A model whose
    files have language errors is refused with exit status 1: a diagram, a
    document or an answer from a half-understood model would mislead. The
    problems are printed, then `refusal` (what was not done).
    """
    from govdsl.api import check
    from govdsl.cli.output import print_text

    paths = list(args.paths if paths is None else paths)
    result = check(
        paths,
        config_file=getattr(args, "config", None),
        as_of=getattr(args, "as_of", None),
        rules=rules,
        allow_outside_root=getattr(args, "allow_outside_root", False),
    )
    if result.config_problems:
        print_text(err, result.config_problems, {}, 0)
        return None, EXIT_USAGE
    compilation = result.compilation
    if compilation.errors or compilation.io_failed:
        print_text(err, compilation.diagnostics, compilation.sources, len(compilation.sources))
        err.print(refusal, highlight=False, markup=False)
        return None, (EXIT_USAGE if compilation.io_failed else EXIT_FINDINGS)
    return result, EXIT_OK


def load_model(args, err: Console, refusal: str = "Nothing was written: fix the errors above first.", *, rules=False):
    """The model to show (as of `--as-of`, the publication version with `--public`), its exit
    status and the pipeline's result; or (None, exit status, None) after printing why there is none."""
    from govdsl.analysis.dates import as_of as model_as_of
    from govdsl.model.public import public_model

    result, status = checked_or_report(args, err, refusal, rules=rules)
    if result is None:
        return None, status, None
    model = model_as_of(result.model, result.as_of)
    if getattr(args, "public", False):
        model = public_model(model)
    return model, EXIT_OK, result
