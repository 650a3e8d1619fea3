import { joinPath, normalizeTemplate } from './template';
import type { AuthEvidence, CodeRoute, FileRoutes, ResolvedRoute, RouteMount, ServiceWide, SkippedRoute } from './types';

interface Chain {
  prefix: string;
  auth: AuthEvidence[];
  via: RouteMount[];
}

/** At most this many mount chains per router (a router mounted at many places). */
const MAX_CHAINS = 32;

/** Whether a mount's target names a router key: the same, or a suffix at a path boundary (`app/api#router`). */
export function targets(target: string, key: string): boolean {
  return key === target || key.endsWith('/' + target);
}

/** A prefix and a path joined as the framework serves them: `/api` + `/` is `/api`. */
function under(prefix: string, path: string): string {
  if (!prefix || prefix === '/') return path.startsWith('/') ? path : '/' + path;
  return path === '' || path === '/' ? prefix : joinPath(prefix, path);
}

/**
 * The routes one service serves: each file's routes with the mounts of every file of the service applied
 * (recursively, cycles cut), then the framework's service-wide prefix and authentication. A route whose router no
 * mount names and that is no application of its own is skipped, never guessed.
 */
export function resolveServiceRoutes(files: FileRoutes[]): { routes: ResolvedRoute[]; skipped: SkippedRoute[] } {
  const mounts = files.flatMap((f) => f.mounts);
  const apps = new Set(files.flatMap((f) => f.apps ?? []));
  const wide = files.flatMap((f) => f.serviceWide ?? []);
  const memo = new Map<string, Chain[]>();
  let cut = false;

  const unknownMounts = files.flatMap((f) => f.skipped.filter((s) => s.mountTarget));
  /** Why a router has no chain: mounted under an unknown prefix (maybe further up), through a cycle, or nowhere. */
  const why = (key: string, seen = new Set<string>()): string | undefined => {
    if (seen.has(key)) return undefined;
    seen.add(key);
    if (unknownMounts.some((s) => targets(s.mountTarget!, key))) return 'is mounted under a prefix built at run time';
    for (const m of mounts) if (targets(m.target, key) && m.parent) { const w = why(m.parent, seen); if (w) return w; }
    return undefined;
  };

  const chains = (key: string | undefined, visiting: Set<string>): Chain[] => {
    if (key === undefined) return [{ prefix: '', auth: [], via: [] }];
    const known = memo.get(key);
    if (known) return known;
    const into = mounts.filter((m) => targets(m.target, key));
    if (!into.length) return apps.has(key) ? [{ prefix: '', auth: [], via: [] }] : [];
    const out: Chain[] = [];
    const next = new Set(visiting).add(key);
    for (const m of into) {
      if (m.parent !== undefined && (next.has(m.parent) || targets(m.target, m.parent))) {
        cut = true;
        continue;
      }
      for (const c of chains(m.parent, next)) if (out.length < MAX_CHAINS) out.push({ prefix: under(c.prefix, m.prefix), auth: [...c.auth, ...m.auth], via: [...c.via, m] });
    }
    if (!visiting.size) memo.set(key, out);
    return out;
  };

  const routes: ResolvedRoute[] = [];
  const skipped: SkippedRoute[] = files.flatMap((f) => f.skipped);
  const seen = new Set<string>();
  for (const route of files.flatMap((f) => f.routes)) {
    cut = false;
    const found = chains(route.router, new Set());
    if (!found.length) {
      const reason = cut ? 'is only mounted through a cycle' : why(route.router!) ?? "is mounted nowhere this service's code shows";
      skipped.push({ file: route.file, at: route.at, reason: `${route.method} ${route.path}: its router (${route.router}) ${reason}` });
      continue;
    }
    for (const c of found) {
      const own = c.via[c.via.length - 1]?.replacesRouterPrefix && route.routerPrefix && route.path.startsWith(route.routerPrefix) ? route.path.slice(route.routerPrefix.length) : route.path;
      let path = under(c.prefix, own);
      const auth = [...c.auth, ...route.auth];
      const beforeWide = path;
      // Nest URI versioning: `/v1` before the controller's path, inside the global prefix (`/api/v1/users`).
      const versioning = wide.find((w) => w.framework === route.framework && w.uriVersioning)?.uriVersioning;
      const version = route.version === undefined ? versioning?.defaultVersion : route.version;
      if (versioning && version) path = under(`/${versioning.prefix}${version}`, path);
      for (const w of wide.filter((x) => x.framework === route.framework)) {
        if (w.prefix) path = under(w.prefix, path);
        if (!w.only || w.only.some((o) => covers(o, route, beforeWide))) auth.unshift(...w.auth);
      }
      const id = `${route.method} ${path} ${route.file} ${route.at.start}`;
      if (seen.has(id)) continue;
      seen.add(id);
      routes.push({ ...route, path, declaredPath: route.path, auth, via: c.via });
    }
  }
  return { routes, skipped };
}

/** Whether a `forRoutes`-like selector names this route. */
function covers(o: NonNullable<ServiceWide['only']>[number], route: CodeRoute, path: string): boolean {
  if (o.router) return !!route.router && (route.router === o.router || route.router.endsWith(o.router));
  if (o.method && o.method !== 'ANY' && o.method !== route.method) return false;
  return o.path === undefined || /^\/?\*$/.test(o.path) || normalizeTemplate(o.path) === normalizeTemplate(path);
}

/** The routes of one file resolved on their own (mounts in other files unknown): for per-file checks. */
export function resolveFileRoutes(file: FileRoutes): CodeRoute[] {
  return resolveServiceRoutes([file]).routes;
}
