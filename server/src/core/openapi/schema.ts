import { entries, get, hasKey, isMap, items, str, type DataNode, type MapEntry } from '../documents/tree';
import type { Spec } from './spec';

/** The schema's type: `type` as a string, or the first non-null entry of a 3.1 type array; inferred from keywords. */
export function schemaType(schema: DataNode | undefined): string | undefined {
  const t = get(schema, 'type');
  const named = str(t) ?? items(t).map(str).find((x) => x && x !== 'null');
  if (named) return named;
  if (hasKey(schema, 'properties')) return 'object';
  if (hasKey(schema, 'items')) return 'array';
  return undefined;
}

/** A schema's properties including those of its `allOf` members (resolved, cycle-safe). */
export function propertiesOf(spec: Spec, schema: DataNode | undefined, seen = new Set<DataNode>()): MapEntry[] {
  if (!schema || seen.has(schema)) return [];
  seen.add(schema);
  const own = entries(get(schema, 'properties'));
  const inherited = items(get(schema, 'allOf')).flatMap((m) => propertiesOf(spec, spec.refs.node(m), seen));
  return inherited.length ? [...inherited, ...own] : own;
}

/** The JSON schema of the first 2xx response (3.x: the first JSON-like media type; 2.0: `schema`), resolved. */
export function successSchema(spec: Spec, op: { node: DataNode }): DataNode | undefined {
  const ok = entries(get(op.node, 'responses')).find((r) => /^2(\d\d|XX)$/i.test(r.key.text));
  const response = ok && spec.refs.node(ok.value);
  if (!response) return undefined;
  if (spec.version.major === 2) return spec.refs.node(get(response, 'schema'));
  const media = entries(get(response, 'content'));
  const json = media.find((m) => /json|\*\/\*/i.test(m.key.text)) ?? media[0];
  return json ? spec.refs.node(get(json.value, 'schema')) : undefined;
}

export function isMapNode(n: DataNode | undefined): boolean {
  return isMap(n);
}
