import { Kind, load, loadAll, type YAMLNode } from '@stoplight/yaml-ast-parser';
import { Schema } from '@stoplight/yaml-ast-parser/dist/src/schema';
import type { DataDocument, DataNode, MapEntry, MapNode, ParseProblem, ScalarNode } from './tree';

// The node kinds as constants: in the CommonJS bundle each `Kind.X` would be a getter call on the module object.
const { MAP, SEQ, SCALAR, ANCHOR_REF } = Kind;

/** How many nodes alias expansion may add before the document is refused (alias bombs). */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * The parser's default types, none of them resolved implicitly: plain scalars stay text (inferScalar types them),
 * so the parser does not match each one against the null, bool, int, float and timestamp patterns for a value we
 * never read; explicit `!!tags` resolve as before. (Loading the parser sets Schema.DEFAULT to its full schema.)
 */
const full = Schema.DEFAULT as Schema;
const TEXT_SCHEMA = new Schema({ explicit: [...full.compiledImplicit, ...full.compiledExplicit] });

class AliasBudgetExceeded extends Error {}

/**
 * Parses the first YAML document into a DataNode tree with offsets, merge keys applied.
 * The parser's duplicate-key check compares each key with every earlier sibling (quadratic in a mapping's size), so
 * the document is first read without it while the converter looks for repeated keys itself; a document with a
 * problem or a repeated (or non-scalar) key is read again with the parser's check, for exactly its problems.
 */
export function parseYaml(text: string): DataDocument {
  return read(text, true, false) ?? read(text, false, false)!;
}

/**
 * Parses every document of a YAML stream (`---` separated, as Kubernetes manifests are): the root is a sequence
 * spanning the text whose items are the documents' roots (empty documents left out), in order.
 */
export function parseYamlStream(text: string): DataDocument {
  return read(text, true, true) ?? read(text, false, true)!;
}

function loadDocs(text: string, quick: boolean, stream: boolean): YAMLNode[] {
  const opts = { ignoreDuplicateKeys: quick, schema: TEXT_SCHEMA };
  if (!stream) {
    const one = load(text, opts);
    return one ? [one] : [];
  }
  const docs: YAMLNode[] = [];
  loadAll(text, (d: YAMLNode) => docs.push(d), opts);
  return docs;
}

/** One read; undefined when `quick` and the document needs the parser's own duplicate-key check. */
function read(text: string, quick: boolean, stream: boolean): DataDocument | undefined {
  const problems: ParseProblem[] = [];
  let docs: YAMLNode[];
  try {
    docs = loadDocs(text, quick, stream);
  } catch (e) {
    if (quick) return undefined;
    problems.push({ message: `YAML could not be read: ${(e as Error).message}`, start: 0, end: 0 });
    return { root: undefined, problems, format: 'yaml' };
  }
  for (const ast of docs) {
    for (const err of ast?.errors ?? []) {
      if (err.isWarning) continue;
      const start = err.mark?.position ?? 0;
      problems.push({ message: err.reason || err.message, start, end: Math.min(text.length, start + 1) });
    }
  }
  if (quick && problems.length) return undefined;
  if (!docs.length) return { root: undefined, problems, format: 'yaml' };
  const conv = new Converter(quick);
  try {
    const roots = docs.filter((d) => d && !(stream && d.kind === SCALAR && isEmptyDocument(d))).map((d) => conv.node(d));
    const root: DataNode = stream ? { kind: 'seq', start: 0, end: text.length, items: roots } : roots[0] ?? nullScalar(0);
    if (conv.keysRepeat) return undefined;
    const doc: DataDocument = { root, problems: problems.slice(0, 1), format: 'yaml' };
    if (conv.shared) doc.shared = true;
    return doc;
  } catch (e) {
    if (!(e instanceof AliasBudgetExceeded)) throw e;
    problems.unshift({
      message: `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes (an alias bomb?); the file is not analyzed`,
      start: conv.bombAt,
      end: conv.bombAt + 1,
    });
    return { root: undefined, problems: problems.slice(0, 1), format: 'yaml' };
  }
}

class Converter {
  private readonly done = new Map<YAMLNode, DataNode>();
  private readonly sizes = new Map<DataNode, number>();
  private readonly open = new Set<YAMLNode>();
  private expanded = 0;
  bombAt = 0;
  /** Set when an alias or a merge key made a node reachable from more than one place. */
  shared = false;
  /** Set when `checkKeys` and a mapping repeats a key (as the parser compares them) or has a non-scalar key. */
  keysRepeat = false;
  constructor(private readonly checkKeys: boolean) {}

  node(n: YAMLNode | null | undefined, fallbackAt = 0): DataNode {
    if (!n) return nullScalar(fallbackAt);
    if (n.kind === ANCHOR_REF) return this.alias(n);
    // Only anchored nodes can be alias targets: only they are tracked (shared once converted, open while converting).
    const anchored = n.anchorId !== undefined;
    if (anchored) {
      const cached = this.done.get(n);
      if (cached) return cached;
      this.open.add(n);
    }
    let out: DataNode;
    if (n.kind === MAP) out = this.map(n, anchored);
    else if (n.kind === SEQ) {
      const seq = { kind: 'seq' as const, start: n.startPosition, end: n.endPosition, items: [] as DataNode[] };
      if (anchored) this.done.set(n, seq);
      for (const it of (n as { items?: YAMLNode[] }).items ?? []) seq.items.push(this.node(it, n.endPosition));
      out = seq;
    } else out = scalar(n);
    if (anchored) {
      this.open.delete(n);
      this.done.set(n, out);
    }
    return out;
  }

  private alias(n: YAMLNode): DataNode {
    const target = n.value as YAMLNode | undefined;
    if (!target || this.open.has(target)) return nullScalar(n.startPosition);
    this.shared = true;
    const node = this.node(target);
    this.expanded += this.size(node);
    if (this.expanded > MAX_ALIAS_EXPANSION) {
      this.bombAt = n.startPosition;
      throw new AliasBudgetExceeded();
    }
    return node;
  }

  private map(n: YAMLNode, anchored: boolean): MapNode {
    const map: MapNode = { kind: 'map', start: n.startPosition, end: n.endPosition, entries: [] };
    if (anchored) this.done.set(n, map);
    let merged: MapEntry[] | undefined;
    const mappings = (n.mappings ?? []) as YAMLNode[];
    if (this.checkKeys && !this.keysRepeat) this.keysRepeat = repeatsKey(mappings);
    for (const m of mappings) {
      const key = m.key ? scalar(m.key) : nullScalar(m.startPosition);
      const value = this.node(m.value, m.endPosition);
      if (key.text === '<<' && isPlain(m.key)) {
        this.shared = true;
        (merged ??= []).push(...mergeSources(value));
      }
      else map.entries.push({ key, value });
    }
    for (const e of merged ?? []) {
      if (!map.entries.some((x) => x.key.text === e.key.text)) map.entries.push({ ...e, merged: true });
    }
    return map;
  }

  private size(node: DataNode): number {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    this.sizes.set(node, 1);
    let s = 1;
    if (node.kind === 'map') for (const e of node.entries) s += 1 + this.size(e.value);
    else if (node.kind === 'seq') for (const i of node.items) s += this.size(i);
    this.sizes.set(node, s);
    return s;
  }
}

/** Whether two keys of a mapping have the same value (the parser's duplicate-key comparison), or a key is not a scalar. */
function repeatsKey(mappings: YAMLNode[]): boolean {
  if (mappings.length > 8) {
    const seen = new Set<unknown>();
    for (const m of mappings) {
      if (m.key?.kind !== SCALAR || seen.has(m.key.value)) return true;
      seen.add(m.key.value);
    }
    return false;
  }
  for (let i = 0; i < mappings.length; i++) {
    const key = mappings[i].key;
    if (key?.kind !== SCALAR) return true;
    for (let j = 0; j < i; j++) if (mappings[j].key.value === key.value) return true;
  }
  return false;
}

function mergeSources(value: DataNode): MapEntry[] {
  const sources = value.kind === 'seq' ? value.items : [value];
  const out: MapEntry[] = [];
  for (const src of sources) {
    if (src.kind !== 'map') continue;
    for (const e of src.entries) if (!out.some((x) => x.key.text === e.key.text)) out.push(e);
  }
  return out;
}

/** Only a plain `<<` is a merge key; a quoted "<<" is an ordinary string key. */
function isPlain(n: YAMLNode | null | undefined): boolean {
  return (n as { plainScalar?: boolean } | null | undefined)?.plainScalar === true;
}

/** An empty document of a stream (`---` followed by nothing or only comments). */
function isEmptyDocument(d: YAMLNode): boolean {
  return d.startPosition === d.endPosition;
}

function nullScalar(at: number): ScalarNode {
  return { kind: 'scalar', start: at, end: at, value: null, text: '' };
}

function scalar(n: YAMLNode): ScalarNode {
  const s = n as YAMLNode & { value?: unknown; rawValue?: string; plainScalar?: boolean; valueObject?: unknown };
  const text = typeof s.value === 'string' ? s.value : String(s.value ?? '');
  return { kind: 'scalar', start: n.startPosition, end: n.endPosition, value: inferScalar(text, s.plainScalar === true), text };
}

export function inferScalar(text: string, plain: boolean): ScalarNode['value'] {
  if (!plain) return text;
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?(0|[1-9][0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9]+)?$/.test(text)) return Number(text.replace(/_/g, ''));
  return text;
}
