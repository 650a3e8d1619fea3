import { dirname, join, sep } from 'node:path';
import { DATASTORE_NAME, isInternalHost, scanFile, type CallSite, type FileScan } from '../code/breakers';
import { inBackendScope } from '../code/scope';
import { generatedReason } from '../documents/skip';
import { isWithin } from '../paths';
import { LineIndex, type Range } from '../text/lineIndex';
import { SERVER_MARKER } from './api';
import type { ServiceNode, WorkspaceModel } from './model';
import { hasGeneratedHeader, scanObservability, type Mark, type ObservabilityScan } from '../code/observability/scan';
import { packageTargets } from './followTargets';
import { BUILD_FILE, BUILD_SUBDIRS, summarizeObservability, type ServiceObservability } from './observability';
import { parentPoms } from './mavenParents';
import { aliasedLibraries, importedFromAbove, importSpecifiers } from './tsPathAliases';
import { importedNames, packageFacts, packagesUsedFor, type PackageUse } from './workspacePackages';
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
  /** Some file of the service shows where its breaker applies: its calls are judged one by one. */
  perCall?: boolean;
  /** Its entry point and telemetry (missing-tracing, missing-metrics, unstructured-logging). */
  observability?: ServiceObservability;
}

/**
 * The calls the rule reports: every call not inside a breaker or behind mesh outlier detection; none when the
 * service has a breaker library but no place it applies could be read (it may wrap calls in a way not recognized).
 */
export function unprotectedCalls(s: ServiceCalls): ServiceCall[] {
  if (s.breaker && !s.perCall) return [];
  return s.calls.filter((c) => !c.guarded);
}

/** Whether a mesh rule's host (`orders`, `orders.shop.svc.cluster.local`, `*.shop.svc.cluster.local`) covers a host. */
function meshCovers(rule: string, host: string): boolean {
  if (rule === '*' || rule === host) return true;
  if (rule.startsWith('*.')) return host.endsWith(rule.slice(1)) || !host.includes('.');
  return rule.split('.')[0] === host.split('.')[0];
}

const MANIFEST = /^(package\.json|go\.mod|pom\.xml|build\.gradle(\.kts)?|requirements\.txt|pyproject\.toml|setup\.py|Pipfile|Dockerfile)$/;

/**
 * Per-service summaries of outbound calls, kept next to the workspace model: each file's scan is cached by its
 * text, and the summary of a code file's service is recomputed before its rules run (WorkspaceIndex.prepare).
 */
export class ServiceCallIndex {
  /** Build files last read per path (a change marks the summaries changed, as a code file's does). */
  private readonly buildTexts = new Map<string, string | undefined>();
  private readonly scans = new Map<string, { text: string; scan: FileScan; ranges: Range[]; obs: ObservabilityScan; lines?: LineIndex }>();
  private readonly current = new Map<string, ServiceCalls | undefined>();
  private readonly reported = new Map<string, string>();
  /** Per service folder: the summary, and the texts of its folder's files it read (by path). */
  private readonly summaries = new Map<string, { key: string; summary: ServiceCalls; read: Map<string, string> }>();
  /** Texts of files analyzed from an editor buffer, which the store may not hold (folders no compose service builds). */
  private readonly buffers = new Map<string, string>();
  /** Folders with a manifest, and whether their code starts a server (recomputed after any file change). */
  private readonly servers = new Map<string, { version: number; is: boolean }>();
  /** Set when a file's calls or breaker, or the system's host names, changed since the last staleFiles. */
  private changed = false;
  /** The system's host names when staleFiles last looked (a change can move any file's finding). */
  private readonly imports = new Map<string, { text: string; specs: string[]; names: { spec: string; names: string[] }[] }>();
  private readonly nestApps = new Map<string, { text: string; roots: string[] }>();
  private checkedHosts = '';
  private checkedVersion = -1;

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
      const key = `${this.store.version}|${this.scope.scopeVersion}|${hostNamesId(model)}`;
      const memo = this.summaries.get(found.dir);
      // Only a text the summary read differently changes it (a file past the folder's first files is not read).
      const ownChanged = text !== undefined && memo?.read.has(path) === true && memo.read.get(path) !== text;
      if (text !== undefined) this.buffers.set(path, text);
      if (memo?.key === key && !ownChanged) summary = memo.summary;
      else {
        const read = new Map<string, string>();
        summary = await this.summarize(found.name, found.dir, model, read);
        this.summaries.set(found.dir, { key, summary, read });
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
    if (this.store.version !== this.checkedVersion) {
      // A build file (Dockerfile, pom.xml ...) changed on disk: read again for the services summed up so far.
      this.checkedVersion = this.store.version;
      for (const dir of this.summaries.keys()) await this.buildFiles(dir);
    }
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
    this.imports.delete(path);
  }

  /** The service folder holding a file: a compose service's or workload's, else the nearest folder with a manifest whose code starts a server. */
  async serviceOf(path: string, model: WorkspaceModel): Promise<{ name: string; dir: string } | undefined> {
    const owner = codeOwners(model).find((s) => path.startsWith(s.sourceDir! + sep));
    if (owner) return { name: owner.id, dir: owner.sourceDir! };
    const code = model.codeServices.find((c) => path.startsWith(c.dir + sep));
    if (code) return { name: code.dir.split(/[\\/]/).pop()!, dir: code.dir };
    // A folder no compose service builds: the nearest one with a manifest, if its code starts a server.
    if (/[\\/](node_modules|vendor)[\\/]/.test(path)) return undefined;
    // Not above the model's root, nor above the workspace folder holding the file.
    const top = this.store.root ?? (this.boundary !== undefined && isWithin(path, this.boundary) ? this.boundary : undefined);
    // Maven and Gradle keep the code deep under the module (src/main/java/com/acme/shop/...): start at the module.
    let dir = /^(.*)[\\/]src[\\/](main|test)[\\/]/.exec(path)?.[1] ?? dirname(path);
    for (let i = 0; i < 6 && dir !== dirname(dir) && (top === undefined || isWithin(dir, top)); i++, dir = dirname(dir)) {
      if (!(await this.isServiceBoundary(dir))) continue;
      let server = this.servers.get(dir);
      if (server?.version !== this.store.version) this.servers.set(dir, (server = { version: this.store.version, is: await this.store.folderSome(dir, (t) => SERVER_MARKER.test(t)) }));
      return server.is ? { name: dir.split(/[\\/]/).pop()!, dir } : undefined;
    }
    return undefined;
  }

  /**
   * A folder with a build manifest, or an app of a monorepo, built alone: an Nx project.json that is no library, or a
   * project of `type: application` in a NestJS monorepo's nest-cli.json (up to three folders above).
   */
  private async isServiceBoundary(dir: string): Promise<boolean> {
    const names = await this.store.names(dir);
    if (names.some((n) => MANIFEST.test(n))) return true;
    if (names.includes('project.json')) return !/"projectType"\s*:\s*"library"/.test((await this.store.readText(join(dir, 'project.json'))) ?? '"projectType": "library"');
    let root = dirname(dir);
    for (let up = 0; up < 3 && root !== dirname(root); up++, root = dirname(root)) {
      if (!(await this.store.names(root)).includes('nest-cli.json')) continue;
      const cli = join(root, 'nest-cli.json');
      const text = (await this.store.readText(cli)) ?? '';
      let apps = this.nestApps.get(cli);
      if (apps?.text !== text) this.nestApps.set(cli, (apps = { text, roots: nestApplicationRoots(root, text) }));
      return apps.roots.includes(dir);
    }
    return false;
  }

  private async summarize(name: string, dir: string, model: WorkspaceModel, read: Map<string, string>): Promise<ServiceCalls> {
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
    const mesh = model.meshBreakers ?? [];
    const hostsOf = (c: CallSite) => (c.kind === 'url' ? c.target.split(',') : [/^(?:\w+:\/\/)?([\w.-]+)/.exec(env.find((e) => e.name === c.target)?.value ?? '')?.[1]?.toLowerCase() ?? '']);
    const meshGuarded = (c: CallSite) => mesh.length > 0 && hostsOf(c).every((h) => h && mesh.some((m) => meshCovers(m.host, h)));
    const summary: ServiceCalls = { service: name, dir, calls: [] };
    const files = (await this.store.folderFiles(dir)).map((f) => ({ path: f.path, text: this.buffers.get(f.path) ?? f.text })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const f of files) read.set(f.path, f.text);
    const scanned = [];
    // The rule judges only backend code (common.ts isBackendCode, code/scope.ts).
    const judged = files.filter(({ path, text }) => !generatedReason(path, text) && inBackendScope(path, text, this.store.top, (p) => this.scope.isForcedBackend(p)));
    const follow = packageTargets(judged.map((f) => ({ path: f.path, scan: this.scan(f.path, f.text).scan })), env, hosts, datastoreHosts);
    for (const { path, text } of judged) {
      const cached = this.scan(path, text);
      const { scan, ranges } = cached;
      if (scan.breaker && !summary.breaker) summary.breaker = { library: scan.breaker, path };
      if (scan.guardedRegions) summary.perCall = true;
      scan.calls.forEach((found, i) => {
        const c = follow(path, found);
        if (!c || !isService(c)) return;
        const guarded = c.guarded || meshGuarded(c);
        summary.calls.push({ ...c, target: c.target.split(',').filter((h) => c.kind === 'config' || isInternalHost(h, hosts)).join(', '), path, range: ranges[i], ...(guarded ? { guarded } : {}) });
      });
      const fact = (m: Mark) => ({ label: m.label, path, start: m.start, end: m.end, range: (cached.lines ??= new LineIndex(text)).rangeOf(m.start, m.end) });
      scanned.push({ path, scan: cached.obs, fact });
    }
    // Go packages of the same module outside the folder (cmd/app importing pkg/api), and the monorepo libraries a
    // TypeScript service imports through its tsconfig's path aliases: their libraries count.
    const { imported, libraries, uses } = await this.aliasedFiles(dir, files);
    scanned.push(...(await packageFacts(uses, (d) => this.store.folderFiles(d), (p, t) => (generatedReason(p, t) ? undefined : this.scan(p, t)))));
    for (const { path, text, whole } of [...(await this.modulePackages(dir, files)), ...imported, ...libraries.map((f) => ({ ...f, whole: true }))] as { path: string; text: string; whole?: boolean }[]) {
      if (generatedReason(path, text)) continue;
      const cached = this.scan(path, text);
      const fact = (m: Mark) => ({ label: m.label, path, start: m.start, end: m.end, range: (cached.lines ??= new LineIndex(text)).rangeOf(m.start, m.end) });
      // A whole library the service imports by alias may set up what the service never calls: found, not resolved.
      const obs = whole ? { ...cached.obs, libraries: cached.obs.libraries.map((l) => ({ ...l, used: false })) } : cached.obs;
      scanned.push({ path, scan: { ...obs, entry: undefined, unstructured: [], unstructuredCount: 0 }, fact });
    }
    const nodes = model.services.filter((s) => !s.datastore && (s.id === name || s.sourceDir === dir));
    const generated = new Set(files.filter((f) => hasGeneratedHeader(f.text)).map((f) => f.path));
    const targets = summary.calls.filter((c) => !generated.has(c.path)).flatMap((c) => c.target.split(', '));
    summary.observability = summarizeObservability(scanned, await this.buildFiles(dir), nodes, model, targets);
    return summary;
  }

  private scan(path: string, text: string): { scan: FileScan; ranges: Range[]; obs: ObservabilityScan; lines?: LineIndex } {
    let cached = this.scans.get(path);
    if (cached?.text !== text) {
      const scan = scanFile(path, text);
      const obs = scanObservability(path, text);
      if (!cached || JSON.stringify([cached.scan, cached.obs]) !== JSON.stringify([scan, obs])) this.changed = true;
      const lines = scan.calls.length ? new LineIndex(text) : undefined;
      this.scans.set(path, (cached = { text, scan, ranges: scan.calls.map((c) => lines!.rangeOf(c.start, c.end)), obs, lines }));
    }
    return cached;
  }

  /** Files of the workspace libraries the folder's TypeScript imports through tsconfig path aliases (an Nx monorepo's libs/), and files above it it imports by a relative path. */
  private async aliasedFiles(dir: string, files: { path: string; text: string }[]): Promise<{ imported: { path: string; text: string }[]; libraries: { path: string; text: string }[]; uses: PackageUse[] }> {
    const io = { names: (d: string) => this.store.names(d), readText: (p: string) => this.store.readText(p), top: this.store.top };
    // Each file's imports are read once per text: a keystroke rereads only the file typed in.
    const imports = files.filter((f) => /\.[cm]?[jt]sx?$/.test(f.path)).map((f) => {
      let hit = this.imports.get(f.path);
      if (hit?.text !== f.text) this.imports.set(f.path, (hit = { text: f.text, specs: importSpecifiers(f.text), names: importedNames(f.text) }));
      return { path: f.path, specs: hit.specs, names: hit.names };
    });
    const libraries: { path: string; text: string }[] = [];
    for (const folder of await aliasedLibraries(dir, imports, io)) libraries.push(...(await this.store.folderFiles(folder)).filter((f) => /\.[cm]?[jt]sx?$/.test(f.path)));
    const imported: { path: string; text: string }[] = [];
    for (const path of await importedFromAbove(dir, imports, io)) {
      const text = await this.store.readText(path);
      if (text !== undefined && !imported.some((f) => f.path === path)) imported.push({ path, text });
    }
    const uses = await packagesUsedFor(dir, imports, io);
    return { imported, libraries: libraries.filter((l) => !imported.some((f) => f.path === l.path)), uses };
  }

  /** Files of the Go packages the folder's code imports from its own module, when go.mod lies above the folder. */
  private async modulePackages(dir: string, files: { path: string; text: string }[]): Promise<{ path: string; text: string }[]> {
    if (!files.some((f) => f.path.endsWith('.go')) || (await this.store.names(dir)).includes('go.mod')) return [];
    let root = dirname(dir);
    const top = this.store.top;
    for (let i = 0; i < 4 && !(await this.store.names(root)).includes('go.mod'); i++) {
      if (root === dirname(root) || (top && !isWithin(dirname(root), top))) return [];
      root = dirname(root);
    }
    const module = /^module\s+(\S+)/m.exec((await this.store.readText(join(root, 'go.mod'))) ?? '')?.[1];
    if (!module) return [];
    const out: { path: string; text: string }[] = [];
    const seen = new Set<string>();
    let texts = files.filter((f) => f.path.endsWith('.go'));
    for (let round = 0; round < 2 && texts.length; round++) {
      const next: { path: string; text: string }[] = [];
      for (const f of texts) {
        for (const m of f.text.matchAll(new RegExp(`"${module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([\\w./-]+)"`, 'g'))) {
          const pkg = join(root, m[1]);
          if (seen.has(pkg) || isWithin(pkg, dir) || seen.size >= 30) continue;
          seen.add(pkg);
          const found = (await this.store.folderFiles(pkg)).filter((x) => x.path.endsWith('.go'));
          out.push(...found);
          next.push(...found);
        }
      }
      texts = next;
    }
    return out;
  }

  /** Build files and logging configuration of a service folder (go.mod, pom.xml, Dockerfile, logback.xml ...). */
  private async buildFiles(dir: string): Promise<{ path: string; text: string }[]> {
    const out: { path: string; text: string }[] = [];
    for (const sub of ['', ...BUILD_SUBDIRS]) {
      const folder = sub ? join(dir, sub) : dir;
      for (const name of (await this.store.names(folder)).filter((n) => BUILD_FILE.test(n)).sort()) {
        const path = join(folder, name);
        const text = await this.store.readText(path);
        if (this.buildTexts.get(path) !== text) this.changed = true; // a new dependency can move a finding
        this.buildTexts.set(path, text);
        if (text !== undefined) out.push({ path, text });
        // A Maven module inherits the dependencies of its parent POMs in the workspace.
        if (text !== undefined && name === 'pom.xml') {
          for (const parent of await parentPoms(path, text, (p) => this.store.readText(p))) {
            if (this.buildTexts.get(parent.path) !== parent.text) this.changed = true;
            this.buildTexts.set(parent.path, parent.text);
            out.push(parent);
          }
        }
      }
    }
    return out;
  }
}

/** What the summaries read of the model: host names, mesh breakers, and the environment and annotations telemetry may come from; once per model (every code file's refresh asks). */
function hostNames(model: WorkspaceModel): string {
  let key = hostKeys.get(model);
  if (key === undefined) hostKeys.set(model, (key = readHostNames(model)));
  return key;
}
const hostKeys = new WeakMap<WorkspaceModel, string>();

/** A small number that stands for hostNames(model): equal strings, equal numbers (memo keys stay short). */
function hostNamesId(model: WorkspaceModel): number {
  const names = hostNames(model);
  let id = hostIds.get(names);
  if (id === undefined) {
    if (hostIds.size > 1000) hostIds.clear();
    hostIds.set(names, (id = ++lastHostId));
  }
  return id;
}
const hostIds = new Map<string, number>();
let lastHostId = 0;

/** The services that own code folders, deepest folder first, once per model (every code file asks). */
function codeOwners(model: WorkspaceModel): ServiceNode[] {
  let list = ownersByModel.get(model);
  if (!list) {
    list = model.services.filter((s) => !s.datastore && s.sourceDir).sort((a, b) => b.sourceDir!.length - a.sourceDir!.length);
    ownersByModel.set(model, list);
  }
  return list;
}
const ownersByModel = new WeakMap<WorkspaceModel, ServiceNode[]>();

const readHostNames = (model: WorkspaceModel) =>
  JSON.stringify(model.services.map((s) => [s.id, s.hostnames, !!s.datastore, s.sourceDir, s.workload?.instrumentation?.value, s.environment.filter((e) => /^(OTEL_|JAVA_|_JAVA|CATALINA|NODE_OPTIONS)/.test(e.name)).map((e) => [e.name, e.value])]).concat(model.edges.filter((e) => e.source !== 'depends_on').map((e) => `${e.from}>${e.to}`), (model.meshBreakers ?? []).map((m) => `mesh:${m.host}`)));

/** What the rules report on a file, in short: nothing, or the first unprotected call's finding with its list of calls, and the entry point's telemetry. */
function signature(path: string, s: ServiceCalls | undefined): string {
  if (!s) return '';
  const calls = unprotectedCalls(s);
  const breaker = calls[0]?.path !== path ? '' : JSON.stringify(calls.map((c) => [c.path, c.start, c.label, c.target]));
  const o = s.observability;
  const entry = o?.entry?.path === path ? JSON.stringify(o) : '';
  return breaker || entry ? breaker + entry : '';
}

/** The folders of a NestJS monorepo's applications (`projects.<name>.type: application`, its `root`). */
function nestApplicationRoots(root: string, text: string): string[] {
  try {
    const projects = (JSON.parse(text) as { projects?: Record<string, { type?: string; root?: string }> }).projects ?? {};
    return Object.values(projects).filter((p) => p.type === 'application' && p.root).map((p) => join(root, p.root!));
  } catch {
    return [];
  }
}
