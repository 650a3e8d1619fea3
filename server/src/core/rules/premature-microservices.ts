import { holdsSharedData } from '../compose/images';
import type { ServiceNode, WorkspaceModel } from '../workspace/model';
import { callGraph } from './system/graph';
import { byPath, perModel } from './system/perModel';
import type { Report, Rule } from './types';
import { isLoadToolName } from './kubernetes/workloads';

const DEFAULTS = { minServices: 5, medianLines: 500, coupledShare: 0.5 };

/** A load generator by its name, its image's last part or its code folder's (see scope.md). */
function isLoadGeneratorNode(s: ServiceNode): boolean {
  const image = s.image?.value.replace(/[@:][^/]*$/, '').split('/').pop();
  return [s.name, image, s.sourceDir?.split(/[\\/]/).pop()].some((n) => !!n && isLoadToolName(n));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

/**
 * Many small services that are tightly coupled: at least `minServices` services with code whose median size is
 * at most `medianLines` non-blank lines, most of them sharing a database or calling one another synchronously.
 * One finding per deployment (compose project or manifest folder), on its first service.
 */
export const prematureMicroservices: Rule = {
  id: 'premature-microservices',
  kinds: ['compose', 'kubernetes'],
  defaultSeverity: 'information',
  title: 'A small system is split into many coupled services',
  description:
    'Every service adds a deployment, a network hop, its own failure modes and its own dashboards. When the services are a few hundred lines each and still share a database or call one another for most requests, the split buys the costs of a distributed system without its independence. Start with a modular monolith while the team is small, and split out a service when a part needs its own scaling, release cadence or team.',
  check(ctx) {
    const model = ctx.model;
    if (!model) return [];
    const t: Thresholds = { ...DEFAULTS, ...Object.fromEntries(Object.entries(ctx.options.thresholds?.['premature-microservices'] ?? {}).filter(([, v]) => v !== undefined)) };
    return perModel(model, `premature-microservices:${JSON.stringify(t)}`, () => findings(model, t)).get(ctx.source.path) ?? [];
  },
};

type Thresholds = typeof DEFAULTS;

/** One report per deployment (project) of many small coupled services, by the path of its first service. */
/** A reverse proxy that serves the browser's code, and a load generator (test tooling), are no services of the split. */
const counted = (s: ServiceNode) => !!s.codeLines && !s.reverseProxy && !isLoadGeneratorNode(s);

function findings(model: WorkspaceModel, t: Thresholds): Map<string, Report[]> {
  // Most systems have too few services with code for the rule: say so before building the call graph.
  const withCode = new Map<string, number>();
  for (const s of model.services) if (counted(s)) withCode.set(s.project, (withCode.get(s.project) ?? 0) + 1);
  if (![...withCode.values()].some((n) => n >= t.minServices)) return new Map();
  const graph = callGraph(model);
  const byId = new Map(model.services.map((s) => [s.id, s]));
  const out: { path: string; item: Report }[] = [];
  const projects = new Map<string, ServiceNode[]>();
  for (const s of graph.services) if (counted(s)) (projects.get(s.project) ?? projects.set(s.project, []).get(s.project)!).push(s);
  for (const all of projects.values()) {
    // Services built from the same code (replicas written out one by one) are one service.
    const one = new Map<string, string>();
    const firstByCode = new Map<string, string>();
    const services = all.filter((s) => {
      const code = s.sourceDir ?? s.image?.value ?? s.id;
      const first = firstByCode.get(code);
      one.set(s.id, first ?? s.id);
      if (first === undefined) firstByCode.set(code, s.id);
      return first === undefined;
    });
    if (services.length < t.minServices) continue;
    const typical = median(services.map((s) => s.codeLines!));
    if (typical > t.medianLines) continue;
    const ids = new Set(all.map((s) => s.id));
    // Datastores used by two or more of these services (a broker decouples them: not counted), and the services that call or are called by another.
    const users = new Map<string, Set<string>>();
    const sharable = (id: string) => { const d = byId.get(id)?.datastore; return !!d && holdsSharedData(d.category); };
    // Keyed by datastore and database: services with a database each on one server share no data.
    for (const e of model.edges) {
      if (e.source === 'depends_on' || !ids.has(e.from) || !sharable(e.to)) continue; // start order is not use
      const key = `${e.to}\u0000${e.database ?? ''}`;
      users.set(key, (users.get(key) ?? new Set()).add(one.get(e.from)!));
    }
    const shared = [...users].filter(([, u]) => u.size >= 2).sort((a, b) => b[1].size - a[1].size);
    const calling = new Set<string>();
    for (const [from, edges] of graph.calls) for (const e of edges) if (ids.has(from) && ids.has(e.to) && one.get(from) !== one.get(e.to)) calling.add(one.get(from)!).add(one.get(e.to)!);
    const coupled = new Set([...calling, ...shared.flatMap(([, u]) => [...u])]);
    if (coupled.size / services.length < t.coupledShare) continue;
    const name = (id: string) => byId.get(id)!.name;
    const sizes = services.map((s: ServiceNode) => `${s.name} ${s.codeLines}`).join(', ');
    const storeName = (key: string) => {
      const [id, database] = key.split('\u0000');
      return database ? `database '${database}' on ${name(id)}` : name(id);
    };
    const store = shared[0] ? ` ${shared[0][1].size} of them share ${storeName(shared[0][0])} (${[...shared[0][1]].map(name).join(', ')});` : '';
    const calls = calling.size ? ` ${calling.size} take part in synchronous calls between services;` : '';
    out.push({
      path: services[0].location.path,
      item: {
        message: `${services.length} services with a median of ${typical} lines of code each (${sizes}):${store}${calls} the system pays for a distributed architecture (deployments, network hops, partial failures) without independent parts. Consider a modular monolith while the team is small, and split out a service when a part needs its own scaling, release cadence or team.`,
        at: { start: services[0].location.start, end: services[0].location.end },
        related: services.map((s) => ({ path: s.location.path, range: s.location.range, message: `${s.name}: ${s.codeLines} lines of code` })),
      },
    });
  }
  return byPath(out);
}
