/**
 * What the consistency rules read of one OpenAPI spec: its title, server paths, operations with their effective
 * security, and the path items written as `$ref` (skipped: their operations are not read).
 */
import type { SourceFile } from '../../documents/source';
import { entries, entry, get, isMap, items, str, type DataNode, type MapNode } from '../../documents/tree';
import { HTTP_METHODS, openApiVersion } from '../../rules/openapi';
import type { Span } from '../../rules/types';

export type SecurityState = 'required' | 'none' | 'optional';

export interface SpecOperation {
  method: string;
  path: string;
  /** The method key. */
  at: Span;
  operationId?: string;
  security: SecurityState;
  /** The requirement that applies: the operation's own `security` key, else the global one. */
  securityAt?: Span;
}

export interface SpecSummary {
  source: SourceFile;
  root: MapNode;
  major: 2 | 3;
  title?: string;
  /** Path parts of `servers[].url` (3.x) or `basePath` (2.0), e.g. `/v1`; never `/`. */
  serverPaths: string[];
  /** Hosts of absolute server URLs on the public internet (`api.sendgrid.com`), each with its URL's span. */
  publicHosts: { host: string; at: Span }[];
  ops: SpecOperation[];
  /** Path items that are a `$ref`: their operations are not read, so routes under them are not judged. */
  refPaths: { path: string; at: Span }[];
  paths?: MapNode;
}

/** A requirement list protects when each of its alternatives names a scheme; an empty alternative (`{}`) makes auth optional. */
function securityOf(node: DataNode | undefined): SecurityState {
  const reqs = items(node);
  if (!reqs.length) return 'none';
  return reqs.some((r) => isMap(r) && r.entries.length === 0) ? 'optional' : 'required';
}

/** `https://api.example.com/v1` -> `/v1`; variables take their default. */
function urlPath(url: string, variables: DataNode | undefined): string | undefined {
  const filled = url.replace(/\{(\w+)\}/g, (_, name: string) => str(get(get(variables, name), 'default')) ?? `{${name}}`);
  const path = /^[a-z][\w+.-]*:\/\/[^/]*(\/.*)?$/i.exec(filled)?.[1] ?? (filled.startsWith('/') ? filled : undefined);
  const clean = path?.replace(/\/+$/, '');
  return clean && !clean.includes('{') ? clean : undefined;
}

/** Hosts that name no machine on the internet: loopback, private and link-local addresses, cluster-internal and reserved names. */
const NOT_PUBLIC = /^(localhost|127\.|0\.0\.0\.0$|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)|\.(local|localhost|internal|svc|test|invalid|example|lan|home)$|(^|\.)example\.(com|org|net)$/i;

/** The host of an absolute URL when it is a public name (`https://api.sendgrid.com/v3` -> `api.sendgrid.com`); variables take their default. */
function publicHost(url: string, variables: DataNode | undefined): string | undefined {
  const filled = url.replace(/\{(\w+)\}/g, (_, name: string) => str(get(get(variables, name), 'default')) ?? `{${name}}`);
  const host = /^(?:[a-z][\w+.-]*:)?\/\/([^/:?#]+)/i.exec(filled)?.[1]?.toLowerCase();
  return host && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && /[a-z]/.test(host.slice(host.lastIndexOf('.') + 1)) && !NOT_PUBLIC.test(host) ? host : undefined;
}

export function summarizeSpec(source: SourceFile, root: DataNode | undefined): SpecSummary | undefined {
  if (!isMap(root)) return undefined;
  const version = openApiVersion(root);
  if (!version) return undefined;
  const serverPaths = new Set<string>();
  const publicHosts: SpecSummary['publicHosts'] = [];
  if (version.major === 2) {
    const base = str(get(root, 'basePath'))?.replace(/\/+$/, '');
    if (base) serverPaths.add(base);
    const host = entry(root, 'host');
    const name = publicHost(`//${str(host?.value) ?? ''}`, undefined);
    if (host && name) publicHosts.push({ host: name, at: host.value });
  } else {
    for (const s of items(get(root, 'servers'))) {
      const url = entry(s, 'url');
      const p = urlPath(str(url?.value) ?? '', get(s, 'variables'));
      if (p) serverPaths.add(p);
      const name = url && publicHost(str(url.value) ?? '', get(s, 'variables'));
      if (url && name) publicHosts.push({ host: name, at: url.value });
    }
  }
  const globalSecurity = entry(root, 'security');
  const ops: SpecOperation[] = [];
  const refPaths: SpecSummary['refPaths'] = [];
  const paths = get(root, 'paths');
  for (const p of entries(paths)) {
    if (!isMap(p.value)) continue;
    if (p.value.entries.some((e) => e.key.text === '$ref')) refPaths.push({ path: p.key.text, at: p.key });
    for (const m of p.value.entries) {
      const method = m.key.text.toLowerCase();
      if (!(HTTP_METHODS as readonly string[]).includes(method) || !isMap(m.value)) continue;
      const own = entry(m.value, 'security');
      const applies = own ?? globalSecurity;
      ops.push({
        method,
        path: p.key.text,
        at: m.key,
        operationId: str(get(m.value, 'operationId')),
        security: securityOf(applies?.value),
        securityAt: applies ? { start: applies.key.start, end: applies.value.end } : undefined,
      });
    }
  }
  return { source, root, major: version.major, title: str(get(get(root, 'info'), 'title')), serverPaths: [...serverPaths], publicHosts, ops, refPaths, paths: isMap(paths) ? paths : undefined };
}

/**
 * What the mapping of specs to services reads of a spec, without summarizing it: '' when it is no OpenAPI
 * document (summarizeSpec gives undefined), else its title and whether it describes an operation.
 */
export function specFacts(root: DataNode | undefined): string {
  if (!isMap(root) || !openApiVersion(root)) return '';
  const hasOps = entries(get(root, 'paths')).some((p) => isMap(p.value) && p.value.entries.some((m) => (HTTP_METHODS as readonly string[]).includes(m.key.text.toLowerCase()) && isMap(m.value)));
  return `${str(get(get(root, 'info'), 'title')) ?? ''}\0${hasOps}`;
}
