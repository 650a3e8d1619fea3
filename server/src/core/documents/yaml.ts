import { Kind, load, loadAll, type YAMLNode } from '@stoplight/yaml-ast-parser';
import { Schema } from '@stoplight/yaml-ast-parser/dist/src/schema';
import { conflictMarkers } from './conflictMarkers';
import { keepLastOfEachKey } from './repeatedKeys';
import type { DataDocument, DataNode, MapEntry, MapNode, ParseProblem, ScalarNode } from './tree';

// The node kinds as constants: in the CommonJS bundle each `Kind.X` would be a getter call on the module object.
const { MAP, SEQ, SCALAR, ANCHOR_REF } = Kind;

/** How many nodes alias expansion may add before the document is refused (alias bombs); a fixed limit. */
export const MAX_ALIAS_EXPANSION = 100_000;

/** How deep mappings and sequences may nest before the document is refused: deeper trees would exhaust the stack. */
export const MAX_NESTING_DEPTH = 1000;

/**
 * The parser's default types, none of them resolved implicitly: plain scalars stay text (inferScalar types them),
 * so the parser does not match each one against the null, bool, int, float and timestamp patterns for a value we
 * never read; explicit `!!tags` resolve as before. (Loading the parser sets Schema.DEFAULT to its full schema.)
 */
const full = Schema.DEFAULT as Schema;
const TEXT_SCHEMA = new Schema({ explicit: [...full.compiledImplicit, ...full.compiledExplicit] });

/** Thrown by the converter when a fixed limit is hit: the document is refused with this problem. */
class Refused extends Error {
  constructor(readonly problem: ParseProblem) {
    super(problem.message);
  }
}

const tooDeep = (at: number): ParseProblem => ({
  message: `YAML nested more than ${MAX_NESTING_DEPTH} levels deep: the file is not analyzed (a fixed limit, so that reading it cannot exhaust the stack)`,
  start: at,
  end: at + 1,
});

/**
 * Parses the first YAML document into a DataNode tree with offsets, merge keys applied. A repeated key keeps its
 * last value and is reported as a recoverable problem; the parser's own duplicate-key check (quadratic in a
 * mapping's size) is off.
 */
export function parseYaml(text: string): DataDocument {
  return read(text, false);
}

/**
 * Parses every document of a YAML stream (`---` separated, as Kubernetes manifests are): the root is a sequence
 * spanning the text whose items are the documents' roots (empty documents left out), in order.
 */
export function parseYamlStream(text: string): DataDocument {
  return read(text, true);
}

/**
 * YAML 1.1's explicit merge key (`!!merge <<: *defaults`), which the parser cannot resolve, written as the plain `<<`
 * it means; the text keeps its length, so every offset stays.
 */
function withPlainMergeKeys(text: string): string {
  // Only as a block mapping's key, at the start of its line (after the indentation or a sequence's `- `).
  return text.includes('!!merge') ? text.replace(/^([ \t]*(?:-[ \t]+)?)(!!merge[ \t]+<<)(?=[ \t]*:)/gm, (_m, lead: string, key: string) => `${lead}<<${' '.repeat(key.length - 2)}`) : text;
}

function loadDocs(source: string, stream: boolean): YAMLNode[] {
  const text = withPlainMergeKeys(source);
  const opts = { ignoreDuplicateKeys: true, schema: TEXT_SCHEMA };
  if (!stream) {
    const one = load(text, opts);
    return one ? [one] : [];
  }
  const docs: YAMLNode[] = [];
  loadAll(text, (d: YAMLNode) => docs.push(d), opts);
  return docs;
}

function read(text: string, stream: boolean): DataDocument {
  const refused = (problem: ParseProblem): DataDocument => ({ root: undefined, problems: [problem], format: 'yaml' });
  const markers = conflictMarkers(text);
  if (markers.length) return { root: undefined, problems: markers, format: 'yaml' };
  let docs: YAMLNode[];
  try {
    docs = loadDocs(text, stream);
  } catch (e) {
    return refused(isStackOverflow(e) ? tooDeep(0) : { message: `YAML could not be read: ${(e as Error).message}`, start: 0, end: 0 });
  }
  const problems = parserProblems(text, docs);
  if (!docs.length) return { root: undefined, problems, format: 'yaml' };
  const conv = new Converter(text);
  try {
    const roots = docs.filter((d) => d && !(stream && d.kind === SCALAR && isEmptyDocument(d))).map((d) => conv.node(d));
    const root: DataNode = stream ? { kind: 'seq', start: 0, end: text.length, items: roots } : roots[0] ?? nullScalar(0);
    if (conv.problems.length) {
      problems.push(...conv.problems);
      problems.sort((a, b) => a.start - b.start);
    }
    const doc: DataDocument = { root, problems, format: 'yaml' };
    if (conv.shared) doc.shared = true;
    return doc;
  } catch (e) {
    if (e instanceof Refused) return refused(e.problem);
    if (isStackOverflow(e)) return refused(tooDeep(0));
    throw e;
  }
}

const isStackOverflow = (e: unknown) => e instanceof RangeError && /call stack/i.test(e.message);

/**
 * The parser's errors and warnings worth saying: the first error (the next ones follow from it), each line indented
 * with a tab (the parser only warns, then misreads what follows), and its other warnings as recoverable warnings.
 */
function parserProblems(text: string, docs: YAMLNode[]): ParseProblem[] {
  const problems: ParseProblem[] = [];
  let errorSaid = false;
  const tabsSaid = new Set<number>();
  for (const ast of docs) {
    for (const err of ast?.errors ?? []) {
      const at = err.mark?.position ?? 0;
      const reason = err.reason || err.message;
      if (LOCAL_TAG.test(reason)) continue;
      if (!err.isWarning) {
        if (!errorSaid) problems.push({ message: reason, start: at, end: Math.min(text.length, at + 1) });
        errorSaid = true;
      } else if (/tabs/i.test(reason)) {
        const tab = indentingTab(text, at);
        if (tab === undefined || tabsSaid.has(tab)) continue;
        tabsSaid.add(tab);
        problems.push({ message: TAB_INDENT, start: tab, end: tab + 1 });
      } else {
        problems.push({ message: `YAML warning: ${reason}`, start: at, end: Math.min(text.length, at + 1), recoverable: true, warning: true });
      }
    }
  }
  return problems.sort((a, b) => a.start - b.start);
}

/**
 * An application's own `!tag` (Compose's `!reset` and `!override`, CloudFormation's `!Ref`): YAML leaves its meaning
 * to the application, and the parser still reads the node under it, so it is no syntax error.
 */
const LOCAL_TAG = /^unknown tag <![^!<>]*>$/;

const TAB_INDENT = 'A tab indents this line, and YAML indents with spaces only: this line and the lines under it are not read as written (often as nothing at all); indent with spaces';

/** The first tab in the indentation of the line holding `at`; undefined when the indentation has none (a tab after `key:` is fine) or the line is blank or a comment. */
function indentingTab(text: string, at: number): number | undefined {
  let i = text.lastIndexOf('\n', at - 1) + 1;
  let tab: number | undefined;
  for (; text[i] === ' ' || text[i] === '\t'; i++) if (tab === undefined && text[i] === '\t') tab = i;
  const next = text[i];
  return next === undefined || next === '\n' || next === '\r' || next === '#' ? undefined : tab;
}

class Converter {
  private readonly done = new Map<YAMLNode, DataNode>();
  private readonly sizes = new Map<DataNode, number>();
  private readonly open = new Set<YAMLNode>();
  private expanded = 0;
  private depth = 0;
  /** Set when an alias or a merge key made a node reachable from more than one place. */
  shared = false;
  /** Recoverable problems found while converting (repeated keys). */
  readonly problems: ParseProblem[] = [];
  constructor(private readonly text: string) {}

  node(n: YAMLNode | null | undefined, fallbackAt = 0): DataNode {
    if (!n) return nullScalar(fallbackAt);
    if (n.kind === ANCHOR_REF) return this.alias(n);
    const nests = n.kind === MAP || n.kind === SEQ;
    if (nests && ++this.depth > MAX_NESTING_DEPTH) throw new Refused(tooDeep(n.startPosition));
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
    if (nests) this.depth--;
    return out;
  }

  private alias(n: YAMLNode): DataNode {
    const target = n.value as YAMLNode | undefined;
    if (!target || this.open.has(target)) return nullScalar(n.startPosition);
    this.shared = true;
    const node = this.node(target);
    this.expanded += this.size(node);
    if (this.expanded > MAX_ALIAS_EXPANSION) {
      const message = `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes (an alias bomb?): the file is not analyzed (a fixed limit, so that reading it cannot exhaust memory)`;
      throw new Refused({ message, start: n.startPosition, end: n.startPosition + 1 });
    }
    return node;
  }

  private map(n: YAMLNode, anchored: boolean): MapNode {
    const map: MapNode = { kind: 'map', start: n.startPosition, end: n.endPosition, entries: [] };
    if (anchored) this.done.set(n, map);
    let merged: MapEntry[] | undefined;
    const mappings = (n.mappings ?? []) as YAMLNode[];
    for (const m of mappings) {
      const key = this.key(m);
      const value = this.node(m.value, m.endPosition);
      if (key.text === '<<' && isPlain(m.key)) {
        this.shared = true;
        (merged ??= []).push(...mergeSources(value));
      }
      else map.entries.push({ key, value });
    }
    if (repeatsKey(mappings)) keepLastOfEachKey(map, this.text, this.problems, 'most YAML loaders');
    for (const e of merged ?? []) {
      if (!map.entries.some((x) => x.key.text === e.key.text)) map.entries.push({ ...e, merged: true });
    }
    return map;
  }

  /** A mapping entry's key; a non-scalar key (`? [a, b]`) is known by its source text. */
  private key(m: YAMLNode): ScalarNode {
    if (!m.key) return nullScalar(m.startPosition);
    if (m.key.kind === SCALAR) return scalar(m.key);
    this.node(m.key); // for its own problems (a repeated key inside it)
    const { startPosition: start, endPosition: end } = m.key;
    return { kind: 'scalar', start, end, value: null, text: this.text.slice(start, end) };
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

/** A cheap first look: whether two keys of a mapping may be the same (merge keys aside), or a key is not a scalar. */
function repeatsKey(mappings: YAMLNode[]): boolean {
  if (mappings.length < 2) return false;
  const keyed = (m: YAMLNode) => !(m.key.value === '<<' && isPlain(m.key));
  if (mappings.length > 8) {
    const seen = new Set<unknown>();
    for (const m of mappings) {
      if (m.key?.kind !== SCALAR) return true;
      if (!keyed(m)) continue;
      if (seen.has(m.key.value)) return true;
      seen.add(m.key.value);
    }
    return false;
  }
  for (let i = 0; i < mappings.length; i++) {
    const key = mappings[i].key;
    if (key?.kind !== SCALAR) return true;
    if (!keyed(mappings[i])) continue;
    for (let j = 0; j < i; j++) if (keyed(mappings[j]) && mappings[j].key.value === key.value) return true;
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
