// Random edits of a document's text, as LSP incremental changes: what a person typing, pasting, deleting and
// resolving merges produces, plus the hostile inputs the reliability cases name (tabs, aliases, conflict markers,
// astral characters, huge numbers, unbalanced brackets).
export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
}

/** A small seeded generator (mulberry32), so a failing run can be replayed with --seed. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

export interface Edit {
  start: number;
  end: number;
  text: string;
  kind: string;
}

const TOKENS = [
  'x', ' ', '\n', '\t', ':', '- ', '{', '}', '[', ']', '"', "'", '#', '&a ', '*a', '<<: *a', '~', 'null', '0x1F', '1e309',
  '😀', '\u2028', '\r\n', '${VAR}', '$(X)', 'http://orders:8080/', 'requests.get(u)', 'timeout=3', 'await fetch(u)',
  'image: postgres', 'services:', 'paths:', '$ref: "#/x"', 'kind: Deployment', '---\n', '<<<<<<< HEAD\n', '=======\n', '>>>>>>> b\n',
];

function lineBounds(text: string, at: number): [number, number] {
  const s = text.lastIndexOf('\n', at - 1) + 1;
  const e = text.indexOf('\n', at);
  return [s, e < 0 ? text.length : e + 1];
}

/** An offset moved off the middle of a \r\n pair, which no LSP position can name (a client never edits there). */
function onBoundary(text: string, at: number): number {
  return at > 0 && text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10 ? at - 1 : at;
}

/** One random edit of `text`, starting and ending where an LSP position can point. */
export function mutate(text: string, r: Rng): Edit {
  const e = edit(text, r);
  return { ...e, start: onBoundary(text, e.start), end: Math.max(onBoundary(text, e.start), onBoundary(text, e.end)) };
}

function edit(text: string, r: Rng): Edit {
  const at = r.int(text.length + 1);
  switch (r.int(8)) {
    case 0: // type a token
    case 1:
      return { start: at, end: at, text: r.pick(TOKENS), kind: 'insert' };
    case 2: { // delete a short span
      const end = Math.min(text.length, at + 1 + r.int(20));
      return { start: at, end, text: '', kind: 'delete' };
    }
    case 3: { // delete or duplicate a line
      const [s, e] = lineBounds(text, at);
      return r.int(2) ? { start: s, end: e, text: '', kind: 'delete-line' } : { start: e, end: e, text: text.slice(s, e), kind: 'duplicate-line' };
    }
    case 4: { // paste a block from elsewhere in the file
      const from = r.int(text.length + 1);
      return { start: at, end: at, text: text.slice(from, from + r.int(200)), kind: 'paste' };
    }
    case 5: { // indent or dedent a line
      const [s] = lineBounds(text, at);
      return text.startsWith('  ', s) && r.int(2) ? { start: s, end: s + 2, text: '', kind: 'dedent' } : { start: s, end: s, text: r.pick(['  ', '\t', '    ']), kind: 'indent' };
    }
    case 6: // replace a span with a token
      return { start: at, end: Math.min(text.length, at + r.int(10)), text: r.pick(TOKENS), kind: 'replace' };
    default: { // a long line or a deep nest
      const big = r.int(2) ? 'y'.repeat(2000 + r.int(20000)) : Array.from({ length: 50 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
      return { start: at, end: at, text: big, kind: 'big' };
    }
  }
}

/** Applies an edit (UTF-16 offsets) to a text. */
export function apply(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}
