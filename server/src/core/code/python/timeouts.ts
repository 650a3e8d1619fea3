import type { Node } from 'web-tree-sitter';
import { hasKwargsSplat, importsOf, keywordArg, type PythonImports } from '../../rules/python';
import type { OffsetEdit, Report, RuleContext } from '../../rules/types';
import { appendItem, nodesOf, seconds } from '../common';

const REQUESTS_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const HTTPX_CALLS = new Set([...REQUESTS_CALLS, 'stream', 'Client', 'AsyncClient']);
const SESSION_FACTORIES = new Set(['Session', 'session']);

/** The local names of a module's function `name`: `mod.name` through the module or `name` imported from it. */
function callName(fn: Node, imp: PythonImports, names: Set<string>): string | undefined {
  if (fn.type === 'attribute') {
    const obj = fn.childForFieldName('object')?.text ?? '';
    const attr = fn.childForFieldName('attribute')?.text ?? '';
    return imp.modules.has(obj) && names.has(attr) ? attr : undefined;
  }
  if (fn.type === 'identifier') {
    const orig = imp.functions.get(fn.text);
    return orig && names.has(orig) ? orig : undefined;
  }
  return undefined;
}

/** Variables assigned a requests Session (`s = requests.Session()`, `with requests.Session() as s`, `self.s = ...`). */
function sessionNames(ctx: RuleContext, imp: PythonImports): Set<string> {
  const names = new Set<string>();
  const isFactory = (call: Node | null | undefined) => {
    const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
    return !!fn && !!callName(fn, imp, SESSION_FACTORIES);
  };
  for (const a of nodesOf(ctx, 'assignment')) {
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

function requestsCalls(ctx: RuleContext, call: Node, fn: Node, args: Node, imp: PythonImports, sessions: Set<string>, out: Report[]): void {
  let name: string | undefined;
  if (fn.type === 'attribute') {
    const obj = fn.childForFieldName('object')?.text ?? '';
    const attr = fn.childForFieldName('attribute')?.text ?? '';
    if ((imp.modules.has(obj) || sessions.has(obj)) && REQUESTS_CALLS.has(attr)) name = `${obj}.${attr}`;
  } else if (callName(fn, imp, REQUESTS_CALLS)) name = fn.text;
  if (!name) return;
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
      at: { start: fn.startIndex, end: fn.endIndex },
      fix: { title: `Add timeout=${s}`, edits: [addKeyword(ctx, args, `timeout=${s}`)] },
    });
  }
  void call;
}

/** httpx times out after 5 s by default: only an explicit `timeout=None` (or `Timeout(None)`) is a finding. */
function httpxCalls(ctx: RuleContext, fn: Node, args: Node, imp: PythonImports, out: Report[]): void {
  const name = callName(fn, imp, HTTPX_CALLS);
  if (!name) return;
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

/** aiohttp.ClientSession() without `timeout=` waits up to 300 s per request (its default ClientTimeout). */
function aiohttpSessions(ctx: RuleContext, fn: Node, args: Node, imp: PythonImports, out: Report[]): void {
  if (!callName(fn, imp, new Set(['ClientSession']))) return;
  if (keywordArg(args, 'timeout') || hasKwargsSplat(args)) return;
  const s = seconds(ctx.options.defaultTimeoutMs);
  const mod = [...imp.modules][0];
  const ctor = mod ? `${mod}.ClientTimeout` : imp.functions.has('ClientTimeout') ? 'ClientTimeout' : undefined;
  const kw = ctor ? `timeout=${ctor}(total=${s})` : undefined;
  out.push({
    message: `${fn.text}() has no timeout: aiohttp's default lets each request take up to 300 s (5 minutes)`,
    at: { start: fn.startIndex, end: fn.endIndex },
    ...(kw ? { fix: { title: `Add ${kw}`, edits: [addKeyword(ctx, args, kw)] } } : {}),
  });
}

/** urllib.request.urlopen(url) without `timeout` (third positional or keyword) uses the global socket default: none. */
function urlopenCalls(ctx: RuleContext, fn: Node, args: Node, modules: { urllib: PythonImports; request: PythonImports }, out: Report[]): void {
  const viaModule = fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'urlopen' && (() => {
    const obj = fn.childForFieldName('object')?.text ?? '';
    return modules.request.modules.has(obj) || [...modules.urllib.modules].some((m) => obj === `${m}.request`) || modules.urllib.functions.get(obj) === 'request';
  })();
  const viaName = fn.type === 'identifier' && modules.request.functions.get(fn.text) === 'urlopen';
  if (!viaModule && !viaName) return;
  const positional = args.namedChildren.filter((a) => a && a.type !== 'keyword_argument' && a.type !== 'comment');
  if (keywordArg(args, 'timeout') || positional.length >= 3 || hasKwargsSplat(args)) return;
  const s = seconds(ctx.options.defaultTimeoutMs);
  out.push({
    message: `${fn.text}() has no timeout: it waits forever unless the process set a global socket timeout`,
    at: { start: fn.startIndex, end: fn.endIndex },
    fix: { title: `Add timeout=${s}`, edits: [addKeyword(ctx, args, `timeout=${s}`)] },
  });
}

export function pythonTimeouts(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  const root = ctx.tree?.rootNode;
  if (!root || !/\b(requests|httpx|aiohttp|urllib)\b/.test(text)) return [];
  const requests = importsOf(root, 'requests');
  const httpx = importsOf(root, 'httpx');
  const aiohttp = importsOf(root, 'aiohttp');
  const urllib = { urllib: importsOf(root, 'urllib'), request: importsOf(root, 'urllib.request') };
  const sessions = requests.modules.size || requests.functions.size ? sessionNames(ctx, requests) : new Set<string>();
  const out: Report[] = [];
  for (const call of nodesOf(ctx, 'call')) {
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    if (!fn || args?.type !== 'argument_list') continue;
    requestsCalls(ctx, call, fn, args, requests, sessions, out);
    httpxCalls(ctx, fn, args, httpx, out);
    aiohttpSessions(ctx, fn, args, aiohttp, out);
    urlopenCalls(ctx, fn, args, urllib, out);
  }
  return out;
}
