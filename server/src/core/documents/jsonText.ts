/** Offsets in a JSON text: whitespace, string and value ends, with a bracket index for large texts. */

const WS = new Uint8Array(128);
for (const c of [0x20, 0x0a, 0x0d, 0x09]) WS[c] = 1;

/** Texts above this size get a one-pass bracket index the first time an offset is needed. */
const INDEX_FROM = 64 * 1024;

export class JsonText {
  /** Offsets of every `{`/`[` in text order, and the offset after each one's matching close; built on first need. */
  private opens?: number[];
  private closes?: number[];
  constructor(readonly s: string) {}

  private buildIndex(): void {
    const opens: number[] = [];
    const closes: number[] = [];
    const stack: number[] = [];
    // Each test() jumps to the next bracket, skipping whole strings inside the regex (the text is valid JSON:
    // JSON.parse read it), so the loop runs once per bracket, not once per string.
    const token = /(?:"[^"\\]*(?:\\.[^"\\]*)*"|[^"{}[\]])*[{}[\]]/g;
    while (token.test(this.s)) {
      const i = token.lastIndex - 1;
      const c = this.s.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) {
        stack.push(opens.length);
        opens.push(i);
        closes.push(0);
      } else {
        const k = stack.pop();
        if (k !== undefined) closes[k] = i + 1;
      }
    }
    this.opens = opens;
    this.closes = closes;
  }

  /** The offset after the bracket matching the one at `open`, from the index (0 when unmatched). */
  private closeOf(open: number): number {
    if (!this.opens) this.buildIndex();
    const opens = this.opens!;
    let lo = 0;
    let hi = opens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (opens[mid] < open) lo = mid + 1;
      else if (opens[mid] > open) hi = mid - 1;
      else return this.closes![mid];
    }
    return 0;
  }

  skipWs(i: number): number {
    const s = this.s;
    let c = s.charCodeAt(i);
    while (c < 128 && WS[c]) c = s.charCodeAt(++i);
    return i;
  }

  /** The end (exclusive) of the string starting at the quote at `i`. */
  stringEnd(i: number): number {
    const s = this.s;
    let j = i + 1;
    for (;;) {
      const q = s.indexOf('"', j);
      if (q < 0) return s.length;
      let b = q - 1;
      while (s.charCodeAt(b) === 0x5c) b--;
      if ((q - 1 - b) % 2 === 0) return q + 1;
      j = q + 1;
    }
  }

  /** The end (exclusive) of the value starting at `i`. */
  valueEnd(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (c === 0x22) return this.stringEnd(i);
    if (c !== 0x7b && c !== 0x5b) {
      let j = i;
      for (;;) {
        const d = s.charCodeAt(j);
        if (d !== d || d === 0x2c || d === 0x7d || d === 0x5d || (d < 128 && WS[d])) return j;
        j++;
      }
    }
    if (s.length > INDEX_FROM) return this.closeOf(i) || s.length;
    let depth = 0;
    let j = i;
    for (;;) {
      const d = s.charCodeAt(j);
      if (d !== d) return s.length;
      if (d === 0x22) {
        j = this.stringEnd(j);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return j + 1;
      }
      j++;
    }
  }
}
