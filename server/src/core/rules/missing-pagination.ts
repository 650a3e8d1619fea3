import { get, isSeq, toPlain } from '../documents/tree';
import { propertiesOf, schemaType, successSchema } from '../openapi/schema';
import { isGeneratedSpec } from '../openapi/generated';
import { opLabel, paramsOf, specOf, type Spec } from '../openapi/spec';
import { appendEntry, type Plain } from './edits';
import type { Operation } from './openapi';
import type { Report, Rule, RuleContext } from './types';

export const PAGINATION_PARAM = /^(\$?(top|skip)|limit|offset|page|pages?[-_]?(size|number|num|token|index)|per[-_]?page|size|count|cursor|after|before|since|until|marker|next|next[-_]?(token|page|cursor)|continuation[-_]?token|max[-_]?(results|items|keys|records)|starting[-_]?after|ending[-_]?before|page\[\w+\]|from|start|range)$/i;

const NEXT_LINK = /^(@odata\.)?next([-_]?(link|page|page[-_]?token|cursor|token|url|marker))?$|^(next|page|paging|pagination)([-_]?(info|details|meta|data))?$|^links$|^continuation[-_]?token$|^cursor$|^has[-_]?more$/i;

/** `limit`, or the last part of a structured name: `searchCriteria[pageSize]`, `page.size`, `filter[limit]`. */
function isPagingParam(name: string): boolean {
  return PAGINATION_PARAM.test(name) || PAGINATION_PARAM.test(name.split(/[[\].]/).filter(Boolean).pop() ?? '');
}

/** Why the 2xx body is a list: a top-level array, or an object whose only array property is the list. */
function listShape(spec: Spec, op: Operation): string | undefined {
  const body = successSchema(spec, op);
  const type = schemaType(body);
  if (type === 'array') return 'an array';
  // An object with one array property is a page of a collection only on a collection path, not on `/orders/{id}`.
  if (type !== 'object' || /\}$/.test(op.path.replace(/\/+$/, ''))) return undefined;
  const props = propertiesOf(spec, body);
  // Server-driven paging: the body links to the next page (Azure's nextLink, OData, cursors in the body).
  if (props.some((p) => NEXT_LINK.test(p.key.text))) return undefined;
  const arrays = props.filter((p) => schemaType(spec.refs.node(p.value)) === 'array');
  return arrays.length === 1 ? `a list in '${arrays[0].key.text}'` : undefined;
}

function fixFor(ctx: RuleContext, spec: Spec, op: Operation) {
  const v3 = spec.version.major === 3;
  const limit: Plain = v3
    ? { name: 'limit', in: 'query', description: 'Maximum number of items to return', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }
    : { name: 'limit', in: 'query', description: 'Maximum number of items to return', type: 'integer', minimum: 1, maximum: 100, default: 20 };
  const cursor: Plain = v3
    ? { name: 'cursor', in: 'query', description: 'Opaque cursor from the previous page', schema: { type: 'string', maxLength: 256 } }
    : { name: 'cursor', in: 'query', description: 'Opaque cursor from the previous page', type: 'string', maxLength: 256 };
  const existing = get(op.node, 'parameters');
  const list = (isSeq(existing) ? (toPlain(existing) as Plain[]) : []).concat([limit, cursor]);
  const edit = op.node.kind === 'map' ? appendEntry(ctx.source, op.node, 'parameters', list) : undefined;
  return edit && { title: 'Add limit and cursor query parameters', edits: [edit] };
}

/**
 * Collections of configuration that people set up one by one (a project's webhooks, a tenant's identity providers, a
 * user's MFA factors, roles, scopes, settings) and reference lists (regions, currencies, languages): they do not grow
 * with use, so a page of them is the whole list.
 */
const CONFIGURATION = /^(webhooks?|settings|providers|identity[-_]?providers|factors|roles|scopes|regions|currencies|languages|locales|countries|timezones|plans)$/i;

/** The last literal segment of a path (`/v1/projects/{id}/webhooks/` -> `webhooks`). */
const lastSegment = (path: string) => path.split('/').filter((p) => p && !p.startsWith('{')).pop() ?? '';

export const missingPagination: Rule = {
  id: 'missing-pagination',
  kinds: ['openapi'],
  defaultSeverity: 'information',
  title: 'A list endpoint returns every item at once',
  description:
    'A GET that returns a collection without a limit, page or cursor parameter answers with all items: responses and latency grow with the data until the endpoint falls over. Paginate every list, preferably with a cursor.',
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec) return [];
    const out: Report[] = [];
    for (const op of spec.ops) {
      if (op.method !== 'get' || CONFIGURATION.test(lastSegment(op.path))) continue;
      const shape = listShape(spec, op);
      if (!shape) continue;
      if (paramsOf(spec, op).some((p) => (p.in === 'query' || p.in === 'header') && isPagingParam(p.name))) continue;
      out.push({ message: `${opLabel(op)} returns ${shape} with no limit, page or cursor parameter`, at: op.key, fix: () => fixFor(ctx, spec, op) });
    }
    // A generated spec shows what its source pages, and the lists that never grow (one per parent, admin settings)
    // look the same: one note for the spec, naming the lists.
    if (out.length > 1 && isGeneratedSpec(ctx)) {
      return [{
        message: `This spec is generated, and ${out.length} list operations have no limit, page or cursor parameter (${out.slice(0, 3).map((r) => r.message.split(' returns ')[0]).join('; ')}; ...): page those whose collections grow with use in the code it is generated from`,
        at: spec.rootKey,
        related: out.slice(0, 20).map((r) => ({ at: r.at, message: r.message })),
      }];
    }
    return out;
  },
};
