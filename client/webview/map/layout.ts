/** Positions for the map: dagre's layered layout, left to right. No DOM: the bench runs it in Node too. */
import dagre from '@dagrejs/dagre';
import type { MapGraphEdge, MapGraphNode } from '../../src/map/protocol';
import { quickLayout, ranksOf } from './quickLayout';

export const NODE_HEIGHT = 46;
const CHAR_WIDTH = 7.2;

export interface PlacedNode {
  node: MapGraphNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  edge: MapGraphEdge;
  points: { x: number; y: number }[];
  label: string;
  labelX: number;
  labelY: number;
}

export interface Layout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
  /** Which layout placed it: dagre, or the quick one for maps above dagre's budget. */
  engine?: 'dagre' | 'quick';
}

/**
 * Dagre's time grows with its layered graph: the nodes plus two dummy nodes per rank an edge crosses. Measured on
 * dagre 3.1.4, 100 to 300 ms at this size; bigger maps get the quick layout (see quickLayout.ts).
 */
export const DAGRE_BUDGET = 200;

/** The size of dagre's layered graph for these nodes and edges (an estimate from longest-path ranks). */
export function layeredSize(nodes: MapGraphNode[], edges: MapGraphEdge[]): number {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const rank = ranksOf(nodes.map((n) => n.id), out);
  return edges.reduce((t, e) => t + 2 * Math.abs((rank.get(e.to) ?? 0) - (rank.get(e.from) ?? 0)), nodes.length);
}

export const EDGE_KIND_LABEL = { http: 'HTTP', database: 'database', cache: 'cache', queue: 'queue' } as const;

/** The text under a node's name (its datastore, broker or scheme) and the name, each cut to fit. */
export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function edgeLabel(e: MapGraphEdge): string {
  return `${EDGE_KIND_LABEL[e.kind]}${e.database ? `: ${clip(e.database, 24)}` : ''}`;
}

export function nodeWidth(n: MapGraphNode): number {
  const longest = Math.max(clip(n.name, 32).length, clip(n.detail ?? '', 32).length);
  return Math.round(Math.min(280, Math.max(120, longest * CHAR_WIDTH + 52)));
}

export function layoutGraph(nodes: MapGraphNode[], edges: MapGraphEdge[], engine?: 'dagre' | 'quick'): Layout {
  const known = new Set(nodes.map((n) => n.id));
  const drawable = edges.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);
  if ((engine ?? (layeredSize(nodes, drawable) > DAGRE_BUDGET ? 'quick' : 'dagre')) === 'quick') {
    const quick = quickLayout(nodes, drawable, nodeWidth, NODE_HEIGHT);
    for (const e of quick.edges) e.label = edgeLabel(e.edge);
    return { ...quick, engine: 'quick' };
  }
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 90, edgesep: 14, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: nodeWidth(n), height: NODE_HEIGHT });
  const kept = drawable;
  for (const e of kept) {
    const label = edgeLabel(e);
    g.setEdge(e.from, e.to, { width: label.length * 6.2 + 8, height: 14, labelpos: 'c' });
  }
  dagre.layout(g);
  const placed = nodes.map((node) => {
    const p = g.node(node.id);
    return { node, x: p.x, y: p.y, width: p.width, height: p.height };
  });
  const placedEdges = kept.map((edge) => {
    const p = g.edge(edge.from, edge.to) as { points?: { x: number; y: number }[]; x?: number; y?: number };
    const points = p.points ?? [];
    const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { edge, points, label: edgeLabel(edge), labelX: p.x ?? mid.x, labelY: p.y ?? mid.y };
  });
  const size = g.graph() as { width?: number; height?: number };
  return { nodes: placed, edges: placedEdges, width: size.width ?? 0, height: size.height ?? 0, engine: 'dagre' };
}
