import type { SourceFile } from '../documents/source';
import type { MapEntry, MapNode } from '../documents/tree';
import type { OffsetEdit } from './types';

export type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

const SAFE_PLAIN = /^[A-Za-z0-9_][\w./-]*$/;
const LOOKS_TYPED = /^([-+]?[0-9][0-9_.eE+-]*|true|false|null|yes|no|on|off|y|n|~)$/i;

/** Written forms of recent strings: fixes write the same keys and values (name, in, schema, type) many times. */
const written = new Map<string, string>();

function yamlScalar(v: string | number | boolean | null): string {
  if (typeof v !== 'string') return String(v);
  let out = written.get(v);
  if (out === undefined) {
    out = SAFE_PLAIN.test(v) && !LOOKS_TYPED.test(v) ? v : JSON.stringify(v);
    if (written.size >= 1024) written.clear();
    written.set(v, out);
  }
  return out;
}

const isScalarValue = (v: Plain): v is string | number | boolean | null => v === null || typeof v !== 'object';
const flowList = (list: Plain[]) => `[${list.map((v) => JSON.stringify(v)).join(', ')}]`;

/** Block YAML for a value at an indentation, one key per line (inline JSON-style flow for scalar lists). */
export function toYaml(value: Plain, indent: string, step: string, eol: string): string[] {
  const out: string[] = [];
  emitYaml(value, indent, step, out);
  return out;
}

function emitYaml(value: Plain, indent: string, step: string, out: string[]): void {
  if (Array.isArray(value)) {
    if (value.every(isScalarValue)) {
      out.push(flowList(value));
      return;
    }
    for (const v of value) {
      const first = out.length;
      emitYaml(v, indent + step, step, out);
      out[first] = `${indent}- ${out[first].trimStart()}`;
    }
    return;
  }
  if (value === null || typeof value !== 'object') {
    out.push(yamlScalar(value));
    return;
  }
  for (const k of Object.keys(value)) emitEntry(k, value[k], indent, step, out);
}

/** `key: value` as block YAML lines (what toYaml gives for `{ [key]: value }`). */
function emitEntry(k: string, v: Plain, indent: string, step: string, out: string[]): void {
  if (isScalarValue(v)) out.push(`${indent}${yamlScalar(k)}: ${yamlScalar(v)}`);
  else if (Array.isArray(v) && v.length > 0 && v.every(isScalarValue)) out.push(`${indent}${yamlScalar(k)}: ${flowList(v)}`);
  else if (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0) out.push(`${indent}${yamlScalar(k)}: ${Array.isArray(v) ? '[]' : '{}'}`);
  else {
    out.push(`${indent}${yamlScalar(k)}:`);
    emitYaml(v, indent + step, step, out);
  }
}

function entryLines(key: string, value: Plain, indent: string, step: string): string[] {
  const out: string[] = [];
  emitEntry(key, value, indent, step, out);
  return out;
}

function indentOf(source: SourceFile, offset: number): string {
  // Scans only the leading blanks: a minified JSON file is one multi-megabyte line.
  const start = source.lines.lineStart(source.lines.positionAt(offset).line);
  const t = source.text;
  let i = start;
  while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
  return t.slice(start, i);
}

/** Joins edits that insert at the same offset into one, keeping their order. */
export function mergeInserts(edits: OffsetEdit[]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && last.start === last.end && e.start === e.end && last.start === e.start) last.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** The end of a node without the line breaks and indentation a YAML block node may end with. */
export function trimmedEnd(source: SourceFile, node: { start: number; end: number }): number {
  let end = node.end;
  while (end > node.start && /\s/.test(source.text[end - 1])) end--;
  return end;
}

/** Replaces an existing `key: value` entry in place (the key keeps its position and indentation). */
function replaceEntry(source: SourceFile, e: MapEntry, key: string, value: Plain, json: boolean): OffsetEdit {
  const end = trimmedEnd(source, e.value);
  const start = e.key.start;
  const column = source.lines.positionAt(start).character;
  const eol = source.lines.eol;
  if (json) {
    const oneLine = source.lines.positionAt(start).line === source.lines.positionAt(end).line;
    const indent = indentOf(source, start);
    const body = oneLine ? JSON.stringify(value) : JSON.stringify(value, null, 2).split('\n').join(eol + indent);
    return { start, end, newText: `${JSON.stringify(key)}: ${body}` };
  }
  const lines = entryLines(key, value, ' '.repeat(column), detectStep(source));
  return { start, end, newText: lines.join(eol).slice(column) };
}

/**
 * An edit that adds `key: value` to a mapping, after its last entry, in the file's own format and indentation;
 * when the mapping already has that key, the entry is replaced instead (never a duplicate key).
 * Undefined for flow-style YAML mappings (`{ ... }`), where a safe edit is not obvious.
 */
export function appendEntry(source: SourceFile, map: MapNode, key: string, value: Plain): OffsetEdit | undefined {
  const eol = source.lines.eol;
  const own = map.entries.filter((e) => !e.merged);
  const json = source.path.toLowerCase().endsWith('.json');
  const existing = own.find((e) => e.key.text === key);
  if (existing && (json || source.text[map.start] !== '{')) return replaceEntry(source, existing, key, value, json);
  if (json) {
    const close = map.end - 1;
    const first = own[0];
    const indent = first ? indentOf(source, first.key.start) : indentOf(source, map.start) + '  ';
    const body = `${JSON.stringify(key)}: ${JSON.stringify(value, null, 2)}`.split('\n').map((l) => indent + l).join(eol);
    if (!own.length) return { start: map.start + 1, end: close, newText: `${eol}${body}${eol}${indentOf(source, map.start)}` };
    // The entry that ends last in the text (entry order can differ from text order, e.g. integer-like keys).
    const lastEnd = endOfLastValue(source.text, close) ?? Math.max(...own.map((e) => e.value.end));
    return { start: lastEnd, end: lastEnd, newText: `,${eol}${body}` };
  }
  if (source.text[map.start] === '{') return undefined;
  const first = own[0];
  if (!first) return undefined;
  // The key's column, not the line's indentation: a mapping that is a sequence item starts after `- `.
  const indent = ' '.repeat(source.lines.positionAt(first.key.start).character);
  const step = detectStep(source);
  const lines = entryLines(key, value, indent, step);
  const last = own[own.length - 1];
  const at = source.lines.lineEnd(trimTrailingBlank(source, lastContentLine(source, Math.max(last.value.end, last.key.end))));
  return { start: at, end: at, newText: eol + lines.join(eol) };
}

/** The line holding the last character before `end` (a node's end may sit at the start of the next line). */
function lastContentLine(source: SourceFile, end: number): number {
  const pos = source.lines.positionAt(end);
  const before = source.text.slice(source.lines.lineStart(pos.line), end);
  return before.trim() === '' && pos.line > 0 ? pos.line - 1 : pos.line;
}

function trimTrailingBlank(source: SourceFile, line: number): number {
  let l = line;
  while (l > 0 && source.lines.lineText(l).trim() === '') l--;
  return l;
}

const steps = new WeakMap<SourceFile, string>();

function detectStep(source: SourceFile): string {
  let step = steps.get(source);
  if (step === undefined) {
    const m = /^( +)\S/m.exec(source.text);
    step = m && m[1].length <= 8 ? m[1] : '  ';
    steps.set(source, step);
  }
  return step;
}

/**
 * Where the last value of a JSON object ends: just after the last character before its closing brace that is not
 * white space (no entry's end needs computing). Undefined when that character is a comma or part of a comment.
 */
function endOfLastValue(text: string, close: number): number | undefined {
  let i = close - 1;
  while (i > 0 && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i--;
  return text[i] === ',' || text[i] === '/' || text[i] === '{' ? undefined : i + 1;
}
