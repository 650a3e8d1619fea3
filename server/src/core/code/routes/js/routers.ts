import type { Node } from 'web-tree-sitter';
import { stringValue } from '../../common';
import { jsImport, routerKey } from '../keys';
import type { Bindings } from './bindings';

/** A router or app object of Express, Koa, Hono or Fastify, as the routes declared on it need it. */
export interface JsRouter {
  key: string;
  /** The prefix the router itself declares (`new Router({ prefix })`, `new Hono().basePath('/api')`). */
  prefix: string;
  framework: string;
  /** An application of its own (served from the root when nothing mounts it). */
  app: boolean;
}

const FRAMEWORK_PACKAGES: Record<string, string> = { express: 'express', fastify: 'fastify', koa: 'koa', '@koa/router': 'koa', 'koa-router': 'koa', hono: 'hono', '@hono/zod-openapi': 'hono', restify: 'restify', polka: 'express' };
/** Names router objects go by when passed around as parameters or imported. */
const ROUTER_NAME = /^(app|router|api|server|fastify|instance|routes|r|\w*(App|Router|Server|Instance|Api))$/;
const ROUTER_TYPE = /FastifyInstance|Router|Express|Application|Hono|Koa/;
/** Registrations that return the router they are called on. */
const CHAINED = /^(use|get|post|put|patch|delete|all|on|route)$/;
const FUNCTIONS = ['arrow_function', 'function_expression', 'function', 'function_declaration', 'method_definition', 'generator_function_declaration'];

export const isFunction = (n: Node | null | undefined) => !!n && FUNCTIONS.includes(n.type);

/** Calls that take a function as a plugin or route set rather than wrapping it (`register(fn)`, `use(fn)`). */
const REGISTRATION = /\.(register|use|route|get|post|put|patch|delete|all|on)$/;

export class RouterResolver {
  /** The server framework the file imports, if any. */
  readonly framework?: string;

  constructor(private readonly b: Bindings) {
    for (const p of b.packages) if (FRAMEWORK_PACKAGES[p]) this.framework ??= FRAMEWORK_PACKAGES[p];
  }

  /** The router an expression stands for, or undefined when it is not (knowably) one. */
  of(node: Node | null | undefined): JsRouter | undefined {
    if (!node) return undefined;
    if (node.type === 'parenthesized_expression' || node.type === 'await_expression') return this.of(node.namedChild(0));
    if (node.type === 'call_expression') {
      const inline = this.made(node);
      if (inline) return { key: this.chainKey(node), ...inline };
      // Chained registrations return the router (`router.get(...).post(...)`, `app.use(x).get(...)`).
      const fn = node.childForFieldName('function');
      if (fn?.type === 'member_expression' && /^(get|post|put|patch|delete|all|use|on|basePath)$/.test(fn.childForFieldName('property')?.text ?? '')) return this.of(fn.childForFieldName('object'));
      return undefined;
    }
    const name = node.type === 'identifier' || /^this\.\w+$/.test(node.text) ? node.text : undefined;
    if (!name) return undefined;
    const value = this.b.values.get(name);
    if (value) return value.type === 'function_declaration' ? undefined : this.constructed(value, name);
    const imported = this.b.importKey(name);
    if (imported) return ROUTER_NAME.test(name) && this.framework ? { key: imported, prefix: '', framework: this.framework, app: false } : undefined;
    return this.parameter(node, name);
  }

  /** A router made by a framework call (`express()`, `Router()`, `new Hono()`, `fastify()`). */
  private constructed(value: Node, name: string): JsRouter | undefined {
    const made = this.made(value);
    if (!made) return undefined;
    const fn = enclosingFunction(value);
    const key = fn ? this.functionKey(fn) : this.b.keyOf(name);
    return { key, ...made };
  }

  private made(value: Node): Omit<JsRouter, 'key'> | undefined {
    if (value.type === 'await_expression' || value.type === 'parenthesized_expression') return value.namedChild(0) ? this.made(value.namedChild(0)!) : undefined;
    const isNew = value.type === 'new_expression';
    const callee = value.childForFieldName(isNew ? 'constructor' : 'function');
    const args = value.childForFieldName('arguments');
    if (!callee || (!isNew && value.type !== 'call_expression')) return undefined;
    const text = callee.text.replace(/\s+/g, '');
    const pkg = this.b.packageOf(text.split('.')[0]) ?? /^require\(['"]([^'"]+)['"]\)/.exec(text)?.[1];
    if (!isNew && callee.type === 'member_expression' && CHAINED.test(callee.childForFieldName('property')?.text ?? '')) return this.made(callee.childForFieldName('object')!);
    if (!isNew && callee.type === 'member_expression' && callee.childForFieldName('property')?.text === 'basePath') {
      const inner = this.made(callee.childForFieldName('object')!);
      const base = stringValue(args?.namedChild(0));
      return inner && base !== undefined ? { ...inner, prefix: inner.prefix + base } : undefined;
    }
    if (pkg === 'express') return /(^|\.)Router$/.test(text) ? { prefix: '', framework: 'express', app: false } : /^(express|require\(['"]express['"]\))$/.test(text) || this.b.imports.get(text)?.name === 'default' ? { prefix: '', framework: 'express', app: true } : undefined;
    if (pkg === 'fastify') return { prefix: '', framework: 'fastify', app: true };
    if (pkg === 'hono' || pkg?.startsWith('@hono/')) return isNew ? { prefix: '', framework: 'hono', app: true } : undefined;
    if (pkg === '@koa/router' || pkg === 'koa-router') return { prefix: optionString(args, 'prefix') ?? '', framework: 'koa', app: false };
    if (pkg === 'koa' && isNew) return { prefix: '', framework: 'koa', app: true };
    if (pkg === 'restify' && /createServer$/.test(text)) return { prefix: '', framework: 'restify', app: true };
    return undefined;
  }

  /** The key of a router made inline (`export default Router().use('/api', api)`): where the whole chain goes. */
  private chainKey(node: Node): string {
    let top = node;
    while (top.parent && (top.parent.type === 'member_expression' || (top.parent.type === 'call_expression' && top.parent.childForFieldName('function')?.type === 'member_expression'))) top = top.parent;
    const p = top.parent;
    if (p?.type === 'variable_declarator') return this.b.keyOf(p.childForFieldName('name')!.text);
    if (p?.type === 'export_statement' || (p?.type === 'assignment_expression' && p.childForFieldName('left')?.text === 'module.exports')) return routerKey(this.b.file, 'default');
    return routerKey(this.b.file, `@${top.startIndex}`);
  }

  /** A function parameter named like a router (`function routes(app)`, `async (fastify, opts) => {}`). */
  private parameter(node: Node, name: string): JsRouter | undefined {
    for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
      const param = fn.childForFieldName('parameters')?.namedChildren.find((p) => p && (p.childForFieldName('pattern') ?? p).text === name);
      const single = fn.childForFieldName('parameter');
      if (!param && single?.text !== name) continue;
      const typed = ROUTER_TYPE.test(param?.childForFieldName('type')?.text ?? '');
      // Without a framework import, only the names route modules give the app they are passed (`module.exports = (app) => ...`).
      const framework = name === 'fastify' || /Fastify/.test(param?.text ?? '') ? 'fastify' : this.framework ?? (/^(app|router|server)$/.test(name) ? 'express' : undefined);
      if (!framework || !(ROUTER_NAME.test(name) || typed)) return undefined;
      return { key: this.functionKey(fn), prefix: '', framework, app: false };
    }
    return undefined;
  }

  /** The key of a function that declares routes: its export or name, else its position (an inline plugin). */
  functionKey(fn: Node): string {
    let n = fn;
    while (n.parent?.type === 'arguments' && !REGISTRATION.test(n.parent.parent?.childForFieldName('function')?.text ?? '')) n = n.parent.parent!;
    if (this.b.defaultFunctions.has(n.startIndex)) return routerKey(this.b.file, 'default');
    const name = fn.childForFieldName('name')?.text ?? (n.parent?.type === 'variable_declarator' ? n.parent.childForFieldName('name')?.text : undefined);
    if (name && fn.type !== 'method_definition') return this.b.keyOf(name);
    const cls = fn.type === 'method_definition' ? fn.parent?.parent?.childForFieldName('name')?.text : undefined;
    return routerKey(this.b.file, cls && name ? `${cls}.${name}` : `@${fn.startIndex}`);
  }

  /** What a mount names: a router, an imported module's export, a local router factory. */
  target(arg: Node): string | undefined {
    if (isFunction(arg)) return this.functionKey(arg);
    if (arg.type === 'identifier') return this.of(arg)?.key ?? this.b.importKey(arg.text) ?? (this.b.values.get(arg.text)?.type === 'function_declaration' || isFunction(this.b.values.get(arg.text)) ? this.b.keyOf(arg.text) : undefined);
    if (arg.type === 'member_expression') {
      const obj = arg.childForFieldName('object');
      const prop = arg.childForFieldName('property')?.text ?? '';
      const imported = obj?.type === 'identifier' ? this.b.imports.get(obj.text) : undefined;
      if (imported?.module) return `${imported.module}#${prop}`;
      return undefined;
    }
    if (arg.type !== 'call_expression') return undefined;
    const fn = arg.childForFieldName('function');
    if (fn?.text === 'require') {
      const spec = stringValue(arg.childForFieldName('arguments')?.namedChild(0));
      const module = spec === undefined ? undefined : jsImport(this.b.file, spec);
      return module && `${module}#default`;
    }
    // koa: `router.routes()`; a factory: `usersRouter(db)`, `require('./users')(db)`.
    if (fn?.type === 'member_expression' && /^(routes|middleware)$/.test(fn.childForFieldName('property')?.text ?? '')) return this.target(fn.childForFieldName('object')!);
    if (fn?.type === 'identifier' || fn?.type === 'call_expression') return this.target(fn);
    return undefined;
  }
}

/** A `{ prefix: '/x' }` option of a constructor call. */
function optionString(args: Node | null, name: string): string | undefined {
  const obj = args?.namedChildren.find((a) => a?.type === 'object');
  const pair = obj?.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === name);
  return stringValue(pair?.childForFieldName('value'));
}

export function enclosingFunction(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (isFunction(p)) return p;
  return undefined;
}
