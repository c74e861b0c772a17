"""`govdsl assess PATH... --lens LENS`: the governance through a research lens.

    govdsl assess examples/riverbank --lens power
    govdsl assess examples/riverbank --lens power --focus rb_icp --format json
    govdsl assess examples/northmoor --lens power --format html -o power.html

A lens answers questions a rule list cannot (who really holds voting power,
who is at the table); see `govdsl.lenses`. The report goes to standard output
unless `-o FILE` is given (written atomically). Exit status: 0 when the
report was made, whatever it says; 1 when the model has errors; 2 for a usage
problem (an unknown focus, a lens that is not installed, unreadable files).
"""

from __future__ import annotations

import sys

from govdsl.cli.common import EXIT_OK


def add_parser(commands) -> None:
    from govdsl.cli.common import add_model_options
    from govdsl.lenses import DESCRIPTIONS, LENSES
    from govdsl.lenses.report import FORMATS

    parser = commands.add_parser(
        "assess",
        help="look at the governance through a research lens: " + ", ".join(LENSES),
        description="Assess a model through a research lens: "
        + "; ".join(f"{name}: {DESCRIPTIONS.get(name, '')}" for name in LENSES)
        + ".",
    )
    add_model_options(parser, public=False)
    parser.add_argument("--lens", choices=tuple(LENSES), required=True, help="the lens to look through")
    parser.add_argument("--focus", metavar="ID", help="only what concerns this forum, organisation, person or tier")
    parser.add_argument("--format", choices=FORMATS, default="text", help="text for people, json for tools, html for a page (default: text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="the file to write; `-` or none for standard output")
    parser.set_defaults(run=run)


def run(args, out, err) -> int:
    from govdsl.atomic import write_atomic
    from govdsl.cli.common import load_model, usage_error
    from govdsl.diagnostics import did_you_mean
    from govdsl.lenses import FocusError, LensUnavailable, get_lens
    from govdsl.lenses.report import print_text, render

    try:
        lens = get_lens(args.lens)
    except LensUnavailable as problem:
        return usage_error(err, str(problem))
    model, status, _ = load_model(args, err)
    if model is None:
        return status
    if args.focus is not None and args.focus not in model:
        suggestion = did_you_mean(args.focus, [e.id for e in model.entities])
        hint = f" Did you mean `{suggestion}`?" if suggestion else ""
        return usage_error(err, f"nothing called `{args.focus}` is declared.{hint}")
    try:
        report = lens.assess(model, focus=args.focus)
    except FocusError as problem:
        return usage_error(err, str(problem))
    if args.output and args.output != "-":
        write_atomic(args.output, render(report, args.format))
    elif args.format == "text":
        print_text(report, out)
    else:
        sys.stdout.write(render(report, args.format))
        sys.stdout.flush()
    return EXIT_OK
