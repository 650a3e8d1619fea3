import { relative } from 'node:path';
import { isBackendCode } from '../code/common';
import type { EnvRead } from '../code/envReads';
import { composeEnvironmentFix } from '../workspace/compose/environmentFix';
import type { ServiceNode } from '../workspace/model';
import type { WorkspaceIndex } from '../workspace/index';
import type { OffsetFix, Report, Rule } from './types';

const FAILS: Record<string, string> = {
  py: 'raises KeyError',
  js: 'gives undefined where the code needs a value',
  go: 'ends the program',
  java: 'fails',
};

function consequence(path: string, read: EnvRead): string {
  if (read.kind === 'property') return 'Spring cannot resolve the placeholder and the application context fails to start';
  const lang = /\.py$/.test(path) ? 'py' : /\.go$/.test(path) ? 'go' : /\.java$/.test(path) ? 'java' : 'js';
  return `the read ${FAILS[lang]} when it is unset`;
}

/** "compose service 'orders' (docker-compose.yml)" / "Kubernetes Deployment 'orders' (k8s/orders.yaml)". */
function deploymentName(s: ServiceNode, from: string): string {
  const rel = relative(from, s.location.path);
  const file = rel && !rel.startsWith('..') ? rel : s.location.path;
  return s.workload ? `Kubernetes ${s.workload.kind} '${s.name}' (${file})` : `compose service '${s.name}' (${file})`;
}

/** The variable a Spring property is set by (relaxed binding: `payments.service-url` -> PAYMENTS_SERVICEURL). */
const variableOf = (read: EnvRead) => (read.kind === 'property' ? read.name.replace(/-/g, '').replace(/[.[\]]+/g, '_').toUpperCase() : read.name);

/** The variable added to the compose service's environment, from the model and the compose text as they are when asked. */
function fixFor(workspace: WorkspaceIndex, deployments: ServiceNode[], variable: string): OffsetFix | undefined {
  const compose = deployments.find((d) => !d.origin);
  if (!compose) return undefined; // Kubernetes only: no value to write that is both safe and honest
  const current = workspace.model.peek()?.services.find((s) => s.id === compose.id) ?? compose;
  return composeEnvironmentFix(current, variable, (path) => workspace.deploymentSource(path));
}

/**
 * A read of an environment variable (or a Spring property) with no default, in the code of a deployed service
 * whose deployment does not set it. The per-file result is kept by the workspace index
 * (workspace/deploymentChecks.ts): this rule only turns it into findings.
 */
export const unsetEnvironmentVariable: Rule = {
  id: 'unset-environment-variable',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'warning',
  title: 'Code reads an environment variable that its deployment does not set',
  description:
    "A service that reads a required variable (no default, a failure when it is missing) crashes or misbehaves at start-up when its deployment does not set it. Set the variable in the service's compose environment or Kubernetes env (or a ConfigMap or Secret it loads), or give the read a default.",
  check(ctx) {
    const checks = ctx.workspace.deployment?.of(ctx.source.path);
    if (!checks?.unset.length || !isBackendCode(ctx)) return [];
    const root = ctx.workspace.model.top ?? '';
    const where = checks.deployments.map((d) => deploymentName(d, root)).join(' and ');
    const { workspace } = ctx;
    const deployments = checks.deployments;
    const seen = new Set<string>();
    const reports: Report[] = [];
    for (const read of checks.unset) {
      if (seen.has(read.name)) continue; // one finding per variable and file: the first read
      seen.add(read.name);
      const variable = variableOf(read);
      const what = read.kind === 'property' ? `property '${read.name}' (or its variable ${variable})` : `environment variable ${read.name}`;
      reports.push({
        message: `${read.form} reads ${what} with no default, and ${where} does not set it: ${consequence(ctx.source.path, read)}. Set it in the deployment, or give the read a default`,
        at: { start: read.start, end: read.end },
        related: checks.deployments.map((d) => ({ path: d.location.path, range: d.location.range, message: `${deploymentName(d, root)} is defined here` })),
        fix: () => fixFor(workspace, deployments, variable),
      });
    }
    return reports;
  },
};
