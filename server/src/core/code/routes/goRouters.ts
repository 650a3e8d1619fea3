/**
 * The Go router model behind routes/go.ts: routers of net/http, gorilla/mux, Gin, Echo and chi, their prefixes
 * (groups, subrouters, chi `Route`/`Mount`), the middleware applied to them, and how a route's full path and
 * authentication are read off the chain of routers it hangs from.
 */
import type { Node } from 'web-tree-sitter';
import { joinPath } from './template';
import type { AuthEvidence, HttpMethod } from './types';

export type GoFramework = 'net/http' | 'gorilla/mux' | 'gin' | 'echo' | 'chi';

/** Import paths of the router packages (major-version suffixes allowed). */
export const FRAMEWORK_IMPORTS: [RegExp, GoFramework][] = [
  [/^net\/http$/, 'net/http'],
  [/^github\.com\/gorilla\/mux$/, 'gorilla/mux'],
  [/^github\.com\/gin-gonic\/gin$/, 'gin'],
  [/^github\.com\/labstack\/echo(\/v\d+)?$/, 'echo'],
  [/^github\.com\/go-chi\/chi(\/v\d+)?$/, 'chi'],
];

/** Functions of a router package that make a new root router. */
export const CONSTRUCTORS: Record<GoFramework, string[]> = {
  'net/http': ['NewServeMux'],
  'gorilla/mux': ['NewRouter'],
  gin: ['New', 'Default'],
  echo: ['New'],
  chi: ['NewRouter', 'NewMux'],
};

/** Router types as written in parameters (`*gin.RouterGroup`, `chi.Router`), by framework. */
export const ROUTER_TYPES: Record<GoFramework, string[]> = {
  'net/http': ['ServeMux'],
  'gorilla/mux': ['Router'],
  gin: ['Engine', 'RouterGroup', 'IRouter', 'IRoutes'],
  echo: ['Echo', 'Group'],
  chi: ['Router', 'Mux'],
};

export const VERBS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const title = (m: string) => m[0] + m.slice(1).toLowerCase();

/** The HTTP method of a route-registering method name (`GET` for Gin/Echo, `Get` for chi). */
export function verbOf(framework: GoFramework, name: string): HttpMethod | undefined {
  if (framework === 'gin' || framework === 'echo') return name === 'Any' ? 'ANY' : VERBS.find((v) => v === name);
  if (framework === 'chi') return VERBS.find((v) => title(v) === name);
  return undefined;
}

/** `http.MethodGet`, `"GET"`, `echo.GET` -> GET. */
export function methodValue(n: Node): HttpMethod | undefined {
  const m = /^(?:\w+\.)?(?:Method)?(Get|Post|Put|Patch|Delete|Head|Options)$|^"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)"$|^\w+\.(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/i.exec(n.text);
  const name = (m?.[1] ?? m?.[2] ?? m?.[3])?.toUpperCase();
  return VERBS.find((v) => v === name);
}

/** Middleware and handler wrappers that authenticate: `AuthMiddleware`, `RequireAuth`, `jwt`, `BasicAuth`, `authn`... */
const AUTH = /auth(?!or(?!i[sz]))|jwt|bearer|oauth|oidc|keycloak|casbin|api_?key|(require|ensure|must)_?(login|user|role|scope|token|session)|(verify|validate|check)_?(token|jwt|session)|logged_?in|login_?required|protect|secured/i;
const NOT_AUTH = /csrf|cors|ratelimit|rate_limit|throttl|cache|logger|logging/i;

export function isAuthName(name: string): boolean {
  return AUTH.test(name) && !NOT_AUTH.test(name);
}

export function evidence(kind: AuthEvidence['kind'], node: Node, file: string): AuthEvidence {
  const name = node.text.replace(/\s+/g, ' ');
  return { kind, name: name.length > 80 ? name.slice(0, 77) + '...' : name, path: file, at: { start: node.startIndex, end: node.endIndex } };
}

/** Middleware arguments (`Use(a, b)`, `With(a)`, Gin's handlers before the last) that authenticate. */
export function authOfMiddleware(args: Node[], file: string): AuthEvidence[] {
  const named = args.map((a) => (a.type === 'call_expression' ? a.childForFieldName('function')! : a));
  return named.filter((n) => isAuthName(n.text)).map((n) => evidence('middleware', n, file));
}

/** A handler wrapped in authentication: `auth(handler)`, `mw.RequireAuth(http.HandlerFunc(h))`. */
export function authOfHandler(handler: Node | undefined, file: string): AuthEvidence[] {
  const out: AuthEvidence[] = [];
  let n = handler;
  while (n?.type === 'call_expression') {
    const fn = n.childForFieldName('function')?.text ?? '';
    const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    if (isAuthName(fn) && !/handler$|handle$/i.test(fn) && args.length) out.push(evidence('middleware', n.childForFieldName('function')!, file));
    n = args.find((a) => a.type === 'call_expression' || a.type === 'identifier' || a.type === 'selector_expression' || a.type === 'func_literal');
  }
  return out;
}

export interface GoRouter {
  framework: GoFramework;
  /** Where the router hangs: none for a root, one for a group or subrouter, several for a router function called more than once. */
  links: RouterLink[];
  /** Middleware applied with Use, with the offset where it was applied. */
  uses: { auth: AuthEvidence; at: number }[];
  /** The key a mount in another file names (a router parameter or a returned router); used while unlinked. */
  key?: string;
}

export interface RouterLink {
  parent: GoRouter;
  /** The prefix added to the parent's, or why it is unknown (built from a variable). */
  segment: string;
  dynamic?: string;
  /** Middleware given with the group (`Group("/x", auth)`, `With(auth)`). */
  auth: AuthEvidence[];
  at: number;
}

export function newRouter(framework: GoFramework): GoRouter {
  return { framework, links: [], uses: [] };
}

export function linkRouter(child: GoRouter, parent: GoRouter, segment: string, at: number, auth: AuthEvidence[] = [], dynamic?: string): GoRouter {
  child.links.push({ parent, segment, at, auth, ...(dynamic ? { dynamic } : {}) });
  return child;
}

/** One way a router is reached: its prefix below the nearest keyed (or root) router, and the auth in front. */
export type Reach = { prefix: string; key?: string; auth: AuthEvidence[] } | { dynamic: string };

/**
 * Every way a route declared at offset `at` on this router is reached. Gin applies `Use` only to routes (and
 * groups) registered after it; the other routers apply a router's middleware to all of its routes.
 */
export function reachOf(r: GoRouter, at: number, seen: GoRouter[] = []): Reach[] {
  if (seen.includes(r)) return [];
  const ordered = r.framework === 'gin';
  const own = r.uses.filter((u) => !ordered || u.at < at).map((u) => u.auth);
  if (!r.links.length) return [{ prefix: '', key: r.key, auth: own }];
  return r.links.flatMap((l): Reach[] => {
    if (l.dynamic) return [{ dynamic: l.dynamic }];
    return reachOf(l.parent, l.at, [...seen, r]).map((p) => ('dynamic' in p ? p : { prefix: p.prefix && l.segment ? joinPath(p.prefix, l.segment) : p.prefix || l.segment, key: p.key, auth: [...p.auth, ...l.auth, ...own] }));
  });
}

/** Go 1.22 net/http patterns: `"GET /items/{id}"`, `"example.com/x"`, `"/files/{path...}"`, `"/{$}"`. */
export function parseServeMuxPattern(pattern: string): { method: HttpMethod; path: string } | undefined {
  const m = /^\s*(?:([A-Z]+)\s+)?(\S*)\s*$/.exec(pattern);
  if (!m) return undefined;
  const slash = m[2].indexOf('/');
  if (slash < 0) return undefined;
  const method = m[1] ? VERBS.find((v) => v === m[1]) : 'ANY';
  if (!method) return undefined;
  return { method, path: m[2].slice(slash).replace(/\/\{\$\}$/, '/') };
}
