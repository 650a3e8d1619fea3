/**
 * Spring Security configs (`authorizeHttpRequests`, `authorizeRequests`, `authorizeExchange`): the matcher rules a
 * file declares, and the `config` auth evidence they give the routes of a service (the first matching rule wins).
 */
import type { Node } from 'web-tree-sitter';
import { stringValue } from '../common';
import type { CodeRoute, FileRoutes, HttpMethod, SecurityMatcher } from './types';

const MATCHERS = new Set(['requestMatchers', 'antMatchers', 'mvcMatchers', 'pathMatchers', 'anyRequest', 'anyExchange']);
const ACCESS: Record<string, SecurityMatcher['access']> = {
  authenticated: 'authenticated',
  fullyAuthenticated: 'authenticated',
  hasRole: 'authenticated',
  hasAnyRole: 'authenticated',
  hasAuthority: 'authenticated',
  hasAnyAuthority: 'authenticated',
  access: 'authenticated',
  permitAll: 'permitAll',
  anonymous: 'permitAll',
  denyAll: 'denyAll',
};
const METHOD = /\bHttpMethod\.(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/;

/** The matcher rules of a file, in the order written. Matchers built from variables are left out. */
export function securityMatchersOf(root: Node, file: string): SecurityMatcher[] {
  const out: SecurityMatcher[] = [];
  for (const call of root.descendantsOfType('method_invocation')) {
    const access = ACCESS[call!.childForFieldName('name')?.text ?? ''];
    const matcher = call!.childForFieldName('object');
    const kind = matcher?.type === 'method_invocation' ? matcher.childForFieldName('name')?.text ?? '' : '';
    if (!access || !MATCHERS.has(kind)) continue;
    const args = matcher!.childForFieldName('arguments')!;
    const literals = args.descendantsOfType('string_literal').map((s) => stringValue(s)).filter((s): s is string => s !== undefined && s.startsWith('/'));
    const onlyMethod = args.namedChildren.length === 1 && METHOD.test(args.text); // antMatchers(HttpMethod.OPTIONS)
    const patterns = kind.startsWith('any') || onlyMethod ? ['/**'] : literals;
    if (!patterns.length) continue;
    const method = METHOD.exec(args.text)?.[1] as HttpMethod | undefined;
    const name = `${kind}${args.text}.${call!.childForFieldName('name')!.text}${call!.childForFieldName('arguments')?.text ?? '()'}`.replace(/\s+/g, ' ');
    // A chain's calls all start where the chain does: the rule is located from its matcher's name on.
    const at = { start: matcher!.childForFieldName('name')!.startIndex, end: call!.endIndex };
    out.push({ patterns, ...(method ? { method } : {}), access, name: name.length > 80 ? name.slice(0, 77) + '...' : name, file, at });
  }
  return out.sort((a, b) => a.at.start - b.at.start);
}

/** An Ant/PathPattern as a regular expression over a path whose template variables read `{}`. */
function antRegex(pattern: string): RegExp {
  const segs = pattern.split('/').filter(Boolean);
  let re = '';
  for (const s of segs) {
    if (s === '**') re += '(?:/.*)?';
    else {
      const seg = s.replace(/\{[^}]*\}/g, '\0').replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\0/g, '[^/]+');
      re += '/' + seg;
    }
  }
  return new RegExp(`^${re || '/'}/?$`);
}

/** True when the rule covers a route (its template variables match `*` and `{x}`, never a literal segment). */
export function matcherCovers(m: SecurityMatcher, route: Pick<CodeRoute, 'method' | 'path'>): boolean {
  if (m.method && m.method !== route.method) return false;
  const path = '/' + route.path.split('/').filter(Boolean).map((s) => (/^(\{[^}]*\}|:\w+|<[^>]+>)$/.test(s) ? '{}' : s)).join('/');
  return m.patterns.some((p) => antRegex(p).test(path));
}

/** The route with the `config` evidence of the first security rule that covers it, when that rule asks for auth. */
export function secureRoute(r: CodeRoute, matchers: SecurityMatcher[]): CodeRoute {
  const m = matchers.find((x) => matcherCovers(x, r));
  if (!m || m.access !== 'authenticated') return r;
  return { ...r, auth: [...r.auth, { kind: 'config', name: m.name, path: m.file, at: m.at }] };
}

const isJava = (r: CodeRoute) => r.framework === 'spring' || r.framework === 'jax-rs';

/**
 * The files of one service with every Java route covered by the service's Spring Security rules (from any of its
 * files, file by file in the order given). Run it on paths the service join has prefixed when mounts apply.
 */
export function applySecurityConfig(files: FileRoutes[]): FileRoutes[] {
  const matchers = files.flatMap((f) => f.securityMatchers ?? []);
  if (!matchers.length) return files;
  return files.map((f) => ({ ...f, routes: f.routes.map((r) => (isJava(r) ? secureRoute(r, matchers) : r)) }));
}
