import type { Node } from 'web-tree-sitter';
import type { Report, RuleContext } from '../../rules/types';
import { nodesOf, report } from '../common';

const NOT_RPC = new Set(['close', 'getChannel', 'waitForReady', 'makeUnaryRequest', 'makeClientStreamRequest', 'makeServerStreamRequest', 'makeBidiStreamRequest', 'bind', 'call', 'apply', 'on', 'once']);
const FUNCTION = new Set(['arrow_function', 'function_expression', 'function']);

/** Names (`client`, `this.client`) bound to `new X(address, grpc.credentials.createInsecure())`, unless its options add interceptors or a service config. */
function clientNames(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const n of nodesOf(ctx, 'new_expression')) {
    const args = n.childForFieldName('arguments')?.namedChildren.filter((a) => a && a.type !== 'comment') ?? [];
    if (args.length < 2 || !/credentials\.create\w*\(/.test(args[1]!.text)) continue;
    if (args[2] && /interceptors|service_config/.test(args[2].text)) continue;
    const p = n.parent;
    const target = p?.type === 'variable_declarator' ? p.childForFieldName('name') : p?.type === 'assignment_expression' ? p.childForFieldName('left') : undefined;
    if (target && (target.type === 'identifier' || target.type === 'member_expression')) names.add(target.text);
  }
  return names;
}

/** True when the call passes a deadline, or arguments this check cannot read (metadata, an options variable). */
function deadlineOrUnknown(args: Node[]): boolean {
  const rest = args.slice(1);
  if (rest.some((a) => a.type === 'object' && /\bdeadline\b/.test(a.text))) return true;
  return rest.some((a) => !FUNCTION.has(a.type));
}

/**
 * @grpc/grpc-js client calls without a `deadline` option: grpc-js sets none by default, so a unary or streaming call
 * waits forever for a slow or dead server. Only calls whose every argument is read (request, callback) are judged.
 */
export function jsGrpcDeadlines(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  if (!text.includes('grpc') || !/credentials\.create/.test(text)) return [];
  const clients = clientNames(ctx);
  if (!clients.size) return [];
  const out: Report[] = [];
  for (const call of nodesOf(ctx, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_expression') continue;
    const method = fn.childForFieldName('property')?.text ?? '';
    if (!clients.has(fn.childForFieldName('object')?.text ?? '') || NOT_RPC.has(method)) continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
    if (!args.length || deadlineOrUnknown(args)) continue;
    out.push(report(`The gRPC call ${method}() has no deadline: @grpc/grpc-js sets none by default, so it waits forever for a slow or dead server; pass { deadline: Date.now() + ms } as its options`, fn.childForFieldName('property') ?? fn));
  }
  return out;
}
