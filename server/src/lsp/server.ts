import { join } from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ResponseError,
  ErrorCodes,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type ExecuteCommandParams,
  type TextDocuments,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/documents/classify';
import { DocumentAnalyzer } from './analysis';
import { ArchitectureChangeSignal, architectureGraph } from './architectureMap';
import type { ArchitectureGraph } from '../core/workspace/graphView';
import { codeActions } from './codeActions';
import { ModelRefresher } from './modelRefresh';
import { Folders, type Folder } from './folders';
import { LargeDocumentWorker } from './largeDocuments';
import { ServerHelm } from './helm';
import { ANALYZE_WORKSPACE_COMMAND } from './protocol';
import { Publisher } from './publish';
import { WATCH_GLOBS, WorkspaceScanner } from './scan';
import { SECTION, SettingsStore } from './settings';
import { StatusReporter } from './status';
import { keyOf, uriToPath } from './uris';

/** The VS Code command's id, also accepted from clients that send it as is (not advertised: see protocol.ts). */
const VSCODE_ANALYZE_WORKSPACE = 'backendArchitect.analyzeWorkspace';

/** Everything the server keeps between messages, and what each message does to it. main.ts wires them up. */
export class BackendArchitectServer {
  readonly folders: Folders;
  private readonly settings: SettingsStore;
  private readonly status: StatusReporter;
  private readonly publisher: Publisher;
  private readonly analyzer: DocumentAnalyzer;
  private readonly scanner: WorkspaceScanner;
  private readonly models: ModelRefresher;
  private readonly helm: ServerHelm;
  private readonly mapSignal: ArchitectureChangeSignal;
  /** One worker thread for large open documents and large files of the scan (largeDocuments.ts). */
  private readonly large: LargeDocumentWorker | undefined;
  /** Open documents by key (path for files), so disk analysis leaves them alone. */
  private readonly open = new Map<string, string>();
  /** Version each document was opened at: TextDocuments also reports the open as a content change. */
  private readonly openedAt = new Map<string, number>();
  /** Watcher events are applied one batch after another, in arrival order. */
  private fileEvents: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    readonly capabilities: ClientCapabilities,
    folderUris: string[],
    /** Whether the client said the workspace is trusted (initializationOptions.workspaceTrusted). */
    trusted = false,
  ) {
    const log = (m: string) => connection.console.error(m);
    this.large = LargeDocumentWorker.create(log, (m) => connection.console.log(m));
    this.helm = new ServerHelm(trusted, (path) => this.background(this.reanalyzeChartFile(path), `analyzing ${path}`));
    this.settings = new SettingsStore(connection, capabilities.workspace?.configuration === true);
    this.status = new StatusReporter(connection);
    this.mapSignal = new ArchitectureChangeSignal(connection);
    this.publisher = new Publisher(connection, this.status, capabilities.textDocument?.publishDiagnostics?.relatedInformation === true, () => this.mapSignal.changed());
    this.folders = new Folders(this.settings, (path) => {
      const uri = this.open.get(path);
      return uri ? documents.get(uri)?.getText() : undefined;
    });
    for (const uri of folderUris) this.folders.add(uri);
    this.analyzer = new DocumentAnalyzer({
      documents,
      folders: this.folders,
      settings: this.settings,
      publisher: this.publisher,
      helm: this.helm.rendering,
      log,
      large: this.large,
      onConfigDocument: (folder) => this.background(this.reloadFolder(folder), `reloading ${folder.root}`),
      onModelInput: (folder) => this.models.request(folder),
    });
    this.scanner = new WorkspaceScanner({
      connection,
      folders: this.folders,
      publisher: this.publisher,
      status: this.status,
      helm: this.helm.rendering,
      progress: capabilities.window?.workDoneProgress === true,
      isOpen: (path) => this.open.has(path),
      large: this.large,
      log,
      onModelInput: (folder) => this.models.request(folder),
    });
    this.models = new ModelRefresher({ reanalyze: (folder, path) => this.reanalyze(folder, path), log });
  }

  /** A compose file whose workspace model changed because of another file: analyze it again. */
  private async reanalyze(folder: Folder, path: string): Promise<void> {
    const uri = this.open.get(path);
    const doc = uri ? this.documents.get(uri) : undefined;
    if (doc) this.analyzer.schedule(doc, true);
    else if (await this.scanner.covers(folder, path)) await this.scanner.analyzeDiskFile(folder, path);
    else folder.index.model.forget(path);
  }

  /** A file of a chart whose render changed: its open document, or the file on disk when the scan covers it. */
  private async reanalyzeChartFile(path: string): Promise<void> {
    const uri = this.open.get(path);
    const doc = uri ? this.documents.get(uri) : undefined;
    const folder = this.folders.of(path);
    if (doc) this.analyzer.schedule(doc, true);
    else if (folder && (await this.scanner.covers(folder, path))) await this.scanner.analyzeDiskFile(folder, path);
  }

  /** The user trusted the workspace: analyze it again, now with Helm rendering if it is enabled. */
  async trustGranted(): Promise<void> {
    if (this.helm.trust()) await this.reloadAll();
  }

  /** After `initialized`: settings and config files (first, so documents opened next wait for them), the registrations the client allows, then the first scan. */
  async start(): Promise<void> {
    const loading = this.reloadAll();
    const ws = this.capabilities.workspace;
    if (ws?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch((e) => this.log(`Could not watch settings: ${e}`));
    }
    if (ws?.didChangeWatchedFiles?.dynamicRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCH_GLOBS.map((globPattern) => ({ globPattern })) }).catch((e) => this.log(`Could not watch files: ${e}`));
    }
    await loading;
  }

  opened(doc: TextDocument): void {
    this.open.set(keyOf(doc.uri), doc.uri);
    this.openedAt.set(doc.uri, doc.version);
    this.analyzer.schedule(doc, true);
  }

  changed(doc: TextDocument): void {
    const opened = this.openedAt.get(doc.uri);
    this.openedAt.delete(doc.uri);
    if (opened === doc.version) return;
    this.analyzer.schedule(doc);
  }

  /** A closed file keeps diagnostics from disk when the scan covers it; otherwise they are cleared. */
  async closed(doc: TextDocument): Promise<void> {
    const key = keyOf(doc.uri);
    this.analyzer.cancel(doc.uri);
    this.open.delete(key);
    this.openedAt.delete(doc.uri);
    const path = uriToPath(doc.uri);
    const folder = this.folders.of(path);
    if (path && folder && (await this.scanner.covers(folder, path))) {
      if (!this.open.has(key)) await this.scanner.analyzeDiskFile(folder, path);
    } else if (!this.open.has(key)) {
      this.publisher.clear(key);
      if (path) folder?.index.remove(path);
    }
    if (path && folder) {
      folder.index.model.fileChanged(path); // the disk's text replaces the editor's
      this.models.request(folder);
    }
    if (folder && path === join(folder.root, CONFIG_FILE_NAME)) await this.reloadFolder(folder);
  }

  async configurationChanged(params: DidChangeConfigurationParams): Promise<void> {
    const pushed = (params.settings as Record<string, unknown> | null | undefined)?.[SECTION];
    this.settings.reset(this.capabilities.workspace?.configuration ? undefined : (pushed ?? null));
    await this.reloadAll();
  }

  watchedFilesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
    const apply = async () => {
      const configChanged = await this.scanner.fileEvents(params.changes);
      this.helm.filesChanged(params.changes.map((c) => uriToPath(c.uri)).filter((p): p is string => !!p));
      for (const folder of configChanged) this.background(this.reloadFolder(folder, true), `reloading ${folder.root}`);
    };
    const next = this.fileEvents.then(apply);
    this.fileEvents = next.catch(() => undefined);
    return next;
  }

  async foldersChanged(e: WorkspaceFoldersChangeEvent): Promise<void> {
    for (const f of e.removed) {
      const folder = this.folders.remove(f.uri);
      if (folder) this.scanner.forgetFolder(folder);
    }
    const added = e.added.map((f) => this.folders.add(f.uri)).filter((f): f is Folder => !!f);
    await Promise.all(added.map((f) => this.folders.refresh(f)));
    this.analyzer.scheduleAll();
    await this.scanner.request(added);
  }

  codeAction(params: CodeActionParams): CodeAction[] {
    const doc = this.documents.get(params.textDocument.uri);
    const key = keyOf(params.textDocument.uri);
    return codeActions(doc, params, {
      documentChanges: this.capabilities.workspace?.workspaceEdit?.documentChanges === true,
      published: this.publisher.lastSent(key),
      lazyFix: (version, fixId) => this.publisher.lazyFix(key, version, fixId),
    });
  }

  async executeCommand(params: ExecuteCommandParams): Promise<null> {
    if (params.command !== ANALYZE_WORKSPACE_COMMAND && params.command !== VSCODE_ANALYZE_WORKSPACE) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${params.command}`);
    this.scanner.membership.reset();
    await this.reloadAll();
    return null;
  }

  /** The architecture map's graph: every folder's model with the findings last published. */
  /** The map of every folder, after the watcher events received before this request (a deleted file is not drawn). */
  async architectureModel(): Promise<ArchitectureGraph> {
    await this.fileEvents;
    return architectureGraph({ folders: () => this.folders.list(), findings: () => this.publisher.allFindings() });
  }

  shutdown(): void {
    this.mapSignal.dispose();
    this.scanner.cancelAll();
    this.analyzer.dispose();
    this.large?.dispose();
    this.status.dispose();
  }

  /** Settings and config files of every folder again, then every open document and a scan of every folder. */
  private async reloadAll(): Promise<void> {
    const folders = this.folders.list();
    await Promise.all(folders.map((f) => this.folders.refresh(f))); // sets each folder's `ready` before the first await
    this.analyzer.scheduleAll();
    await this.scanner.request(folders);
  }

  /** A folder's config file changed: when its effective config did, re-analyze its open documents and rescan it. */
  private async reloadFolder(folder: Folder, rescanAnyway = false): Promise<void> {
    const changed = await this.folders.refresh(folder);
    if (changed) this.analyzer.scheduleAll(folder);
    if (changed || rescanAnyway) await this.scanner.request([folder]);
  }

  /** Lets work run on (a rescan) without losing its failure. */
  private background(work: Promise<unknown>, what: string): void {
    work.catch((e) => this.log(`${what} failed: ${(e as Error)?.stack ?? e}`));
  }

  private log(message: string): void {
    this.connection.console.error(message);
  }
}
