/**
 * A service's routes in code against the operations of its specs: which routes no spec describes, which operations
 * no route serves, and which secured operations have no authentication in front of their handler.
 */
import type { CodeRoute, SkippedRoute } from '../../code/routes/types';
import { joinPath, normalizeTemplate } from '../../code/routes/template';
import { isHealthPath, isOperationalPath } from '../../rules/openapi';
import { isCredentialStep } from '../../rules/missing-auth';
import type { SkippedItem } from './mapping';
import type { SpecOperation, SpecSummary } from './spec';

export interface MappedSpec {
  summary: SpecSummary;
  prefix?: string;
  /** Mapped to the service by the configuration file: the service's own, whatever its routes. */
  declared?: boolean;
}

export interface ServiceComparison {
  service: string;
  dir: string;
  specs: SpecSummary[];
  routes: number;
  undocumented: CodeRoute[];
  unimplemented: { spec: SpecSummary; op: SpecOperation }[];
  unenforced: { route: CodeRoute; spec: SpecSummary; op: SpecOperation }[];
  /**
   * Specs of an API the service calls rather than serves: none of their operations is a route of the service's code,
   * which serves routes of its own, and their servers are on the public internet or the code loads them as data
   * (loadedBy: that file) with no library that serves an API from a spec (a vendor's spec an integration loads).
   */
  calledApis: { spec: SpecSummary; loadedBy?: string }[];
  /** No route of the service has authentication in code: one cause (a gateway, or none at all), one finding. */
  noAuthInCode: boolean;
  skipped: SkippedItem[];
}

/** Routes that are not API operations: health, readiness, metrics, docs, the root page, catch-alls. */
const EXEMPT = /^\/(?:metrics|prometheus|docs|redoc|swagger(?:-ui)?|openapi|api-docs|v\d+\/api-docs|favicon\.ico|robots\.txt|actuator|debug\/pprof|chaos|static|assets|public)(?:[/.]|$)|^\/(?:v\d+\/)?(?:openapi|swagger|api-docs)(?:[-_.][\w.-]*)?$/i;
const CATCH_ALL = /(^|\/)\*|<path:\w+>/;

export function isExemptRoute(route: Pick<CodeRoute, 'path' | 'framework'>): boolean {
  const p = normalizeTemplate(route.path);
  return p === '/' || isHealthPath(p) || EXEMPT.test(p) || catchAllPrefix(route) !== undefined || CATCH_ALL.test(route.path);
}

function variants(path: string, bases: string[]): string[] {
  return [normalizeTemplate(path), ...bases.map((b) => normalizeTemplate(joinPath(b, path)))];
}

/** For a route that serves every path below it (`/files/*`, gorilla `PathPrefix`, `<path:p>`): that prefix, normalized. */
function catchAllPrefix(route: Pick<CodeRoute, 'path' | 'framework'>): string | undefined {
  const segments = route.path.split('/');
  const last = segments[segments.length - 1];
  // `{id:.*}` spans segments in Go routers; in Spring and JAX-RS it is one segment that may hold dots.
  const regexTail = /^\{[^}]*(?:\.\*|\.\.\.)[^}]*\}$/.test(last) && !/spring|jax-rs/.test(route.framework);
  if (!regexTail && !/^(\*\w*|\{\*\w*\}|<path:\w+>)$/.test(last)) return undefined;
  const p = normalizeTemplate(segments.slice(0, -1).join('/'));
  return p === '/' ? '' : p;
}

/** An API base at the start of a route's path: `/api`, `/api/v1`, `/v2`, `/api/v1.1`. */
const API_BASE = /^\/(api(\/v\d+(\.\d+)?)?|v\d+(\.\d+)?)(?=\/)/;

const VERSION_SEGMENT = /^v\d+(\.\d+)?$/;
const VERSION_PARAM = /\{(api[-_]?)?version\}/i;

const ignoredMethod = (m: string) => m === 'HEAD' || m === 'OPTIONS' || m === 'TRACE';

export function compareService(service: string, dir: string, specs: MappedSpec[], routes: CodeRoute[], unresolved: SkippedRoute[], loadedBy: (spec: SpecSummary) => string | undefined = () => undefined): ServiceComparison {
  const out: ServiceComparison = { service, dir, specs: specs.map((s) => s.summary), routes: routes.length, undocumented: [], unimplemented: [], unenforced: [], calledApis: [], noAuthInCode: false, skipped: [] };
  // A spec that declares no base path (no server URL path, no 2.0 basePath) may describe the API below the base the
  // code serves it under (`/api/v1`, `/api`, `/v2`): that base is tried for it, as a server path would be.
  const apiBases = [...new Set(routes.map((r) => API_BASE.exec(r.path)?.[0]).filter((b): b is string => !!b))];
  // A version written as a path parameter (`/api/{version}/cats`, TypeSpec's versioning) matches the versions the
  // code serves (`/api/v1/cats`).
  const versions = [...new Set(routes.flatMap((r) => r.path.split('/').filter((seg) => VERSION_SEGMENT.test(seg))))];
  const withVersions = (path: string) => (VERSION_PARAM.test(path) ? [path, ...versions.map((v) => path.replace(VERSION_PARAM, v))] : [path]);
  const ops = specs.flatMap((s) => {
    const declared = [...s.summary.serverPaths, ...(s.prefix ? [s.prefix] : [])];
    const bases = declared.some((b) => b && b !== '/') ? declared : [...declared, ...apiBases]; // one array per spec: memo key below
    return s.summary.ops.map((op) => ({ spec: s.summary, op, keys: new Set(withVersions(op.path).flatMap((p) => variants(p, bases))), bases }));
  });
  const refs = specs.flatMap((s) => s.summary.refPaths.map((r) => ({ spec: s.summary, keys: new Set(variants(r.path, [...s.summary.serverPaths, ...(s.prefix ? [s.prefix] : [])])), ...r })));
  for (const r of refs) out.skipped.push({ path: r.spec.source.path, start: r.at.start, end: r.at.end, reason: `path item ${r.path} is a $ref: its operations are not compared with the code` });
  // Specs that all declare a base path (`servers: [{url: .../api}]`) that the code serves under describe the routes
  // below it: a page, a redirect or a feed the code serves outside it, and outside any API base, is no part of it.
  const declaredBases = specs.map((s) => [...s.summary.serverPaths, ...(s.prefix ? [s.prefix] : [])].filter((b) => b && b !== '/'));
  const below = (path: string, b: string) => path === b || path.startsWith(b.endsWith('/') ? b : `${b}/`);
  const contractBases = declaredBases.every((b) => b.length) ? declaredBases.flat() : [];
  const baseServed = contractBases.length > 0 && routes.some((r) => contractBases.some((b) => below(r.path, b)));
  const outsideContract = (path: string) => baseServed && !contractBases.some((b) => below(path, b)) && !API_BASE.test(path);
  const served = new Set<(typeof ops)[number]>();
  /** Specs with an operation that an API route serves (not `/`, a probe or a catch-all, which any service has). */
  const servedSpecs = new Set<SpecSummary>();
  const candidates: { route: CodeRoute; hits: typeof ops }[] = [];
  let matchedAny = false;
  const seen = new Set<string>();
  for (const route of routes) {
    if (ignoredMethod(route.method)) continue;
    // One method and path is one route of the service, however often it is registered (both arms of an if/else,
    // two routers mounting one handler): the first registration stands for it.
    const key = `${route.method} ${normalizeTemplate(route.path)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A route's keys per set of bases (one set per spec), computed once.
    const memo = new Map<string[], string[]>();
    const keysOf = (bases: string[]) => memo.get(bases) ?? (memo.set(bases, variants(route.path, bases)), memo.get(bases)!);
    const prefix = catchAllPrefix(route);
    const under = (k: string) => prefix !== undefined && (k === prefix || k.startsWith(prefix + '/'));
    const samePath = ops.filter((o) => keysOf(o.bases).some((k) => o.keys.has(k)) || (prefix !== undefined && [...o.keys].some(under)));
    const hits = samePath.filter((o) => route.method === 'ANY' || o.op.method.toUpperCase() === route.method);
    for (const h of hits) served.add(h);
    if (!isExemptRoute(route)) for (const h of hits) servedSpecs.add(h.spec);
    if (hits.length) matchedAny = true;
    if (!hits.length && !isExemptRoute(route) && !outsideContract(route.path) && !refs.some((r) => variants(route.path, [...r.spec.serverPaths]).some((k) => r.keys.has(k)))) out.undocumented.push(route);
    if (hits.length) candidates.push({ route, hits });
  }
  if (routes.length) {
    for (const s of specs) {
      if (s.declared || !s.summary.ops.length || servedSpecs.has(s.summary)) continue;
      const by = s.summary.publicHosts.length ? undefined : loadedBy(s.summary);
      if (s.summary.publicHosts.length || by) out.calledApis.push({ spec: s.summary, loadedBy: by });
    }
  }
  const own = specs.filter((s) => !out.calledApis.some((c) => c.spec === s.summary));
  // Only specs of APIs the service calls: no spec of its own documents its routes.
  if (!own.length) {
    out.undocumented = [];
    return out;
  }
  if (!matchedAny) {
    const what = routes.length ? `none of its ${routes.length} routes in code matches an operation of` : 'no route was found in its code for';
    out.skipped.push({ path: specs[0]?.summary.source.path ?? dir, reason: `service ${service}: ${what} ${own.map((s) => s.summary.source.path.split(/[\\/]/).pop()).join(', ')}; the mapping or the route extraction is incomplete, so nothing is reported` });
    out.undocumented = [];
    return out;
  }
  if (unresolved.length) {
    out.skipped.push({ path: unresolved[0].file, start: unresolved[0].at.start, end: unresolved[0].at.end, reason: `service ${service}: ${unresolved.length} route(s) could not be resolved (${unresolved[0].reason}); operations without a route are not reported` });
  } else {
    for (const o of ops) if (!served.has(o) && !ignoredMethod(o.op.method.toUpperCase()) && !out.calledApis.some((c) => c.spec === o.spec)) out.unimplemented.push({ spec: o.spec, op: o.op });
  }
  for (const { route, hits } of candidates) {
    // Probes and the steps of getting a credential are public by design, whatever a global requirement says.
    if (hits.some((h) => isOperationalPath(h.op.path) || isCredentialStep(h.op.path, h.op.operationId))) continue;
    const secured = hits.find((h) => h.op.security === 'required');
    if (secured && !hits.some((h) => h.op.security !== 'required') && !route.auth.length) out.unenforced.push({ route, spec: secured.spec, op: secured.op });
  }
  out.noAuthInCode = out.unenforced.length > 0 && routes.every((r) => !r.auth.length);
  return out;
}
