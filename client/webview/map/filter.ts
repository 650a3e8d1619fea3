/** Which nodes the map draws: the rule and severity filters, the search, and the limit on drawn nodes. No DOM. */
import type { MapGraph, MapGraphEdge, MapGraphNode } from '../../src/map/protocol';

/** More nodes than this are not drawn at once (a notice says so; the filters and the search narrow them). */
export const DRAW_LIMIT = 150;
const RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

export interface Filters {
  /** A rule id, or '' for every rule. */
  rule: string;
  /** 'any', or the least severe worst finding a node must have. */
  severity: 'any' | keyof typeof RANK;
  search: string;
}

export const NO_FILTERS: Filters = { rule: '', severity: 'any', search: '' };

export interface Visible {
  nodes: MapGraphNode[];
  edges: MapGraphEdge[];
  /** Nodes the filters let through before the limit. */
  matching: number;
  notice: string;
}

export function matchesSearch(n: MapGraphNode, search: string): boolean {
  const q = search.trim().toLowerCase();
  return !!q && (n.name.toLowerCase().includes(q) || n.id.toLowerCase().includes(q));
}

function passes(n: MapGraphNode, f: Filters): boolean {
  const found = f.rule ? n.findings.filter((x) => x.ruleId === f.rule) : n.findings;
  if (f.rule && !found.length && !n.concerns.some((c) => c.ruleId === f.rule)) return false;
  if (f.severity === 'any') return true;
  return found.some((x) => RANK[x.severity] <= RANK[f.severity as keyof typeof RANK]);
}

export function visibleGraph(graph: MapGraph, f: Filters, limit = DRAW_LIMIT): Visible {
  let nodes = graph.nodes.filter((n) => passes(n, f));
  const matching = nodes.length;
  // Too many to draw: the search narrows what is drawn instead of only highlighting.
  if (nodes.length > limit && f.search.trim()) nodes = nodes.filter((n) => matchesSearch(n, f.search));
  const total = graph.truncated?.total ?? graph.nodes.length;
  let notice = '';
  if (nodes.length > limit) {
    notice = `Showing the first ${limit} of ${nodes.length.toLocaleString('en-US')} nodes: filter by rule or severity, or search, to see the others.`;
    nodes = nodes.slice(0, limit);
  } else if (graph.truncated) notice = `The server sent ${graph.truncated.kept.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} nodes.`;
  const drawn = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => drawn.has(e.from) && drawn.has(e.to));
  return { nodes, edges, matching, notice };
}
