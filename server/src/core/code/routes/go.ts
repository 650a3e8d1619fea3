/**
 * Routes of Go service code: net/http (Go 1.22 method patterns too), gorilla/mux, Gin, Echo and chi. Routers are
 * followed through groups, subrouters, chi `Route`/`Group`/`Mount`/`With` and functions of the same file that take
 * or return a router; a router handed to a function of another package becomes a RouteMount keyed `go:<pkg>.<Func>`.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { SourceFile } from '../../documents/source';
import { nodesOf, span } from '../common';
import type { RuleContext } from '../../rules/types';
import { GoNames } from './goNames';
import { CONSTRUCTORS, authOfMiddleware, linkRouter, newRouter, type GoFramework, type GoRouter } from './goRouters';
import { emitMount, emitRoutes, type PendingMount } from './goOutput';
import { registrationOf, type GoLookup, type Registration } from './goRegistrations';
import type { FileRoutes } from './types';
import { CALL_HINT, MAKER_HINT, NOT_ROUTES, REGISTERS, REGISTER_HINT, ROUTER_CALLS, ROUTER_MAKERS, STEPS, args, inLoop, short, type Step } from './goHints';

type Env = Map<string, GoRouter>;
interface Scope {
  fn: string;
  /** The function's key: `Func`, or `Type.Method` for a method. */
  key: string;
  /** Variables' types as `pkg.Type` (`h := handler.NewHandler()`, `x := &T{}`), `pkg.` when only the package is known. */
  varType: Map<string, string>;
}

class GoFile {
  readonly out: FileRoutes = { routes: [], mounts: [], skipped: [] };
  readonly names: GoNames;
  readonly frameworks: Map<string, GoFramework>;
  readonly importPaths: Map<string, string>;
  readonly fields = new Map<string, GoRouter>();
  readonly byNode = new Map<number, GoRouter>();
  readonly returned = new Map<string, GoRouter>();
  readonly params = new Map<string, { id: string; router?: GoRouter }[]>();
  readonly placeholders: [string, GoRouter][] = [];
  /** Functions of this file that return a router or an http.Handler. */
  readonly funcNames = new Set<string>();
  readonly apps: string[] = [];
  readonly pending: PendingMount[] = [];
  readonly registrations: Registration[] = [];
  readonly pkg: string;
  defaultMux?: GoRouter;
  readonly root: Node;
  /** Enough of a rule context to share the tree's one walk with the rules (code/common.ts nodesOf). */
  private readonly ctx: RuleContext;
  private paramCall?: RegExp;

  constructor(readonly source: SourceFile, readonly tree: Tree) {
    this.root = tree.rootNode;
    this.ctx = { source, tree } as RuleContext;
    this.names = new GoNames(nodesOf(this.ctx, 'package_clause'), nodesOf(this.ctx, 'import_spec'));
    this.frameworks = this.names.frameworks;
    this.importPaths = this.names.importPaths;
    this.pkg = this.names.pkg;
  }

  run(): FileRoutes & { apps?: string[] } {
    if (!this.frameworks.size) return this.out;
    // One walk in the parser for the statements the extractor reads; they are handed out to their functions.
    const ctx = this.ctx;
    const funcs = nodesOf(ctx, ['function_declaration', 'method_declaration']);
    const ends = funcs.map((f) => f.endIndex);
    const top: Step[] = [];
    const inside = funcs.map(() => [] as Step[]);
    let i = 0;
    // Node types are kept beside the nodes: reading `type` crosses into the parser each time.
    this.names.readConstants(nodesOf(ctx, 'const_spec'));
    const steps = STEPS.flatMap((t) => nodesOf(ctx, t).map((n): Step => [n, t])).sort((a, b) => a[0].startIndex - b[0].startIndex);
    for (const st of steps) {
      while (i < funcs.length && ends[i] <= st[0].startIndex) i++;
      (i < funcs.length && st[0].startIndex >= funcs[i].startIndex ? inside[i] : top).push(st);
    }
    const globals: Env = new Map();
    this.walk(top, globals, { fn: '', key: '', varType: new Map() });
    for (const f of funcs) if (this.names.returnsRouter(f)) this.funcNames.add(f.childForFieldName('name')?.text ?? '');
    for (const f of funcs) this.paramRouters(f);
    if (this.params.size) this.paramCall = new RegExp(`\\b(${[...this.params.keys()].join('|')})\\s*\\(`);
    funcs.forEach((f, k) => this.func(f, globals, inside[k]));
    this.finish();
    return this.apps.length ? { ...this.out, apps: [...new Set(this.apps)] } : this.out;
  }

  /** Router parameters (`func routes(r chi.Router)`): keyed for mounts from other files, linked by calls in this one. */
  private paramRouters(decl: Node): void {
    const name = decl.childForFieldName('name')?.text ?? '';
    const key = `go:${this.pkg}.${this.keyOf(decl)}`;
    const routers: { id: string; router?: GoRouter }[] = [];
    for (const p of decl.childForFieldName('parameters')?.descendantsOfType('parameter_declaration') ?? []) {
      const type = p!.childForFieldName('type');
      const fw = this.names.routerType(type);
      const ids = p!.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text);
      for (const id of ids.length ? ids : ['']) routers.push({ id, router: fw ? { ...newRouter(fw), key } : undefined });
      // An engine (not a group) handed in serves from the root unless a mount says otherwise.
      if (fw && /^\*?\w+\.(Engine|Echo)$/.test(type!.text)) this.apps.push(key);
    }
    if (routers.some((r) => r.router)) this.params.set(name, routers);
  }

  /** `Func`, or `Type.Method` for a method (a pointer receiver and type parameters left out). */
  private keyOf(decl: Node): string {
    const name = decl.childForFieldName('name')?.text ?? '';
    const recv = decl.childForFieldName('receiver')?.descendantsOfType('parameter_declaration')[0]?.childForFieldName('type')?.text;
    const type = recv && /^\*?(\w+)/.exec(recv)?.[1];
    return type ? `${type}.${name}` : name;
  }

  private func(decl: Node, globals: Env, nodes: Step[]): void {
    const name = decl.childForFieldName('name')?.text ?? '';
    const env: Env = new Map(globals);
    const scope: Scope = { fn: name, key: this.keyOf(decl), varType: new Map() };
    const recv = decl.childForFieldName('receiver')?.descendantsOfType('parameter_declaration')[0];
    const recvName = recv?.childForFieldName('name')?.text;
    if (recvName) scope.varType.set(recvName, `${this.pkg}.${scope.key.split('.')[0]}`);
    for (const { id, router } of this.params.get(name) ?? []) if (id && router) env.set(id, router);
    this.walk(nodes, env, scope);
  }

  /** Steps through a function's statements in order; a chi `Route`/`Group` body opens a scope of its own. */
  private walk(nodes: Step[], env: Env, scope: Scope): void {
    const scopes = [{ end: Infinity, env }];
    for (const [n, type] of nodes) {
      while (n.startIndex >= scopes[scopes.length - 1].end) scopes.pop();
      const inner = this.step(n, type, scopes[scopes.length - 1].env, scope);
      if (inner) scopes.push(inner);
    }
  }

  /** Cheap text tests first: most statements of a file have nothing to do with routers. */
  private step(n: Node, type: string, env: Env, scope: Scope): { end: number; env: Env } | undefined {
    const text = n.text;
    switch (type) {
      case 'short_var_declaration':
      case 'assignment_statement':
      case 'var_spec': {
        this.typeOfVar(text, scope);
        if (!this.mayMakeRouter(text, env)) break;
        const left = type === 'var_spec' ? n.childrenForFieldName('name') : (n.childForFieldName('left')?.namedChildren ?? []);
        const right = n.childForFieldName(type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
        left.forEach((l, i) => l && right[i] && this.bind(l, right[i]!, env, scope));
        break;
      }
      case 'keyed_element': {
        if (!this.mayMakeRouter(text, env)) break;
        const [k, v] = n.namedChildren;
        const r = v && this.routerOf(v.namedChildren[0] ?? v, env, scope);
        if (k && r) this.fields.set(k.text, r);
        break;
      }
      case 'call_expression':
        return CALL_HINT.test(text) || REGISTER_HINT.test(text) || this.paramCall?.test(text) ? this.call(n, env, scope) : undefined;
      case 'return_statement': {
        if (!this.mayMakeRouter(text, env)) break;
        const r = n.namedChildren[0] && this.routerOf(n.namedChildren[0].namedChildren[0] ?? n.namedChildren[0], env, scope);
        if (r && scope.fn && !this.returned.has(scope.fn)) {
          this.returned.set(scope.fn, r);
          if (!r.links.length && !r.key) {
            r.key = `go:${this.pkg}.${scope.key}`;
            this.apps.push(r.key);
          }
        }
        break;
      }
    }
    return undefined;
  }

  /** `h := handler.NewHandler(..)` -> handler.Handler, `x := &T{}` -> <pkg>.T, `c := pkg.Make()` -> pkg. */
  private typeOfVar(text: string, scope: Scope): void {
    const m = /^(\w+)\s*:?=\s*&?(?:(\w+)\.)?(\w+)\s*([{(])/.exec(text);
    if (!m || (m[2] && !this.importPaths.has(m[2]))) return;
    const pkg = m[2] ? this.names.packageOf(m[2]) : this.pkg;
    const type = m[4] === '{' ? m[3] : /^New([A-Z]\w*)$/.exec(m[3])?.[1];
    if (type || m[2]) scope.varType.set(m[1], `${pkg}.${type ?? ''}`);
  }

  private bind(left: Node, right: Node, env: Env, scope: Scope): void {
    const r = this.routerOf(right, env, scope);
    if (left.type === 'identifier' && r) env.set(left.text, r);
    else if (left.type === 'selector_expression' && r) this.fields.set(left.childForFieldName('field')!.text, r);
  }

  /** Whether a statement's text can make or name a router (a constructor, group, local router function or variable). */
  private mayMakeRouter(text: string, env: Env): boolean {
    if (MAKER_HINT.test(text)) return true;
    if (text.length > 400) return false; // an alias of a router is a short statement
    for (const m of text.matchAll(/\b(\w+)\b/g)) if (env.has(m[1]) || this.funcNames.has(m[1]) || this.fields.has(m[1])) return true;
    return false;
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
    if (!ROUTER_MAKERS.test(name)) return undefined;
    const operand = fn.childForFieldName('operand')!;
    const pkgFw = operand.type === 'identifier' && !env.has(operand.text) ? this.frameworks.get(operand.text) : undefined;
    if (pkgFw) return CONSTRUCTORS[pkgFw].includes(name) ? newRouter(pkgFw) : undefined;
    if (name === 'Subrouter') return this.subrouter(operand, call, env, scope);
    const base = this.routerOf(operand, env, scope);
    if (!base) return undefined;
    if (/^(StrictSlash|SkipClean|UseEncodedPath)$/.test(name)) return base; // gorilla settings return the router itself
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

  /** A call that registers routes, applies middleware, hands a router on, or opens a chi sub-scope (returned). */
  private call(call: Node, env: Env, scope: Scope): { end: number; env: Env } | undefined {
    const fn = call.childForFieldName('function')!;
    const name = fn.type === 'selector_expression' ? fn.childForFieldName('field')!.text : fn.text;
    if (!ROUTER_CALLS.test(name) && !this.params.has(name) && !REGISTERS.test(name)) return undefined;
    const a = args(call);
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
        return { end: body.endIndex, env: inner };
      }
    }
    if (recv && name === 'Use') {
      for (const auth of authOfMiddleware(a, this.source.path)) recv.uses.push({ auth, at: call.startIndex });
      return undefined;
    }
    if (recv && name === 'Mount' && a.length === 2) {
      this.mount(recv, a[0], a[1], call, env, scope);
      return undefined;
    }
    const reg = registrationOf(this.lookup(env, scope), call, fn, a);
    if (reg) {
      if ('reason' in reg) this.out.skipped.push({ file: this.source.path, at: reg.at, reason: inLoop(call) ? `registered in a loop: ${reg.reason}` : reg.reason });
      else this.registrations.push(reg);
      return undefined;
    }
    a.forEach((arg, i) => {
      const r = this.routerOf(arg, env, scope);
      if (r) this.handOn(r, i, call, fn, scope);
    });
    return undefined;
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
      const p = this.params.get(fn.text)![index]?.router;
      if (p) linkRouter(p, r, '', call.startIndex);
      return;
    }
    // Routers are also handed to servers and middleware wrappers: only a registering function declares routes.
    if (REGISTERS.test(fn.text.split('.').pop()!)) this.handOnTo(r, '', call, fn, scope, `passes a router to \`${short(fn)}\``);
  }

  /** Names the function a router is handed to as a mount target: `go:<pkg>.<Func>` or `go:<pkg>.<Type>.<Method>`. */
  private handOnTo(router: GoRouter, segment: string, call: Node, fn: Node, scope: Scope, what: string): void {
    if (fn.type === 'identifier') {
      this.pending.push({ router, segment, call, target: `go:${this.pkg}.${fn.text}`, ...(this.funcNames.has(fn.text) ? { localFn: fn.text } : {}) });
      return;
    }
    if (fn.type !== 'selector_expression') return;
    const operand = fn.childForFieldName('operand')!;
    const name = fn.childForFieldName('field')!.text;
    const path = this.importPaths.get(operand.text);
    if (path && NOT_ROUTES.test(path)) return;
    const literal = /^&?(?:(\w+)\.)?(\w+)\s*\{/.exec(operand.text); // usersResource{}.Routes()
    const owner = path
      ? this.names.packageOf(operand.text)
      : literal && (!literal[1] || this.importPaths.has(literal[1]))
        ? `${literal[1] ? this.names.packageOf(literal[1]) : this.pkg}.${literal[2]}`
        : scope.varType.get(operand.text);
    if (!owner || owner.endsWith('.')) {
      if (/regist|route|mount|setup|bind|attach/i.test(name)) this.out.skipped.push({ file: this.source.path, at: span(call), reason: `${what}: the type of \`${short(operand)}\` is unknown` });
      return;
    }
    this.pending.push({ router, segment, call, target: `go:${owner}.${name}` });
  }

  private readonly lookups = new WeakMap<Env, GoLookup>();

  /** What registrations read from the file, for one scope of router variables. */
  private lookup(env: Env, scope: Scope): GoLookup {
    let l = this.lookups.get(env);
    if (!l) this.lookups.set(env, (l = this.makeLookup(env, scope)));
    return l;
  }

  private makeLookup(env: Env, scope: Scope): GoLookup {
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
      const local = p.localFn ? this.returned.get(p.localFn) : undefined;
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
    for (const p of this.pending) if (!(p.localFn && this.returned.has(p.localFn))) emitMount(this.out, this.source.path, p);
    for (const reg of this.registrations) emitRoutes(this.out, this.source.path, reg);
  }
}

export function goRoutes(source: SourceFile, tree: Tree): FileRoutes {
  return new GoFile(source, tree).run();
}
