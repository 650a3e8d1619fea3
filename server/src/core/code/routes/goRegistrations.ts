/**
 * One route registration of Go code, read per framework: Gin/Echo `GET(path, h...)`, `Handle`/`Add`/`Match`/`Any`,
 * chi `Get(path, h)`/`Method`/`Handle`, gorilla `HandleFunc(path, h).Methods(...)` and `Methods(..).Path(..).Handler(h)`,
 * net/http `Handle`/`HandleFunc` with Go 1.22 patterns.
 */
import type { Node } from 'web-tree-sitter';
import { span } from '../common';
import { authOfHandler, authOfMiddleware, methodValue, newRouter, parseServeMuxPattern, verbOf, type GoFramework, type GoRouter } from './goRouters';
import type { AuthEvidence, HttpMethod } from './types';
import type { Span } from '../../rules/types';

export interface Registration {
  router: GoRouter;
  methods: HttpMethod[];
  /** The path as written (without the router's prefix). */
  path: string;
  pathNode: Node;
  call: Node;
  handler?: Node;
  auth: AuthEvidence[];
}

/** What a registration needs from the file being read. */
export interface GoLookup {
  file: string;
  frameworks: Map<string, GoFramework>;
  fields: Map<string, GoRouter>;
  routerOf(e: Node): GoRouter | undefined;
  bindImplicit(e: Node, r: GoRouter): void;
  defaultMux(): GoRouter;
  pathValue(n: Node | null | undefined): string | undefined;
}

const short = (n: Node) => (n.text.length > 60 ? n.text.slice(0, 57) + '...' : n.text).replace(/\s+/g, ' ');
const HANDLER_NODES = /^(identifier|selector_expression|func_literal|call_expression)$/;
const fieldOf = (fn: Node) => fn.childForFieldName('field')?.text ?? '';
const argsOf = (call: Node) => (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');

/** A router framework an unknown receiver most likely is, from the file's imports and the method's spelling. */
function guess(look: GoLookup, name: string): GoFramework | undefined {
  const has = new Set(look.frameworks.values());
  if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any|Match|Add)$/.test(name)) return has.has('gin') ? 'gin' : has.has('echo') ? 'echo' : undefined;
  if (/^(Get|Post|Put|Patch|Delete|Head|Options|Method|MethodFunc)$/.test(name)) return has.has('chi') ? 'chi' : undefined;
  if (name === 'Handle' || name === 'HandleFunc') return has.has('gorilla/mux') ? 'gorilla/mux' : has.has('chi') ? 'chi' : has.has('gin') && name === 'Handle' ? 'gin' : 'net/http';
  if (name === 'Handler' || name === 'HandlerFunc') return has.has('gorilla/mux') ? 'gorilla/mux' : undefined;
  return undefined;
}

/** True when the argument holds a literal that starts with a slash (or a method pattern): it names a route. */
const looksLikePath = (n: Node | undefined) => !!n && /^"(?:[A-Z]+ )?\//.test((n.type === 'interpreted_string_literal' ? n : n.descendantsOfType('interpreted_string_literal')[0])?.text ?? '');

/** The receiver's router, or an implicit root when the receiver is unknown but the call is shaped like a route. */
function receiver(look: GoLookup, fn: Node, name: string, args: Node[]): (GoRouter & { implicit?: Node }) | undefined {
  const operand = fn.childForFieldName('operand')!;
  const known = look.routerOf(operand);
  if (known) return known;
  if (operand.type === 'identifier' && look.frameworks.get(operand.text) === 'net/http' && (name === 'Handle' || name === 'HandleFunc')) return look.defaultMux();
  if (operand.type === 'identifier' && look.frameworks.has(operand.text)) return undefined;
  if (operand.type !== 'identifier' && operand.type !== 'selector_expression') return undefined;
  const fw = guess(look, name);
  const pathArg = /^(Handle|Add|Method|MethodFunc)$/.test(name) && fw !== 'gorilla/mux' && fw !== 'net/http' && args.length >= 3 ? args[1] : name === 'Match' ? args[1] : args[0];
  if (!fw || args.length < 2 || !looksLikePath(pathArg)) return undefined;
  return { ...newRouter(fw), implicit: operand };
}

/** gorilla: the methods of `.Methods(...)` anywhere in the call chain above a registration. */
function chainMethods(call: Node): HttpMethod[] {
  const out: HttpMethod[] = [];
  let n: Node = call;
  while (n.parent?.type === 'selector_expression' && n.parent.parent?.type === 'call_expression') {
    n = n.parent.parent;
    if (fieldOf(n.childForFieldName('function')!) === 'Methods') out.push(...argsOf(n).map(methodValue).filter((m): m is HttpMethod => !!m));
  }
  return out;
}

type Found = Registration | { reason: string; at: Span } | undefined;

function make(look: GoLookup, router: GoRouter, call: Node, methods: HttpMethod[], pathNode: Node | undefined, handler: Node | undefined, mw: Node[], prefix = false): Found {
  if (!pathNode) return undefined;
  const value = look.pathValue(pathNode);
  if (value === undefined) return { reason: `path built at run time: \`${short(pathNode)}\``, at: span(pathNode) };
  // A gorilla PathPrefix route serves every path below it: written as a trailing `*`.
  let path = prefix ? value.replace(/\/?$/, '/*') : value;
  if (router.framework === 'net/http') {
    const p = parseServeMuxPattern(value);
    if (!p) return { reason: `not a route pattern: \`${short(pathNode)}\``, at: span(pathNode) };
    path = p.path;
    methods = [p.method];
  }
  if (!methods.length) return undefined;
  const auth = [...authOfMiddleware(mw, look.file), ...authOfHandler(handler, look.file)];
  return { router, methods, path, pathNode, call, ...(handler && HANDLER_NODES.test(handler.type) ? { handler } : {}), auth };
}

/** gorilla `r.Methods("GET").Path("/x").Handler(h)` and `r.PathPrefix("/static/").Handler(h)`. */
function routeBuilder(look: GoLookup, call: Node, fn: Node, args: Node[]): Found {
  let path: Node | undefined;
  let prefix = false;
  const methods: HttpMethod[] = [];
  let n: Node | null = fn.childForFieldName('operand');
  while (n?.type === 'call_expression' && n.childForFieldName('function')?.type === 'selector_expression') {
    const f = n.childForFieldName('function')!;
    const name = fieldOf(f);
    if (name === 'Path' || name === 'PathPrefix') [path, prefix] = [argsOf(n)[0], name === 'PathPrefix'];
    if (name === 'Methods') methods.push(...argsOf(n).map(methodValue).filter((m): m is HttpMethod => !!m));
    if (name === 'Subrouter') return undefined;
    const base = path && receiver(look, f, 'Handler', [path, args[0]]);
    if (base) return make(look, base, call, methods.length ? methods : ['ANY'], path, args[0], [], prefix);
    n = f.childForFieldName('operand');
  }
  return undefined;
}

export function registrationOf(look: GoLookup, call: Node, fn: Node, args: Node[]): Found {
  if (fn.type !== 'selector_expression') return undefined;
  const name = fieldOf(fn);
  if ((name === 'Handler' || name === 'HandlerFunc') && args.length === 1) return routeBuilder(look, call, fn, args);
  const r = receiver(look, fn, name, args);
  if (!r) return undefined;
  const found = read(look, r, call, name, args);
  // An unknown receiver becomes a router of the file only once a route is read off it.
  if (found && r.implicit) {
    const { implicit, ...router } = r;
    look.bindImplicit(implicit, router);
    if ('router' in found) found.router = router;
  }
  return found;
}

function read(look: GoLookup, r: GoRouter, call: Node, name: string, args: Node[]): Found {
  switch (r.framework) {
    case 'gin':
    case 'echo': {
      const verb = verbOf(r.framework, name);
      let [methods, at, rest] = verb ? [[verb], args[0], args.slice(1)] : [[] as HttpMethod[], args[1], args.slice(2)];
      if (name === 'Handle' || name === 'Add') methods = [methodValue(args[0])].filter((m): m is HttpMethod => !!m);
      else if (name === 'Match') methods = (args[0]?.descendantsOfType('interpreted_string_literal') ?? []).map((s) => methodValue(s!)).filter((m): m is HttpMethod => !!m);
      else if (!verb) return undefined;
      if (!rest.length) return undefined;
      const [handler, mw] = r.framework === 'gin' ? [rest[rest.length - 1], rest.slice(0, -1)] : [rest[0], rest.slice(1)];
      return make(look, r, call, methods, at, handler, mw);
    }
    case 'chi': {
      const verb = verbOf('chi', name);
      if (verb && args.length === 2) return make(look, r, call, [verb], args[0], args[1], []);
      if ((name === 'Handle' || name === 'HandleFunc') && args.length === 2) return make(look, r, call, ['ANY'], args[0], args[1], []);
      if ((name === 'Method' || name === 'MethodFunc') && args.length === 3) return make(look, r, call, [methodValue(args[0])].filter((m): m is HttpMethod => !!m), args[1], args[2], []);
      return undefined;
    }
    case 'gorilla/mux': {
      if ((name !== 'Handle' && name !== 'HandleFunc') || args.length !== 2) return undefined;
      const methods = chainMethods(call);
      return make(look, r, call, methods.length ? methods : ['ANY'], args[0], args[1], []);
    }
    case 'net/http':
      return (name === 'Handle' || name === 'HandleFunc') && args.length === 2 ? make(look, r, call, ['ANY'], args[0], args[1], []) : undefined;
  }
}
