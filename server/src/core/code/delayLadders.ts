import type { Node } from 'web-tree-sitter';

/** Go's duration units, in nanoseconds: `500 * time.Millisecond` is a number like any other. */
const GO_UNITS: Record<string, number> = { Nanosecond: 1, Microsecond: 1e3, Millisecond: 1e6, Second: 1e9, Minute: 60e9, Hour: 3600e9 };
const ELEMENT = /^(\d[\d_]*(?:\.\d+)?(?:e-?\d+)?|\.\d+)?[lLfFdD]?\s*\*?\s*(?:time\.(\w+))?$/;

/** A number written in a sequence of delays (`0.5`, `1_000`, `100L`, `2 * time.Second`), or undefined. */
function delayValue(element: string): number | undefined {
  const m = ELEMENT.exec(element.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  const unit = m[2] === undefined ? 1 : GO_UNITS[m[2]];
  return unit === undefined ? undefined : Number((m[1] ?? '1').replace(/_/g, '')) * unit;
}

/** The text inside the first bracket pair of `text` (`(0.0, 0.5)`, `[100, 500]`, `{time.Second}`), or undefined. */
function bracketBody(text: string): string | undefined {
  const open = /[(\[{]/.exec(text);
  if (!open) return undefined;
  let depth = 0;
  for (let i = open.index; i < text.length; i++) {
    if ('([{'.includes(text[i])) depth++;
    else if (')]}'.includes(text[i]) && --depth === 0) return text.slice(open.index + 1, i);
  }
  return undefined;
}

/** A sequence literal's type or factory prefix: Go's `[]time.Duration`, Java's `new long[]`, `List.of`, `Arrays.asList`. */
const SEQUENCE_PREFIX = /^(?:(?:new\s+\w+\s*)?\[\d*\]\s*(?:[\w.]+\s*)?(?=\{)|(?:List\.of|Arrays\.asList)(?=\())/;

/** The elements of a sequence literal (`(0.0, 0.5)`, `[100, 500]`, `[]time.Duration{...}`); undefined for other code. */
function sequenceBody(text: string): string | undefined {
  const rest = text.trimStart().replace(SEQUENCE_PREFIX, '');
  return /^[(\[{]/.test(rest) ? bracketBody(rest) : undefined;
}

/** Whether a literal sequence holds at least two numbers that never shrink and end above where they start. */
function increases(body: string): boolean {
  const values = body.split(',').map((e) => e.trim()).filter(Boolean).map(delayValue);
  if (values.length < 2 || values.some((v) => v === undefined)) return false;
  const nums = values as number[];
  return nums.every((v, i) => i === 0 || v >= nums[i - 1]) && nums[nums.length - 1] > nums[0];
}

/** The sequence a loop walks, unwrapped: `enumerate(X, start=1)` and slices (`X[1:]`, `X.slice(1)`) keep X's order. */
function walked(iterable: string): string {
  let s = iterable.trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/^enumerate\(\s*([\s\S]+?)\s*(?:,\s*(?:start\s*=\s*)?\d+\s*)?\)$/, '$1').replace(/\[\s*-?\d*\s*:\s*-?\d*\s*\]$/, '').replace(/\.slice\(\s*\d*\s*(?:,\s*\d+\s*)?\)$/, '');
  }
  return s;
}

/** Whether a name the file sets exactly once holds a sequence of increasing delays. */
function namesIncreasingSequence(name: string, text: string): boolean {
  const last = name.split('.').pop()!.replace(/\$/g, '\\$');
  const sets = [...text.matchAll(new RegExp(`(?:^|[^\\w.])${last}\\s*(?::[^=\\n]{0,60}?)?=(?!=)([^\\n]*)`, 'g'))];
  if (sets.length !== 1) return false;
  const from = sets[0].index! + sets[0][0].length - sets[0][1].length;
  const body = sequenceBody(text.slice(from, from + 2000));
  return body !== undefined && increases(body);
}

/** The name bound to each element and the iterated expression of a `for ... in/of/range/:` header, by language. */
function binding(header: string, kind: string): { names: string[]; iterable: string } | undefined {
  const m =
    kind === 'python' ? /^for\s+([\s\S]+?)\s+in\s+([\s\S]+?)\s*:\s*$/.exec(header)
    : kind === 'go' ? /^for\s+([\w\s,]+?)\s*:?=\s*range\s+([\s\S]+?)\s*$/.exec(header)
    : kind === 'java' ? /^for\s*\(\s*(?:final\s+)?[\w.<>\[\]]+\s+(\w+)\s*:\s*([\s\S]+)\)\s*$/.exec(header)
    : /^for\s*\(\s*(?:const|let|var)\s+(\w+)\s+of\s+([\s\S]+)\)\s*$/.exec(header);
  return m ? { names: m[1].split(',').map((n) => n.trim().replace(/^\(|\)$/g, '')), iterable: m[2] } : undefined;
}

/**
 * Whether a delay name is the element of a loop over increasing delays: `for delay in (0.0, 0.5, 2.0)`,
 * `for attempt, delay in enumerate(DELAYS, start=1)` with `DELAYS = (0.5, 2.0, 5.0)`, `for (const d of [100, 500])`,
 * `for _, d := range []time.Duration{time.Second, 5 * time.Second}`. Such a ladder is backoff written out.
 */
export function isDelayLadder(sleep: Node, name: string, kind: string, text: string): boolean {
  for (let n = sleep.parent; n; n = n.parent) {
    const body = n.childForFieldName('body');
    if (!body || !/^(for_statement|for_in_statement|enhanced_for_statement)$/.test(n.type)) continue;
    const b = binding(n.text.slice(0, body.startIndex - n.startIndex).trimEnd(), kind);
    if (!b) continue;
    const iterable = walked(b.iterable);
    // With enumerate (Python) or range (Go) the element comes second: `attempt, delay`, `_, d`.
    const pairs = kind === 'go' || /^enumerate\(/.test(b.iterable.trim());
    const element = pairs ? (b.names.length === 2 ? b.names[1] : undefined) : b.names.length === 1 ? b.names[0] : undefined;
    if (element !== name) continue;
    const literal = sequenceBody(iterable);
    return literal !== undefined ? increases(literal) : /^[\w.]+$/.test(iterable) && namesIncreasingSequence(iterable, text);
  }
  return false;
}
