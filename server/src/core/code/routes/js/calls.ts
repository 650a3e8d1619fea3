import type { Node } from 'web-tree-sitter';
import { stringValue } from '../../common';
import { evidence, isAuthName } from '../keys';
import { joinPath, normalizeTemplate } from '../template';
import type { AuthEvidence, FileRoutes, HttpMethod } from '../types';
import type { Bindings } from './bindings';
import { isFunction, RouterResolver, type JsRouter } from './routers';

const METHODS: Record<string, HttpMethod> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', del: 'DELETE', head: 'HEAD', options: 'OPTIONS', all: 'ANY' };
const HOOKS = /^['"](onRequest|preHandler|preValidation|preParsing)['"]$/;
const DYNAMIC = 'the path is built at run time';

/** Authentication a router applies from a point on (`router.use(auth)`, an `onRequest` hook), maybe under a prefix. */
interface RouterAuth {
  key: string;
  from: number;
  prefix?: string;
  auth: AuthEvidence[];
}

const argsOf = (call: Node) => (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');

/** Express, Koa, Hono and Fastify registrations of one file. */
export class JsCalls {
  readonly routers: RouterResolver;
  private readonly routerAuth: RouterAuth[] = [];

  constructor(private readonly b: Bindings, private readonly out: FileRoutes) {
    this.routers = new RouterResolver(b);
  }

  /** A string the code spells out, through `const` names, concatenation and template substitutions. */
  staticString(n: Node | null | undefined, depth = 0): string | undefined {
    if (!n || depth > 5) return undefined;
    if (n.type === 'string') return stringValue(n);
    if (n.type === 'template_string') {
      let s = '';
      for (const c of n.namedChildren) {
        if (c?.type === 'string_fragment' || c?.type === 'escape_sequence') s += c.text;
        else if (c?.type === 'template_substitution') {
          const v = this.staticString(c.namedChild(0), depth + 1);
          if (v === undefined) return undefined;
          s += v;
        }
      }
      return s;
    }
    if (n.type === 'identifier') {
      const v = this.b.values.get(n.text);
      return v && /^const\b/.test(v.parent?.parent?.text ?? '') ? this.staticString(v, depth + 1) : undefined;
    }
    if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
      const l = this.staticString(n.childForFieldName('left'), depth + 1);
      const r = this.staticString(n.childForFieldName('right'), depth + 1);
      return l !== undefined && r !== undefined ? l + r : undefined;
    }
    if (n.type === 'parenthesized_expression') return this.staticString(n.namedChild(0), depth + 1);
    return undefined;
  }

  /** First pass: router-level authentication (order matters for `use`, not for Fastify hooks). */
  collectAuth(calls: Node[]): void {
    for (const call of calls) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'member_expression') continue;
      const prop = fn.childForFieldName('property')?.text;
      if (prop !== 'use' && prop !== 'addHook') continue;
      const router = this.routers.of(fn.childForFieldName('object'));
      if (!router) continue;
      const args = argsOf(call);
      if (prop === 'addHook') {
        if (HOOKS.test(args[0]?.text ?? '') && args[1] && isAuthName(args[1].text)) this.routerAuth.push({ key: router.key, from: -1, auth: [evidence('middleware', args[1], this.b.file)] });
        continue;
      }
      const prefix = args.length > 1 ? this.staticString(args[0]) : undefined;
      const rest = prefix !== undefined ? args.slice(1) : args;
      if (rest.some((a) => this.routers.target(a) && !isAuthName(a.text))) continue; // a mount: see mounts()
      const auth = rest.flatMap((a) => this.authIn(a));
      if (auth.length) this.routerAuth.push({ key: router.key, from: call.startIndex, prefix: prefix?.replace(/\/?\*$/, ''), auth });
    }
  }

  /** Auth-like middleware in an argument (a name, a call, an array of them). */
  private authIn(a: Node): AuthEvidence[] {
    if (a.type === 'array') return a.namedChildren.flatMap((c) => (c ? this.authIn(c) : []));
    if (isFunction(a) || a.type === 'string' || a.type === 'object') return [];
    return isAuthName(a.text) ? [evidence('middleware', a, this.b.file)] : [];
  }

  /** Authentication the router applies before `at` to a path under its prefix. */
  private inherited(key: string, at: number, path: string): AuthEvidence[] {
    const p = normalizeTemplate(path);
    return this.routerAuth.filter((r) => r.key === key && r.from < at && (!r.prefix || r.prefix === '/' || p === normalizeTemplate(r.prefix) || p.startsWith(normalizeTemplate(r.prefix) + '/'))).flatMap((r) => r.auth);
  }

  private addRoute(router: JsRouter, method: HttpMethod, path: string, at: Node, handlers: Node[], extra: AuthEvidence[] = []): void {
    const full = router.prefix ? joinPath(router.prefix, path) : path;
    const last = handlers[handlers.length - 1];
    this.out.routes.push({
      method, path: full, framework: router.framework, file: this.b.file, at: { start: at.startIndex, end: at.endIndex },
      ...(last && (isFunction(last) || last.type === 'identifier' || last.type === 'member_expression') ? { handler: { start: last.startIndex, end: last.endIndex } } : {}),
      auth: [...this.inherited(router.key, at.startIndex, full), ...handlers.slice(0, -1).flatMap((h) => this.authIn(h)), ...extra],
      router: router.key,
    });
    if (router.app && !this.out.apps!.includes(router.key)) this.out.apps!.push(router.key);
  }

  private skip(at: Node, reason: string, mountTarget?: string): void {
    this.out.skipped.push({ file: this.b.file, at: { start: at.startIndex, end: at.endIndex }, reason, ...(mountTarget ? { mountTarget } : {}) });
  }

  /** Second pass: routes and mounts. */
  visit(call: Node): void {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'identifier' || (fn?.type === 'call_expression' && fn.childForFieldName('function')?.text === 'require')) return this.passedTo(call, fn);
    if (fn?.type === 'subscript_expression' && this.routers.of(fn.childForFieldName('object')) && argsOf(call).length >= 2) return this.skip(call, 'the HTTP method is chosen at run time');
    if (fn?.type !== 'member_expression') return;
    const prop = fn.childForFieldName('property')?.text ?? '';
    const obj = fn.childForFieldName('object');
    const args = argsOf(call);
    if (METHODS[prop]) return this.methodCall(call, obj, METHODS[prop], args);
    const router = this.routers.of(obj);
    if (!router) return;
    if (prop === 'route' && args.length === 1 && args[0].type === 'object') return this.routeObject(router, args[0]);
    if (prop === 'on' && args.length >= 3) return this.honoOn(router, args);
    if (prop === 'openapi' && router.framework === 'hono' && args.length >= 2) return this.honoOpenApi(router, args);
    if (prop === 'use' || (prop === 'route' && args.length === 2 && router.framework === 'hono')) return this.mount(call, router, args);
    if (prop === 'register' && args[0]) return this.register(call, router, args);
    if (prop === 'prefix' && router.framework === 'koa') {
      const p = this.staticString(args[0]);
      for (const r of this.out.routes) if (r.router === router.key && p !== undefined) r.path = joinPath(p, r.path);
    }
  }

  private methodCall(call: Node, obj: Node | null, method: HttpMethod, args: Node[]): void {
    // Express: `router.route('/x').get(h).post(h)`.
    const chained = routeChain(obj);
    if (chained) {
      const router = this.routers.of(chained.router);
      const path = this.staticString(chained.path);
      if (!router) return;
      if (path === undefined) return this.skip(chained.path, DYNAMIC);
      return this.addRoute(router, method, path, chained.path, args);
    }
    const router = this.routers.of(obj);
    if (!router || args.length < 2) return;
    const named = args[0].type === 'string' && args[1].type === 'string' && router.framework === 'koa';
    const pathArg = named ? args[1] : args[0];
    const handlers = args.slice(named ? 2 : 1);
    const last = handlers[handlers.length - 1];
    if (!last || !(isFunction(last) || ['identifier', 'member_expression', 'call_expression', 'array', 'await_expression'].includes(last.type) || hasPair(last, 'handler'))) return;
    if (pathArg.type === 'regex') return this.skip(pathArg, 'the path is a regular expression');
    const paths = pathArg.type === 'array' ? pathArg.namedChildren.filter((p): p is Node => !!p) : [pathArg];
    for (const p of paths) {
      const path = this.staticString(p);
      if (path === undefined) {
        if (!isFunction(p) && p.type !== 'object') this.skip(p, DYNAMIC);
        continue;
      }
      if (!/^(\/|\*|$)/.test(path)) continue;
      const options = handlers.find((h) => h.type === 'object');
      this.addRoute(router, method, path, p, handlers.filter((h) => h.type !== 'object'), options ? this.hookAuth(options) : []);
    }
  }

  /** Fastify route options: `onRequest`/`preHandler` hooks that authenticate. */
  private hookAuth(options: Node): AuthEvidence[] {
    return options.namedChildren.filter((p) => p?.type === 'pair' && /^(onRequest|preHandler|preValidation|preParsing)$/.test(p.childForFieldName('key')?.text ?? '')).flatMap((p) => this.authIn(p!.childForFieldName('value')!));
  }

  /** Fastify `route({ method, url, handler })`. */
  private routeObject(router: JsRouter, options: Node): void {
    const value = (k: string) => options.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === k)?.childForFieldName('value') ?? undefined;
    const url = value('url') ?? value('path');
    const methodNode = value('method');
    if (!url || !methodNode) return;
    const path = this.staticString(url);
    if (path === undefined) return this.skip(url, DYNAMIC);
    const methods = (methodNode.type === 'array' ? methodNode.namedChildren : [methodNode]).map((m) => this.staticString(m)?.toLowerCase());
    if (methods.some((m) => !m || !METHODS[m])) return this.skip(methodNode, 'the HTTP method is chosen at run time');
    for (const m of methods) this.addRoute(router, METHODS[m!], path, url, [], this.hookAuth(options));
  }

  /** Hono `app.on('GET', '/x', handler)` or `app.on(['GET', 'POST'], ...)`. */
  private honoOn(router: JsRouter, args: Node[]): void {
    const path = this.staticString(args[1]);
    const methods = (args[0].type === 'array' ? args[0].namedChildren : [args[0]]).map((m) => this.staticString(m)?.toLowerCase());
    if (path === undefined || methods.some((m) => !m || !METHODS[m])) return this.skip(args[1], DYNAMIC);
    for (const m of methods) this.addRoute(router, METHODS[m!], path, args[1], args.slice(2));
  }

  /**
   * `@hono/zod-openapi`'s `app.openapi(route, handler)`, the route made by `createRoute({ method, path, ... })` in the
   * call or in a constant of the file. Its path is written as OpenAPI writes it (`/{id}`).
   */
  private honoOpenApi(router: JsRouter, args: Node[]): void {
    const made = (n: Node | undefined): Node | undefined => {
      const value = n?.type === 'identifier' ? this.b.values.get(n.text) : n;
      return value?.type === 'call_expression' && /(^|\.)createRoute$/.test(value.childForFieldName('function')?.text ?? '') ? argsOf(value)[0] : undefined;
    };
    const options = made(args[0]);
    if (options?.type !== 'object') return this.skip(args[0], DYNAMIC);
    const value = (k: string) => options.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === k)?.childForFieldName('value') ?? undefined;
    const pathNode = value('path');
    const method = this.staticString(value('method') ?? null)?.toLowerCase();
    const path = pathNode ? this.staticString(pathNode) : undefined;
    if (!pathNode || path === undefined || !method || !METHODS[method]) return this.skip(args[0], DYNAMIC);
    const middleware = value('middleware');
    this.addRoute(router, METHODS[method], path.replace(/\{(\w+)\}/g, ':$1'), pathNode, args.slice(1), middleware ? this.authIn(middleware) : []);
  }

  /** `app.use('/v1', auth, router)`, koa `router.use('/x', sub.routes())`, hono `app.route('/x', sub)`. */
  private mount(call: Node, router: JsRouter, args: Node[]): void {
    const first = args[0];
    const prefixGiven = !!first && (first.type === 'string' || first.type === 'template_string' || first.type === 'binary_expression' || (first.type === 'identifier' && /path|prefix|url|base|route|version/i.test(first.text) && !this.routers.target(first)));
    const prefix = prefixGiven ? this.staticString(first) : '';
    const rest = prefixGiven ? args.slice(1) : args;
    const auth: AuthEvidence[] = [];
    for (const a of rest) {
      const target = isAuthName(a.text) ? undefined : this.routers.target(a);
      if (!target) {
        auth.push(...this.authIn(a));
        continue;
      }
      if (prefix === undefined) {
        this.skip(call, 'the mount prefix is built at run time', target);
        continue;
      }
      const at = prefixGiven ? first : a;
      this.out.mounts.push({ prefix: joinPath(router.prefix, prefix || '/'), target, parent: router.key, auth: [...this.inherited(router.key, call.startIndex, prefix || '/'), ...auth], file: this.b.file, at: { start: at.startIndex, end: at.endIndex } });
      if (router.app && !this.out.apps!.includes(router.key)) this.out.apps!.push(router.key);
    }
  }

  /** Fastify `register(plugin, { prefix: '/v1' })`. */
  private register(call: Node, router: JsRouter, args: Node[]): void {
    const target = this.routers.target(args[0]);
    if (!target) return;
    const options = args[1];
    const prefixNode = options?.type === 'object' ? options.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === 'prefix')?.childForFieldName('value') : undefined;
    const prefix = prefixNode ? this.staticString(prefixNode) : '/';
    if (prefix === undefined) return this.skip(prefixNode!, 'the mount prefix is built at run time', target);
    this.out.mounts.push({ prefix: prefix || '/', target, parent: router.key, auth: this.inherited(router.key, call.startIndex, prefix || '/'), file: this.b.file, at: { start: (prefixNode ?? args[0]).startIndex, end: (prefixNode ?? args[0]).endIndex } });
    if (router.app && !this.out.apps!.includes(router.key)) this.out.apps!.push(router.key);
  }

  /** `routes(app)`, `require('./routes')(app, db)`: a function given the app registers routes on it. */
  private passedTo(call: Node, fn: Node): void {
    if (fn.type === 'identifier' && !this.b.importKey(fn.text) && !this.b.values.has(fn.text)) return;
    const router = argsOf(call).map((a) => (a.type === 'identifier' ? this.routers.of(a) : undefined)).find((r) => r);
    if (!router) return;
    const target = this.routers.target(fn);
    if (!target) return;
    this.out.mounts.push({ prefix: '/', target, parent: router.key, auth: this.inherited(router.key, call.startIndex, '/'), file: this.b.file, at: { start: call.startIndex, end: call.endIndex } });
    if (router.app && !this.out.apps!.includes(router.key)) this.out.apps!.push(router.key);
  }
}

/** `x.route('/p')` (maybe followed by method calls): the router object and the path node. */
function routeChain(obj: Node | null): { router: Node; path: Node } | undefined {
  if (obj?.type !== 'call_expression') return undefined;
  const fn = obj.childForFieldName('function');
  if (fn?.type !== 'member_expression') return undefined;
  const prop = fn.childForFieldName('property')?.text ?? '';
  const args = argsOf(obj);
  if (prop === 'route' && args.length === 1 && args[0].type !== 'object') return { router: fn.childForFieldName('object')!, path: args[0] };
  return METHODS[prop] ? routeChain(fn.childForFieldName('object')) : undefined;
}

const hasPair = (n: Node, key: string) => n.type === 'object' && n.namedChildren.some((p) => p?.childForFieldName('key')?.text === key);
