import { entries, entry, get, isMap, str, type DataNode, type MapNode, type ScalarNode } from '../documents/tree';
import { isOperationalPath, openApiVersion, operations, rootKey, type Operation } from '../rules/openapi';
import type { Report, RuleContext } from '../rules/types';
import { RefResolver, type LoadedDocument, type Resolved } from './refs';

export interface OpenApiVersion {
  major: 2 | 3;
  minor: number;
}

/** One OpenAPI document prepared for the rules: version, operations and a `$ref` resolver, shared per analysis. */
export interface Spec {
  root: MapNode;
  version: OpenApiVersion;
  ops: Operation[];
  /** The operations of the API itself: probes, the root page and metrics left out (API-design rules judge these). */
  apiOps: Operation[];
  refs: RefResolver;
  doc: LoadedDocument;
  rootKey: ScalarNode;
}

const cache = new WeakMap<DataNode, Spec>();

export function specOf(ctx: RuleContext): Spec | undefined {
  const root = ctx.data;
  if (!root || !isMap(root)) return undefined;
  const hit = cache.get(root);
  if (hit) return hit;
  const version = openApiVersion(root);
  const key = rootKey(root);
  if (!version || !key) return undefined;
  const doc = { source: ctx.source, root };
  const ops = operations(root);
  const spec: Spec = { root, version, ops, apiOps: ops.filter((op) => !isOperationalPath(op.path)), refs: new RefResolver(doc, ctx.loadDocument), doc, rootKey: key };
  cache.set(root, spec);
  return spec;
}

export interface Param {
  name: string;
  in: string;
  node: MapNode;
  /** Set when the parameter is a `$ref` target (a shared component), possibly in another file. */
  target?: Resolved;
  /** The `$ref` node in the operation, or the parameter itself. */
  use: DataNode;
}

const paramsCache = new WeakMap<Operation, Param[]>();
const responsesCache = new WeakMap<Operation, Response[]>();

/** The operation's parameters with the path item's, resolved; an operation's own parameter wins by name+in. Computed once per operation. */
export function paramsOf(spec: Spec, op: Operation): readonly Param[] {
  let params = paramsCache.get(op);
  if (!params) paramsCache.set(op, (params = collectParams(spec, op)));
  return params;
}

function collectParams(spec: Spec, op: Operation): Param[] {
  const out = new Map<string, Param>();
  for (const list of [get(op.pathItem, 'parameters'), get(op.node, 'parameters')]) {
    if (!list || list.kind !== 'seq') continue;
    for (const use of list.items) {
      const r = spec.refs.deref(use);
      if (!r || !isMap(r.node)) continue;
      const name = str(get(r.node, 'name'));
      const where = str(get(r.node, 'in'));
      if (!name || !where) continue;
      out.set(`${where}:${name.toLowerCase()}`, { name, in: where, node: r.node, target: r.id ? r : undefined, use });
    }
  }
  return [...out.values()];
}

export interface Response {
  code: string;
  key: ScalarNode;
  node: DataNode | undefined;
}

/** Response entries of an operation with their resolved response objects (computed once per operation). */
export function responsesOf(spec: Spec, op: Operation): readonly Response[] {
  let responses = responsesCache.get(op);
  if (!responses) responsesCache.set(op, (responses = entries(get(op.node, 'responses')).map((e) => ({ code: e.key.text, key: e.key, node: spec.refs.node(e.value) }))));
  return responses;
}

/** Request body schemas (3.x requestBody content, 2.0 `in: body` / formData) of an operation, unresolved. */
export function requestSchemas(spec: Spec, op: Operation): DataNode[] {
  const out: DataNode[] = [];
  if (spec.version.major === 3) {
    const body = spec.refs.node(get(op.node, 'requestBody'));
    for (const media of entries(get(body, 'content'))) {
      const s = get(media.value, 'schema');
      if (s) out.push(s);
    }
  } else {
    for (const p of paramsOf(spec, op)) if (p.in === 'body' && get(p.node, 'schema')) out.push(get(p.node, 'schema')!);
  }
  return out;
}

export const opLabel = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

/** Related locations for a list of operations (at most `max`). */
export function relatedOps(ops: Operation[], note: string, max = 20): NonNullable<Report['related']> {
  return ops.slice(0, max).map((op) => ({ at: op.key, message: `${opLabel(op)} ${note}` }));
}

/** Where a finding about a resolved target goes: at its key when it is in this file, otherwise at the `$ref` use. */
export function placeFor(spec: Spec, target: Resolved | undefined, use: DataNode): { at: { start: number; end: number }; related: NonNullable<Report['related']> } {
  if (!target || target.doc === spec.doc) return { at: target?.key ?? use, related: [] };
  const s = target.doc.source;
  const n = target.key ?? target.node;
  return { at: use, related: [{ path: s.path, range: s.lines.rangeOf(n.start, n.end), message: 'the referenced definition' }] };
}

export function mediaOf(node: DataNode | undefined): string[] {
  return entries(get(node, 'content')).map((e) => e.key.text);
}

export { entry };

/**
 * One finding per root cause. When fewer than half of the operations declare a thing, the cause is the API's
 * design: one finding for the spec (`spec`), naming how many declare it. When most do, each operation that does not
 * is its own finding (an omission on that operation).
 */
export function splitCoverage(ops: Operation[], has: (op: Operation) => boolean): { spec: boolean; declared: number; missing: Operation[] } {
  const missing = ops.filter((op) => !has(op));
  const declared = ops.length - missing.length;
  return { spec: declared * 2 < ops.length, declared, missing };
}
