import type { Node } from 'web-tree-sitter';
import { packageJsonOnDisk } from '../packageJson';
import type { OffsetEdit, Report, RuleContext } from '../../rules/types';
import { appendItem, nodesOf, report } from '../common';
import { jsImports, moduleName, propertyOf, type Binding } from './imports';

const FETCH_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch']);
const VERBS = new Set(['get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'request']);
const WITH_BODY = new Set(['post', 'put', 'patch']);
const NAMES = new Set(['fetch', ...VERBS, 'create', 'extend', 'stream']);
/**
 * A `fetch` the file defines or is handed: `function fetch(`, `const fetch =`, `const { fetch } = ctx`, a parameter
 * (`function send(url, fetch)`, `async ({ props, fetch }) =>`, `(url: string, fetch: typeof globalThis.fetch) =>`).
 */
const LOCAL_FETCH = /function\s+fetch\s*\(|\b(const|let|var)\s+fetch\s*=|\b(const|let|var)\s*\{[^}=]*\bfetch\b[^}=]*\}\s*=|function\s*\w*\s*\([^)]*\bfetch\b[^)]*\)|\(\s*\{[^}]*\bfetch\b[^}]*\}[^()]*\)\s*(=>|\{|:)|\(([^()]*[,(]\s*)?fetch\s*[:,)][^()]*\)\s*(:\s*[^=;{]+)?=>/;
const PREFILTER = /\bfetch\b|axios|\bgot\b|undici|\bhttps?\b|['"]request['"]/;

type Client = 'fetch' | 'undici-fetch' | 'axios' | 'axios-create' | 'got' | 'got-extend' | 'undici' | 'http' | 'request';

interface Target {
  client: Client;
  label: string;
  /** Index of the options argument. */
  index: number;
  /** node-fetch, whose version 2 takes a `timeout` option of its own. */
  nodeFetch?: true;
}

/** Which client a call goes to, and where its options are, from the callee and the file's imports. */
function classify(fn: Node, imports: Map<string, Binding>): Target | undefined {
  const label = fn.text;
  if (fn.type === 'identifier') {
    const b = imports.get(fn.text);
    if (!b) return fn.text === 'fetch' ? { client: 'fetch', label, index: 1 } : undefined;
    const m = moduleName(b.module);
    if (FETCH_MODULES.has(m) && (b.name === 'default' || b.name === '*')) return { client: 'fetch', label, index: 1, ...(m === 'node-fetch' ? { nodeFetch: true as const } : {}) };
    if (m === 'undici' && b.name === 'fetch') return { client: 'undici-fetch', label, index: 1 };
    if (m === 'undici' && b.name === 'request') return { client: 'undici', label, index: 1 };
    if (m === 'axios' && (b.name === 'default' || b.name === '*')) return { client: 'axios', label, index: -1 };
    if (m === 'got' && (b.name === 'default' || b.name === '*' || b.name === 'got')) return { client: 'got', label, index: 1 };
    if (m === 'request' && (b.name === 'default' || b.name === '*')) return { client: 'request', label, index: -1 };
    if ((m === 'http' || m === 'https') && (b.name === 'get' || b.name === 'request')) return { client: 'http', label, index: -1 };
    return undefined;
  }
  if (fn.type !== 'member_expression') return undefined;
  const obj = fn.childForFieldName('object');
  const prop = fn.childForFieldName('property')?.text ?? '';
  const b = obj?.type === 'identifier' ? imports.get(obj.text) : undefined;
  if (!b || (b.name !== 'default' && b.name !== '*' && !(moduleName(b.module) === 'got' && b.name === 'got'))) return undefined;
  const m = moduleName(b.module);
  if (m === 'axios') {
    if (prop === 'create') return { client: 'axios-create', label, index: 0 };
    if (prop === 'request') return { client: 'axios', label, index: 0 };
    if (VERBS.has(prop)) return { client: 'axios', label, index: WITH_BODY.has(prop) ? 2 : 1 };
  }
  if (m === 'got') {
    if (prop === 'extend') return { client: 'got-extend', label, index: 0 };
    if (VERBS.has(prop) || prop === 'stream') return { client: 'got', label, index: 1 };
  }
  if ((m === 'http' || m === 'https') && (prop === 'get' || prop === 'request')) return { client: 'http', label, index: -1 };
  if (m === 'request' && VERBS.has(prop)) return { client: 'request', label, index: -1 };
  if (m === 'undici' && (prop === 'request' || prop === 'stream')) return { client: 'undici', label, index: 1 };
  if (m === 'undici' && prop === 'fetch') return { client: 'undici-fetch', label, index: 1 };
  return undefined;
}

const KEYS: Record<Client, string[]> = {
  fetch: ['signal'],
  'undici-fetch': ['signal', 'dispatcher'],
  axios: ['timeout', 'signal', 'cancelToken'],
  'axios-create': ['timeout'],
  got: ['timeout', 'signal'],
  'got-extend': ['timeout'],
  undici: ['headersTimeout', 'bodyTimeout', 'signal', 'dispatcher'],
  http: ['timeout', 'signal'],
  request: ['timeout'],
};

function item(client: Client, ms: number): string {
  if (client === 'fetch' || client === 'undici-fetch') return `signal: AbortSignal.timeout(${ms})`;
  if (client === 'got' || client === 'got-extend') return `timeout: { request: ${ms} }`;
  if (client === 'undici') return `headersTimeout: ${ms}, bodyTimeout: ${ms}`;
  return `timeout: ${ms}`;
}

function message(t: Target): string {
  switch (t.client) {
    case 'fetch':
      return `${t.label}() has no signal: fetch has no timeout of its own and waits as long as the server holds the connection`;
    case 'undici-fetch':
    case 'undici':
      return `${t.label}() relies on undici's defaults: up to 300 s for the headers and 300 s between body chunks`;
    case 'axios':
      return `${t.label}() has no timeout: axios waits forever by default (timeout 0)`;
    case 'axios-create':
      return `${t.label}() sets no timeout: every call through this instance waits forever (axios's default is 0)`;
    case 'got':
    case 'got-extend':
      return `${t.label}() has no timeout: got waits forever by default`;
    case 'http':
      return `${t.label}() has no timeout option and no setTimeout: the socket waits forever for a slow or dead server`;
    case 'request':
      return `${t.label}() has no timeout: the request package waits forever by default (it is also deprecated)`;
  }
}

/** The options object of a call: its literal, 'missing', or 'unknown' (a variable: it may carry a timeout). */
function optionsOf(t: Target, args: Node[]): { obj?: Node; state: 'literal' | 'missing' | 'unknown' } {
  if (t.index >= 0) {
    const a = args[t.index];
    if (!a) return { state: 'missing' };
    if (a.type === 'object') return { obj: a, state: 'literal' };
    return { state: 'unknown' };
  }
  // http / request: an options object anywhere among the arguments; a variable may carry the timeout.
  const obj = args.find((a) => a.type === 'object');
  if (obj) return { obj, state: 'literal' };
  // A variable may be an options object carrying the timeout, unless its name says URL.
  const maybeOptions = args.some((a, i) => (a.type === 'identifier' || a.type === 'member_expression') && !(i === 0 && /(url|uri|href|endpoint|address|link)$/i.test(a.text)));
  return maybeOptions ? { state: 'unknown' } : { state: 'missing' };
}

function insertOptions(ctx: RuleContext, t: Target, argList: Node, args: Node[], text: string): OffsetEdit | undefined {
  if (t.client === 'http') {
    const url = args[0];
    if (!url || url.type === 'object') return undefined;
    return { start: url.endIndex, end: url.endIndex, newText: `, { ${text} }` };
  }
  if (t.client === 'request' || t.index < 0 || args.length > t.index) return undefined;
  const pad = Array.from({ length: t.index - args.length }, () => 'undefined');
  return appendItem(ctx, argList, [...pad, `{ ${text} }`].join(', '));
}

/** Whether `req.setTimeout(...)` (or a chained `.setTimeout`) bounds an http request. */
function hasSetTimeout(call: Node): boolean {
  if (call.parent?.type === 'member_expression' && call.parent.childForFieldName('property')?.text === 'setTimeout') return true;
  let scope: Node | null = call.parent;
  while (scope && !/^(statement_block|program|function_declaration|arrow_function|method_definition)$/.test(scope.type)) scope = scope.parent;
  return !!scope && /\.setTimeout\s*\(|['"]timeout['"]/.test(scope.text);
}

export function jsTimeouts(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  if (!PREFILTER.test(text)) return [];
  const root = ctx.tree?.rootNode;
  if (!root) return [];
  const imports = jsImports(ctx);
  const ms = ctx.options.defaultTimeoutMs;
  const axiosDefaults = /\.defaults\.timeout\s*=/.test(text);
  // A fetch of the file's own, or one handed in (a parameter, `{ fetch } = ctx`): it shadows the global, and the caller
  // that made it decides its timeout.
  const localFetch = LOCAL_FETCH.test(text);
  // The package's entry gives every global fetch of the process a timeout (undici's global dispatcher).
  const globalFetchTimeout = !!packageJsonOnDisk(ctx.source.path)?.globalFetchTimeout;
  // The file's constants set to a path, read once when a fetch first needs them.
  let pathConstants: Set<string> | undefined;
  const reports: Report[] = [];
  const locals = new Set(imports.keys());
  for (const call of nodesOf(ctx, 'call_expression')) {
    // Cheap text test first: the called name must be a client call or an imported client.
    const head = text.slice(call.startIndex, text.indexOf('(', call.startIndex)).trimEnd();
    const first = head.slice(0, head.indexOf('.') >>> 0);
    if (!NAMES.has(head.slice(head.lastIndexOf('.') + 1)) && !locals.has(head) && !locals.has(first)) continue;
    const fn = call.childForFieldName('function');
    const argList = call.childForFieldName('arguments');
    if (!fn || argList?.type !== 'arguments') continue;
    const t = classify(fn, imports);
    if (!t) continue;
    if ((t.client === 'axios' || t.client === 'axios-create') && axiosDefaults) continue;
    const args = argList.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
    if (t.client === 'fetch' && (args.length === 0 || ((localFetch || globalFetchTimeout) && !imports.has('fetch')))) continue;
    // data:/blob: URLs never touch the network; a Request object may carry its own signal.
    if ((t.client === 'fetch' || t.client === 'undici-fetch') && (/^["'`](data|blob):/.test(args[0].text) || /^new\s+Request\b/.test(args[0].text) || /^(req|request)$/i.test(args[0].text))) continue;
    // A relative URL (`fetch('/api/files')`) resolves only against a page: Node's fetch rejects it, so this runs in a browser.
    // So is one behind a base path (`${env.NEXT_PUBLIC_BASE_PATH ?? ""}/api/...`, `${basePath}/api`): a path prefix, not a host.
    if (t.client === 'fetch' && (/^["'`]\/(?!\/)/.test(args[0].text) || /^`\$\{[^}]*(BASE_?PATH|[bB]asePath|base_path)\b[^}]*\}\/(?!\/)/.test(args[0].text))) continue;
    // So is one held in a constant of the file (`const BASE_URL = "/api/manage"; fetch(`${BASE_URL}/config`)`).
    if (t.client === 'fetch' && relativeConstant(args[0].text, (pathConstants ??= constantsSetToPaths(text)))) continue;
    // Raced against a timer (`Promise.race([fetch(...), new Promise((r) => setTimeout(r, 150))])`): the wait is bounded.
    if (racedAgainstTimer(call)) continue;
    if (t.client === 'axios' && t.index < 0) {
      // axios(config) with the config in a variable (it may carry the timeout), unless its name says URL.
      if (args.length === 1 && (args[0].type === 'identifier' || args[0].type === 'member_expression') && !/(url|uri|href|endpoint|address|link)$/i.test(args[0].text)) continue;
      t.index = args[0] && args[0].type !== 'object' ? 1 : 0; // axios(url, config) or axios(config)
    }
    const opts = optionsOf(t, args);
    if (opts.state === 'unknown') continue;
    if (opts.obj && KEYS[t.client].some((k) => propertyOf(opts.obj!, k) !== undefined)) continue;
    if (opts.obj && t.nodeFetch && propertyOf(opts.obj, 'timeout') !== undefined) continue;
    if (t.client === 'http' && hasSetTimeout(call)) continue;
    if (t.client === 'axios-create' && instanceHasDefaults(call, text)) continue;
    const add = item(t.client, ms);
    const edit = opts.obj ? appendItem(ctx, opts.obj, add) : insertOptions(ctx, t, argList, args, add);
    // A call whose promise is thrown away (`void fetch(...)`): no caller waits on it, so a hang holds a socket, not a request.
    const discarded = call.parent?.type === 'unary_expression' && call.parent.text.startsWith('void');
    const severity = t.client === 'undici' || t.client === 'undici-fetch' || discarded ? 'information' : undefined;
    const why = discarded ? `${message(t)}; its result is discarded (void), so no caller waits on it, but a hung call keeps its socket` : message(t);
    reports.push(report(why, fn, edit ? { title: `Add ${add}`, edits: [edit] } : undefined, severity));
  }
  return reports;
}

/** The names of a file's constants set to a path (`const BASE = "/api/x"`). */
function constantsSetToPaths(text: string): Set<string> {
  return new Set([...text.matchAll(/(?:^|[\s;])(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*["'`]\/(?!\/)/gm)].map((m) => m[1]));
}

/** Whether a URL argument is, or starts with, one of those constants. */
function relativeConstant(arg: string, constants: Set<string>): boolean {
  const name = /^([A-Za-z_$][\w$]*)$|^`\$\{\s*([A-Za-z_$][\w$]*)\s*\}/.exec(arg);
  const id = name?.[1] ?? name?.[2];
  return !!id && constants.has(id);
}

/** A call that is an element of `Promise.race([...])` whose other elements include a timer (setTimeout, a sleep). */
function racedAgainstTimer(call: Node): boolean {
  let n: Node | null = call;
  for (let depth = 0; n && depth < 6; depth++, n = n.parent) {
    if (n.type !== 'array' || n.parent?.type !== 'arguments') continue;
    const race = n.parent.parent;
    return race?.type === 'call_expression' && /^Promise\.race$/.test(race.childForFieldName('function')?.text ?? '') && /\bsetTimeout\s*\(|\b(sleep|delay|timeout)\s*\(/.test(n.text.replace(call.text, ''));
  }
  return false;
}

/** `const api = axios.create()` followed by `api.defaults.timeout = N`. */
function instanceHasDefaults(call: Node, text: string): boolean {
  const decl = call.parent;
  const name = decl?.type === 'variable_declarator' ? decl.childForFieldName('name')?.text : undefined;
  return !!name && new RegExp(`\\b${name}\\.defaults\\.timeout\\s*=`).test(text);
}
