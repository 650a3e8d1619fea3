import type { Node } from 'web-tree-sitter';
import type { Report, RuleContext } from '../../rules/types';
import { nodesOf, report, span } from '../common';

const DEADLINE = /context\.With(Timeout|Deadline)\(/;
const NO_DEADLINE_CTX = /^context\.(Background|TODO)\(\)$/;
/** A generated client constructor: `pb.NewCartServiceClient(conn)` (one argument, a connection). */
const CONSTRUCTOR = /^\w+\.New\w+Client$/;

function enclosingFunction(n: Node): Node | undefined {
  let f: Node | null = n.parent;
  while (f && f.type !== 'function_declaration' && f.type !== 'method_declaration' && f.type !== 'func_literal') f = f.parent;
  return f ?? undefined;
}

/** A gRPC server method: `(ctx context.Context, req *pb.X) (*pb.Y, error)`; its ctx carries the caller's deadline. */
function isServerHandler(f: Node | undefined): boolean {
  if (f?.type !== 'method_declaration') return false;
  const params = f.childForFieldName('parameters')?.text ?? '';
  const result = f.childForFieldName('result')?.text ?? '';
  return /^\(\s*\w+\s+context\.Context\s*,\s*\w+\s+\*\w+\.\w+\s*\)$/.test(params) && /^\(\s*\*\w+\.\w+\s*,\s*error\s*\)$/.test(result);
}

function isClientConstructor(call: Node | null | undefined, grpcFile: boolean): boolean {
  if (call?.type !== 'call_expression') return false;
  const fn = call.childForFieldName('function')?.text ?? '';
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a && a.type !== 'comment') ?? [];
  // A connection (`conn`, `grpc.Dial(...)`), not an options literal (`redis.NewClusterClient(&redis.ClusterOptions{MinIdleConns: ...})`).
  const arg = args[0];
  return CONSTRUCTOR.test(fn) && args.length === 1 && arg?.type !== 'unary_expression' && arg?.type !== 'composite_literal' && (grpcFile || /conn/i.test(arg!.text));
}

/** Names bound to a generated client in this file: `cl := pb.NewXClient(conn)`. */
function clientNames(ctx: RuleContext, grpcFile: boolean): Set<string> {
  const names = new Set<string>();
  for (const c of nodesOf(ctx, 'call_expression')) {
    if (!isClientConstructor(c, grpcFile)) continue;
    let p: Node | null = c.parent;
    if (p?.type === 'expression_list') p = p.parent;
    if (p?.type === 'short_var_declaration' || p?.type === 'assignment_statement') {
      const left = p.childForFieldName('left')?.namedChildren[0]?.text;
      if (left && left !== '_') names.add(left);
    }
  }
  return names;
}

/**
 * Go gRPC calls without a deadline: a generated client's method called with `context.Background()`/`TODO()`
 * (warning, per call), and calls whose context comes from callers, in functions that set no deadline (one
 * information finding per file: the callers are out of sight). Server handlers pass on the caller's deadline.
 */
export function goGrpcDeadlines(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  if (!/\.New\w+Client\(/.test(text)) return [];
  const grpcFile = text.includes('google.golang.org/grpc');
  const clients = clientNames(ctx, grpcFile);
  const out: Report[] = [];
  const unresolved: Node[] = [];
  for (const call of nodesOf(ctx, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') continue;
    const operand = fn.childForFieldName('operand');
    if (!isClientConstructor(operand, grpcFile) && !(operand?.type === 'identifier' && clients.has(operand.text))) continue;
    const ctxArg = call.childForFieldName('arguments')?.namedChildren[0];
    if (!ctxArg) continue;
    const f = enclosingFunction(call);
    if (f && DEADLINE.test(f.text)) continue;
    const method = fn.childForFieldName('field')?.text ?? 'method';
    if (NO_DEADLINE_CTX.test(ctxArg.text)) {
      out.push(report(`The gRPC call ${method}(${ctxArg.text}, …) has no deadline: it waits forever for a slow or dead server, and drops any deadline of the request being served`, ctxArg));
    } else if (!isServerHandler(f)) {
      unresolved.push(fn.childForFieldName('field') ?? fn);
    }
  }
  if (unresolved.length) {
    const [first, ...rest] = unresolved;
    const one = unresolved.length === 1;
    const calls = one ? `The gRPC call ${first.text}` : `${unresolved.length} gRPC calls in this file (${first.text}, …)`;
    out.push({
      message: one
        ? `${calls} gets a context from its callers and sets no deadline: unless every caller sets one (context.WithTimeout), it waits forever for a slow or dead server`
        : `${calls} get a context from their callers and set no deadline: unless every caller sets one (context.WithTimeout), they wait forever for a slow or dead server`,
      at: span(first),
      severity: 'information',
      related: rest.slice(0, 20).map((n) => ({ at: span(n), message: `gRPC call ${n.text}` })),
    });
  }
  return out;
}

/**
 * Whether a call after the statement, in the same function, takes the parent context (or a fresh one): a call that
 * should have had the derived one. With none (`grpc.NewClient` takes no context) the line is dead code, not a gap.
 */
function laterCallTakes(statement: Node, parent: string): boolean {
  let fn: Node | null = statement.parent;
  while (fn && !/^(function_declaration|method_declaration|func_literal)$/.test(fn.type)) fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body || !parent) return true;
  const after = body.text.slice(statement.endIndex - body.startIndex);
  const name = parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`[(,]\\s*(${name}|context\\.(Background|TODO)\\(\\))\\s*[,)]`).test(after);
}

/** `_, cancel := context.WithTimeout(ctx, d)`: the context with the deadline is thrown away, so no call gets it. */
export function goDiscardedDeadlines(ctx: RuleContext): Report[] {
  if (!/_\s*,\s*\w+\s*:?=\s*context\.With(Timeout|Deadline)\(/.test(ctx.source.text)) return [];
  const out: Report[] = [];
  for (const c of nodesOf(ctx, 'call_expression')) {
    const fn = c.childForFieldName('function')?.text ?? '';
    if (fn !== 'context.WithTimeout' && fn !== 'context.WithDeadline') continue;
    let p: Node | null = c.parent;
    if (p?.type === 'expression_list') p = p.parent;
    if (p?.type !== 'short_var_declaration' && p?.type !== 'assignment_statement') continue;
    if (p.childForFieldName('left')?.namedChildren[0]?.text !== '_') continue;
    if (!laterCallTakes(p, c.childForFieldName('arguments')?.namedChildren[0]?.text ?? '')) continue;
    out.push(report(`${fn}(...) result is discarded (\`_\`): nothing receives the derived context, so no call gets this deadline; pass the new context on instead of the old one`, c.childForFieldName('function')!));
  }
  return out;
}
