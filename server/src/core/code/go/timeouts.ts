import type { Node } from 'web-tree-sitter';
import type { Report, RuleContext } from '../../rules/types';
import { appendItem, nodesOf, report, span, wholeSeconds } from '../common';
import { addGoImport, goImports } from './imports';
import { doCalls, type DoCall } from './requests';

const DEFAULT_CLIENT_FUNCS = new Set(['Get', 'Post', 'Head', 'PostForm']);

/** Whether the function around a node sets a deadline itself (`context.WithTimeout`/`WithDeadline`). */
function deadlineInFunction(n: Node): boolean {
  let f: Node | null = n.parent;
  while (f && f.type !== 'function_declaration' && f.type !== 'method_declaration' && f.type !== 'func_literal') f = f.parent;
  return !!f && /context\.With(Timeout|Deadline)\(/.test(f.text);
}

/** The variable a composite literal is assigned to (`c := &http.Client{}`, `var c = http.Client{}`), if any. */
function assignedName(lit: Node): string | undefined {
  let n: Node | null = lit.parent;
  if (n?.type === 'unary_expression') n = n.parent;
  if (n?.type === 'expression_list') n = n.parent;
  if (n?.type === 'short_var_declaration' || n?.type === 'assignment_statement') return n.childForFieldName('left')?.namedChildren[0]?.text;
  if (n?.type === 'var_spec') return n.childForFieldName('name')?.text;
  if (n?.type === 'keyed_element') return n.namedChildren[0]?.text; // a struct field: client: &http.Client{}
  return undefined;
}

/**
 * `if client == nil { client = &http.Client{} }`: a default for callers that pass no client of their own; the clients
 * callers pass are judged where they are made.
 */
function nilFallback(lit: Node, name: string | undefined): boolean {
  if (!name) return false;
  let n: Node | null = lit.parent;
  for (let i = 0; i < 6 && n && n.type !== 'if_statement'; i++) n = n.parent;
  const condition = n?.type === 'if_statement' ? n.childForFieldName('condition')?.text.replace(/\s+/g, '') : undefined;
  if (condition !== `${name}==nil`) return false;
  // Only a parameter: a struct field set when still nil (`if a.client == nil { a.client = &http.Client{} }`) is made here.
  let f: Node | null = n!.parent;
  while (f && f.type !== 'function_declaration' && f.type !== 'method_declaration' && f.type !== 'func_literal') f = f.parent;
  const params = f?.childForFieldName('parameters')?.namedChildren ?? [];
  return params.some((p) => p?.namedChildren.some((c) => c?.type === 'identifier' && c.text === name));
}

/** A comment on the two lines above the client that says it has no timeout on purpose (`// no timeout: the capture streams`), not a to-do. */
function saysNoTimeout(text: string, lit: Node): boolean {
  const lineStart = text.lastIndexOf('\n', lit.startIndex - 1);
  const above = text.slice(Math.max(0, text.lastIndexOf('\n', text.lastIndexOf('\n', lineStart - 1) - 1)), lineStart).split('\n');
  return above.some((l) => /^\s*\/\/.*\b(?:no|without)\s+(?:a\s+|any\s+)?timeout\b/i.test(l) && !/\b(?:TODO|FIXME|XXX)\b/.test(l));
}

/** A client literal an exported function returns (`func NewHTTPClient() *http.Client { return &http.Client{...} }`): its callers bound it or not. */
function returnedByConstructor(lit: Node): boolean {
  let n: Node | null = lit.parent;
  if (n?.type === 'unary_expression') n = n.parent;
  if (n?.type === 'expression_list') n = n.parent;
  if (n?.type !== 'return_statement') return false;
  let f: Node | null = n.parent;
  while (f && f.type !== 'function_declaration' && f.type !== 'method_declaration' && f.type !== 'func_literal') f = f.parent;
  return !!f && f.type !== 'func_literal' && /^[A-Z]/.test(f.childForFieldName('name')?.text ?? '');
}

export function goTimeouts(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  if (!text.includes('net/http')) return [];
  const imports = goImports(ctx);
  const http = imports.get('net/http');
  if (!http) return [];
  const n = wholeSeconds(ctx.options.defaultTimeoutMs);
  const out: Report[] = [];
  const defaultClientBounded = new RegExp(`\\b${http}\\.DefaultClient\\.Timeout\\s*=`).test(text);
  let clientWithTimeout = false;
  // Requests sent with X.Do through a client of this file: judged at the send, with the request's context.
  const sends = doCalls(ctx, http);
  const built = new Set(sends.flatMap((d) => (d.request ? [d.request.startIndex] : [])));
  const sentBy = (lit: Node) => sends.filter((d) => d.client !== 'default' && d.client.id === lit.id);

  for (const lit of nodesOf(ctx, 'composite_literal')) {
    const type = lit.childForFieldName('type');
    if (type?.type !== 'qualified_type' || type.childForFieldName('package')?.text !== http || type.childForFieldName('name')?.text !== 'Client') continue;
    const body = lit.childForFieldName('body');
    if (!body) continue;
    const keys = body.namedChildren.filter((c) => c?.type === 'keyed_element').map((c) => c!.namedChildren[0]?.text);
    const name = assignedName(lit);
    if (keys.includes('Timeout') || deadlineInFunction(lit) || (name && new RegExp(`\\b${name.replace(/\W/g, '\\$&')}\\.Timeout\\s*=`).test(text)) || /ResponseHeaderTimeout/.test(body.text)) {
      clientWithTimeout = true;
      continue;
    }
    // An unexported client whose every request in this file carries a deadline is bounded by them.
    const uses = sentBy(lit);
    if (uses.length && uses.every((d) => !d.noDeadline) && name && /^[a-z_]/.test(name)) continue;
    if (nilFallback(lit, name) || saysNoTimeout(text, lit)) continue;
    const returned = returnedByConstructor(lit);
    const time = imports.get('time') ?? 'time';
    const field = `Timeout: ${n} * ${time}.Second`;
    const edits = [appendItem(ctx, body, field), ...addGoImport(ctx, imports, 'time')];
    const related = uses.filter((d) => d.noDeadline).slice(0, 10).map((d) => ({ at: span(d.callee), message: `a request sent through it here: ${d.noDeadline}` }));
    const message = returned
      ? `${http}.Client{} is returned to callers without a Timeout: requests of a caller that sets none wait forever for a slow or dead server`
      : `${http}.Client{} has no Timeout: requests through it wait forever for a slow or dead server`;
    out.push({ ...report(message, type, { title: `Add ${field}`, edits }, returned ? 'information' : undefined), ...(related.length ? { related } : {}) });
  }

  for (const sel of nodesOf(ctx, 'selector_expression')) {
    if (sel.childForFieldName('operand')?.text !== http) continue;
    const field = sel.childForFieldName('field')?.text ?? '';
    const call = sel.parent?.type === 'call_expression' && sel.parent.childForFieldName('function')?.equals(sel) ? sel.parent : undefined;
    if (call && DEFAULT_CLIENT_FUNCS.has(field) && !defaultClientBounded) {
      out.push(report(`${sel.text}() uses http.DefaultClient, which has no timeout: it waits forever for a slow or dead server`, sel));
    } else if (field === 'DefaultClient' && !defaultClientBounded && sel.parent?.type === 'selector_expression' && !/^(Timeout|Do)$/.test(sel.parent.childForFieldName('field')?.text ?? '')) {
      out.push(report(`${http}.DefaultClient has no timeout: requests through it wait forever for a slow or dead server`, sel));
    } else if (call && (field === 'NewRequest' || field === 'NewRequestWithContext') && !relativeUrl(call, field)) {
      const ctxArg = call.childForFieldName('arguments')?.namedChildren[0]?.text ?? '';
      const noDeadline = (field === 'NewRequest' || /^context\.(Background|TODO)\(\)$/.test(ctxArg)) && !deadlineInFunction(call);
      if (noDeadline && !built.has(call.startIndex)) out.push({ ...report(`${sel.text}() builds a request ${field === 'NewRequest' ? 'without a context' : 'with a context that has no deadline'}: only the client's Timeout can end it`, sel, undefined, 'information'), pending: true } as Report & { pending: boolean });
    }
  }
  if (!defaultClientBounded) out.push(...defaultClientSends(sends, http));
  // Requests without a deadline only matter when no client of this file has a Timeout.
  return out.filter((r) => !(r as Report & { pending?: boolean }).pending || !clientWithTimeout).map(({ pending: _p, ...r }: Report & { pending?: boolean }) => r);
}

/**
 * Requests sent through the default client without a deadline, naming both reasons: one finding per call of
 * `http.DefaultClient.Do`, and one per variable or field bound to the default client (its first call; the others
 * as related locations), since that binding is the one root cause to fix.
 */
function defaultClientSends(sends: DoCall[], http: string): Report[] {
  const out: Report[] = [];
  const byBinding = new Map<string, Report>();
  // http.DefaultClient.Do calls for the same reason are one cause, as http.Get calls are: keyed by their message.
  const byMessage = new Map<string, Report>();
  for (const d of sends) {
    if (d.client !== 'default' || !d.noDeadline) continue;
    const via = d.callee.childForFieldName('operand')!.text;
    const direct = via === `${http}.DefaultClient`;
    const r = defaultClientSend(d, http);
    const first = direct ? byMessage.get(r.message) : byBinding.get(via);
    if (first) {
      first.related = [...(first.related ?? []), { at: span(d.callee), message: `another request sent through ${via} without a deadline` }];
      continue;
    }
    (direct ? byMessage : byBinding).set(direct ? r.message : via, r);
    out.push(r);
  }
  for (const [via, r] of [...byBinding, ...[...byMessage.values()].map((r) => [`${http}.DefaultClient`, r] as const)]) {
    const more = (r.related ?? []).filter((x) => x.message.startsWith('another request')).length;
    if (more) r.message += ` (${more} more request${more > 1 ? 's' : ''} in this file go${more > 1 ? '' : 'es'} through ${via})`;
  }
  return out;
}

function defaultClientSend(d: DoCall, http: string): Report {
  const via = d.callee.childForFieldName('operand')!.text;
  const client = via === `${http}.DefaultClient` ? `${http}.DefaultClient` : `${via}, which is ${http}.DefaultClient,`;
  const tail = d.fromCaller ? ': unless every caller sets a deadline, it waits forever for a slow or dead server' : ': it waits forever for a slow or dead server';
  return {
    ...report(`${d.callee.text}() sends a request with no time limit: ${client} has no timeout, and ${d.noDeadline}${tail}`, d.callee),
    ...(d.request ? { related: [{ at: span(d.request), message: 'the request is built here' }] } : {}),
  };
}

/** A request built for a path alone (`http.NewRequest("POST", "/", body)`): a value handed to a handler, never sent. */
function relativeUrl(call: Node, field: string): boolean {
  const url = call.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type !== 'comment')[field === 'NewRequest' ? 1 : 2];
  return !!url && /^["`]\//.test(url.text);
}
