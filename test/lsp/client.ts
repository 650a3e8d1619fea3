// A real LSP client for the language server tests: spawns `node dist/server.js --stdio` and talks to it with
// vscode-languageserver-protocol. It answers workspace/configuration from settings the test controls, records
// diagnostics, progress, messages and registrations, and lets a test wait for them (never sleep).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ARCHITECTURE_CHANGED_NOTIFICATION, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';

import { applyEdits, editsFor, languageIdOf, toUri, uriOf } from './files';

export * from './files';

export const ROOT = resolve(__dirname, '../..');
/** The built server; BA_DIST points the tests at a copy of dist/ (so another build of the checkout cannot replace it mid-run). */
export const SERVER = join(process.env.BA_DIST ? resolve(process.env.BA_DIST) : join(ROOT, 'dist'), 'server.js');
/** How long a test waits for an event before failing: generous, the events themselves come in milliseconds. */
export const WAIT_MS = 20_000;

/** One message the server sent us, in arrival order. */
export interface Received {
  method: string;
  params: any;
}

/** Capabilities like VS Code's, for the features the server uses. */
export function fullCapabilities(): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true },
    },
    window: { workDoneProgress: true, showMessage: {} },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        dataSupport: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } },
      },
    },
  };
}

export interface StartOptions {
  /** Workspace folder; none when omitted. */
  root?: string;
  /** The `backendArchitect` section returned for every workspace/configuration item (null: "no settings"). */
  settings?: Record<string, unknown> | null;
  capabilities?: ClientCapabilities;
  /** Sent in `initialize` (VS Code's client sends whether the workspace is trusted). */
  initializationOptions?: unknown;
  /** Sent as `initialized` right away unless false. */
  initialized?: boolean;
}

interface Waiter {
  test: () => boolean;
  resolve: () => void;
}

/** A language server child process and the client end of its connection. */
export class TestClient {
  readonly received: Received[] = [];
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly registrations: Registration[] = [];
  readonly configurationRequests: any[] = [];
  readonly progressTokens: (string | number)[] = [];
  readonly docs = new Map<string, TextDocument>();
  settings: Record<string, unknown> | null;
  stderr = '';
  initializeResult: InitializeResult | undefined;
  private readonly waiters = new Set<Waiter>();
  private exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly root: string | undefined,
    settings: Record<string, unknown> | null | undefined,
  ) {
    this.settings = settings ?? null;
    child.stderr!.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((res) => child.on('exit', (code) => res(code)));
    const record = (method: string, params: any) => {
      this.received.push({ method, params });
      for (const w of [...this.waiters]) if (w.test()) {
        this.waiters.delete(w);
        w.resolve();
      }
    };
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      record(PublishDiagnosticsNotification.method, p);
    });
    for (const method of ['$/progress', STATUS_NOTIFICATION, ARCHITECTURE_CHANGED_NOTIFICATION, ShowMessageNotification.method, LogMessageNotification.method]) {
      connection.onNotification(method, (p: unknown) => record(method, p));
    }
    connection.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationRequests.push(p);
      record(ConfigurationRequest.method, p);
      return p.items.map(() => (this.settings === null ? null : structuredClone(this.settings)));
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progressTokens.push(p.token);
      record(WorkDoneProgressCreateRequest.method, p);
      return null;
    });
    connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      record(RegistrationRequest.method, p);
      return null;
    });
    connection.onRequest(ShowMessageRequest.type, (p) => {
      record(ShowMessageRequest.method, p);
      return null;
    });
    connection.listen();
  }

  static async start(opts: StartOptions = {}): Promise<TestClient> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, opts.root, opts.settings);
    const folders = opts.root ? [{ uri: uriOf(opts.root), name: basename(opts.root) }] : null;
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: opts.root ? uriOf(opts.root) : null,
      workspaceFolders: folders,
      capabilities: opts.capabilities ?? fullCapabilities(),
      initializationOptions: opts.initializationOptions,
    });
    if (opts.initialized !== false) await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Index of the next message to arrive: pass it as `after` to wait only for later messages. */
  mark(): number {
    return this.received.length;
  }

  /** Resolves once `test` holds (checked now and after every message), failing after WAIT_MS with `what`. */
  /** Waits until the workspace scan has run (the status says idle after it said scanning). */
  scanned(): Promise<void> {
    return this.waitUntil('the scan to end', () => {
      const states = this.messages(STATUS_NOTIFICATION).map((s: StatusParams) => s.state);
      const start = states.indexOf('scanning');
      return start >= 0 && states.indexOf('idle', start) > start;
    });
  }

  waitUntil(what: string, test: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}\nserver stderr:\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const waiter: Waiter = { test, resolve: () => (clearTimeout(timer), resolve()) };
      this.waiters.add(waiter);
    });
  }

  /** Messages of a method received since `after`. */
  messages(method: string, after = 0): any[] {
    return this.received.slice(after).filter((m) => m.method === method).map((m) => m.params);
  }

  /** Waits for a message of `method` after `after` that satisfies `pred`, and returns its params. */
  async waitForMessage(method: string, pred: (params: any) => boolean = () => true, after = 0): Promise<any> {
    let found: any;
    await this.waitUntil(`a ${method} message`, () => (found = this.messages(method, after).find(pred)) !== undefined);
    return found;
  }

  /** The latest diagnostics published for a file (by path or URI). */
  latest(pathOrUri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(toUri(pathOrUri))?.diagnostics;
  }

  /** Waits until the latest diagnostics of a file satisfy `pred` (and come from `version` when given). */
  async waitForDiagnostics(pathOrUri: string, pred: (d: Diagnostic[]) => boolean = () => true, version?: number): Promise<Diagnostic[]> {
    const uri = toUri(pathOrUri);
    const ok = () => {
      const p = this.diagnostics.get(uri);
      return !!p && (version === undefined || p.version === version) && pred(p.diagnostics);
    };
    await this.waitUntil(`diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`, ok);
    return this.diagnostics.get(uri)!.diagnostics;
  }

  /** Opens a file with its text on disk (or `text`); resolves with its first diagnostics. */
  async open(path: string, text?: string, languageId = languageIdOf(path)): Promise<Diagnostic[]> {
    return this.openUri(toUri(path), text ?? readFileSync(path, 'utf8'), languageId);
  }

  async openUri(uri: string, text: string, languageId: string): Promise<Diagnostic[]> {
    await this.sendOpen(uri, text, languageId);
    return this.waitForDiagnostics(uri, () => true, 1);
  }

  /** didOpen without waiting for diagnostics. */
  async sendOpen(pathOrUri: string, text: string, languageId = languageIdOf(pathOrUri)): Promise<void> {
    const uri = toUri(pathOrUri);
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends an edit (whole new text, or incremental changes) and returns the new version; does not wait. */
  async change(pathOrUri: string, change: string | TextDocumentContentChangeEvent[]): Promise<number> {
    const uri = toUri(pathOrUri);
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const changes = typeof change === 'string' ? [{ text: change }] : change;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next.version;
  }

  /** Applies a WorkspaceEdit to an open document the way an editor would: as an incremental didChange. */
  async applyWorkspaceEdit(pathOrUri: string, edit: WorkspaceEdit | undefined): Promise<number> {
    const uri = toUri(pathOrUri);
    const doc = this.docs.get(uri)!;
    const edits = editsFor(edit, uri);
    for (const c of edit?.documentChanges ?? []) {
      if ('edits' in c && c.textDocument.uri === uri && c.textDocument.version !== null && c.textDocument.version !== doc.version) {
        throw new Error(`edit made for version ${c.textDocument.version}, document is at ${doc.version}`);
      }
    }
    return this.change(uri, applyEdits(doc.getText(), edits));
  }

  text(pathOrUri: string): string {
    return this.docs.get(toUri(pathOrUri))!.getText();
  }

  async close(pathOrUri: string): Promise<void> {
    const uri = toUri(pathOrUri);
    this.docs.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  codeActions(pathOrUri: string, diagnostics: Diagnostic[], only: string[] = ['quickfix']): Promise<CodeAction[]> {
    const uri = toUri(pathOrUri);
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } }) as Promise<CodeAction[]>;
  }

  /** Replaces the settings the client answers with and tells the server (as VS Code does: settings null, pull again). */
  async changeSettings(settings: Record<string, unknown> | null): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async fileEvents(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** shutdown, then exit; resolves with the process exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Ends the server if a test left it running. */
  async dispose(): Promise<void> {
    for (const w of this.waiters) this.waiters.delete(w);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        await Promise.race([this.shutdown(), new Promise((r) => setTimeout(r, 2000))]);
      } catch {
        // fall through to kill
      }
      if (this.child.exitCode === null) this.child.kill();
    }
    this.connection.dispose();
  }
}

/** Starts a server for a test and makes sure it ends (and its workspace is removed) when the test does. */
export async function withServer<T>(opts: StartOptions, body: (c: TestClient) => Promise<T>): Promise<T> {
  const client = await TestClient.start(opts);
  try {
    return await body(client);
  } finally {
    await client.dispose();
    if (opts.root) rmSync(opts.root, { recursive: true, force: true });
  }
}
