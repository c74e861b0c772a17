"""`govdsl fmt PATH... [--check] [--diff]`: rewrite files in the canonical layout."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from govdsl.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE


def add_parser(commands) -> None:
    parser = commands.add_parser("fmt", help="rewrite .gov files in the one canonical layout")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".gov files, or folders to search for them")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 and list the files that would change")
    parser.add_argument("--diff", action="store_true", help="change nothing; show what would change")
    parser.set_defaults(run=run)


def _files(paths, loader):
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.rglob("*.gov"))
            if not found:
                loader.report("SRC005", f"`{path}` has no .gov files in it")
            yield from found
        elif path.exists():
            yield path
        else:
            loader.report("SRC001", f"`{path}` does not exist")


def run(args, out, err) -> int:
    from govdsl.atomic import write_atomic
    from govdsl.cli.output import print_text
    from govdsl.fmt import FormatError, format_source
    from govdsl.loader import Loader, display_path

    loader = Loader(root=None, allow_outside_root=True)
    changed, unchanged, failed = [], 0, False
    for path in _files(args.paths, loader):
        source = loader.read(path)
        if source is None:
            continue
        try:
            formatted = format_source(source.text, source.path)
        except FormatError as error:
            failed = True
            if len(error.args) > 1:
                print_text(err, error.args[1], {source.path: source}, 1)
            else:
                err.print(f"govdsl: {error.args[0]}", highlight=False, markup=False)
            continue
        original = path.read_bytes().decode("utf-8-sig")
        if formatted == original:
            unchanged += 1
            continue
        changed.append(display_path(path))
        if args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    original.splitlines(keepends=True),
                    formatted.splitlines(keepends=True),
                    fromfile=f"{source.path} (original)",
                    tofile=f"{source.path} (formatted)",
                )
            )
        elif args.check:
            out.print(f"would reformat {source.path}", highlight=False, markup=False)
        else:
            write_atomic(path, formatted)
            out.print(f"reformatted {source.path}", highlight=False, markup=False)
    if loader.diagnostics:
        print_text(err, loader.diagnostics, {}, 0)
        return EXIT_USAGE
    verb = "would be reformatted" if (args.check or args.diff) else "reformatted"
    summary = f"{len(changed)} file{'s' if len(changed) != 1 else ''} {verb}, {unchanged} left unchanged"
    err.print(summary + ("; some files could not be formatted." if failed else "."), highlight=False, markup=False)
    if failed:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if changed and (args.check or args.diff) else EXIT_OK
