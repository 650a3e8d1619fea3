/** What a layered layout places: boxes by their centre, edges as points, clusters as boxes. No DOM. */

export interface Point {
  x: number;
  y: number;
}

export interface Placed<N> {
  node: N;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedLink<E> {
  edge: E;
  points: Point[];
  label: string;
  labelX: number;
  labelY: number;
}

/** A group's box (a Mermaid subgraph), by its top-left corner. */
export interface PlacedCluster {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layered<N, E> {
  nodes: Placed<N>[];
  edges: PlacedLink<E>[];
  clusters?: PlacedCluster[];
  width: number;
  height: number;
  /** Which layout placed it: dagre, or the quick one for graphs above dagre's budget. */
  engine?: 'dagre' | 'quick';
}

/** Where ranks go: left to right, right to left, top to bottom, bottom to top. */
export type Direction = 'LR' | 'RL' | 'TB' | 'BT';

export interface GraphNode {
  id: string;
}

export interface GraphEdge {
  from: string;
  to: string;
}
