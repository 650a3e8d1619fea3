import type { Report, RuleContext } from '../../rules/types';
import { nodesOf, report } from '../common';

const STUB_FACTORY = new Set(['newBlockingStub', 'newStub', 'newFutureStub', 'newBlockingV2Stub']);

/**
 * grpc-java stubs through which no call gets a deadline: grpc-java sets none by default, so calls wait forever for
 * a slow or dead server. One finding per stub created in a file that never calls withDeadlineAfter/withDeadline.
 */
export function javaGrpcDeadlines(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  if (!/Grpc\s*\.\s*new\w*Stub\s*\(/.test(text) || /\.withDeadline(After)?\s*\(/.test(text)) return [];
  const out: Report[] = [];
  for (const call of nodesOf(ctx, 'method_invocation')) {
    const name = call.childForFieldName('name')?.text ?? '';
    const obj = call.childForFieldName('object')?.text ?? '';
    if (!STUB_FACTORY.has(name) || !/Grpc$/.test(obj)) continue;
    out.push(report(`Calls through this ${obj.replace(/^.*\./, '')} stub have no deadline: grpc-java sets none by default, so they wait forever for a slow or dead server; call stub.withDeadlineAfter(n, TimeUnit.SECONDS) for each call (a deadline set once on a stored stub expires for good)`, call));
  }
  return out;
}
