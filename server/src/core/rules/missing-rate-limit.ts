import { entries, get } from '../documents/tree';
import { opLabel, relatedOps, responsesOf, specOf, splitCoverage, type Spec } from '../openapi/spec';
import { addSharedResponse, tooManyRequests } from '../openapi/fixes';
import type { Operation } from './openapi';
import type { Report, Rule, RuleContext } from './types';

export const RATE_LIMIT_HEADER = /rate-?limit|^retry-after$|^x-ratelimit/i;

/** A vendor extension of the operation that assigns it a rate limit or throttling tier (`x-ory-ratelimit-bucket`, `x-throttling-tier`). */
const RATE_LIMIT_EXTENSION = /^x-[\w-]*(rate-?limit|throttl)/i;

function declaresRateLimit(spec: Spec, op: Operation): boolean {
  if (entries(op.node).some((e) => RATE_LIMIT_EXTENSION.test(e.key.text))) return true;
  return responsesOf(spec, op).some((r) => r.code === '429' || entries(get(r.node, 'headers')).some((h) => RATE_LIMIT_HEADER.test(h.key.text)));
}

function fixFor(ctx: RuleContext, spec: Spec, ops: Operation[]) {
  const edits = addSharedResponse(ctx, spec, ops, '429', 'TooManyRequests', tooManyRequests(spec.version.major));
  return edits && { title: `Add a shared 429 response with Retry-After to ${ops.length === 1 ? 'this operation' : `${ops.length} operations`}`, edits };
}

export const missingRateLimit: Rule = {
  id: 'missing-rate-limit',
  kinds: ['openapi'],
  defaultSeverity: 'information',
  title: 'The API declares no rate limiting',
  description:
    'Rate limiting protects a service from overload and abuse, and clients need to know how it answers when they exceed it: a 429 response with Retry-After, or rate-limit headers. Declare it once as a shared response and reference it.',
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec || !spec.apiOps.length) return [];
    const { spec: specWide, declared, missing } = splitCoverage(spec.apiOps, (op) => declaresRateLimit(spec, op));
    if (!missing.length) return [];
    if (specWide) {
      const what = declared ? `Only ${declared} of ${spec.apiOps.length} operations declare` : 'No operation declares';
      return [{
        message: `${what} rate limiting (no 429 response, no rate-limit headers) across ${missing.length} operation${missing.length === 1 ? '' : 's'}`,
        at: spec.rootKey,
        related: relatedOps(missing, 'has no 429 response'),
        fix: () => fixFor(ctx, spec, missing),
      }];
    }
    return missing.map((op): Report => ({
      message: `${opLabel(op)} declares no 429 response or rate-limit headers, unlike other operations of this API`,
      at: op.key,
      fix: () => fixFor(ctx, spec, [op]),
    }));
  },
};
