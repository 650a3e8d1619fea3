/**
 * Routes of Java service code: Spring MVC/WebFlux annotations (`@RequestMapping` on the class as a prefix,
 * `@GetMapping`..., `@RequestMapping(method=..., path=...)`, arrays of paths) and JAX-RS (`@Path` on class and
 * method, `@GET`...; `@ApplicationPath` a prefix in the same file, else a mount of the key `java:jaxrs`). Method
 * security annotations are auth evidence; Spring Security matchers are read by routes/javaSecurity.ts.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { SourceFile } from '../../documents/source';
import { span, stringValue } from '../common';
import { securityMatchersOf } from './javaSecurity';
import { joinPath } from './template';
import type { AuthEvidence, FileRoutes, HttpMethod } from './types';

const SPRING_VERBS: Record<string, HttpMethod> = { GetMapping: 'GET', PostMapping: 'POST', PutMapping: 'PUT', DeleteMapping: 'DELETE', PatchMapping: 'PATCH' };
const JAXRS_VERBS = new Set<string>(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
/** Types whose mapping annotations describe calls to another service, not routes served. */
const CLIENTS = /^(FeignClient|RegisterRestClient|HttpExchange|RestClient)$/;
const SECURED = /^(PreAuthorize|Secured|RolesAllowed|Authenticated|PostAuthorize)$/;
const OPEN = /^(PermitAll|AnonymousAllowed)$/;
/** Security expressions that let everyone in. */
const PUBLIC = /permitAll|IS_AUTHENTICATED_ANONYMOUSLY|isAnonymous/;
/** The key of JAX-RS resources, mounted by the application's `@ApplicationPath`. */
export const JAXRS_KEY = 'java:jaxrs';

const short = (n: Node) => (n.text.length > 60 ? n.text.slice(0, 57) + '...' : n.text).replace(/\s+/g, ' ');
const nameOf = (a: Node) => a.childForFieldName('name')?.text.split('.').pop() ?? '';

function annotations(decl: Node): Node[] {
  const mods = decl.namedChildren.find((c) => c?.type === 'modifiers');
  return (mods?.namedChildren ?? []).filter((a): a is Node => !!a && (a.type === 'annotation' || a.type === 'marker_annotation'));
}

/** An annotation's element by key; the unnamed single value counts as `value`. */
function element(a: Node, ...keys: string[]): Node | undefined {
  const list = a.childForFieldName('arguments');
  for (const c of list?.namedChildren ?? []) {
    if (!c || c.type === 'comment') continue;
    if (c.type === 'element_value_pair') {
      if (keys.includes(c.childForFieldName('key')?.text ?? '')) return c.childForFieldName('value') ?? undefined;
    } else if (keys.includes('value')) return c;
  }
  return undefined;
}

class JavaFile {
  readonly out: FileRoutes & { apps?: string[] } = { routes: [], mounts: [], skipped: [] };
  private readonly consts = new Map<string, string>();
  private appPath?: string;

  constructor(readonly source: SourceFile, readonly root: Node) {}

  run(): FileRoutes {
    const text = this.source.text;
    const matchers = /Matchers\s*\(|anyRequest\s*\(|anyExchange\s*\(/.test(text) ? securityMatchersOf(this.root, this.source.path) : [];
    if (matchers.length) this.out.securityMatchers = matchers;
    if (!/@(\w+Mapping|Path|GET|POST|PUT|DELETE|PATCH|ApplicationPath)\b/.test(text)) return this.out;
    for (const f of this.root.descendantsOfType('field_declaration')) this.constant(f!);
    const types = this.root.descendantsOfType(['class_declaration', 'interface_declaration']).filter((n): n is Node => !!n);
    for (const t of types) {
      const app = annotations(t).find((a) => nameOf(a) === 'ApplicationPath');
      const v = app && this.paths(app, 'value');
      if (app && v && !('reason' in v)) this.appPath = v[0];
    }
    const jaxrs = types.some((t) => annotations(t).some((a) => nameOf(a) === 'Path') || t.descendantsOfType('marker_annotation').some((a) => JAXRS_VERBS.has(nameOf(a!))));
    if (this.appPath !== undefined && !jaxrs) {
      const app = types.flatMap(annotations).find((a) => nameOf(a) === 'ApplicationPath')!;
      this.out.mounts.push({ prefix: joinPath('/', this.appPath), target: JAXRS_KEY, auth: [], file: this.source.path, at: span(app) });
    }
    for (const t of types) this.type(t);
    if (this.out.routes.some((r) => r.router === JAXRS_KEY)) this.out.apps = [JAXRS_KEY];
    return this.out;
  }

  /** `static final String BASE = "/api"` (by name; `Api.BASE` resolves by its last part). */
  private constant(f: Node): void {
    if (!/\bstatic\b/.test(f.text) || !/\bfinal\b/.test(f.text)) return;
    for (const d of f.childrenForFieldName('declarator')) {
      const v = d ? this.value(d.childForFieldName('value')) : undefined;
      if (d && v !== undefined) this.consts.set(d.childForFieldName('name')!.text, v);
    }
  }

  private value(n: Node | null | undefined): string | undefined {
    if (!n) return undefined;
    if (n.type === 'string_literal') return stringValue(n);
    if (n.type === 'identifier') return this.consts.get(n.text);
    if (n.type === 'field_access') return this.consts.get(n.childForFieldName('field')?.text ?? '');
    if (n.type === 'parenthesized_expression') return this.value(n.namedChildren[0]);
    if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
      const l = this.value(n.childForFieldName('left'));
      const r = l === undefined ? undefined : this.value(n.childForFieldName('right'));
      return r === undefined ? undefined : l! + r;
    }
    return undefined;
  }

  /** The paths of a mapping annotation (`[""]` when it names none), or why they are unknown. */
  private paths(a: Node, ...keys: string[]): string[] | { reason: string; at: Node } {
    const v = element(a, ...keys);
    if (!v) return [''];
    const items = v.type === 'element_value_array_initializer' ? v.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [v];
    const out: string[] = [];
    for (const i of items) {
      const s = this.value(i);
      if (s === undefined) return { reason: `path built at run time: \`${short(i)}\``, at: i };
      out.push(s);
    }
    return out.length ? out : [''];
  }

  private auth(anns: Node[]): AuthEvidence[] {
    return anns
      .filter((a) => SECURED.test(nameOf(a)) && !PUBLIC.test(element(a, 'value')?.text ?? ''))
      .map((a) => ({ kind: 'decorator' as const, name: `@${nameOf(a)}${a.childForFieldName('arguments')?.text ?? ''}`.slice(0, 80), path: this.source.path, at: span(a) }));
  }

  private type(t: Node): void {
    const anns = annotations(t);
    if (anns.some((a) => CLIENTS.test(nameOf(a)))) return;
    const mapping = anns.find((a) => nameOf(a) === 'RequestMapping');
    const path = anns.find((a) => nameOf(a) === 'Path');
    const prefixes = mapping ? this.paths(mapping, 'value', 'path') : path ? this.paths(path, 'value') : [''];
    const classAuth = this.auth(anns);
    const body = t.childForFieldName('body');
    for (const m of body?.namedChildren ?? []) {
      if (m?.type !== 'method_declaration') continue;
      const mAnns = annotations(m);
      const open = mAnns.some((a) => OPEN.test(nameOf(a)) || (SECURED.test(nameOf(a)) && PUBLIC.test(element(a, 'value')?.text ?? '')));
      const auth = [...(open || this.auth(mAnns).length ? [] : classAuth), ...this.auth(mAnns)];
      this.springMethod(m, mAnns, prefixes, auth);
      this.jaxrsMethod(m, mAnns, path ? prefixes : [''], auth);
    }
  }

  private springMethod(m: Node, anns: Node[], prefixes: string[] | { reason: string; at: Node }, auth: AuthEvidence[]): void {
    for (const a of anns) {
      const name = nameOf(a);
      let methods: HttpMethod[];
      if (SPRING_VERBS[name]) methods = [SPRING_VERBS[name]];
      else if (name === 'RequestMapping') {
        const m = element(a, 'method');
        methods = m ? [...m.text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)].map((x) => x[1] as HttpMethod) : ['ANY'];
      } else continue;
      this.emit(m, a, 'spring', methods, prefixes, this.paths(a, 'value', 'path'), auth);
    }
  }

  private jaxrsMethod(m: Node, anns: Node[], prefixes: string[] | { reason: string; at: Node }, auth: AuthEvidence[]): void {
    const verbs = anns.filter((a) => JAXRS_VERBS.has(nameOf(a)));
    const path = anns.find((a) => nameOf(a) === 'Path');
    if (!verbs.length) {
      if (path && prefixes !== undefined) this.out.skipped.push({ file: this.source.path, at: span(path), reason: `JAX-RS sub-resource locator \`${m.childForFieldName('name')?.text}\`: its routes are chosen at run time` });
      return;
    }
    const own = path ? this.paths(path, 'value') : [''];
    this.emit(m, path ?? verbs[0], 'jax-rs', verbs.map((v) => nameOf(v) as HttpMethod), prefixes, own, auth);
  }

  private emit(m: Node, at: Node, framework: string, methods: HttpMethod[], prefixes: string[] | { reason: string; at: Node }, paths: string[] | { reason: string; at: Node }, auth: AuthEvidence[]): void {
    const unknown = 'reason' in prefixes ? prefixes : 'reason' in paths ? paths : undefined;
    if (unknown) return void this.out.skipped.push({ file: this.source.path, at: span(unknown.at), reason: unknown.reason });
    const jaxrs = framework === 'jax-rs';
    const base = jaxrs && this.appPath !== undefined ? this.appPath : '';
    const handler = m.childForFieldName('name');
    for (const prefix of prefixes as string[]) {
      for (const p of paths as string[]) {
        const path = [base, prefix, p].reduce((acc, s) => (s ? joinPath(acc || '/', s) : acc), '') || '/';
        for (const method of methods) {
          this.out.routes.push({ method, path, framework, file: this.source.path, at: span(at), ...(handler ? { handler: span(handler) } : {}), auth, ...(jaxrs && this.appPath === undefined ? { router: JAXRS_KEY } : {}) });
        }
      }
    }
  }
}

export function javaRoutes(source: SourceFile, tree: Tree): FileRoutes {
  return new JavaFile(source, tree.rootNode).run();
}
