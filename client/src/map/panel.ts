/** The architecture map's webview panel: asks the server for the graph, keeps it current, answers the webview. */
import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification, FileChangeType, State } from 'vscode-languageclient/node';
import { ARCHITECTURE_MODEL_REQUEST } from '../../../server/src/lsp/protocol';
import type { ServerLifecycle } from '../serverLifecycle';
import { saveExport } from './exporter';
import { mapHtml, mapNonce } from './html';
import { HostToMapSchema, parseGraph, parseMapToHost, type DomReport, type HostToMap, type MapGraph, type MapToHost } from './protocol';

export const MAP_PANEL_TYPE = 'backendArchitect.map';

export class MapPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private graph: MapGraph | undefined;
  private drawnOnce = false;
  private requesting: Promise<void> | undefined;
  private again = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly domWaiters: ((d: DomReport) => void)[] = [];
  /** Resolves when the current webview's script has run and said `ready` (messages posted before may be lost). */
  private webviewReady: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<Extract<MapToHost, { type: 'rendered' }>>();
  /** Fires after each drawing in the webview (for the tests and the bench). */
  readonly onDidRender = this.renderedEmitter.event;
  /** Types of the messages the webview sent (capped), for the tests. */
  readonly received: string[] = [];
  /** The notices posted to the webview (the last 100), for the tests: the webview shows each until the next drawing. */
  readonly notices: string[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerLifecycle,
    private readonly log: (line: string) => void,
  ) {
    this.disposables.push(server.onDidChangeArchitecture(() => this.panel && this.refresh()), this.renderedEmitter);
  }

  get isOpen(): boolean {
    return !!this.panel;
  }

  get lastGraph(): MapGraph | undefined {
    return this.graph;
  }

  show(): void {
    if (this.panel) return this.panel.reveal();
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const media = vscode.Uri.joinPath(this.extensionUri, 'client', 'media');
    const panel = vscode.window.createWebviewPanel(MAP_PANEL_TYPE, 'Architecture Map', vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      // Kept while in a background tab: the zoom, the selection and the drawing survive switching tabs.
      retainContextWhenHidden: true,
      localResourceRoots: [webviewRoot, media],
    });
    this.panel = panel;
    this.drawnOnce = false;
    this.webviewReady = new Promise((resolve) => (this.markReady = resolve));
    panel.iconPath = vscode.Uri.joinPath(media, 'architect.svg');
    panel.webview.html = mapHtml({
      cspSource: panel.webview.cspSource,
      nonce: mapNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'map.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'map.css')).toString(),
    });
    panel.webview.onDidReceiveMessage((raw) => void this.receive(raw));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.graph = undefined;
    });
  }

  /** Asks the server for the graph again; calls during a request coalesce into one more. */
  refresh(): Promise<void> {
    if (this.requesting) {
      this.again = true;
      return this.requesting;
    }
    this.requesting = (async () => {
      do {
        this.again = false;
        await this.requestOnce();
      } while (this.again && this.panel);
    })().finally(() => (this.requesting = undefined));
    return this.requesting;
  }

  private async requestOnce(): Promise<void> {
    const client = this.server.client;
    if (!client || client.state === State.Stopped) {
      return this.post({ type: 'status', state: 'noServer', message: 'The Backend Architect language server is not running: restart it (Backend Architect: Restart Server) or see the Output panel.' });
    }
    let raw: unknown;
    try {
      raw = await client.sendRequest(ARCHITECTURE_MODEL_REQUEST);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log(`[map] the server could not build the map: ${reason}`);
      return this.post({ type: 'status', state: 'error', message: `The language server could not build the map: ${reason}` });
    }
    const parsed = parseGraph(raw);
    if (!parsed.ok) {
      this.log(`[map] the server's graph was not valid: ${parsed.reason}`);
      return this.post({ type: 'status', state: 'error', message: `The language server sent a map this extension cannot read (${parsed.reason.slice(0, 300)}).` });
    }
    this.graph = parsed.message;
    this.post({ type: 'graph', graph: parsed.message, update: this.drawnOnce });
    this.drawnOnce = true;
  }

  /** Posts a message to the webview, checked against its schema first. */
  post(m: HostToMap): void {
    const checked = HostToMapSchema.safeParse(m);
    if (!checked.success) return this.log(`[map] did not post an invalid ${m.type} message: ${checked.error.issues[0]?.message}`);
    if (m.type === 'notice' && this.notices.push(m.message) > 100) this.notices.shift();
    void this.panel?.webview.postMessage(checked.data);
  }

  /** A message from the webview (or the test hook): validated, then handled. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseMapToHost(raw);
    if (this.received.length < 1000) this.received.push(parsed.ok ? parsed.message.type : 'invalid');
    if (!parsed.ok) return this.log(`[map] ignored a message from the webview: ${parsed.reason}`);
    const m = parsed.message;
    switch (m.type) {
      case 'ready':
        this.drawnOnce = false;
        this.markReady();
        return this.refresh();
      case 'retry':
        return this.refresh();
      case 'open':
        return this.open(m.target, m.id);
      case 'rendered':
        return this.renderedEmitter.fire(m);
      case 'dom':
        return this.domWaiters.splice(0).forEach((w) => w(m));
      case 'scriptError':
        return this.log(`[map] script error in the webview: ${m.message}`);
      default:
        return saveExport(m, this.graph, (text) => this.post({ type: 'notice', message: text }));
    }
  }

  /** What the webview's DOM holds now (asks it; for the tests). */
  async probe(): Promise<DomReport> {
    const empty = (state: string): DomReport => ({ type: 'dom', state, nodes: [], edges: [], notice: '', selected: '', zoom: 0, foreign: 0 });
    if (!this.panel) return empty('closed');
    let waited: ReturnType<typeof setTimeout> | undefined;
    const ready = await Promise.race([this.webviewReady.then(() => true), new Promise<false>((r) => (waited = setTimeout(() => r(false), 20_000)))]);
    clearTimeout(waited);
    if (!ready) return empty('not ready');
    // A webview being reloaded can miss a message: the question is asked again every 2 s, and after 20 s the
    // answer says that none came (a test then reports it instead of waiting forever).
    return new Promise((resolve) => {
      let asked = 0;
      const done = (d: DomReport) => {
        clearInterval(timer);
        resolve(d);
      };
      this.domWaiters.push(done);
      const ask = () => this.post({ type: 'probe' });
      const timer = setInterval(() => {
        if (++asked < 10) return ask();
        clearInterval(timer);
        const at = this.domWaiters.indexOf(done);
        if (at >= 0) this.domWaiters.splice(at, 1);
        resolve(empty('unanswered'));
      }, 2000);
      ask();
    });
  }

  /** Opens where a node or an edge of the last graph is defined: only places the server gave are opened. */
  private async open(target: 'node' | 'edge', id: string): Promise<void> {
    const item = target === 'node' ? this.graph?.nodes.find((n) => n.id === id) : this.graph?.edges.find((e) => e.id === id);
    const at = item?.location;
    if (!item || !at) return this.post({ type: 'notice', message: item ? 'No definition is known for this one.' : 'That is no longer on the map.' });
    const uri = vscode.Uri.file(at.path);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      this.post({ type: 'notice', message: `${vscode.workspace.asRelativePath(uri)} no longer exists; the map is being updated.` });
      await this.reportDeleted(uri);
      return this.refresh();
    }
    const position = new vscode.Position(at.line, at.character);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  /** File watchers can miss a deletion (excluded folders, remote file systems): the server is told as a watcher would. */
  private async reportDeleted(uri: vscode.Uri): Promise<void> {
    const client = this.server.client;
    if (!client || client.state !== State.Running) return;
    const changes = [{ uri: client.code2ProtocolConverter.asUri(uri), type: FileChangeType.Deleted }];
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes }).catch((e: unknown) => this.log(`[map] could not tell the server that ${uri.fsPath} was deleted: ${e}`));
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
