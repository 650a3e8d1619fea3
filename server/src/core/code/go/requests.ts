import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../rules/types';
import { nodesOf } from '../common';

/**
 * Go requests sent with `X.Do(req)`: the client X looked up in this file (http.DefaultClient, or a variable or struct
 * field bound only to it or to one `http.Client{...}` literal), and the request followed to where its context is
 * given (`http.NewRequestWithContext(ctx, ...)`, `http.NewRequest` without one, `req.WithContext(ctx)`). A client
 * bound to anything else (a parameter, another package's constructor) is not resolved: nothing is said of it.
 */
export interface DoCall {
  /** The `X.Do` callee. */
  callee: Node;
  client: 'default' | Node;
  /** Where the request is built, when in the same function. */
  request?: Node;
  /** Undefined when a deadline reaches the request; else why none does. */
  noDeadline?: string;
  /** The context comes from the function's callers (or could not be followed): they may set a deadline. */
  fromCaller?: boolean;
}

const DEADLINE = /context\.With(Timeout|Deadline)\(/;
type Binding = 'default' | 'other' | Node;

export function enclosingFunction(n: Node): Node | undefined {
  let f: Node | null = n.parent;
  while (f && f.type !== 'function_declaration' && f.type !== 'method_declaration' && f.type !== 'func_literal') f = f.parent;
  return f ?? undefined;
}

const parameterNames = (f: Node | undefined) => (f?.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p) => p?.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text) ?? []);

/** `(left, value)` pairs of assignments, short declarations, var specs and keyed elements (a field by `.name`). */
function bindings(ctx: RuleContext): [string, Node, Node][] {
  const out: [string, Node, Node][] = [];
  const key = (n: Node | null | undefined) => (n?.type === 'identifier' ? n.text : n?.type === 'selector_expression' ? `.${n.childForFieldName('field')?.text}` : undefined);
  for (const s of nodesOf(ctx, ['short_var_declaration', 'assignment_statement', 'var_spec'])) {
    const lefts = s.type === 'var_spec' ? s.childrenForFieldName('name') : (s.childForFieldName('left')?.namedChildren ?? []);
    const rights = s.type === 'var_spec' ? (s.childForFieldName('value')?.namedChildren ?? []) : (s.childForFieldName('right')?.namedChildren ?? []);
    if (lefts.length !== rights.length) continue;
    lefts.forEach((l, i) => {
      const k = key(l);
      if (k && rights[i]) out.push([k, rights[i]!, s]);
    });
  }
  for (const k of nodesOf(ctx, 'keyed_element')) {
    const [name, value] = k.namedChildren;
    const field = name?.type === 'literal_element' ? name.namedChildren[0] : name;
    if (field?.type === 'identifier' && value) out.push([`.${field.text}`, value.type === 'literal_element' ? value.namedChildren[0] ?? value : value, k]);
  }
  return out;
}

/** What each variable and field of the file holds: the default client, one client literal, or something else. */
/** What a value is as a client: the default client, a client literal, or something else. */
function clientKind(value: Node, http: string): Binding {
  let v: Node | null = value;
  if (v.type === 'unary_expression' && v.text.startsWith('&')) v = v.namedChildren[0];
  const type = v?.type === 'composite_literal' ? v.childForFieldName('type') : undefined;
  return value.text === `${http}.DefaultClient` ? 'default' : type?.type === 'qualified_type' && type.text === `${http}.Client` ? v! : 'other';
}

function clientBindings(ctx: RuleContext, http: string): Map<string, Binding> {
  const direct = new Map<string, Binding>();
  const kindOf = (value: Node): Binding => clientKind(value, http);
  const all = bindings(ctx);
  const merge = (map: Map<string, Binding>, name: string, kind: Binding) => {
    const had = map.get(name);
    map.set(name, had === undefined || had === kind ? kind : 'other');
  };
  for (const [name, value] of all) merge(direct, name, kindOf(value));
  // One step through a variable: `ProxyClient: proxyClient` after `proxyClient := http.Client{...}`.
  const out = new Map<string, Binding>();
  for (const [name, value] of all) merge(out, name, value.type === 'identifier' && value.text !== name ? (direct.get(value.text) ?? 'other') : kindOf(value));
  return out;
}

/** The latest assignment of `name` in the function before `before`: its value. */
function lastValue(ctx: RuleContext, f: Node, name: string, before: number): Node | undefined {
  let found: Node | undefined;
  for (const s of nodesOf(ctx, ['short_var_declaration', 'assignment_statement'])) {
    if (s.startIndex < f.startIndex || s.endIndex > before || enclosingFunction(s)?.id !== f.id) continue;
    const lefts = s.childForFieldName('left')?.namedChildren ?? [];
    const i = lefts.findIndex((l) => l?.text === name);
    if (i < 0) continue;
    const rights = s.childForFieldName('right')?.namedChildren ?? [];
    found = rights.length === lefts.length ? (rights[i] ?? undefined) : rights.length === 1 ? (rights[0] ?? undefined) : undefined;
  }
  return found;
}

/** Why the context `c` carries no deadline (undefined: it does), following one local assignment. */
function contextReason(ctx: RuleContext, f: Node, c: Node, at: number, depth = 0): { reason: string; fromCaller?: boolean } | undefined {
  const t = c.text;
  if (/^context\.(Background|TODO)\(\)$/.test(t)) return { reason: `its context is ${t}, which has no deadline` };
  if (/\.Context\(\)$/.test(t)) return { reason: `its context, ${t}, is the incoming request's, which has no deadline of its own` };
  if (c.type === 'identifier' && depth < 2) {
    const v = lastValue(ctx, f, t, at);
    if (v) return contextReason(ctx, f, v, v.startIndex, depth + 1);
  }
  return { reason: `no deadline is set on its context (${t}) here`, fromCaller: true };
}

/** Every `X.Do(req)` of the file whose client X is resolved. */
export function doCalls(ctx: RuleContext, http: string): DoCall[] {
  if (!/\.Do\(/.test(ctx.source.text)) return [];
  const clients = clientBindings(ctx, http);
  const out: DoCall[] = [];
  for (const call of nodesOf(ctx, 'call_expression')) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'selector_expression' || callee.childForFieldName('field')?.text !== 'Do') continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type !== 'comment') ?? [];
    const operand = callee.childForFieldName('operand');
    if (args.length !== 1 || !operand) continue;
    const f = enclosingFunction(call);
    let client: Binding | undefined;
    if (operand.text === `${http}.DefaultClient`) client = 'default';
    else if (operand.type === 'identifier' && !parameterNames(f).includes(operand.text)) {
      // A local variable: its assignment in this function (each handler may have its own `client := &http.Client{}`).
      const local = f && lastValue(ctx, f, operand.text, call.startIndex);
      client = local ? clientKind(local, http) : clients.get(operand.text);
    }
    else if (operand.type === 'selector_expression') client = clients.get(`.${operand.childForFieldName('field')?.text}`);
    if (!client || client === 'other') continue;
    out.push({ callee, client, ...requestContext(ctx, f, args[0]!, http) });
  }
  return out;
}

/** The `http.NewRequest` a `req.WithContext(ctx)` starts from (`req = req.WithContext(ctx)`): the request it gives a context. */
function builtRequest(ctx: RuleContext, f: Node, call: Node): Node | undefined {
  let value = call.childForFieldName('function')?.childForFieldName('operand') ?? undefined;
  for (let i = 0; i < 3 && value?.type === 'identifier'; i++) value = lastValue(ctx, f, value.text, call.startIndex);
  return value?.type === 'call_expression' && /\.NewRequest(WithContext)?$/.test(value.childForFieldName('function')?.text ?? '') ? value : undefined;
}

/** Where the request sent is built, and whether a deadline reaches it. */
function requestContext(ctx: RuleContext, f: Node | undefined, arg: Node, http: string): Omit<DoCall, 'callee' | 'client'> {
  if (!f || DEADLINE.test(f.text)) return {};
  let value: Node | undefined = arg;
  for (let i = 0; i < 3 && value?.type === 'identifier'; i++) value = lastValue(ctx, f, value.text, value.startIndex);
  const fn = value?.type === 'call_expression' ? value.childForFieldName('function')?.text : undefined;
  // A request made by a function of this file that sets a deadline itself (`req, err := s.newPostRequest(ctx, ...)`).
  if (fn && buildsWithDeadline(ctx, fn)) return {};
  const first = value?.childForFieldName('arguments')?.namedChildren[0];
  if (fn === `${http}.NewRequest`) return { request: value, noDeadline: `it is built without a context (${fn})` };
  if (first && (fn === `${http}.NewRequestWithContext` || /\.(WithContext|Clone)$/.test(fn ?? ''))) {
    const why = contextReason(ctx, f, first, first.startIndex);
    const request = fn!.startsWith(`${http}.`) ? value : builtRequest(ctx, f, value!);
    return { ...(request ? { request } : {}), noDeadline: why?.reason, ...(why?.fromCaller ? { fromCaller: true } : {}) };
  }
  return { noDeadline: 'no deadline is set on its context here', fromCaller: true };
}

/** Whether `callee` (`newRequest`, `s.newRequest`) names a function or method of this file that sets a deadline (context.WithTimeout). */
function buildsWithDeadline(ctx: RuleContext, callee: string): boolean {
  const name = /(?:^|\.)(\w+)$/.exec(callee)?.[1];
  if (!name || /^New(Request|RequestWithContext)$/.test(name)) return false;
  return nodesOf(ctx, ['function_declaration', 'method_declaration']).some((d) => d.childForFieldName('name')?.text === name && DEADLINE.test(d.text));
}
