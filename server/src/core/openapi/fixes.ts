import { get, isMap, type MapNode } from '../documents/tree';
import { appendEntry, mergeInserts, type Plain } from '../rules/edits';
import type { Operation } from '../rules/openapi';
import type { OffsetEdit, RuleContext } from '../rules/types';
import type { Spec } from './spec';

/** Adds `name` under `components.responses` (3.x) or top-level `responses` (2.0) unless it exists; the `$ref` to it. */
export function sharedResponse(ctx: RuleContext, spec: Spec, name: string, response: Plain): { ref: string; edit?: OffsetEdit; exists: boolean } | undefined {
  if (spec.version.major === 2) {
    const responses = get(spec.root, 'responses');
    const ref = `#/responses/${name}`;
    if (isMap(responses)) return get(responses, name) ? { ref, exists: true } : wrap(ref, appendEntry(ctx.source, responses, name, response));
    return wrap(ref, appendEntry(ctx.source, spec.root, 'responses', { [name]: response }));
  }
  const ref = `#/components/responses/${name}`;
  const components = get(spec.root, 'components');
  const responses = get(components, 'responses');
  if (isMap(responses)) return get(responses, name) ? { ref, exists: true } : wrap(ref, appendEntry(ctx.source, responses, name, response));
  if (isMap(components)) return wrap(ref, appendEntry(ctx.source, components, 'responses', { [name]: response }));
  if (components) return undefined;
  return wrap(ref, appendEntry(ctx.source, spec.root, 'components', { responses: { [name]: response } }));
}

function wrap(ref: string, edit: OffsetEdit | undefined) {
  return edit ? { ref, edit, exists: false } : undefined;
}

type Shared = ReturnType<typeof sharedResponse>;
const sharedBySpec = new WeakMap<Spec, Map<string, Shared>>();

/** sharedResponse, computed once per spec and name (a fix per operation adds the same shared response). */
function sharedOnce(ctx: RuleContext, spec: Spec, name: string, response: Plain): Shared {
  let byName = sharedBySpec.get(spec);
  if (!byName) sharedBySpec.set(spec, (byName = new Map()));
  if (!byName.has(name)) byName.set(name, sharedResponse(ctx, spec, name, response));
  return byName.get(name);
}

/** Edits that add a shared response and reference it as `code` from each operation; undefined when one edit is unsafe. */
export function addSharedResponse(ctx: RuleContext, spec: Spec, ops: Operation[], code: string, name: string, response: Plain): OffsetEdit[] | undefined {
  const shared = sharedOnce(ctx, spec, name, response);
  if (!shared) return undefined;
  const edits: OffsetEdit[] = [];
  for (const op of ops) {
    const responses = get(op.node, 'responses');
    if (!isMap(responses) || !responses.entries.length) return undefined;
    const e = appendEntry(ctx.source, responses as MapNode, code, { $ref: shared.ref });
    if (!e) return undefined;
    edits.push(e);
  }
  if (shared.edit) edits.push(shared.edit);
  const merged = mergeInserts(edits);
  return overlapping(merged) ? undefined : merged;
}

function overlapping(edits: OffsetEdit[]): boolean {
  const s = [...edits].sort((a, b) => a.start - b.start);
  return s.some((e, i) => i > 0 && e.start < s[i - 1].end);
}

export const problemResponse = (major: 2 | 3): Plain => {
  const schema: Plain = {
    type: 'object',
    properties: { type: { type: 'string', format: 'uri' }, title: { type: 'string', maxLength: 256 }, status: { type: 'integer', minimum: 100, maximum: 599 }, detail: { type: 'string', maxLength: 4096 } },
  };
  return major === 2 ? { description: 'An error (RFC 9457 problem details)', schema } : { description: 'An error (RFC 9457 problem details)', content: { 'application/problem+json': { schema } } };
};

export const tooManyRequests = (major: 2 | 3): Plain =>
  major === 2
    ? { description: 'Too many requests: retry after the given number of seconds', headers: { 'Retry-After': { type: 'integer', description: 'Seconds to wait before retrying' } } }
    : { description: 'Too many requests: retry after the given number of seconds', headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } } } };
