// A minimal LSP client over stdio for the benchmarks: spawn, initialize, open, change, wait for diagnostics.
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export class BenchClient {
  readonly conn: ProtocolConnection;
  readonly proc: ChildProcess;
  private readonly waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly published = new Map<string, PublishDiagnosticsParams>();

  constructor(serverJs: string, settings: Record<string, unknown>) {
    this.proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i].test(p)) this.waiters.splice(i, 1)[0].resolve(p);
      }
    });
    this.conn.listen();
  }

  async initialize(root: string): Promise<void> {
    const uri = pathToFileURL(root).href;
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await this.conn.sendNotification('initialized', {});
  }

  diagnostics(test: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 30_000): Promise<PublishDiagnosticsParams> {
    for (const p of this.published.values()) if (test(p)) return Promise.resolve(p);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no diagnostics in time')), timeoutMs);
      this.waiters.push({ test, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  nextDiagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ test: (p) => p.uri === uri && (p.version === undefined || p.version >= version), resolve }));
  }

  /**
   * Opens `text` as `uri`, then types and deletes `typed` (one character) at `offset`, `edits` times, timing each edit
   * from didChange to the diagnostics of its version (ms).
   */
  async typeAt(uri: string, languageId: string, text: string, offset: number, edits: number, typed = 'x'): Promise<number[]> {
    const opened = this.nextDiagnostics(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await opened;
    const lines = text.slice(0, offset).split('\n');
    const pos = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const times: number[] = [];
    for (let v = 2; v < edits + 2; v++) {
      const end = v % 2 === 0 ? pos : typed === '\n' ? { line: pos.line + 1, character: 0 } : { line: pos.line, character: pos.character + typed.length };
      const done = this.nextDiagnostics(uri, v);
      const t = performance.now();
      await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: pos, end }, text: v % 2 === 0 ? typed : '' }] });
      await done;
      times.push(performance.now() - t);
    }
    return times;
  }

  async close(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    this.proc.kill();
  }
}
