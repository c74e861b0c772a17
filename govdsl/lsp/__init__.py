"""The language server (`govdsl lsp`): the library's results, spoken in LSP.

`analysis.py` answers editor questions from a compiled project (pure, tested
without a client); `convert.py` turns offsets into LSP positions; `server.py`
is the thin pygls layer.
"""
