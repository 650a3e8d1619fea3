import { joinPath } from '../../code/routes/template';
import type { CodeRoute, FileRoutes, SkippedRoute } from '../../code/routes/types';

const MAX_DEPTH = 8;

/**
 * The routes a service serves: each router's routes under the prefixes it is mounted at (across files), with the
 * mounts' authentication. A router mounted nowhere that the analysis sees is skipped, never guessed.
 */
export function joinServiceRoutes(files: FileRoutes[]): { routes: CodeRoute[]; skipped: SkippedRoute[] } {
  const mounts = files.flatMap((f) => f.mounts);
  const routes: CodeRoute[] = [];
  const skipped: SkippedRoute[] = files.flatMap((f) => f.skipped);
  for (const route of files.flatMap((f) => f.routes)) {
    let level: CodeRoute[] = [route];
    for (let depth = 0; depth < MAX_DEPTH && level.some((r) => r.router !== undefined); depth++) {
      level = level.flatMap((r) => {
        if (r.router === undefined) return [r];
        const over = mounts.filter((m) => m.target === r.router);
        if (!over.length) skipped.push({ file: r.file, at: r.at, reason: `router ${r.router} is mounted nowhere the analysis can see` });
        return over.map((m) => ({ ...r, path: joinPath(m.prefix, r.path), router: m.parent, auth: [...m.auth, ...r.auth] }));
      });
    }
    routes.push(...level.filter((r) => r.router === undefined));
  }
  return { routes, skipped };
}
