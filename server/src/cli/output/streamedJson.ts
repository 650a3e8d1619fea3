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
 * whole string: objects and arrays holding a LazyArray are written member by member, everything else (one
 * finding, the summary) is stringified on its own and indented to its place.
 */
export async function writeJson(out: ChunkWriter, value: unknown): Promise<void> {
  await writeValue(out, value, '');
  await out.write('\n');
}

async function writeValue(out: ChunkWriter, value: unknown, indent: string): Promise<void> {
  if (value instanceof LazyArray) await writeItems(out, value.items(), indent);
  else if (Array.isArray(value) && holdsLazy(value)) await writeItems(out, value, indent);
  else if (isObject(value) && holdsLazy(value)) await writeMembers(out, value, indent);
  else await out.write(stringify(value, indent) ?? 'null');
}

async function writeItems(out: ChunkWriter, items: Iterable<unknown>, indent: string): Promise<void> {
  const inner = `${indent}  `;
  let first = true;
  for (const item of items) {
    await out.write(first ? `[\n${inner}` : `,\n${inner}`);
    first = false;
    await writeValue(out, item, inner);
  }
  await out.write(first ? '[]' : `\n${indent}]`);
}

async function writeMembers(out: ChunkWriter, object: Record<string, unknown>, indent: string): Promise<void> {
  const inner = `${indent}  `;
  let first = true;
  for (const [key, value] of Object.entries(object)) {
    const streamed = holdsLazy(value);
    const text = streamed ? undefined : stringify(value, inner);
    if (!streamed && text === undefined) continue; // a member JSON leaves out (undefined, a function)
    await out.write(`${first ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `);
    first = false;
    await (text === undefined ? writeValue(out, value, inner) : out.write(text));
  }
  await out.write(first ? '{}' : `\n${indent}}`);
}

/** `JSON.stringify(value, null, 2)` for a value nested at `indent` (strings escape their newlines, so every newline is layout). */
function stringify(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return indent && text?.includes('\n') ? text.replace(/\n/g, `\n${indent}`) : text;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function holdsLazy(value: unknown): boolean {
  if (value instanceof LazyArray) return true;
  if (!isObject(value)) return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(holdsLazy);
}
