"""`govdsl lsp`: start the language server on standard input and output."""

from __future__ import annotations


def add_parser(commands) -> None:
    parser = commands.add_parser("lsp", help="start the language server (for editors), speaking LSP over stdio")
    parser.set_defaults(run=run)


def run(args, out, err) -> int:
    from govdsl.cli.common import EXIT_OK, usage_error

    try:
        from govdsl.lsp.server import main
    except ImportError as error:  # pragma: no cover - pygls is a dependency
        return usage_error(err, f"the language server needs pygls ({error})")
    main()
    return EXIT_OK
