import { dirname, sep } from 'node:path';
import { DATASTORE_NAME, isInternalHost, scanFile, type CallSite, type FileScan } from '../code/breakers';
import { inBackendScope } from '../code/scope';
import { generatedReason } from '../documents/skip';
import { isWithin } from '../paths';
import { LineIndex, type Range } from '../text/lineIndex';
import { SERVER_MARKER } from './api';
import type { WorkspaceModel } from './model';
import type { WorkspaceModelStore } from './store';

export interface ServiceCall extends CallSite {
  path: string;
  range: Range;
}

/** What a service's code calls and whether it uses a circuit breaker: the input of missing-circuit-breaker. */
export interface ServiceCalls {
  service: string;
  dir: string;
  /** Calls to other services, in path then offset order. */
  calls: ServiceCall[];
  breaker?: { library: string; path: string };
}

const MANIFEST = /^(package\.json|go\.mod|pom\.xml|build\.gradle(\.kts)?|requirements\.txt|pyproject\.toml|setup\.py|Pipfile|Dockerfile)$/;

/**
 * Per-service summaries of outbound calls, kept next to the workspace model: each file's scan is cached by its
 * text, and the summary of a code file's service is recomputed before its rules run (WorkspaceIndex.prepare).
 */
export class ServiceCallIndex {
  private readonly scans = new Map<string, { text: string; scan: FileScan; ranges: Range[] }>();
  private readonly current = new Map<string, ServiceCalls | undefined>();
  private readonly reported = new Map<string, string>();
  private readonly summaries = new Map<string, { key: string; summary: ServiceCalls }>();
  /** Texts of files analyzed from an editor buffer, which the store may not hold (folders no compose service builds). */
  private readonly buffers = new Map<string, string>();
  /** Folders with a manifest, and whether their code starts a server (recomputed after any file change). */
  private readonly servers = new Map<string, { version: number; is: boolean }>();
  /** Set when a file's calls or breaker, or the system's host names, changed since the last staleFiles. */
  private changed = false;
  /** The system's host names when staleFiles last looked (a change can move any file's finding). */
  private checkedHosts = '';

  constructor(
    private readonly store: WorkspaceModelStore,
    private readonly boundary?: string,
    private readonly scope: { isForcedBackend(path: string): boolean; readonly scopeVersion: number } = { isForcedBackend: () => false, scopeVersion: 0 },
  ) {}

  /** Recomputes the summary of the service holding `path` (undefined: not in a service folder). */
  async refresh(path: string, model: WorkspaceModel, text?: string): Promise<ServiceCalls | undefined> {
    const found = await this.serviceOf(path, model);
    let summary: ServiceCalls | undefined;
    if (found) {
      // Summaries are reused while no file, host name or this file's own text changed.
      const key = `${this.store.version}|${this.scope.scopeVersion}|${hostNames(model)}`;
      const memo = this.summaries.get(found.dir);
      const ownChanged = text !== undefined && this.buffers.get(path) !== text;
      if (text !== undefined) this.buffers.set(path, text);
      if (memo?.key === key && !ownChanged) summary = memo.summary;
      else {
        summary = await this.summarize(found.name, found.dir, model);
        this.summaries.set(found.dir, { key, summary });
      }
    }
    this.current.set(path, summary);
    return summary;
  }

  /** The summary computed for this file by the last refresh. */
  of(path: string): ServiceCalls | undefined {
    return this.current.get(path);
  }

  /** Records what the rule concluded for a file (see staleFiles). */
  analyzed(path: string): void {
    this.reported.set(path, signature(path, this.current.get(path)));
  }

  /** Whether the rule reports on this file now (it holds its service's first call, and the service has no breaker). */
  async reportsOn(path: string, model: WorkspaceModel): Promise<boolean> {
    if (this.buffers.delete(path)) this.summaries.clear(); // analyzed from disk: the disk's text is the file's
    const reports = signature(path, await this.refresh(path, model)) !== '';
    this.analyzed(path);
    return reports;
  }

  /**
   * Code files whose service summary now gives them a different finding than when they were analyzed. Cheap when
   * nothing the summaries read has changed since the last call (no file's calls or breaker, no host names).
   */
  async staleFiles(model: WorkspaceModel): Promise<string[]> {
    const hosts = hostNames(model);
    if (hosts !== this.checkedHosts) this.changed = true;
    if (!this.changed) return [];
    this.changed = false;
    this.checkedHosts = hosts;
    const out: string[] = [];
    for (const [path, sig] of [...this.reported]) if (signature(path, await this.refresh(path, model)) !== sig) out.push(path);
    return out;
  }

  forget(path: string): void {
    if (this.buffers.delete(path)) this.summaries.clear();
    this.reported.delete(path);
    this.current.delete(path);
  }

  /** The service folder holding a file: a compose service's or workload's, else the nearest folder with a manifest whose code starts a server. */
  async serviceOf(path: string, model: WorkspaceModel): Promise<{ name: string; dir: string } | undefined> {
    const owners = model.services.filter((s) => !s.datastore && s.sourceDir && path.startsWith(s.sourceDir + sep));
    owners.sort((a, b) => b.sourceDir!.length - a.sourceDir!.length);
    if (owners[0]) return { name: owners[0].id, dir: owners[0].sourceDir! };
    const code = model.codeServices.find((c) => path.startsWith(c.dir + sep));
    if (code) return { name: code.dir.split(/[\\/]/).pop()!, dir: code.dir };
    // A folder no compose service builds: the nearest one with a manifest, if its code starts a server.
    if (/[\\/](node_modules|vendor)[\\/]/.test(path)) return undefined;
    // Not above the model's root, nor above the workspace folder holding the file.
    const top = this.store.root ?? (this.boundary !== undefined && isWithin(path, this.boundary) ? this.boundary : undefined);
    let dir = dirname(path);
    for (let i = 0; i < 6 && dir !== dirname(dir) && (top === undefined || isWithin(dir, top)); i++, dir = dirname(dir)) {
      if (!(await this.store.names(dir)).some((n) => MANIFEST.test(n))) continue;
      let server = this.servers.get(dir);
      if (server?.version !== this.store.version) this.servers.set(dir, (server = { version: this.store.version, is: await this.store.folderSome(dir, (t) => SERVER_MARKER.test(t)) }));
      return server.is ? { name: dir.split(/[\\/]/).pop()!, dir } : undefined;
    }
    return undefined;
  }

  private async summarize(name: string, dir: string, model: WorkspaceModel): Promise<ServiceCalls> {
    const hosts = new Set<string>();
    const datastoreHosts = new Set<string>();
    for (const s of model.services) for (const h of s.hostnames) (s.datastore ? datastoreHosts : hosts).add(h.toLowerCase());
    const env = model.services.find((s) => s.id === name)?.environment ?? [];
    const isService = (c: CallSite) => {
      if (c.kind === 'url') return c.target.split(',').some((h) => !datastoreHosts.has(h) && isInternalHost(h, hosts));
      const value = env.find((e) => e.name === c.target)?.value ?? '';
      const host = /^(?:\w+:\/\/)?([\w.-]+)/.exec(value)?.[1]?.toLowerCase();
      return !DATASTORE_NAME.test(c.target) && !(host && datastoreHosts.has(host));
    };
    const summary: ServiceCalls = { service: name, dir, calls: [] };
    const files = (await this.store.folderFiles(dir)).map((f) => ({ path: f.path, text: this.buffers.get(f.path) ?? f.text })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const { path, text } of files) {
      // The rule judges only backend code (common.ts isBackendCode, code/scope.ts).
      if (generatedReason(path, text) || !inBackendScope(path, text, this.store.top, (p) => this.scope.isForcedBackend(p))) continue;
      const { scan, ranges } = this.scan(path, text);
      if (scan.breaker && !summary.breaker) summary.breaker = { library: scan.breaker, path };
      scan.calls.forEach((c, i) => isService(c) && summary.calls.push({ ...c, target: c.target.split(',').filter((h) => c.kind === 'config' || isInternalHost(h, hosts)).join(', '), path, range: ranges[i] }));
    }
    return summary;
  }

  private scan(path: string, text: string): { scan: FileScan; ranges: Range[] } {
    let cached = this.scans.get(path);
    if (cached?.text !== text) {
      const scan = scanFile(path, text);
      if (!cached || JSON.stringify(cached.scan) !== JSON.stringify(scan)) this.changed = true;
      const lines = scan.calls.length ? new LineIndex(text) : undefined;
      this.scans.set(path, (cached = { text, scan, ranges: scan.calls.map((c) => lines!.rangeOf(c.start, c.end)) }));
    }
    return cached;
  }
}

const hostNames = (model: WorkspaceModel) => JSON.stringify(model.services.map((s) => [s.id, s.hostnames, !!s.datastore, s.sourceDir]));

/** What the rule reports on a file, in short: nothing, or the first call's finding with its list of calls. */
function signature(path: string, s: ServiceCalls | undefined): string {
  if (!s || s.breaker || s.calls[0]?.path !== path) return '';
  return JSON.stringify(s.calls.map((c) => [c.path, c.start, c.label, c.target]));
}
