"""What the output commands (render, export, site) share: loading a model to show."""

from __future__ import annotations

import datetime as dt

from rich.console import Console

from govdsl.analysis.dates import as_of as model_as_of
from govdsl.model.public import public_model


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


def project_config(paths, explicit: str | None = None):
    """The configuration for a run, and any problems reading it (CFG001 diagnostics).

    `explicit` is a file named with `--config`; otherwise the nearest govdsl.toml
    (or pyproject.toml with [tool.govdsl]) at or above the first path is read, as
    `check` reads it. Every command finds its configuration here.
    """
    from pathlib import Path

    from govdsl.check.registry import rule_categories
    from govdsl.config import Config, find_config, load_config
    from govdsl.diagnostics import Diagnostic, Severity

    if explicit:
        path = Path(explicit)
        if not path.is_file():
            missing = Diagnostic(
                "CFG001",
                Severity.ERROR,
                f"the configuration file `{explicit}` does not exist",
                None,
                "Check the path given to --config.",
            )
            return Config(), (missing,)
        return load_config(path, rule_categories())
    start = Path(paths[0]) if paths else Path.cwd()
    return load_config(find_config(start.resolve() if start.exists() else Path.cwd()), rule_categories())


def config_or_report(paths, err: Console, explicit: str | None = None):
    """The configuration, or None after printing what is wrong with it (exit status 2)."""
    from govdsl.cli.output import print_text

    config, problems = project_config(paths, explicit)
    if problems:
        print_text(err, problems, {}, 0)
        return None
    return config


def load_model(args, err: Console):
    """The model to show, or (None, exit status) after printing why there is none.

    A model whose files have language errors is not shown: a diagram of a
    half-understood model would mislead. The errors are printed instead.
    """
    from govdsl import load
    from govdsl.cli.output import print_text

    config = config_or_report(args.paths, err)
    if config is None:
        return None, 2, None
    compilation = load(
        args.paths, allow_outside_root=getattr(args, "allow_outside_root", False), root=config.project_root
    )
    if compilation.errors or compilation.io_failed:
        print_text(err, compilation.diagnostics, compilation.sources, len(compilation.sources))
        err.print("Nothing was written: fix the errors above first.", highlight=False)
        return None, (2 if compilation.io_failed else 1), compilation
    model = model_as_of(compilation.model, args.as_of or dt.date.today())
    if getattr(args, "public", False):
        model = public_model(model)
    return model, 0, compilation
