import type { Edge, ServiceNode, WorkspaceModel } from '../../workspace/model';
import { isSideEdge, isTelemetryBackend } from '../../workspace/observability';
import { perModel } from './perModel';


export interface CallGraph {
  /** Application services (no datastores, brokers, telemetry back ends or copies of a workload in another folder). */
  services: ServiceNode[];
  /** Request-time calls between them: no depends_on, datastore, health-probe or token-issuer edges; one edge per pair. */
  calls: Map<string, Edge[]>;
  callers: Map<string, Set<string>>;
}


/** The synchronous call graph of the model's application services (built once per model). */
export function callGraph(model: WorkspaceModel): CallGraph {
  return perModel(model, 'callGraph', () => buildCallGraph(model));
}

function buildCallGraph(model: WorkspaceModel): CallGraph {
  const services = model.services.filter((s) => !s.datastore && !s.workload?.variantOf && !isTelemetryBackend(s));
  const ids = new Set(services.map((s) => s.id));
  const calls = new Map<string, Edge[]>();
  const callers = new Map<string, Set<string>>();
  const pairs = new Set<string>();
  for (const e of model.edges) {
    if (e.source === 'depends_on' || e.from === e.to || !ids.has(e.from) || !ids.has(e.to)) continue;
    const pair = `${e.from}\0${e.to}`;
    if (pairs.has(pair) || isSideEdge(e, model)) continue;
    pairs.add(pair);
    (calls.get(e.from) ?? calls.set(e.from, []).get(e.from)!).push(e);
    (callers.get(e.to) ?? callers.set(e.to, new Set()).get(e.to)!).add(e.from);
  }
  return { services, calls, callers };
}

/** Whether a service takes requests from outside the system: published ports, a Kubernetes Service or Ingress. */
export function acceptsRequests(s: ServiceNode): boolean {
  return s.ports.length > 0 || s.expose.length > 0 || (s.workload?.services.length ?? 0) > 0 || (s.workload?.ingresses.length ?? 0) > 0;
}

const MAX_STEPS = 20000;

/**
 * The longest simple path of calls from `root`, as the edges taken; of equally long ones the first by edge order.
 * Without cycles each service's longest path is found once and shared; with cycles a bounded search.
 */
export function longestChain(graph: CallGraph, root: string): Edge[] {
  return (acyclic.has(graph) ? acyclic.get(graph) : acyclic.set(graph, longestWithoutCycles(graph)).get(graph))?.(root) ?? searchLongest(graph, root);
}

const acyclic = new WeakMap<CallGraph, ((root: string) => Edge[]) | undefined>();

/** Longest paths by dynamic programming when the calls form no cycle; undefined when they do. */
function longestWithoutCycles(graph: CallGraph): ((root: string) => Edge[]) | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const cyclic = (at: string): boolean => {
    if (state.get(at) === 'done') return false;
    if (state.get(at) === 'open') return true;
    state.set(at, 'open');
    for (const e of graph.calls.get(at) ?? []) if (cyclic(e.to)) return true;
    state.set(at, 'done');
    return false;
  };
  for (const from of graph.calls.keys()) if (cyclic(from)) return undefined;
  const longest = new Map<string, Edge[]>();
  const from = (at: string): Edge[] => {
    let best = longest.get(at);
    if (best) return best;
    best = [];
    for (const e of graph.calls.get(at) ?? []) {
      const rest = from(e.to);
      if (rest.length + 1 > best.length) best = [e, ...rest];
    }
    longest.set(at, best);
    return best;
  };
  return from;
}

function searchLongest(graph: CallGraph, root: string): Edge[] {
  let best: Edge[] = [];
  let steps = 0;
  const path: Edge[] = [];
  const seen = new Set([root]);
  const walk = (at: string) => {
    if (path.length > best.length) best = [...path];
    for (const e of graph.calls.get(at) ?? []) {
      if (seen.has(e.to) || ++steps > MAX_STEPS) continue;
      seen.add(e.to);
      path.push(e);
      walk(e.to);
      path.pop();
      seen.delete(e.to);
    }
  };
  walk(root);
  return best;
}
