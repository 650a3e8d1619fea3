import { get } from '../documents/tree';
import { opLabel, paramsOf, relatedOps, responsesOf, specOf, splitCoverage, type Spec } from '../openapi/spec';
import { addSharedResponse, problemResponse } from '../openapi/fixes';
import type { Operation } from './openapi';
import type { Report, Rule, RuleContext } from './types';

const ERROR_CODE = /^(4\d\d|4XX|default)$/i;

function hasErrorResponse(spec: Spec, op: Operation): boolean {
  return responsesOf(spec, op).some((r) => ERROR_CODE.test(r.code));
}

function fixFor(ctx: RuleContext, spec: Spec, ops: Operation[]) {
  const edits = addSharedResponse(ctx, spec, ops, 'default', 'Problem', problemResponse(spec.version.major));
  return edits && { title: `Add a shared problem+json error response as 'default' to ${ops.length === 1 ? 'this operation' : `${ops.length} operations`}`, edits };
}

export const missingErrorResponses: Rule = {
  id: 'missing-error-responses',
  kinds: ['openapi'],
  defaultSeverity: 'information',
  title: 'An operation documents no error response',
  description:
    'Without a 4xx or default response, clients do not know what a failure looks like and cannot tell their own mistakes from retryable errors. Describe errors once, as a shared problem+json (RFC 9457) response, and reference it.',
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec || !spec.apiOps.length) return [];
    const { spec: specWide, declared, missing } = splitCoverage(spec.apiOps, (op) => hasErrorResponse(spec, op));
    if (!missing.length) return [];
    if (specWide) {
      const what = declared ? `Only ${declared} of ${spec.apiOps.length} operations document` : 'No operation documents';
      return [{
        message: `${what} a 4xx or default error response (${missing.length} operation${missing.length === 1 ? '' : 's'} without): clients cannot tell what a failure looks like`,
        at: spec.rootKey,
        related: relatedOps(missing, 'has no error response'),
        fix: () => fixFor(ctx, spec, missing),
      }];
    }
    // The others document only a validation error (FastAPI adds 422 to every operation that takes input): an
    // operation that takes none is no exception to them.
    const validationOnly = spec.apiOps.filter((op) => hasErrorResponse(spec, op)).every((op) => responsesOf(spec, op).filter((r) => ERROR_CODE.test(r.code)).every((r) => /^(400|422)$/.test(r.code)));
    const takesInput = (op: Operation) => paramsOf(spec, op).length > 0 || get(op.node, 'requestBody') !== undefined;
    return missing.filter((op) => !validationOnly || takesInput(op)).map((op): Report => ({
      message: `${opLabel(op)} documents no 4xx or default response, unlike other operations of this API`,
      at: op.key,
      fix: () => fixFor(ctx, spec, [op]),
    }));
  },
};
