/**
 * The architecture map's graph: the workspace model shaped for drawing (services, datastores, brokers, external
 * hosts and typed edges), each node and edge with the findings that concern it. Plain JSON, editor-free: the
 * language server sends it to the map, and the CLI or the review document can reuse it.
 */
import { isInternalHost } from '../code/breakers';
import { urlTargets } from './connections';
import { attachFindings } from './graphFindings';
import type { ArchitectureGraph, GraphFinding, MapEdge, MapEdgeKind, MapLocation, MapNode, MapNodeKind } from './graphTypes';
import type { Location, WorkspaceModel } from './model';

export type * from './graphTypes';

/** More nodes than this are not sent (the map draws fewer still, see its own limit). */
export const MAX_GRAPH_NODES = 2000;

const EDGE_KIND: Record<string, MapEdgeKind> = { database: 'database', search: 'database', coordination: 'database', cache: 'cache', broker: 'queue' };
const QUEUE_SCHEMES = /^(amqps?|kafka|nats|mqtt|sqs|pulsar|redis-stream)$/;

export const toMapLocation = (l: Location): MapLocation => ({ path: l.path, line: l.range.start.line, character: l.range.start.character });

/** Brokers another part of the model may list (the messaging model); read defensively, never required. */
interface BrokerLike {
  id?: unknown;
  name?: unknown;
  kind?: unknown;
  location?: Location;
}

/** Shapes the model and the findings into the map's graph. */
export function buildGraphView(model: WorkspaceModel, findings: readonly GraphFinding[] = [], maxNodes = MAX_GRAPH_NODES): ArchitectureGraph {
  const nodes = new Map<string, MapNode>();
  for (const s of model.services) {
    const kind: MapNodeKind = s.datastore?.category === 'broker' ? 'broker' : s.datastore ? 'datastore' : 'service';
    const detail = s.datastore ? `${s.datastore.kind}${s.databases.length ? `: ${s.databases.join(', ')}` : ''}` : undefined;
    nodes.set(s.id, node(s.id, s.name, kind, s.location, detail));
  }
  const brokers = (model as { brokers?: unknown }).brokers;
  if (Array.isArray(brokers)) {
    for (const b of brokers as BrokerLike[]) {
      const id = typeof b?.id === 'string' ? b.id : typeof b?.name === 'string' ? b.name : undefined;
      if (!id || nodes.has(id)) continue;
      nodes.set(id, node(id, typeof b.name === 'string' ? b.name : id, 'broker', b.location, typeof b.kind === 'string' ? b.kind : undefined));
    }
  }
  const edges = new Map<string, MapEdge>();
  const placed = new Set<string>();
  const addEdge: AddEdge = (from, to, kind, location, database, weak) => {
    const id = `${from}->${to}`;
    let e = edges.get(id);
    if (!e) edges.set(id, (e = { id, from, to, kind, concerns: [] }));
    if (database && !e.database) e.database = database;
    // A connection found in environment or code says more than depends_on: its place wins.
    if (location && (!e.location || (!weak && !placed.has(id)))) {
      e.location = toMapLocation(location);
      if (!weak) placed.add(id);
    }
  };
  for (const e of model.edges) {
    const target = nodes.get(e.to);
    if (!target || !nodes.has(e.from) || e.from === e.to) continue;
    addEdge(e.from, e.to, edgeKind(model, e.to, target.kind), e.location, e.database, e.source === 'depends_on');
  }
  addExternalHosts(model, nodes, addEdge);
  const all = [...nodes.values()];
  const kept = all.length > maxNodes ? new Set(all.slice(0, maxNodes).map((n) => n.id)) : undefined;
  const graph: ArchitectureGraph = {
    nodes: kept ? all.filter((n) => kept.has(n.id)) : all,
    edges: [...edges.values()].filter((e) => !kept || (kept.has(e.from) && kept.has(e.to))),
    rules: [],
    elsewhere: 0,
    ...(kept ? { truncated: { total: all.length, kept: kept.size } } : {}),
  };
  attachFindings(graph, model, findings);
  return graph;
}

function node(id: string, name: string, kind: MapNodeKind, location: Location | undefined, detail?: string): MapNode {
  return { id, name, kind, ...(detail ? { detail } : {}), ...(location ? { location: toMapLocation(location) } : {}), count: 0, findings: [], concerns: [] };
}

function edgeKind(model: WorkspaceModel, to: string, kind: MapNodeKind): MapEdgeKind {
  if (kind === 'broker') return 'queue';
  const category = model.services.find((s) => s.id === to)?.datastore?.category;
  return (category && EDGE_KIND[category]) || 'http';
}

type AddEdge = (from: string, to: string, kind: MapEdgeKind, location: Location | undefined, database: string | undefined, weak: boolean) => void;

/** Hosts outside the system named by a service's environment (an API, a managed database): one node per host. */
function addExternalHosts(model: WorkspaceModel, nodes: Map<string, MapNode>, addEdge: AddEdge): void {
  const internal = new Set(model.services.flatMap((s) => [s.id, s.name, ...s.hostnames]));
  for (const s of model.services) {
    for (const env of s.environment) {
      if (!env.value) continue;
      for (const t of urlTargets(env.value)) {
        if (!t.host || isInternalHost(t.host, internal) || /^\d+(\.\d+){3}$/.test(t.host)) continue;
        const id = `external:${t.host}`;
        if (!nodes.has(id)) nodes.set(id, node(id, t.host, 'external', env.location, t.scheme));
        const kind: MapEdgeKind = /^https?$|^wss?$|^grpcs?$/.test(t.scheme) ? 'http' : QUEUE_SCHEMES.test(t.scheme) ? 'queue' : /^redis|memcache/.test(t.scheme) ? 'cache' : 'database';
        addEdge(s.id, id, kind, env.location, t.database, false);
      }
    }
  }
}
