/** The architecture map's graph as plain JSON (see graphView.ts): shared by the server, the map and its tests. */
import type { Severity } from '../findings';
import type { Range } from '../text/lineIndex';

/** What the map needs of a finding (a core Finding, or one read back from a published diagnostic). */
export interface GraphFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  range: Range;
  related?: { path: string; range: Range }[];
}

export type MapNodeKind = 'service' | 'datastore' | 'broker' | 'external';
export type MapEdgeKind = 'http' | 'database' | 'cache' | 'queue';

/** A place a node or an edge is defined: absolute path, 0-based line and character. */
export interface MapLocation {
  path: string;
  line: number;
  character: number;
}

export interface MapFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: MapLocation;
}

/** A system-level concern drawn on a node or an edge (shared database, calls without breakers, single replica). */
export interface MapConcern {
  ruleId: string;
  label: string;
}

export interface MapNode {
  id: string;
  name: string;
  kind: MapNodeKind;
  /** What it runs: the datastore's kind and its databases, the broker's kind, the external host's scheme. */
  detail?: string;
  location?: MapLocation;
  /** How many findings concern it, and the first of them (at most MAX_NODE_FINDINGS). */
  count: number;
  findings: MapFinding[];
  worst?: Severity;
  concerns: MapConcern[];
}

export interface MapEdge {
  id: string;
  from: string;
  to: string;
  kind: MapEdgeKind;
  /** The database named on the connection, if any. */
  database?: string;
  location?: MapLocation;
  concerns: MapConcern[];
}

export interface ArchitectureGraph {
  nodes: MapNode[];
  edges: MapEdge[];
  /** Every finding counted on some node, by rule and severity (for the map's filters). */
  rules: string[];
  /** Findings on no node of the map (an API spec outside every service folder, a config file). */
  elsewhere: number;
  /** Set when the model had more nodes than the graph keeps. */
  truncated?: { total: number; kept: number };
}

