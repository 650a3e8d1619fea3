import { consistencyOf } from '../workspace/specs/attach';
import { CODE_KINDS, comparisonOf, inSpec, routeLabel, specName } from './consistency';
import type { Report, Rule } from './types';

const MAX_RELATED = 20;

/** A route whose spec operation requires security but whose handler has no authentication in front of it. */
export const authNotEnforced: Rule = {
  id: 'auth-not-enforced',
  kinds: CODE_KINDS,
  defaultSeverity: 'warning',
  title: 'The spec requires authentication for a route that the code serves without any',
  description:
    'A spec that requires a token for an operation promises that only authenticated callers reach it; if the handler has no auth middleware, decorator, dependency, guard, filter or security config in front of it, anyone who reaches the service can call it. Put the authentication in front of the route; if a gateway authenticates every request, suppress the finding with that reason.',
  check(ctx) {
    const c = comparisonOf(ctx);
    if (!c?.unenforced.length) return [];
    const where = (u: (typeof c.unenforced)[number]) => inSpec(u.spec, `${specName(u.spec)} requires security for ${u.op.method.toUpperCase()} ${u.op.path}`, u.op.securityAt);
    if (c.noAuthInCode) {
      // One cause: the service authenticates nowhere in code. One finding, on its first such route.
      const first = [...c.unenforced].sort((a, b) => (a.route.file < b.route.file ? -1 : a.route.file > b.route.file ? 1 : a.route.at.start - b.route.at.start))[0];
      if (first.route.file !== ctx.source.path) return [];
      const n = c.unenforced.length;
      const report: Report = {
        message: `No route of service ${c.service} has authentication in code, yet its spec requires it for ${n === 1 ? routeLabel(first.route) : `${n} operations it serves`}: unless a gateway in front of the service authenticates every request, anyone who reaches the service can call ${n === 1 ? 'it' : 'them'}. Put auth middleware (or a guard, decorator or filter) in front of these routes.`,
        at: first.route.at,
        related: [
          where(first),
          ...c.unenforced
            .filter((u) => u !== first)
            .slice(0, MAX_RELATED)
            .map((u) => ({ path: u.route.file, range: consistencyOf(ctx.workspace).rangeOf(u.route.file, u.route.at), message: `${routeLabel(u.route)} has no authentication in front of it` }))
            .filter((r) => r.range),
        ],
      };
      return [report];
    }
    return c.unenforced
      .filter((u) => u.route.file === ctx.source.path)
      .map((u) => ({
        message: `${routeLabel(u.route)} has no authentication in front of its handler, but the spec requires security for ${u.op.method.toUpperCase()} ${u.op.path}, and other routes of service ${c.service} do authenticate: anyone who reaches the service can call this one. Add the service's auth middleware, guard or decorator to it.`,
        at: u.route.at,
        related: [where(u)],
      }));
  },
};
