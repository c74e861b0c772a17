"""`govdsl diff OLD NEW` or `govdsl diff --git REV1..REV2 PATH`: what a change does to the governance."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "diff",
        help="show what a change does to the governance (not to the text)",
        description="Compare two versions of a model: two paths, or --git REV1..REV2 PATH.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="OLD NEW, or with --git the path to compare")
    parser.add_argument("--git", metavar="REV1..REV2", help="compare a path at two git revisions (REV2 may be empty: the working tree)")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument("--as-of", metavar="DATE", help="judge findings as of this date (default: today)")
    parser.set_defaults(run=run)


class _Failure(Exception):
    pass


def _export_revision(revision: str, repo: Path, into: Path) -> None:
    """The whole tree at a revision, so includes outside the compared path still resolve."""
    try:
        archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", revision], capture_output=True, check=False)
    except OSError as error:
        raise _Failure(f"could not run git: {error}") from None
    if archive.returncode != 0:
        raise _Failure(f"git does not know the revision `{revision}`: {archive.stderr.decode('utf-8', 'replace').strip()}")
    import io

    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")


def _load(paths, as_of, config):
    from govdsl.api import check

    result = check(paths, config=config, as_of=as_of, allow_outside_root=True)
    return result.compilation, result.diagnostics


def run(args, out, err) -> int:
    import datetime as dt

    from govdsl.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, config_or_report, usage_error
    from govdsl.cli.output import print_text as print_diagnostics
    from govdsl.diff import diff_models
    from govdsl.diff.report import print_text, to_json, to_markdown

    try:
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else dt.date.today()
    except ValueError:
        return usage_error(err, f"{args.as_of!r} is not a date such as 2026-04-01")
    with tempfile.TemporaryDirectory(prefix="govdsl-diff-") as scratch:
        try:
            if args.git:
                if len(args.paths) != 1 or ".." not in args.git:
                    raise _Failure("with --git, give REV1..REV2 and one PATH")
                first, second = args.git.split("..", 1)
                path = Path(args.paths[0])
                top = subprocess.run(["git", "-C", str(path if path.is_dir() else path.parent or "."), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
                if top.returncode != 0:
                    raise _Failure(f"`{path}` is not inside a git repository")
                repo = Path(top.stdout.strip())
                relative = path.resolve().relative_to(repo)
                old_root = Path(scratch) / "old"
                _export_revision(first, repo, old_root)
                old_paths = [old_root / relative]
                if second:
                    new_root = Path(scratch) / "new"
                    _export_revision(second, repo, new_root)
                    new_paths = [new_root / relative]
                else:
                    new_paths = [path]
            else:
                if len(args.paths) != 2:
                    raise _Failure("give two paths to compare: OLD NEW")
                old_paths, new_paths = [args.paths[0]], [args.paths[1]]
        except _Failure as failure:
            return usage_error(err, str(failure))
        config = config_or_report([new_paths[0]], err)
        if config is None:
            return EXIT_USAGE
        old, old_findings = _load(old_paths, as_of, config)
        new, new_findings = _load(new_paths, as_of, config)
    for name, compilation in (("old", old), ("new", new)):
        if compilation.errors:
            print_diagnostics(err, compilation.diagnostics, compilation.sources, len(compilation.sources))
            err.print(f"govdsl: the {name} version has errors, so it cannot be compared.", highlight=False, markup=False)
            return EXIT_USAGE if compilation.io_failed else EXIT_FINDINGS
    diff = diff_models(old.model, new.model, old_findings, new_findings)
    if args.format == "json":
        sys.stdout.write(to_json(diff))
    elif args.format == "markdown":
        sys.stdout.write(to_markdown(diff))
    else:
        print_text(out, diff)
    return EXIT_FINDINGS if diff.introduces_error else EXIT_OK
