// Typing inside one YAML scalar (a description, a name, a number) changes neither the document's structure nor any
// other value: the previous tree is patched (that scalar's text and value, every later offset shifted) instead of
// parsing the whole text again. Anything else returns undefined and the caller parses.
import { changedSpan } from '../text/changedSpan';
import type { DataNode, MapNode, ScalarNode, SeqNode } from './tree';
import { inferScalar } from './yaml';

/** A tree kept for patching: the text it was parsed from, and a root without shared nodes (no aliases or merges). */
export interface EditableYaml {
  text: string;
  root: MapNode | SeqNode;
}

/**
 * The tree of `text`, made from `kept` when the only change is inside one single-line value scalar and the scalar
 * stays one (same style, no new structure). The kept tree is changed in place; the root returned is a new object,
 * so caches keyed by the old root miss. Undefined when the text must be parsed.
 */
export function patchYaml(kept: EditableYaml, text: string): MapNode | SeqNode | undefined {
  if (kept.text === text) return undefined;
  const edit = changedSpan(kept.text, text);
  const scalar = valueScalarAt(kept.root, edit.start, edit.oldEnd);
  if (!scalar || !contextAllows(kept.text, scalar)) return undefined;
  const delta = edit.newEnd - edit.oldEnd;
  const raw = text.slice(scalar.start, scalar.end + delta);
  const read = readScalar(raw);
  if (!read) return undefined;
  shift(kept.root, edit.oldEnd, delta);
  scalar.text = read.text;
  scalar.value = read.plain ? inferScalar(read.text, true) : read.text;
  return { ...kept.root };
}

/** The value scalar (a mapping's value or a sequence item, not a key) holding the edit, past its first character. */
function valueScalarAt(root: DataNode, start: number, oldEnd: number): ScalarNode | undefined {
  let node: DataNode | undefined = root;
  while (node) {
    if (node.start > start || node.end < oldEnd) return undefined;
    if (node.kind === 'scalar') return node.start < start ? node : undefined;
    node = node.kind === 'map' ? valueHolding(node, start) : itemHolding(node.items, start);
  }
  return undefined;
}

function valueHolding(map: MapNode, at: number): DataNode | undefined {
  let best: DataNode | undefined;
  for (const e of map.entries) {
    if (e.merged || e.key.start > at) continue;
    // Only past the key: an edit of the key itself (or of the space before the value) is no value edit.
    best = e.value.start >= e.key.end ? e.value : undefined;
  }
  return best;
}

function itemHolding(items: DataNode[], at: number): DataNode | undefined {
  let best: DataNode | undefined;
  for (const it of items) if (it.start <= at) best = it;
  return best;
}

/** The scalar is on one line, untagged and unanchored: what precedes it is a `:`, `-`, `[`, `{` or `,`. */
function contextAllows(text: string, s: ScalarNode): boolean {
  for (let i = s.start; i < s.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return false;
  }
  let i = s.start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && ':-[{,'.includes(text[i]);
}

/** Text of a single-line scalar written as `raw`, or undefined when `raw` would not read back as that one scalar. */
function readScalar(raw: string): { text: string; plain: boolean } | undefined {
  // Only printable characters the parser takes as they are (no controls, no surrogates, no BOM).
  if (raw === '' || /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]/.test(raw)) return undefined;
  const q = raw[0];
  if (q === '"' || q === "'") {
    if (raw.length < 2 || raw[raw.length - 1] !== q) return undefined;
    const inner = raw.slice(1, -1);
    // No escapes and no quote inside: the text is exactly what is written.
    return inner.includes(q) || inner.includes('\\') ? undefined : { text: inner, plain: false };
  }
  if (/^[\s\-?:,[\]{}#&*!|>%@`]/.test(raw) || /[\s:]$/.test(raw)) return undefined;
  if (/[,[\]{}]|:\s|\s#|\t/.test(raw)) return undefined;
  return { text: raw, plain: true };
}

/**
 * Moves every offset at or past `from` by `delta` (the tree has no shared nodes: each is visited once). A node
 * ending before `from` has nothing to move, except that the parser gives some mappings (`{}`) an end of -1.
 */
function shift(node: DataNode, from: number, delta: number): void {
  if (node.end < from && node.end >= 0) return;
  if (node.start >= from) node.start += delta;
  if (node.end >= from) node.end += delta;
  if (node.kind === 'map') {
    for (const e of node.entries) {
      shift(e.key, from, delta);
      shift(e.value, from, delta);
    }
  } else if (node.kind === 'seq') for (const it of node.items) shift(it, from, delta);
}
