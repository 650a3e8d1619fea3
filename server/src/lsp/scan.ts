import { CONSISTENCY_RULE_IDS, consistencyOf } from '../core/workspace/specs/attach';
import { stat } from '../core/fsAsync';
import { basename, dirname, sep } from 'node:path';
import { FileChangeType, type Connection, type FileEvent, type WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/documents/classify';
import type { HelmRendering } from '../core/helm/rendering';
import { readSource } from '../core/documents/source';
import { analyzeFile } from '../core/project';
import { listWorkspaceFiles } from '../core/workspace/scan';
import { MODEL_GLOBS } from '../core/workspace/codeScan';
import { consumesMessages } from '../core/workspace/messaging';
import type { Folder, Folders } from './folders';
import { ScanPool } from './scanPool';
import { WORKER_MIN_BYTES, type LargeDocumentWorker, type WorkerOutcome } from './largeDocuments';
import { WorkspaceMembership } from './inWorkspace';
import { internalErrorFinding } from './analysis';
import type { Publisher, Trimmed } from './publish';
import type { StatusReporter } from './status';
import { pathToUri, uriToPath } from './uris';

/** Globs of the files the server wants watched (dynamic registration of workspace/didChangeWatchedFiles). */
export const WATCH_GLOBS = ['**/*.{yaml,yml,json,py,ts,mts,cts,tsx,js,mjs,cjs,jsx,go,java}', `**/${CONFIG_FILE_NAME}`, '**/.gitignore', '**/Tiltfile', ...MODEL_GLOBS];

export interface ScannerHost {
  connection: Connection;
  folders: Folders;
  publisher: Publisher;
  status: StatusReporter;
  helm: HelmRendering;
  /** Whether the client accepts window/workDoneProgress/create. */
  progress: boolean;
  isOpen(path: string): boolean;
  /** The worker thread that analyzes files of WORKER_MIN_BYTES or more, off the main thread. */
  large: LargeDocumentWorker | undefined;
  log(message: string): void;
  /** A file of the folder was analyzed or changed: its workspace model may have changed. */
  onModelInput(folder: Folder): void;
}

const REPORT_EVERY_MS = 100;
/** Service-code files analyzed by the scan workers at once (the main thread keeps reading the next ones). */
const IN_FLIGHT = 8;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Analyzes the files of workspace folders that are not open: a scan per folder (listWorkspaceFiles honours
 * .gitignore and the exclude globs), one at a time, yielding between files; and single files on watcher events.
 * A new request for a folder aborts the scan running on it and starts over.
 */
export class WorkspaceScanner {
  readonly membership = new WorkspaceMembership();
  private readonly pending = new Set<Folder>();
  private readonly known = new Map<Folder, Set<string>>();
  private current: { folder: Folder; abort: AbortController } | undefined;
  private running: Promise<void> | undefined;
  private counts = { done: 0, total: 0 };

  /** Worker threads for service-code files; undefined when running from source or turned off. */
  private readonly pool: ScanPool | undefined;

  constructor(private readonly host: ScannerHost) {
    this.pool = ScanPool.create((m) => host.log(m));
  }

  /** Scans these folders (again); resolves when no scan is left to run. */
  request(folders: readonly Folder[]): Promise<void> {
    for (const f of folders) {
      this.pending.add(f);
      if (this.current?.folder === f) this.current.abort.abort();
    }
    this.running ??= this.run();
    return this.running;
  }

  cancelAll(): void {
    this.pending.clear();
    this.current?.abort.abort();
  }

  /** A folder left the workspace: stop scanning it and clear the diagnostics of its files. */
  forgetFolder(folder: Folder): void {
    this.pending.delete(folder);
    if (this.current?.folder === folder) this.current.abort.abort();
    for (const key of this.host.publisher.keysUnder(folder.root, sep)) if (!this.host.isOpen(key)) this.host.publisher.clear(key);
    this.known.delete(folder);
  }

  private async run(): Promise<void> {
    let progress: WorkDoneProgressServerReporter | undefined;
    await null; // never settle synchronously: `running` must be assigned before `finally` clears it
    try {
      await Promise.all([...this.pending].map((f) => f.ready));
      const scans = [...this.pending].some((f) => f.settings.enable && f.settings.scanWorkspace);
      if (this.host.progress && scans) {
        progress = await this.host.connection.window.createWorkDoneProgress().catch(() => undefined);
        progress?.begin('Backend Architect: analyzing workspace', 0, 'Listing files', true);
        progress?.token.onCancellationRequested(() => this.cancelAll());
      }
      this.counts = { done: 0, total: 0 };
      if (scans) this.host.status.setScan('scanning', 0, 0);
      this.host.status.flush();
      while (this.pending.size) {
        const folder: Folder = this.pending.values().next().value!;
        this.pending.delete(folder);
        const abort = new AbortController();
        this.current = { folder, abort };
        try {
          await this.scanFolder(folder, abort.signal, progress);
        } catch (e) {
          this.host.log(`Scan of ${folder.root} failed: ${(e as Error)?.stack ?? e}`);
        }
        this.current = undefined;
      }
    } finally {
      this.running = undefined;
      progress?.done();
      this.host.status.setScan('idle');
      this.host.status.flush();
    }
  }

  private async scanFolder(folder: Folder, signal: AbortSignal, progress: WorkDoneProgressServerReporter | undefined): Promise<void> {
    await folder.ready;
    const before = this.known.get(folder) ?? new Set<string>();
    const { enable, scanWorkspace } = folder.settings;
    const files = enable && scanWorkspace ? await listWorkspaceFiles(folder.root, { isExcluded: (rel) => folder.config.isIgnored(rel), signal }) : [];
    if (signal.aborted) return;
    const now = new Set(files);
    for (const path of before) if (!now.has(path)) this.forgetPath(folder, path);
    this.known.set(folder, now);
    this.counts.total += files.length;
    progress?.report(0, `${files.length} files in ${basename(folder.root)}`);
    let lastReport = Date.now();
    const done = () => {
      this.counts.done++;
      this.host.status.setScan('scanning', this.counts.done, this.counts.total);
      if (progress && Date.now() - lastReport >= REPORT_EVERY_MS) {
        lastReport = Date.now();
        progress.report(Math.floor((100 * this.counts.done) / Math.max(1, this.counts.total)), `${this.counts.done}/${this.counts.total} files`);
      }
    };
    const inFlight = new Set<Promise<void>>();
    try {
      for (const path of files) {
        if (signal.aborted) return;
        if (this.pool && ScanPool.takes(path) && !this.host.isOpen(path)) {
          // Service code goes to the scan workers, a few files at a time: the main thread stays free for requests.
          const job: Promise<void> = this.analyzeDiskFile(folder, path, signal).finally(() => {
            inFlight.delete(job);
            done();
          });
          inFlight.add(job);
          if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
          continue;
        }
        if (!this.host.isOpen(path)) await this.analyzeDiskFile(folder, path);
        done();
        await tick();
      }
    } finally {
      await Promise.all(inFlight);
    }
  }

  /** Analyzes one file from disk and publishes its findings, unless it was opened meanwhile. */
  async analyzeDiskFile(folder: Folder, path: string, signal?: AbortSignal): Promise<void> {
    const size = await stat(path).then((s) => s.size, () => undefined);
    if (size === undefined) {
      this.forgetPath(folder, path); // deleted meanwhile: no "cannot read" finding for a file that is gone
      return;
    }
    let findings;
    let trimmed: Trimmed | undefined;
    try {
      const large = await this.analyzeLarge(folder, path, size);
      if (large === 'cancelled') return; // opened meanwhile: the open document is analyzed instead
      trimmed = large?.trimmed;
      const pooled = !large && !!this.pool && ScanPool.takes(path);
      // A file with findings of the routes-against-spec rules, which read the service's other files and specs, is
      // analyzed here (the workers see one file at a time), without a worker's pass first.
      const consistency = pooled && CONSISTENCY_RULE_IDS.some((id) => folder.config.severityOf(id, 'warning'));
      const here = consistency && (await consistencyOf(folder.index).reportsOn(path, await folder.index.model.model()));
      let fromWorker = pooled && !here ? await this.pool!.analyze(path, folder.config) : undefined;
      // Files whose findings need the workspace model (a service's first call to another service, a read of a
      // variable its deployment does not set, an unknown host) are analyzed here; the workers see one file at a time.
      if (fromWorker?.findings && (await this.needsModel(folder, path))) fromWorker = undefined;
      // A message consumer is judged with its service's other files (dead-letter configuration): here too.
      if (fromWorker?.findings && consumesMessages(await folder.index.model.model(), path)) fromWorker = undefined;
      if (fromWorker) folder.index.update({ path, kind: fromWorker.kind });
      if (signal?.aborted) return; // the folder is being scanned again (or left the workspace)
      if (large) findings = large.findings;
      else findings = fromWorker ? fromWorker.findings : (await analyzeFile(path, folder.config, folder.index, this.host.helm)).findings;
    } catch (e) {
      this.host.log(`Analysis of ${path} failed: ${(e as Error)?.stack ?? e}`);
      findings = [internalErrorFinding(path, e)];
    }
    if (this.host.isOpen(path)) return;
    let known = this.known.get(folder);
    if (!known) this.known.set(folder, (known = new Set()));
    known.add(path);
    this.host.publisher.publish({ key: path, uri: pathToUri(path), sourcePath: path, version: null, maxPerFile: folder.settings.maxDiagnosticsPerFile }, findings, trimmed);
    this.host.onModelInput(folder);
  }

  /** Whether the model-dependent rules report on a file (its service's first call, an unset variable, an unknown host). */
  private async needsModel(folder: Folder, path: string): Promise<boolean> {
    const model = await folder.index.model.model();
    const calls = await folder.index.outbound.reportsOn(path, model);
    return (await folder.index.deployment.reportsOn(path, model)) || calls;
  }

  /** A large file, analyzed in the worker; undefined when it is small, or not a readable file of a kind we analyze. */
  private async analyzeLarge(folder: Folder, path: string, size: number): Promise<WorkerOutcome | undefined> {
    if (!this.host.large || size < WORKER_MIN_BYTES) return undefined;
    const read = await readSource(path, folder.settings.maxFileSizeKb * 1024);
    if (read.ok !== true) return undefined; // the usual path gives its note (too large, binary, over its kind's limit)
    const { kind, text } = read.source;
    const outcome = await this.host.large.analyze(pathToUri(path), { path, kind, text, settings: folder.config.settings, file: folder.config.file, root: folder.root });
    if (outcome !== 'cancelled') folder.index.update({ path, kind });
    return outcome;
  }

  /** Whether a closed or changed file belongs to the scanned workspace (so it keeps diagnostics from disk). */
  async covers(folder: Folder, path: string): Promise<boolean> {
    await folder.ready;
    return folder.settings.enable && folder.settings.scanWorkspace && (await this.membership.includes(folder, path));
  }

  /** Clears what is known about a file (or every file under a deleted directory) that is not open. */
  forgetPath(folder: Folder, path: string): void {
    const known = this.known.get(folder);
    for (const key of [path, ...this.host.publisher.keysUnder(path, sep)]) {
      if (this.host.isOpen(key)) continue;
      this.host.publisher.clear(key);
      folder.index.remove(key);
      known?.delete(key);
    }
    if (known) for (const p of known) if (p.startsWith(path + sep) && !this.host.isOpen(p)) known.delete(p);
  }

  /**
   * Applies watcher events to files that are not open: re-analyzes created and changed ones, clears deleted ones.
   * A changed .gitignore rescans its folder; returns the folders whose config file changed (the caller reloads them).
   */
  async fileEvents(changes: readonly FileEvent[]): Promise<Set<Folder>> {
    const configChanged = new Set<Folder>();
    const rescan = new Set<Folder>();
    for (const c of changes) {
      const path = uriToPath(c.uri);
      const folder = this.host.folders.of(path);
      if (!path || !folder) continue;
      const name = basename(path);
      if (!this.host.isOpen(path)) folder.index.model.fileChanged(path);
      if (name === CONFIG_FILE_NAME && dirname(path) === folder.root) configChanged.add(folder);
      else if (name === '.gitignore') {
        this.membership.reset();
        rescan.add(folder);
      } else if (this.host.isOpen(path)) continue;
      else if (c.type === FileChangeType.Deleted) this.forgetPath(folder, path);
      else if (await this.covers(folder, path)) await this.analyzeDiskFile(folder, path);
      else this.forgetPath(folder, path);
    }
    for (const f of new Set(changes.map((c) => this.host.folders.of(uriToPath(c.uri))))) if (f) this.host.onModelInput(f);
    for (const f of configChanged) rescan.delete(f);
    if (rescan.size) void this.request([...rescan]);
    return configChanged;
  }
}
