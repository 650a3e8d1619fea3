/** The quick fix of undocumented-route: a path item stub in the spec, in the spec's own format (YAML or JSON). */
import type { CodeRoute } from '../../code/routes/types';
import { normalizeTemplate } from '../../code/routes/template';
import { entries, get, isMap, str } from '../../documents/tree';
import { appendEntry, type Plain } from '../../rules/edits';
import type { OffsetFix } from '../../rules/types';
import type { SpecSummary } from './spec';

/** A route's path in OpenAPI syntax: `:id`, `<int:id>`, `{id:[0-9]+}` all become `{id}`. */
export function openApiPath(path: string): string {
  const segments = path.split('/').filter(Boolean).map((s) => {
    const m = /^:(\w+)\??$/.exec(s) ?? /^<(?:\w+:)?(\w+)>$/.exec(s) ?? /^\{(\w+)(?::[^}]*)?\}$/.exec(s);
    return m ? `{${m[1]}}` : s;
  });
  return '/' + segments.join('/');
}

/** The route's path as the spec would write it: under one of the spec's server paths when the route starts with it. */
function specPath(spec: SpecSummary, route: CodeRoute): string {
  const p = openApiPath(route.path);
  const base = spec.serverPaths.find((b) => p.startsWith(b + '/'));
  return base ? p.slice(base.length) : p;
}

function operationId(method: string, path: string, taken: Set<string>): string {
  const words = path.split('/').filter(Boolean).map((s) => {
    const param = /^\{(\w+)\}$/.exec(s);
    const w = (param ? `by-${param[1]}` : s).split(/[^A-Za-z0-9]+/).filter(Boolean);
    return w.map((x) => x[0].toUpperCase() + x.slice(1)).join('');
  });
  const base = method + words.join('');
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}${i}`;
  return id;
}

export function pathItemStub(spec: SpecSummary, route: CodeRoute): OffsetFix | undefined {
  if (route.method === 'ANY') return undefined;
  const method = route.method.toLowerCase();
  const path = specPath(spec, route);
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const taken = new Set(spec.ops.map((o) => o.operationId).filter((x): x is string => !!x));
  const op: Record<string, Plain> = { operationId: operationId(method, path, taken) };
  if (names.length) op.parameters = names.map((name): Plain => (spec.major === 2 ? { name, in: 'path', required: true, type: 'string' } : { name, in: 'path', required: true, schema: { type: 'string' } }));
  op.responses = { '200': { description: 'OK' } };
  const source = spec.source;
  const existing = entries(spec.paths).find((e) => normalizeTemplate(e.key.text) === normalizeTemplate(path));
  let edit;
  if (existing) edit = isMap(existing.value) && !get(existing.value, '$ref') ? appendEntry(source, existing.value, method, op) : undefined;
  else if (spec.paths) edit = appendEntry(source, spec.paths, path, { [method]: op });
  else edit = appendEntry(source, spec.root, 'paths', { [path]: { [method]: op } });
  if (!edit) return undefined;
  const title = str(get(get(spec.root, 'info'), 'title'));
  return { title: `Describe ${route.method} ${path} in ${title ? `the spec '${title}'` : 'the spec'}`, edits: [edit], file: source };
}
