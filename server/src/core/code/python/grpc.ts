import type { Node } from 'web-tree-sitter';
import { hasKwargsSplat, keywordArg } from '../../rules/python';
import type { Report, RuleContext } from '../../rules/types';
import { appendItem, nodesOf, seconds } from '../common';

/** A generated stub class: `demo_pb2_grpc.CartServiceStub(channel)` or `CartServiceStub(channel)`. */
const STUB_CTOR = /^(?:[\w.]+\.)?[A-Z]\w*Stub$/;
/** `stub.GetCart(req)`, `stub.GetCart.future(req)`, `stub.GetCart.with_call(req)`. */
const STUB_CALL = /^([\w.]+)\.([A-Z]\w*)(?:\.(future|with_call))?$/;

/** Names (`stub`, `self.stub`) assigned a generated stub in this file. */
function stubNames(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const a of nodesOf(ctx, 'assignment')) {
    const right = a.childForFieldName('right');
    if (right?.type !== 'call' || !STUB_CTOR.test(right.childForFieldName('function')?.text ?? '')) continue;
    const left = a.childForFieldName('left');
    if (left?.type === 'identifier' || left?.type === 'attribute') names.add(left.text);
  }
  return names;
}

/**
 * Python gRPC calls through a generated stub without `timeout=`: grpcio sets no deadline by default (and does not
 * pass on the deadline of a request being served), so the call waits forever for a slow or dead server.
 */
export function pythonGrpcDeadlines(ctx: RuleContext): Report[] {
  if (!/Stub\(/.test(ctx.source.text) || !/\bgrpc\b/.test(ctx.source.text)) return [];
  const stubs = stubNames(ctx);
  const out: Report[] = [];
  for (const call of nodesOf(ctx, 'call')) {
    const fn = call.childForFieldName('function');
    const m = fn?.type === 'attribute' ? STUB_CALL.exec(fn.text) : null;
    if (!m || !stubs.has(m[1])) continue;
    const args = call.childForFieldName('arguments');
    if (args?.type !== 'argument_list' || keywordArg(args, 'timeout') || hasKwargsSplat(args)) continue;
    const s = seconds(ctx.options.defaultTimeoutMs);
    out.push({
      message: `The gRPC call ${m[2]}() has no timeout: grpcio sets no deadline by default, so it waits forever for a slow or dead server`,
      at: { start: fn!.startIndex, end: fn!.endIndex },
      fix: { title: `Add timeout=${s}`, edits: [appendItem(ctx, args as Node, `timeout=${s}`)] },
    });
  }
  return out;
}
