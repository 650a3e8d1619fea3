/**
 * The layered layout the architecture map and the chat's Mermaid diagrams share: dagre within its budget, the quick
 * layout (quickLayout.ts) above it, in any of the four directions. No DOM: the bench and unit tests run it in Node.
 */
import dagre from '@dagrejs/dagre';
import { quickLayout, ranksOf } from './quickLayout';
import type { Direction, GraphEdge, GraphNode, Layered, Placed, PlacedCluster, Point } from './types';

/**
 * Dagre's time grows with its layered graph: the nodes plus two dummy nodes per rank an edge crosses. Measured on
 * dagre 3.1.4, 100 to 300 ms at this size; bigger graphs get the quick layout.
 */
export const DAGRE_BUDGET = 200;

/** Room above a cluster's first rank for its title. */
const CLUSTER_TITLE = 18;

export interface LayeredOptions<N, E> {
  size: (n: N) => { width: number; height: number };
  label: (e: E) => string;
  direction?: Direction;
  engine?: 'dagre' | 'quick';
  nodesep?: number;
  ranksep?: number;
  /** Groups (dagre only): each node's or group's enclosing group, by id. */
  parents?: ReadonlyMap<string, string>;
}

/** The size of dagre's layered graph for these nodes and edges (an estimate from longest-path ranks). */
export function layeredSize(nodes: GraphNode[], edges: GraphEdge[]): number {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const rank = ranksOf(nodes.map((n) => n.id), out);
  return edges.reduce((t, e) => t + 2 * Math.abs((rank.get(e.to) ?? 0) - (rank.get(e.from) ?? 0)), nodes.length);
}

export const labelWidth = (text: string): number => (text ? text.length * 6.2 + 8 : 0);

export function layered<N extends GraphNode, E extends GraphEdge>(nodes: N[], edges: E[], o: LayeredOptions<N, E>): Layered<N, E> {
  const known = new Set(nodes.map((n) => n.id));
  const drawable = edges.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);
  const engine = o.engine ?? (layeredSize(nodes, drawable) > DAGRE_BUDGET ? 'quick' : 'dagre');
  const laid = engine === 'quick' ? quick(nodes, drawable, o) : withDagre(nodes, drawable, o);
  for (const e of laid.edges) e.label = o.label(e.edge);
  return { ...laid, engine };
}

function withDagre<N extends GraphNode, E extends GraphEdge>(nodes: N[], edges: E[], o: LayeredOptions<N, E>): Layered<N, E> {
  const clusters = [...new Set(o.parents?.values() ?? [])].filter((id) => !nodes.some((n) => n.id === id));
  const g = new dagre.graphlib.Graph({ multigraph: true, compound: clusters.length > 0 });
  g.setGraph({ rankdir: o.direction ?? 'LR', nodesep: o.nodesep ?? 28, ranksep: o.ranksep ?? 90, edgesep: 14, marginx: 20, marginy: 20 + (clusters.length ? CLUSTER_TITLE : 0) });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { ...o.size(n) });
  for (const c of clusters) g.setNode(c, {});
  for (const [child, parent] of o.parents ?? []) if (g.hasNode(child) && clusters.includes(parent)) g.setParent(child, parent);
  edges.forEach((e, i) => g.setEdge(e.from, e.to, { width: labelWidth(o.label(e)), height: o.label(e) ? 14 : 0, labelpos: 'c' }, String(i)));
  dagre.layout(g);
  const placed = nodes.map((node) => {
    const p = g.node(node.id);
    return { node, x: p.x, y: p.y, width: p.width, height: p.height };
  });
  const placedEdges = edges.map((edge, i) => {
    const p = g.edge(edge.from, edge.to, String(i)) as { points?: Point[]; x?: number; y?: number };
    const points = p.points ?? [];
    const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { edge, points, label: '', labelX: p.x ?? mid.x, labelY: p.y ?? mid.y };
  });
  const boxes: PlacedCluster[] = clusters.map((id) => {
    const p = g.node(id);
    return { id, x: p.x - p.width / 2, y: p.y - p.height / 2 - CLUSTER_TITLE, width: p.width, height: p.height + CLUSTER_TITLE };
  });
  const size = g.graph() as { width?: number; height?: number };
  return { nodes: placed, edges: placedEdges, clusters: boxes, width: size.width ?? 0, height: size.height ?? 0 };
}

/** The quick layout runs left to right; other directions are that layout turned or mirrored. */
function quick<N extends GraphNode, E extends GraphEdge>(nodes: N[], edges: E[], o: LayeredOptions<N, E>): Layered<N, E> {
  const dir = o.direction ?? 'LR';
  const vertical = dir === 'TB' || dir === 'BT';
  const sizes = new Map(nodes.map((n) => [n.id, o.size(n)]));
  const across = (n: N) => (vertical ? sizes.get(n.id)!.height : sizes.get(n.id)!.width);
  const along = Math.max(0, ...nodes.map((n) => (vertical ? sizes.get(n.id)!.width : sizes.get(n.id)!.height)));
  const laid = quickLayout(nodes, edges, across, along);
  if (dir === 'LR') return laid;
  const width = vertical ? laid.height : laid.width;
  const height = vertical ? laid.width : laid.height;
  const turn = (p: Point): Point => {
    const q = vertical ? { x: p.y, y: p.x } : p;
    return { x: dir === 'RL' ? width - q.x : q.x, y: dir === 'BT' ? height - q.y : q.y };
  };
  const placed: Placed<N>[] = laid.nodes.map((p) => ({ ...p, ...turn(p), ...sizes.get(p.node.id)! }));
  const placedEdges = laid.edges.map((e) => {
    const mid = turn({ x: e.labelX, y: e.labelY });
    return { ...e, points: e.points.map(turn), labelX: mid.x, labelY: mid.y };
  });
  return { nodes: placed, edges: placedEdges, width, height };
}
