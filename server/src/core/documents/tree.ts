/**
 * The parsed shape of a YAML or JSON document, with source offsets (UTF-16) on every node.
 * Aliases are shared nodes; merge keys are already applied to the mappings that use them.
 */
export type DataNode = MapNode | SeqNode | ScalarNode;

interface NodeBase {
  start: number;
  end: number;
}

export interface MapEntry {
  key: ScalarNode;
  value: DataNode;
  /** True when the entry came from a `<<` merge key, not written in this mapping. */
  merged?: boolean;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  entries: MapEntry[];
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: DataNode[];
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** The text as written, without quotes. */
  text: string;
}

export function isMap(n: DataNode | undefined): n is MapNode {
  return n?.kind === 'map';
}

export function isSeq(n: DataNode | undefined): n is SeqNode {
  return n?.kind === 'seq';
}

export function isScalar(n: DataNode | undefined): n is ScalarNode {
  return n?.kind === 'scalar';
}

const INDEXED = 24;
const keyIndex = new WeakMap<MapNode, Map<string, MapEntry>>();

/** A mapping that answers key questions itself: the JSON fast path's, from its parsed object (documents/jsonLazy.ts). */
interface KeyedMap extends MapNode {
  lookup(key: string): MapEntry | undefined;
  hasKey(key: string): boolean;
}

const isKeyed = (map: MapNode): map is KeyedMap => 'lookup' in map;

/** Whether a mapping has the key (on the JSON fast path, without making a node for it). */
export function hasKey(map: DataNode | undefined, key: string): boolean {
  if (!isMap(map)) return false;
  return isKeyed(map) ? map.hasKey(key) : entry(map, key) !== undefined;
}

export function entry(map: DataNode | undefined, key: string): MapEntry | undefined {
  if (!isMap(map)) return undefined;
  if (isKeyed(map)) return map.lookup(key);
  const list = map.entries;
  if (list.length > INDEXED) {
    // Large mappings (components, paths) are looked up by key many times: index them once (first entry wins).
    let index = keyIndex.get(map);
    if (!index) {
      index = new Map();
      for (const e of list) if (!index.has(e.key.text)) index.set(e.key.text, e);
      keyIndex.set(map, index);
    }
    return index.get(key);
  }
  for (const e of list) if (e.key.text === key) return e;
  return undefined;
}

export function get(map: DataNode | undefined, key: string): DataNode | undefined {
  return entry(map, key)?.value;
}

/** Follows a path of keys and indexes; undefined as soon as a step is missing. */
export function at(node: DataNode | undefined, ...path: (string | number)[]): DataNode | undefined {
  let cur = node;
  for (const step of path) {
    if (typeof step === 'number') cur = isSeq(cur) ? cur.items[step] : undefined;
    else cur = get(cur, step);
    if (!cur) return undefined;
  }
  return cur;
}

export function str(node: DataNode | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

export function entries(node: DataNode | undefined): MapEntry[] {
  return isMap(node) ? node.entries : [];
}

export function items(node: DataNode | undefined): DataNode[] {
  return isSeq(node) ? node.items : [];
}

/** Plain JavaScript value of a node (for config validation); aliases are shared, not copied. */
export function toPlain(node: DataNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const e of node.entries) out[e.key.text] = toPlain(e.value);
  return out;
}

export interface ParseProblem {
  message: string;
  start: number;
  end: number;
  /** The rest of the file was still read as written (a repeated key, a harmless parser warning): the rules run too. */
  recoverable?: boolean;
  /** Reported as a warning, not an error (the file is read as other tools read it). */
  warning?: boolean;
}

/** Whether a document can be analyzed: it has a root and none of its problems made the parser misread it. */
export function isReadable(doc: DataDocument): doc is DataDocument & { root: DataNode } {
  return doc.root !== undefined && doc.problems.every((p) => p.recoverable);
}

export interface DataDocument {
  /** The first document's root; undefined when the text is empty or unparseable. */
  root: DataNode | undefined;
  problems: ParseProblem[];
  format: 'yaml' | 'json';
  /** Some nodes are reached from more than one place (YAML aliases or merge keys). */
  shared?: boolean;
}
