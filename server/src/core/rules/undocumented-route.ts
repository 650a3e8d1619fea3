import { CODE_KINDS, comparisonOf, inSpec, routeLabel, specName } from './consistency';
import { normalizeTemplate } from '../code/routes/template';
import { pathItemStub } from '../workspace/specs/stub';
import { generatedFromProto, isGeneratedSpecFile, workspaceTop } from '../openapi/generated';
import { consistencyOf } from '../workspace/specs/attach';
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
    // A spec written from the code (FastAPI's, a code-first generator's) that lacks routes is out of date: one cause,
    // reported once at the service's first such route; describing each route by hand in generated output is no fix.
    const top = workspaceTop(ctx);
    if (c.undocumented.length && c.specs.every((s) => isGeneratedSpecFile(s.source.path, s.root, top))) {
      const [first, ...rest] = [...c.undocumented].sort((a, b) => (a.file === b.file ? a.at.start - b.at.start : a.file < b.file ? -1 : 1));
      if (first.file !== ctx.source.path) return [];
      const names = c.specs.map(specName).join(', ');
      const more = rest.length ? ` and ${rest.length} more route${rest.length === 1 ? '' : 's'}` : '';
      // A spec generated from .proto files describes the gateway's routes; routes registered by hand are outside its source.
      const proto = c.specs.every((s) => generatedFromProto(s.source.text, s.root));
      return [{
        message: proto
          ? `${routeLabel(first)}${more} served by service ${c.service} ${rest.length ? 'are' : 'is'} registered by hand, outside the .proto files its spec (${names}) is generated from, so clients, gateways and reviewers that go by the spec do not know ${rest.length ? 'them' : 'it'}. Describe ${rest.length ? 'them' : 'it'} in the .proto (google.api.http) or in a spec of ${rest.length ? 'their' : 'its'} own, if ${rest.length ? 'they are' : 'it is'} part of the API.`
          : `${routeLabel(first)}${more} served by service ${c.service} ${rest.length ? 'are' : 'is'} missing from its spec (${names}), which is generated from the code: the spec is out of date, so clients, gateways and reviewers that go by it do not know ${rest.length ? 'them' : 'it'}. Generate the spec again (or keep these routes out of the schema on purpose).`,
        ...(proto ? { severity: 'information' as const } : {}),
        at: first.at,
        related: [inSpec(c.specs[0], `the generated spec of service ${c.service}`), ...rest.slice(0, 20).map((r) => ({ path: r.file, range: consistencyOf(ctx.workspace).rangeOf(r.file, r.at), message: `${routeLabel(r)}: also missing from the spec` })).filter((r) => r.range)],
      }];
    }
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
