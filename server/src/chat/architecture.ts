import type { WorkspaceModel } from '../core/workspace/index';
import type { ConsistencyOverview } from '../core/workspace/specs/index';

export interface ServiceInfo {
  name: string;
  file: string;
  image?: string;
  build?: string;
  /** The datastore the service runs (postgres, redis, ...), when it is one. */
  datastore?: string;
  /** Databases a datastore holds. */
  databases: string[];
  dependsOn: string[];
  ports: string[];
  /** Names only: values may be secrets. */
  environment: string[];
  healthcheck: boolean;
}

export interface ConnectionInfo {
  from: string;
  to: string;
  /** The variable or key the connection was read from (never its value), or depends_on. */
  via: string;
  database?: string;
  file: string;
  line: number;
}

export interface SpecInfo {
  file: string;
  title?: string;
  version?: string;
  operations: number;
  securitySchemes: string[];
  servers: string[];
}

/** A topic or queue with the services that produce to it and consume from it. */
export interface TopicInfo {
  broker: string;
  /** undefined: the code does not name it with a literal. */
  topic?: string;
  producers: string[];
  consumers: string[];
}

/** Which spec belongs to which service, and how its routes in code compare. */
export interface ApiMappingInfo {
  spec: string;
  service: string;
  via: string;
  routes: number;
  undocumented: number;
  unimplemented: number;
}

export interface Architecture {
  services: ServiceInfo[];
  connections: ConnectionInfo[];
  /** Present when some service's code produces or consumes messages. */
  topics?: TopicInfo[];
  specs: SpecInfo[];
  /** Spec-to-service mapping (absent when not computed). */
  apis?: ApiMappingInfo[];
  /** What the routes-against-spec comparison left out, and why. */
  notCompared?: { path: string; reason: string }[];
}

/**
 * Services, datastores and connections from the workspace model (core/workspace), and the summaries of the
 * OpenAPI specs the analyzer read. Environment values are left out on purpose (they are where secrets live).
 */
export function describeArchitecture(models: WorkspaceModel[], specs: SpecInfo[], display: (abs: string) => string, overviews: ConsistencyOverview[] = []): Architecture {
  const services: ServiceInfo[] = [];
  const connections: ConnectionInfo[] = [];
  for (const model of models) {
    for (const s of model.services) {
      services.push({
        name: s.id,
        file: display(s.location.path),
        image: s.image?.value,
        build: s.sourceDir ? display(s.sourceDir) : s.build?.context,
        datastore: s.datastore?.kind,
        databases: s.databases,
        dependsOn: s.dependsOn.map((d) => d.service),
        ports: s.ports.map((p) => p.value),
        environment: [...new Set(s.environment.map((e) => e.name))],
        healthcheck: s.healthcheck !== undefined && !s.healthcheck.disabled,
      });
    }
    for (const e of model.edges) {
      if (e.source === 'depends_on') continue;
      connections.push({ from: e.from, to: e.to, via: e.via, database: e.database, file: display(e.location.path), line: e.location.range.start.line + 1 });
    }
  }
  const topics = topicsOf(models);
  const apis = overviews.flatMap((o) =>
    o.mappings.map((m) => {
      const c = o.comparisons.find((x) => x.dir === m.dir);
      const inSpec = c?.unimplemented.filter((u) => u.spec.source.path === m.spec).length ?? 0;
      return { spec: display(m.spec), service: m.service, via: m.via, routes: c?.routes ?? 0, undocumented: c?.undocumented.length ?? 0, unimplemented: inSpec };
    }),
  );
  const notCompared = overviews.flatMap((o) => o.skipped.map((s) => ({ path: display(s.path), reason: s.reason })));
  return { services, connections, specs, ...(topics.length ? { topics } : {}), apis, notCompared };
}

function topicsOf(models: WorkspaceModel[]): TopicInfo[] {
  const byKey = new Map<string, TopicInfo>();
  for (const m of models.flatMap((x) => x.messaging ?? [])) {
    const key = `${m.broker}|${m.topic ?? ''}`;
    let t = byKey.get(key);
    if (!t) byKey.set(key, (t = { broker: m.broker, ...(m.topic ? { topic: m.topic } : {}), producers: [], consumers: [] }));
    const list = m.role === 'producer' ? t.producers : t.consumers;
    if (!list.includes(m.service)) list.push(m.service);
  }
  return [...byKey.values()];
}

/** The architecture as compact Markdown for the system prompt and the get_architecture tool. */
export function architectureMarkdown(a: Architecture): string {
  const lines: string[] = [];
  const stores = a.services.filter((s) => s.datastore);
  const apps = a.services.filter((s) => !s.datastore);
  lines.push(`### Services (${apps.length})`);
  if (!apps.length) lines.push('- none found in compose files');
  for (const s of apps) {
    const parts = [s.image ? `image ${s.image}` : s.build ? `built from ${s.build}` : undefined, s.dependsOn.length ? `depends on ${s.dependsOn.join(', ')}` : undefined, s.ports.length ? `ports ${s.ports.join(', ')}` : undefined, s.environment.length ? `env ${s.environment.join(', ')}` : undefined, s.healthcheck ? 'healthcheck' : 'no healthcheck'];
    lines.push(`- ${s.name} (${s.file}): ${parts.filter(Boolean).join('; ')}`);
  }
  lines.push(`### Datastores (${stores.length})`);
  if (!stores.length) lines.push('- none found in compose files');
  for (const s of stores) {
    const users = [...new Set([...a.services.filter((o) => o.dependsOn.includes(s.name)).map((o) => o.name), ...a.connections.filter((c) => c.to === s.name).map((c) => c.from)])];
    lines.push(`- ${s.name}: ${s.datastore} (${s.image ?? 'built'})${s.databases.length ? `, databases ${s.databases.join(', ')}` : ''}; used by ${users.join(', ') || 'no service found'}; ${s.ports.length ? `ports ${s.ports.join(', ')}` : 'no published ports'}; ${s.healthcheck ? 'healthcheck' : 'no healthcheck'}`);
  }
  lines.push(`### Connections (${a.connections.length})`);
  if (!a.connections.length) lines.push('- none found beyond depends_on');
  for (const c of a.connections) lines.push(`- ${c.from} -> ${c.to}${c.database ? ` (database ${c.database})` : ''} via ${c.via} at ${c.file}:${c.line}`);
  if (a.topics) {
    lines.push(`### Topics and queues (${a.topics.length})`);
    for (const t of a.topics) lines.push(`- ${t.broker} ${t.topic ?? '(name not resolved in code)'}: produced by ${t.producers.join(', ') || 'no service found'}; consumed by ${t.consumers.join(', ') || 'no service found'}`);
  }
  lines.push(`### OpenAPI specs (${a.specs.length})`);
  if (!a.specs.length) lines.push('- none found');
  for (const s of a.specs) {
    lines.push(`- ${s.file}: ${s.title ?? 'untitled'} ${s.version ?? ''}; ${s.operations} operations; security schemes: ${s.securitySchemes.join(', ') || 'none'}; servers: ${s.servers.join(', ') || 'none'}`);
  }
  if (a.apis) {
    lines.push(`### API specs and the services that serve them (${a.apis.length})`);
    if (!a.apis.length) lines.push('- no spec could be given to a service: the consistency rules (undocumented-route, unimplemented-operation, auth-not-enforced) made no finding');
    for (const m of a.apis) lines.push(`- ${m.spec} -> ${m.service} (by ${m.via}): ${m.routes} routes in code, ${m.undocumented} not in a spec, ${m.unimplemented} operations without a route`);
  }
  if (a.notCompared?.length) {
    lines.push(`### Not compared with the code (${a.notCompared.length})`);
    for (const s of a.notCompared.slice(0, 20)) lines.push(`- ${s.path}: ${s.reason}`);
    if (a.notCompared.length > 20) lines.push(`- ... ${a.notCompared.length - 20} more`);
  }
  return lines.join('\n');
}
