import type { ChunkWriter } from './chunkWriter';

/** An array of a JSON document whose items are made one at a time while it is written (findings, results). */
export class LazyArray<T> {
  constructor(readonly items: () => Iterable<T>) {}
}

/** `items` mapped by `map` as they are written: the mapped objects never exist all at once. */
export function lazyArray<S, T>(items: Iterable<S>, map: (item: S) => T): LazyArray<T> {
  return new LazyArray(function* () {
    for (const item of items) yield map(item);
  });
}

/**
 * Writes `value` exactly as `JSON.stringify(value, null, 2)` would, followed by a newline, without building the
 * whole string. Objects and arrays holding a LazyArray are written member by member; everything else (one
 * finding, the summary) is stringified on its own at its depth. An item of a LazyArray is written member by
 * member only when one of its own members is a LazyArray (a file and its findings), so that a finding is not searched.
 */
export async function writeJson(out: ChunkWriter, value: unknown): Promise<void> {
  await writeValue(out, value, 0, holdsLazy);
  await out.write('\n');
}

/** Writes an array whose items come one at a time from `items` (which may read files), as writeJson writes an array. */
export async function writeJsonArray(out: ChunkWriter, items: AsyncIterable<unknown>): Promise<void> {
  let first = true;
  for await (const item of items) {
    await out.write(first ? '[\n  ' : ',\n  ');
    first = false;
    await writeValue(out, item, 1, holdsLazy);
  }
  await out.write(first ? '[]\n' : '\n]\n');
}

type Walk = (value: unknown) => boolean;

async function writeValue(out: ChunkWriter, value: unknown, depth: number, walk: Walk): Promise<void> {
  if (value instanceof LazyArray) await writeItems(out, value.items(), depth, hasLazyMember);
  else if (Array.isArray(value) && walk(value)) await writeItems(out, value, depth, holdsLazy);
  else if (isObject(value) && walk(value)) await writeMembers(out, value, depth);
  else await out.write(stringify(value, depth));
}

async function writeItems(out: ChunkWriter, items: Iterable<unknown>, depth: number, walk: Walk): Promise<void> {
  const inner = indent(depth + 1);
  let first = true;
  for (const item of items) {
    await out.write(first ? `[\n${inner}` : `,\n${inner}`);
    first = false;
    await writeValue(out, item, depth + 1, walk);
  }
  await out.write(first ? '[]' : `\n${indent(depth)}]`);
}

async function writeMembers(out: ChunkWriter, object: Record<string, unknown>, depth: number): Promise<void> {
  const inner = indent(depth + 1);
  let first = true;
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue; // left out by JSON too
    await out.write(`${first ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `);
    first = false;
    await writeValue(out, value, depth + 1, holdsLazy);
  }
  await out.write(first ? '{}' : `\n${indent(depth)}}`);
}

const indent = (depth: number) => '  '.repeat(depth);

/** The `[` lines that put a value `depth` levels deep, and the `]` lines after it; made once per depth. */
const wrappers: { open: string; close: string }[] = [];
function wrapper(depth: number): { open: string; close: string } {
  return (wrappers[depth] ??= {
    open: Array.from({ length: depth }, (_, d) => `${indent(d)}[\n`).join('') + indent(depth),
    close: Array.from({ length: depth }, (_, d) => `\n${indent(depth - 1 - d)}]`).join(''),
  });
}

/**
 * `JSON.stringify(value, null, 2)` as it reads `depth` levels deep: stringified inside `depth` arrays, which V8
 * indents natively (faster than re-indenting every line), and cut out of them.
 */
function stringify(value: unknown, depth: number): string {
  let nested = value;
  for (let d = 0; d < depth; d++) nested = [nested];
  const text = JSON.stringify(nested, null, 2) ?? 'null';
  if (!depth) return text;
  const { open, close } = wrapper(depth);
  return text.slice(open.length, text.length - close.length);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function holdsLazy(value: unknown): boolean {
  if (value instanceof LazyArray) return true;
  if (!isObject(value)) return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(holdsLazy);
}

function hasLazyMember(value: unknown): boolean {
  return isObject(value) && Object.values(value).some((v) => v instanceof LazyArray);
}
