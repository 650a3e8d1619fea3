/** Entry point of the language server (`node dist/server.js --stdio`, or --node-ipc): wiring only. */
import {
  CodeActionKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TOOL_NAME, toolInfo } from '../cli/version';
import { guardNotification, guardRequest, logUncaught } from './guard';
import { ANALYZE_WORKSPACE_COMMAND, ARCHITECTURE_MODEL_REQUEST, REVIEW_DOCUMENT_REQUEST, WORKSPACE_TRUSTED_NOTIFICATION, type InitializationOptions, type ReviewDocumentParams } from './protocol';
import { reviewDocumentOf } from './review';
import { BackendArchitectServer } from './server';

const connection = createConnection(ProposedFeatures.all);
logUncaught(connection);
const documents = new TextDocuments(TextDocument);
let server: BackendArchitectServer | undefined;

connection.onInitialize(
  guardRequest(connection, 'initialize', (params): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const trusted = (params.initializationOptions as InitializationOptions | undefined)?.workspaceTrusted === true;
    server = new BackendArchitectServer(connection, documents, params.capabilities, folders, trusted);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [ANALYZE_WORKSPACE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: TOOL_NAME, version: toolInfo().version },
    };
  }),
);

connection.onInitialized(
  guardNotification(connection, 'initialized', (_params: unknown) => {
    if (!server) return;
    const s = server;
    if (s.capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(guardNotification(connection, 'workspace/didChangeWorkspaceFolders', (e) => s.foldersChanged(e)));
    }
    return s.start();
  }),
);
connection.onDidChangeConfiguration(guardNotification(connection, 'workspace/didChangeConfiguration', (p) => server?.configurationChanged(p)));
connection.onDidChangeWatchedFiles(guardNotification(connection, 'workspace/didChangeWatchedFiles', (p) => server?.watchedFilesChanged(p)));
connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, guardNotification(connection, WORKSPACE_TRUSTED_NOTIFICATION, () => server?.trustGranted()));
connection.onCodeAction(guardRequest(connection, 'textDocument/codeAction', (p) => server?.codeAction(p) ?? []));
connection.onRequest(REVIEW_DOCUMENT_REQUEST, guardRequest(connection, REVIEW_DOCUMENT_REQUEST, (p: ReviewDocumentParams | undefined) => (server ? reviewDocumentOf(server.folders, p) : null)));
connection.onRequest(ARCHITECTURE_MODEL_REQUEST, guardRequest(connection, ARCHITECTURE_MODEL_REQUEST, () => server?.architectureModel() ?? { nodes: [], edges: [], rules: [], elsewhere: 0 }));
connection.onExecuteCommand(guardRequest(connection, 'workspace/executeCommand', (p) => server?.executeCommand(p) ?? null));
connection.onShutdown(() => guardNotification(connection, 'shutdown', () => server?.shutdown())(undefined));

documents.onDidOpen(guardNotification(connection, 'textDocument/didOpen', (e) => server?.opened(e.document)));
documents.onDidChangeContent(guardNotification(connection, 'textDocument/didChange', (e) => server?.changed(e.document)));
documents.onDidClose(guardNotification(connection, 'textDocument/didClose', (e) => server?.closed(e.document)));
documents.listen(connection);
connection.listen();
