import { CODE_KINDS, comparisonOf, inSpec, routeLabel, specName } from './consistency';
import { normalizeTemplate } from '../code/routes/template';
import { pathItemStub } from '../workspace/specs/stub';
import type { Rule } from './types';

/** A route the service serves in code that no operation of the service's spec describes (see workspace/specs/). */
export const undocumentedRoute: Rule = {
  id: 'undocumented-route',
  kinds: CODE_KINDS,
  defaultSeverity: 'warning',
  title: 'A route in code that the service\'s API spec does not describe',
  description:
    'The spec is the contract: clients, gateways, generated SDKs and reviewers only know what it describes. A route the service serves but the spec leaves out is an undocumented, unreviewed entry point. Describe it in the spec (the quick fix adds a path item stub) or remove the route. Health, readiness, metrics and docs routes are exempt.',
  check(ctx) {
    const c = comparisonOf(ctx);
    if (!c) return [];
    return c.undocumented
      .filter((r) => r.file === ctx.source.path)
      .map((route) => {
        const p = normalizeTemplate(route.path);
        // Stub into the spec whose server path the route starts with, else the first.
        const spec = c.specs.find((s) => s.serverPaths.some((b) => p.startsWith(normalizeTemplate(b) + '/'))) ?? c.specs[0];
        const names = c.specs.map(specName).join(', ');
        return {
          message: `${routeLabel(route)} is served by service ${c.service}, but no operation of its spec (${names}) describes it: clients, gateways and reviewers that go by the spec do not know it exists. Describe it in the spec, or remove the route.`,
          at: route.at,
          related: [inSpec(spec, `the spec of service ${c.service}`)],
          fix: () => pathItemStub(spec, route),
        };
      });
  },
};
