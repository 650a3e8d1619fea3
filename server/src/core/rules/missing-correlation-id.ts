import { entries, get, str, type DataNode } from '../documents/tree';
import { paramsOf, responsesOf, specOf, type Spec } from '../openapi/spec';
import { specInCodeFolder } from '../openapi/codeFolder';
import type { Rule } from './types';

export const CORRELATION_HEADER = /^(x-)?(request|correlation|trace|transaction|span)[-_]?id$|^traceparent$|^tracestate$|^x-amzn-trace-id$|^x-b3-traceid$|^x-cloud-trace-context$|^uber-trace-id$/i;

const hasHeader = (response: DataNode | undefined) => entries(get(response, 'headers')).some((h) => CORRELATION_HEADER.test(h.key.text));

/** True when an operation takes a correlation header or a response (or a shared definition) returns one. */
function mentionsCorrelationHeader(spec: Spec): boolean {
  for (const op of spec.ops) {
    if (paramsOf(spec, op).some((p) => p.in === 'header' && CORRELATION_HEADER.test(p.name))) return true;
    if (responsesOf(spec, op).some((r) => hasHeader(r.node))) return true;
  }
  const shared = spec.version.major === 2 ? spec.root : get(spec.root, 'components');
  if (entries(get(shared, 'headers')).some((h) => CORRELATION_HEADER.test(h.key.text))) return true;
  if (entries(get(shared, 'responses')).some((r) => hasHeader(spec.refs.node(r.value)))) return true;
  return entries(get(shared, 'parameters')).some((p) => {
    const param = spec.refs.node(p.value);
    return str(get(param, 'in')) === 'header' && CORRELATION_HEADER.test(str(get(param, 'name')) ?? '');
  });
}

export const missingCorrelationId: Rule = {
  id: 'missing-correlation-id',
  kinds: ['openapi'],
  defaultSeverity: 'information',
  title: 'The API carries no request id or trace context',
  description:
    'Without a correlation id (X-Request-ID, X-Correlation-ID) or W3C trace context (traceparent) in the contract, a request cannot be followed across services in logs and traces. Declare the header once, as a shared parameter and a response header.',
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec || !spec.apiOps.length || mentionsCorrelationHeader(spec)) return [];
    // A spec inside a service's code folder: whether requests carry an id is the code's (missing-tracing judges it).
    if (specInCodeFolder(ctx)) return [];
    return [{
      message: `No request-id, correlation-id or traceparent header anywhere in the API (${spec.apiOps.length} operation${spec.apiOps.length === 1 ? '' : 's'}): requests cannot be traced across services`,
      at: spec.rootKey,
    }];
  },
};
