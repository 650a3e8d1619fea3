/** Positions for the map: the shared layered layout (dagre, or the quick one for big maps), left to right. No DOM. */
import { layered } from '../../src/diagram/layered';
import { clip } from '../../src/diagram/path';
import type { Layered, Placed, PlacedLink } from '../../src/diagram/types';
import type { MapGraphEdge, MapGraphNode } from '../../src/map/protocol';

export const NODE_HEIGHT = 46;
const CHAR_WIDTH = 7.2;

export type PlacedNode = Placed<MapGraphNode>;
export type PlacedEdge = PlacedLink<MapGraphEdge>;
export type Layout = Layered<MapGraphNode, MapGraphEdge>;

export const EDGE_KIND_LABEL = { http: 'HTTP', database: 'database', cache: 'cache', queue: 'queue' } as const;

export function edgeLabel(e: MapGraphEdge): string {
  return `${EDGE_KIND_LABEL[e.kind]}${e.database ? `: ${clip(e.database, 24)}` : ''}`;
}

/** Wide enough for the name and the text under it (its datastore, broker or scheme), each cut to fit. */
export function nodeWidth(n: MapGraphNode): number {
  const longest = Math.max(clip(n.name, 32).length, clip(n.detail ?? '', 32).length);
  return Math.round(Math.min(280, Math.max(120, longest * CHAR_WIDTH + 52)));
}

export function layoutGraph(nodes: MapGraphNode[], edges: MapGraphEdge[], engine?: 'dagre' | 'quick'): Layout {
  return layered(nodes, edges, { size: (n) => ({ width: nodeWidth(n), height: NODE_HEIGHT }), label: edgeLabel, direction: 'LR', engine });
}
