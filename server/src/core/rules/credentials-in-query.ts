import { entries, get, items, str, type DataNode } from '../documents/tree';
import { opLabel, paramsOf, placeFor, specOf, type Param } from '../openapi/spec';
import type { Operation } from './openapi';
import type { Report, Rule } from './types';

/** Query parameter names that carry a credential. */
export const CREDENTIAL_NAME = /^(api[-_]?key|apikey|access[-_]?token|auth[-_]?token|oauth[-_]?token|id[-_]?token|refresh[-_]?token|token|bearer|auth|authorization|password|passwd|pwd|secret|client[-_]?secret|app[-_]?secret|api[-_]?secret|session[-_]?id|sessionid|jwt)$/i;

/** A bare `key` is a credential only when its description says so (Google's `key`), not a cache or sort key. */
function isApiKeyNamedKey(p: Param): boolean {
  return /^key$/i.test(p.name) && /api key|credential|secret|token|authenticat|authoriz/i.test(str(get(p.node, 'description')) ?? '');
}

/** A parameter its description calls a filter ("Filter by session ID"): it selects stored records, it is not the caller's credential. */
function filtersRecords(p: Param): boolean {
  return /^\s*(only\s+)?(filter|filters|search)\b|\bfilter(ed|s)?\s+(by|on)\b|\bonly\b[^.]{0,60}\bwith (a|the) (specific|given)\b/i.test(str(get(p.node, 'description')) ?? '');
}

const SESSION_ID = /^session[-_]?id$/i;

/**
 * A GET that a link in an e-mail opens (`/verify-email`, `/confirm`, `/reset-password`, `/accept-invite`): its one-time
 * token can only travel in the URL. The advice is to keep it single-use and short-lived, not to move it to a header.
 */
const EMAIL_LINK_STEP = /^(verify|verification|confirm|confirmation|activate|activation|reset|invite|invitation|accept|unsubscribe|magic[-_]?link)([-_](e?mail|account|password|invite|invitation|user))?$|^(verify|confirm|reset|accept)[-_]?\w+$/i;

function opensFromEmailLink(op: Operation, p: Param): boolean {
  if (op.method !== 'get' || !/^(token|code)$/i.test(p.name)) return false;
  const last = op.path.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? '';
  return EMAIL_LINK_STEP.test(last);
}

export const credentialsInQuery: Rule = {
  id: 'credentials-in-query',
  kinds: ['openapi'],
  defaultSeverity: 'warning',
  title: 'Credentials travel in the query string',
  description:
    'Query strings are written to access logs, proxies, browser history and Referer headers, so an API key, token or password there leaks to everyone who reads them. Send credentials in a header (Authorization) instead.',
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec) return [];
    const out: Report[] = [];
    const schemes = spec.version.major === 2 ? get(spec.root, 'securityDefinitions') : get(get(spec.root, 'components'), 'securitySchemes');
    const inHeader = new Set(entries(schemes).filter((s) => { const n = spec.refs.node(s.value); return !(str(get(n, 'type')) === 'apiKey' && str(get(n, 'in')) === 'query'); }).map((s) => s.key.text));
    const headerAuthenticated = (op: Operation) => items(get(op.node, 'security') ?? get(spec.root, 'security')).some((req) => entries(req).some((e) => inHeader.has(e.key.text)));
    for (const s of entries(schemes)) {
      const scheme = spec.refs.node(s.value);
      if (str(get(scheme, 'type')) === 'apiKey' && str(get(scheme, 'in')) === 'query') {
        out.push({ message: `Security scheme '${s.key.text}' sends its API key '${str(get(scheme, 'name')) ?? ''}' in the query string: use a header`, at: s.key });
      }
    }
    // One finding per credential parameter: a shared component once, inline parameters grouped by name.
    const groups = new Map<string, { param: Param; ops: Operation[]; link: boolean }>();
    for (const op of spec.ops) {
      for (const p of paramsOf(spec, op)) {
        if (p.in !== 'query' || !(CREDENTIAL_NAME.test(p.name) || isApiKeyNamedKey(p)) || filtersRecords(p)) continue;
        // A session id on an operation the caller authenticates in a header names a stored session (a trace's), not the caller's.
        if (SESSION_ID.test(p.name) && headerAuthenticated(op)) continue;
        const link = opensFromEmailLink(op, p);
        const id = `${p.target?.id ?? `inline:${p.name.toLowerCase()}`}${link ? ':link' : ''}`;
        const g = groups.get(id) ?? { param: p, ops: [], link };
        g.ops.push(op);
        groups.set(id, g);
      }
    }
    for (const { param, ops, link } of groups.values()) {
      const place = placeFor(spec, param.target, param.target ? param.use : (get(param.node, 'name') as DataNode) ?? param.node);
      const count = ops.length === 1 ? opLabel(ops[0]) : `${ops.length} operations`;
      out.push({
        message: link
          ? `Query parameter '${param.name}' is the token of a link sent by e-mail (used by ${count}): it can only travel in the URL, so make it single-use and short-lived`
          : `Query parameter '${param.name}' carries a credential (used by ${count}): send it in a header`,
        at: place.at,
        ...(link ? { severity: 'hint' as const } : {}),
        related: [...place.related, ...ops.slice(0, 20).map((op) => ({ at: op.key, message: `${opLabel(op)} takes '${param.name}' in the query` }))],
      });
    }
    return out;
  },
};
