"""`govdsl render PATH... --view VIEW --format FORMAT -o FILE`: diagrams of the model."""

from __future__ import annotations

import sys

from govdsl.cli.common import EXIT_OK, add_model_options, load_model, usage_error


def add_parser(commands) -> None:
    from govdsl.render import DESCRIPTIONS, FORMATS

    parser = commands.add_parser(
        "render",
        help="draw a diagram of the model",
        description="Draw one view of the model: " + "; ".join(f"{k}: {v}" for k, v in DESCRIPTIONS.items()) + ".",
    )
    add_model_options(parser)
    parser.add_argument("--view", choices=tuple(DESCRIPTIONS), default="structure", help="what to draw (default: structure)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the -o file's extension, such as .svg or .png; mermaid on the screen)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write it (default: standard output for dot and mermaid)")
    parser.add_argument("--focus", metavar="ID", help="draw only what is around this system, place, body or forum")
    parser.add_argument("--depth", type=int, metavar="N", help="with --focus: how many steps out to draw (default 2); alone: how many tiers deep")
    parser.set_defaults(run=run)


def run(args, out, err) -> int:
    from govdsl.atomic import write_atomic
    from govdsl.diagnostics import did_you_mean
    from govdsl.render import FocusError, LayoutError, render

    if args.format is None:
        suffix = args.output.rsplit(".", 1)[-1].lower() if args.output and "." in args.output else ""
        args.format = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "gv": "dot", "mmd": "mermaid", "md": "mermaid"}.get(
            suffix, "svg" if args.output and args.output != "-" else "mermaid"
        )
    if args.format in ("svg", "png", "pdf") and (not args.output or args.output == "-"):
        return usage_error(err, f"--format {args.format} needs -o FILE")
    if args.depth is not None and args.depth < 0:
        return usage_error(err, "--depth must be 0 or more")
    model, status, _ = load_model(args, err)
    if model is None:
        return status
    try:
        data = render(model, args.view, args.format, args.focus, args.depth)
    except FocusError:
        if model.entity(args.focus) is not None:
            hint = " It is in the model, but this view does not draw it: try another --view, or focus on something near it."
        else:
            suggestion = did_you_mean(args.focus, [e.id for e in model.entities])
            hint = f" Did you mean `{suggestion}`?" if suggestion else ""
        return usage_error(err, f"`{args.focus}` is not in the {args.view} view.{hint}")
    except LayoutError as error:
        return usage_error(err, str(error))
    if args.output and args.output != "-":
        write_atomic(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK
