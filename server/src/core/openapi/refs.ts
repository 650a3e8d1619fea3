import { dirname, isAbsolute, resolve } from 'node:path';
import type { SourceFile } from '../documents/source';
import { entry, get, isMap, isSeq, str, type DataNode, type ScalarNode } from '../documents/tree';

/** A parsed document the resolver can follow `$ref`s into: the file being analyzed or one loaded from disk. */
export interface LoadedDocument {
  source: SourceFile;
  root: DataNode;
}

/** Loads another workspace file by absolute path (cached per analysis by the caller); undefined when unreadable. */
export type DocumentLoader = (path: string) => LoadedDocument | undefined;

/** Where a `$ref` chain ends: the node, the document holding it, and the key naming it (e.g. `Order:`). */
export interface Resolved {
  node: DataNode;
  doc: LoadedDocument;
  /** The map key of the last pointer step; findings about a component point here. */
  key?: ScalarNode;
  /** `file#/pointer` of the target when it was reached through a `$ref`, a stable identity for "report once". */
  id?: string;
}

const MAX_HOPS = 32;

function decodeStep(s: string): string {
  if (!s.includes('~') && !s.includes('%')) return s;
  let out = s.replace(/~1/g, '/').replace(/~0/g, '~');
  try {
    out = decodeURIComponent(out);
  } catch {
    /* keep the raw step */
  }
  return out;
}

/** Follows a JSON pointer (`/components/schemas/Order`) from a root. */
export function followPointer(root: DataNode, pointer: string): { node: DataNode; key?: ScalarNode } | undefined {
  if (pointer === '' || pointer === '/') return { node: root };
  let cur: DataNode | undefined = root;
  let key: ScalarNode | undefined;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const step = decodeStep(raw);
    if (isSeq(cur)) {
      cur = cur.items[Number(step)];
      key = undefined;
    } else {
      const e = entry(cur, step);
      cur = e?.value;
      key = e?.key;
    }
    if (!cur) return undefined;
  }
  return { node: cur, key };
}

export function refOf(node: DataNode | undefined): string | undefined {
  return isMap(node) ? str(get(node, '$ref')) : undefined;
}

/** Resolves local and relative-file `$ref`s; cycles (self, mutual, cross-file) end the chain instead of looping. */
export class RefResolver {
  constructor(
    readonly self: LoadedDocument,
    private readonly load?: DocumentLoader,
  ) {}

  /** The document a ref's file part names, relative to the document holding the ref. */
  document(file: string, from: LoadedDocument): LoadedDocument | undefined {
    if (!file) return from;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return undefined;
    const base = isAbsolute(from.source.path) ? dirname(from.source.path) : dirname(resolve(from.source.path));
    const path = resolve(base, file);
    if (path === resolve(this.self.source.path)) return this.self;
    return this.load?.(path);
  }

  /** Resolved `$ref` nodes, by node (a node belongs to one document): each ref is followed once per analysis. */
  private readonly memo = new Map<DataNode, Resolved | undefined>();
  /** Pointer targets by `file#pointer`: many `$ref`s name the same component. */
  private readonly targets = new Map<string, ReturnType<typeof followPointer>>();

  /** Follows `$ref` until a node without one; undefined when the chain is broken or cyclic. */
  deref(node: DataNode | undefined, doc: LoadedDocument = this.self): Resolved | undefined {
    if (!node) return undefined;
    if (!isMap(node) || refOf(node) === undefined) return { node, doc };
    if (this.memo.has(node)) return this.memo.get(node);
    const out = this.follow(node, doc);
    this.memo.set(node, out);
    return out;
  }

  private follow(node: DataNode, doc: LoadedDocument): Resolved | undefined {
    let cur: Resolved = { node, doc };
    const seen = new Set<string>();
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const ref = refOf(cur.node);
      if (ref === undefined) return cur;
      const hash = ref.indexOf('#');
      const file = hash < 0 ? ref : ref.slice(0, hash);
      const pointer = hash < 0 ? '' : ref.slice(hash + 1);
      const target = this.document(file, cur.doc);
      if (!target) return undefined;
      const id = `${target.source.path}#${pointer}`;
      if (seen.has(id)) return undefined;
      seen.add(id);
      const found = this.pointed(id, target.root, pointer);
      if (!found) return undefined;
      cur = { node: found.node, doc: target, key: found.key, id };
    }
    return undefined;
  }

  private pointed(id: string, root: DataNode, pointer: string): ReturnType<typeof followPointer> {
    if (!this.targets.has(id)) this.targets.set(id, followPointer(root, pointer));
    return this.targets.get(id);
  }

  /** Like deref, but falls back to the node itself when it cannot be resolved (never undefined for a node). */
  node(node: DataNode | undefined, doc: LoadedDocument = this.self): DataNode | undefined {
    if (!node || !isMap(node) || refOf(node) === undefined) return node;
    return this.deref(node, doc)?.node ?? (refOf(node) ? undefined : node);
  }
}
