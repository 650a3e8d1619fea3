import { posix } from 'node:path';
import type { AuthEvidence } from './types';
import type { Node } from 'web-tree-sitter';

/** A file's module path: forward slashes, no extension, no trailing `/index` or `/__init__`. */
export function moduleOf(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/\.(m?[jt]sx?|cjs|cts|py)$/, '')
    .replace(/\/(index|__init__)$/, '');
}

/** The router key of an export (or local name) of a file. */
export const routerKey = (file: string, name: string) => `${moduleOf(file)}#${name}`;

/** The module a relative JS import (`./routes/users`) names, or undefined for a package import. */
export function jsImport(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return moduleOf(posix.join(posix.dirname(file.replace(/\\/g, '/')), spec));
}

/**
 * The module a Python import names: relative ones (`.routers.users`) against the file's package, absolute ones
 * (`app.routers.users`) as a path the service join matches by suffix.
 */
export function pyImport(file: string, spec: string): string {
  const dots = /^\.*/.exec(spec)![0].length;
  const rest = spec.slice(dots).split('.').filter(Boolean).join('/');
  if (!dots) return rest;
  let dir = posix.dirname(file.replace(/\\/g, '/'));
  for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
  return moduleOf(rest ? `${dir}/${rest}` : dir);
}

/** Names of middleware, decorators, guards and dependencies that authenticate a request. */
const AUTH_NAME = /auth(?!or)|jwt|log(ged)?_?in|passport|guard|token|verify|protect|permission|current_?\w*user|require_?user|require[sd]?_?(admin|role|roles|scope|scopes|staff|superuser)|(admin|roles?|staff|superuser)_?required|api_?key|oauth|bearer|signed_?in|secured|firebase_?user/i;
const NOT_AUTH = /csrf|cors|rate_?limit|throttl|cache|logger|logging|optional/i;
/** Names of routers and controllers that merely contain an auth word (`authRouter`, `authController`). */
const ROUTER_WORD = /router|routes|controller|api\b/i;

export function isAuthName(text: string): boolean {
  return AUTH_NAME.test(text) && !NOT_AUTH.test(text) && !ROUTER_WORD.test(text);
}

export function evidence(kind: AuthEvidence['kind'], node: Node, file: string, name = node.text): AuthEvidence {
  return { kind, name: name.length > 80 ? name.slice(0, 77) + '...' : name, path: file, at: { start: node.startIndex, end: node.endIndex } };
}
