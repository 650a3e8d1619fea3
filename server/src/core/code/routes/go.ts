/**
 * Routes of Go service code: net/http (Go 1.22 method patterns too), gorilla/mux, Gin, Echo and chi. Routers are
 * followed through groups, subrouters, chi `Route`/`Group`/`Mount`/`With` and functions of the same file that take
 * or return a router; a router handed to a function of another package becomes a RouteMount keyed `go:<pkg>.<Func>`.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { SourceFile } from '../../documents/source';
import { span } from '../common';
import { GoNames } from './goNames';
import { CONSTRUCTORS, authOfMiddleware, linkRouter, newRouter, type GoFramework, type GoRouter } from './goRouters';
import { emitMount, emitRoutes, type PendingMount } from './goOutput';
import { registrationOf, type GoLookup, type Registration } from './goRegistrations';
import type { FileRoutes } from './types';

type Env = Map<string, GoRouter>;
interface Scope {
  fn: string;
  /** Variables whose value comes from a package (`h := handler.New()`), for naming mount targets. */
  varPkg: Map<string, string>;
  loop: boolean;
}

const args = (call: Node) => (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
const short = (n: Node) => (n.text.length > 60 ? n.text.slice(0, 57) + '...' : n.text).replace(/\s+/g, ' ');
/** Packages whose functions take a router without declaring routes (servers, middleware wrappers). */
const NOT_ROUTES = /^[^./]+(\/|$)|^github\.com\/(gorilla|gin-gonic|labstack|go-chi|rs|prometheus|urfave|justinas)\/|^(go\.opentelemetry\.io|golang\.org\/x|go\.uber\.org|google\.golang\.org)\//;
const REGISTERS = /regist|route|setup|mount|bind|attach|init|api|endpoint|handlers$/i;

class GoFile {
  readonly out: FileRoutes = { routes: [], mounts: [], skipped: [] };
  readonly names: GoNames;
  readonly frameworks: Map<string, GoFramework>;
  readonly importPaths: Map<string, string>;
  readonly fields = new Map<string, GoRouter>();
  readonly byNode = new Map<number, GoRouter>();
  readonly returned = new Map<string, GoRouter>();
  readonly params = new Map<string, (GoRouter | undefined)[]>();
  readonly placeholders: [string, GoRouter][] = [];
  /** Functions of this file that return a router or an http.Handler. */
  readonly funcNames = new Set<string>();
  readonly apps: string[] = [];
  readonly pending: PendingMount[] = [];
  readonly registrations: Registration[] = [];
  readonly pkg: string;
  defaultMux?: GoRouter;

  constructor(readonly source: SourceFile, readonly root: Node) {
    this.names = new GoNames(root);
    this.frameworks = this.names.frameworks;
    this.importPaths = this.names.importPaths;
    this.pkg = this.names.pkg;
  }

  run(): FileRoutes & { apps?: string[] } {
    if (!this.frameworks.size) return this.out;
    const globals: Env = new Map();
    for (const n of this.root.namedChildren) {
      if (n?.type === 'var_declaration') this.visit(n, globals, { fn: '', varPkg: new Map(), loop: false });
    }
    const funcs = this.root.namedChildren.filter((n): n is Node => n?.type === 'function_declaration' || n?.type === 'method_declaration');
    for (const f of funcs) if (this.names.returnsRouter(f)) this.funcNames.add(f.childForFieldName('name')?.text ?? '');
    for (const f of funcs) this.paramRouters(f);
    for (const f of funcs) this.func(f, globals);
    this.finish();
    return this.apps.length ? { ...this.out, apps: [...new Set(this.apps)] } : this.out;
  }

  /** Router parameters (`func routes(r chi.Router)`): keyed for mounts from other files, linked by calls in this one. */
  private paramRouters(decl: Node): void {
    const name = decl.childForFieldName('name')?.text ?? '';
    const routers: (GoRouter | undefined)[] = [];
    for (const p of decl.childForFieldName('parameters')?.descendantsOfType('parameter_declaration') ?? []) {
      const fw = this.names.routerType(p!.childForFieldName('type'));
      for (const id of p!.namedChildren.filter((c) => c?.type === 'identifier')) routers.push(fw ? { ...newRouter(fw), key: `go:${this.pkg}.${name}` } : undefined);
      // An engine (not a group) handed in serves from the root unless a mount says otherwise.
      if (fw && /^\*?\w+\.(Engine|Echo)$/.test(p!.childForFieldName('type')!.text)) this.apps.push(`go:${this.pkg}.${name}`);
      if (!p!.namedChildren.some((c) => c?.type === 'identifier')) routers.push(undefined);
    }
    if (routers.some(Boolean)) this.params.set(name, routers);
  }

  private func(decl: Node, globals: Env): void {
    const name = decl.childForFieldName('name')?.text ?? '';
    const env: Env = new Map(globals);
    const scope: Scope = { fn: name, varPkg: new Map(), loop: false };
    const recv = decl.childForFieldName('receiver')?.descendantsOfType('parameter_declaration')[0]?.childForFieldName('name')?.text;
    if (recv) scope.varPkg.set(recv, this.pkg);
    const ids = (decl.childForFieldName('parameters')?.descendantsOfType('parameter_declaration') ?? []).flatMap((p) => {
      const names = p!.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text);
      return names.length ? names : [''];
    });
    ids.forEach((id, i) => {
      const r = this.params.get(name)?.[i];
      if (id && r) env.set(id, r);
    });
    const body = decl.childForFieldName('body');
    if (body) this.visit(body, env, scope);
  }

  visit(n: Node, env: Env, scope: Scope): void {
    switch (n.type) {
      case 'short_var_declaration':
      case 'assignment_statement':
      case 'var_spec': {
        const left = n.type === 'var_spec' ? n.childrenForFieldName('name') : (n.childForFieldName('left')?.namedChildren ?? []);
        const right = n.childForFieldName(n.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
        left.forEach((l, i) => l && right[i] && this.bind(l, right[i]!, env, scope));
        break;
      }
      case 'keyed_element': {
        const [k, v] = n.namedChildren;
        const r = v && this.routerOf(v.namedChildren[0] ?? v, env, scope);
        if (k && r) this.fields.set(k.text, r);
        break;
      }
      case 'call_expression':
        if (this.call(n, env, scope)) return;
        break;
      case 'for_statement':
        scope = { ...scope, loop: true };
        break;
      case 'return_statement': {
        const r = n.namedChildren[0] && this.routerOf(n.namedChildren[0].namedChildren[0] ?? n.namedChildren[0], env, scope);
        if (r && scope.fn && !this.returned.has(scope.fn)) {
          this.returned.set(scope.fn, r);
          if (!r.links.length && !r.key) {
            r.key = `go:${this.pkg}.${scope.fn}`;
            this.apps.push(r.key);
          }
        }
        break;
      }
    }
    for (const c of n.namedChildren) if (c) this.visit(c, env, scope);
  }

  private bind(left: Node, right: Node, env: Env, scope: Scope): void {
    const r = this.routerOf(right, env, scope);
    if (left.type === 'identifier' && r) env.set(left.text, r);
    else if (left.type === 'selector_expression' && r) this.fields.set(left.childForFieldName('field')!.text, r);
    const pkg = /^&?(\w+)\.\w+/.exec(right.text)?.[1];
    if (left.type === 'identifier' && pkg && this.importPaths.has(pkg)) scope.varPkg.set(left.text, this.names.packageOf(pkg));
  }

  /** The router an expression denotes, if any. The same call node always gives the same router. */
  routerOf(e: Node, env: Env, scope: Scope): GoRouter | undefined {
    if (e.type === 'identifier') return env.get(e.text);
    if (e.type === 'parenthesized_expression' || e.type === 'unary_expression') return e.namedChildren[0] ? this.routerOf(e.namedChildren[0], env, scope) : undefined;
    if (e.type === 'selector_expression') {
      const field = e.childForFieldName('field')!.text;
      const op = e.childForFieldName('operand')!.text;
      if (field === 'DefaultServeMux' && this.frameworks.get(op) === 'net/http') return (this.defaultMux ??= newRouter('net/http'));
      return env.has(op) || !this.importPaths.has(op) ? this.fields.get(field) : undefined;
    }
    if (e.type !== 'call_expression') return undefined;
    const known = this.byNode.get(e.id);
    if (known) return known;
    const r = this.makeRouter(e, env, scope);
    if (r) this.byNode.set(e.id, r);
    return r;
  }

  private makeRouter(call: Node, env: Env, scope: Scope): GoRouter | undefined {
    const fn = call.childForFieldName('function')!;
    const a = args(call);
    if (fn.type === 'identifier') {
      // A function of this file that may return a router: linked to what it returns once every function is read.
      if (!this.funcNames.has(fn.text)) return undefined;
      const r = newRouter([...this.frameworks.values()].find((f) => f !== 'net/http') ?? 'net/http');
      this.placeholders.push([fn.text, r]);
      return r;
    }
    if (fn.type !== 'selector_expression') return undefined;
    const name = fn.childForFieldName('field')!.text;
    const operand = fn.childForFieldName('operand')!;
    const pkgFw = operand.type === 'identifier' && !env.has(operand.text) ? this.frameworks.get(operand.text) : undefined;
    if (pkgFw) return CONSTRUCTORS[pkgFw].includes(name) ? newRouter(pkgFw) : undefined;
    if (name === 'Subrouter') return this.subrouter(operand, call, env, scope);
    const base = this.routerOf(operand, env, scope);
    if (!base) return undefined;
    if (name === 'Group' && (base.framework === 'gin' || base.framework === 'echo') && a[0]) {
      const seg = this.names.pathValue(a[0]);
      return linkRouter(newRouter(base.framework), base, seg ?? '', call.startIndex, authOfMiddleware(a.slice(1), this.source.path), seg === undefined ? `prefix built at run time: \`${short(a[0])}\`` : undefined);
    }
    if (name === 'With' && base.framework === 'chi') return linkRouter(newRouter('chi'), base, '', call.startIndex, authOfMiddleware(a, this.source.path));
    return undefined;
  }

  /** gorilla `r.PathPrefix("/api").Subrouter()`. */
  private subrouter(operand: Node, call: Node, env: Env, scope: Scope): GoRouter | undefined {
    let seg = '';
    let dynamic: string | undefined;
    let n: Node | null = operand;
    while (n?.type === 'call_expression' && n.childForFieldName('function')?.type === 'selector_expression') {
      const f: Node = n.childForFieldName('function')!;
      if (f.childForFieldName('field')!.text === 'PathPrefix') {
        const v = this.names.pathValue(args(n)[0]);
        if (v === undefined) dynamic = `prefix built at run time: \`${short(args(n)[0] ?? n)}\``;
        else seg = v;
      }
      const base = this.routerOf(f.childForFieldName('operand')!, env, scope);
      if (base) return linkRouter(newRouter(base.framework), base, seg, call.startIndex, [], dynamic);
      n = f.childForFieldName('operand');
    }
    return undefined;
  }

  /** A call that registers routes, applies middleware, opens a chi sub-scope or hands a router on; true when its children are done. */
  private call(call: Node, env: Env, scope: Scope): boolean {
    const fn = call.childForFieldName('function')!;
    const a = args(call);
    const name = fn.type === 'selector_expression' ? fn.childForFieldName('field')!.text : fn.text;
    const recv = fn.type === 'selector_expression' ? this.routerOf(fn.childForFieldName('operand')!, env, scope) : undefined;
    if (recv?.framework === 'chi' && (name === 'Route' || name === 'Group')) {
      const body = a[a.length - 1];
      if (body?.type === 'func_literal') {
        const seg = name === 'Route' ? this.names.pathValue(a[0]) : '';
        const sub = linkRouter(newRouter('chi'), recv, seg ?? '', call.startIndex, [], seg === undefined ? `prefix built at run time: \`${short(a[0])}\`` : undefined);
        const inner = new Map(env);
        const param = body.childForFieldName('parameters')?.descendantsOfType('parameter_declaration')[0]?.childForFieldName('name')?.text;
        if (param) inner.set(param, sub);
        if (!param) inner.forEach((v, k) => v === recv && inner.set(k, sub));
        this.visit(body.childForFieldName('body')!, inner, scope);
        return true;
      }
    }
    if (recv && name === 'Use') {
      for (const auth of authOfMiddleware(a, this.source.path)) recv.uses.push({ auth, at: call.startIndex });
      return false;
    }
    if (recv && name === 'Mount' && a.length === 2) {
      this.mount(recv, a[0], a[1], call, env, scope);
      return false;
    }
    const reg = registrationOf(this.lookup(env, scope), call, fn, a);
    if (reg) {
      if ('reason' in reg) this.out.skipped.push({ file: this.source.path, at: reg.at, reason: scope.loop ? `registered in a loop: ${reg.reason}` : reg.reason });
      else this.registrations.push(reg);
      return false;
    }
    a.forEach((arg, i) => {
      const r = this.routerOf(arg, env, scope);
      if (r) this.handOn(r, i, call, fn, scope);
    });
    return false;
  }

  /** chi `r.Mount("/x", sub)`: a router of this file is linked; another file's is a RouteMount. */
  private mount(parent: GoRouter, path: Node, target: Node, call: Node, env: Env, scope: Scope): void {
    const seg = this.names.pathValue(path);
    if (seg === undefined) {
      this.out.skipped.push({ file: this.source.path, at: span(path), reason: `mount prefix built at run time: \`${short(path)}\`` });
      return;
    }
    const f = target.type === 'call_expression' ? target.childForFieldName('function')! : target;
    const local = f.type === 'identifier' && this.funcNames.has(f.text) ? undefined : this.routerOf(target, env, scope);
    if (local) return void linkRouter(local, parent, seg, call.startIndex);
    this.handOnTo(parent, seg, call, f, scope, `mounts \`${short(target)}\``);
  }

  /** A router passed to a function: linked to that function's parameter when it is in this file, else mounted there. */
  private handOn(r: GoRouter, index: number, call: Node, fn: Node, scope: Scope): void {
    if (fn.type === 'identifier' && this.params.has(fn.text)) {
      const p = this.params.get(fn.text)![index];
      if (p) linkRouter(p, r, '', call.startIndex);
      return;
    }
    // Routers are also handed to servers and middleware wrappers: only a registering function declares routes.
    if (REGISTERS.test(fn.text.split('.').pop()!)) this.handOnTo(r, '', call, fn, scope, `passes a router to \`${short(fn)}\``);
  }

  private handOnTo(router: GoRouter, segment: string, call: Node, fn: Node, scope: Scope, what: string): void {
    let pkg: string | undefined;
    let name = fn.text;
    if (fn.type === 'selector_expression') {
      const op = fn.childForFieldName('operand')!.text;
      name = fn.childForFieldName('field')!.text;
      const path = this.importPaths.get(op);
      if (path && NOT_ROUTES.test(path)) return;
      pkg = path ? this.names.packageOf(op) : scope.varPkg.get(op);
      if (!pkg) {
        if (/regist|route|mount|setup|bind|attach/i.test(name)) this.out.skipped.push({ file: this.source.path, at: span(call), reason: `${what}: the package of \`${op}\` is unknown` });
        return;
      }
    } else if (fn.type === 'identifier') pkg = this.pkg;
    else return;
    this.pending.push({ router, segment, call, fn: name, pkg, local: fn.type === 'identifier' && this.funcNames.has(fn.text) });
  }

  private lookup(env: Env, scope: Scope): GoLookup {
    return {
      file: this.source.path,
      frameworks: this.frameworks,
      fields: this.fields,
      routerOf: (e) => this.routerOf(e, env, scope),
      bindImplicit: (e, r) => (e.type === 'identifier' ? env.set(e.text, r) : this.fields.set(e.childForFieldName('field')!.text, r)),
      defaultMux: () => (this.defaultMux ??= newRouter('net/http')),
      pathValue: (n) => this.names.pathValue(n),
    };
  }

  private finish(): void {
    const mounted = new Set<GoRouter>();
    for (const p of this.pending) {
      const local = p.pkg === this.pkg && p.local ? this.returned.get(p.fn) : undefined;
      if (local) {
        linkRouter(local, p.router, p.segment, p.call.startIndex);
        mounted.add(local);
      }
    }
    for (const [fn, placeholder] of this.placeholders) {
      const r = this.returned.get(fn);
      if (!r || mounted.has(r)) continue;
      linkRouter(placeholder, r, '', 0);
      if (r.key && this.apps.includes(r.key)) r.key = undefined; // used as an app by this file
    }
    for (const p of this.pending) if (!(p.pkg === this.pkg && p.local && this.returned.has(p.fn))) emitMount(this.out, this.source.path, p);
    for (const reg of this.registrations) emitRoutes(this.out, this.source.path, reg);
  }
}

export function goRoutes(source: SourceFile, tree: Tree): FileRoutes {
  return new GoFile(source, tree.rootNode).run();
}
