/** The Go extractor's output once every router of the file is linked: routes, cross-file mounts, skipped entries. */
import type { Node } from 'web-tree-sitter';
import { span } from '../common';
import type { Registration } from './goRegistrations';
import { reachOf, type GoRouter } from './goRouters';
import { joinPath } from './template';
import type { FileRoutes } from './types';

/** A router handed to (or mounted from) a function that may declare routes in another file. */
export interface PendingMount {
  router: GoRouter;
  segment: string;
  call: Node;
  fn: string;
  pkg?: string;
  /** The function is declared in this file. */
  local: boolean;
}

export function emitMount(out: FileRoutes, file: string, p: PendingMount): void {
  for (const reach of reachOf(p.router, p.call.startIndex)) {
    if ('dynamic' in reach) {
      out.skipped.push({ file, at: span(p.call), reason: reach.dynamic });
      continue;
    }
    const prefix = p.segment ? joinPath(reach.prefix || '/', p.segment) : reach.prefix || '/';
    out.mounts.push({ prefix, target: `go:${p.pkg}.${p.fn}`, ...(reach.key ? { parent: reach.key } : {}), auth: reach.auth, file, at: span(p.call) });
  }
}

export function emitRoutes(out: FileRoutes, file: string, reg: Registration): void {
  for (const reach of reachOf(reg.router, reg.call.startIndex)) {
    if ('dynamic' in reach) {
      out.skipped.push({ file, at: span(reg.pathNode), reason: reach.dynamic });
      continue;
    }
    // chi serves a sub-router's "/" at the mount point itself.
    const bare = reg.path === '' || (reg.path === '/' && reg.router.framework === 'chi');
    const path = bare ? reach.prefix || reg.path || '/' : reach.prefix ? joinPath(reach.prefix, reg.path) : reg.path;
    for (const method of reg.methods) {
      out.routes.push({
        method,
        path,
        framework: reg.router.framework,
        file,
        at: span(reg.pathNode),
        ...(reg.handler ? { handler: span(reg.handler) } : {}),
        auth: [...reach.auth, ...reg.auth],
        ...(reach.key ? { router: reach.key } : {}),
      });
    }
  }
}
