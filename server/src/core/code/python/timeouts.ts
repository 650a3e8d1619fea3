import type { Node } from 'web-tree-sitter';
import { hasKwargsSplat, importsOf, keywordArg, type PythonImports } from '../../rules/python';
import type { OffsetEdit, Report, RuleContext } from '../../rules/types';
import { appendItem, nodesOf, seconds } from '../common';

const REQUESTS_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const HTTPX_CALLS = new Set([...REQUESTS_CALLS, 'stream', 'Client', 'AsyncClient']);
const SESSION_FACTORIES = new Set(['Session', 'session']);
const CLIENT_SESSION = new Set(['ClientSession']);
const INTERESTING = new Set([...HTTPX_CALLS, 'ClientSession', 'urlopen']);

/** A called name read from the text (`requests.get`, `self.http.post`, `get`): no syntax-tree calls needed. */
interface Callee {
  text: string;
  /** Everything before the last dot; '' for a plain name. */
  obj: string;
  attr: string;
  start: number;
  end: number;
}

function calleeOf(text: string, call: Node): Callee | undefined {
  const open = text.indexOf('(', call.startIndex);
  const head = text.slice(call.startIndex, open).trimEnd();
  if (!/^[A-Za-z_][\w.]*$/.test(head)) return undefined; // subscripts, calls of calls: not a client call we know
  const dot = head.lastIndexOf('.');
  return { text: head, obj: dot < 0 ? '' : head.slice(0, dot), attr: head.slice(dot + 1), start: call.startIndex, end: call.startIndex + head.length };
}

/** The local names of a module's function `name`: `mod.name` through the module or `name` imported from it. */
function callName(fn: Callee, imp: PythonImports, names: Set<string>): string | undefined {
  if (fn.obj) return imp.modules.has(fn.obj) && names.has(fn.attr) ? fn.attr : undefined;
  const orig = imp.functions.get(fn.text);
  return orig && names.has(orig) ? orig : undefined;
}

/** Variables assigned a requests Session (`s = requests.Session()`, `with requests.Session() as s`, `self.s = ...`). */
function sessionNames(ctx: RuleContext, imp: PythonImports): Set<string> {
  const names = new Set<string>();
  const isFactory = (call: Node | null | undefined) => {
    const fn = call?.type === 'call' ? calleeOf(ctx.source.text, call) : undefined;
    return !!fn && !!callName(fn, imp, SESSION_FACTORIES);
  };
  for (const a of nodesOf(ctx, 'assignment')) {
    if (!/session\(/i.test(a.text)) continue;
    const left = a.childForFieldName('left');
    if (left && (left.type === 'identifier' || left.type === 'attribute') && isFactory(a.childForFieldName('right'))) names.add(left.text);
  }
  for (const w of nodesOf(ctx, 'as_pattern')) {
    const target = w.childForFieldName('alias');
    if (isFactory(w.namedChildren[0]) && target) names.add(target.text.replace(/^\W+/, ''));
  }
  return names;
}

function addKeyword(ctx: RuleContext, args: Node, kw: string): OffsetEdit {
  return appendItem(ctx, args, kw);
}

function requestsCalls(ctx: RuleContext, fn: Callee, argsOf: () => Node | undefined, imp: PythonImports, sessions: Set<string>, out: Report[]): void {
  let name: string | undefined;
  if (fn.obj) {
    if ((imp.modules.has(fn.obj) || sessions.has(fn.obj)) && REQUESTS_CALLS.has(fn.attr)) name = fn.text;
  } else if (callName(fn, imp, REQUESTS_CALLS)) name = fn.text;
  const args = name ? argsOf() : undefined;
  if (!name || !args) return;
  const s = seconds(ctx.options.defaultTimeoutMs);
  const timeout = keywordArg(args, 'timeout');
  const value = timeout?.childForFieldName('value');
  if (timeout && value?.type !== 'none') return;
  if (!timeout && hasKwargsSplat(args)) return;
  if (value) {
    out.push({
      message: `${name}() passes timeout=None, which waits forever for a slow or dead server`,
      at: { start: value.startIndex, end: value.endIndex },
      fix: { title: `Set timeout=${s}`, edits: [{ start: value.startIndex, end: value.endIndex, newText: s }] },
    });
  } else {
    out.push({
      message: `${name}() has no timeout: requests waits forever for a slow or dead server, holding a worker and cascading the failure`,
      at: { start: fn.start, end: fn.end },
      fix: { title: `Add timeout=${s}`, edits: [addKeyword(ctx, args, `timeout=${s}`)] },
    });
  }
}

/** httpx times out after 5 s by default: only an explicit `timeout=None` (or `Timeout(None)`) is a finding. */
function httpxCalls(ctx: RuleContext, fn: Callee, argsOf: () => Node | undefined, imp: PythonImports, out: Report[]): void {
  const name = callName(fn, imp, HTTPX_CALLS);
  const args = name ? argsOf() : undefined;
  if (!args) return;
  const value = keywordArg(args, 'timeout')?.childForFieldName('value');
  const isNone = value?.type === 'none' || (value?.type === 'call' && /Timeout$/.test(value.childForFieldName('function')?.text ?? '') && /^\(\s*None\s*\)$/.test(value.childForFieldName('arguments')?.text ?? ''));
  if (!value || !isNone) return;
  const s = seconds(ctx.options.defaultTimeoutMs);
  out.push({
    message: `${fn.text}() passes timeout=None, turning off httpx's 5 s default: it waits forever for a slow or dead server`,
    at: { start: value.startIndex, end: value.endIndex },
    fix: { title: `Set timeout=${s}`, edits: [{ start: value.startIndex, end: value.endIndex, newText: s }] },
  });
}

/** The name a session is bound to (`async with ClientSession() as s`, `s = ClientSession()`, `self.s = ...`). */
function boundName(call: Node): string | undefined {
  const up = call.parent;
  if (up?.type === 'as_pattern') return up.childForFieldName('alias')?.text ?? up.namedChildren[1]?.text;
  if (up?.type === 'assignment' && up.childForFieldName('right')?.equals(call)) return up.childForFieldName('left')?.text;
  return undefined;
}

/** Whether every request made through the session `name` in the function holding `call` passes `timeout=` (and there is one). */
function everyRequestTimed(call: Node, name: string): boolean {
  let scope: Node = call;
  while (scope.parent && scope.type !== 'function_definition') scope = scope.parent;
  let requests = 0;
  for (const c of scope.descendantsOfType('call')) {
    const fn = c?.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== name || !/^(get|post|put|patch|delete|head|options|request|ws_connect)$/.test(fn.childForFieldName('attribute')?.text ?? '')) continue;
    const args = c!.childForFieldName('arguments');
    if (args?.type !== 'argument_list' || !keywordArg(args, 'timeout')) return false;
    requests++;
  }
  return requests > 0;
}

/** A session made for one request chained on it (`ClientSession().get(url, timeout=5)`) that passes `timeout=`. */
function chainedRequestTimed(call: Node): boolean {
  const attr = call.parent;
  if (attr?.type !== 'attribute' || !attr.childForFieldName('object')?.equals(call)) return false;
  if (!/^(get|post|put|patch|delete|head|options|request|ws_connect)$/.test(attr.childForFieldName('attribute')?.text ?? '')) return false;
  const args = attr.parent?.type === 'call' ? attr.parent.childForFieldName('arguments') : undefined;
  return args?.type === 'argument_list' && !!keywordArg(args, 'timeout');
}

/** aiohttp.ClientSession() without `timeout=` waits up to 300 s per request (its default ClientTimeout). */
function aiohttpSessions(ctx: RuleContext, fn: Callee, call: Node, argsOf: () => Node | undefined, imp: PythonImports, out: Report[]): void {
  const args = callName(fn, imp, CLIENT_SESSION) ? argsOf() : undefined;
  if (!args) return;
  if (keywordArg(args, 'timeout') || hasKwargsSplat(args)) return;
  // A session whose every request passes its own timeout= (`session.get(url, timeout=...)`) is bounded per request.
  const name = boundName(call);
  if (name && everyRequestTimed(call, name)) return;
  if (chainedRequestTimed(call)) return;
  const s = seconds(ctx.options.defaultTimeoutMs);
  const mod = [...imp.modules][0];
  const ctor = mod ? `${mod}.ClientTimeout` : imp.functions.has('ClientTimeout') ? 'ClientTimeout' : undefined;
  const kw = ctor ? `timeout=${ctor}(total=${s})` : undefined;
  out.push({
    message: `${fn.text}() has no timeout: aiohttp's default lets each request take up to 300 s (5 minutes)`,
    at: { start: fn.start, end: fn.end },
    ...(kw ? { fix: { title: `Add ${kw}`, edits: [addKeyword(ctx, args, kw)] } } : {}),
  });
}

/** urllib.request.urlopen(url) without `timeout` (third positional or keyword) uses the global socket default: none. */
function urlopenCalls(ctx: RuleContext, fn: Callee, argsOf: () => Node | undefined, modules: { urllib: PythonImports; request: PythonImports }, out: Report[]): void {
  const obj = fn.obj;
  const viaModule = fn.attr === 'urlopen' && !!obj && (modules.request.modules.has(obj) || [...modules.urllib.modules].some((m) => obj === `${m}.request`) || modules.urllib.functions.get(obj) === 'request');
  const viaName = !obj && modules.request.functions.get(fn.text) === 'urlopen';
  const args = viaModule || viaName ? argsOf() : undefined;
  if (!args) return;
  const positional = args.namedChildren.filter((a) => a && a.type !== 'keyword_argument' && a.type !== 'comment');
  if (keywordArg(args, 'timeout') || positional.length >= 3 || hasKwargsSplat(args)) return;
  const s = seconds(ctx.options.defaultTimeoutMs);
  out.push({
    message: `${fn.text}() has no timeout: it waits forever unless the process set a global socket timeout`,
    at: { start: fn.start, end: fn.end },
    fix: { title: `Add timeout=${s}`, edits: [addKeyword(ctx, args, `timeout=${s}`)] },
  });
}

export function pythonTimeouts(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  const root = ctx.tree?.rootNode;
  if (!root || !/\b(requests|httpx|aiohttp|urllib)\b/.test(text)) return [];
  const stmts = nodesOf(ctx, ['import_statement', 'import_from_statement']);
  const requests = importsOf(root, 'requests', stmts);
  const httpx = importsOf(root, 'httpx', stmts);
  const aiohttp = importsOf(root, 'aiohttp', stmts);
  const urllib = { urllib: importsOf(root, 'urllib', stmts), request: importsOf(root, 'urllib.request', stmts) };
  const sessions = requests.modules.size || requests.functions.size ? sessionNames(ctx, requests) : new Set<string>();
  const out: Report[] = [];
  // Cheap text test first: only callees whose last name could be a client call are looked at further.
  const aliases = new Set([...requests.functions.keys(), ...httpx.functions.keys(), ...aiohttp.functions.keys(), ...urllib.request.functions.keys()]);
  // Calls chained on a call (`requests.get(u).json()`) start where it starts: the innermost one owns the name.
  const innermost = new Map<number, Node>();
  for (const call of nodesOf(ctx, 'call')) innermost.set(call.startIndex, call); // pre-order: the last one is the innermost
  for (const call of innermost.values()) {
    const fn = calleeOf(text, call);
    if (!fn || (!INTERESTING.has(fn.attr) && !aliases.has(fn.text))) continue;
    let args: Node | null | undefined;
    const argsOf = () => {
      if (args === undefined) args = call.childForFieldName('arguments');
      return args?.type === 'argument_list' ? args : undefined;
    };
    if (requests.modules.size || requests.functions.size) requestsCalls(ctx, fn, argsOf, requests, sessions, out);
    if (httpx.modules.size || httpx.functions.size) httpxCalls(ctx, fn, argsOf, httpx, out);
    if (aiohttp.modules.size || aiohttp.functions.size) aiohttpSessions(ctx, fn, call, argsOf, aiohttp, out);
    if (urllib.urllib.modules.size || urllib.request.modules.size || urllib.request.functions.size || urllib.urllib.functions.size) urlopenCalls(ctx, fn, argsOf, urllib, out);
  }
  return out;
}
