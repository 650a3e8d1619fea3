import { dirname, relative } from 'node:path';
import { entry } from '../documents/tree';
import { comparisonOf } from './consistency';
import type { Rule } from './types';

/** An operation of a service's spec that no route of the service's code serves (see workspace/specs/). */
export const unimplementedOperation: Rule = {
  id: 'unimplemented-operation',
  kinds: ['openapi'],
  defaultSeverity: 'warning',
  judgesCalledApis: true,
  title: 'An API operation that no route of its service serves',
  description:
    'Clients built from the spec call every operation it describes; one that the service does not serve answers 404 (or 405) in production. Implement the operation, or take it out of the spec (mark it deprecated first if clients may use it).',
  check(ctx) {
    const c = comparisonOf(ctx);
    if (!c) return [];
    const called = c.calledApis.find((s) => s.spec.source.path === ctx.source.path && s.spec.source.text === ctx.source.text);
    if (called) {
      const { spec, loadedBy } = called;
      // The specs of one folder (a vendor's API split per product, `twilio/*.yaml`) are one finding, on the first.
      const folder = dirname(spec.source.path);
      const siblings = c.calledApis.filter((o) => dirname(o.spec.source.path) === folder).map((o) => o.spec.source.path).sort();
      if (siblings[0] !== spec.source.path) return [];
      const more = siblings.length > 1 ? ` (so are the ${siblings.length - 1} other specs of this folder)` : '';
      const hosts = [...new Set(spec.publicHosts.map((h) => h.host))];
      const why = loadedBy ? `${relative(c.dir, loadedBy)} loads it as data` : `its server${hosts.length > 1 ? 's are' : ' is'} ${hosts.slice(0, 3).join(', ')}${hosts.length > 3 ? ', ...' : ''}`;
      return [{
        severity: 'information',
        message: `${spec.ops.length === 1 ? 'The one operation of this spec is not' : `None of the ${spec.ops.length} operations of this spec is`} served by the ${c.routes} routes of service ${c.service}, and ${why}: it is read as the spec of an API the service calls, so the rules for APIs a service serves are not applied to it${more}. If the service serves it, map the spec to the service in the configuration file (services.<name>.spec).`,
        at: spec.publicHosts[0]?.at ?? entry(spec.root, 'paths')?.key ?? spec.root,
      }];
    }
    return c.unimplemented
      .filter((u) => u.spec.source.path === ctx.source.path && u.spec.source.text === ctx.source.text)
      .map(({ op }) => ({
        message: `${op.method.toUpperCase()} ${op.path} is described here, but none of the ${c.routes} routes of service ${c.service} (read from ${relative(ctx.workspace.model.top ?? c.dir, c.dir) || '.'}) serves it: clients that follow the spec get 404. Implement it, or remove it from the spec.`,
        at: op.at,
      }));
  },
};
