import { join, sep } from 'node:path';
import { envReads, type EnvRead } from '../code/envReads';
import { inBackendScope } from '../code/scope';
import { isTestPath } from '../code/testFiles';
import { buildsUnixSocketClient, isHttpUrl } from '../code/unixSocketTransport';
import { isDatastoreTool } from '../compose/images';
import { resolveFrom } from '../compose/project';
import { generatedReason } from '../documents/skip';
import { scanContextFile } from './codeScan';
import { hostProblems, hostTable, type HostProblem, type HostTable } from './hosts';
import type { KeyValue } from './connections';
import type { Location, ServiceNode, WorkspaceModel } from './model';
import type { WorkspaceModelStore } from './store';
import { environmentSupply, type Supply } from './supply';

/** What the deployment rules report on one code file: reads of unset variables, and calls to unknown hosts. */
export interface FileChecks {
  /** The service the file belongs to (its deployments' definitions, for related locations). */
  service: ServiceNode;
  deployments: ServiceNode[];
  unset: EnvRead[];
  hosts: HostProblem[];
}

const tables = new WeakMap<WorkspaceModel, HostTable>();

/** The host table of a model, built once per model. */
export function hostTableOf(model: WorkspaceModel): HostTable {
  let t = tables.get(model);
  if (!t) tables.set(model, (t = hostTable(model)));
  return t;
}

/**
 * Per-file results of unset-environment-variable and unknown-service-host for service code, kept next to the
 * workspace model like the outbound-call summaries (outbound.ts): recomputed before a code file's rules run, and
 * compared after a model change to find the files whose findings moved (a compose file now sets the variable).
 */
export class DeploymentChecks {
  private readonly scans = new Map<string, { text: string; reads: EnvRead[]; pairs: KeyValue<Location>[] }>();
  /** The model and store version staleFiles last looked at: nothing to compare while neither changed. */
  private checked: { model?: WorkspaceModel; version: number } = { version: -1 };
  private readonly current = new Map<string, FileChecks | undefined>();
  private readonly reported = new Map<string, string>();
  private readonly buffers = new Map<string, string>();
  private supplies = { version: -1, model: undefined as WorkspaceModel | undefined, byDir: new Map<string, Promise<Supply>>() };

  constructor(
    private readonly store: WorkspaceModelStore,
    private readonly scope: { isForcedBackend(path: string): boolean } = { isForcedBackend: () => false },
  ) {}

  async refresh(path: string, model: WorkspaceModel, text?: string): Promise<FileChecks | undefined> {
    if (text !== undefined) this.buffers.set(path, text);
    // A file in no deployed service's folder has nothing to check: its text is not read (a scan asks for every file).
    const owned = ownersOf(path, model).length > 0;
    const result = owned ? await this.compute(path, model, text ?? this.buffers.get(path) ?? (await this.store.fileText(path))) : undefined;
    this.current.set(path, result);
    return result;
  }

  of(path: string): FileChecks | undefined {
    return this.current.get(path);
  }

  analyzed(path: string): void {
    this.reported.set(path, signature(this.current.get(path)));
  }

  /** Whether the rules report on this file of the disk (the scan's workers cannot tell: they have no model). */
  async reportsOn(path: string, model: WorkspaceModel): Promise<boolean> {
    this.buffers.delete(path);
    const reports = signature(await this.refresh(path, model)) !== '';
    this.analyzed(path);
    return reports;
  }

  /** Files whose findings differ now from when they were analyzed. */
  async staleFiles(model: WorkspaceModel): Promise<string[]> {
    if (this.checked.model === model && this.checked.version === this.store.version) return [];
    this.checked = { model, version: this.store.version };
    const out: string[] = [];
    for (const [path, sig] of [...this.reported]) if (signature(await this.refresh(path, model)) !== sig) out.push(path);
    return out;
  }

  forget(path: string): void {
    this.buffers.delete(path);
    this.reported.delete(path);
    this.current.delete(path);
    this.scans.delete(path);
  }

  private async compute(path: string, model: WorkspaceModel, text: string | undefined): Promise<FileChecks | undefined> {
    if (text === undefined || isTestPath(path, this.store.top) || generatedReason(path, text)) return undefined;
    const owners = ownersOf(path, model);
    if (!owners.length || isTooling(path.slice(owners[0].sourceDir!.length)) || !inBackendScope(path, text, this.store.top, (p) => this.scope.isForcedBackend(p))) return undefined;
    const result: FileChecks = { service: owners[0], deployments: owners, unset: [], hosts: [] };
    // Only a file tied to one service is judged against that service's environment.
    if (new Set(owners.map((o) => o.name)).size === 1) {
      const reads = this.scanOf(path, text).reads;
      if (reads.length) {
        const supply = await this.supply(owners, model);
        result.unset = reads.filter((r) => !supply.has(r));
      }
    }
    // A default in code that every deployment of the service overrides is not the host it calls; an HTTP URL of a
    // file that sends over a Unix-domain socket names no host to resolve (it is only the Host header).
    const overSocket = buildsUnixSocketClient(text);
    const pairs = this.scanOf(path, text).pairs.filter((p) => !owners.every((o) => setsVariable(o, p.name)) && !(overSocket && isHttpUrl(p.value)));
    result.hosts = hostProblems(pairs, hostTableOf(model));
    return result;
  }

  /** A file's reads and connection values, cached by its text. */
  private scanOf(path: string, text: string): { reads: EnvRead[]; pairs: KeyValue<Location>[] } {
    let cached = this.scans.get(path);
    if (cached?.text !== text) {
      const docs = path.endsWith('.py') ? docstrings(text) : [];
      const pairs = scanContextFile(path, text).filter((p) => !commentedAt(text, p.location.start) && !comparedAt(text, p.location.start, p.location.end) && !docs.some(([a, b]) => p.location.start >= a && p.location.start < b));
      this.scans.set(path, (cached = { text, reads: envReads(path, text), pairs }));
    }
    return cached;
  }

  private supply(owners: ServiceNode[], model: WorkspaceModel): Promise<Supply> {
    if (this.supplies.version !== this.store.version || this.supplies.model !== model) this.supplies = { version: this.store.version, model, byDir: new Map() };
    const dir = owners[0].sourceDir!;
    let s = this.supplies.byDir.get(dir);
    if (!s) {
      const dockerfiles = owners.map((o) => (o.build ? resolveFrom(`${o.build.context}/x`, o.build.dockerfile ?? 'Dockerfile') : join(dir, 'Dockerfile')));
      s = (async () => environmentSupply(owners, await Promise.all(dockerfiles.map((p) => this.store.fileText(p))), await this.store.folderFiles(dir)))();
      this.supplies.byDir.set(dir, s);
    }
    return s;
  }
}

/**
 * Whether a deployment sets the variable a setting is read from: the same name in any case (pydantic settings and
 * Spring's relaxed binding match `analytics_url` to `ANALYTICS_URL`), or with a prefix (`APP_ANALYTICS_URL`).
 */
function setsVariable(service: ServiceNode, name: string): boolean {
  const wanted = name.toUpperCase().replace(/[.-]/g, '_');
  if (!/^[A-Z_][A-Z0-9_]*$/.test(wanted)) return false;
  return service.environment.some((e) => {
    const set = e.name.toUpperCase();
    return set === wanted || set.endsWith('_' + wanted);
  });
}

/** The deployed services built from the folder nearest to the file (several when compose and Kubernetes both deploy it). */
export function ownersOf(path: string, model: WorkspaceModel): ServiceNode[] {
  let candidates = deployedCode.get(model);
  if (!candidates) deployedCode.set(model, (candidates = model.services.filter((s) => !s.datastore && !isDatastoreTool(s.image?.value) && s.sourceDir)));
  const owners = candidates.filter((s) => path.startsWith(s.sourceDir + sep));
  const nearest = Math.max(0, ...owners.map((s) => s.sourceDir!.length));
  return owners.filter((s) => s.sourceDir!.length === nearest);
}

/** Per model, the services whose code folder may hold a file (no datastores or datastore tools). */
const deployedCode = new WeakMap<WorkspaceModel, ServiceNode[]>();

/** Scripts and tools kept beside a service's code, run by hand or at build time, not by the deployed service. */
const TOOLING_DIR = /[\\/](scripts?|tools?|hack|examples?|samples?|docs?|benchmarks?|load-?tests?|seeds?|fixtures?|e2e)[\\/]/i;
const TOOLING_FILE = /[\\/](setup|conftest|noxfile|fabfile|gulpfile|gruntfile|webpack\.config|vite\.config|jest\.config)\.\w+$/i;

function isTooling(relativePath: string): boolean {
  return TOOLING_DIR.test(relativePath) || TOOLING_FILE.test(relativePath);
}

/** Python docstrings (a triple-quoted string that starts its line): usage examples, not the code's own values. */
function docstrings(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/^[ \t]*[rRuU]?("""|''')[\s\S]*?\1/gm)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/**
 * Whether the literal at [start, end) is compared with a value (`origin == "http://casdoor-authenticator"`, `case
 * "http://...":`): the code checks a caller's address against it, it does not call it.
 */
function comparedAt(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 12), start).replace(/["'`]$/, '');
  const after = text.slice(end, end + 12).replace(/^["'`]/, '');
  return /(?:[!=]==?|\bcase)\s*$/.test(before) || /^\s*[!=]==?(?!>)/.test(after);
}

function commentedAt(text: string, index: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', index - 1) + 1, index).trimStart();
  return /^(#|\/\/|\*|\/\*)/.test(line);
}

function signature(c: FileChecks | undefined): string {
  if (!c || (!c.unset.length && !c.hosts.length)) return '';
  return JSON.stringify([c.unset.map((r) => [r.name, r.start]), c.hosts.map((h) => [h.host, h.port, h.location.start])]);
}
