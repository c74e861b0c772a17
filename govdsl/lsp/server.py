"""`govdsl lsp`: the language server, over standard input and output.

A thin pygls layer: each handler finds the project of the document, asks
`analysis.Project` and converts the answer with `convert`. Diagnostics are
published after a short pause in typing (debounced), for every file of the
project, so a change in one file updates the findings it causes in others.
"""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from govdsl import __version__
from govdsl.diagnostics import Severity
from govdsl.lsp.analysis import Project, project_root
from govdsl.lsp.convert import to_offset, to_position
from govdsl.model import schema
from govdsl.source import Span

DEBOUNCE_SECONDS = 0.25
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# The symbol kind an editor shows for each category of declaration (one per schema.CATEGORIES).
SYMBOL_KINDS = {
    "tier": types.SymbolKind.Namespace,
    "organisation": types.SymbolKind.Class,
    "forum": types.SymbolKind.Module,
    "person": types.SymbolKind.Object,
    "function": types.SymbolKind.Function,
    "delegation": types.SymbolKind.Event,
    "pooled_fund": types.SymbolKind.Struct,
    "decision": types.SymbolKind.Method,
}


class GovLanguageServer(LanguageServer):
    def __init__(self):
        super().__init__("govdsl", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.projects: dict[Path, Project] = {}
        self.pending: dict[Path, asyncio.Task] = {}
        self.published: dict[Path, set[str]] = {}

    # -- projects -----------------------------------------------------------------------------
    @staticmethod
    def compile(project: Project) -> None:
        """Compile a project, then tell the garbage collector its model is here to stay.

        The server's memory is mostly the compiled model, hundreds of thousands of
        small objects without reference cycles (freed as soon as the next compile
        replaces them). Left to itself, the collector walks them all again and again
        while the next compile runs, which doubled the time of some re-checks of a
        large file; frozen, they are skipped (measured in benchmarks/bench_lsp.py).
        """
        project.compile()
        gc.freeze()

    def workspace_root(self) -> Path | None:
        root = self.workspace.root_path
        return Path(root).resolve() if root else None

    def project_for(self, uri: str) -> tuple[Project, Path]:
        path = Path(to_fs_path(uri)).resolve()
        root = project_root(path, self.workspace_root())
        project = self.projects.get(root)
        if project is None:
            project = self.projects[root] = Project(root)
        if project.compilation is None:
            self.compile(project)
        return project, path

    def span_range(self, project: Project, span: Span) -> types.Range:
        source = project.compilation.sources.get(span.file)
        start = to_position(source, span.start)
        end = to_position(source, max(span.end, span.start))
        return types.Range(types.Position(*start), types.Position(*end))

    def span_location(self, project: Project, span: Span) -> types.Location:
        return types.Location(from_fs_path(str(project.absolute(span.file))), self.span_range(project, span))

    def publish(self, project: Project) -> None:
        published = self.published.setdefault(project.root, set())
        current = set()
        for path, found in sorted(project.diagnostics_by_file().items()):
            uri = from_fs_path(str(path))
            current.add(uri)
            items = []
            for d in found:
                related = [
                    types.DiagnosticRelatedInformation(self.span_location(project, r.span), r.message)
                    for r in d.related
                    if r.span.file in project.compilation.sources
                ]
                message = d.message + (f"\n{d.hint}" if d.hint else "")
                items.append(
                    types.Diagnostic(
                        range=self.span_range(project, d.span),
                        message=message,
                        severity=_SEVERITY[d.severity],
                        code=d.code,
                        source="govdsl",
                        related_information=related or None,
                        data={"code": d.code},
                    )
                )
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=items))
        for uri in published - current:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.published[project.root] = current

    async def recheck_later(self, project: Project) -> None:
        previous = self.pending.get(project.root)
        if previous is not None and not previous.done():
            previous.cancel()

        async def run():
            await asyncio.sleep(DEBOUNCE_SECONDS)
            self.compile(project)
            self.publish(project)

        self.pending[project.root] = asyncio.ensure_future(run())


server = GovLanguageServer()


def _source(project: Project, path: Path):
    return project.source(path)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: GovLanguageServer, params: types.DidOpenTextDocumentParams):
    project, path = ls.project_for(params.text_document.uri)
    project.overlays[path] = params.text_document.text
    ls.compile(project)
    ls.publish(project)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: GovLanguageServer, params: types.DidChangeTextDocumentParams):
    project, path = ls.project_for(params.text_document.uri)
    document = ls.workspace.get_text_document(params.text_document.uri)
    project.overlays[path] = document.source
    await ls.recheck_later(project)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: GovLanguageServer, params: types.DidSaveTextDocumentParams):
    project, _ = ls.project_for(params.text_document.uri)
    ls.compile(project)
    ls.publish(project)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: GovLanguageServer, params: types.DidCloseTextDocumentParams):
    project, path = ls.project_for(params.text_document.uri)
    project.overlays.pop(path, None)
    ls.compile(project)
    ls.publish(project)


def _name_at(ls, params):
    project, path = ls.project_for(params.text_document.uri)
    source = _source(project, path)
    if source is None:
        return project, None, None
    offset = to_offset(source, params.position.line, params.position.character)
    found = project.name_at(source, offset)
    return project, source, found


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: GovLanguageServer, params: types.HoverParams):
    project, _, found = _name_at(ls, params)
    if not found:
        return None
    name, span = found
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=project.hover(name)),
        range=ls.span_range(project, span),
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: GovLanguageServer, params: types.DefinitionParams):
    project, _, found = _name_at(ls, params)
    if not found:
        return None
    span = project.definition(found[0])
    return ls.span_location(project, span) if span else None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: GovLanguageServer, params: types.ReferenceParams):
    project, _, found = _name_at(ls, params)
    if not found:
        return []
    spans = project.references(found[0], params.context.include_declaration)
    return [ls.span_location(project, s) for s in spans]


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: GovLanguageServer, params: types.PrepareRenameParams):
    project, _, found = _name_at(ls, params)
    if not found:
        return None
    return types.PrepareRenamePlaceholder(range=ls.span_range(project, found[1]), placeholder=found[0])


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: GovLanguageServer, params: types.RenameParams):
    project, _, found = _name_at(ls, params)
    if not found:
        return None
    edits = project.rename(found[0], params.new_name)
    if isinstance(edits, str):
        from pygls.exceptions import JsonRpcInvalidParams

        raise JsonRpcInvalidParams(edits)
    changes = {}
    for file, spans in sorted(edits.items()):
        uri = from_fs_path(str(project.absolute(file)))
        changes[uri] = [types.TextEdit(ls.span_range(project, s), params.new_name) for s in spans]
    return types.WorkspaceEdit(changes=changes)


_COMPLETION_KIND = {
    "keyword": types.CompletionItemKind.Keyword,
    "attribute": types.CompletionItemKind.Property,
    "name": types.CompletionItemKind.Reference,
    "value": types.CompletionItemKind.EnumMember,
}


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", "["]))
def completion(ls: GovLanguageServer, params: types.CompletionParams):
    project, path = ls.project_for(params.text_document.uri)
    source = _source(project, path)
    if source is None:
        return []
    offset = to_offset(source, params.position.line, params.position.character)
    items = project.completions(source, offset)
    return types.CompletionList(
        is_incomplete=False,
        items=[types.CompletionItem(label=label.strip(), insert_text=label, kind=_COMPLETION_KIND[kind], detail=detail) for label, kind, detail in items],
    )


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: GovLanguageServer, params: types.DocumentSymbolParams):
    project, path = ls.project_for(params.text_document.uri)
    source = _source(project, path)
    if source is None:
        return []
    return [
        types.DocumentSymbol(
            name=name,
            kind=SYMBOL_KINDS.get(schema.CATEGORY_OF_KIND.get(kind, ""), types.SymbolKind.Variable),
            range=ls.span_range(project, span),
            selection_range=ls.span_range(project, name_span),
            detail=kind,
        )
        for name, kind, span, name_span in project.document_symbols(source)
    ]


@server.feature(types.WORKSPACE_SYMBOL)
def workspace_symbols(ls: GovLanguageServer, params: types.WorkspaceSymbolParams):
    results = []
    for project in ls.projects.values():
        if project.compilation is None:
            continue
        for name, kind, category, span in project.workspace_symbols(params.query):
            results.append(
                types.WorkspaceSymbol(
                    name=name,
                    kind=SYMBOL_KINDS[category],
                    location=ls.span_location(project, span),
                    container_name=kind,
                )
            )
    return results


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: GovLanguageServer, params: types.DocumentFormattingParams):
    project, path = ls.project_for(params.text_document.uri)
    source = _source(project, path)
    if source is None:
        return []
    formatted = project.formatted(source)
    if formatted is None:
        return []
    end = to_position(source, len(source.text))
    return [types.TextEdit(types.Range(types.Position(0, 0), types.Position(*end)), formatted)]


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_actions(ls: GovLanguageServer, params: types.CodeActionParams):
    project, path = ls.project_for(params.text_document.uri)
    source = _source(project, path)
    if source is None:
        return []
    start = to_offset(source, params.range.start.line, params.range.start.character)
    end = to_offset(source, params.range.end.line, params.range.end.character)
    actions = []
    for d in project.diagnostics:
        if d.span is None or d.span.file != source.path or d.span.end < start or d.span.start > end:
            continue
        for title, edits in project.quick_fixes(d):
            changes: dict[str, list[types.TextEdit]] = {}
            for span, text in edits:
                uri = from_fs_path(str(project.absolute(span.file)))
                changes.setdefault(uri, []).append(types.TextEdit(ls.span_range(project, span), text))
            actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, edit=types.WorkspaceEdit(changes=changes)))
    return actions


def main() -> None:
    server.start_io()
