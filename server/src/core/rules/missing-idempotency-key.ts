import { get } from '../documents/tree';
import { opLabel, paramsOf, relatedOps, requestSchemas, responsesOf, specOf, splitCoverage, type Spec } from '../openapi/spec';
import type { Operation } from './openapi';
import { consumerIdempotency } from '../code/messaging/idempotency';
import type { Report, Rule } from './types';

const IDEMPOTENCY_HEADER = /^(x-)?idempotency[-_]?key$|^idempotent[-_]?key$/i;
/** Last path segments that name an action rather than a collection to create in. */
const ACTION = /^(search|query|find|filter|login|logout|signin|signout|sign-in|sign-out|token|tokens|oauth|auth|authenticate|authorize|refresh|verify|validate|check|calculate|compute|preview|render|convert|translate|export|import|batch|bulk|graphql|rpc|count|lookup|send|test|ping|echo|analy[sz]e|detect|recognize|predict|classify|evaluate|evaluation|evaluations|reset|cancel|close|open|start|stop|restart|run|execute|invoke|publish|subscribe|unsubscribe|ack|acknowledge|approve|reject|sync|upload|download)$/i;

/** RPC-style names (`get_facilities`, `list-items`): the POST runs a procedure, it creates nothing. */
const RPC_NAME = /^(get|list|search|query|find|fetch|check|validate|compute|calculate|lookup|count|export)[-_]/i;

/** A receiver of another system's events (`on-sign-up`, `payment-webhook`, `callback`): its caller sends no key of ours. */
const EVENT_HOOK = /^on[-_][a-z]|(^|[-_])(web)?hooks?$|^callbacks?$/i;

/** A POST that creates a resource: it answers 201, or it posts a body to a collection path (not an action). */
export function createsResource(spec: Spec, op: Operation): boolean {
  if (op.method !== 'post') return false;
  const codes = responsesOf(spec, op).map((r) => r.code);
  if (codes.includes('201')) return true;
  const segments = op.path.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  // A gRPC or Connect method (`/shop.v1.OrderService/CreateOrder`): POST is the transport of every call, not a create.
  if (segments.length >= 2 && /\.[A-Z]\w*$/.test(segments[segments.length - 2]) && /^[A-Z]/.test(last)) return false;
  if (!last || last.includes('{') || last.includes(':') || last.includes('.') || ACTION.test(last) || RPC_NAME.test(last) || EVENT_HOOK.test(last) || /[a-z](?=[A-Z])/.test(last)) return false;
  const hasBody = spec.version.major === 3 ? !!get(op.node, 'requestBody') : requestSchemas(spec, op).length > 0;
  return hasBody && codes.some((c) => /^20[02]$/.test(c));
}

export const missingIdempotencyKey: Rule = {
  id: 'missing-idempotency-key',
  kinds: ['openapi', 'python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'information',
  title: 'A create operation accepts no Idempotency-Key, or a consumer inserts without de-duplication',
  description:
    'Clients retry with backoff when a call times out, and a retried POST creates the resource twice unless the server can recognise the repeat. An Idempotency-Key header lets the server return the first result instead of creating a duplicate. Message consumers face the same: brokers deliver at least once, so a consumer that inserts must recognise a message it has already handled.',
  check(ctx) {
    if (ctx.source.kind !== 'openapi') return consumerIdempotency(ctx);
    const spec = specOf(ctx);
    if (!spec) return [];
    const creates = spec.ops.filter((op) => createsResource(spec, op));
    if (!creates.length) return [];
    const { spec: specWide, missing } = splitCoverage(creates, (op) => paramsOf(spec, op).some((p) => p.in === 'header' && IDEMPOTENCY_HEADER.test(p.name)));
    if (!missing.length) return [];
    if (specWide) {
      const what = missing.length === 1 ? `${opLabel(missing[0])} creates a resource` : `${missing.length} of ${creates.length} POST operations create resources`;
      return [{ message: `${what} without an Idempotency-Key header: a retried request creates a duplicate`, at: missing.length === 1 ? missing[0].key : spec.rootKey, related: missing.length === 1 ? [] : relatedOps(missing, 'accepts no Idempotency-Key') }];
    }
    return missing.map((op): Report => ({ message: `${opLabel(op)} creates a resource without an Idempotency-Key header, unlike other create operations of this API`, at: op.key }));
  },
};
