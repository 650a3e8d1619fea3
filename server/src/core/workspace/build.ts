import { basename, relative, sep } from 'node:path';
import { isDatastoreTool } from '../compose/images';
import { isReverseProxy } from '../compose/ownWaits';
import { connectionsOf, type KeyValue } from './connections';
import type { ServiceIo } from './compose/services';
import { attachMessaging, type FileMessaging } from './messaging';
import type { Edge, EdgeSource, EnvVar, Location, ServiceNode, WorkspaceModel } from './model';

export interface BuildIo extends ServiceIo {
  /** The key/value pairs of each file of interest under a build context, one list per file. */
  contextScopes(dir: string): Promise<{ path: string; config: boolean; pairs: KeyValue<Location>[]; routes: string[]; codeLines: number }[]>;
  /** The messaging endpoints and dead-letter configuration of each file of a build context that has some. */
  messaging?(dir: string): Promise<FileMessaging[]>;
}

/**
 * What one source of the model gives it: a group of services that reach each other by name (a compose project,
 * the workloads of a Kubernetes cluster), the file that names the group and every file it read.
 */
export interface SourceGroup {
  main: string;
  /** The folder the group's ids are prefixed with when two groups share a service name. */
  dir: string;
  files: string[];
  services: ServiceNode[];
  /** See WorkspaceModel.projects. */
  development?: true;
}

/** Assembles the model from the sources' groups: services and datastores, and the edges between them. */
export async function buildModel(root: string | undefined, groups: SourceGroup[], io: BuildIo): Promise<WorkspaceModel> {
  assignIds(root, groups);
  const edges: Edge[] = [];
  const readers = envFileReaders(groups.flatMap((g) => g.services));
  for (const g of groups) {
    const byHost = new Map<string, ServiceNode>();
    const byName = new Map<string, ServiceNode>();
    for (const s of g.services) {
      for (const h of s.hostnames) if (!byHost.has(h)) byHost.set(h, s);
      if (!byName.has(s.name)) byName.set(s.name, s);
    }
    for (const s of g.services) edges.push(...(await edgesOf(s, byName, byHost, io, readers)));
  }
  const services = groups.flatMap((g) => g.services);
  const byId = new Map(services.map((s) => [s.id, s]));
  for (const e of edges) {
    const to = byId.get(e.to);
    if (to?.datastore && e.database && !to.databases.includes(e.database)) to.databases.push(e.database);
  }
  const model: WorkspaceModel = { root, services, edges, codeServices: [], projects: groups.map((g) => ({ main: g.main, files: [...new Set(g.files)], ...(g.development ? { development: true as const } : {}) })) };
  if (io.messaging) {
    const byService = new Map<ServiceNode, FileMessaging[]>();
    for (const s of services) if (s.sourceDir && !s.datastore && !isDatastoreTool(s.image?.value)) byService.set(s, await io.messaging(s.sourceDir));
    attachMessaging(model, byService);
  }
  return model;
}

const SCHEME_KIND: Record<string, string> = { postgres: 'postgres', postgresql: 'postgres', pgsql: 'postgres', mysql: 'mysql', mariadb: 'mysql', mongodb: 'mongo', 'mongodb+srv': 'mongo', redis: 'redis', rediss: 'redis', sqlserver: 'mssql', amqp: 'rabbitmq', amqps: 'rabbitmq' };

/** For a URL whose host is filled in at run time: the one datastore of that kind the service depends on. */
function bySchemeAmongDependencies(s: ServiceNode, byName: Map<string, ServiceNode>, scheme?: string): ServiceNode | undefined {
  const kind = scheme && SCHEME_KIND[scheme];
  if (!kind) return undefined;
  const candidates = s.dependsOn.map((d) => byName.get(d.service)).filter((n) => n?.datastore?.kind === kind);
  return candidates.length === 1 ? candidates[0] : undefined;
}

function assignIds(root: string | undefined, groups: SourceGroup[]): void {
  const count = new Map<string, number>();
  for (const g of groups) for (const s of g.services) count.set(s.name, (count.get(s.name) ?? 0) + 1);
  const dirs = groups.map((p) => p.dir);
  groups.forEach((p) => {
    const nodes = p.services;
    const dir = root ? relative(root, p.dir).split(sep).join('/') : '';
    let prefix = dir && !dir.startsWith('..') ? dir : basename(p.dir);
    // Two projects in one directory (docker-compose.yml and docker-stack.yml): name them by their file.
    if (dirs.filter((d) => d === p.dir).length > 1) prefix = `${dir && !dir.startsWith('..') ? `${dir}/` : ''}${basename(p.main).replace(/\.ya?ml$/i, '')}`;
    for (const s of nodes) if (count.get(s.name)! > 1) s.id = s.origin === 'kubernetes' ? workloadId(root, s, nodes) : `${prefix || '.'}/${s.name}`;
  });
}

type EnvFileReaders = Map<string, { readers: number; withCode: number }>;

/** For each env_file of the workspace: how many services read it, and how many of those run code the workspace holds (a build, or a folder of source). */
function envFileReaders(services: ServiceNode[]): EnvFileReaders {
  const counts: EnvFileReaders = new Map();
  for (const o of services) {
    for (const p of new Set(o.environment.filter((e) => e.from === 'env_file').map((e) => e.location.path))) {
      const c = counts.get(p) ?? { readers: 0, withCode: 0 };
      c.readers++;
      if (o.build || o.sourceDir) c.withCode++;
      counts.set(p, c);
    }
  }
  return counts;
}

/** An env_file of the applications' settings: more than one service reads it, and one of them runs code the workspace holds. */
function applicationsEnvFile(readers: EnvFileReaders, path: string): boolean {
  const c = readers.get(path);
  return !!c && c.readers > 1 && c.withCode > 0;
}

async function edgesOf(s: ServiceNode, byName: Map<string, ServiceNode>, byHost: Map<string, ServiceNode>, io: BuildIo, readers: EnvFileReaders): Promise<Edge[]> {
  const out: Edge[] = [];
  const seen = new Set<string>();
  const add = (to: ServiceNode | undefined, source: EdgeSource, via: string, location: Location, database?: string) => {
    if (!to || to === s) return;
    const key = `${to.id}|${source}|${via}|${database}|${location.path}|${location.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ from: s.id, to: to.id, source, via, location, ...(database ? { database } : {}) });
  };
  for (const d of s.dependsOn) add(byName.get(d.service), 'depends_on', 'depends_on', d.location);
  // A datastore's own variables (POSTGRES_DB, replication hosts) and an admin tool's are not service edges.
  if (s.datastore) return out;
  // A stock proxy reads none of a shared env_file's variables (every service's database settings): no edges from them.
  // Nor does a product run from its released image with no code here (an object store, a tracing backend, an
  // embedding server) from an env_file it shares with the applications whose code is here: those settings are theirs.
  const proxy = !s.build && isReverseProxy(s.image?.value);
  const vendor = !s.build && !s.sourceDir;
  const notItsOwn = (e: EnvVar) => e.from === 'env_file' && (proxy || (vendor && applicationsEnvFile(readers, e.location.path)));
  const envPairs = s.environment.filter((e) => e.value !== undefined && !notItsOwn(e)).map((e) => ({ name: e.name, value: e.value!, location: e.location, from: e.from }));
  const target = (host: string, scheme?: string) => (host ? (byHost.get(host) ?? byHost.get(clusterShortName(host))) : bySchemeAmongDependencies(s, byName, scheme));
  const fromOf = new Map<Location, EnvVar['from']>();
  for (const p of envPairs) if (!fromOf.has(p.location)) fromOf.set(p.location, p.from);
  for (const c of connectionsOf(envPairs)) add(target(c.host, c.scheme), fromOf.get(c.location) ?? 'environment', c.via, c.location, c.database);
  if (s.sourceDir && !isDatastoreTool(s.image?.value)) {
    let lines = 0;
    for (const scope of await io.contextScopes(s.sourceDir)) {
      lines += scope.codeLines;
      s.healthRoute ??= scope.routes[0];
      for (const c of connectionsOf(scope.pairs)) add(target(c.host, c.scheme), scope.config ? 'config' : 'code', c.via || 'a string literal', c.location, c.database);
    }
    if (lines) s.codeLines = lines;
  }
  // A line read twice (a URL, and the ${HOST:default} inside it): keep the reading that names the database.
  const sameLine = (a: Edge, b: Edge) => a.to === b.to && a.source === b.source && a.location.path === b.location.path && a.location.range.start.line === b.location.range.start.line;
  return out.filter((e) => e.database || !out.some((x) => x !== e && x.database && sameLine(x, e)));
}

/** `orders.shop.svc.cluster.local` and `orders.shop.svc` -> `orders` (a Service in a namespace the manifests do not set). */
function clusterShortName(host: string): string {
  return /\.svc(\.cluster\.local)?$/.test(host) ? host.split('.')[0] : host;
}

/** A workload named like another service: prefixed with its folder, or with its file when the folder has two. */
function workloadId(root: string | undefined, s: ServiceNode, nodes: ServiceNode[]): string {
  const rel = (p: string) => (root ? relative(root, p).split(sep).join('/') : p) || '.';
  const sameFolder = nodes.filter((n) => n.name === s.name && n.project === s.project).length > 1;
  return `${rel(sameFolder ? s.location.path.replace(/\.ya?ml$/i, '') : s.project)}/${s.name}`;
}
