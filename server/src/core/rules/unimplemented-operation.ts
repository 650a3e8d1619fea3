import { relative } from 'node:path';
import { comparisonOf } from './consistency';
import type { Rule } from './types';

/** An operation of a service's spec that no route of the service's code serves (see workspace/specs/). */
export const unimplementedOperation: Rule = {
  id: 'unimplemented-operation',
  kinds: ['openapi'],
  defaultSeverity: 'warning',
  title: 'An API operation that no route of its service serves',
  description:
    'Clients built from the spec call every operation it describes; one that the service does not serve answers 404 (or 405) in production. Implement the operation, or take it out of the spec (mark it deprecated first if clients may use it).',
  check(ctx) {
    const c = comparisonOf(ctx);
    if (!c) return [];
    return c.unimplemented
      .filter((u) => u.spec.source.path === ctx.source.path && u.spec.source.text === ctx.source.text)
      .map(({ op }) => ({
        message: `${op.method.toUpperCase()} ${op.path} is described here, but none of the ${c.routes} routes of service ${c.service} (read from ${relative(ctx.workspace.model.top ?? c.dir, c.dir) || '.'}) serves it: clients that follow the spec get 404. Implement it, or remove it from the spec.`,
        at: op.at,
      }));
  },
};
