import { parsedWhole } from './jsonShape';
import { JsonText as Text } from './jsonText';
import type { DataNode, MapEntry, MapNode, ScalarNode, SeqNode } from './tree';

/**
 * The JSON fast path: `JSON.parse` builds the values; DataNode wrappers are made when a rule first walks into
 * them, and source offsets are found only when something asks for `start`/`end` (a finding, a fix), by scanning
 * the parent's text once and recording every child's span. Same DataNode contract as the ranged parsers.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Parent = LazyMap | LazySeq | null;
/** key start, key end, value start, value end */
type Spans = Map<string, [number, number, number, number]> | [number, number][];

abstract class LazyBase {
  private s = -1;
  private e = -1;
  constructor(
    protected readonly src: Text,
    readonly parent: Parent,
    readonly slot: string | number,
  ) {}

  get start(): number {
    if (this.s < 0) this.locate();
    return this.s;
  }

  get end(): number {
    if (this.e < 0) this.locate();
    return this.e;
  }

  setSpan(s: number, e: number): void {
    this.s = s;
    this.e = e;
  }

  private locate(): void {
    if (!this.parent) {
      const s = this.src.skipWs(0);
      this.setSpan(s, this.src.valueEnd(s));
      return;
    }
    const span = this.parent.childSpan(this.slot);
    this.setSpan(span[0], span[1]);
  }
}

export class LazyScalar extends LazyBase implements ScalarNode {
  readonly kind = 'scalar' as const;
  readonly text: string;
  constructor(
    t: Text,
    parent: Parent,
    slot: string | number,
    readonly value: string | number | boolean | null,
    private readonly isKey = false,
  ) {
    super(t, parent, slot);
    this.text = value === null ? '' : String(value);
  }

  override get start(): number {
    return this.isKey ? this.parent!.keySpan(this.slot as string)[0] : super.start;
  }

  override get end(): number {
    return this.isKey ? this.parent!.keySpan(this.slot as string)[1] : super.end;
  }
}

export class LazyMap extends LazyBase implements MapNode {
  readonly kind = 'map' as const;
  private keys?: string[];
  /** Entries by position, each made when first asked for (a lookup makes only the entry it finds). */
  private list?: MapEntry[];
  private complete = false;
  /** Key -> position, for large mappings (components, paths) that `$ref`s look into many times. */
  private positions?: Map<string, number>;
  private spans?: Map<string, [number, number, number, number]>;
  constructor(
    t: Text,
    parent: Parent,
    slot: string | number,
    private readonly obj: { [k: string]: Json },
  ) {
    super(t, parent, slot);
  }

  get entries(): MapEntry[] {
    if (!this.complete) {
      const n = this.keyList().length;
      for (let i = 0; i < n; i++) this.entryAt(i);
      this.complete = true;
    }
    return this.list!;
  }

  hasKey(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.obj, key);
  }

  /** Entry by key: a miss (the common case: "has it a maxLength?") is one hash lookup on the parsed object. */
  lookup(key: string): MapEntry | undefined {
    if (!this.hasKey(key)) return undefined;
    const keys = this.keyList();
    if (keys.length <= 16) return this.entryAt(keys.indexOf(key));
    this.positions ??= new Map(keys.map((k, i) => [k, i]));
    return this.entryAt(this.positions.get(key)!);
  }

  private keyList(): string[] {
    if (!this.keys) {
      this.keys = Object.keys(this.obj);
      this.list = new Array<MapEntry>(this.keys.length);
    }
    return this.keys;
  }

  private entryAt(i: number): MapEntry {
    const list = this.list!;
    let e = list[i];
    if (!e) {
      const k = this.keys![i];
      e = list[i] = { key: new LazyScalar(this.src, this, k, k, true), value: wrap(this.src, this, k, this.obj[k]) };
    }
    return e;
  }

  private scan(): Map<string, [number, number, number, number]> {
    if (this.spans) return this.spans;
    const t = this.src;
    const spans = new Map<string, [number, number, number, number]>();
    let i = t.skipWs(this.start + 1);
    const s = t.s;
    while (i < this.end && s.charCodeAt(i) === 0x22) {
      const ke = t.stringEnd(i);
      const raw = s.slice(i + 1, ke - 1);
      const key = raw.includes('\\') ? (JSON.parse(s.slice(i, ke)) as string) : raw;
      const vs = t.skipWs(t.skipWs(ke) + 1);
      const ve = t.valueEnd(vs);
      spans.set(key, [i, ke, vs, ve]);
      i = t.skipWs(ve);
      if (s.charCodeAt(i) === 0x2c) i = t.skipWs(i + 1);
    }
    this.spans = spans;
    return spans;
  }

  keySpan(key: string): [number, number] {
    const sp = this.scan().get(key);
    return sp ? [sp[0], sp[1]] : [this.start, this.start];
  }

  childSpan(slot: string | number): [number, number] {
    const sp = this.scan().get(String(slot));
    return sp ? [sp[2], sp[3]] : [this.end, this.end];
  }
}

export class LazySeq extends LazyBase implements SeqNode {
  readonly kind = 'seq' as const;
  private list?: DataNode[];
  private spans?: [number, number][];
  constructor(
    t: Text,
    parent: Parent,
    slot: string | number,
    private readonly arr: Json[],
  ) {
    super(t, parent, slot);
  }

  get items(): DataNode[] {
    if (!this.list) {
      const t = this.src;
      this.list = this.arr.map((v, i) => wrap(t, this, i, v));
    }
    return this.list;
  }

  keySpan(): [number, number] {
    return [this.start, this.start];
  }

  childSpan(slot: string | number): [number, number] {
    if (!this.spans) {
      const t = this.src;
      const s = t.s;
      const spans: [number, number][] = [];
      let i = t.skipWs(this.start + 1);
      while (i < this.end && s.charCodeAt(i) !== 0x5d) {
        const ve = t.valueEnd(i);
        spans.push([i, ve]);
        i = t.skipWs(ve);
        if (s.charCodeAt(i) === 0x2c) i = t.skipWs(i + 1);
      }
      this.spans = spans;
    }
    return this.spans[slot as number] ?? [this.end, this.end];
  }
}

function wrap(t: Text, parent: Parent, slot: string | number, v: Json): DataNode {
  if (v === null || typeof v !== 'object') return new LazyScalar(t, parent, slot, v);
  if (Array.isArray(v)) return new LazySeq(t, parent, slot, v);
  return new LazyMap(t, parent, slot, v);
}

/**
 * Parses strict JSON lazily; undefined when `JSON.parse` refuses the text, or the value may have lost a repeated
 * key or nests too deep (the tolerant parser takes over and says which).
 */
export function parseJsonLazy(text: string): DataNode | undefined {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  if (!parsedWhole(text, value)) return undefined;
  return wrap(new Text(text), null, 0, value);
}
