import type { FileKind } from '../documents/classify';
import { codeHealthEndpoint } from '../code/health';
import { isHealthPath } from './openapi';
import { specOf } from '../openapi/spec';
import { specInCodeFolder } from '../openapi/codeFolder';
import { get, str } from '../documents/tree';
import type { Report, Rule, RuleContext } from './types';

/**
 * OpenAPI: a spec with operations and none of them on a health/readiness path. A spec generated from a .proto file
 * (protoc-gen-openapiv2 titles it after the file) describes a gRPC service's HTTP gateway: its health check is the
 * gRPC health protocol's, which no spec lists.
 */
function checkOpenApi(ctx: RuleContext): Report[] {
  const spec = specOf(ctx);
  if (!spec || !spec.ops.length || spec.ops.some((op) => isHealthPath(op.path))) return [];
  // A spec inside a service's code folder: the code and its deployment's probes say whether it has a health
  // endpoint (Spring Actuator's, a router of its own); a business contract need not list operational endpoints.
  if (specInCodeFolder(ctx)) return [];
  if (/\.proto$/.test(str(get(get(spec.root, 'info'), 'title')) ?? '')) return [];
  return [{
    message: `No health or readiness endpoint among the ${spec.ops.length} operation${spec.ops.length === 1 ? '' : 's'} (e.g. GET /health): orchestrators and load balancers cannot tell a healthy instance from a hung one`,
    at: spec.rootKey,
  }];
}

/** One check per file kind; other kinds (service code) add an entry here and to `kinds`. */
const CHECKS: Partial<Record<FileKind, (ctx: RuleContext) => Report[]>> = {
  openapi: checkOpenApi,
  python: codeHealthEndpoint,
  typescript: codeHealthEndpoint,
  javascript: codeHealthEndpoint,
  go: codeHealthEndpoint,
};

export const missingHealthEndpoint: Rule = {
  id: 'missing-health-endpoint',
  kinds: Object.keys(CHECKS) as FileKind[],
  defaultSeverity: 'information',
  title: 'A service exposes no health or readiness endpoint',
  description:
    'Health checks are how the platform finds and replaces a failing instance within minutes. A service should expose a liveness and a readiness endpoint (GET /health, /ready) that checks its own dependencies.',
  check(ctx) {
    return CHECKS[ctx.source.kind]?.(ctx) ?? [];
  },
};
