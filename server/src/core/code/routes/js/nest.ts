import type { Node, Tree } from 'web-tree-sitter';
import { stringValue } from '../../common';
import { evidence, isAuthName, routerKey } from '../keys';
import { joinPath } from '../template';
import type { AuthEvidence, FileRoutes, HttpMethod, ServiceWide } from '../types';

const VERBS: Record<string, HttpMethod> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS', All: 'ANY' };
const NOT_AUTH_DECORATOR = /^(Controller|Get|Post|Put|Patch|Delete|Head|Options|All|Param|Body|Query|Headers|Req|Res|HttpCode|Header|Redirect|Render|Version|Api\w*)$/;

interface Decorator {
  name: string;
  args: Node[];
  node: Node;
}

function decorator(n: Node): Decorator | undefined {
  const inner = n.namedChild(0);
  if (!inner) return undefined;
  const call = inner.type === 'call_expression' ? inner : undefined;
  const name = (call ? call.childForFieldName('function') : inner)?.text ?? '';
  const args = (call?.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
  return { name, args, node: n };
}

/** Paths a Nest decorator argument names: none (''), a string, an array of strings, `{ path: ... }`; undefined when dynamic. */
function pathsOf(args: Node[]): string[] | undefined {
  const a = args[0];
  if (!a) return [''];
  if (a.type === 'string') return [stringValue(a)!];
  if (a.type === 'array') {
    const all = a.namedChildren.map((c) => stringValue(c));
    return all.every((s) => s !== undefined) ? (all as string[]) : undefined;
  }
  if (a.type === 'object') {
    const pair = a.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text === 'path');
    return pair ? pathsOf([pair.childForFieldName('value')!]) : [''];
  }
  return undefined;
}

/** The versions `@Version('1')`, `@Version(['1', '2'])` or `{ version: ... }` name: `null` for VERSION_NEUTRAL. */
function versionsOf(n: Node | undefined): (string | null)[] | undefined {
  if (!n) return undefined;
  if (n.type === 'array') {
    const all = n.namedChildren.filter((c): c is Node => !!c).flatMap((c) => versionsOf(c) ?? []);
    return all.length ? all : undefined;
  }
  if (/VERSION_NEUTRAL$/.test(n.text)) return [null];
  const v = stringValue(n);
  return v === undefined ? undefined : [v];
}

/** The `version` option of `@Controller({ path, version })`. */
function controllerVersions(args: Node[]): (string | null)[] | undefined {
  const a = args[0];
  if (a?.type !== 'object') return undefined;
  const pair = a.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text === 'version');
  return pair ? versionsOf(pair.childForFieldName('value') ?? undefined) : undefined;
}

/** Guards and auth decorators among a class's or method's decorators. */
function authOf(decorators: Decorator[], file: string): AuthEvidence[] {
  const out: AuthEvidence[] = [];
  for (const d of decorators) {
    if (d.name === 'UseGuards') for (const a of d.args) isAuthName(a.text) && out.push(evidence('guard', a, file));
    else if (!NOT_AUTH_DECORATOR.test(d.name) && isAuthName(d.name) && !/^(Public|SkipAuth|AllowAnonymous)$/.test(d.name)) out.push(evidence('decorator', d.node, file));
  }
  return out;
}

/** NestJS controllers: `@Controller('users')` classes with `@Get(':id')` methods. */
export function nestRoutes(tree: Tree, file: string, out: FileRoutes): void {
  for (const cls of tree.rootNode.descendantsOfType('class_declaration')) {
    if (!cls) continue;
    const holder = cls.parent?.type === 'export_statement' ? cls.parent : cls;
    const classDecorators = [...holder.namedChildren, ...cls.namedChildren].filter((c): c is Node => c?.type === 'decorator').map(decorator).filter((d): d is Decorator => !!d);
    const controller = classDecorators.find((d) => d.name === 'Controller');
    if (!controller) continue;
    const key = routerKey(file, cls.childForFieldName('name')?.text ?? `@${cls.startIndex}`);
    const prefixes = pathsOf(controller.args);
    if (!prefixes) {
      out.skipped.push({ file, at: { start: controller.node.startIndex, end: controller.node.endIndex }, reason: 'the controller path is built at run time' });
      continue;
    }
    const classAuth = authOf(classDecorators, file);
    const classVersions = controllerVersions(controller.args);
    let pending: Decorator[] = [];
    for (const member of cls.childForFieldName('body')?.namedChildren ?? []) {
      if (member?.type === 'decorator') {
        const d = decorator(member);
        if (d) pending.push(d);
        continue;
      }
      if (member?.type !== 'method_definition') {
        pending = [];
        continue;
      }
      const decorators = pending;
      pending = [];
      const verb = decorators.find((d) => VERBS[d.name]);
      if (!verb) continue;
      const paths = pathsOf(verb.args);
      if (!paths) {
        out.skipped.push({ file, at: { start: verb.node.startIndex, end: verb.node.endIndex }, reason: 'the route path is built at run time' });
        continue;
      }
      const auth = [...classAuth, ...authOf(decorators, file)];
      const versionDecorator = decorators.find((d) => d.name === 'Version');
      const versions: (string | null | undefined)[] = (versionDecorator && versionsOf(versionDecorator.args[0])) ?? classVersions ?? [undefined];
      for (const prefix of prefixes)
        for (const path of paths)
          for (const version of versions)
            out.routes.push({
              method: VERBS[verb.name], path: joinPath('/' + prefix, path), framework: 'nest', file,
              at: { start: verb.node.startIndex, end: verb.node.endIndex },
              handler: { start: member.startIndex, end: member.endIndex }, auth, router: key,
              ...(version !== undefined ? { version } : {}),
            });
      if (!out.apps!.includes(key)) out.apps!.push(key);
    }
  }
}

/** `app.setGlobalPrefix('api')`, `app.useGlobalGuards(new JwtAuthGuard())` in a Nest bootstrap. */
export function nestServiceWide(call: Node, file: string, out: FileRoutes): void {
  const prop = call.childForFieldName('function')?.childForFieldName('property')?.text;
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
  const at = { start: call.startIndex, end: call.endIndex };
  if (prop === 'setGlobalPrefix') {
    const prefix = stringValue(args[0]);
    if (prefix === undefined) out.skipped.push({ file, at, reason: 'the global prefix is built at run time' });
    else (out.serviceWide ??= []).push({ framework: 'nest', prefix: '/' + prefix.replace(/^\/+/, ''), auth: [], file, at });
  } else if (prop === 'enableVersioning') {
    // Only URI versioning changes paths; header and media-type versioning leave them as they are.
    const opts = args[0]?.type === 'object' ? args[0] : undefined;
    const option = (name: string) => opts?.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text === name)?.childForFieldName('value') ?? undefined;
    if (!/URI\b/.test(option('type')?.text ?? '')) return;
    const prefixNode = option('prefix');
    const prefix = prefixNode?.text === 'false' ? '' : prefixNode ? (stringValue(prefixNode) ?? 'v') : 'v';
    const defaults = versionsOf(option('defaultVersion'));
    (out.serviceWide ??= []).push({ framework: 'nest', uriVersioning: { prefix, ...(defaults ? { defaultVersion: defaults[0] } : {}) }, auth: [], file, at });
  } else if (prop === 'forRoutes') {
    const applied = applyCall(call);
    const auth = (applied ?? []).filter((a) => isAuthName(a.text)).map((a) => evidence('middleware', a, file));
    if (!auth.length) return;
    const only = args.map((a) => selector(a));
    if (only.some((o) => !o)) out.skipped.push({ file, at, reason: 'the routes this middleware applies to are chosen at run time' });
    else (out.serviceWide ??= []).push({ framework: 'nest', auth, only: only as NonNullable<ServiceWide['only']>, file, at });
  } else if (prop === 'useGlobalGuards') {
    const auth = args.filter((a) => isAuthName(a.text)).map((a) => evidence('guard', a, file));
    if (auth.length) (out.serviceWide ??= []).push({ framework: 'nest', auth, file, at });
  }
}

/**
 * A guard every route passes, given as a provider of the app module: `{ provide: APP_GUARD, useClass: JwtAuthGuard }`
 * (or `useFactory`/`useExisting` building an auth guard), Nest's documented way to make a guard global.
 */
export function nestGlobalGuardProviders(tree: Tree, file: string, out: FileRoutes): void {
  for (const pair of tree.rootNode.descendantsOfType('pair')) {
    if (pair?.childForFieldName('key')?.text !== 'provide' || pair.childForFieldName('value')?.text !== 'APP_GUARD') continue;
    const provider = pair.parent;
    const given = provider?.namedChildren.find((p) => p?.type === 'pair' && /^(useClass|useFactory|useExisting|useValue)$/.test(p.childForFieldName('key')?.text ?? ''));
    const value = given?.childForFieldName('value');
    const guard = value && /\b(\w*Guard)\b/.exec(value.text)?.[1];
    if (!value || !guard || !isAuthName(guard)) continue;
    (out.serviceWide ??= []).push({ framework: 'nest', auth: [evidence('guard', value, file, guard)], file, at: { start: provider!.startIndex, end: provider!.endIndex } });
  }
}

/** The arguments of the `.apply(...)` a `.forRoutes(...)` (maybe after `.exclude(...)`) is chained on. */
function applyCall(call: Node): Node[] | undefined {
  for (let obj = call.childForFieldName('function')?.childForFieldName('object'); obj?.type === 'call_expression'; obj = obj.childForFieldName('function')?.childForFieldName('object')) {
    if (obj.childForFieldName('function')?.childForFieldName('property')?.text === 'apply') return (obj.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
  }
  return undefined;
}

const NEST_METHODS: Record<string, HttpMethod> = { GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE', HEAD: 'HEAD', OPTIONS: 'OPTIONS', ALL: 'ANY' };

/** A `forRoutes` argument: `'users/*'`, `{ path: 'user', method: RequestMethod.GET }`, or a controller class. */
function selector(a: Node): NonNullable<ServiceWide['only']>[number] | undefined {
  if (a.type === 'string') return { path: '/' + stringValue(a)!.replace(/^\/+/, '') };
  if (a.type === 'identifier') return { router: '#' + a.text };
  if (a.type !== 'object') return undefined;
  const value = (k: string) => a.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text === k)?.childForFieldName('value');
  const path = stringValue(value('path'));
  const method = value('method')?.text.split('.').pop();
  if (path === undefined || (method && !NEST_METHODS[method])) return undefined;
  return { path: '/' + path.replace(/^\/+/, ''), ...(method ? { method: NEST_METHODS[method] } : {}) };
}
