import type { Node, Tree } from 'web-tree-sitter';
import type { SourceFile } from '../../documents/source';
import { stringValue } from '../common';
import { evidence, isAuthName, pyImport, routerKey } from './keys';
import { joinPath } from './template';
import type { AuthEvidence, FileRoutes, HttpMethod } from './types';
import { djangoPatterns } from './django';
import { hits } from './query';

const VERBS: Record<string, HttpMethod> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS' };
const ROUTER_NAME = /^(app|api|router|bp|blueprint|application|server|\w+_(router|bp|blueprint|app|api))$/i;
const DYNAMIC = 'the path is built at run time';

interface PyRouter {
  key: string;
  prefix: string;
  framework: string;
  app: boolean;
  auth: AuthEvidence[];
}

const named = (n: Node | null | undefined) => (n?.namedChildren ?? []).filter((c): c is Node => !!c && c.type !== 'comment');
const keyword = (args: Node | null, name: string) => named(args).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value') ?? undefined;

/** Flask, FastAPI and Django (urls.py) routes of one Python file. */
class PyRoutes {
  readonly out: FileRoutes = { routes: [], mounts: [], skipped: [], apps: [] };
  private readonly imports = new Map<string, { module: string; name: string; pkg: string }>();
  private readonly values = new Map<string, Node>();
  private readonly routers = new Map<string, PyRouter>();
  private readonly framework?: string;

  constructor(private readonly file: string, private readonly root: Node) {
    for (const n of root.descendantsOfType(['import_from_statement', 'import_statement', 'assignment'])) {
      if (n?.type === 'import_from_statement') this.fromImport(n);
      else if (n?.type === 'import_statement') for (const c of named(n)) this.plainImport(c);
      else if (n?.childForFieldName('left')?.type === 'identifier' && n.childForFieldName('right') && !this.values.has(n.childForFieldName('left')!.text)) this.values.set(n.childForFieldName('left')!.text, n.childForFieldName('right')!);
    }
    const pkgs = [...this.imports.values()].map((i) => i.pkg);
    this.framework = pkgs.find((p) => p === 'fastapi' || p === 'flask' || p === 'django' || p === 'starlette');
    for (const [name, value] of this.values) {
      const r = this.constructed(name, value);
      if (r) this.routers.set(name, r);
    }
  }

  /**
   * A package's `__init__.py` that re-exports a router (`from .feeds import router as feeds_router`): a mount
   * without a prefix from the name the package exports to the module's router, so an include of the package's
   * name reaches the routes.
   */
  reExports(): void {
    for (const n of this.root.descendantsOfType('import_from_statement')) {
      if (!n || n.parent?.type !== 'module') continue;
      for (const c of n.childrenForFieldName('name')) {
        const alias = c?.type === 'aliased_import' ? c.childForFieldName('alias')!.text : c?.text;
        const i = alias ? this.imports.get(alias) : undefined;
        if (!c || !alias || !i || !ROUTER_NAME.test(alias) || !ROUTER_NAME.test(i.name) || i.pkg === 'fastapi' || i.pkg === 'flask') continue;
        this.out.mounts.push({ prefix: '/', target: `${i.module}#${i.name}`, parent: routerKey(this.file, alias), auth: [], file: this.file, at: { start: c.startIndex, end: c.endIndex } });
      }
    }
  }

  private fromImport(n: Node): void {
    const spec = n.childForFieldName('module_name')?.text ?? '';
    const module = pyImport(this.file, spec);
    const pkg = spec.split('.')[0];
    for (const c of n.childrenForFieldName('name')) {
      if (!c) continue;
      const name = c.type === 'aliased_import' ? c.childForFieldName('name')!.text : c.text;
      const alias = c.type === 'aliased_import' ? c.childForFieldName('alias')!.text : name;
      this.imports.set(alias, { module, name, pkg });
    }
  }

  private plainImport(c: Node): void {
    const name = c.type === 'aliased_import' ? c.childForFieldName('name')!.text : c.text;
    const alias = c.type === 'aliased_import' ? c.childForFieldName('alias')!.text : name.split('.')[0];
    this.imports.set(alias, { module: pyImport(this.file, name), name: '*', pkg: name.split('.')[0] });
  }

  /** `Flask(__name__)`, `FastAPI()`, `APIRouter(prefix=...)`, `Blueprint('x', __name__, url_prefix=...)`. */
  private constructed(name: string, value: Node): PyRouter | undefined {
    if (value.type !== 'call') return undefined;
    const callee = value.childForFieldName('function')?.text.split('.').pop() ?? '';
    const args = value.childForFieldName('arguments');
    const key = routerKey(this.file, name);
    const auth = this.dependencies(keyword(args, 'dependencies'));
    if (callee === 'Flask' || callee === 'FastAPI' || callee === 'Starlette' || callee === 'Quart') return { key, prefix: '', framework: callee === 'Flask' || callee === 'Quart' ? 'flask' : 'fastapi', app: true, auth };
    if (callee === 'APIRouter') return { key, prefix: stringValue(keyword(args, 'prefix')) ?? '', framework: 'fastapi', app: false, auth };
    if (callee === 'Blueprint') return { key, prefix: stringValue(keyword(args, 'url_prefix')) ?? '', framework: 'flask', app: false, auth };
    return undefined;
  }

  private routerOf(n: Node | null): PyRouter | undefined {
    if (n?.type !== 'identifier') return undefined;
    const local = this.routers.get(n.text);
    if (local) return local;
    const imported = this.imports.get(n.text);
    if (imported && imported.name !== '*' && this.framework && ROUTER_NAME.test(n.text)) return { key: `${imported.module}#${imported.name}`, prefix: '', framework: this.framework, app: false, auth: [] };
    return undefined;
  }

  /** What a mount names: a router here, an imported one, or `module.router` of an imported module. */
  private target(n: Node | undefined): string | undefined {
    if (!n) return undefined;
    if (n.type === 'identifier') {
      if (this.routers.has(n.text)) return this.routers.get(n.text)!.key;
      const i = this.imports.get(n.text);
      return i && i.name !== '*' ? `${i.module}#${i.name}` : undefined;
    }
    if (n.type === 'attribute') {
      const obj = n.childForFieldName('object');
      const i = obj?.type === 'identifier' ? this.imports.get(obj.text) : undefined;
      if (!i) return undefined;
      const module = i.name === '*' ? i.module : `${i.module}/${i.name}`;
      return `${module}#${n.childForFieldName('attribute')!.text}`;
    }
    return undefined;
  }

  /** A string spelled out through module constants and `+`. */
  private text(n: Node | null | undefined, depth = 0): string | undefined {
    if (!n || depth > 5) return undefined;
    if (n.type === 'string') return stringValue(n);
    if (n.type === 'identifier' && this.values.has(n.text)) return this.text(this.values.get(n.text), depth + 1);
    if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
      const l = this.text(n.childForFieldName('left'), depth + 1);
      const r = this.text(n.childForFieldName('right'), depth + 1);
      return l !== undefined && r !== undefined ? l + r : undefined;
    }
    if (n.type === 'concatenated_string') {
      const parts = named(n).map((p) => this.text(p, depth + 1));
      return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
    }
    return undefined;
  }

  /** `[Depends(get_current_user)]`: the auth-like dependencies of a list. */
  private dependencies(list: Node | undefined): AuthEvidence[] {
    return named(list).filter((d) => /^(Depends|Security)\(/.test(d.text) && (d.text.startsWith('Security') || isAuthName(d.text))).map((d) => evidence('dependency', d, this.file));
  }

  skip(n: Node, reason: string, mountTarget?: string): void {
    this.out.skipped.push({ file: this.file, at: { start: n.startIndex, end: n.endIndex }, reason, ...(mountTarget ? { mountTarget } : {}) });
  }

  private add(router: PyRouter, methods: HttpMethod[], path: string, at: Node, handler: Node | undefined, auth: AuthEvidence[]): void {
    for (const method of methods)
      this.out.routes.push({
        method, path: router.prefix ? (path === '' ? router.prefix : joinPath(router.prefix, path)) : path, framework: router.framework, file: this.file,
        at: { start: at.startIndex, end: at.endIndex }, ...(handler ? { handler: { start: handler.startIndex, end: handler.endIndex } } : {}),
        auth: [...router.auth, ...auth], router: router.key, ...(router.prefix && router.framework === 'flask' ? { routerPrefix: router.prefix } : {}),
      });
    if (router.app && !this.out.apps!.includes(router.key)) this.out.apps!.push(router.key);
  }

  private methods(list: Node | undefined, fallback: HttpMethod): HttpMethod[] | undefined {
    if (!list) return [fallback];
    const all = named(list).map((m) => VERBS[(this.text(m) ?? '').toLowerCase()]);
    return list.type === 'list' || list.type === 'tuple' || list.type === 'set' ? (all.every(Boolean) && all.length ? all : undefined) : undefined;
  }

  /** `@app.route('/x', methods=[...])`, `@router.get('/x', dependencies=[...])` and the decorators beside it. */
  decorated(def: Node): void {
    const decorators = named(def).filter((d) => d.type === 'decorator');
    const fn = def.childForFieldName('definition');
    for (const d of decorators) {
      const call = d.namedChild(0);
      const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
      if (callee?.type !== 'attribute') continue;
      const verb = callee.childForFieldName('attribute')!.text;
      const router = this.routerOf(callee.childForFieldName('object'));
      if (!router) continue;
      if (verb === 'before_request' || verb === 'before_app_request') continue;
      if (!VERBS[verb] && verb !== 'route' && verb !== 'api_route') continue;
      const args = call!.childForFieldName('arguments');
      const pathNode = named(args)[0];
      if (!pathNode || pathNode.type === 'keyword_argument') continue;
      // FastAPI's `include_in_schema=False`: a route its author keeps out of the API contract on purpose.
      if (keyword(args, 'include_in_schema')?.text === 'False') continue;
      const path = this.text(pathNode);
      if (path === undefined) {
        this.skip(pathNode, DYNAMIC);
        continue;
      }
      const methods = VERBS[verb] ? [VERBS[verb]] : this.methods(keyword(args, 'methods'), 'GET');
      if (!methods) {
        this.skip(keyword(args, 'methods')!, 'the HTTP methods are chosen at run time');
        continue;
      }
      const others = decorators.filter((o) => o !== d && isAuthName(o.text.replace(/^@/, '').split('(')[0])).map((o) => evidence('decorator', o, this.file));
      this.add(router, methods, path, pathNode, fn?.childForFieldName('name') ?? undefined, [...others, ...this.dependencies(keyword(args, 'dependencies')), ...this.parameterAuth(fn)]);
    }
  }

  /** Flask `@bp.before_request` hooks that authenticate: they cover every route of the blueprint or app. */
  hook(def: Node): void {
    const fn = def.childForFieldName('definition');
    const hook = named(def).find((d) => d.type === 'decorator' && /^@\s*\w+\.before(_app)?_request$/.test(d.text));
    if (!hook || !fn || !(isAuthName(fn.childForFieldName('name')?.text ?? '') || /verify_jwt_in_request|is_authenticated/.test(fn.text))) return;
    const router = this.routerOf(hook.namedChild(0)?.childForFieldName('object') ?? null);
    if (router) router.auth.push(evidence('middleware', hook, this.file, fn.childForFieldName('name')?.text));
  }

  /** FastAPI parameters: `user = Depends(get_current_user)`, `Annotated[User, Security(scheme)]`. */
  private parameterAuth(fn: Node | null | undefined): AuthEvidence[] {
    const out: AuthEvidence[] = [];
    for (const p of named(fn?.childForFieldName('parameters'))) {
      // `user: CurrentUser`, where `CurrentUser = Annotated[User, Depends(get_current_user)]` here or imported.
      const type = p.childForFieldName('type');
      if (type?.text && /^\w+$/.test(type.text)) {
        const alias = this.values.get(type.text);
        if (alias ? /\b(Depends|Security)\(/.test(alias.text) && isAuthName(alias.text) : this.imports.has(type.text) && isAuthName(type.text)) out.push(evidence('dependency', type, this.file));
      }
      for (const c of p.descendantsOfType('call')) {
        const callee = c?.childForFieldName('function')?.text ?? '';
        if ((callee === 'Depends' || callee === 'Security') && (callee === 'Security' || isAuthName(c!.text))) out.push(evidence('dependency', c!, this.file));
      }
    }
    return out;
  }

  /** `include_router`, `register_blueprint`, `add_url_rule` calls. */
  call(c: Node): void {
    const callee = c.childForFieldName('function');
    if (callee?.type !== 'attribute') return;
    const what = callee.childForFieldName('attribute')!.text;
    if (what !== 'include_router' && what !== 'register_blueprint' && what !== 'add_url_rule' && what !== 'add_api_route') return;
    const parent = this.routerOf(callee.childForFieldName('object'));
    if (!parent) return;
    const args = c.childForFieldName('arguments');
    const first = named(args)[0];
    if (!first || first.type === 'keyword_argument') return;
    if (what === 'add_url_rule' || what === 'add_api_route') {
      const path = this.text(first);
      if (path === undefined) return this.skip(first, DYNAMIC);
      const methods = this.methods(keyword(args, 'methods'), what === 'add_api_route' ? 'GET' : 'GET');
      if (!methods) return this.skip(c, 'the HTTP methods are chosen at run time');
      return this.add(parent, methods, path, first, undefined, this.dependencies(keyword(args, 'dependencies')));
    }
    const target = this.target(first);
    if (!target) return;
    const prefixNode = keyword(args, what === 'include_router' ? 'prefix' : 'url_prefix');
    const prefix = prefixNode ? this.text(prefixNode) : '/';
    if (prefix === undefined) return this.skip(prefixNode!, 'the mount prefix is built at run time', target);
    const replaces = what === 'register_blueprint' && prefixNode ? { replacesRouterPrefix: true } : {};
    // FastAPI adds a router's own prefix to every route included into it, as to its own routes.
    const own = what === 'include_router' && !parent.app && parent.prefix ? parent.prefix : '';
    this.out.mounts.push({ prefix: own ? (prefix && prefix !== '/' ? joinPath(own, prefix) : own) : prefix || '/', target, parent: parent.key, auth: [...parent.auth, ...this.dependencies(keyword(args, 'dependencies'))], file: this.file, at: { start: (prefixNode ?? first).startIndex, end: (prefixNode ?? first).endIndex }, ...replaces });
    if (parent.app && !this.out.apps!.includes(parent.key)) this.out.apps!.push(parent.key);
  }
}

/** Calls that mount routers or add routes (only looked for when the text names one). */
const MOUNTS = /\b(include_router|register_blueprint|add_url_rule|add_api_route)\b/;
const CALLS = `
(call function: (attribute attribute: (identifier) @a (#match? @a "^(include_router|register_blueprint|add_url_rule|add_api_route)$"))) @hit`;

/**
 * A cheap test: files with no route decorator (`@name.get(`, `@bp.route(`), router call or URLconf are not walked
 * (a call such as `requests.get(` or `d.get(` is no route).
 */
const MAYBE = /@\s*\w+\s*\.\s*(route|api_route|get|post|put|patch|delete|head|options)\s*\(|\b(include_router|register_blueprint|add_url_rule|add_api_route)\b|urlpatterns/;

/** A package's `__init__.py` importing a router-like name from a module of its own. */
const RE_EXPORT = /^from\s+\S+\s+import\s[^\n]*\b(router|bp|blueprint|\w+_(router|bp|blueprint))\b/m;

export function extractPythonRoutes(source: SourceFile, tree: Tree): FileRoutes {
  const pkg = /(^|[\\/])__init__\.py$/.test(source.path) && RE_EXPORT.test(source.text);
  if (!pkg && !MAYBE.test(source.text)) return { routes: [], mounts: [], skipped: [], apps: [] };
  const py = new PyRoutes(source.path, tree.rootNode);
  if (pkg) py.reExports();
  const decorated = /@/.test(source.text) ? tree.rootNode.descendantsOfType('decorated_definition').filter((n): n is Node => !!n) : [];
  const nodes = MOUNTS.test(source.text) ? [...decorated, ...hits(tree, CALLS)] : decorated;
  for (const n of nodes) if (n?.type === 'decorated_definition') py.hook(n);
  for (const n of nodes) {
    if (n?.type === 'decorated_definition') py.decorated(n);
    else if (n) py.call(n);
  }
  if (/urlpatterns/.test(source.text) && /django/.test(source.text)) djangoPatterns(source.path, tree.rootNode, py.out);
  return py.out;
}
