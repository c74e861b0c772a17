"""End to end with a real LSP client (pytest-lsp): open, edit, diagnostics, hover,
definition, references, rename, completion, symbols, formatting, code actions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

MODEL = Path(__file__).resolve().parents[1] / "render"
WORKSPACE = Path(__file__).resolve().parent / "workspace"


def _prepare_workspace():
    WORKSPACE.mkdir(exist_ok=True)
    for name in ("model.gov", "national.gov"):
        (WORKSPACE / name).write_text((MODEL / name).read_text(encoding="utf-8"), encoding="utf-8")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "govdsl", "lsp"]))
async def client(lsp_client: LanguageClient):
    _prepare_workspace()
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=WORKSPACE.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=WORKSPACE.as_uri(), name="workspace")],
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


URI = (WORKSPACE / "model.gov").as_uri()


def text():
    return (MODEL / "model.gov").read_text(encoding="utf-8")


def position_of(needle: str, after: int = 0) -> types.Position:
    body = text()
    index = body.index(needle) + after
    line = body.count("\n", 0, index)
    column = index - (body.rfind("\n", 0, index) + 1)
    return types.Position(line, column)


async def open_model(client):
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=URI, language_id="gov", version=1, text=text())))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


@pytest.mark.asyncio
async def test_diagnostics_follow_edits(client: LanguageClient):
    await open_model(client)
    assert not [d for d in client.diagnostics.get(URI, []) if d.code.startswith(("SYN", "REF", "DCL", "VAL"))]
    broken = text().replace("seat: ada as chair\n  seat: bill as voting_member", "seat: adda as chair\n  seat: bill as voting_member")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            [types.TextDocumentContentChangeWholeDocument(text=broken)],
        )
    )
    for _ in range(5):
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if any(d.code == "REF001" for d in client.diagnostics.get(URI, [])):
            break
    problem = next(d for d in client.diagnostics[URI] if d.code == "REF001")
    assert "Did you mean `ada`?" in problem.message
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=problem.range,
            context=types.CodeActionContext(diagnostics=[problem]),
        )
    )
    assert any(a.title == "Change to `ada`" for a in actions)


async def change(client, version: int, body: str, until) -> list[types.Diagnostic]:
    """Send the whole new text and wait for diagnostics that satisfy `until`."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=URI, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=body)],
        )
    )
    for _ in range(5):
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if until(client.diagnostics.get(URI, [])):
            break
    return client.diagnostics.get(URI, [])


@pytest.mark.asyncio
async def test_diagnostics_move_with_lines_typed_above_them(client: LanguageClient):
    """An edit in an early declaration moves the later ones along (re-parsed in part):
    their findings must move with them, to the exact line and column."""
    await open_model(client)
    broken = text().replace("seat: ada as chair\n  seat: bill as voting_member", "seat: adda as chair\n  seat: bill as voting_member")
    found = await change(client, 2, broken, lambda ds: any(d.code == "REF001" for d in ds))
    before = next(d for d in found if d.code == "REF001").range
    typed = broken.replace("  population: 1.1m\n", "  population: 1.1m\n  # a line typed here\n", 1)
    found = await change(client, 3, typed, lambda ds: any(d.code == "REF001" and d.range != before for d in ds))
    after = next(d for d in found if d.code == "REF001").range
    assert (after.start.line, after.start.character) == (before.start.line + 1, before.start.character)
    assert (after.end.line, after.end.character) == (before.end.line + 1, before.end.character)
    lines = typed.splitlines()
    assert lines[after.start.line][after.start.character : after.end.character] == "adda"


@pytest.mark.asyncio
async def test_navigation(client: LanguageClient):
    await open_model(client)
    where = position_of("bill as voting_member")
    hover = await client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=where))
    assert "Bill Trust" in hover.contents.value
    definition = await client.text_document_definition_async(types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=URI), position=where))
    assert definition.range.start == position_of('bill "Bill Trust"')
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=where,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert len(refs) >= 4
    edit = await client.text_document_rename_async(types.RenameParams(text_document=types.TextDocumentIdentifier(uri=URI), position=where, new_name="william"))
    assert len(edit.changes[URI]) == len(refs)
    national = (WORKSPACE / "national.gov").as_uri()
    region = position_of("arbiter: nhse_east", len("arbiter: "))
    edit = await client.text_document_rename_async(types.RenameParams(text_document=types.TextDocumentIdentifier(uri=URI), position=region, new_name="nhse_eoe"))
    assert set(edit.changes) == {URI, national}, "rename reaches the included file"


@pytest.mark.asyncio
async def test_completion_symbols_and_formatting(client: LanguageClient):
    await open_model(client)
    completion = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=URI), position=position_of("seat: ada", len("seat: "))
        )
    )
    assert {"ada", "bill"} <= {item.label for item in completion.items}
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    assert "north_committee" in {s.name for s in symbols}
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="fen"))
    assert "fen_hospitals" in {s.name for s in found}
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert edits == [] or edits[0].new_text.endswith("}\n")
