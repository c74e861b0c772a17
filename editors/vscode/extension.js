// Starts `govdsl lsp` for .gov files. All the language features live in the server;
// this file only connects VS Code to it.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("govdsl").get("command");
  const serverOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "gov" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.gov,govdsl.toml}") },
  };
  client = new LanguageClient("govdsl", "govdsl", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
