/**
 * What `JSON.parse` does not say about a text it accepted: whether an object repeats a key (it silently keeps the
 * last value) and how deep the text nests. The fast check compares the colons of the text with the parsed value's
 * keys plus the colons inside its strings: a repeated key's first entry is missing from the value, so the counts
 * differ. Only then (or with a colon written as an escape, or deep nesting) is the text parsed the slow way.
 */

/** How deep objects and arrays may nest before the document is refused (as for YAML). */
export const MAX_JSON_NESTING_DEPTH = 1000;

/** Whether the parsed value holds everything its text says, nesting within the limit: no second look needed. */
export function parsedWhole(text: string, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (text.includes('\\u003a') || text.includes('\\u003A')) return false;
  const inValue = keysAndColons(value, 1);
  return inValue >= 0 && inValue === colons(text);
}

/** Offset of the first bracket nested deeper than the limit, or -1 (strings skipped; any text). */
export function tooDeepAt(text: string): number {
  const token = /"[^"\\]*(?:\\.[^"\\]*)*"?|[{[]|[}\]]/g;
  let depth = 0;
  let m: RegExpExecArray | null;
  while ((m = token.exec(text))) {
    const c = text.charCodeAt(m.index);
    if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_NESTING_DEPTH) return m.index;
    } else if (c !== 0x22) depth--;
  }
  return -1;
}

function colons(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/** Keys (one colon each in the text) plus colons in keys and strings; -1 when nested deeper than the limit. */
function keysAndColons(v: object, depth: number): number {
  if (depth > MAX_JSON_NESTING_DEPTH) return -1;
  let n = 0;
  const add = (x: unknown): boolean => {
    if (typeof x === 'string') n += colons(x);
    else if (x !== null && typeof x === 'object') {
      const inner = keysAndColons(x, depth + 1);
      if (inner < 0) return false;
      n += inner;
    }
    return true;
  };
  if (Array.isArray(v)) {
    for (const x of v) if (!add(x)) return -1;
    return n;
  }
  for (const k in v) {
    n += 1 + colons(k);
    if (!add((v as Record<string, unknown>)[k])) return -1;
  }
  return n;
}
