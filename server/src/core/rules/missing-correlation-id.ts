import { isMap, isSeq, str, type DataNode } from '../documents/tree';
import { specOf } from '../openapi/spec';
import type { Rule } from './types';

export const CORRELATION_HEADER = /^(x-)?(request|correlation|trace|transaction|span)[-_]?id$|^traceparent$|^tracestate$|^x-amzn-trace-id$|^x-b3-traceid$|^x-cloud-trace-context$|^uber-trace-id$/i;

/** True when any header parameter or response header anywhere in the tree is a correlation/trace header. */
function mentionsCorrelationHeader(root: DataNode): boolean {
  const stack: DataNode[] = [root];
  const seen = new Set<DataNode>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (isSeq(n)) stack.push(...n.items);
    else if (isMap(n)) {
      let name: string | undefined;
      let inHeader = false;
      for (const e of n.entries) {
        if (e.key.text === 'headers' && isMap(e.value) && e.value.entries.some((h) => CORRELATION_HEADER.test(h.key.text))) return true;
        if (e.key.text === 'name') name = str(e.value);
        if (e.key.text === 'in' && str(e.value) === 'header') inHeader = true;
        if (e.value.kind !== 'scalar') stack.push(e.value);
      }
      if (inHeader && name && CORRELATION_HEADER.test(name)) return true;
    }
  }
  return false;
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
    if (!spec || !spec.ops.length || mentionsCorrelationHeader(spec.root)) return [];
    return [{
      message: `No request-id, correlation-id or traceparent header anywhere in the API (${spec.ops.length} operation${spec.ops.length === 1 ? '' : 's'}): requests cannot be traced across services`,
      at: spec.rootKey,
    }];
  },
};
